#!/usr/bin/env bash
# guidepress diff on the fixture editions of tests/diff (the draft put
# out for public comment, 2007-12-19, and the final text, 2008-01-30;
# see tests/diff/README.md): the text and JSON output equal the
# checked-in expectations; the HTML is valid HTML5 and marks the
# changes; renumbering.yaml is honoured and an unknown old ID warned
# about; bad input and a bad format fail as documented; 3,000 controls
# rewritten take bounded time.
set -uo pipefail
cd "$(dirname "$0")/../.."
GP=${GP:-build/guidepress}
tmp=${GP_TMP:-$(mktemp -d)}/diff
rm -rf "$tmp"
mkdir -p "$tmp"
fx=tests/diff
fails=0
fail() {
	echo "FAIL $*"
	fails=$((fails + 1))
}
has() { # has FILE TEXT DESCRIPTION
	grep -qF -- "$2" "$1" || fail "$3: no '$2' in $(basename "$1")"
}

for e in old new; do
	"$GP" check --content "$fx/$e" 2>"$tmp/check.$e" ||
		fail "check $fx/$e: $(cat "$tmp/check.$e")"
	grep -q ': 0 errors, 0 warnings$' "$tmp/check.$e" ||
		fail "check $fx/$e is not clean: $(cat "$tmp/check.$e")"
done

for f in text json; do
	if ! "$GP" diff "$fx/old" "$fx/new" --format "$f" >"$tmp/out.$f" \
		2>"$tmp/err.$f"; then
		fail "diff --format $f exited $?: $(cat "$tmp/err.$f")"
	fi
	[ -s "$tmp/err.$f" ] && fail "diff --format $f wrote to stderr:" \
		"$(cat "$tmp/err.$f")"
	want=$fx/expected.$f
	[ "$f" = text ] && want=$fx/expected.txt
	diff -u "$want" "$tmp/out.$f" || fail "diff --format $f differs" \
		"from $want (above: - expected, + got)"
done
"$GP" diff "$fx/old" "$fx/new" >"$tmp/default"
cmp -s "$tmp/default" "$tmp/out.text" || fail "the default format is not text"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/out.json" ||
	fail "the JSON does not parse"

# HTML: well formed for an HTML parser, changes marked in the text
"$GP" diff "$fx/old" "$fx/new" --format html >"$tmp/out.html" ||
	fail "diff --format html"
head -1 "$tmp/out.html" | grep -qx '<!DOCTYPE html>' || fail "html: doctype"
python3 - "$tmp/out.html" <<'PY' || fail "html: not well formed"
import sys
from html.parser import HTMLParser
void = {"meta", "br", "hr", "img", "link", "input"}
class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack = []
    def handle_starttag(self, tag, attrs):
        if tag not in void:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            sys.exit("unbalanced </%s>" % tag)
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
if p.stack:
    sys.exit("unclosed: %s" % p.stack)
PY
vnu=tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$vnu" ] && command -v java >/dev/null; then
	java -jar "$vnu" --errors-only "$tmp/out.html" 2>"$tmp/vnu" ||
		fail "html: Nu HTML Checker: $(head -5 "$tmp/vnu")"
fi
has "$tmp/out.html" '<ins>、もしくは遮断</ins>' "html: the IDS/IPS insertion"
has "$tmp/out.html" '<ins>/IPS </ins>' "html: the IDS/IPS insertion"
has "$tmp/out.html" 'Ⅱ.2.2.1 iv から移動' "html: the moved best practice"
has "$tmp/out.html" '旧番号 Ⅲ.3.1.6' "html: the renumbered control"
has "$tmp/out.html" '<del>1回/3ヶ月</del>' "html: the changed value"

# an edition compared with itself: nothing changed
"$GP" diff "$fx/new" "$fx/new" >"$tmp/same" || fail "diff NEW NEW exited $?"
[ "$(wc -l <"$tmp/same")" -eq 2 ] || fail "diff NEW NEW lists changes:" \
	"$(cat "$tmp/same")"
has "$tmp/same" "added 0, removed 0, renumbered 0, changed 0," "diff NEW NEW"

# renumbering.yaml: II.7.1.3 became II.7.1.2 (old II.7.1.2 is gone);
# an old ID the old edition lacks is a warning (exit 1)
cp -r "$fx/new" "$tmp/renum"
printf 'II.7.1.3: II.7.1.2\nII.9.9.9: II.2.1.2\n' >"$tmp/renum/renumbering.yaml"
"$GP" diff "$fx/old" "$tmp/renum" >"$tmp/renum.out" 2>"$tmp/renum.err"
st=$?
[ "$st" -eq 1 ] || fail "renumbering.yaml: exit $st, want 1"
has "$tmp/renum.out" "Ⅱ.7.1.2  renumbered from Ⅱ.7.1.3; changed: text" \
	"renumbering.yaml"
has "$tmp/renum.out" "Ⅱ.7.1.2  removed (基本)" "renumbering.yaml: old II.7.1.2"
has "$tmp/renum.err" "renumbering.yaml: warning: renumbered from II.9.9.9," \
	"unknown old ID"

# a nested best practice edited, a level and an item label changed
cp -r "$fx/new" "$tmp/edit"
sed -i 's/22 分野に 35 のガイドライン/22 分野に 40 のガイドライン/' \
	"$tmp/edit/II/II.7/II.7.1.1.md"
sed -i 's/^level: 推奨$/level: 基本/; s/シグニチャ（パターンファイル）の/シグニチャの/' \
	"$tmp/edit/III/III.3/III.3.1.5.md"
"$GP" diff "$fx/new" "$tmp/edit" >"$tmp/edit.out" || fail "edited: exit $?"
has "$tmp/edit.out" "best practice ii changed: …保護法関係のガイドライン" \
	"edited best practice"
has "$tmp/edit.out" "22 分野に [-35-]{+40+} のガイドラインがある。" \
	"edited best practice"
has "$tmp/edit.out" "Ⅲ.3.1.5  changed: level, items" "level and label"
has "$tmp/edit.out" "level: 推奨 → 基本" "level"
has "$tmp/edit.out" "item - label: シグニチャ[-（パターンファイル）-]の更新間隔" \
	"item label"

# errors: a broken edition (exit 2, nothing written), a bad format (64)
cp -r "$fx/old" "$tmp/bad"
printf -- '---\nid: III.3.1.5\nlevel: 最高\n---\n本文\n' \
	>"$tmp/bad/III/III.3/III.3.1.5.md"
"$GP" diff "$tmp/bad" "$fx/new" >"$tmp/bad.out" 2>"$tmp/bad.err"
st=$?
[ "$st" -eq 2 ] || fail "broken old edition: exit $st, want 2"
[ -s "$tmp/bad.out" ] && fail "broken old edition: output written"
"$GP" diff "$fx/old" "$fx/new" --format xml >/dev/null 2>"$tmp/fmt.err"
st=$?
[ "$st" -eq 64 ] || fail "--format xml: exit $st, want 64"
"$GP" diff "$fx/old" >/dev/null 2>&1
st=$?
[ "$st" -eq 64 ] || fail "one edition only: exit $st, want 64"

# bounded work: 3,000 controls, half their best practices rewritten
python3 - "$tmp/big" "$fx/new/guideline.yaml" <<'PY'
import os, random, sys
out, meta = sys.argv[1], sys.argv[2]
kana = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめも情報資産管理対策"
def text(r, n):
    return "".join(r.choice(kana) for _ in range(n)) + "。"
def write(path, s):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    open(path, "w", encoding="utf-8").write(s)
for ed, seed, rewrite in (("old", 1, 0), ("new", 2, 0.5)):
    base, r, d = random.Random(7), random.Random(seed), "%s/%s" % (out, ed)
    write(d + "/guideline.yaml", open(meta, encoding="utf-8").read())
    for p in ("I", "II", "III"):
        write("%s/%s/_index.md" % (d, p), "---\nid: %s\ntitle: %s\n---\n" % (p, p))
    write(d + "/II/II.1/_index.md",
          "---\nid: II.1\ntitle: t\nsubsections:\n  II.1.1: t\n---\n")
    write(d + "/II/II.1/II.1.1.1.md", "---\nid: II.1.1.1\nlevel: 基本\n---\n本文。\n")
    for s in range(1, 11):
        subs = "".join("  III.%d.%d: t\n" % (s, b) for b in range(1, 11))
        write("%s/III/III.%d/_index.md" % (d, s),
              "---\nid: III.%d\ntitle: t\nsubsections:\n%s---\n" % (s, subs))
        for b in range(1, 11):
            for c in range(1, 31):
                bps = ""
                for i in range(5):
                    t = text(base, 80)
                    if r.random() < rewrite:
                        t = text(r, 80)
                    bps += "%d. %s\n" % (i + 1, t)
                write("%s/III/III.%d/III.%d.%d.%d.md" % (d, s, s, b, c),
                      "---\nid: III.%d.%d.%d\nlevel: 基本\n---\n%s\n\n"
                      "## ベストプラクティス\n\n%s" % (s, b, c, text(base, 100), bps))
PY
start=$(date +%s)
timeout 60 "$GP" diff "$tmp/big/old" "$tmp/big/new" >"$tmp/big.out" ||
	fail "3,000 controls: exit $? (124: over 60 s)"
echo "diff of 3,000 controls: $(($(date +%s) - start)) s"
has "$tmp/big.out" "added 0, removed 0, renumbered 0," "3,000 controls"

[ "$fails" -eq 0 ] || { echo "$fails failures"; exit 1; }
echo "diff: ok"
