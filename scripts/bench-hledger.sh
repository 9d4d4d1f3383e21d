#!/usr/bin/env bash
# make bench-hledger: the same books in Konbit and in hledger, in one run on this machine. Exports
# the demo's journal, checks that hledger's balance of revenues and expenses for the fiscal year
# equals `konbit stats`, then times each (whole processes, best of 5) and prints the ratio.
set -euo pipefail
konbit="${CARGO_TARGET_DIR:?}/release/konbit"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/konbit.sqlite"
"$konbit" --db "$db" demo ${KONBIT_SCALE:+--scale "$KONBIT_SCALE"} >/dev/null
"$konbit" --db "$db" export ledger --fy 2012-2013 -o "$work/books.journal" >/dev/null

hledger_total=$(hledger -f "$work/books.journal" balance '^revenues' '^expenses' -b 2012-09-01 -e 2013-09-01 -O csv | tail -1 | cut -d, -f2 | tr -d '" CAD')
konbit_result=$("$konbit" --db "$db" stats --fy 2012-2013 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])')
hledger_cents=$(python3 -c "print(round(-float('$hledger_total') * 100))")
if [ "$hledger_cents" != "$konbit_result" ]; then
  echo "bench-hledger: hledger says $hledger_cents cents, konbit stats $konbit_result: the books differ" >&2
  exit 1
fi

best() {
  local best=999999999
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    best=$(( (end - start) < best ? (end - start) : best ))
  done
  echo $(( best / 1000000 ))
}
transactions=$(grep -c '^[0-9]' "$work/books.journal")
h=$(best hledger -f "$work/books.journal" balance '^revenues' '^expenses' -b 2012-09-01 -e 2013-09-01)
k=$(best "$konbit" --db "$db" stats --fy 2012-2013 --json)
echo "books: $transactions transactions; revenues and expenses agree: result $konbit_result cents"
echo "hledger balance for 2012-2013: $h ms; konbit stats 2012-2013: $k ms (whole processes, best of 5)"
python3 -c "print(f'ratio: konbit is {($h) / max($k, 1):.1f} times as fast as hledger')"
