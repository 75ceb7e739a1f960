/*
 * pdf_md: cmark-gfm trees to typesetter blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "pdf_md.h"

/* Lists indent at most this deep in print; deeper ones stay at it. */
#define MAX_DEPTH 6
/* Blocks nested deeper than this (hostile input) are not printed. */
#define MAX_NEST 64

struct md {
	struct pdf_doc *d;
	const struct guideline *g;
	double li; /* list indent per level */
};

static void blocks(struct md *m, cmark_node *first, cmark_node *stop,
		   double indent, int depth);

/* Lower-case roman numeral of N (1..3999) into BUF. */
static void
roman(int n, GString *buf)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
		 {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
		 {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
		 {1, "i"}};

	for (size_t i = 0; i < G_N_ELEMENTS(r); i++)
		while (n >= r[i].v) {
			g_string_append(buf, r[i].s);
			n -= r[i].v;
		}
}

/* See pdf_md.h.  The caller frees the string. */
char *
pdf_md_marker(int depth, int num, bool ordered)
{
	GString *s = g_string_new(NULL);

	if (!ordered)
		g_string_append(s, depth == 0 ? "•" : "◦");
	else if (depth % 3 == 0) {
		roman(num, s);
		g_string_append_c(s, '.');
	} else if (depth % 3 == 1 && num <= 26)
		g_string_append_printf(s, "%c)", 'a' + num - 1);
	else
		g_string_append_printf(s, "%d)", num);
	return g_string_free(s, FALSE);
}

/* The ID a link's URL names, if G defines it, else NULL (borrowed). */
static const char *
link_id(const struct guideline *g, const char *url)
{
	if (url == NULL || g == NULL)
		return NULL;
	if (*url == '#')
		url++;
	return g_hash_table_contains(g->ids, url) ? url : NULL;
}

/* See pdf_md.h. */
/*
 * The definition of footnote reference REF, or NULL.  cmark-gfm numbers
 * references in the order of first use (the literal "1", "2" …) and puts
 * the definitions, in that order, at the end of the document.
 */
static cmark_node *
footnote_def(cmark_node *ref)
{
	cmark_node *doc = ref;
	int num = atoi(cmark_node_get_literal(ref)), k = 0;

	while (cmark_node_parent(doc) != NULL)
		doc = cmark_node_parent(doc);
	for (cmark_node *n = cmark_node_first_child(doc); n != NULL;
	     n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION &&
		    ++k == num)
			return n;
	return NULL;
}

/* Whether REF is the first reference to its footnote in its document. */
static bool
first_ref(cmark_node *ref)
{
	cmark_node *doc = ref, *first = NULL;
	const char *num = cmark_node_get_literal(ref);
	cmark_iter *it;

	while (cmark_node_parent(doc) != NULL)
		doc = cmark_node_parent(doc);
	it = cmark_iter_new(doc);
	while (first == NULL && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE &&
		    strcmp(cmark_node_get_literal(n), num) == 0)
			first = n;
	}
	cmark_iter_free(it);
	return first == ref;
}

/*
 * Footnote reference REF: the mark "注N" in T — N counts footnotes
 * across the document D, so two on a page never share a number — and,
 * at its first reference, the note itself, which the typesetter prints
 * at the foot of the page.
 */
static void
footnote(struct pdf_doc *d, struct pdf_text *t, const struct guideline *g,
	 cmark_node *ref, unsigned style)
{
	cmark_node *def = footnote_def(ref);
	char *mark = g_strdup_printf(
		"注%d", pdf_doc_note_number(d, def != NULL ? (void *)def
							   : (void *)ref));

	if (def != NULL && first_ref(ref)) {
		struct pdf_text *note = pdf_text_new();
		for (cmark_node *c = cmark_node_first_child(def); c != NULL;
		     c = cmark_node_next(c))
			pdf_md_inlines(d, note, g, c, 0);
		pdf_text_note(t, mark, note);
	} else
		pdf_text_add(t, mark, style | PDF_SUP);
	g_free(mark);
}

void
pdf_md_inlines(struct pdf_doc *d, struct pdf_text *t,
	       const struct guideline *g, cmark_node *n, unsigned style)
{
	for (cmark_node *c = cmark_node_first_child(n); c != NULL;
	     c = cmark_node_next(c)) {
		const char *id;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			pdf_text_add(t, cmark_node_get_literal(c), style);
			break;
		case CMARK_NODE_LINEBREAK:
			pdf_text_add(t, "\n", style);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			pdf_md_inlines(d, t, g, c, style | PDF_STRONG);
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			footnote(d, t, g, c, style);
			break;
		case CMARK_NODE_LINK:
			if ((id = link_id(g, cmark_node_get_url(c))) != NULL) {
				char *s = md_plain(c);
				pdf_text_link(t, s, id);
				g_free(s);
			} else
				pdf_md_inlines(d, t, g, c, style);
			break;
		default: /* softbreaks join (Japanese); raw HTML is off */
			pdf_md_inlines(d, t, g, c, style);
			break;
		}
	}
}

/* A paragraph of the inlines of N. */
static void
para(struct md *m, cmark_node *n, enum pdf_role role,
     const struct pdf_para_opts *o)
{
	struct pdf_text *t = pdf_text_new();

	pdf_md_inlines(m->d, t, m->g, n, 0);
	pdf_para(m->d, role, t, o);
}

/* List N at DEPTH: each item's first paragraph carries the marker. */
static void
list(struct md *m, cmark_node *n, double indent, int depth)
{
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int num = ordered ? cmark_node_get_list_start(n) : 1;
	int dp = MIN(depth, MAX_DEPTH);

	for (cmark_node *it = cmark_node_first_child(n); it != NULL;
	     it = cmark_node_next(it), num++) {
		cmark_node *first = cmark_node_first_child(it);
		char *mk = pdf_md_marker(dp, num, ordered);
		struct pdf_para_opts o = {.indent = indent, .hang = m->li,
					  .marker = mk};
		if (first != NULL &&
		    cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
			para(m, first, PDF_BODY, &o);
			first = cmark_node_next(first);
		} else
			pdf_para_str(m->d, PDF_BODY, "", &o);
		g_free(mk);
		blocks(m, first, NULL, indent + (depth < MAX_DEPTH ? m->li : 0),
		       depth + 1);
	}
}

/* Column widths from the longest text of each column. */
static void
table_cols(cmark_node *n, int ncols, struct pdf_col *cols)
{
	double sum = 0;

	for (int c = 0; c < ncols; c++)
		cols[c].width = 2;
	for (cmark_node *row = cmark_node_first_child(n); row != NULL;
	     row = cmark_node_next(row)) {
		int c = 0;
		for (cmark_node *cell = cmark_node_first_child(row);
		     cell != NULL && c < ncols;
		     cell = cmark_node_next(cell), c++) {
			char *s = md_plain(cell);
			double len = (double)g_utf8_strlen(s, -1);
			g_free(s);
			if (len > cols[c].width)
				cols[c].width = MIN(len, 40);
		}
	}
	for (int c = 0; c < ncols; c++)
		sum += cols[c].width + 2;
	for (int c = 0; c < ncols; c++) {
		cols[c].width = (cols[c].width + 2) / sum;
		cols[c].align = PDF_LEFT;
	}
}

/* A GFM table: its first row is the header. */
static void
table(struct md *m, cmark_node *n, double indent)
{
	int ncols = 0;
	cmark_node *row = cmark_node_first_child(n);
	struct pdf_col *cols;

	if (row == NULL)
		return;
	for (cmark_node *c = cmark_node_first_child(row); c != NULL;
	     c = cmark_node_next(c))
		ncols++;
	if (ncols == 0)
		return;
	cols = g_new0(struct pdf_col, ncols);
	table_cols(n, ncols, cols);
	pdf_table(m->d, ncols, cols, 1, indent);
	for (; row != NULL; row = cmark_node_next(row)) {
		cmark_node *cell = cmark_node_first_child(row);
		for (int c = 0; c < ncols; c++) {
			struct pdf_text *t = pdf_text_new();
			if (cell != NULL) {
				pdf_md_inlines(m->d, t, m->g, cell, 0);
				cell = cmark_node_next(cell);
			}
			pdf_table_cell(m->d, t, NULL);
		}
	}
	g_free(cols);
}

/* Append the blocks from FIRST up to STOP at INDENT, lists at DEPTH. */
static void
blocks(struct md *m, cmark_node *first, cmark_node *stop, double indent,
       int depth)
{
	if (depth > MAX_NEST)
		return;
	for (cmark_node *n = first; n != NULL && n != stop;
	     n = cmark_node_next(n)) {
		struct pdf_para_opts o = {.indent = indent};
		const char *type = cmark_node_get_type_string(n);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			para(m, n, PDF_BODY, &o);
			break;
		case CMARK_NODE_HEADING:
			o.keep = true;
			para(m, n, cmark_node_get_heading_level(n) <= 2
					   ? PDF_H4 : PDF_LABEL, &o);
			break;
		case CMARK_NODE_LIST:
			list(m, n, indent, depth);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(m, cmark_node_first_child(n), NULL,
			       indent + (depth < MAX_DEPTH ? m->li : 0),
			       depth + 1);
			break;
		case CMARK_NODE_CODE_BLOCK:
			pdf_para_str(m->d, PDF_CELL,
				     cmark_node_get_literal(n), &o);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			pdf_space(m->d, 8);
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
		case CMARK_NODE_HTML_BLOCK:
			break;
		default:
			if (strcmp(type, "table") == 0)
				table(m, n, indent);
			break;
		}
	}
}

/* See pdf_md.h. */
void
pdf_md_blocks(struct pdf_doc *d, const struct guideline *g,
	      cmark_node *first, cmark_node *stop, double indent)
{
	struct md m = {d, g, pdf_doc_list_indent(d)};

	blocks(&m, first, stop, indent, 0);
}

struct pdf_text *
pdf_value_text(const struct value *v)
{
	if (v == NULL || v->kind == VALUE_UNKNOWN || v->text == NULL)
		return pdf_text_str("未収録", PDF_MUTED);
	if (v->kind == VALUE_PROVIDER)
		return pdf_text_str("-", 0);
	return pdf_text_str(v->text, v->required ? PDF_EM : 0);
}
