#!/usr/bin/env bash
# Publishes the service for installation: `dotnet publish` of src/Orchestrator in Release for this machine's
# architecture into OUTDIR (default artifacts/publish): the `orchestrator` executable, its libraries and
# appsettings.json beside it; scripts/install.sh installs that tree.
#
# Self-contained by default: the tree carries the .NET runtime it was built with (about 130 MB) and the node
# needs no .NET install. --framework-dependent leaves the runtime out (about 30 MB); the node then needs the
# .NET 10 runtime with ASP.NET Core (Microsoft.AspNetCore.App 10.0) in /usr/share/dotnet or where
# /etc/dotnet/install_location says. Either way a .NET security update means publishing and installing again
# (self-contained) or updating the node's runtime (framework-dependent).
#
# Usage: scripts/publish.sh [--framework-dependent] [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/publish.sh [--framework-dependent] [OUTDIR]" >&2; exit 2; }

self_contained=true
out=
while [ $# -gt 0 ]; do
  case "$1" in
    --framework-dependent) self_contained=false ;;
    -h|--help) usage ;;
    -*) echo "publish: unknown option $1" >&2; usage ;;
    *) [ -z "$out" ] || usage; out=$1 ;;
  esac
  shift
done
out=${out:-artifacts/publish}
case "$out" in
  /*) ;;
  *) out="$(pwd)/$out" ;;
esac

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "publish: no .NET runtime identifier known for $(uname -m)" >&2; exit 1 ;;
esac

# A stale tree could keep a library this build no longer ships.
rm -rf "$out"
# No build servers (-nodeReuse:false, UseSharedCompilation=false): the script leaves no process behind.
dotnet publish src/Orchestrator -c Release -r "$rid" --self-contained "$self_contained" -o "$out" \
  --nologo -v:q -clp:NoSummary -nodeReuse:false -p:UseSharedCompilation=false -warnaserror

for required in orchestrator orchestrator.dll appsettings.json; do
  if [ ! -e "$out/$required" ]; then
    echo "publish: $out/$required is missing from the published tree" >&2
    exit 1
  fi
done
echo "$out"
