#!/usr/bin/env python3
"""The book as one HTML file for WeasyPrint, from `guidepress export
--format json`: the same parts, sections, controls, best practices and
value tables, the same A4 page, margins and IPAex fonts (from fonts/), a
contents list with page numbers.  Only for the benchmark.

usage: pdf_html.py GUIDELINE.json FONTS_DIR > book.html
"""
import html
import json
import os
import sys

E = html.escape
MARK = {'lower-roman': 'lower-roman', 'lower-alpha': 'lower-alpha',
        'decimal': 'decimal'}

CSS = """
@font-face { font-family: Mincho; src: url(%(fonts)s/ipaexm.ttf); }
@font-face { font-family: Gothic; src: url(%(fonts)s/ipaexg.ttf); }
@page { size: A4; margin: 72pt 66pt 66pt 66pt;
  @top-left { content: string(mark); font: 8pt Gothic; }
  @bottom-center { content: counter(page); font: 8pt Gothic; } }
body { font: 10pt/1.75 Mincho; color: #1a1a1a; }
h1 { font: 20pt Gothic; color: #1f3864; page-break-before: always;
  string-set: mark content(); }
h2 { font: 14pt Gothic; color: #1f3864; string-set: mark content(); }
h3 { font: 11.5pt Gothic; color: #1f3864; }
h4 { font: 10.5pt Gothic; border-bottom: .5pt solid #808080;
  page-break-after: avoid; }
.label { font: 9.5pt Gothic; page-break-after: avoid; }
table { width: 100%%; border-collapse: collapse; font: 8.5pt/1.35 Gothic; }
th { background: #e4e9f1; }
th, td { border: .5pt solid #808080; padding: 3.5pt; }
td.v { text-align: center; } .req { color: #b01c1c; } .unk { color: #707070; }
.toc a { color: inherit; text-decoration: none; }
.toc a::after { content: leader('.') target-counter(attr(href), page); }
"""


def bp(items):
    if not items:
        return ''
    out = ['<ol style="list-style-type:%s">' % MARK.get(items[0]['marker'],
                                                        'decimal')]
    for it in items:
        out.append('<li>%s%s</li>' % (E(it['text']), bp(it.get('items'))))
    out.append('</ol>')
    return ''.join(out)


def value(v):
    if v is None or v.get('kind') == 'unknown' or v.get('text') is None:
        return '<td class="v unk">未収録</td>'
    cls = 'v req' if v.get('required') else 'v'
    return '<td class="%s">%s</td>' % (cls, E(v['text']))


def control(c):
    out = ['<h4 id="%s">%s【%s】</h4>' % (E(c['id']), E(c['display_id']),
                                        E(c['level']))]
    out += ['<p>%s</p>' % E(p) for p in c['text'].split('\n')]
    if c.get('best_practices'):
        out.append('<p class="label">【ベストプラクティス】</p>')
        out.append(bp(c['best_practices']))
    if c.get('items'):
        out.append('<p class="label">【評価項目】</p><table><thead><tr>'
                   '<th>評価項目</th>' + ''.join(
                       '<th>パターン%d</th>' % k for k in range(1, 7)) +
                   '</tr></thead>')
        for it in c['items']:
            vals = it.get('values') or []
            if isinstance(vals, dict):
                vals = [vals.get(str(k)) for k in range(1, 7)]
            out.append('<tr><td>%s. %s</td>%s</tr>' % (
                E(it.get('key', '')), E(it.get('label', '')),
                ''.join(value(v) for v in vals)))
        out.append('</table>')
    return ''.join(out)


def main():
    g = json.load(open(sys.argv[1], encoding='utf-8'))
    fonts = os.path.abspath(sys.argv[2])
    by_sec = {}
    for c in g['controls']:
        by_sec.setdefault(c['section'], []).append(c)
    out = ['<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
           '<style>%s</style></head><body>' % (CSS % {'fonts': fonts})]
    meta = g['guideline']
    out.append('<section><p style="font:24pt Gothic;text-align:center;'
               'margin-top:200pt">%s</p><p style="text-align:center">%s</p>'
               '</section>' % (E(meta['title']), E(meta['publisher'])))
    out.append('<h1>目次</h1><div class="toc">')
    for p in g['parts']:
        out.append('<p><a href="#%s">%s</a></p>' % (E(p['id']),
                                                    E(p['title'])))
        for s in p['sections']:
            out.append('<p style="margin-left:20pt"><a href="#%s">%s</a>'
                       '</p>' % (E(s['id']), E(s['title'])))
    out.append('</div>')
    for p in g['parts']:
        out.append('<h1 id="%s">%s</h1>' % (E(p['id']), E(p['title'])))
        for s in p['sections']:
            out.append('<h2 id="%s">%s</h2>' % (E(s['id']), E(s['title'])))
            out += [control(c) for c in by_sec.get(s['id'], [])]
    out.append('</body></html>')
    sys.stdout.write(''.join(out))


if __name__ == '__main__':
    main()
