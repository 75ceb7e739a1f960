#!/usr/bin/env bash
# The disclosure report of both samples: the PDF is valid A4 with the
# provider's name and every failing item (ID, required value, declared
# value) in its text, and its metadata; the HTML passes the Nu HTML
# Checker and axe-core in Chromium, fits a phone, and holds every
# provider string as text; the JSON agrees with
# the PDF; provider strings that look like markup stay text; a very long
# note wraps inside the margins.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
jar=tests/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$jar" ] || { echo "FAIL $jar missing: run npm ci --prefix tests"; exit 1; }

# a hostile sample: markup in provider strings, a very long note
sed -e 's/^  name: .*/  name: "<script>alert(1)<\/script>株式会社\&amp;サンプル"/' \
	-e "s/^    note: 自動監視ツールで.*/    note: $(printf '長い備考%.0s' $(seq 1 200))/" \
	content/examples/erp-pattern1.yaml >"$T/hostile.yaml"

for f in content/examples/*.yaml "$T/hostile.yaml"; do
	n=$(basename "$f" .yaml)
	SOURCE_DATE_EPOCH=1700000000 "$GP" report --content content "$f" \
		-o "$T/$n.pdf" --html "$T/$n" --json "$T/$n.json" 2>"$T/$n.err" ||
		{ cat "$T/$n.err"; echo "FAIL report $f"; exit 1; }
	qpdf --check "$T/$n.pdf" >/dev/null
	pdfinfo "$T/$n.pdf" >"$T/$n.info"
	grep -q "Page size: *595.276 x 841.89 pts (A4)" "$T/$n.info"
	grep -q "Title: *情報セキュリティ対策 開示報告書" "$T/$n.info"
	! pdffonts "$T/$n.pdf" | awk 'NR>2 && $(NF-4) != "yes" {bad=1} END {exit !bad}' ||
		{ echo "FAIL $n: a font is not embedded"; exit 1; }
	# -raw keeps the text in drawing order: each table cell whole
	pdftotext -raw "$T/$n.pdf" "$T/$n.txt"
	python3 - "$T/$n.json" "$T/$n.txt" "$T/$n/index.html" <<'PY'
import json, re, sys, html
d = json.load(open(sys.argv[1]))
flat = re.sub(r"\s", "", open(sys.argv[2]).read())
page = open(sys.argv[3]).read()
bad = []
def has(s, where=flat):
    return re.sub(r"\s", "", s) in where
name = d["provider"]["name"]
if not has(name):
    bad.append("provider name not in the PDF: " + name)
if html.escape(name, quote=False) not in page or "<script>" in page:
    bad.append("provider name not escaped in the HTML")
if d["answers_sha256"] not in flat:
    bad.append("SHA-256 not in the PDF")
fails = [(c["id"], i) for c in d["controls"] for i in c["items"]
         if i["judgement"] == "fails"]
disp = lambda cid: {"II": "Ⅱ", "III": "Ⅲ"}[cid.split(".")[0]] + cid[cid.index("."):]
for cid, i in fails:
    for s in (disp(cid), i["reference"], i["declared"]):
        if not has(s):
            bad.append("failing item %s %s: %r not in the PDF" % (cid, i["key"], s))
print("%s: %d failing items, all in the PDF" % (d["provider"]["service"], len(fails)))
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
	# no text outside the page's margins (the long note wraps)
	pdftotext -bbox "$T/$n.pdf" "$T/$n.bbox.html"
	python3 - "$T/$n.bbox.html" <<'PY'
import re, sys
over = 0
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', open(sys.argv[1]).read()):
    x0, y0, x1, y1 = map(float, m.groups())
    if x0 < 30 or x1 > 595.276 - 30 or y0 < 20 or y1 > 841.89 - 20:
        over += 1
if over:
    print("FAIL %d words outside the page's margins" % over)
    sys.exit(1)
PY
done

java -jar "$jar" --errors-only --also-check-css --skip-non-html "$T"/*/index.html "$T"/*/report.css 2>"$T/vnu" ||
	{ sed "s:$T/::" "$T/vnu" | head -30; echo "FAIL the Nu HTML Checker reports errors"; exit 1; }

# the HTML report in Chromium: axe-core, phone width
node tests/e2e/report_a11y.mjs "$T/erp-pattern1"

# all or none: when the HTML cannot be written, the PDF and JSON already
# there stay as they were and no staging file is left
echo old >"$T/keep.pdf"
echo old >"$T/keep.json"
echo file >"$T/notadir"
"$GP" report --content content content/examples/erp-pattern1.yaml \
	-o "$T/keep.pdf" --json "$T/keep.json" --html "$T/notadir/sub" 2>/dev/null &&
	{ echo "FAIL report wrote into a file's path"; exit 1; }
[ "$(cat "$T/keep.pdf")" = old ] && [ "$(cat "$T/keep.json")" = old ] ||
	{ echo "FAIL a failed report replaced the old outputs"; exit 1; }
ls "$T" | grep -q '\.new$' && { echo "FAIL a staging file was left"; exit 1; }

# the same input and SOURCE_DATE_EPOCH give the same PDF
SOURCE_DATE_EPOCH=1700000000 "$GP" report --content content \
	content/examples/erp-pattern1.yaml -o "$T/again.pdf" 2>/dev/null
cmp -s "$T/again.pdf" "$T/erp-pattern1.pdf" || { echo "FAIL the report PDF is not reproducible"; exit 1; }
echo "report: PDF, HTML and JSON of $(ls content/examples/*.yaml | wc -l) samples and a hostile one"

# answers of an older edition, carried over with --previous: what the
# revision made stale (tests/diff holds the two editions)
"$GP" report --content tests/diff/new --previous tests/diff/old \
	tests/answers/previous/old-edition.yaml --json "$T/prev.json" \
	-o "$T/prev.pdf" --html "$T/prev" 2>"$T/prev.err" ||
	{ cat "$T/prev.err"; echo "FAIL report --previous"; exit 1; }
python3 - "$T/prev.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["revision"]
want = {"from_edition": "2007-12-19", "to_edition": "2008-01-30",
        "new_controls": ["II.2.1.2"],
        "renumbered": [{"from": "III.3.1.6", "to": "III.3.2.1"}],
        "removed": [{"from": "II.7.1.3", "to": None}],
        "review": ["III.2.1.4", "III.3.1.5"]}
if r != want:
    print("FAIL revision:", json.dumps(r, ensure_ascii=False))
    sys.exit(1)
PY
pdftotext -raw "$T/prev.pdf" - | tr -d ' \n' >"$T/prev.txt"
for s in 改訂による確認事項 Ⅲ.3.1.6→Ⅲ.3.2.1 Ⅱ.7.1.3（後継なし） 新設された対策項目（未回答）; do
	grep -q "$s" "$T/prev.txt" || { echo "FAIL '$s' not in the report PDF"; exit 1; }
done
# the answers of the new edition are refused against the old one
"$GP" report --content tests/diff/new --previous tests/diff/old \
	content/examples/erp-pattern1.yaml --json "$T/bad.json" 2>"$T/bad.err" &&
	{ echo "FAIL answers of another edition accepted"; exit 1; }
grep -q "answers are for edition 2008-01-30 but the guideline is edition 2007-12-19" "$T/bad.err"
echo "report --previous: stale answers listed"
