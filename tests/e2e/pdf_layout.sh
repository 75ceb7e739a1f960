#!/usr/bin/env bash
# The typesetter on content made to stress it: a table of 120 rows that
# runs over several pages (its header row must head every one), lists
# nested four deep (markers i. / a) / 1) / i.), and Japanese text dense in
# small kana, long vowel marks and brackets at many line widths (no line
# may start with a line-start-prohibited character or end with an opening
# bracket).  A theme or fonts directory that is missing fails cleanly and
# leaves the old PDF in place.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
cp -r content "$T/content"

page=$T/content/I/I.8.md
stress='コンピューターのセキュリティーをチェックして、ちょっとしたキャッシュを確認する。ユーザーがファイルをダウンロードしたら（ショッピングの場合）「ジャッジ」する！ウィルスのディスクやフォルダー、ソフトウェアのアップデートはサーバーとルーター等で行う？メッセージ・ログ・データベース等々。'
{
	echo
	for i in 1 2 3 4 5 6; do echo "$stress$stress"; echo; done
	echo "1. 第一階層の項目。$stress"
	echo "   1. 第二階層の項目。$stress"
	echo "      1. 第三階層の項目。$stress"
	echo "         1. 第四階層の項目。$stress"
	echo
	echo "相互参照の例：詳細は[Ⅲ.4.2.1](III.4.2.1)を参照すること。"
	echo
	echo "| 見出し列 | 説明列 |"
	echo "| --- | --- |"
	for i in $(seq 1 120); do echo "| 行$i | 説明$i${stress:$((i % 40))} |"; done
	echo
	echo "| 長い行 | 一つの行がページより長い表 |"
	echo "| --- | --- |"
	printf '| 長い行 | 長文'
	for i in $(seq 1 40); do printf '%s' "$stress"; done
	echo ' |'
} >>"$page"

"$GP" pdf --content "$T/content" -o "$T/book.pdf"
pdftotext "$T/book.pdf" "$T/book.txt"
pdftotext -bbox "$T/book.pdf" "$T/book.bbox"
# a table row taller than a page runs on over pages, inside the margins
python3 - "$T/book.bbox" themes/default/book.yaml <<'EOF'
import re, sys, yaml
pg = yaml.safe_load(open(sys.argv[2]))['page']
over = []
for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                     r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)',
                     open(sys.argv[1], encoding='utf-8').read()):
    x0, y0, x1, y1 = map(float, m.groups()[:4])
    folio = m.group(5).isdigit() and y0 > pg['height'] - pg['bottom']
    if x0 < pg['left'] - 0.5 or x1 > pg['width'] - pg['right'] + 0.5 or \
            (y1 > pg['height'] - pg['bottom'] + 0.5 and not folio):
        over.append(m.group(5))
if over:
    print('FAIL: %d words outside the margins: %s' % (len(over), over[:5]))
    sys.exit(1)
EOF
qpdf --check "$T/book.pdf" >/dev/null

# the cross-reference is a link to the control's page
python3 - "$T/book.pdf" <<'EOF'
import subprocess, sys
sys.path.insert(0, 'tests/e2e')
from pdflinks import Links, qjson
pdf = sys.argv[1]

def find(items):
    for o in items:
        if o['title'].startswith('Ⅲ.4.2.1'):
            return o['destpageposfrom1']
        r = find(o.get('kids', []))
        if r:
            return r

target = find(qjson(pdf, 'outlines'))
text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True,
                      text=True, check=True).stdout.split('\f')
src = [i for i, p in enumerate(text) if '相互参照の例' in p][0] + 1
dests = Links(pdf).targets(src)
if target not in dests:
    print('FAIL: no link from page %d to the page of Ⅲ.4.2.1 (%d): %s'
          % (src, target, dests))
    sys.exit(1)
EOF

python3 - "$T/book.txt" <<'EOF'
import re, sys
fails = []
text = open(sys.argv[1], encoding='utf-8').read()
pages = text.split('\f')
rows = [i for i, p in enumerate(pages) if re.search(r'行\d+', p)]
if len(rows) < 2:
    fails.append('the 120-row table does not run over pages: %s' % rows)
for i in rows:
    if '見出し列' not in pages[i]:
        fails.append('page %d has rows but no header row' % (i + 1))
seen = [int(n) for n in re.findall(r'行(\d+)', text)]
if seen != list(range(1, 121)):
    fails.append('table rows lost or out of order')
for m in ('i.', 'a)', '1)'):
    if not re.search(r'^%s\s*第' % re.escape(m), text, re.M) and \
            m + '第' not in text.replace(' ', ''):
        fails.append('list marker %s missing' % m)
no_start = set('、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎ'
               'ァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜‐')
no_end = set('（「『【〔〈《')
for n, line in enumerate(text.split('\n'), 1):
    s = line.strip().strip('\f')
    if s and s[0] in no_start:
        fails.append('line %d starts with %r: %s' % (n, s[0], s[:20]))
    if s and s[-1] in no_end:
        fails.append('line %d ends with %r: %s' % (n, s[-1], s[-20:]))
for f in fails[:30]:
    print('FAIL:', f)
sys.exit(1 if fails else 0)
EOF

# errors leave the old file as it was
cp "$T/book.pdf" "$T/old.pdf"
if "$GP" pdf --content "$T/content" --theme "$T/nowhere" -o "$T/book.pdf" \
	2>"$T/err.txt"; then
	echo "FAIL: a missing theme was accepted"; exit 1
fi
grep -q "book.yaml" "$T/err.txt" || { cat "$T/err.txt"; echo "FAIL: no diagnostic"; exit 1; }
if "$GP" pdf --content "$T/content" --fonts "$T/nowhere" -o "$T/book.pdf" \
	2>"$T/err.txt"; then
	echo "FAIL: a missing fonts directory was accepted"; exit 1
fi
cmp -s "$T/book.pdf" "$T/old.pdf" || { echo "FAIL: the old PDF changed"; exit 1; }
[ -z "$(find "$T" -maxdepth 1 -name 'book.pdf.*')" ] ||
	{ echo "FAIL: a temporary file was left"; exit 1; }
echo "pdf_layout: ok"
