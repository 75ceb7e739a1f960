/*
 * html_site: the website.  site_write lays out the pages, writes each
 * through the theme's "page" template, then the search index, the
 * sitemap and the theme's assets.  The guideline's own pages (parts,
 * sections, controls) are in html_guide.c, the pattern pages in
 * html_values.c, navigation in html_nav.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/xmlsave.h>

#include "diag.h"
#include "fsio.h"
#include "html_site.h"

char *
site_slug(const char *id)
{
	char *s = g_strdup(id);

	g_strdelimit(s, ".", '-');
	return s;
}

char *
site_part_path(const struct part *p)
{
	return g_strconcat("parts/", p->id, ".html", NULL);
}

char *
site_section_path(const struct section *sec)
{
	char *slug = site_slug(sec->id);
	char *p = g_strconcat("sections/", slug, ".html", NULL);

	g_free(slug);
	return p;
}

char *
site_control_path(const struct control *c)
{
	char *slug = site_slug(c->id);
	char *p = g_strconcat("controls/", slug, ".html", NULL);

	g_free(slug);
	return p;
}

char *
site_href(const struct where *w, const char *target)
{
	return g_strconcat(w->root, target, NULL);
}

/* Every ID a cross-reference can name, to its path from the root. */
static void
map_paths(struct site *s)
{
	const struct guideline *g = s->g;

	s->paths = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);

		g_hash_table_insert(s->paths, p->id, site_part_path(p));
		for (guint j = 0; j < p->sections->len; j++) {
			struct section *sec = g_ptr_array_index(p->sections, j);
			char *path = site_section_path(sec);

			for (guint k = 0; k < sec->subsections->len; k++) {
				struct subsection *sub =
				    g_ptr_array_index(sec->subsections, k);
				char *slug = site_slug(sub->id);
				g_hash_table_insert(
				    s->paths, sub->id,
				    g_strconcat(path, "#", slug, NULL));
				g_free(slug);
			}
			g_hash_table_insert(s->paths, sec->id, path);
		}
	}
	for (guint i = 0; i < g->controls->len; i++) {
		struct control *c = g_ptr_array_index(g->controls, i);
		g_hash_table_insert(s->paths, c->id, site_control_path(c));
	}
}

/*
 * The control's title, or the first sentence of its text cut to about
 * 40 characters: for tables of contents and search results.  Computed
 * once per control; the site owns it.
 */
const char *
site_brief(struct site *s, const struct control *c)
{
	char *b = g_hash_table_lookup(s->brief, c);
	char *t, *end;

	if (b != NULL)
		return b;
	if (c->title != NULL) {
		b = g_strdup(c->title);
	} else {
		t = control_text(c);
		if ((end = strstr(t, "。")) != NULL)
			*end = '\0';
		if (g_utf8_strlen(t, -1) > 40) {
			*g_utf8_offset_to_pointer(t, 39) = '\0';
			b = g_strconcat(t, "…", NULL);
		} else {
			b = g_strdup(t);
		}
		g_free(t);
	}
	g_hash_table_insert(s->brief, (gpointer)c, b);
	return b;
}

struct xref_arg {
	struct site *s;
	const struct where *w;
};

static char *
xref(const char *id, void *arg)
{
	struct xref_arg *x = arg;
	const char *path = g_hash_table_lookup(x->s->paths, id);

	return path != NULL ? site_href(x->w, path) : NULL;
}

void
site_md(struct site *s, const struct where *w, struct html_md *m,
	const char *idp, int hshift)
{
	/* one per thread of writing is enough: pages are written in turn */
	static struct xref_arg arg;

	arg.s = s;
	arg.w = w;
	memset(m, 0, sizeof *m);
	m->xref = xref;
	m->arg = &arg;
	m->idp = idp;
	m->hshift = hshift;
}

/* The head: canonical link when the site has a base URL. */
static void
page_head(struct site *s, struct html_page *p, const struct where *w)
{
	xmlNodePtr head = html_page_slot(p, "head");
	xmlNodePtr link;
	char *url;

	if (s->base == NULL || head == NULL)
		return;
	url = g_strconcat(s->base,
			  strcmp(w->path, "index.html") == 0 ? "" : w->path,
			  NULL);
	link = html_el(head, "link", NULL);
	html_attr(link, "rel", "canonical");
	html_attr(link, "href", url);
	g_free(url);
}

struct html_page *
site_page_new(struct site *s, const struct where *w, const char *title)
{
	struct html_page *p = html_page_new(s->theme, "page", w->root);
	xmlNodePtr n;
	char *full;

	if (p == NULL)
		return NULL;
	if ((n = html_page_slot(p, "title")) != NULL) {
		full = w->kind == WHERE_HOME
			   ? g_strdup(s->g->title)
			   : g_strconcat(title, " | ", s->g->title, NULL);
		html_text(n, full);
		g_free(full);
	}
	page_head(s, p, w);
	if ((n = html_page_slot(p, "site-title")) != NULL)
		html_text(n, s->g->title);
	if ((n = html_page_slot(p, "toc")) != NULL)
		nav_toc(s, n, w);
	if ((n = html_page_slot(p, "crumbs")) != NULL && w->kind != WHERE_HOME)
		nav_crumbs(s, n, w);
	if ((n = html_page_slot(p, "attribution")) != NULL)
		html_text(n, s->g->attribution);
	return p;
}

int
site_page_finish(struct site *s, struct html_page *p, const struct where *w)
{
	char *file = g_build_filename(s->dir, w->path, NULL);
	int rc = html_page_write(p, file);

	if (rc == 0)
		g_ptr_array_add(s->written, g_strdup(w->path));
	html_page_free(p);
	g_free(file);
	return rc;
}

/* Fill the text of slot NAME, if the template has it. */
static void
fill(struct html_page *p, const char *name, const char *text)
{
	xmlNodePtr n = html_page_slot(p, name);

	if (n != NULL && text != NULL)
		html_text(n, text);
}

/* "2008-01-30" as "2008年1月30日"; other forms as they are.  New. */
static char *
edition_text(const char *ed)
{
	int y, m, d;

	if (ed != NULL && sscanf(ed, "%d-%d-%d", &y, &m, &d) == 3)
		return g_strdup_printf("%d年%d月%d日", y, m, d);
	return g_strdup(ed != NULL ? ed : "");
}

/* The home page: the theme's "home" fragment with the guideline's data. */
static int
home_page(struct site *s)
{
	struct where w = {WHERE_HOME, "index.html", "", NULL, NULL, NULL,
			  NULL};
	struct html_page *p = site_page_new(s, &w, s->g->title);
	char *ed = edition_text(s->g->edition);
	int rc = -1;

	if (p == NULL)
		goto out;
	if (html_page_insert(p, "home", html_page_slot(p, "main")) < 0) {
		html_page_free(p);
		goto out;
	}
	fill(p, "home-title", s->g->title);
	fill(p, "home-edition", ed);
	fill(p, "home-publisher", s->g->publisher);
	fill(p, "home-author", s->g->author);
	fill(p, "home-attribution", s->g->attribution);
	rc = site_page_finish(s, p, &w);
out:
	g_free(ed);
	return rc;
}

/* A page made of a fragment template only: search, 404. */
static int
fragment_page(struct site *s, const char *path, const char *root,
	      const char *tmpl, const char *title)
{
	struct where w = {WHERE_OTHER, path, root, NULL, NULL, NULL, title};
	struct html_page *p = site_page_new(s, &w, title);

	if (p == NULL)
		return -1;
	if (html_page_insert(p, tmpl, html_page_slot(p, "main")) < 0) {
		html_page_free(p);
		return -1;
	}
	return site_page_finish(s, p, &w);
}

/*
 * sitemap.xml: every page, in the order written.  Without a base URL the
 * locations are relative to the site (fill in the address when
 * deploying, or pass --base-url).
 */
static int
sitemap(struct site *s)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr set = xmlNewDocNode(doc, NULL, BAD_CAST "urlset", NULL);
	char *file = g_build_filename(s->dir, "sitemap.xml", NULL);
	xmlChar *mem = NULL;
	int len = 0, rc = -1;

	xmlDocSetRootElement(doc, set);
	xmlNewNs(set, BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9",
		 NULL);
	for (guint i = 0; i < s->written->len; i++) {
		const char *path = g_ptr_array_index(s->written, i);
		xmlNodePtr url = xmlNewChild(set, NULL, BAD_CAST "url", NULL);
		char *loc;

		if (strcmp(path, "404.html") == 0)
			continue;
		loc = g_strconcat(s->base != NULL ? s->base : "",
				  strcmp(path, "index.html") == 0 &&
					  s->base != NULL
				      ? ""
				      : path,
				  NULL);
		xmlNewTextChild(url, NULL, BAD_CAST "loc", BAD_CAST loc);
		g_free(loc);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	rc = fsio_write(file, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	g_free(file);
	return rc;
}

static int
make_dirs(const char *dir)
{
	static const char *const sub[] = {"parts", "sections", "controls",
					  "patterns", NULL};

	for (int i = 0; sub[i] != NULL; i++) {
		char *d = g_build_filename(dir, sub[i], NULL);
		int bad = g_mkdir(d, 0755) < 0;

		if (bad)
			diag(S_WRITE, d, 0, 0, strerror(errno));
		g_free(d);
		if (bad)
			return -1;
	}
	return 0;
}

int
site_write(const struct guideline *g, const char *dir,
	   const struct site_opts *o)
{
	struct site s = {0};
	int rc = -1;

	s.g = g;
	s.dir = dir;
	if (o->base_url != NULL && o->base_url[0] != '\0')
		s.base = g_str_has_suffix(o->base_url, "/")
			     ? g_strdup(o->base_url)
			     : g_strconcat(o->base_url, "/", NULL);
	s.written = g_ptr_array_new_with_free_func(g_free);
	s.search = search_new();
	s.brief = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	map_paths(&s);
	if ((s.theme = html_theme_load(o->theme_dir)) == NULL ||
	    make_dirs(dir) < 0 || home_page(&s) < 0 || guide_pages(&s) < 0 ||
	    values_pages(&s) < 0 ||
	    fragment_page(&s, "search.html", "", "search", "検索") < 0 ||
	    fragment_page(&s, "404.html", s.base != NULL ? s.base : "",
			  "notfound", "ページが見つかりません") < 0 ||
	    search_write(s.search, dir) < 0 || sitemap(&s) < 0 ||
	    html_theme_copy_assets(s.theme, dir) < 0)
		goto out;
	rc = 0;
out:
	html_theme_free(s.theme);
	search_free(s.search);
	g_hash_table_destroy(s.brief);
	g_hash_table_destroy(s.paths);
	g_ptr_array_free(s.written, TRUE);
	g_free(s.base);
	return rc;
}
