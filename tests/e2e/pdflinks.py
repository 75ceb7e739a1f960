"""Where a PDF's links lead, read through qpdf --json: the PDF tests
share it (tests/e2e/pdf_book.sh, pdf_layout.sh)."""
import json
import subprocess


def qjson(pdf, key):
    out = subprocess.run(['qpdf', '--json', '--json-key=' + key, pdf],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)[key]


class Links:
    def __init__(self, pdf):
        self.pages = qjson(pdf, 'pages')
        self.objs = {k.replace('obj:', ''): v.get('value')
                     for k, v in qjson(pdf, 'qpdf')[1].items()}
        self.page_no = {p['object']: p['pageposfrom1'] for p in self.pages}
        root = self.deref(self.objs['trailer']['/Root'])
        self.named = self.names(
            self.deref(self.deref(root['/Names'])['/Dests']), {})

    def deref(self, v):
        return self.objs[v] if isinstance(v, str) and v.endswith(' R') else v

    def names(self, node, out):
        """A name tree: name -> destination."""
        node = self.deref(node)
        kv = node.get('/Names', [])
        for k, v in zip(kv[::2], kv[1::2]):
            out[k] = self.deref(v)
        for kid in node.get('/Kids', []):
            self.names(kid, out)
        return out

    def targets(self, n):
        """The page numbers the links of page N (from 1) lead to, in
        order; None for a link that leads to no page."""
        page = self.objs[self.pages[n - 1]['object']]
        out = []
        for a in self.deref(page.get('/Annots', [])):
            d = self.deref(a).get('/Dest')
            d = self.named.get(d, d) if isinstance(d, str) else d
            d = d.get('/D') if isinstance(d, dict) else d
            out.append(self.page_no.get(d[0]) if isinstance(d, list)
                       else None)
        return out
