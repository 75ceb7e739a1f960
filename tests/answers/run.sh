#!/usr/bin/env bash
# Answers files: each bad/NAME.yaml must give exactly bad/NAME.expected
# from `guidepress check` (stderr, then "exit N"), and no report may be
# written from it.  The two samples of content/examples must judge as
# good/NAME.json says.
#
#   tests/answers/run.sh --update   rewrite the expectations (review!)
set -u
cd "$(dirname "$0")/../.."
GP=${GP:-build/guidepress}
tmp=${GP_TMP:-$(mktemp -d)}/answers
rm -rf "$tmp"
mkdir -p "$tmp"
update=${1:-}
pass=0
fail=0
for f in tests/answers/bad/*.yaml; do
	want=${f%.yaml}.expected
	got=$("$GP" check --content content "$f" 2>&1 >/dev/null; echo "exit $?")
	if [ "$update" = --update ]; then
		printf '%s\n' "$got" >"$want"
		continue
	fi
	# and report writes nothing, leaving an existing file alone
	echo keep >"$tmp/old.pdf"
	"$GP" report --content content "$f" -o "$tmp/old.pdf" --json "$tmp/r.json" >/dev/null 2>&1
	kept=yes
	if grep -q '^exit 2$' "$want" &&
		{ [ "$(cat "$tmp/old.pdf")" != keep ] || [ -e "$tmp/r.json" ]; }; then
		kept=no
	fi
	if [ "$got" = "$(cat "$want")" ] && [ $kept = yes ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $f"
		diff "$want" <(printf '%s\n' "$got") | sed 's/^/  /'
	fi
	rm -f "$tmp/r.json"
done
for f in content/examples/*.yaml; do
	name=$(basename "$f" .yaml)
	want=tests/answers/good/$name.json
	"$GP" report --content content "$f" --json "$tmp/$name.json" 2>"$tmp/$name.err"
	# the hash of the file is in the report; the golden file has it too
	if [ "$update" = --update ]; then
		mkdir -p tests/answers/good
		cp "$tmp/$name.json" "$want"
		continue
	fi
	if cmp -s "$want" "$tmp/$name.json"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $f"
		cat "$tmp/$name.err"
		diff "$want" "$tmp/$name.json" | head -40 | sed 's/^/  /'
	fi
done
[ "$update" = --update ] && { echo updated; exit 0; }

# 10,000 unknown controls: refused whole, with one message, not 10,000
{
	cat tests/answers/bad/bad-status.yaml | sed '/^answers:/,$d'
	echo "answers:"
	for i in $(seq 1 10000); do echo "  X.$i: {status: implemented}"; done
} >"$tmp/huge.yaml"
start=$(date +%s%N)
"$GP" check --content content "$tmp/huge.yaml" 2>"$tmp/huge.err"
status=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$status" = 2 ] && grep -q "more than 1000 answers: refusing the file" "$tmp/huge.err" &&
	[ "$(wc -l <"$tmp/huge.err")" -le 3 ]; then
	pass=$((pass + 1))
	echo "10,000 unknown controls refused in $ms ms"
else
	fail=$((fail + 1))
	echo "FAIL 10,000 unknown controls: exit $status"
	head -5 "$tmp/huge.err"
fi
echo "answers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
