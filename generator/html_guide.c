/*
 * html_guide: the guideline's own pages.  One page per part, per
 * section (Part I's prose pages included) and per control; a control
 * is written the same way on its own page and, with an anchor of its
 * ID, on its section's page.  Each page is added to the search index.
 */
#include <stdio.h>
#include <string.h>

#include <cmark-gfm.h>
#include <glib.h>

#include "html_site.h"

/* The heading element of level H (clamped to 1..6) under PARENT. */
static xmlNodePtr
heading(xmlNodePtr parent, int h, const char *cls, const char *text)
{
	char name[16];

	snprintf(name, sizeof name, "h%d", h < 1 ? 1 : h > 6 ? 6 : h);
	return html_elc(parent, name, cls, text);
}

/* The heading of a control: display ID, level badge, title. */
static void
control_heading(struct site *s, xmlNodePtr art, const struct where *w,
		const struct control *c, int h)
{
	xmlNodePtr hd = heading(art, h, "control-head", NULL);
	char *disp = id_display(c->id);
	char *path, *href;

	if (w->kind == WHERE_CONTROL) {
		html_elc(hd, "span", "cid", disp);
	} else {
		path = site_control_path(c);
		href = site_href(w, path);
		html_attr(html_a(hd, href, disp), "class", "cid");
		g_free(href);
		g_free(path);
	}
	html_text(hd, " ");
	html_elc(hd, "span",
		 c->level == LEVEL_RECOMMENDED ? "badge rec" : "badge basic",
		 level_name(c->level));
	if (c->title != NULL) {
		html_text(hd, " ");
		html_elc(hd, "span", "ctitle", c->title);
	}
	(void)s;
	g_free(disp);
}

/*
 * Append control C under PARENT as an article whose heading is at level
 * H: text, best practices, evaluation items, footnotes.
 */
static void
control_article(struct site *s, xmlNodePtr parent, const struct where *w,
		const struct control *c, int h)
{
	xmlNodePtr art = html_elc(parent, "article", "control", NULL);
	cmark_node *doc = c->body.doc;
	cmark_node *bph = control_bp_heading(c);
	char *slug = site_slug(c->id);
	struct html_md m;
	xmlNodePtr sec;

	html_attr(art, "id", slug);
	control_heading(s, art, w, c, h);
	site_md(s, w, &m, slug, h);
	if (doc != NULL)
		html_md_blocks(html_elc(art, "div", "control-text", NULL),
			       cmark_node_first_child(doc), bph, &m);
	if (bph != NULL) {
		sec = html_elc(art, "section", "bp", NULL);
		heading(sec, h + 1, NULL, "ベストプラクティス");
		m.bp = control_best_practices(c);
		html_md_blocks(sec, cmark_node_next(bph), NULL, &m);
	}
	if (c->items->len > 0)
		values_items(art, s->g, c, h + 1);
	html_md_footnotes(art, doc, &m);
	g_free(slug);
}

/* What the search finds a control by: its text, practices, items. */
static char *
control_search_text(const struct control *c)
{
	GString *t = g_string_new(NULL);
	char *x = control_text(c);
	cmark_node *bp = control_best_practices(c);

	g_string_append(t, x);
	g_free(x);
	if (bp != NULL) {
		x = md_plain(bp);
		g_string_append_printf(t, "\n%s", x);
		g_free(x);
	}
	for (guint i = 0; i < c->items->len; i++) {
		struct item *it = g_ptr_array_index(c->items, i);
		g_string_append_printf(t, "\n%s", it->label);
	}
	if (c->sub->title != NULL)
		g_string_append_printf(t, "\n%s", c->sub->title);
	return g_string_free(t, FALSE);
}

static int
control_page(struct site *s, const struct control *c, const struct control *prev,
	     const struct control *next)
{
	char *path = site_control_path(c);
	char *disp = id_display(c->id);
	char *title = g_strconcat(disp, " ", site_brief(s, c), NULL);
	struct where w = {WHERE_CONTROL, path, "../", c->sub->section->part,
			  c->sub->section, c, disp};
	struct html_page *p = site_page_new(s, &w, title);
	char *ctx;
	char *pp = NULL, *np = NULL, *pt = NULL, *nt = NULL, *text;
	int rc = -1;

	if (p == NULL)
		goto out;
	ctx = nav_label(c->sub->id, c->sub->title);
	html_elc(html_page_slot(p, "main"), "p", "context", ctx);
	g_free(ctx);
	control_article(s, html_page_slot(p, "main"), &w, c, 1);
	if (prev != NULL) {
		pp = site_control_path(prev);
		pt = nav_label(prev->id, NULL);
	}
	if (next != NULL) {
		np = site_control_path(next);
		nt = nav_label(next->id, NULL);
	}
	nav_pager(html_page_slot(p, "pager"), &w, pp, pt, np, nt);
	text = control_search_text(c);
	search_add(s->search, path, disp,
		   c->title != NULL ? c->title : c->sub->title, text);
	g_free(text);
	rc = site_page_finish(s, p, &w);
out:
	g_free(pp);
	g_free(np);
	g_free(pt);
	g_free(nt);
	g_free(title);
	g_free(disp);
	g_free(path);
	return rc;
}

/* The subsections of SEC with their controls, under MAIN. */
static void
section_controls(struct site *s, xmlNodePtr main, const struct where *w,
		 const struct section *sec)
{
	for (guint i = 0; i < sec->subsections->len; i++) {
		struct subsection *sub = g_ptr_array_index(sec->subsections, i);
		xmlNodePtr box = html_elc(main, "section", "subsection", NULL);
		char *slug = site_slug(sub->id);
		char *label = nav_label(sub->id, sub->title);

		html_attr(box, "id", slug);
		heading(box, 2, NULL, label);
		for (guint j = 0; j < sub->controls->len; j++)
			control_article(s, box, w,
					g_ptr_array_index(sub->controls, j), 3);
		g_free(label);
		g_free(slug);
	}
}

/* The body of a section or part with its footnotes, under MAIN. */
static void
body(struct site *s, xmlNodePtr main, const struct where *w,
     const struct body *b, const char *idp)
{
	struct html_md m;

	if (b->doc == NULL)
		return;
	site_md(s, w, &m, idp, 0);
	html_md_blocks(main, cmark_node_first_child(b->doc), NULL, &m);
	html_md_footnotes(main, b->doc, &m);
}

static int
section_page(struct site *s, const struct section *sec,
	     const struct section *prev, const struct section *next)
{
	char *path = site_section_path(sec);
	char *label = nav_label(sec->id, sec->title);
	char *slug = site_slug(sec->id);
	char *disp = id_display(sec->id);
	struct where w = {WHERE_SECTION, path, "../", sec->part, sec, NULL,
			  label};
	struct html_page *p = site_page_new(s, &w, label);
	char *pp = NULL, *np = NULL, *pt = NULL, *nt = NULL, *text;
	xmlNodePtr main;
	int rc = -1;

	if (p == NULL)
		goto out;
	main = html_page_slot(p, "main");
	html_el(main, "h1", label);
	if (sec->source != NULL) {
		xmlNodePtr src = html_elc(main, "p", "source", "出典：");
		html_text(src, sec->source);
	}
	body(s, main, &w, &sec->body, slug);
	section_controls(s, main, &w, sec);
	if (prev != NULL) {
		pp = site_section_path(prev);
		pt = nav_label(prev->id, prev->title);
	}
	if (next != NULL) {
		np = site_section_path(next);
		nt = nav_label(next->id, next->title);
	}
	nav_pager(html_page_slot(p, "pager"), &w, pp, pt, np, nt);
	text = sec->body.doc != NULL ? md_plain(sec->body.doc) : g_strdup("");
	search_add(s->search, path, disp, sec->title, text);
	g_free(text);
	rc = site_page_finish(s, p, &w);
out:
	g_free(pp);
	g_free(np);
	g_free(pt);
	g_free(nt);
	g_free(disp);
	g_free(slug);
	g_free(label);
	g_free(path);
	return rc;
}

/* The list of a part's sections with their subsections, under PARENT. */
static void
part_outline(struct site *s, xmlNodePtr parent, const struct where *w,
	     const struct part *p, int controls)
{
	xmlNodePtr ul = html_el(parent, "ul", NULL);

	for (guint i = 0; i < p->sections->len; i++) {
		struct section *sec = g_ptr_array_index(p->sections, i);
		char *path = site_section_path(sec);
		char *label = nav_label(sec->id, sec->title);
		char *href = site_href(w, path);
		xmlNodePtr li = html_el(ul, "li", NULL), sul = NULL;

		html_a(li, href, label);
		for (guint j = 0; j < sec->subsections->len; j++) {
			struct subsection *sub =
			    g_ptr_array_index(sec->subsections, j);
			char *sl = nav_label(sub->id, sub->title);
			char *sh = site_href(
			    w, g_hash_table_lookup(s->paths, sub->id));
			xmlNodePtr sli;

			if (sul == NULL)
				sul = html_el(li, "ul", NULL);
			sli = html_el(sul, "li", NULL);
			html_a(sli, sh, sl);
			if (controls && sub->controls->len > 0) {
				xmlNodePtr cul = html_el(sli, "ul", NULL);
				for (guint k = 0; k < sub->controls->len; k++) {
					struct control *c = g_ptr_array_index(
					    sub->controls, k);
					char *cp = site_control_path(c);
					char *ch = site_href(w, cp);
					char *cl =
					    nav_label(c->id, site_brief(s, c));
					html_a(html_el(cul, "li", NULL), ch,
					       cl);
					g_free(cl);
					g_free(ch);
					g_free(cp);
				}
			}
			g_free(sh);
			g_free(sl);
		}
		g_free(href);
		g_free(label);
		g_free(path);
	}
}

static int
part_page(struct site *s, const struct part *pt)
{
	char *path = site_part_path(pt);
	char *label = nav_label(pt->id, pt->title);
	struct where w = {WHERE_PART, path, "../", pt, NULL, NULL, label};
	struct html_page *p = site_page_new(s, &w, label);
	xmlNodePtr main;
	int rc = -1;

	if (p == NULL)
		goto out;
	main = html_page_slot(p, "main");
	html_el(main, "h1", label);
	body(s, main, &w, &pt->body, pt->id);
	html_el(main, "h2", pt->num == 1 ? "ページ" : "章と節");
	part_outline(s, main, &w, pt, 0);
	rc = site_page_finish(s, p, &w);
out:
	g_free(label);
	g_free(path);
	return rc;
}

/* contents.html: every part, section, subsection and control. */
static int
contents_page(struct site *s)
{
	struct where w = {WHERE_OTHER, "contents.html", "", NULL, NULL, NULL,
			  "全体の目次"};
	struct html_page *p = site_page_new(s, &w, w.title);
	xmlNodePtr main, ul;

	if (p == NULL)
		return -1;
	main = html_page_slot(p, "main");
	html_el(main, "h1", w.title);
	ul = html_elc(main, "ul", "contents", NULL);
	for (guint i = 0; i < s->g->parts->len; i++) {
		struct part *pt = g_ptr_array_index(s->g->parts, i);
		char *path = site_part_path(pt);
		char *label = nav_label(pt->id, pt->title);
		xmlNodePtr li = html_el(ul, "li", NULL);

		html_a(li, path, label);
		part_outline(s, li, &w, pt, 1);
		g_free(label);
		g_free(path);
	}
	return site_page_finish(s, p, &w);
}

int
guide_pages(struct site *s)
{
	const struct guideline *g = s->g;
	GPtrArray *secs = g_ptr_array_new();
	int rc = -1;

	for (guint i = 0; i < g->parts->len; i++) {
		struct part *pt = g_ptr_array_index(g->parts, i);

		if (part_page(s, pt) < 0)
			goto out;
		for (guint j = 0; j < pt->sections->len; j++)
			g_ptr_array_add(secs,
					g_ptr_array_index(pt->sections, j));
	}
	for (guint i = 0; i < secs->len; i++)
		if (section_page(s, g_ptr_array_index(secs, i),
				 i > 0 ? g_ptr_array_index(secs, i - 1) : NULL,
				 i + 1 < secs->len
				     ? g_ptr_array_index(secs, i + 1)
				     : NULL) < 0)
			goto out;
	for (guint i = 0; i < g->controls->len; i++)
		if (control_page(
			s, g_ptr_array_index(g->controls, i),
			i > 0 ? g_ptr_array_index(g->controls, i - 1) : NULL,
			i + 1 < g->controls->len
			    ? g_ptr_array_index(g->controls, i + 1)
			    : NULL) < 0)
			goto out;
	if (contents_page(s) < 0)
		goto out;
	rc = 0;
out:
	g_ptr_array_free(secs, TRUE);
	return rc;
}
