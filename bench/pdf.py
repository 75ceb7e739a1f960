#!/usr/bin/env python3
"""Benchmark of the PDF book (issue 4): guidepress's typesetter against
WeasyPrint on the same corpus, fonts and page.

usage: bench/pdf.py [--reps N] [--wp-reps N] [--sizes 1000,3000]
                    [--no-weasyprint]

For the bundled guideline (content/) and for synthetic corpora of each
size (bench/pdf_corpus.py), it times `guidepress pdf` (median of N runs)
and WeasyPrint on the equivalent HTML (bench/pdf_html.py), and prints
pages, median wall time, pages per second, peak RSS, the fastest and
slowest run, and the ratio of pages per second.  Each run writes into a
fresh directory.  Run from the repository root after `make`.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GP = os.environ.get('GP', 'build/guidepress')


def run(argv, env=None):
    """Wall seconds and peak RSS (MB) of one run of ARGV."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    err = p.stderr.read().decode()
    p.stderr.close()
    if status != 0:
        sys.exit('%s failed: %s' % (argv[0], err))
    return wall, ru.ru_maxrss / 1024.0


def pages(pdf):
    out = subprocess.run(['pdfinfo', pdf], capture_output=True,
                         text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith('Pages:'):
            return int(line.split()[1])
    return 0


def measure(argv, out, reps):
    """Median wall time of REPS runs of ARGV(pdf), each writing into a
    fresh directory under OUT, with their spread and peak RSS."""
    runs = []
    for i in range(reps):
        d = os.path.join(out, 'run%d' % i)
        os.makedirs(d)
        pdf = os.path.join(d, 'out.pdf')
        runs.append(run(argv(pdf)))
    walls = sorted(w for w, _ in runs)
    wall = statistics.median(walls)
    rss = max(r for _, r in runs)
    n = pages(pdf)
    return {'pages': n, 'wall': wall, 'pps': n / wall, 'rss': rss,
            'min': walls[0], 'max': walls[-1]}


def row(name, tool, m):
    print('%-22s %-11s %6d %9.3f %9.1f %8.1f   %.3f-%.3f' % (
        name, tool, m['pages'], m['wall'], m['pps'], m['rss'], m['min'],
        m['max']))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--wp-reps', type=int, default=1)
    ap.add_argument('--sizes', default='1000,3000')
    ap.add_argument('--no-weasyprint', action='store_true')
    a = ap.parse_args()
    if not a.no_weasyprint and shutil.which('weasyprint') is None:
        sys.exit('bench/pdf.py: weasyprint is not installed (Debian '
                 'package weasyprint); or run with --no-weasyprint')
    if not os.access(GP, os.X_OK):
        sys.exit('bench/pdf.py: %s: not built; run make first' % GP)
    tmp = tempfile.mkdtemp(prefix='gp-bench-pdf.')
    corpora = [('guideline (%s)' % 'content', 'content')]
    for n in [int(s) for s in a.sizes.split(',') if s]:
        d = os.path.join(tmp, 'c%d' % n)
        subprocess.run([sys.executable, 'bench/pdf_corpus.py', 'content', d,
                        str(n)], check=True)
        corpora.append(('synthetic %d controls' % n, d))
    os.environ['SOURCE_DATE_EPOCH'] = '1201651200'
    print('%-22s %-11s %6s %9s %9s %8s   %s' % (
        'corpus', 'tool', 'pages', 'median s', 'pages/s', 'RSS MB',
        'min-max s'))
    summary = []
    for k, (name, d) in enumerate(corpora):
        gp = measure(lambda pdf: [GP, 'pdf', '--content', d, '-o', pdf],
                     os.path.join(tmp, 'gp%d' % k), a.reps)
        row(name, 'guidepress', gp)
        if a.no_weasyprint:
            continue
        js = os.path.join(tmp, 'g.json')
        htm = os.path.join(tmp, 'g.html')
        with open(js, 'w') as f:
            subprocess.run([GP, 'export', '--format', 'json', '--content',
                            d], stdout=f, check=True)
        with open(htm, 'w') as f:
            subprocess.run([sys.executable, 'bench/pdf_html.py', js,
                            'fonts'], stdout=f, check=True)
        wp = measure(lambda pdf: ['weasyprint', htm, pdf],
                     os.path.join(tmp, 'wp%d' % k), a.wp_reps)
        row(name, 'weasyprint', wp)
        summary.append((name, gp['pps'] / wp['pps']))
    print()
    for name, r in summary:
        print('%-22s guidepress/weasyprint pages per second: %.1fx'
              % (name, r))


if __name__ == '__main__':
    main()
