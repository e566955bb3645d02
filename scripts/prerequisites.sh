#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine of this project's kind:
# util-linux (unshare, losetup, setpriv), the PostgreSQL server binaries the journal tests start
# a throwaway server from, and the hosting tests' tools (systemd-analyze, groupadd, python3). Does nothing when everything is present.
set -euo pipefail

missing=()
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v losetup >/dev/null 2>&1 || missing+=(mount)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# The hosting tests: systemd-analyze verifies the unit, setpriv (util-linux) drops capabilities and
# identities, groupadd/useradd make a temporary socket group, python3 connects as its member.
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v groupadd >/dev/null 2>&1 || missing+=(passwd)
[ -x /usr/bin/python3 ] || missing+=(python3)
id postgres >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "prerequisites: missing ${missing[*]}; run as root to install them, or tests that need them will be skipped" >&2
  exit 0
fi
echo "prerequisites: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
