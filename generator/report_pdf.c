/*
 * report_pdf: the provider's disclosure report typeset with the book's
 * typesetter — a cover, a summary with a chart, the items that fall short
 * first, the full checklist of Part III in the columns of the
 * 準拠状況確認表, and Part II as a status list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <glib.h>

#include "pdf.h"
#include "pdf_layout.h"
#include "pdf_md.h"
#include "report.h"

#define REPORT_TITLE "情報セキュリティ対策 開示報告書"

static struct pdf_text *
judgement_cell(enum judgement j)
{
	unsigned style = 0;

	if (j == JUDGE_FAILS)
		style = PDF_EM;
	else if (j == JUDGE_BELOW_GUIDE)
		style = PDF_STRONG;
	else if (j == JUDGE_UNANSWERED || j == JUDGE_CANNOT_JUDGE ||
		 j == JUDGE_NOT_APPLICABLE)
		style = PDF_MUTED;
	return pdf_text_str(judgement_label(j), style);
}

static void
kv_row(struct pdf_doc *d, const char *k, const char *v)
{
	pdf_table_cell(d, pdf_text_str(k, PDF_STRONG), NULL);
	pdf_table_cell(d, pdf_text_str(v != NULL ? v : "—", 0), NULL);
}

static void
cover(struct pdf_doc *d, const struct report *r)
{
	const struct answers *a = r->a;
	static const struct pdf_col cols[] = {{0.3, PDF_LEFT}, {0.7, PDF_LEFT}};
	struct pdf_para_opts c = {.align = PDF_CENTER};
	char *pat = report_pattern_text(r), *ed = report_edition_text(r);

	pdf_space(d, 1);
	pdf_para_str(d, PDF_SUBTITLE, " ", &c);
	pdf_space(d, 90);
	pdf_para_str(d, PDF_TITLE, REPORT_TITLE, &c);
	pdf_space(d, 12);
	pdf_para_str(d, PDF_SUBTITLE, a->service, &c);
	pdf_para_str(d, PDF_BODY, a->name, &c);
	pdf_space(d, 60);
	pdf_table(d, 2, cols, 0, 0);
	kv_row(d, "事業者", a->name);
	kv_row(d, "サービス", a->service);
	kv_row(d, "サービス種別", a->service_type);
	kv_row(d, "パターン", pat);
	kv_row(d, "開示日", a->disclosure_date);
	kv_row(d, "連絡先", a->contact);
	kv_row(d, "対象ガイドライン", ed);
	kv_row(d, "回答ファイル SHA-256", a->sha256);
	pdf_space(d, 24);
	pdf_para_str(d, PDF_SMALL,
		     "この報告書は、事業者が回答した対策の実施状況と値を、"
		     "上記パターンの対策参照値と照合して判定したものです。"
		     "「*」の付いた対策参照値を満たさない項目は「不適合」、"
		     "「*」のない対策参照値を満たさない項目は「目安未達」、"
		     "値が比較できない項目は「判定不能」と表示します。",
		     NULL);
	pdf_pagebreak(d);
	g_free(pat);
	g_free(ed);
}

static void
tally_row(struct pdf_doc *d, const char *label, const struct tally *t)
{
	char buf[16];

	pdf_table_cell(d, pdf_text_str(label, 0), NULL);
	for (size_t k = 0; k < STATUS__MAX; k++) {
		g_snprintf(buf, sizeof buf, "%d",
			   t->status[report_status_order[k]]);
		pdf_table_cell(d, pdf_text_str(buf, 0), NULL);
	}
}

/* Controls by status: one row per section, and the total. */
static void
status_table(struct pdf_doc *d, const struct report *r)
{
	static const struct pdf_col cols[] = {
		{0.34, PDF_LEFT},  {0.11, PDF_RIGHT}, {0.11, PDF_RIGHT},
		{0.11, PDF_RIGHT}, {0.11, PDF_RIGHT}, {0.11, PDF_RIGHT},
		{0.11, PDF_RIGHT},
	};

	pdf_table(d, 7, cols, 1, 0);
	pdf_table_cell(d, pdf_text_str("節", 0), NULL);
	for (size_t k = 0; k < STATUS__MAX; k++)
		pdf_table_cell(d, pdf_text_str(status_label(report_status_order[k]), 0),
			       NULL);
	for (guint i = 0; i < r->sections->len; i++) {
		const struct report_group *e =
			&g_array_index(r->sections, struct report_group, i);
		char *label = report_group_label(e);
		tally_row(d, label, &e->t);
		g_free(label);
	}
	tally_row(d, "計", &r->total);
}

/* Items by judgement, per level and in all. */
static void
judgement_table(struct pdf_doc *d, const struct report *r)
{
	static const struct pdf_col cols[] = {
		{0.22, PDF_LEFT},  {0.13, PDF_RIGHT}, {0.13, PDF_RIGHT},
		{0.13, PDF_RIGHT}, {0.13, PDF_RIGHT}, {0.13, PDF_RIGHT},
		{0.13, PDF_RIGHT},
	};
	const enum judgement *order = report_judgement_order;
	const struct tally *rows[] = {&r->level[LEVEL_BASIC],
				      &r->level[LEVEL_RECOMMENDED], &r->total};
	const char *names[] = {"基本", "推奨", "計"};
	char buf[16];

	pdf_table(d, 7, cols, 1, 0);
	pdf_table_cell(d, pdf_text_str("評価項目", 0), NULL);
	for (size_t j = 0; j < JUDGE__MAX; j++)
		pdf_table_cell(d, pdf_text_str(judgement_label(order[j]), 0), NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		pdf_table_cell(d, pdf_text_str(names[i], 0), NULL);
		for (size_t j = 0; j < JUDGE__MAX; j++) {
			g_snprintf(buf, sizeof buf, "%d",
				   rows[i]->judgement[order[j]]);
			pdf_table_cell(d, pdf_text_str(buf, 0), NULL);
		}
	}
}

/* The chart's colours per status, in report_status_order. */
static const double chart_rgb[STATUS__MAX][3] = {
	{0.184, 0.490, 0.310}, /* implemented */
	{0.498, 0.690, 0.412}, /* partial */
	{0.878, 0.706, 0.235}, /* planned */
	{0.718, 0.255, 0.180}, /* not implemented */
	{0.604, 0.639, 0.682}, /* not applicable */
	{1.0, 1.0, 1.0},       /* unanswered */
};

#define CHART_ROW 15.0
#define CHART_LEGEND 18.0

/* A label for the chart: the section's number and the start of its
 * title.  New string. */
static char *
chart_label(const struct report_group *e)
{
	char *full = report_group_label(e), *s;

	if (g_utf8_strlen(full, -1) <= 17)
		return full;
	*g_utf8_offset_to_pointer(full, 16) = '\0';
	s = g_strconcat(full, "…", NULL);
	g_free(full);
	return s;
}

static void
swatch(cairo_t *cr, int k, double x, double y, double w, double h)
{
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgb(cr, chart_rgb[k][0], chart_rgb[k][1],
			     chart_rgb[k][2]);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
	cairo_set_line_width(cr, 0.4);
	cairo_stroke(cr);
}

/*
 * The chart of the summary, drawn with cairo: a legend, then one bar per
 * section split by the statuses of its controls.
 */
static void
draw_chart(struct pdf_doc *d, void *cr_, double w, double h, void *data)
{
	const struct report *r = data;
	cairo_t *cr = cr_;
	double x = 0, lw = w * 0.36, bw = w - lw - 6;

	(void)h;
	for (size_t k = 0; k < STATUS__MAX; k++) {
		const char *s = status_label(report_status_order[k]);
		swatch(cr, (int)k, x, 3, 8, 8);
		pdf_draw_text(d, cr, PDF_SMALL, s, x + 11, 1, 0, PDF_LEFT);
		x += 11 + 9 * g_utf8_strlen(s, -1) + 12;
	}
	for (guint i = 0; i < r->sections->len; i++) {
		const struct report_group *e =
			&g_array_index(r->sections, struct report_group, i);
		double y = CHART_LEGEND + i * CHART_ROW, bx = lw + 6;
		char *label = chart_label(e);

		pdf_draw_text(d, cr, PDF_SMALL, label, 0, y + 2, lw, PDF_LEFT);
		g_free(label);
		for (size_t k = 0; k < STATUS__MAX && e->t.controls > 0; k++) {
			int n = e->t.status[report_status_order[k]];
			double seg = bw * n / e->t.controls;
			if (n == 0)
				continue;
			swatch(cr, (int)k, bx, y + 3, seg, CHART_ROW - 6);
			bx += seg;
		}
	}
}

static void
summary(struct pdf_doc *d, const struct report *r)
{
	const struct tally *t = &r->total;
	char *line;

	pdf_para_str(d, PDF_H1, "概要",
		     &(struct pdf_para_opts){.outline = 1,
					     .outline_title = "概要",
					     .mark = "概要", .dest = "summary",
					     .keep = true});
	line = g_strdup_printf(
		"対策項目 %d 件のうち実施済 %d 件、一部実施 %d 件、実施予定 %d 件、"
		"未実施 %d 件、対象外 %d 件、未回答 %d 件。評価項目 %d 件のうち"
		"適合 %d 件、不適合 %d 件、目安未達 %d 件、判定不能 %d 件、"
		"未回答 %d 件。",
		t->controls, t->status[STATUS_IMPLEMENTED],
		t->status[STATUS_PARTIAL], t->status[STATUS_PLANNED],
		t->status[STATUS_NOT_IMPLEMENTED],
		t->status[STATUS_NOT_APPLICABLE], t->status[STATUS_NONE],
		t->items, t->judgement[JUDGE_MEETS], t->judgement[JUDGE_FAILS],
		t->judgement[JUDGE_BELOW_GUIDE],
		t->judgement[JUDGE_CANNOT_JUDGE],
		t->judgement[JUDGE_UNANSWERED]);
	pdf_para_str(d, PDF_BODY, line, NULL);
	g_free(line);
	pdf_space(d, 6);
	pdf_figure(d, CHART_LEGEND + r->sections->len * CHART_ROW, draw_chart,
		   (void *)r);
	pdf_space(d, 8);
	pdf_para_str(d, PDF_H3, "節ごとの対策項目の実施状況",
		     &(struct pdf_para_opts){.keep = true});
	status_table(d, r);
	pdf_space(d, 12);
	pdf_para_str(d, PDF_H3, "区分ごとの評価項目の判定",
		     &(struct pdf_para_opts){.keep = true});
	judgement_table(d, r);
	pdf_pagebreak(d);
}

/* The items that fail or fall below the guide, before everything else. */
static void
shortfalls(struct pdf_doc *d, const struct report *r)
{
	static const struct pdf_col cols[] = {
		{0.12, PDF_LEFT}, {0.33, PDF_LEFT}, {0.2, PDF_LEFT},
		{0.2, PDF_LEFT},  {0.15, PDF_LEFT},
	};
	static const char *const heads[] = {"対策項目番号", "評価項目",
					    "対策参照値", "回答値", "判定"};
	const char *title = "対策参照値を満たさない項目";
	GArray *sf = report_shortfalls(r);

	pdf_para_str(d, PDF_H1, title,
		     &(struct pdf_para_opts){.outline = 1,
					     .outline_title = title,
					     .mark = title, .dest = "shortfalls",
					     .keep = true});
	if (sf->len == 0)
		pdf_para_str(d, PDF_BODY,
			     "対策参照値を満たさない評価項目はありません。",
			     NULL);
	else
		pdf_table(d, 5, cols, 1, 0);
	for (size_t i = 0; sf->len > 0 && i < G_N_ELEMENTS(heads); i++)
		pdf_table_cell(d, pdf_text_str(heads[i], 0), NULL);
	for (guint i = 0; i < sf->len; i++) {
		const struct report_shortfall *e =
			&g_array_index(sf, struct report_shortfall, i);
		char *id = id_display(e->an->control->id);
		char *item = g_strdup_printf("%s %s", e->ai->item->key,
					     e->ai->item->label);
		pdf_table_cell(d, pdf_text_str(id, 0), NULL);
		pdf_table_cell(d, pdf_text_str(item, 0), NULL);
		pdf_table_cell(d, pdf_value_text(report_reference(r, e->ai)), NULL);
		pdf_table_cell(d, pdf_text_str(e->ai->declared.text, 0), NULL);
		pdf_table_cell(d, judgement_cell(e->ai->judgement), NULL);
		g_free(id);
		g_free(item);
	}
	g_array_free(sf, TRUE);
	pdf_pagebreak(d);
}

/* What a table's row writer needs. */
struct rows {
	struct pdf_doc *d;
	const struct report *r;
};

static void
checklist_row(void *arg, const struct answer *an, size_t j)
{
	struct pdf_doc *d = ((struct rows *)arg)->d;
	const struct report *r = ((struct rows *)arg)->r;
	const struct control *c = an->control;
	char *id = id_display(c->id), *text = control_text(c);
	char *rem = report_remarks(an);
	char *status = g_strdup(status_label(an->status));
	bool first = j == 0;

	pdf_table_cell(d, pdf_text_str(first ? id : "", 0), NULL);
	if (an->nitems == 0) {
		pdf_table_cell(d, pdf_text_str("", 0), NULL);
		pdf_table_cell(d, pdf_text_str(text, 0), NULL);
		pdf_table_cell(d, pdf_text_str(level_name(c->level), 0), NULL);
		pdf_table_cell(d, pdf_text_str("", 0), NULL);
		pdf_table_cell(d, pdf_text_str("", 0), NULL);
		pdf_table_cell(d, pdf_text_str(status, 0), NULL);
		pdf_table_cell(d, judgement_cell(an->judgement), NULL);
	} else {
		const struct answer_item *ai = &an->items[j];
		pdf_table_cell(d, pdf_text_str(ai->item->key, 0), NULL);
		pdf_table_cell(d, pdf_text_str(first ? text : "", 0), NULL);
		pdf_table_cell(d, pdf_text_str(first ? level_name(c->level) : "", 0),
			       NULL);
		pdf_table_cell(d, pdf_text_str(ai->item->label, 0), NULL);
		pdf_table_cell(d, pdf_value_text(report_reference(r, ai)), NULL);
		pdf_table_cell(d, pdf_text_str(ai->declared.present ? ai->declared.text
							    : status,
				       ai->declared.present ? 0 : PDF_MUTED),
			       NULL);
		pdf_table_cell(d, judgement_cell(ai->judgement), NULL);
	}
	pdf_table_cell(d, pdf_text_str(first ? rem : "", 0), NULL);
	g_free(id);
	g_free(text);
	g_free(rem);
	g_free(status);
}

/* Part III in the columns of the 準拠状況確認表. */
static void
checklist(struct pdf_doc *d, const struct report *r)
{
	static const struct pdf_col cols[] = {
		{0.085, PDF_LEFT}, {0.06, PDF_CENTER}, {0.21, PDF_LEFT},
		{0.05, PDF_CENTER}, {0.145, PDF_LEFT}, {0.11, PDF_LEFT},
		{0.1, PDF_LEFT},   {0.08, PDF_LEFT},   {0.16, PDF_LEFT},
	};
	static const char *const heads[] = {
		"対策項目番号", "評価項目番号", "対策項目", "区分", "評価項目",
		"対策参照値", "回答値", "判定", "備考",
	};
	char *title = g_strdup_printf("準拠状況確認表（パターン%d）",
				      r->pattern ? r->pattern->num : 0);

	pdf_para_str(d, PDF_H1, title,
		     &(struct pdf_para_opts){.outline = 1,
					     .outline_title = title,
					     .mark = title, .dest = "checklist",
					     .keep = true});
	pdf_table(d, 9, cols, 1, 0);
	for (size_t i = 0; i < G_N_ELEMENTS(heads); i++)
		pdf_table_cell(d, pdf_text_str(heads[i], 0), NULL);
	report_rows(r, "III", checklist_row, &(struct rows){d, r});
	pdf_pagebreak(d);
	g_free(title);
}

static void
part2_row(void *arg, const struct answer *an, size_t j)
{
	struct pdf_doc *d = ((struct rows *)arg)->d;
	char *id = id_display(an->control->id);
	char *text = control_text(an->control), *rem = report_remarks(an);

	(void)j;
	pdf_table_cell(d, pdf_text_str(id, 0), NULL);
	pdf_table_cell(d, pdf_text_str(text, 0), NULL);
	pdf_table_cell(d, pdf_text_str(status_label(an->status),
			       an->status == STATUS_NONE ? PDF_MUTED : 0),
		       NULL);
	pdf_table_cell(d, pdf_text_str(rem, 0), NULL);
	g_free(id);
	g_free(text);
	g_free(rem);
}

/* Part II: a status list with notes. */
static void
part2(struct pdf_doc *d, const struct report *r)
{
	static const struct pdf_col cols[] = {
		{0.1, PDF_LEFT}, {0.46, PDF_LEFT}, {0.1, PDF_LEFT},
		{0.34, PDF_LEFT},
	};
	const char *title = "組織・運用編の実施状況";

	pdf_para_str(d, PDF_H1, title,
		     &(struct pdf_para_opts){.outline = 1,
					     .outline_title = title,
					     .mark = title, .dest = "part2",
					     .keep = true});
	pdf_table(d, 4, cols, 1, 0);
	pdf_table_cell(d, pdf_text_str("対策項目番号", 0), NULL);
	pdf_table_cell(d, pdf_text_str("対策項目", 0), NULL);
	pdf_table_cell(d, pdf_text_str("実施状況", 0), NULL);
	pdf_table_cell(d, pdf_text_str("備考", 0), NULL);
	report_rows(r, "II", part2_row, &(struct rows){d, r});
}

/* A list of control IDs with their text, under a heading. */
static void
revision_list(struct pdf_doc *d, const char *head, GPtrArray *ctls)
{
	if (ctls->len == 0)
		return;
	pdf_para_str(d, PDF_H3, head, &(struct pdf_para_opts){.keep = true});
	for (guint i = 0; i < ctls->len; i++) {
		const struct control *c = g_ptr_array_index(ctls, i);
		char *disp = id_display(c->id), *text = control_text(c);
		struct pdf_text *t = pdf_text_new();
		pdf_text_add(t, disp, PDF_STRONG);
		pdf_text_add(t, "　", 0);
		pdf_text_add(t, text, 0);
		pdf_para(d, PDF_BODY, t, NULL);
		g_free(disp);
		g_free(text);
	}
}

static void
revision_moves(struct pdf_doc *d, const char *head, GPtrArray *moves,
	       const char *gone)
{
	if (moves->len == 0)
		return;
	pdf_para_str(d, PDF_H3, head, &(struct pdf_para_opts){.keep = true});
	for (guint i = 0; i < moves->len; i++) {
		const struct stale_move *m = g_ptr_array_index(moves, i);
		char *from = id_display(m->old_id);
		char *to = m->new_id ? id_display(m->new_id) : NULL;
		char *line = to ? g_strdup_printf("%s → %s", from, to)
				: g_strdup_printf("%s（%s）", from, gone);
		pdf_para_str(d, PDF_BODY, line, NULL);
		g_free(from);
		g_free(to);
		g_free(line);
	}
}

/* What the revision since the answers' edition made stale. */
static void
revision(struct pdf_doc *d, const struct report *r)
{
	const struct stale *st = r->stale;
	const char *title = "改訂による確認事項";
	char *intro;

	if (st == NULL)
		return;
	pdf_para_str(d, PDF_H1, title,
		     &(struct pdf_para_opts){.outline = 1,
					     .outline_title = title,
					     .mark = title, .dest = "revision",
					     .keep = true});
	intro = report_revision_intro(r);
	pdf_para_str(d, PDF_BODY, intro, NULL);
	g_free(intro);
	revision_list(d, "要求が変わった対策項目（回答の見直しが必要）",
		      st->review);
	revision_list(d, "新設された対策項目（未回答）", st->added);
	revision_moves(d, "番号が変わった対策項目", st->renumbered, "");
	revision_moves(d, "削除された対策項目への回答", st->removed,
		       "後継なし");
	pdf_pagebreak(d);
}

int
report_write_pdf(const struct report *r, const char *path,
		 const struct pdf_opts *o)
{
	struct pdf_doc *d;
	char *subject;
	int rc = -1;

	d = pdf_doc_new(o && o->theme_dir ? o->theme_dir : "themes/default",
			o && o->fonts_dir ? o->fonts_dir : "fonts", true);
	if (d == NULL)
		return -1;
	subject = g_strdup_printf("%s — %s", r->a->service, r->g->title);
	cover(d, r);
	summary(d, r);
	revision(d, r);
	shortfalls(d, r);
	checklist(d, r);
	part2(d, r);
	struct pdf_meta m = {REPORT_TITLE, r->a->name, subject, "guidepress",
			     pdf_date(r->a->disclosure_date)};
	if (pdf_doc_write(d, path, &m) >= 0)
		rc = 0;
	pdf_doc_free(d);
	g_free(subject);
	return rc;
}
