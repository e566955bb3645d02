#!/usr/bin/env python3
"""A client for the orchestrator's API using only Python's standard library.

It speaks HTTP/1.1 over the service's unix socket, the way a VM manager written in Python
would: create a sandbox, add a container whose rootfs is a host directory (plus an optional
read-only volume), print what the guest must mount, then destroy the sandbox and check that the
teardown report is clean.

    orchestrator_client.py [--socket PATH] demo --sandbox ID --rootfs DIR [--volume DIR]

Errors from the service are RFC 7807 problems; they are printed with their type and detail and
the script exits with 1. Exit code 2 means the service could not be reached.
"""

import argparse
import http.client
import json
import socket
import sys
import urllib.parse

DEFAULT_SOCKET = "/run/orchestrator/orchestrator.sock"


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over AF_UNIX: the Host header is a placeholder, the socket path is the address."""

    def __init__(self, path, timeout):
        super().__init__("orchestrator", timeout=timeout)
        self._path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self._path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


class Problem(Exception):
    """A 4xx/5xx answer: the service's problem document."""

    def __init__(self, status, body):
        self.status = status
        self.body = body
        detail = body.get("detail") or body.get("title") or ""
        super().__init__(f"{status} {body.get('type', 'about:blank')}: {detail}")


class Orchestrator:
    # A teardown that retries a busy mount can take a while; creates are quick.
    def __init__(self, socket_path=DEFAULT_SOCKET, timeout=300):
        self._socket = socket_path
        self._timeout = timeout

    def _call(self, method, path, body=None):
        connection = UnixHTTPConnection(self._socket, self._timeout)
        try:
            payload = None if body is None else json.dumps(body).encode("utf-8")
            headers = {"Accept": "application/json"}
            if payload is not None:
                headers["Content-Type"] = "application/json"
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            document = json.loads(raw) if raw else {}
            if response.status >= 400:
                raise Problem(response.status, document)
            return document
        finally:
            connection.close()

    def health(self):
        return self._call("GET", "/v1/health")

    def create_sandbox(self, sandbox_id, shared_fs="virtiofs"):
        return self._call("POST", "/v1/sandboxes", {"id": sandbox_id, "sharedFs": shared_fs})

    def add_container(self, sandbox_id, container_id, rootfs_dir, volumes=()):
        mounts = [
            {"source": source, "destination": destination, "readOnly": True}
            for source, destination in volumes
        ]
        body = {
            "id": container_id,
            "rootfs": {"type": "bind", "source": rootfs_dir},
            "mounts": mounts,
        }
        return self._call("POST", f"/v1/sandboxes/{quote(sandbox_id)}/containers", body)

    def sandbox(self, sandbox_id):
        return self._call("GET", f"/v1/sandboxes/{quote(sandbox_id)}")

    def destroy_sandbox(self, sandbox_id):
        return self._call("DELETE", f"/v1/sandboxes/{quote(sandbox_id)}")


def quote(segment):
    return urllib.parse.quote(segment, safe="")


def demo(client, args):
    client.health()
    sandbox = client.create_sandbox(args.sandbox)
    print(f"sandbox {sandbox['id']}: {sandbox['lifecycle']}, shared dir {sandbox['sharedDir']}")

    volumes = [(args.volume, "/data")] if args.volume else []
    try:
        plan = client.add_container(args.sandbox, "app", args.rootfs, volumes)
        print(f"container app: rootfs at {plan['rootfs']['guestPath']} in the guest")
        for shared in plan["sharedPaths"]:
            print(f"  {shared['containerPath']} <- {shared['guestPath']}{' (ro)' if shared['readOnly'] else ''}")
        for mount in plan["ociMounts"]:
            print(f"  oci mount {mount['destination']}: {mount['type']} {mount['source']} {','.join(mount['options'])}")

        listed = client.sandbox(args.sandbox)
        states = {c["id"]: c["lifecycle"] for c in listed["containers"]}
        print(f"sandbox {args.sandbox} containers: {json.dumps(states, sort_keys=True)}")
    finally:
        # Whatever happened above, leave nothing mounted behind.
        report = client.destroy_sandbox(args.sandbox)
        print(f"destroyed {args.sandbox}: clean={str(report['clean']).lower()}")
        for error in report["errors"]:
            print(f"  teardown error: {error}", file=sys.stderr)
    return 0 if report["clean"] else 1


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", default=DEFAULT_SOCKET, help=f"the service's unix socket (default {DEFAULT_SOCKET})")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("demo", help="create a sandbox with one container, show the guest plan, destroy it")
    run.add_argument("--sandbox", required=True, help="the sandbox id to create")
    run.add_argument("--rootfs", required=True, help="a host directory to bind as the container's rootfs")
    run.add_argument("--volume", help="a host directory to bind read-only at /data")
    args = parser.parse_args(argv)

    client = Orchestrator(args.socket)
    try:
        return demo(client, args)
    except Problem as problem:
        print(f"orchestrator refused: {problem}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"cannot reach the orchestrator on {args.socket}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
