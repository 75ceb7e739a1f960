#!/usr/bin/env bash
# Rebuilding: the site of a revised edition (build --previous) has a
# 改訂履歴 page with an entry for every added, changed, renumbered and
# removed control, and every changed control's page marks it with a link
# to its entry; every link of that page resolves.  Two builds of the same
# input are byte-identical (site and, with SOURCE_DATE_EPOCH, the book);
# a rebuild after one control is edited leaves the untouched files as
# they were, modification time included.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
export SOURCE_DATE_EPOCH=1700000000

"$GP" build --content tests/diff/new --previous tests/diff/old \
	--out "$T/rev" 2>"$T/err" || { cat "$T/err"; exit 1; }
"$GP" diff tests/diff/old tests/diff/new --format json >"$T/diff.json"
python3 - "$T" <<'PY'
import json, os, re, sys, html.parser
T = sys.argv[1]
d = json.load(open(T + "/diff.json"))
page = open(T + "/rev/changes.html").read()
bad = []
slug = lambda i: i.replace(".", "-")
for c in d["controls"]:
    if c["status"] == "same":
        continue
    if 'id="%s"' % slug(c["id"]) not in page:
        bad.append("no entry for %s on changes.html" % c["id"])
    mine = open("%s/rev/controls/%s.html" % (T, slug(c["id"]))).read()
    content = c["status"] == "added" or set(c["aspects"]) - {"renumbered"}
    has = "changes.html#%s" % slug(c["id"]) in mine
    if bool(content) != has:
        bad.append("%s: mark %s" % (c["id"], "missing" if content else "on a control whose content did not change"))
for r in d["removed"]:
    if r["old_id"].replace("III", "Ⅲ").replace("II", "Ⅱ") not in page:
        bad.append("removed %s not on changes.html" % r["old_id"])
if "changes.html" not in open(T + "/rev/index.html").read():
    bad.append("the home page does not link to changes.html")
# every link of changes.html resolves
class A(html.parser.HTMLParser):
    def __init__(s): super().__init__(); s.hrefs = []; s.ids = set()
    def handle_starttag(s, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a: s.hrefs.append(a["href"])
        if "id" in a: s.ids.add(a["id"])
def parse(p):
    a = A(); a.feed(open(p).read()); return a
me = parse(T + "/rev/changes.html")
for h in me.hrefs:
    if re.match(r"[a-z]+:", h):
        continue
    path, _, frag = h.partition("#")
    target = os.path.normpath(os.path.join(T, "rev", path or "changes.html"))
    if not os.path.exists(target):
        bad.append("changes.html links to missing %s" % h)
    elif frag and frag not in parse(target).ids:
        bad.append("changes.html links to missing #%s" % h)
print("changes.html: %d entries, %d links" % (page.count("change-entry"), len(me.hrefs)))
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY

# reproducible: the same input twice, byte for byte
"$GP" build --content content --out "$T/a" 2>/dev/null
"$GP" build --content content --out "$T/b" 2>/dev/null
# (but the state file, which records when and from which files)
diff -r -x .guidepress-state "$T/a" "$T/b" >/dev/null ||
	{ diff -rq -x .guidepress-state "$T/a" "$T/b" | head; echo "FAIL two builds differ"; exit 1; }

# incremental: edit one control, rebuild into the same output
cp -r content "$T/content"
find "$T/a" -type f -printf '%P %T@ %i\n' | sort >"$T/before"
cp "$T/a/.guidepress-state" "$T/state.before"
sed -i 's/稼働監視（応答確認等）を行うこと。/稼働監視（応答確認等）を常に行うこと。/' \
	"$T/content/III/III.1/III.1.1.1.md"
"$GP" build --content "$T/content" --out "$T/a" 2>/dev/null
# only the pages made from the edited file are made again: the others'
# keys, home, contents, search and part pages included, stay
PYTHONPATH=tests/e2e/lib python3 - "$T/state.before" "$T/a/.guidepress-state" <<'PY' || exit 1
import sys
from gpstate import State
a, b = (State(f).pages for f in sys.argv[1:3])
made = sorted(p for p in b if p not in a or a[p]["key"] != b[p]["key"])
want = ["controls/III-1-1-1.html", "search/0.js", "sections/III-1.html"]
if made != want:
    print("FAIL pages made again after one edit: %s, not %s" % (made, want))
    sys.exit(1)
print("one edit makes again: " + " ".join(made))
PY
find "$T/a" -type f -printf '%P %T@ %i\n' | sort >"$T/after"
python3 - "$T/before" "$T/after" <<'PY'
import sys
before = dict(l.split(" ", 1) for l in open(sys.argv[1]).read().splitlines())
after = dict(l.split(" ", 1) for l in open(sys.argv[2]).read().splitlines())
changed = sorted(p for p in after if before.get(p) != after[p])
kept = len(after) - len(changed)
must = {"controls/III-1-1-1.html", "sections/III-1.html"}
bad = [p for p in must if p not in changed]
if "controls/III-1-1-2.html" in changed or "style.css" in changed:
    bad.append("an untouched file was rewritten: " + ", ".join(changed[:8]))
print("rebuild after one edit: %d files rewritten, %d kept as they were: %s"
      % (len(changed), kept, " ".join(changed)))
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY

# what the rebuild kept and what it made again is what a fresh build
# makes; so too after a part's own text is edited (its page is made
# again, the pages that only list titles are kept)
same_as_fresh() { # NAME WHAT
	"$GP" build --content "$T/content" --out "$T/fresh-$1" 2>/dev/null
	diff -r -x .guidepress-state "$T/a" "$T/fresh-$1" >/dev/null || {
		diff -rq -x .guidepress-state "$T/a" "$T/fresh-$1" | head
		echo "FAIL the rebuild after $2 differs from a fresh build"
		exit 1
	}
}
same_as_fresh control "a control's edit"
printf '\n部の本文への追記。\n' >>"$T/content/III/_index.md"
"$GP" build --content "$T/content" --out "$T/a" 2>/dev/null
grep -q '部の本文への追記' "$T/a/parts/III.html" ||
	{ echo "FAIL the part's page lacks its edit"; exit 1; }
same_as_fresh part "a part's edit"
echo "rebuilds after an edit are what fresh builds make"

# the rebuild is merged in place: a removed control's page goes, a file
# the site no longer has goes, and the result is what a fresh build of
# the same content gives
rm "$T/content/III/III.1/III.1.1.2.md"
: >"$T/a/stray.html"
"$GP" build --no-pdf --content "$T/content" --out "$T/a" 2>/dev/null ||
	{ echo "FAIL rebuild after a removal"; exit 1; }
"$GP" build --no-pdf --content "$T/content" --out "$T/fresh" 2>/dev/null
for f in controls/III-1-1-2.html stray.html guideline.pdf; do
	[ ! -e "$T/a/$f" ] || { echo "FAIL $f is still in the rebuilt site"; exit 1; }
done
diff -r -x .guidepress-state "$T/a" "$T/fresh" >/dev/null ||
	{ diff -rq -x .guidepress-state "$T/a" "$T/fresh" | head; echo "FAIL the merged rebuild differs from a fresh build"; exit 1; }
ls "$T" | grep -q 'tmp-' && { echo "FAIL a temporary directory was left"; exit 1; }
# a rebuild that fails leaves the site as it was
find "$T/a" -type f -printf '%P %T@ %i\n' | sort >"$T/before"
printf -- '---\nid: [\n---\n' >"$T/content/III/III.1/III.1.1.3.md"
if "$GP" build --no-pdf --content "$T/content" --out "$T/a" 2>/dev/null; then
	echo "FAIL a broken control was built"; exit 1
fi
find "$T/a" -type f -printf '%P %T@ %i\n' | sort >"$T/after"
cmp -s "$T/before" "$T/after" || { echo "FAIL a failed rebuild changed the site"; exit 1; }
echo "merged rebuild: removed page and stray file deleted, same as a fresh build"
