#!/usr/bin/env bash
# make bench-hledger: the same books in Konbit and in hledger, in one run on this machine. Builds
# `konbit demo --scale $KONBIT_SCALE` (50 unless set: ten fiscal years, about a million time
# entries), exports every year's books as one journal, checks that hledger's balance of revenues
# and expenses for the last fiscal year equals `konbit stats`, then times each (whole processes,
# best of 5) and prints the ratio.
set -euo pipefail
konbit="${CARGO_TARGET_DIR:?}/release/konbit"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/konbit.sqlite"
scale="${KONBIT_SCALE:-50}"
# The scale's years follow the demo's 2012-2013, eight at most (core/src/demo/scale.rs).
later=$(( scale > 1 ? (scale - 1 < 8 ? scale - 1 : 8) : 0 ))
fy="$((2012 + later))-$((2013 + later))"
begin="$((2012 + later))-09-01"
end="$((2013 + later))-09-01"
"$konbit" --db "$db" demo --scale "$scale"
"$konbit" --db "$db" export ledger -o "$work/books.journal"

hledger_total=$(hledger -f "$work/books.journal" balance '^revenues' '^expenses' -b "$begin" -e "$end" -O csv | tail -1 | cut -d, -f2 | tr -d '" CAD')
konbit_result=$("$konbit" --db "$db" stats --fy "$fy" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])')
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
h=$(best hledger -f "$work/books.journal" balance '^revenues' '^expenses' -b "$begin" -e "$end")
k=$(best "$konbit" --db "$db" stats --fy "$fy" --json)
echo "books: $transactions transactions ($(du -h "$work/books.journal" | cut -f1) journal); revenues and expenses of $fy agree: result $konbit_result cents"
echo "hledger balance for $fy: $h ms; konbit stats $fy: $k ms (whole processes, best of 5)"
python3 -c "print(f'ratio: konbit is {($h) / max($k, 1):.1f} times as fast as hledger')"
