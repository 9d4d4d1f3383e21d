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
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$home"
}
trap cleanup EXIT

started=$(date +%s%N)
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
installed=$(( ($(date +%s%N) - started) / 1000000 ))
echo "install-test: installed in ${installed} ms"
konbit --version

# The desktop entry's own command, as the menu would run it.
command="$(sed -n 's/^Exec=//p' /usr/share/applications/Konbit.desktop)"
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
xvfb-run -a -s "-screen 0 1280x1024x24" bash -c '
  '"$command"' & pid=$!
  for _ in $(seq 1 150); do
    if xdotool search --name "^Konbit$" >/dev/null 2>&1; then
      echo "install-test: the window \"Konbit\" is open"
      kill $pid; wait $pid 2>/dev/null || true
      exit 0
    fi
    sleep 0.2
  done
  kill $pid 2>/dev/null || true
  echo "install-test: no window titled Konbit within 30 s" >&2
  exit 1
'

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
