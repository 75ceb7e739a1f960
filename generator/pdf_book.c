/*
 * pdf_book: the guideline as a book — cover, contents, Parts I to III,
 * and two appendices (every evaluation item against the six patterns;
 * service types and their patterns) — built as typesetter blocks.
 *
 * Destinations are named by the IDs themselves ("III.4.2.1"), which are
 * unique across parts, sections and controls; the appendices are
 * "appendix-1" and "appendix-2".
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "diag.h"
#include "pdf.h"
#include "pdf_layout.h"
#include "pdf_md.h"
#include "pdf_revision.h"
#include "value.h"

#define APPENDIX_MATRIX "appendix-1"
#define APPENDIX_TYPES "appendix-2"
#define MATRIX_TITLE "付録1　評価項目と対策参照値の一覧"
#define TYPES_TITLE "付録2　サービス種別とパターン"

/*
 * The edition "2008-01-30" as the guideline prints dates, in the
 * Japanese era: "平成20年1月30日".  A new string; the text as it is if
 * it is not a date.
 */
static char *
era_date(const char *ed)
{
	int y, m, d, n;
	const char *era;

	if (ed == NULL || sscanf(ed, "%d-%d-%d", &y, &m, &d) != 3)
		return g_strdup(ed ? ed : "");
	n = y * 10000 + m * 100 + d;
	if (n >= 20190501)
		era = "令和", y -= 2018;
	else if (n >= 19890108)
		era = "平成", y -= 1988;
	else
		era = "昭和", y -= 1925;
	if (y == 1)
		return g_strdup_printf("%s元年%d月%d日", era, m, d);
	return g_strdup_printf("%s%d年%d月%d日", era, y, m, d);
}

/* The cover: title, edition date, publisher, author, attribution. */
static void
cover(struct pdf_doc *d, const struct guideline *g)
{
	struct pdf_para_opts c = {.align = PDF_CENTER};
	char *date = era_date(g->edition);

	pdf_space(d, 1);
	pdf_para_str(d, PDF_SUBTITLE, " ", &c);
	pdf_space(d, 150);
	pdf_para_str(d, PDF_TITLE, g->title, &c);
	pdf_space(d, 24);
	pdf_para_str(d, PDF_SUBTITLE, date, &c);
	pdf_space(d, 160);
	pdf_para_str(d, PDF_SUBTITLE, g->publisher, &c);
	if (g->author != NULL)
		pdf_para_str(d, PDF_BODY, g->author, &c);
	pdf_space(d, 120);
	if (g->attribution != NULL)
		pdf_para_str(d, PDF_SMALL, g->attribution, NULL);
	pdf_pagebreak(d);
	g_free(date);
}

/* "Ⅲ　物理的・技術的対策編" and the like: a new string. */
static char *
numbered(const char *id, const char *title)
{
	char *disp = id_display(id);
	char *s = g_strdup_printf("%s　%s", disp, title ? title : "");

	g_free(disp);
	return s;
}

/* A contents entry: the number in a hanging box of HANG points, the
 * title beside it, the page number at the right. */
static void
toc_entry(struct pdf_doc *d, enum pdf_role role, const char *id,
	  const char *title, double indent, double hang)
{
	char *num = id ? id_display(id) : NULL;
	struct pdf_para_opts o = {.toc = id, .indent = indent, .hang = hang,
				  .marker = num};

	pdf_para_str(d, role, title ? title : "", &o);
	g_free(num);
}

/*
 * The table of contents: parts and sections, then the appendices;
 * their page numbers are filled in when the pages are drawn.
 */
static void
contents(struct pdf_doc *d, const struct guideline *g, bool revision)
{
	struct pdf_para_opts h = {.dest = "contents", .mark = "目次",
				  .rule_below = true};
	double li = pdf_doc_list_indent(d);
	struct pdf_para_opts a = {.toc = APPENDIX_MATRIX};

	pdf_para_str(d, PDF_H1, "目次", &h);
	for (guint i = 0; i < g->parts->len; i++) {
		const struct part *p = g_ptr_array_index(g->parts, i);
		toc_entry(d, PDF_TOC1, p->id, p->title, 0, li);
		for (guint j = 0; j < p->sections->len; j++) {
			const struct section *sec =
				g_ptr_array_index(p->sections, j);
			toc_entry(d, PDF_TOC2, sec->id, sec->title, li,
				  2.2 * li);
		}
	}
	pdf_para_str(d, PDF_TOC1, MATRIX_TITLE, &a);
	a.toc = APPENDIX_TYPES;
	pdf_para_str(d, PDF_TOC1, TYPES_TITLE, &a);
	if (revision) {
		a.toc = REVISION_DEST;
		pdf_para_str(d, PDF_TOC1, REVISION_TITLE, &a);
	}
	pdf_pagebreak(d);
}

/* "a. label", or the label alone for a single unnumbered item. */
static char *
item_label(const struct item *it)
{
	if (it->key == NULL || strcmp(it->key, "-") == 0)
		return g_strdup(it->label ? it->label : "");
	return g_strdup_printf("%s. %s", it->key, it->label ? it->label : "");
}

/* Header cells "パターン1" … "パターン6". */
static void
pattern_heads(struct pdf_doc *d)
{
	for (int k = 1; k <= PATTERNS; k++) {
		char *s = g_strdup_printf("パターン%d", k);
		pdf_table_cell(d, pdf_text_str(s, 0), NULL);
		g_free(s);
	}
}

/* 【評価項目】: one row per item, its label and its six values. */
static void
items_table(struct pdf_doc *d, const struct control *c)
{
	struct pdf_col cols[1 + PATTERNS];
	struct pdf_para_opts k = {.keep = true};

	cols[0] = (struct pdf_col){0.31, PDF_LEFT};
	for (int i = 1; i <= PATTERNS; i++)
		cols[i] = (struct pdf_col){0.69 / PATTERNS, PDF_CENTER};
	pdf_para_str(d, PDF_LABEL, "【評価項目】", &k);
	pdf_table(d, 1 + PATTERNS, cols, 1, 0);
	pdf_table_cell(d, pdf_text_str("評価項目", 0), NULL);
	pattern_heads(d);
	for (guint i = 0; i < c->items->len; i++) {
		const struct item *it = g_ptr_array_index(c->items, i);
		char *s = item_label(it);
		pdf_table_cell(d, pdf_text_str(s, 0), NULL);
		g_free(s);
		for (int p = 0; p < PATTERNS; p++)
			pdf_table_cell(d, pdf_value_text(&it->values[p]), NULL);
	}
}

/* A control as the guideline prints it. */
static void
control(struct pdf_doc *d, const struct guideline *g, const struct control *c,
	const struct gdiff *diff)
{
	const struct gdiff_control *dc =
		diff != NULL ? gdiff_by_new(diff, c->id) : NULL;
	bool changed = dc != NULL && gdiff_content_changed(dc);
	char *disp = id_display(c->id), *head;
	struct pdf_para_opts h = {.keep = true, .rule_below = true,
				  .dest = c->id, .outline = 3};
	cmark_node *bp = control_bp_heading(c);
	cmark_node *first = c->body.doc ? cmark_node_first_child(c->body.doc)
					: NULL;

	head = g_strdup_printf("%s【%s】%s%s", disp, level_name(c->level),
			       c->title ? "　" : "", c->title ? c->title : "");
	h.outline_title = head;
	pdf_bar(d, changed);
	pdf_para_str(d, PDF_H4, head, &h);
	pdf_md_blocks(d, g, first, bp, 0);
	if (bp != NULL) {
		struct pdf_para_opts k = {.keep = true};
		pdf_para_str(d, PDF_LABEL, "【ベストプラクティス】", &k);
		pdf_md_blocks(d, g, cmark_node_next(bp), NULL, 0);
	}
	if (c->items != NULL && c->items->len > 0)
		items_table(d, c);
	pdf_bar(d, false);
	g_free(head);
	g_free(disp);
}

/*
 * Section S of part P: its heading (outline, running header), its
 * body or source, then its subsections and their controls.
 */
static void
section(struct pdf_doc *d, const struct guideline *g, const struct part *p,
	const struct section *s, const struct gdiff *diff)
{
	char *title = numbered(s->id, s->title);
	char *pt = numbered(p->id, p->title);
	char *mark = g_strdup_printf("%s　／　%s", pt, title);
	struct pdf_para_opts h = {.keep = true, .dest = s->id, .outline = 2,
				  .outline_title = title, .mark = mark};

	pdf_para_str(d, PDF_H2, title, &h);
	if (s->source != NULL) {
		char *src = g_strdup_printf("出典：%s", s->source);
		struct pdf_para_opts k = {.keep = true};
		struct pdf_text *t = pdf_text_new();
		pdf_text_add(t, src, PDF_MUTED);
		pdf_para(d, PDF_SMALL, t, &k);
		g_free(src);
	}
	if (s->body.doc != NULL) {
		pdf_md_blocks(d, g, cmark_node_first_child(s->body.doc), NULL,
			      0);
	}
	for (guint i = 0; i < s->subsections->len; i++) {
		const struct subsection *sub =
			g_ptr_array_index(s->subsections, i);
		char *st = numbered(sub->id, sub->title);
		struct pdf_para_opts k = {.keep = true, .dest = sub->id};
		pdf_para_str(d, PDF_H3, st, &k);
		g_free(st);
		for (guint j = 0; j < sub->controls->len; j++)
			control(d, g, g_ptr_array_index(sub->controls, j),
				diff);
	}
	g_free(mark);
	g_free(pt);
	g_free(title);
}

/* Part P on a new page: its heading, its body, its sections. */
static void
part(struct pdf_doc *d, const struct guideline *g, const struct part *p,
     const struct gdiff *diff)
{
	char *title = numbered(p->id, p->title);
	struct pdf_para_opts h = {.dest = p->id, .outline = 1,
				  .outline_title = title, .mark = title,
				  .rule_below = true};

	pdf_pagebreak(d);
	pdf_para_str(d, PDF_H1, title, &h);
	if (p->body.doc != NULL) {
		pdf_md_blocks(d, g, cmark_node_first_child(p->body.doc), NULL,
			      0);
	}
	for (guint i = 0; i < p->sections->len; i++)
		section(d, g, p, g_ptr_array_index(p->sections, i), diff);
	g_free(title);
}

/* Appendix 1: every evaluation item of Part III against the patterns,
 * its ID a link to the control. */
static void
matrix(struct pdf_doc *d, const struct guideline *g)
{
	struct pdf_col cols[2 + PATTERNS];
	struct pdf_para_opts h = {.dest = APPENDIX_MATRIX, .outline = 1,
				  .outline_title = MATRIX_TITLE,
				  .mark = MATRIX_TITLE, .rule_below = true};

	cols[0] = (struct pdf_col){0.11, PDF_LEFT};
	cols[1] = (struct pdf_col){0.23, PDF_LEFT};
	for (int i = 2; i < 2 + PATTERNS; i++)
		cols[i] = (struct pdf_col){0.66 / PATTERNS, PDF_CENTER};
	pdf_pagebreak(d);
	pdf_para_str(d, PDF_H1, MATRIX_TITLE, &h);
	pdf_para_str(d, PDF_BODY,
		     "物理的・技術的対策編の評価項目ごとの対策参照値を、"
		     "パターン別に示す。「*」を付した値は必ず満たすべき値、"
		     "「-」は事業者が独自に設定する値を表す。", NULL);
	pdf_table(d, 2 + PATTERNS, cols, 1, 0);
	pdf_table_cell(d, pdf_text_str("対策項目", 0), NULL);
	pdf_table_cell(d, pdf_text_str("評価項目", 0), NULL);
	pattern_heads(d);
	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);
		for (guint j = 0; c->items && j < c->items->len; j++) {
			const struct item *it = g_ptr_array_index(c->items, j);
			char *id = id_display(c->id), *l = item_label(it);
			pdf_table_cell(d, pdf_text_str(id, PDF_LINK), c->id);
			pdf_table_cell(d, pdf_text_str(l, 0), NULL);
			for (int p = 0; p < PATTERNS; p++)
				pdf_table_cell(d, pdf_value_text(&it->values[p]),
					       NULL);
			g_free(id);
			g_free(l);
		}
	}
}

/* The patterns and their C/I/A levels. */
static void
patterns(struct pdf_doc *d, const struct guideline *g)
{
	static const struct pdf_col cols[] = {
		{0.12, PDF_CENTER}, {0.1, PDF_CENTER}, {0.1, PDF_CENTER},
		{0.1, PDF_CENTER},  {0.58, PDF_LEFT}};
	static const char *const head[] = {"パターン", "機密性", "完全性",
					   "可用性", "説明"};

	pdf_table(d, 5, cols, 1, 0);
	for (int i = 0; i < 5; i++)
		pdf_table_cell(d, pdf_text_str(head[i], 0), NULL);
	for (int i = 0; i < g->npatterns; i++) {
		const struct pattern *p = &g->patterns[i];
		char *n = g_strdup_printf("%d", p->num);
		pdf_table_cell(d, pdf_text_str(n, 0), NULL);
		pdf_table_cell(d, pdf_text_str(p->confidentiality, 0), NULL);
		pdf_table_cell(d, pdf_text_str(p->integrity, 0), NULL);
		pdf_table_cell(d, pdf_text_str(p->availability, 0), NULL);
		pdf_table_cell(d, pdf_text_str(p->description, 0), NULL);
		g_free(n);
	}
}

/* Appendix 2: the service types and their patterns. */
static void
service_types(struct pdf_doc *d, const struct guideline *g)
{
	static const struct pdf_col cols[] = {{0.76, PDF_LEFT},
					      {0.24, PDF_CENTER}};
	struct pdf_para_opts h = {.dest = APPENDIX_TYPES, .outline = 1,
				  .outline_title = TYPES_TITLE,
				  .mark = TYPES_TITLE, .rule_below = true};
	struct pdf_para_opts k = {.keep = true};

	pdf_pagebreak(d);
	pdf_para_str(d, PDF_H1, TYPES_TITLE, &h);
	pdf_para_str(d, PDF_LABEL, "【パターン】", &k);
	patterns(d, g);
	pdf_para_str(d, PDF_LABEL, "【サービス種別ごとのパターン】", &k);
	pdf_table(d, 2, cols, 1, 0);
	pdf_table_cell(d, pdf_text_str("サービス種別", 0), NULL);
	pdf_table_cell(d, pdf_text_str("パターン", 0), NULL);
	for (guint i = 0; i < g->service_types->len; i++) {
		const struct service_type *t =
			g_ptr_array_index(g->service_types, i);
		char *n = t->pattern > 0 ? g_strdup_printf("%d", t->pattern)
					 : g_strdup("※");
		pdf_table_cell(d, pdf_text_str(t->name, 0), NULL);
		pdf_table_cell(d, pdf_text_str(n, 0), NULL);
		g_free(n);
	}
	for (char **n = g->service_types_note; n != NULL && *n != NULL; n++)
		pdf_para_str(d, PDF_SMALL, *n, NULL);
}

int
pdf_book_write(const struct guideline *g, const char *path,
	       const struct pdf_opts *o)
{
	struct pdf_doc *d;
	char *subject;
	int rc = -1;

	d = pdf_doc_new(o && o->theme_dir ? o->theme_dir : "themes/default",
			o && o->fonts_dir ? o->fonts_dir : "fonts", true);
	if (d == NULL)
		return -1;
	subject = g_strdup_printf("%s（%s版）", g->title ? g->title : "",
				  g->edition ? g->edition : "");
	cover(d, g);
	contents(d, g, o && o->diff);
	for (guint i = 0; i < g->parts->len; i++)
		part(d, g, g_ptr_array_index(g->parts, i), o ? o->diff : NULL);
	matrix(d, g);
	service_types(d, g);
	if (o && o->diff)
		pdf_revision(d, o->diff);
	struct pdf_meta m = {g->title, g->publisher, subject, "guidepress",
			     pdf_date(g->edition)};
	if (pdf_doc_write(d, path, &m) >= 0)
		rc = 0;
	pdf_doc_free(d);
	g_free(subject);
	return rc;
}
