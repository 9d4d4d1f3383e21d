#!/usr/bin/env bash
# Starts the installed Konbit as the application menu would (its desktop entry's Exec) for a
# person whose home is HOME_DIR, under Xvfb, waits until xdotool finds the window titled
# "Konbit", then closes the app. Fails when no such window opens within 30 s.
# Usage: start-installed.sh HOME_DIR
set -euo pipefail
home="$1"
command="$(sed -n 's/^Exec=//p' /usr/share/applications/Konbit.desktop)"
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
xvfb-run -a -s "-screen 0 1280x1024x24" bash -c '
  '"$command"' & pid=$!
  for _ in $(seq 1 150); do
    if xdotool search --name "^Konbit$" >/dev/null 2>&1; then
      echo "start-installed: the window \"Konbit\" is open"
      kill $pid; wait $pid 2>/dev/null || true
      exit 0
    fi
    sleep 0.2
  done
  kill $pid 2>/dev/null || true
  echo "start-installed: no window titled Konbit within 30 s" >&2
  exit 1
'
