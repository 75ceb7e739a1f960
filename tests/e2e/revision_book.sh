#!/usr/bin/env bash
# The book of a revised edition (guidepress pdf --previous): a revision
# appendix lists every added, changed, renumbered and removed control of
# the fixture editions, each with the page it is on; every changed
# control's page has a change bar in the left margin (found in the
# rendered pixels), and pages without changes have none.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
"$GP" pdf --content tests/diff/new --previous tests/diff/old -o "$T/book.pdf" 2>"$T/err" ||
	{ cat "$T/err"; exit 1; }
"$GP" diff tests/diff/old tests/diff/new --format json >"$T/diff.json"
qpdf --check "$T/book.pdf" >/dev/null
pdftotext -raw "$T/book.pdf" "$T/book.txt"
pdftoppm -r 72 "$T/book.pdf" "$T/page"
python3 - "$T" <<'PY'
import glob, json, re, sys
T = sys.argv[1]
d = json.load(open(T + "/diff.json"))
text = open(T + "/book.txt").read()
app = text[text.index("版への改訂："):]  # the appendix, after its intro
disp = lambda i: {"II": "Ⅱ", "III": "Ⅲ"}[i.split(".")[0]] + i[i.index("."):]
bad = []

def bar(n):
    """Is there a change bar on page N (a red run left of the text)?"""
    f = open("%s/page-%02d.ppm" % (T, n), "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", f)
    w, h = int(m.group(1)), int(m.group(2))
    px = f[m.end():]
    run = 0
    for y in range(h):
        for x in range(50, 62):
            r, g, b = px[(y * w + x) * 3:(y * w + x) * 3 + 3]
            if r > 140 and g < 90 and b < 90:
                run += 1
                break
    return run > 10

changed = {}
for c in d["controls"]:
    if c["status"] == "same":
        continue
    m = re.search(re.escape(disp(c["id"])) + r" [^\n]*?(\d+)\n", app)
    if m is None:
        bad.append("%s is not listed with its page in the appendix" % c["id"])
        continue
    content = c["status"] == "added" or set(c["aspects"]) - {"renumbered"}
    if content:
        changed.setdefault(int(m.group(1)), []).append(c["id"])
for r in d["removed"]:
    if disp(r["old_id"]) + " 削除" not in app:
        bad.append("removed %s is not in the appendix" % r["old_id"])
pages = len(glob.glob(T + "/page-*.ppm"))
for n in range(1, pages + 1):
    has = bar(n)
    if n in changed and not has:
        bad.append("page %d holds %s but has no change bar" % (n, changed[n]))
    # a changed control may run onto the next page, its bar with it
    if n not in changed and n - 1 not in changed and has:
        bad.append("page %d has a change bar but no changed control" % n)
# deletions struck through, insertions underlined: long unbroken
# horizontal runs of ink in a row, which glyphs alone never make (the
# leaders are dotted); on the appendix's first page only its header and
# heading rules are such runs besides
def lines(n, ink, minlen):
    f = open("%s/page-%02d.ppm" % (T, n), "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", f)
    w, h = int(m.group(1)), int(m.group(2))
    px = f[m.end():]
    rows = []
    for y in range(h):
        run = best = 0
        for x in range(w):
            if ink(*px[(y * w + x) * 3:(y * w + x) * 3 + 3]):
                run += 1
                best = max(best, run)
            else:
                run = 0
        if best >= minlen:
            rows.append(y)
    return len([y for i, y in enumerate(rows) if i == 0 or rows[i - 1] != y - 1])

first = 1 + text[:text.index("版への改訂：")].count("\f")
red = lambda r, g, b: r > 140 and g < 110 and b < 110
grey = lambda r, g, b: abs(r - g) < 12 and abs(g - b) < 12 and r < 200
under, struck = lines(first, red, 60), lines(first, grey, 60) - 2
if under < 3:
    bad.append("page %d: %d underlined lines, expected the insertions' (3 or more)" % (first, under))
if struck < 3:
    bad.append("page %d: %d struck-through lines, expected the deletions' (3 or more)" % (first, struck))
print("revision appendix, page %d: %d underlined and %d struck-through lines" % (first, under, struck))
print("revision appendix: %d entries; change bars on pages %s"
      % (len([c for c in d["controls"] if c["status"] != "same"]) + len(d["removed"]),
         sorted(changed)))
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
