#!/usr/bin/env python3
"""Make a synthetic content/ of N controls for the PDF benchmark.

usage: pdf_corpus.py CONTENT OUT N

Copies CONTENT to OUT, then adds Part III sections III.100, III.101, ...
of 10 subsections of 10 controls each until the guideline holds N
controls.  The new controls reuse the front matter (level, items) and the
bodies of the real Part II and III controls in turn, so the text, lists,
footnotes and value tables are as varied as the guideline's own.
"""
import os
import re
import shutil
import sys


def main():
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(src, out)
    models = []
    for part in ('II', 'III'):
        for root, _, files in sorted(os.walk(os.path.join(src, part))):
            for f in sorted(files):
                if f != '_index.md':
                    models.append(open(os.path.join(root, f),
                                       encoding='utf-8').read())
    have = len(models)
    sec = 100
    k = 0
    while have < n:
        sid = 'III.%d' % sec
        d = os.path.join(out, 'III', sid)
        os.makedirs(d)
        subs = []
        for s in range(1, 11):
            if have >= n:
                break
            subs.append('  %s.%d: 合成小節 %d-%d' % (sid, s, sec, s))
            for c in range(1, 11):
                if have >= n:
                    break
                cid = '%s.%d.%d' % (sid, s, c)
                body = re.sub(r'^id: .*$', 'id: ' + cid, models[k % len(models)],
                              count=1, flags=re.M)
                k += 1
                with open(os.path.join(d, cid + '.md'), 'w',
                          encoding='utf-8') as f:
                    f.write(body)
                have += 1
        with open(os.path.join(d, '_index.md'), 'w', encoding='utf-8') as f:
            f.write('---\nid: %s\ntitle: 合成節 %d\nsubsections:\n%s\n---\n'
                    % (sid, sec, '\n'.join(subs)))
        sec += 1


if __name__ == '__main__':
    main()
