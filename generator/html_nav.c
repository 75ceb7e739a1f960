/*
 * html_nav: navigation that needs no script.  The table of contents
 * opens the current part and section only, and on a control page only
 * its section and subsection, so a page's size does not grow with the
 * whole guideline; the full tree is on contents.html.  The current page
 * is marked with aria-current="page" wherever it is linked.
 */
#include <string.h>

#include <glib.h>

#include "html_site.h"

/*
 * Append a list item with a link to TARGET (a path from the root) under
 * UL; the link is marked when TARGET is W's page.  Returns the item.
 */
static xmlNodePtr
item(xmlNodePtr ul, const struct where *w, const char *target,
     const char *text)
{
	xmlNodePtr li = html_el(ul, "li", NULL);
	char *href = site_href(w, target);
	xmlNodePtr a = html_a(li, href, text);

	if (strcmp(target, w->path) == 0)
		html_attr(a, "aria-current", "page");
	g_free(href);
	return li;
}

/* An item linking to the page of ID, labelled with its label. */
static xmlNodePtr
id_item(xmlNodePtr ul, const struct where *w, const char *id)
{
	return item(ul, w, site_path(w->s, id), site_label(w->s, id));
}

/*
 * The subsections of SEC under LI; on a control page, the controls of
 * its subsection under that subsection.
 */
static void
toc_subsections(xmlNodePtr li, const struct where *w,
		const struct section *sec)
{
	xmlNodePtr ul = NULL;

	for (guint i = 0; i < sec->subsections->len; i++) {
		struct subsection *sub = g_ptr_array_index(sec->subsections, i);
		xmlNodePtr sli, cul;

		if (ul == NULL)
			ul = html_el(li, "ul", NULL);
		sli = id_item(ul, w, sub->id);
		if (w->ctl == NULL || w->ctl->sub != sub)
			continue;
		cul = html_el(sli, "ul", NULL);
		for (guint j = 0; j < sub->controls->len; j++) {
			struct control *c = g_ptr_array_index(sub->controls, j);
			id_item(cul, w, c->id);
		}
	}
}

/* The sections (or pages) of the current part P under LI. */
static void
toc_sections(xmlNodePtr li, const struct where *w, const struct part *p)
{
	xmlNodePtr ul = html_el(li, "ul", NULL);

	for (guint i = 0; i < p->sections->len; i++) {
		struct section *sec = g_ptr_array_index(p->sections, i);
		xmlNodePtr sli;

		/* on a control page, only its own section is listed */
		if (w->kind == WHERE_CONTROL && sec != w->sec)
			continue;
		sli = id_item(ul, w, sec->id);
		if (sec == w->sec && !sec->page)
			toc_subsections(sli, w, sec);
	}
}

/* The pattern pages under LI, on the pattern pages only. */
static void
toc_patterns(xmlNodePtr li, const struct where *w)
{
	xmlNodePtr ul = html_el(li, "ul", NULL);

	item(ul, w, "patterns/matrix.html", "対策参照値の一覧（全パターン）");
	for (int i = 0; i < w->s->g->npatterns; i++) {
		char path[48], label[64];

		snprintf(path, sizeof path, "patterns/p%d.html", i + 1);
		snprintf(label, sizeof label, "パターン%d の対策参照値", i + 1);
		item(ul, w, path, label);
	}
}

void
nav_toc(xmlNodePtr nav, const struct where *w)
{
	const struct guideline *g = w->s->g;
	xmlNodePtr ul = html_elc(nav, "ul", "toc-list", NULL);
	xmlNodePtr li;

	item(ul, w, "index.html", "ホーム");
	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);

		li = id_item(ul, w, p->id);
		if (p == w->part)
			toc_sections(li, w, p);
	}
	li = item(ul, w, "patterns/index.html", "パターンと対策参照値");
	if (w->kind == WHERE_PATTERNS)
		toc_patterns(li, w);
	item(ul, w, "contents.html", "全体の目次");
	item(ul, w, "search.html", "検索");
}

/* One crumb: a link, or the current page's name. */
static void
crumb(xmlNodePtr ol, const struct where *w, const char *target,
      const char *text)
{
	xmlNodePtr li = html_el(ol, "li", NULL);
	char *href;

	if (target == NULL) {
		html_attr(html_el(li, "span", text), "aria-current", "page");
		return;
	}
	href = site_href(w, target);
	html_a(li, href, text);
	g_free(href);
}

/* A crumb for the page of ID. */
static void
id_crumb(xmlNodePtr ol, const struct where *w, const char *id)
{
	crumb(ol, w, site_path(w->s, id), site_label(w->s, id));
}

void
nav_crumbs(xmlNodePtr nav, const struct where *w)
{
	xmlNodePtr ol = html_el(nav, "ol", NULL);

	crumb(ol, w, "index.html", "ホーム");
	if (w->part != NULL && w->kind != WHERE_PART)
		id_crumb(ol, w, w->part->id);
	if (w->ctl != NULL) {
		id_crumb(ol, w, w->sec->id);
		id_crumb(ol, w, w->ctl->sub->id);
	}
	if (w->kind == WHERE_PATTERNS &&
	    strcmp(w->path, "patterns/index.html") != 0)
		crumb(ol, w, "patterns/index.html", "パターンと対策参照値");
	crumb(ol, w, NULL, w->title);
}

/* One pager link: REL "prev" or "next", its direction word and text. */
static void
pager_link(xmlNodePtr nav, const struct where *w, const char *rel,
	   const char *dir, const char *target, const char *text)
{
	char *href = site_href(w, target);
	xmlNodePtr a = html_elc(nav, "a", rel, NULL);

	html_attr(a, "href", href);
	html_attr(a, "rel", rel);
	html_elc(a, "span", "pager-dir", dir);
	html_text(a, text);
	g_free(href);
}

void
nav_pager_paths(xmlNodePtr nav, const struct where *w, const char *prev,
		const char *prev_text, const char *next, const char *next_text)
{
	if (prev != NULL)
		pager_link(nav, w, "prev", "前へ", prev, prev_text);
	if (next != NULL)
		pager_link(nav, w, "next", "次へ", next, next_text);
}

void
nav_pager(xmlNodePtr nav, const struct where *w, const char *prev,
	  const char *next)
{
	const struct site *s = w->s;
	const char *(*text)(const struct site *, const char *) =
	    w->kind == WHERE_CONTROL ? site_disp : site_label;

	nav_pager_paths(nav, w, prev != NULL ? site_path(s, prev) : NULL,
			prev != NULL ? text(s, prev) : NULL,
			next != NULL ? site_path(s, next) : NULL,
			next != NULL ? text(s, next) : NULL);
}
