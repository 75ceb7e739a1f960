/*
 * report_html: the provider's disclosure report as one page in the
 * site's theme (template report.xhtml), built as a libxml2 tree.
 * Every provider string is a text node: nothing is escaped by hand.
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "html.h"
#include "publish.h"
#include "report.h"
#include "site.h"

#define REPORT_TITLE "情報セキュリティ対策 開示報告書"

/* A table in a scrolling wrapper, with a caption and header cells. */
static xmlNodePtr
table(xmlNodePtr parent, const char *cls, const char *caption,
      const char *const heads[], size_t n)
{
	xmlNodePtr wrap = html_elc(parent, "div", "table-wrap", NULL);
	xmlNodePtr t = html_elc(wrap, "table", cls, NULL);
	xmlNodePtr tr;

	if (caption != NULL)
		html_el(t, "caption", caption);
	tr = html_el(html_el(t, "thead", NULL), "tr", NULL);
	for (size_t i = 0; i < n; i++)
		html_attr(html_el(tr, "th", heads[i]), "scope", "col");
	return html_el(t, "tbody", NULL);
}

static void
num_cell(xmlNodePtr tr, int n)
{
	char buf[16];

	g_snprintf(buf, sizeof buf, "%d", n);
	html_elc(tr, "td", "num", buf);
}

static void
judgement_cell(xmlNodePtr tr, enum judgement j)
{
	char *cls = g_strdup_printf("j j-%s", judgement_name(j));

	html_elc(html_el(tr, "td", NULL), "span", cls, judgement_label(j));
	g_free(cls);
}

static void
ref_cell(xmlNodePtr tr, const struct value *v)
{
	xmlNodePtr td = html_el(tr, "td", NULL);

	if (v == NULL || v->kind == VALUE_UNKNOWN)
		html_elc(td, "span", "unknown", "未収録");
	else if (v->required)
		html_elc(td, "span", "req", v->text);
	else
		html_text(td, v->text);
}

static void
fact(xmlNodePtr dl, const char *k, const char *v, const char *cls)
{
	html_el(dl, "dt", k);
	html_elc(dl, "dd", cls, v != NULL ? v : "—");
}

static void
cover(xmlNodePtr main, const struct report *r)
{
	const struct answers *a = r->a;
	xmlNodePtr dl;
	char *pat = report_pattern_text(r), *ed = report_edition_text(r);

	html_el(main, "h1", REPORT_TITLE);
	html_elc(main, "p", "service", a->service);
	dl = html_elc(main, "dl", "facts", NULL);
	fact(dl, "事業者", a->name, NULL);
	fact(dl, "サービス", a->service, NULL);
	fact(dl, "サービス種別", a->service_type, NULL);
	fact(dl, "パターン", pat, NULL);
	fact(dl, "開示日", a->disclosure_date, NULL);
	fact(dl, "連絡先", a->contact, NULL);
	fact(dl, "対象ガイドライン", ed, NULL);
	fact(dl, "回答ファイル SHA-256", a->sha256, "hash");
	g_free(pat);
	g_free(ed);
}

/* One bar per section, its parts proportional to the controls in each
 * status; the counts are in the table below, the bar only shows them. */
static void
chart(xmlNodePtr main, const struct report *r)
{
	const enum status *order = report_status_order;
	xmlNodePtr legend = html_elc(main, "ul", "legend", NULL);
	xmlNodePtr ul = html_elc(main, "ul", "chart", NULL);

	html_attr(legend, "aria-hidden", "true");
	for (size_t k = 0; k < STATUS__MAX; k++) {
		xmlNodePtr li = html_el(legend, "li", NULL);
		char *cls = g_strdup_printf("sw s-%s", status_name(order[k]));
		html_elc(li, "span", cls, NULL);
		html_text(li, status_label(order[k]));
		g_free(cls);
	}
	html_attr(ul, "aria-hidden", "true");
	for (guint i = 0; i < r->sections->len; i++) {
		const struct report_group *e =
			&g_array_index(r->sections, struct report_group, i);
		xmlNodePtr li = html_el(ul, "li", NULL);
		xmlNodePtr bar;
		char *label = report_group_label(e);

		html_el(li, "span", label);
		bar = html_elc(li, "span", "bar", NULL);
		for (size_t k = 0; k < STATUS__MAX; k++) {
			int n = e->t.status[order[k]];
			char *cls, *style;
			if (n == 0 || e->t.controls == 0)
				continue;
			cls = g_strdup_printf("s-%s", status_name(order[k]));
			style = g_strdup_printf("width: %.2f%%",
						100.0 * n / e->t.controls);
			html_attr(html_elc(bar, "span", cls, NULL), "style",
				  style);
			g_free(cls);
			g_free(style);
		}
		g_free(label);
	}
}

static void
status_row(xmlNodePtr tbody, const char *label, const struct tally *t)
{
	xmlNodePtr tr = html_el(tbody, "tr", NULL);

	html_attr(html_el(tr, "th", label), "scope", "row");
	for (size_t k = 0; k < STATUS__MAX; k++)
		num_cell(tr, t->status[report_status_order[k]]);
}

static void
summary(xmlNodePtr main, const struct report *r)
{
	const enum judgement *order = report_judgement_order;
	const char *heads[1 + STATUS__MAX], *jheads[1 + JUDGE__MAX];
	const struct tally *rows[] = {&r->level[LEVEL_BASIC],
				      &r->level[LEVEL_RECOMMENDED], &r->total};
	const char *names[] = {"基本", "推奨", "計"};
	xmlNodePtr tb;

	heads[0] = "節";
	for (size_t k = 0; k < STATUS__MAX; k++)
		heads[k + 1] = status_label(report_status_order[k]);
	html_attr(html_el(main, "h2", "概要"), "id", "summary");
	chart(main, r);
	tb = table(main, "status", "節ごとの対策項目の実施状況", heads,
		   G_N_ELEMENTS(heads));
	for (guint i = 0; i < r->sections->len; i++) {
		const struct report_group *e =
			&g_array_index(r->sections, struct report_group, i);
		char *label = report_group_label(e);
		status_row(tb, label, &e->t);
		g_free(label);
	}
	status_row(tb, "計", &r->total);
	jheads[0] = "評価項目";
	for (size_t j = 0; j < JUDGE__MAX; j++)
		jheads[j + 1] = judgement_label(order[j]);
	tb = table(main, "judgements", "区分ごとの評価項目の判定", jheads,
		   G_N_ELEMENTS(jheads));
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
		xmlNodePtr tr = html_el(tb, "tr", NULL);
		html_attr(html_el(tr, "th", names[i]), "scope", "row");
		for (size_t j = 0; j < JUDGE__MAX; j++)
			num_cell(tr, rows[i]->judgement[order[j]]);
	}
}

static void
shortfalls(xmlNodePtr main, const struct report *r)
{
	static const char *const heads[] = {"対策項目番号", "評価項目",
					    "対策参照値", "回答値", "判定"};
	GArray *sf = report_shortfalls(r);
	xmlNodePtr tb = NULL;

	html_attr(html_el(main, "h2", "対策参照値を満たさない項目"), "id",
		  "shortfalls");
	if (sf->len == 0)
		html_el(main, "p", "対策参照値を満たさない評価項目はありません。");
	else
		tb = table(main, "shortfalls", NULL, heads, G_N_ELEMENTS(heads));
	for (guint i = 0; i < sf->len; i++) {
		const struct report_shortfall *e =
			&g_array_index(sf, struct report_shortfall, i);
		xmlNodePtr tr = html_el(tb, "tr", NULL);
		char *id = id_display(e->an->control->id);
		char *item = g_strdup_printf("%s %s", e->ai->item->key,
					     e->ai->item->label);
		html_attr(html_el(tr, "th", id), "scope", "row");
		html_el(tr, "td", item);
		ref_cell(tr, report_reference(r, e->ai));
		html_el(tr, "td", e->ai->declared.text);
		judgement_cell(tr, e->ai->judgement);
		g_free(id);
		g_free(item);
	}
	g_array_free(sf, TRUE);
}

/* One row of the checklist: item J of AN (or the control alone). */
/* What a table's row writer needs. */
struct rows {
	xmlNodePtr tbody;
	const struct report *r;
};

static void
checklist_row(void *arg, const struct answer *an, size_t j)
{
	xmlNodePtr tb = ((struct rows *)arg)->tbody;
	const struct report *r = ((struct rows *)arg)->r;
	const struct control *c = an->control;
	size_t rows = an->nitems ? an->nitems : 1;
	xmlNodePtr tr = html_el(tb, "tr", NULL);
	char *span = g_strdup_printf("%zu", rows);

	if (j == 0) {
		char *id = id_display(c->id), *text = control_text(c);
		char *rem = report_remarks(an);
		xmlNodePtr th = html_el(tr, "th", id);
		html_attr(th, "scope", "rowgroup");
		html_attr(th, "id", c->id);
		html_attr(th, "rowspan", span);
		html_el(tr, "td", an->nitems ? an->items[0].item->key : "-");
		html_attr(html_el(tr, "td", text), "rowspan", span);
		html_attr(html_el(tr, "td", level_name(c->level)), "rowspan",
			  span);
		g_free(id);
		g_free(text);
		if (an->nitems == 0) {
			html_el(tr, "td", "");
			html_el(tr, "td", "");
			html_el(tr, "td", status_label(an->status));
			judgement_cell(tr, an->judgement);
		} else {
			const struct answer_item *ai = &an->items[0];
			html_el(tr, "td", ai->item->label);
			ref_cell(tr, report_reference(r, ai));
			html_el(tr, "td", ai->declared.present
						  ? ai->declared.text
						  : status_label(an->status));
			judgement_cell(tr, ai->judgement);
		}
		html_attr(html_el(tr, "td", rem), "rowspan", span);
		g_free(rem);
	} else {
		const struct answer_item *ai = &an->items[j];
		html_el(tr, "td", ai->item->key);
		html_el(tr, "td", ai->item->label);
		ref_cell(tr, report_reference(r, ai));
		html_el(tr, "td", ai->declared.present ? ai->declared.text
						       : status_label(an->status));
		judgement_cell(tr, ai->judgement);
	}
	g_free(span);
}

static void
checklist(xmlNodePtr main, const struct report *r)
{
	static const char *const heads[] = {
		"対策項目番号", "評価項目番号", "対策項目", "区分", "評価項目",
		"対策参照値", "回答値", "判定", "備考",
	};
	char *title = g_strdup_printf("準拠状況確認表（パターン%d）",
				      r->pattern ? r->pattern->num : 0);
	xmlNodePtr tb;

	html_attr(html_el(main, "h2", title), "id", "checklist");
	tb = table(main, "checklist", NULL, heads, G_N_ELEMENTS(heads));
	report_rows(r, "III", checklist_row, &(struct rows){tb, r});
	g_free(title);
}

static void
part2_row(void *arg, const struct answer *an, size_t j)
{
	xmlNodePtr tr = html_el(((struct rows *)arg)->tbody, "tr", NULL);
	char *id = id_display(an->control->id);
	char *text = control_text(an->control), *rem = report_remarks(an);

	(void)j;
	html_attr(html_el(tr, "th", id), "scope", "row");
	html_el(tr, "td", text);
	html_el(tr, "td", status_label(an->status));
	html_el(tr, "td", rem);
	g_free(id);
	g_free(text);
	g_free(rem);
}

static void
part2(xmlNodePtr main, const struct report *r)
{
	static const char *const heads[] = {"対策項目番号", "対策項目",
					    "実施状況", "備考"};
	xmlNodePtr tb;

	html_attr(html_el(main, "h2", "組織・運用編の実施状況"), "id", "part2");
	tb = table(main, "part2", NULL, heads, G_N_ELEMENTS(heads));
	report_rows(r, "II", part2_row, &(struct rows){tb, r});
}

static void
revision_list(xmlNodePtr main, const char *head, GPtrArray *ctls)
{
	xmlNodePtr ul;

	if (ctls->len == 0)
		return;
	html_el(main, "h3", head);
	ul = html_el(main, "ul", NULL);
	for (guint i = 0; i < ctls->len; i++) {
		const struct control *c = g_ptr_array_index(ctls, i);
		char *disp = id_display(c->id), *text = control_text(c);
		char *href = g_strconcat("#", c->id, NULL);
		xmlNodePtr li = html_el(ul, "li", NULL);
		/* Part III controls have a row in the checklist to link to */
		html_a(li, strncmp(c->id, "III.", 4) == 0 ? href : NULL, disp);
		html_text(li, "　");
		html_text(li, text);
		g_free(disp);
		g_free(text);
		g_free(href);
	}
}

static void
revision_moves(xmlNodePtr main, const char *head, GPtrArray *moves)
{
	xmlNodePtr ul;

	if (moves->len == 0)
		return;
	html_el(main, "h3", head);
	ul = html_el(main, "ul", NULL);
	for (guint i = 0; i < moves->len; i++) {
		const struct stale_move *m = g_ptr_array_index(moves, i);
		char *from = id_display(m->old_id);
		char *to = m->new_id ? id_display(m->new_id) : NULL;
		char *line = to ? g_strdup_printf("%s → %s", from, to)
				: g_strdup_printf("%s（後継なし）", from);
		html_el(ul, "li", line);
		g_free(from);
		g_free(to);
		g_free(line);
	}
}

/* What the revision since the answers' edition made stale. */
static void
revision(xmlNodePtr main, const struct report *r)
{
	const struct stale *st = r->stale;
	char *intro;

	if (st == NULL)
		return;
	html_attr(html_el(main, "h2", "改訂による確認事項"), "id", "revision");
	intro = report_revision_intro(r);
	html_el(main, "p", intro);
	g_free(intro);
	revision_list(main, "要求が変わった対策項目（回答の見直しが必要）",
		      st->review);
	revision_list(main, "新設された対策項目（未回答）", st->added);
	revision_moves(main, "番号が変わった対策項目", st->renumbered);
	revision_moves(main, "削除された対策項目への回答", st->removed);
}

/* Build the page and write it with the theme's assets into DIR. */
static int
write_page(const struct report *r, struct html_theme *th, const char *dir)
{
	struct html_page *p = html_page_new(th, "report", "");
	char *title, *path;
	int rc = -1;

	if (p == NULL)
		return -1;
	title = g_strdup_printf("%s — %s（%s）", REPORT_TITLE, r->a->service,
				r->a->name);
	html_text(html_page_slot(p, "title"), title);
	html_text(html_page_slot(p, "site-title"), REPORT_TITLE);
	if (r->g->attribution != NULL)
		html_text(html_page_slot(p, "attribution"), r->g->attribution);
	xmlNodePtr main = html_page_slot(p, "main");
	cover(main, r);
	summary(main, r);
	revision(main, r);
	shortfalls(main, r);
	checklist(main, r);
	part2(main, r);
	path = g_build_filename(dir, "index.html", NULL);
	if (html_theme_copy_assets(th, dir) == 0 &&
	    html_page_write(p, path) == 0)
		rc = 0;
	g_free(path);
	g_free(title);
	html_page_free(p);
	return rc;
}

int
report_write_html(const struct report *r, const char *dir,
		  const struct site_opts *o)
{
	struct html_theme *th;
	char *tmp;
	int rc = -1;

	th = html_theme_load(o && o->theme_dir ? o->theme_dir
					       : "themes/default");
	if (th == NULL)
		return -1;
	if ((tmp = publish_begin(dir)) == NULL)
		goto out;
	if (write_page(r, th, tmp) < 0 || publish_commit(tmp, dir) < 0) {
		publish_abort(tmp);
		goto out;
	}
	rc = 0;
out:
	g_free(tmp);
	html_theme_free(th);
	return rc;
}
