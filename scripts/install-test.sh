#!/usr/bin/env bash
# The package as an office worker meets it: installed with apt on this machine, the app started
# by its desktop entry's command under Xvfb in a fresh home, its window found by its title, then
# the package removed, and the books the app wrote still in the person's data folder.
# Needs root or sudo (it installs a system package). Usage: install-test.sh FILE.deb
set -euo pipefail
deb="$(realpath "$1")"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT

started=$(date +%s%N)
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
installed=$(( ($(date +%s%N) - started) / 1000000 ))
echo "install-test: installed in ${installed} ms"
konbit --version

"$(dirname "$0")/start-installed.sh" "$home"

DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq konbit >/dev/null
if command -v konbit-app >/dev/null 2>&1; then
  echo "install-test: konbit-app is still installed after the removal" >&2
  exit 1
fi
books="$(find "$home/.local/share" -name konbit.sqlite -print -quit)"
if [ -z "$books" ]; then
  echo "install-test: the data folder lost its database when the package was removed" >&2
  exit 1
fi
echo "install-test: removed; the books stay in ${books#"$home"/}"
