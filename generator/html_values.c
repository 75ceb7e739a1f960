/*
 * html_values: evaluation items and their reference values.  A value is
 * shown as the guideline prints it, without the '*', which becomes a
 * 必須 mark; '-' reads 事業者が設定 and an unknown value 未収録, each
 * explained under the table it appears in.  The pattern pages are here
 * too: the definitions, the matrix of every item × pattern, and one page
 * per pattern with that pattern's values only.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "html_site.h"

enum note {
	NOTE_REQ = 1,
	NOTE_PROVIDER = 2,
	NOTE_UNKNOWN = 4,
};

/* Append V as a cell of TR; returns the note it needs. */
static int
value_cell(xmlNodePtr tr, const struct value *v)
{
	xmlNodePtr td = html_el(tr, "td", NULL);
	char *t;
	int note = 0;

	switch (v->kind) {
	case VALUE_UNKNOWN:
		html_attr(td, "class", "v-unknown");
		html_text(td, "未収録");
		return NOTE_UNKNOWN;
	case VALUE_PROVIDER:
		html_attr(td, "class", "v-provider");
		html_text(td, "事業者が設定");
		return NOTE_PROVIDER;
	default:
		t = g_strdup(v->text != NULL ? v->text : "");
		if (v->required) {
			char *w = t;
			for (char *r = t; *r != '\0'; r++)
				if (*r != '*')
					*w++ = *r;
			*w = '\0';
			g_strstrip(t);
			html_attr(td, "class", "v-req");
			note = NOTE_REQ;
		}
		html_text(td, t);
		if (v->required)
			html_elc(td, "span", "req", "必須");
		g_free(t);
		return note;
	}
}

static const struct {
	int note;
	const char *cls, *term, *text;
} note_text[] = {
	{NOTE_REQ, "req", "必須",
	 "ガイドラインで「*」が付された値。このパターンの"
	 "サービスが必ず満たすべき対策参照値です。"},
	{NOTE_PROVIDER, NULL, "事業者が設定",
	 "ガイドラインで「-」とされた値。ASP・SaaS 事業者が"
	 "自ら値を定めます。"},
	{NOTE_UNKNOWN, NULL, "未収録",
	 "このパターンの値は原典から収録されていません。"
	 "推測で補わず、不明として示しています。"},
};

/* The explanation of each mark a table used. */
static void
notes(xmlNodePtr parent, int used)
{
	xmlNodePtr dl;

	if (used == 0)
		return;
	dl = html_elc(parent, "dl", "value-notes", NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(note_text); i++) {
		if ((used & note_text[i].note) == 0)
			continue;
		html_elc(dl, "dt", note_text[i].cls, note_text[i].term);
		html_el(dl, "dd", note_text[i].text);
	}
}

/* A table in a scrollable, keyboard-reachable box labelled LABEL. */
static xmlNodePtr
wrapped_table(xmlNodePtr parent, const char *cls, const char *label)
{
	xmlNodePtr wrap = html_elc(parent, "div", "table-wrap", NULL);

	html_attr(wrap, "role", "region");
	html_attr(wrap, "aria-label", label);
	html_attr(wrap, "tabindex", "0");
	return html_elc(wrap, "table", cls, NULL);
}

/* The row header of item IT: "a 評価項目" (no key for "-"). */
static void
item_label(xmlNodePtr cell, const struct item *it)
{
	if (strcmp(it->key, "-") != 0) {
		html_elc(cell, "span", "key", it->key);
		html_text(cell, " ");
	}
	html_text(cell, it->label);
}

/* The column heads パターン1 … パターンN, appended to TR. */
static void
pattern_heads(xmlNodePtr tr, int n)
{
	char buf[32];

	for (int i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "パターン%d", i + 1);
		html_attr(html_el(tr, "th", buf), "scope", "col");
	}
}

void
values_items(xmlNodePtr parent, const struct where *w,
	     const struct control *c, int hlevel)
{
	const struct guideline *g = w->s->g;
	xmlNodePtr sec = html_elc(parent, "section", "items", NULL);
	char h[16];
	char *label = g_strconcat(site_disp(w->s, c->id),
				  " の評価項目と対策参照値", NULL);
	xmlNodePtr table, tr, tbody;
	int used = 0;

	snprintf(h, sizeof h, "h%d", hlevel > 6 ? 6 : hlevel);
	html_el(sec, h, "評価項目と対策参照値");
	table = wrapped_table(sec, "values", label);
	tr = html_el(html_el(table, "thead", NULL), "tr", NULL);
	html_attr(html_el(tr, "th", "評価項目"), "scope", "col");
	pattern_heads(tr, g->npatterns);
	tbody = html_el(table, "tbody", NULL);
	for (guint i = 0; i < c->items->len; i++) {
		struct item *it = g_ptr_array_index(c->items, i);
		xmlNodePtr th;

		tr = html_el(tbody, "tr", NULL);
		th = html_el(tr, "th", NULL);
		html_attr(th, "scope", "row");
		item_label(th, it);
		for (int p = 0; p < g->npatterns; p++)
			used |= value_cell(tr, &it->values[p]);
	}
	notes(sec, used);
	g_free(label);
}

/* A new page for the pattern pages; TITLE is borrowed for the crumbs. */
static struct html_page *
pattern_page_new(struct site *s, struct where *w, const char *path,
		 const char *title)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->kind = WHERE_PATTERNS;
	w->path = path;
	w->root = "../";
	w->title = title;
	return site_page_new(w, title);
}

/* The row header linking to control C's page: "Ⅲ.2.3.1". */
static void
control_cell(xmlNodePtr tr, const struct where *w, const struct control *c,
	     const char *tag)
{
	xmlNodePtr th = html_el(tr, tag, NULL);
	char *href = site_href(w, site_path(w->s, c->id));

	if (strcmp(tag, "th") == 0)
		html_attr(th, "scope", "row");
	html_a(th, href, site_disp(w->s, c->id));
	g_free(href);
}

/* A tbody per section, headed by the section's name over NCOL columns. */
static xmlNodePtr
group(xmlNodePtr table, const struct where *w, const struct section *sec,
      int ncol)
{
	xmlNodePtr tbody = html_el(table, "tbody", NULL);
	xmlNodePtr th = html_el(html_elc(tbody, "tr", "group", NULL), "th",
				NULL);
	char n[16];

	snprintf(n, sizeof n, "%d", ncol);
	html_attr(th, "colspan", n);
	html_attr(th, "scope", "rowgroup");
	html_text(th, site_label(w->s, sec->id));
	return tbody;
}

/* The notes the values of PATTERN (0..5, or -1 for all) need. */
static int
notes_used(const struct guideline *g, int pattern)
{
	int used = 0;

	for (guint i = 0; i < g->controls->len; i++) {
		struct control *c = g_ptr_array_index(g->controls, i);

		for (guint j = 0; j < c->items->len; j++) {
			struct item *it = g_ptr_array_index(c->items, j);

			for (int p = 0; p < g->npatterns; p++) {
				const struct value *v = &it->values[p];

				if (pattern >= 0 && p != pattern)
					continue;
				if (v->kind == VALUE_UNKNOWN)
					used |= NOTE_UNKNOWN;
				else if (v->kind == VALUE_PROVIDER)
					used |= NOTE_PROVIDER;
				else if (v->required)
					used |= NOTE_REQ;
			}
		}
	}
	return used;
}

/* Where the rows of a values table have got to. */
struct rows {
	const struct guideline *g;
	const struct where *w;
	int pattern; /* 0..5, or -1 for every pattern */
	guint next;  /* index in g->controls */
};

/*
 * Append the next section's rows (every item of every control with
 * items) to TABLE as a tbody; returns 0 when there are none left.
 */
static int
more_rows(void *arg, xmlNodePtr table)
{
	struct rows *r = arg;
	const struct guideline *g = r->g;
	const struct section *sec = NULL;
	xmlNodePtr tbody = NULL;

	for (; r->next < g->controls->len; r->next++) {
		struct control *c = g_ptr_array_index(g->controls, r->next);

		if (c->items->len == 0)
			continue;
		if (sec != NULL && c->sub->section != sec)
			break;
		if (sec == NULL) {
			sec = c->sub->section;
			tbody = group(table, r->w, sec,
				      2 + (r->pattern < 0 ? g->npatterns : 1));
		}
		for (guint j = 0; j < c->items->len; j++) {
			struct item *it = g_ptr_array_index(c->items, j);
			xmlNodePtr tr = html_el(tbody, "tr", NULL);

			control_cell(tr, r->w, c, j == 0 ? "th" : "td");
			item_label(html_el(tr, "td", NULL), it);
			for (int p = 0; p < g->npatterns; p++)
				if (r->pattern < 0 || p == r->pattern)
					value_cell(tr, &it->values[p]);
		}
	}
	return sec != NULL;
}

/* Write P with TABLE's rows for PATTERN made one section at a time. */
static int
finish_rows(struct html_page *p, const struct where *w, xmlNodePtr table,
	    int pattern)
{
	struct rows r = {w->s->g, w, pattern, 0};

	return site_page_stream(p, w, table, more_rows, &r);
}

/* patterns/matrix.html: every item of Part III × every pattern, one
 * section at a time.  Returns 0 or -1 (reported). */
static int
matrix_page(struct site *s)
{
	const char *title = "対策参照値の一覧（全パターン）";
	struct where w;
	struct html_page *p =
	    pattern_page_new(s, &w, "patterns/matrix.html", title);
	xmlNodePtr main, table, tr;

	if (p == NULL)
		return -1;
	main = html_page_slot(p, "main");
	html_el(main, "h1", title);
	html_el(main, "p", "物理的・技術的対策編の評価項目ごとに、6つのパター"
			   "ンの対策参照値を並べた表です。対策項目の番号から"
			   "各対策項目のページへ移れます。");
	table = wrapped_table(main, "matrix", title);
	tr = html_el(html_el(table, "thead", NULL), "tr", NULL);
	html_attr(html_el(tr, "th", "対策項目"), "scope", "col");
	html_attr(html_el(tr, "th", "評価項目"), "scope", "col");
	pattern_heads(tr, s->g->npatterns);
	notes(main, notes_used(s->g, -1));
	return finish_rows(p, &w, table, -1);
}

/* patterns/pN.html for pattern N (0-based): only that pattern's
 * values.  Returns 0 or -1 (reported). */
static int
one_pattern_page(struct site *s, int n)
{
	const struct pattern *pt = &s->g->patterns[n];
	char path[48], title[64];
	struct where w;
	struct html_page *p;
	xmlNodePtr main, table, tr, para;
	char *cia;

	snprintf(path, sizeof path, "patterns/p%d.html", n + 1);
	snprintf(title, sizeof title, "パターン%d の対策参照値", n + 1);
	if ((p = pattern_page_new(s, &w, path, title)) == NULL)
		return -1;
	main = html_page_slot(p, "main");
	html_el(main, "h1", title);
	cia = g_strdup_printf("機密性 %s・完全性 %s・可用性 %s",
			      pt->confidentiality, pt->integrity,
			      pt->availability);
	para = html_elc(main, "p", "cia", cia);
	if (pt->description != NULL) {
		html_text(para, "：");
		html_text(para, pt->description);
	}
	html_el(main, "p", "このパターンのサービスを提供する事業者が参照する"
			   "値だけを並べています。");
	table = wrapped_table(main, "pattern", title);
	tr = html_el(html_el(table, "thead", NULL), "tr", NULL);
	html_attr(html_el(tr, "th", "対策項目"), "scope", "col");
	html_attr(html_el(tr, "th", "評価項目"), "scope", "col");
	html_attr(html_el(tr, "th", "対策参照値"), "scope", "col");
	notes(main, notes_used(s->g, n));
	{
		char pp[48], np[48], pl[48], nl[48];

		snprintf(pp, sizeof pp, "patterns/p%d.html", n);
		snprintf(np, sizeof np, "patterns/p%d.html", n + 2);
		snprintf(pl, sizeof pl, "パターン%d", n);
		snprintf(nl, sizeof nl, "パターン%d", n + 2);
		nav_pager_paths(html_page_slot(p, "pager"), &w,
				n > 0 ? pp : NULL, pl,
				n + 1 < s->g->npatterns ? np : NULL, nl);
	}
	g_free(cia);
	return finish_rows(p, &w, table, n);
}

/* The definitions table: one row per pattern, linking to its page. */
static void
definitions(struct site *s, xmlNodePtr main, const struct where *w)
{
	xmlNodePtr table = wrapped_table(main, "patterns", "パターンの定義");
	xmlNodePtr tr = html_el(html_el(table, "thead", NULL), "tr", NULL);
	xmlNodePtr tbody = html_el(table, "tbody", NULL);
	static const char *const head[] = {"パターン", "機密性", "完全性",
					   "可用性", "サービスの特徴"};

	for (int i = 0; i < 5; i++)
		html_attr(html_el(tr, "th", head[i]), "scope", "col");
	for (int i = 0; i < s->g->npatterns; i++) {
		const struct pattern *pt = &s->g->patterns[i];
		char path[48], label[64], *href;
		xmlNodePtr th;

		snprintf(path, sizeof path, "patterns/p%d.html", i + 1);
		snprintf(label, sizeof label, "パターン%d", i + 1);
		href = site_href(w, path);
		tr = html_el(tbody, "tr", NULL);
		th = html_el(tr, "th", NULL);
		html_attr(th, "scope", "row");
		html_a(th, href, label);
		html_el(tr, "td", pt->confidentiality);
		html_el(tr, "td", pt->integrity);
		html_el(tr, "td", pt->availability);
		html_el(tr, "td", pt->description);
		g_free(href);
	}
}

/* The judging criteria for each aspect and level. */
static void
criteria(struct site *s, xmlNodePtr main)
{
	static const char *const aspect[][2] = {
	    {"confidentiality", "機密性"},
	    {"integrity", "完全性"},
	    {"availability", "可用性"},
	};
	const char *shown = NULL;
	xmlNodePtr dl = NULL;

	if (s->g->criteria == NULL || s->g->criteria->len == 0)
		return;
	html_el(main, "h2", "要求レベルの判定基準");
	for (guint i = 0; i < s->g->criteria->len; i++) {
		struct criterion *c = g_ptr_array_index(s->g->criteria, i);
		const char *name = c->aspect;
		xmlNodePtr ul;

		for (int k = 0; k < 3; k++)
			if (strcmp(c->aspect, aspect[k][0]) == 0)
				name = aspect[k][1];
		if (shown == NULL || strcmp(shown, c->aspect) != 0) {
			html_el(main, "h3", name);
			dl = NULL;
			shown = c->aspect;
		}
		if (c->level != NULL) {
			if (dl == NULL)
				dl = html_elc(main, "dl", "criteria", NULL);
			html_el(dl, "dt", c->level);
			ul = html_el(html_el(dl, "dd", NULL), "ul", NULL);
		} else {
			ul = html_elc(main, "ul", "criteria", NULL);
		}
		for (char **t = c->texts; t != NULL && *t != NULL; t++)
			html_el(ul, "li", *t);
		if (c->texts == NULL || c->texts[0] == NULL)
			html_el(ul, "li", "上記以外");
	}
}

/* The service type → pattern table and its notes. */
static void
service_types(struct site *s, xmlNodePtr main, const struct where *w)
{
	xmlNodePtr table, tr, tbody;

	html_el(main, "h2", "サービス種別とパターン");
	table = wrapped_table(main, "services", "サービス種別とパターン");
	tr = html_el(html_el(table, "thead", NULL), "tr", NULL);
	html_attr(html_el(tr, "th", "サービス種別"), "scope", "col");
	html_attr(html_el(tr, "th", "パターン"), "scope", "col");
	tbody = html_el(table, "tbody", NULL);
	for (guint i = 0; i < s->g->service_types->len; i++) {
		struct service_type *st =
		    g_ptr_array_index(s->g->service_types, i);
		char path[48], label[64], *href;
		xmlNodePtr td;

		tr = html_el(tbody, "tr", NULL);
		html_attr(html_el(tr, "th", st->name), "scope", "row");
		td = html_el(tr, "td", NULL);
		if (st->pattern == 0) {
			html_text(td, "※");
			continue;
		}
		snprintf(path, sizeof path, "patterns/p%d.html", st->pattern);
		snprintf(label, sizeof label, "パターン%d", st->pattern);
		href = site_href(w, path);
		html_a(td, href, label);
		g_free(href);
	}
	for (char **n = s->g->service_types_note; n != NULL && *n != NULL; n++)
		html_elc(main, "p", "note", *n);
}

/* patterns/index.html: definitions, criteria, service types.  Returns
 * 0 or -1 (reported). */
static int
patterns_index(struct site *s)
{
	const char *title = "パターンと対策参照値";
	struct where w;
	struct html_page *p =
	    pattern_page_new(s, &w, "patterns/index.html", title);
	xmlNodePtr main, ul;

	if (p == NULL)
		return -1;
	main = html_page_slot(p, "main");
	html_el(main, "h1", title);
	html_el(main, "p",
		"ASP・SaaS サービスは、機密性・完全性・可用性への"
		"要求の高さによって6つのパターンに分けられます。"
		"提供するサービスのパターンを確かめ、そのパターン"
		"の対策参照値を参照してください。");
	ul = html_elc(main, "ul", "pattern-links", NULL);
	html_a(html_el(ul, "li", NULL), "matrix.html",
	       "対策参照値の一覧（全パターン）");
	for (int i = 0; i < s->g->npatterns; i++) {
		char href[32], label[64];

		snprintf(href, sizeof href, "p%d.html", i + 1);
		snprintf(label, sizeof label, "パターン%d の対策参照値", i + 1);
		html_a(html_el(ul, "li", NULL), href, label);
	}
	html_el(main, "h2", "パターンの定義");
	definitions(s, main, &w);
	criteria(s, main);
	service_types(s, main, &w);
	return site_page_finish(p, &w);
}

/* Tasks for the pool: the pattern pages.  Return 0 or -1. */
static int
patterns_task(struct site *s, guint i)
{
	(void)i;
	return patterns_index(s);
}

static int
matrix_task(struct site *s, guint i)
{
	(void)i;
	return matrix_page(s);
}

static int
pattern_task(struct site *s, guint i)
{
	return one_pattern_page(s, (int)i);
}

void
values_tasks(struct site *s, GArray *tasks)
{
	static const char *const paths[] = {
	    "patterns/p1.html", "patterns/p2.html", "patterns/p3.html",
	    "patterns/p4.html", "patterns/p5.html", "patterns/p6.html",
	};

	site_task(tasks, PAGE_ITEMS, patterns_task, 0, "patterns/index.html");
	site_task(tasks, PAGE_ITEMS, matrix_task, 0, "patterns/matrix.html");
	for (int i = 0; i < s->g->npatterns && i < PATTERNS; i++)
		site_task(tasks, PAGE_ITEMS, pattern_task, (guint)i, paths[i]);
}
