/*
 * html_nav: navigation that needs no script.  The table of contents
 * opens the current part and section only, so a page's size does not
 * grow with the whole guideline; the full tree is on contents.html.
 * The current page is marked with aria-current="page" wherever it is
 * linked.
 */
#include <string.h>

#include <glib.h>

#include "html_site.h"

char *
nav_label(const char *id, const char *title)
{
	char *d = id_display(id);
	char *l;

	if (title == NULL)
		return d;
	l = g_strconcat(d, " ", title, NULL);
	g_free(d);
	return l;
}

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

/* The controls of SEC under LI, one link each. */
static void
toc_controls(struct site *s, xmlNodePtr li, const struct where *w,
	     const struct section *sec)
{
	xmlNodePtr ul = NULL;

	for (guint i = 0; i < sec->subsections->len; i++) {
		struct subsection *sub = g_ptr_array_index(sec->subsections, i);

		for (guint j = 0; j < sub->controls->len; j++) {
			struct control *c = g_ptr_array_index(sub->controls, j);
			char *path = site_control_path(c);
			char *label = nav_label(c->id, site_brief(s, c));

			if (ul == NULL)
				ul = html_el(li, "ul", NULL);
			item(ul, w, path, label);
			g_free(label);
			g_free(path);
		}
	}
}

/* The sections (or pages) of the current part P under LI. */
static void
toc_sections(struct site *s, xmlNodePtr li, const struct where *w,
	     const struct part *p)
{
	xmlNodePtr ul = html_el(li, "ul", NULL);

	for (guint i = 0; i < p->sections->len; i++) {
		struct section *sec = g_ptr_array_index(p->sections, i);
		char *path, *label;
		xmlNodePtr sli;

		/* on a control page, only its own section is listed */
		if (w->kind == WHERE_CONTROL && sec != w->sec)
			continue;
		path = site_section_path(sec);
		label = nav_label(sec->id, sec->title);
		sli = item(ul, w, path, label);
		if (sec == w->sec && !sec->page)
			toc_controls(s, sli, w, sec);
		g_free(label);
		g_free(path);
	}
}

static void
toc_patterns(struct site *s, xmlNodePtr li, const struct where *w)
{
	xmlNodePtr ul = html_el(li, "ul", NULL);

	item(ul, w, "patterns/matrix.html", "対策参照値の一覧（全パターン）");
	for (int i = 0; i < s->g->npatterns; i++) {
		char path[32], label[64];

		snprintf(path, sizeof path, "patterns/p%d.html", i + 1);
		snprintf(label, sizeof label, "パターン%d の対策参照値", i + 1);
		item(ul, w, path, label);
	}
}

void
nav_toc(struct site *s, xmlNodePtr nav, const struct where *w)
{
	const struct guideline *g = s->g;
	xmlNodePtr ul = html_elc(nav, "ul", "toc-list", NULL);
	xmlNodePtr li;

	item(ul, w, "index.html", "ホーム");
	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);
		char *path = site_part_path(p);
		char *label = nav_label(p->id, p->title);

		li = item(ul, w, path, label);
		if (p == w->part)
			toc_sections(s, li, w, p);
		g_free(label);
		g_free(path);
	}
	li = item(ul, w, "patterns/index.html", "パターンと対策参照値");
	if (w->kind == WHERE_PATTERNS)
		toc_patterns(s, li, w);
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

void
nav_crumbs(struct site *s, xmlNodePtr nav, const struct where *w)
{
	xmlNodePtr ol = html_el(nav, "ol", NULL);
	char *path, *label;

	crumb(ol, w, "index.html", "ホーム");
	if (w->part != NULL && w->kind != WHERE_PART) {
		path = site_part_path(w->part);
		label = nav_label(w->part->id, w->part->title);
		crumb(ol, w, path, label);
		g_free(path);
		g_free(label);
	}
	if (w->sec != NULL && w->kind == WHERE_CONTROL) {
		path = site_section_path(w->sec);
		label = nav_label(w->sec->id, w->sec->title);
		crumb(ol, w, path, label);
		g_free(label);
		label = nav_label(w->ctl->sub->id, w->ctl->sub->title);
		crumb(ol, w, g_hash_table_lookup(s->paths, w->ctl->sub->id),
		      label);
		g_free(path);
		g_free(label);
	}
	if (w->kind == WHERE_PATTERNS &&
	    strcmp(w->path, "patterns/index.html") != 0)
		crumb(ol, w, "patterns/index.html", "パターンと対策参照値");
	crumb(ol, w, NULL, w->title);
}

void
nav_pager(xmlNodePtr nav, const struct where *w, const char *prev,
	  const char *prev_text, const char *next, const char *next_text)
{
	xmlNodePtr a;
	char *href;

	if (prev != NULL) {
		href = site_href(w, prev);
		a = html_elc(nav, "a", "prev", NULL);
		html_attr(a, "href", href);
		html_attr(a, "rel", "prev");
		html_elc(a, "span", "pager-dir", "前へ");
		html_text(a, prev_text);
		g_free(href);
	}
	if (next != NULL) {
		href = site_href(w, next);
		a = html_elc(nav, "a", "next", NULL);
		html_attr(a, "href", href);
		html_attr(a, "rel", "next");
		html_elc(a, "span", "pager-dir", "次へ");
		html_text(a, next_text);
		g_free(href);
	}
}
