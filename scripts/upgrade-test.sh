#!/usr/bin/env bash
# An upgrade keeps the books. The Konbit of the schema before this one (the commit before the
# last migration) writes the demo's books in a person's data folder; then this package is
# installed and its app started on them: the database is migrated, the copy taken before the
# migration is kept beside it, and the installed `konbit check` finds nothing wrong. The older
# Konbit is built apart, in ~/.cache/konbit/target-previous, so that its artifacts never mix
# with this tree's. Needs root or sudo. Usage: upgrade-test.sh FILE.deb
set -euo pipefail
deb="$(realpath "$1")"
repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
src="$(mktemp -d)"
home="$(mktemp -d)"
trap 'rm -rf "$src" "$home"' EXIT

last="$(git -C "$repo" log -1 --format=%H -- core/src/store/migrations)"
previous="$(git -C "$repo" rev-parse "$last^")"
git -C "$repo" archive "$previous" | tar -x -C "$src"
target="$HOME/.cache/konbit/target-previous"
CARGO_TARGET_DIR="$target" cargo build --release --locked --quiet --manifest-path "$src/Cargo.toml" --bin konbit
data="$home/.local/share/konbit"
mkdir -p "$data"
"$target/release/konbit" --db "$data/konbit.sqlite" demo >/dev/null
echo "upgrade-test: the demo's books written by Konbit at ${previous:0:7}, before the last migration"

DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >/dev/null
"$(dirname "$0")/start-installed.sh" "$home"
status=0
kept="$(find "$data" -maxdepth 1 -name 'konbit.sqlite.v*.bak' -print -quit)"
if [ -z "$kept" ]; then
  echo "upgrade-test: no copy of the books as they were before the migration" >&2
  status=1
fi
konbit --db "$data/konbit.sqlite" check || status=1
DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq konbit >/dev/null
[ "$status" -eq 0 ] && echo "upgrade-test: migrated by the new package, the old books kept as $(basename "$kept")"
exit "$status"
