#!/usr/bin/env python3
"""Prints one markdown table of two benchmark runs (the JSON `--json` writes), case by case.

Usage: scripts/compare-benchmarks.py BEFORE.json AFTER.json [--before-label L] [--after-label L]
Cases are matched by suite and case text; a case only one run has is shown with a dash on the other side.
"""
import argparse
import json


def load(path):
    with open(path, encoding="utf-8") as f:
        run = json.load(f)
    return run, {(r["suite"], r["case"]): r for r in run["rows"]}


def cell(row):
    if row is None:
        return "–", "–"
    value = f'{row["value"]:,.0f} {row["unit"]}'
    ratio = "" if row.get("ratio") is None else f'{row["ratio"]:.2f}'
    if row.get("baseline") is not None:
        value += f' (baseline {row["baseline"]:,.0f})'
    return value, ratio


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--before-label", default="before")
    parser.add_argument("--after-label", default="after")
    args = parser.parse_args()
    before_run, before = load(args.before)
    after_run, after = load(args.after)
    keys = list(before) + [k for k in after if k not in before]
    print(f'{args.before_label}: {before_run["date"]}, {before_run["cores"]} cores; '
          f'{args.after_label}: {after_run["date"]}, {after_run["cores"]} cores\n')
    print(f"| Suite | Case | {args.before_label} | ratio | {args.after_label} | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for suite, case in keys:
        b_value, b_ratio = cell(before.get((suite, case)))
        a_value, a_ratio = cell(after.get((suite, case)))
        print(f"| {suite} | {case} | {b_value} | {b_ratio} | {a_value} | {a_ratio} |")


if __name__ == "__main__":
    main()
