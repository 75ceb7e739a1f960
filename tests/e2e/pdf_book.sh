#!/usr/bin/env bash
# The PDF book of content/: a valid A4 PDF with its metadata, embedded
# fonts, every control's ID and text, an outline entry per part, section
# and control, Japanese line breaking (JIS X 4051 line-start and
# line-end prohibitions), nothing drawn outside the margins, and the
# same bytes twice for the same SOURCE_DATE_EPOCH.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/e2e/lib/common.sh
export SOURCE_DATE_EPOCH=1201651200 # 2008-01-30T00:00:00Z

"$GP" pdf --content content -o "$T/book.pdf"
"$GP" pdf --content content -o "$T/again.pdf"
cmp "$T/book.pdf" "$T/again.pdf" ||
	{ echo "FAIL: two runs differ"; exit 1; }

qpdf --check "$T/book.pdf" >"$T/qpdf.txt" 2>&1 ||
	{ cat "$T/qpdf.txt"; echo "FAIL: qpdf --check"; exit 1; }
pdfinfo "$T/book.pdf" >"$T/info.txt"
pdffonts "$T/book.pdf" >"$T/fonts.txt"
"$GP" export --format json --content content >"$T/guideline.json"
qpdf --json --json-key=outlines "$T/book.pdf" >"$T/outline.json"
pdftotext "$T/book.pdf" "$T/all.txt"
pdftotext -bbox "$T/book.pdf" "$T/bbox.html"

exec python3 - "$T" themes/default/book.yaml <<'EOF'
import html, json, re, sys

T, theme = sys.argv[1], sys.argv[2]
fails = []

def fail(msg):
    fails.append(msg)

def field(name, text):
    m = re.search(r'^%s:\s*(.*)$' % re.escape(name), text, re.M)
    return m.group(1).strip() if m else None

g = json.load(open(T + '/guideline.json'))
meta = g['guideline']

# pdfinfo: A4 and the metadata
info = open(T + '/info.txt').read()
if '(A4)' not in (field('Page size', info) or ''):
    fail('page size is not A4: %s' % field('Page size', info))
for key, want in [('Title', meta['title']), ('Author', meta['publisher']),
                  ('Creator', 'guidepress')]:
    if field(key, info) != want:
        fail('pdfinfo %s: %r, want %r' % (key, field(key, info), want))
if meta['title'] not in (field('Subject', info) or ''):
    fail('pdfinfo Subject lacks the title')
if '2008' not in (field('CreationDate', info) or ''):
    fail('CreationDate not pinned: %s' % field('CreationDate', info))

# pdffonts: every font embedded, and only the bundled ones
rows = open(T + '/fonts.txt').read().splitlines()[2:]
if not rows:
    fail('no fonts listed')
for r in rows:
    cols = r.split()
    if not cols[0].split('+')[-1].startswith('IPAex'):
        fail('font not from fonts/: ' + cols[0])
    if cols[-5] != 'yes':
        fail('font not embedded: ' + r)

# the text of the text block only (no running header or folio)
import yaml
th = yaml.safe_load(open(theme))
pg = th['page']
W, H = pg['width'], pg['height']
top, bottom, left, right = pg['top'], pg['bottom'], pg['left'], pg['right']
words = []
page = 0
for line in open(T + '/bbox.html', encoding='utf-8'):
    if '<page ' in line:
        page += 1
    m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">(.*)</word>', line)
    if m:
        x0, y0, x1, y1 = map(float, m.group(1, 2, 3, 4))
        words.append((page, x0, y0, x1, y1, html.unescape(m.group(5))))

# margins: body text inside the text block; only the running header
# above it and only the folio below it
for p, x0, y0, x1, y1, w in words:
    where = 'page %d: %r at (%.1f, %.1f)-(%.1f, %.1f)' % (p, w, x0, y0,
                                                          x1, y1)
    if x0 < left - 0.5 or x1 > W - right + 0.5:
        fail('outside the side margins: ' + where)
    elif y1 <= top:
        if y0 < top - pg['header'] - pg['chrome_size']:
            fail('above the running header: ' + where)
    elif y0 >= H - bottom:
        if not w.isdigit() or y1 > H - bottom + pg['footer'] + 2:
            fail('in the bottom margin: ' + where)
    elif y0 < top - 0.5 or y1 > H - bottom + 0.5:
        fail('across the text block edge: ' + where)

body = ''.join(w for p, x0, y0, x1, y1, w in words
               if top - 0.5 <= y0 and y1 <= H - bottom + 0.5)
body = re.sub(r'注\d+', '', body)  # footnote references
squash = lambda s: re.sub(r'\s+', '', s)

def bp_texts(items):
    for it in items:
        yield it['text']
        yield from bp_texts(it.get('items', []))

for c in g['controls']:
    if c['display_id'] not in body:
        fail('control ID missing: ' + c['display_id'])
    if squash(c['text']) not in body:
        fail('control text missing: %s: %s' % (c['id'], c['text'][:40]))
    for t in bp_texts(c.get('best_practices', [])):
        if squash(t) not in body:
            fail('best practice missing: %s: %s' % (c['id'], t[:40]))

# outline: one entry per part, section and control (and per appendix),
# nested part > section > control
def walk(items, depth, out):
    for o in items:
        out.append((depth, o['title']))
        walk(o.get('kids', []), depth + 1, out)
    return out

outline = walk(json.load(open(T + '/outline.json'))['outlines'], 1, [])
want = []
for p in g['parts']:
    want.append(1)
    for s in p['sections']:
        want.append(2)
        want += [3] * sum(1 for c in g['controls']
                          if c['section'] == s['id'])
want += [1, 1]  # the two appendices
if [d for d, t in outline] != want:
    fail('outline shape: %d entries, want %d' % (len(outline), len(want)))
titles = [t for d, t in outline if d == 3]
for c, t in zip(g['controls'], titles):
    if not t.startswith(c['display_id'] + '【'):
        fail('outline entry %r for %s' % (t, c['id']))

# footnotes: each mark 注N on the page of its reference, twice (the
# reference and the note), numbered 1, 2, … through the book
pages_txt = open(T + '/all.txt', encoding='utf-8').read().split('\f')
seen = []
for i, p in enumerate(pages_txt):
    marks = re.findall(r'注(\d+)', p)
    for m in sorted(set(marks), key=int):
        if marks.count(m) != 2:
            fail('page %d: 注%s %d times, want 2' % (i + 1, m,
                                                     marks.count(m)))
        seen.append(int(m))
if seen != list(range(1, len(seen) + 1)) or not seen:
    fail('footnotes numbered %s' % seen)

# keep with next: no page ends with a heading, a control's header or a
# label (【ベストプラクティス】, 【評価項目】)
heading = re.compile(r'^([ⅠⅡⅢ](\.\d+)*(【(基本|推奨)】)?|【[^】]+】)$')
bottom_y = {}
for p, x0, y0, x1, y1, w in words:
    if top <= y0 and y1 <= H - bottom:
        bottom_y[p] = max(bottom_y.get(p, 0), y0)
for p, y in sorted(bottom_y.items()):
    line = sorted((x0, w) for q, x0, y0, x1, y1, w in words
                  if q == p and abs(y0 - y) < 1)
    if heading.match(line[0][1]) and p < page:
        fail('page %d ends with a heading: %s' % (p, line[0][1]))

# the contents are links, each to the page that its number names
sys.path.insert(0, 'tests/e2e')
from pdflinks import Links
numbers = [int(w) for p, x0, y0, x1, y1, w in words
           if p == 2 and w.isdigit() and x1 > W - right - 1
           and y1 <= H - bottom]
targets = Links(T + '/book.pdf').targets(2)
entries = len(g['parts']) + sum(len(p['sections']) for p in g['parts']) + 2
if len(targets) != entries or None in targets:
    fail('contents links: %d of %d resolve' % (
        len([t for t in targets if t]), entries))
elif targets != numbers:
    fail('contents links go to %s, the printed numbers are %s'
         % (targets, numbers))

# JIS X 4051: no line starts with a closing or small character, no line
# ends with an opening bracket
no_start = set('、。，．・：；？！ー）」』】〕〉》〙〗］｝ぁぃぅぇぉっゃゅょゎ'
               'ゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ〜゠‐–,.:;?!)]}')
no_end = set('（「『【〔〈《〘〖［｛([{')
for n, line in enumerate(open(T + '/all.txt', encoding='utf-8'), 1):
    s = line.strip().strip('\f')
    if s and s[0] in no_start:
        fail('line %d starts with %r: %s' % (n, s[0], s[:30]))
    if s and s[-1] in no_end:
        fail('line %d ends with %r: %s' % (n, s[-1], s[-30:]))

for f in fails[:40]:
    print('FAIL:', f)
if len(fails) > 40:
    print('… and %d more' % (len(fails) - 40))
print('%d controls, %d outline entries, %d words checked; %d failures'
      % (len(g['controls']), len(outline), len(words), len(fails)))
sys.exit(1 if fails else 0)
EOF
