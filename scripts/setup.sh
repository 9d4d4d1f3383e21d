#!/usr/bin/env bash
# Installs what Konbit needs to build, run and test on Debian 12 (or Ubuntu): the system
# libraries of the Tauri window, the WebDriver of WebKitGTK, Xvfb, poppler, hledger and ledger
# for the tests, and the checkers of the Debian package (desktop-file-validate, appstreamcli,
# xdotool to find its window), and PostgreSQL 15 for the office's shared books (the tests start
# a throwaway cluster of their own; the package's own cluster is left as Debian sets it up).
# Installs only what is missing; uses sudo when not root. Changes nothing else.
set -euo pipefail

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "konbit setup: '$1' is missing. $2" >&2
    exit 1
  fi
}
need cargo "Install Rust with rustup (https://rustup.rs), then open a new terminal."
need node "Install Node.js 20 or later (Debian: apt-get install nodejs npm)."
need npm "Install npm (Debian: apt-get install npm)."

packages=(
  build-essential pkg-config libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev librsvg2-dev
  webkit2gtk-driver xvfb xauth imagemagick poppler-utils hledger ledger fonts-dejavu-core
  desktop-file-utils appstream xdotool postgresql-15
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "konbit setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
