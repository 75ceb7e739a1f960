#!/usr/bin/env bash
# Hostile inputs, each under a time limit: a YAML alias bomb, nesting
# past the limit, a file over the size limit, a very long line, deeply
# nested Markdown, a control with thousands of items.  Each must end
# quickly with the right message and no crash.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
fails=0
C=III/III.1/III.1.1.1.md

# case NAME EXPECTED-MESSAGE: check the tree $T/NAME within 10 seconds
case_() {
	local name=$1 want=$2 st
	timeout 10 "$GP" check --content "$T/$name" >/dev/null 2>"$T/$name.err"
	st=$?
	if [ $st -ge 124 ] || ! grep -qF -- "$want" "$T/$name.err"; then
		echo "FAIL $name: exit $st"
		head -3 "$T/$name.err"
		fails=$((fails + 1))
	else
		echo "ok   $name"
	fi
}
tree() { rm -rf "$T/$1"; cp -r tests/regress/base "$T/$1"; }

tree bomb
{
	printf -- '---\nid: III.1.1.1\nlevel: 基本\na: &a ["x","x","x","x","x","x","x","x","x"]\n'
	for i in b c d e f g h i j; do
		p=$(printf '%s' abcdefghij | sed "s/$i.*//" | tail -c 1)
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $i $i $p $p $p $p $p $p $p $p $p
	done
	printf -- '---\n本文。\n'
} >"$T/bomb/$C"
case_ bomb "YAML aliases (*name) are not allowed here"

tree deep
{
	printf -- '---\nid: III.1.1.1\nlevel: 基本\nitems: '
	for i in $(seq 200); do printf '['; done
	for i in $(seq 200); do printf ']'; done
	printf -- '\n---\n本文。\n'
} >"$T/deep/$C"
case_ deep "YAML nested deeper than 32 levels"

tree big
{
	printf -- '---\nid: III.1.1.1\nlevel: 基本\n---\n'
	head -c 9000000 /dev/zero | tr '\0' 'a'
} >"$T/big/$C"
case_ big "file is larger than 8388608 bytes"

tree longline
{
	printf -- '---\nid: III.1.1.1\nlevel: 基本\n---\n'
	for i in $(seq 200000); do printf '本文'; done
	printf '\n'
} >"$T/longline/$C"
case_ longline "0 errors"

tree nested
{
	printf -- '---\nid: III.1.1.1\nlevel: 基本\n---\n本文。\n\n'
	for i in $(seq 3000); do printf '%*s- 入れ子\n' $((i % 400)) ''; done
	for i in $(seq 5000); do printf '>'; done
	printf ' 引用\n'
} >"$T/nested/$C"
case_ nested "0 errors"

tree items
{
	printf -- '---\nid: III.1.1.1\nlevel: 基本\nitems:\n'
	for i in $(seq 5000); do
		printf '  - {key: a, label: x, values: {1: 1回/1日, 2: unknown, 3: unknown, 4: unknown, 5: unknown, 6: unknown}}\n'
	done
	printf -- '---\n本文。\n'
} >"$T/items/$C"
case_ items "duplicate item key 'a'"

# files are read ahead in threads, yet messages come in file order: an
# unreadable directory's between those of the files around it (as
# nobody when root, who could read it anyway)
tree order
sed -i '2i bogus: 1' "$T/order/I/I.1.md" "$T/order/III/III.1/III.1.1.1.md"
chmod -R a+rX "$T/order" && chmod a+x "$T" "$(dirname "$T")"
chmod 000 "$T/order/II/II.1"
run=()
[ "$(id -u)" -ne 0 ] || run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
"${run[@]}" "$GP" check --content "$T/order" 2>&1 |
	sed -E 's/(:[0-9]+)*: error: /: /; s/(cannot list directory): .*/\1/' >"$T/order.err"
printf '%s\n' "guidepress: $T/order/I/I.1.md: unknown key 'bogus'" \
	"guidepress: $T/order/II/II.1: cannot list directory" \
	"guidepress: $T/order/III/III.1/III.1.1.1.md: unknown key 'bogus'" \
	>"$T/order.want"
if head -3 "$T/order.err" | cmp -s - "$T/order.want"; then
	echo "ok   order"
else
	echo "FAIL order: messages out of file order"
	diff "$T/order.want" "$T/order.err" | head -8
	fails=$((fails + 1))
fi
chmod 755 "$T/order/II/II.1"

echo "pathological: $fails failed"
[ "$fails" -eq 0 ]
