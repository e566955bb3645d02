#!/usr/bin/env bash
# Installs the published service and its systemd unit.
#
#   <prefix>/lib/orchestrator/          the published tree and README.md (replaced whole; a running service
#                                       keeps its files)
#   <prefix>/bin/orchestrator           symlink to it, for the service and the CLI
#   /etc/orchestrator/appsettings.json  the configuration, from the tree's appsettings.json; never overwritten
#   /etc/systemd/system/orchestrator.service
#                                       the unit (overwritten: local changes belong in a drop-in,
#                                       systemctl edit orchestrator)
#
# Options:
#   --from DIR       the published tree (default: publish now with scripts/publish.sh into a temporary dir)
#   --prefix DIR     where the program goes (default /usr/local); the unit's ExecStart follows it
#   --dest-root DIR  install below DIR instead of / (like DESTDIR): for packaging and tests; nothing starts
#   --enable         then systemctl daemon-reload and systemctl enable --now orchestrator (only where
#                    systemd runs as PID 1; an upgrade of a running service needs systemctl restart orchestrator)
# Starts and enables nothing without --enable. Bad arguments exit 2 and change nothing.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

fail() { echo "install: $1" >&2; exit "${2:-1}"; }
usage() { fail "usage: scripts/install.sh [--from DIR] [--prefix DIR] [--dest-root DIR] [--enable]" 2; }

from= prefix=/usr/local dest_root= enable=false
while [ $# -gt 0 ]; do
  case "$1" in
    --from|--prefix|--dest-root)
      [ $# -ge 2 ] && [ -n "$2" ] || fail "$1 needs a directory" 2
      case "$1" in
        --from) from=$2 ;;
        --prefix) prefix=$2 ;;
        --dest-root) dest_root=$2 ;;
      esac
      shift ;;
    --enable) enable=true ;;
    -h|--help) usage ;;
    *) fail "unknown argument '$1'" 2 ;;
  esac
  shift
done

case "$prefix" in
  /*) prefix=${prefix%/}; [ -n "$prefix" ] || fail "--prefix: must not be /" 2 ;;
  *) fail "--prefix: must be an absolute path, got '$prefix'" 2 ;;
esac
if [ -n "$dest_root" ]; then
  case "$dest_root" in /*) ;; *) fail "--dest-root: must be an absolute path, got '$dest_root'" 2 ;; esac
  dest_root=${dest_root%/}
  [ "$enable" = false ] || fail "--enable: cannot enable a service installed below --dest-root" 2
elif [ "$(id -u)" -ne 0 ]; then
  fail "installing into / needs root (or use --dest-root DIR)" 2
fi
if [ -n "$from" ] && [ ! -x "$from/orchestrator" ]; then
  fail "--from: '$from' is not a published tree (no executable '$from/orchestrator'); run scripts/publish.sh" 2
fi
unit_template="$repo/deploy/orchestrator.service"
[ -f "$unit_template" ] || fail "$unit_template is missing"

staging=
cleanup() { [ -z "$staging" ] || rm -rf "$staging"; }
trap cleanup EXIT

if [ -z "$from" ]; then
  staging=$(mktemp -d)
  from=$("$repo/scripts/publish.sh" "$staging/publish" | tail -1)
fi

lib="$dest_root$prefix/lib/orchestrator"
bin="$dest_root$prefix/bin"
etc="$dest_root/etc/orchestrator"
units="$dest_root/etc/systemd/system"
install -d -m 0755 "$(dirname "$lib")" "$bin" "$units"
install -d -m 0755 "$etc"

# Copy beside the old tree, then swap: a running service has its libraries mapped, and overwriting a
# mapped file in place can crash it, while renaming and unlinking cannot.
rm -rf "$lib.new" "$lib.old"
mkdir -p "$lib.new"
cp -a "$from/." "$lib.new/"
# The unit's Documentation= points here.
cp "$repo/README.md" "$lib.new/README.md"
chmod -R u+rwX,go+rX,go-w "$lib.new"
[ ! -e "$lib" ] || mv "$lib" "$lib.old"
mv "$lib.new" "$lib"
rm -rf "$lib.old"

# Relative, so that the link also resolves below --dest-root.
ln -sfn "../lib/orchestrator/orchestrator" "$bin/orchestrator"

if [ -e "$etc/appsettings.json" ]; then
  echo "install: keeping $etc/appsettings.json (compare with $lib/appsettings.json after an upgrade)"
else
  # 0640: the file may hold a PostgreSQL connection string with its password.
  install -m 0640 "$lib/appsettings.json" "$etc/appsettings.json"
fi

sed "s|/usr/local/bin/orchestrator|$prefix/bin/orchestrator|g; s|/usr/local/lib/orchestrator|$prefix/lib/orchestrator|g" \
  "$unit_template" > "$units/orchestrator.service.new"
chmod 0644 "$units/orchestrator.service.new"
mv "$units/orchestrator.service.new" "$units/orchestrator.service"
echo "install: installed $lib, $bin/orchestrator, $units/orchestrator.service"

if [ "$enable" = true ]; then
  # sd_booted(3): systemd is PID 1 when this directory exists.
  if [ ! -d /run/systemd/system ]; then
    fail "--enable: systemd is not running as PID 1 here (PID 1 is $(cat /proc/1/comm 2>/dev/null || echo unknown)); the files are installed, start the service yourself"
  fi
  systemctl daemon-reload
  systemctl enable --now orchestrator.service
  echo "install: orchestrator.service enabled and started (journalctl -u orchestrator)"
fi
