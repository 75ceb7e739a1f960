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
#include "diff.h"
#include "html_site.h"
#include "manifest.h"
#include "publish.h"

#define MAX_THREADS 8

char *
site_slug(const char *id)
{
	char *s = g_strdup(id);

	g_strdelimit(s, ".", '-');
	return s;
}

char *
site_file(const struct site *s, const char *rel)
{
	char *name, *file;

	if (!s->flat)
		return g_build_filename(s->dir, rel, NULL);
	name = publish_flat_name(rel);
	file = g_build_filename(s->dir, name, NULL);
	g_free(name);
	return file;
}

char *
site_href(const struct where *w, const char *target)
{
	return g_strconcat(w->root, target, NULL);
}

/* What pages call an ID: its page, display form and labels. */
struct name {
	const char *path;  /* from the root; "#slug" for a subsection */
	const char *disp;  /* "Ⅲ.2.1" */
	const char *label; /* "Ⅲ.2.1 title"; controls: "Ⅲ.2.1.1 brief",
			      made when first asked for (site_label): a
			      rebuild shows few, and thousands cost */
	const char *brief; /* a control's title or the start of its text */
};

/* B's text, kept with the site's names. */
static const char *
keep(struct site *s, const GString *b)
{
	return g_string_chunk_insert_len(s->name_text, b->str, (gssize)b->len);
}

/*
 * Name ID in N: path PREFIX, its slug and SUFFIX; its display form; its
 * label with TITLE (may be NULL), unless LATER.  B is scratch.
 */
static void
add_name(struct site *s, struct name *n, const char *id, const char *prefix,
	 const char *suffix, const char *title, bool later, GString *b)
{
	g_string_assign(b, prefix);
	g_string_append(b, id);
	g_strdelimit(b->str + strlen(prefix), ".", '-');
	g_string_append(b, suffix);
	n->path = keep(s, b);
	g_string_truncate(b, 0);
	id_display_append(b, id);
	n->disp = keep(s, b);
	if (title != NULL) {
		g_string_append_c(b, ' ');
		g_string_append(b, title);
	}
	n->label = later ? NULL : keep(s, b);
	g_hash_table_insert(s->names, (gpointer)id, n);
}

/* Name control C in N. */
static void
name_control(struct site *s, struct name *n, const struct control *c,
	     GString *b)
{
	add_name(s, n, c->id, "controls/", ".html", c->brief, true, b);
	n->brief = c->brief; /* the guideline outlives the site */
}

/*
 * Name every part, section, subsection and control once, so pages look
 * names up instead of making them again.  The names are one block and
 * their strings one chunk: a build names thousands of IDs, and each
 * allocation a page costs is counted.  A rebuild's controls are named
 * when first asked for (name_of): it makes few pages.
 */
static void
make_names(struct site *s)
{
	const struct guideline *g = s->g;
	GString *b = g_string_sized_new(256);
	guint n = s->lazy ? 0 : g->controls->len, k = 0;

	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);
		n++;
		for (guint j = 0; j < p->sections->len; j++)
			n += 1 + ((struct section *)g_ptr_array_index(
					  p->sections, j))
					 ->subsections->len;
	}
	s->names = g_hash_table_new(g_str_hash, g_str_equal);
	s->name_mem = g_new0(struct name, n);
	s->name_text = g_string_chunk_new(64 * 1024);
	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);

		add_name(s, &s->name_mem[k++], p->id, "parts/", ".html",
			 p->title, false, b);
		for (guint j = 0; j < p->sections->len; j++) {
			struct section *sec = g_ptr_array_index(p->sections, j);
			const struct name *sn = &s->name_mem[k];
			char *page;

			add_name(s, &s->name_mem[k++], sec->id, "sections/",
				 ".html", sec->title, false, b);
			page = g_strconcat(sn->path, "#", NULL);
			for (guint m = 0; m < sec->subsections->len; m++) {
				struct subsection *sub =
				    g_ptr_array_index(sec->subsections, m);
				add_name(s, &s->name_mem[k++], sub->id, page, "",
					 sub->title, false, b);
			}
			g_free(page);
		}
	}
	for (guint i = 0; i < g->controls->len && !s->lazy; i++)
		name_control(s, &s->name_mem[k++],
			     g_ptr_array_index(g->controls, i), b);
	g_assert(k == n);
	g_string_free(b, TRUE);
}

/* The names of ID, or NULL when it is not a part, section, subsection
 * or control (borrowed). */
static const struct name *
find_name(const struct site *s, const char *id)
{
	struct site *w = (struct site *)s;
	struct name *n;
	const struct control *c;
	GString *b;

	if (!s->lazy)
		return g_hash_table_lookup(s->names, id);
	g_mutex_lock(&w->name_lock);
	if ((n = g_hash_table_lookup(s->names, id)) == NULL &&
	    (c = guideline_control(s->g, id)) != NULL) {
		n = g_new0(struct name, 1);
		b = g_string_sized_new(64);
		name_control(w, n, c, b);
		g_string_free(b, TRUE);
		g_ptr_array_add(w->lazy_names, n);
	}
	g_mutex_unlock(&w->name_lock);
	return n;
}

/* The names of ID, which must exist (borrowed). */
static const struct name *
name_of(const struct site *s, const char *id)
{
	const struct name *n = find_name(s, id);

	g_assert(n != NULL);
	return n;
}

const char *
site_path(const struct site *s, const char *id)
{
	return name_of(s, id)->path;
}

const char *
site_disp(const struct site *s, const char *id)
{
	return name_of(s, id)->disp;
}

const char *
site_label(const struct site *s, const char *id)
{
	struct name *n = (struct name *)name_of(s, id);
	struct site *w = (struct site *)s;
	const char *label = g_atomic_pointer_get(&n->label);
	char *made;

	if (label != NULL)
		return label;
	g_mutex_lock(&w->name_lock);
	if ((label = n->label) == NULL) {
		made = n->brief != NULL
			   ? g_strconcat(n->disp, " ", n->brief, NULL)
			   : g_strdup(n->disp);
		label = g_string_chunk_insert(w->name_text, made);
		g_free(made);
		g_atomic_pointer_set(&n->label, label);
	}
	g_mutex_unlock(&w->name_lock);
	return label;
}

const char *
site_brief(const struct site *s, const char *id)
{
	const struct name *n = name_of(s, id);

	return n->brief != NULL ? n->brief : site_label(s, id);
}

/* Cross-references of a page's Markdown: ID's page relative to the
 * page (a new string), or NULL for an unknown ID. */
static char *
xref(const char *id, void *arg)
{
	const struct where *w = arg;
	const struct name *n = find_name(w->s, id);

	return n != NULL ? site_href(w, n->path) : NULL;
}

void
site_md(const struct where *w, struct html_md *m, const char *idp,
	int hshift)
{
	memset(m, 0, sizeof *m);
	m->xref = xref;
	m->arg = (void *)w;
	m->idp = idp;
	m->hshift = hshift;
}
/* The head: canonical link when the site has a base URL. */
static void
page_head(struct html_page *p, const struct where *w)
{
	xmlNodePtr head = html_page_slot(p, "head");
	xmlNodePtr link;
	char *url;

	if (w->s->base == NULL || head == NULL)
		return;
	url = g_strconcat(w->s->base,
			  strcmp(w->path, "index.html") == 0 ? "" : w->path,
			  NULL);
	link = html_el(head, "link", NULL);
	html_attr(link, "rel", "canonical");
	html_attr(link, "href", url);
	g_free(url);
}

struct html_page *
site_page_new(const struct where *w, const char *title)
{
	const struct guideline *g = w->s->g;
	struct html_page *p = html_page_new(w->s->theme, "page", w->root);
	xmlNodePtr n;
	char *full;

	if (p == NULL)
		return NULL;
	if ((n = html_page_slot(p, "title")) != NULL) {
		full = w->kind == WHERE_HOME
			   ? g_strdup(g->title)
			   : g_strconcat(title, " | ", g->title, NULL);
		html_text(n, full);
		g_free(full);
	}
	page_head(p, w);
	if ((n = html_page_slot(p, "site-title")) != NULL)
		html_text(n, g->title);
	if ((n = html_page_slot(p, "toc")) != NULL)
		nav_toc(n, w);
	if ((n = html_page_slot(p, "crumbs")) != NULL && w->kind != WHERE_HOME)
		nav_crumbs(n, w);
	if ((n = html_page_slot(p, "attribution")) != NULL)
		html_text(n, g->attribution);
	return p;
}

int
site_page_finish(struct html_page *p, const struct where *w)
{
	return site_page_stream(p, w, NULL, NULL, NULL);
}

int
site_page_stream(struct html_page *p, const struct where *w, xmlNodePtr at,
		 int (*more)(void *arg, xmlNodePtr at), void *arg)
{
	char *file = site_file(w->s, w->path);
	int rc = html_page_write_stream(p, file, at, more, arg);

	html_page_free(p);
	g_free(file);
	return rc;
}

/*
 * Fill the text of slot NAME, if the template has it.  Without TEXT the
 * slot goes with its parent: the home page's facts are dt/dd pairs in a
 * div, and a dt without its dd is not allowed.
 */
static void
fill(struct html_page *p, const char *name, const char *text)
{
	xmlNodePtr n = html_page_slot(p, name);

	if (n != NULL && text != NULL && text[0] != '\0')
		html_text(n, text);
	else
		html_page_drop(p, name, 1);
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
home_page(struct site *s, guint unused)
{
	struct where w = {.s = s, .kind = WHERE_HOME, .path = "index.html",
			  .root = ""};
	struct html_page *p = site_page_new(&w, s->g->title);
	char *ed = edition_text(s->g->edition);
	int rc = -1;

	(void)unused;
	if (p == NULL)
		goto out;
	if (html_page_insert(p, "home", html_page_slot(p, "main")) < 0) {
		html_page_free(p);
		goto out;
	}
	if (html_page_slot(p, "home-title") != NULL && s->g->title != NULL)
		html_text(html_page_slot(p, "home-title"), s->g->title);
	fill(p, "home-edition", ed);
	fill(p, "home-publisher", s->g->publisher);
	fill(p, "home-author", s->g->author);
	if (s->diff != NULL) {
		xmlNodePtr para = html_elc(html_page_slot(p, "main"), "p",
					   "changes-link", NULL);
		char *t = g_strdup_printf("改訂履歴（%s 版からの変更）",
					  s->diff->old->edition);
		html_a(para, "changes.html", t);
		g_free(t);
	}
	rc = site_page_finish(p, &w);
out:
	g_free(ed);
	return rc;
}

/* A page made of a fragment template only: search, 404. */
static int
fragment_page(struct site *s, const char *path, const char *root,
	      const char *tmpl, const char *title)
{
	struct where w = {.s = s, .kind = WHERE_OTHER, .path = path,
			  .root = root, .title = title};
	struct html_page *p = site_page_new(&w, title);

	if (p == NULL)
		return -1;
	if (html_page_insert(p, tmpl, html_page_slot(p, "main")) < 0) {
		html_page_free(p);
		return -1;
	}
	return site_page_finish(p, &w);
}

/*
 * The sitemap, PATH (sitemap.xml): every page, in the order written.
 * Without a base URL the locations are relative to the site (fill in
 * the address when deploying, or pass --base-url).
 */
static int
sitemap(struct site *s, const char *path)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr set = xmlNewDocNode(doc, NULL, BAD_CAST "urlset", NULL);
	char *file = site_file(s, path);
	xmlChar *mem = NULL;
	int len = 0, rc;

	xmlDocSetRootElement(doc, set);
	xmlSetNs(set, xmlNewNs(set,
			       BAD_CAST "http://www.sitemaps.org/schemas/"
					"sitemap/0.9",
			       NULL));
	for (guint i = 0; i < s->written->len; i++) {
		const char *page = g_ptr_array_index(s->written, i);
		int home = strcmp(page, "index.html") == 0 && s->base != NULL;
		xmlNodePtr url;
		char *loc;

		if (strcmp(page, "404.html") == 0)
			continue;
		url = xmlNewChild(set, set->ns, BAD_CAST "url", NULL);
		loc = g_strconcat(s->base != NULL ? s->base : "",
				  home ? "" : page, NULL);
		xmlNewTextChild(url, set->ns, BAD_CAST "loc", BAD_CAST loc);
		g_free(loc);
	}
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	rc = fsio_write(file, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	g_free(file);
	return rc;
}

/*
 * The templates the site needs, checked once before the pages are
 * written: a missing one is one message, not one per page.  Returns 0
 * or -1 (reported).
 */
static int
check_theme(const struct html_theme *t, const char *dir)
{
	static const char *const need[] = {"page", "home", "search",
					   "notfound", NULL};
	int rc = 0;

	for (int i = 0; need[i] != NULL; i++)
		if (!html_theme_has(t, need[i])) {
			diag(E_THEME_TEMPLATE, dir, 0, 0, need[i]);
			rc = -1;
		}
	return rc;
}

/*
 * The site's subdirectories under DIR that the pages of TODO (struct
 * site_task *) are in: a rebuild makes few pages, and on some file
 * systems a directory made and removed costs more than a page.
 * Returns 0 or -1 (reported).
 */
static int
make_dirs(const char *dir, const GPtrArray *todo)
{
	static const char *const sub[] = {"parts/", "sections/", "controls/",
					  "patterns/", "search/", NULL};

	for (int i = 0; sub[i] != NULL; i++) {
		bool need = false;
		char *d;
		int bad;

		for (guint j = 0; j < todo->len && !need; j++) {
			const struct site_task *t = g_ptr_array_index(todo, j);
			need = t->path != NULL && g_str_has_prefix(t->path, sub[i]);
		}
		if (!need)
			continue;
		d = g_build_filename(dir, sub[i], NULL);
		if ((bad = g_mkdir(d, 0755) < 0))
			diag(S_WRITE, d, 0, 0, strerror(errno));
		g_free(d);
		if (bad)
			return -1;
	}
	return 0;
}

/* search.html, from the theme's "search" fragment. */
static int
search_task(struct site *s, guint i)
{
	(void)i;
	return fragment_page(s, "search.html", "", "search", "検索");
}

/* The 404 page is served at any address: with a base URL its links are
 * absolute. */
static int
notfound_task(struct site *s, guint i)
{
	(void)i;
	return fragment_page(s, "404.html", s->base != NULL ? s->base : "",
			     "notfound", "ページが見つかりません");
}

void
site_task(GArray *tasks, enum page_kind kind,
	  int (*run)(struct site *, guint), guint i, const char *path)
{
	struct site_task t = {.run = run, .i = i, .path = path, .kind = kind};

	g_array_append_val(tasks, t);
}

/* What task T's page is made from, as the manifest records it. */
static struct made_from
made_of(const struct site_task *t)
{
	return (struct made_from){t->key, t->deps, t->old, t->whole,
				  t->strong};
}

/* Whether task T's page was made from the same inputs last time and
 * can be taken over (manifest.h). */
static bool
task_reusable(const struct site *s, const struct site_task *t)
{
	struct made_from from = made_of(t);

	return s->manifest != NULL && t->key != NULL &&
	       manifest_can_reuse(s->manifest, t->path, &from);
}

/* Run one task of the pool; SITE is the pool's data. */
static void
task_run(gpointer data, gpointer site)
{
	struct site_task *t = data;
	struct site *s = site;
	struct made_from from = made_of(t);

	if (t->stubs) {
		t->rc = SITE_NEEDS_ALL;
		return;
	}
	t->rc = t->run(site, t->i);
	/* a rebuild's few were recorded before they were made */
	if (t->rc == 0 && s->manifest != NULL && t->key != NULL && !s->few)
		manifest_record(s->manifest, t->path, &from);
}

/* Shard I of the search index (html_search.c), written whole; the
 * documents of stubs as the previous build wrote them (html_incr.c).
 * Returns 0, -1 (reported), or SITE_NEEDS_ALL when one is not there. */
static int
shard_task(struct site *s, guint i)
{
	const char *rel = g_ptr_array_index(s->shards, i);
	guint first = i * SEARCH_SHARD_DOCS;
	char *path = site_file(s, rel), *bytes = NULL;
	struct search *x = NULL;
	struct search_old *old = NULL;
	gsize len;
	int rc = SITE_NEEDS_ALL;

	if (!guide_stubs(s, first, SEARCH_SHARD_DOCS)) {
		x = search_new();
		guide_index(s, x, first, SEARCH_SHARD_DOCS, NULL);
		rc = search_write(x, path, (int)i);
	} else if ((bytes = manifest_old_bytes(s->manifest, rel, &len)) !=
			   NULL &&
		   (old = search_old_read(bytes, len)) != NULL &&
		   guide_index(s, NULL, first, SEARCH_SHARD_DOCS, old) == 0 &&
		   (rc = search_old_write(old, path, (int)i)) > 0) {
		rc = SITE_NEEDS_ALL;
	}
	search_free(x);
	search_old_free(old);
	g_free(bytes);
	g_free(path);
	return rc;
}

/* The paths of the search index's shards, in S->shards. */
static void
shard_paths(struct site *s)
{
	guint n = (guide_docs(s) + SEARCH_SHARD_DOCS - 1) / SEARCH_SHARD_DOCS;

	for (guint i = 0; i < n; i++)
		g_ptr_array_add(s->shards, g_strdup_printf("search/%u.js", i));
}

/* Every page of the site, as tasks. */
static void
all_tasks(struct site *s, GArray *tasks)
{
	site_task(tasks, PAGE_TITLES, home_page, 0, "index.html");
	guide_tasks(s, tasks);
	values_tasks(s, tasks);
	site_task(tasks, PAGE_TITLES, search_task, 0, "search.html");
	if (s->diff != NULL)
		site_task(tasks, PAGE_OTHER, changes_task, 0, "changes.html");
	site_task(tasks, PAGE_TITLES, notfound_task, 0, "404.html");
	for (guint i = 0; i < s->shards->len; i++)
		site_shard_task(s, tasks, i);
}

void
site_tasks_clear(GArray *tasks)
{
	for (guint i = 0; i < tasks->len; i++) {
		struct site_task *t =
		    &g_array_index(tasks, struct site_task, i);
		if (t->old == NULL)
			g_free(t->key);
		if (t->deps != NULL)
			g_array_free(t->deps, TRUE);
	}
	g_array_set_size(tasks, 0);
}

void
site_shard_task(struct site *s, GArray *tasks, guint i)
{
	site_task(tasks, PAGE_SHARD, shard_task, i,
		  g_ptr_array_index(s->shards, i));
}

/*
 * PATH, which no page task makes, from KEY (what it is made from, a
 * hash, or NULL without a manifest): kept when the previous build made
 * it from the same key, else made with MAKE(S, PATH).  Returns 0, or -1
 * after reporting.
 */
static int
kept_or_made(struct site *s, const char *path, const char *key,
	     int (*make)(struct site *, const char *))
{
	struct made_from from = {.key = key};
	int rc = 0;

	if (s->manifest == NULL || key == NULL) {
		rc = make(s, path);
	} else if (!manifest_reuse(s->manifest, path, &from) &&
		   (rc = make(s, path)) == 0) {
		manifest_record(s->manifest, path, &from);
	}
	return rc;
}

/* The hash of STRS (char *) and of FIRST, which may be NULL: a new
 * string. */
static char *
key_of(const char *first, const GPtrArray *strs)
{
	GChecksum *h = g_checksum_new(KEY_CHECKSUM);
	char *key;

	key_add(h, first);
	for (guint i = 0; i < strs->len; i++)
		key_add(h, g_ptr_array_index(strs, i));
	key = g_strdup(g_checksum_get_string(h));
	g_checksum_free(h);
	return key;
}

/* The sitemap, unless the previous build wrote the same one: it lists
 * the pages, so it is keyed on their paths and the base URL. */
static int
sitemap_kept(struct site *s)
{
	char *key = key_of(s->base, s->written);
	int rc = kept_or_made(s, "sitemap.xml", key, sitemap);

	g_free(key);
	return rc;
}

static int
shard_list(struct site *s, const char *path)
{
	char *file = site_file(s, path);
	int rc = search_write_list(file, s->shards);

	g_free(file);
	return rc;
}

static int
asset(struct site *s, const char *name)
{
	char *file = site_file(s, name);
	int rc = html_theme_copy_asset(s->theme, name, file);

	g_free(file);
	return rc;
}

/*
 * What no page is needed for: the list of the shards, keyed on their
 * paths, and the theme's assets, each keyed on what every page shows,
 * which holds the theme's bytes.  Returns 0 or -1 (reported).
 */
static int
extras_kept(struct site *s)
{
	const GPtrArray *a = html_theme_assets(s->theme);
	char *key = key_of(NULL, s->shards);
	int rc = kept_or_made(s, "search-index.js", key, shard_list);

	g_free(key);
	for (guint i = 0; i < a->len && rc == 0; i++)
		rc = kept_or_made(s, g_ptr_array_index(a, i),
				  manifest_global(s->manifest), asset);
	return rc;
}

/*
 * Write every page of TASKS with a pool of threads (one per processor,
 * at most MAX_THREADS), largest first (they come last in TASKS: the
 * search index's shards, the pattern pages), while this thread records
 * the pages taken over and writes what no page is needed for (unless
 * FEW: the list of shards, the theme's assets; and the state's inputs,
 * and with FEW its pages); then, unless FEW, list the pages for the
 * sitemap in task order.  FEW is S's: TASKS are a rebuild's few pages,
 * and everything else is kept (html_incr.c, incr_few).  Returns 0, -1
 * if a page or the rest failed, or SITE_NEEDS_ALL when a page to make
 * again needs a stub read.
 */
static int
run_tasks(struct site *s, GArray *tasks)
{
	bool few = s->few;
	guint threads = MIN(g_get_num_processors(), MAX_THREADS);
	GPtrArray *todo = g_ptr_array_new(), *kept = g_ptr_array_new();
	GThreadPool *pool = NULL;
	int rc = 0;

	/* the pages taken over cost a lookup each: no thread for those */
	for (guint i = tasks->len; i-- > 0;) {
		struct site_task *t =
		    &g_array_index(tasks, struct site_task, i);

		t->rc = 0;
		g_ptr_array_add(task_reusable(s, t) ? kept : todo, t);
	}
	if (!s->flat && make_dirs(s->dir, todo) < 0) {
		g_ptr_array_free(todo, TRUE);
		g_ptr_array_free(kept, TRUE);
		return -1;
	}
	/* a rebuild's few pages are recorded before they are made, so the
	   state's pages are written while they are (a page that fails
	   fails the build, and its state is not kept) */
	for (guint i = 0; few && i < todo->len; i++) {
		struct site_task *t = g_ptr_array_index(todo, i);
		struct made_from from = made_of(t);

		if (t->key != NULL)
			manifest_record(s->manifest, t->path, &from);
	}
	/* a rebuild's few pages are a section's, a shard and a control's:
	   the first two are large, so even two are worth a thread each */
	if (threads > 1 && todo->len > 1)
		pool = g_thread_pool_new(task_run, s,
					 (gint)MIN(threads, todo->len), TRUE,
					 NULL);
	for (guint i = 0; i < todo->len && pool != NULL; i++)
		g_thread_pool_push(pool, g_ptr_array_index(todo, i), NULL);
	/* the pages taken over are recorded while the others are made */
	for (guint i = 0; i < kept->len; i++) {
		const struct site_task *t = g_ptr_array_index(kept, i);
		struct made_from from = made_of(t);

		manifest_record(s->manifest, t->path, &from);
	}
	/* a rebuild's search hashes are known (html_incr.c): the state's
	   files can be written now; a whole build's come with its shards */
	if ((!few && extras_kept(s) < 0) ||
	    (s->manifest != NULL && s->g->state != NULL &&
	     manifest_write_inputs(s->manifest, s->g) < 0))
		rc = -1;
	if (few && rc == 0)
		manifest_write_pages(s->manifest);
	for (guint i = 0; i < todo->len && pool == NULL; i++)
		task_run(g_ptr_array_index(todo, i), s);
	if (pool != NULL)
		g_thread_pool_free(pool, FALSE, TRUE);
	g_ptr_array_free(todo, TRUE);
	g_ptr_array_free(kept, TRUE);
	for (guint i = 0; i < tasks->len; i++) {
		struct site_task *t =
		    &g_array_index(tasks, struct site_task, i);

		if (t->rc < 0)
			rc = rc == SITE_NEEDS_ALL ? rc : t->rc;
		else if (!few && t->path != NULL &&
			 g_str_has_suffix(t->path, ".html"))
			g_ptr_array_add(s->written, (char *)t->path);
	}
	return rc;
}


int
site_write(const struct guideline *g, const char *dir,
	   const struct site_opts *o)
{
	struct site s = {0};
	GArray *tasks = g_array_new(FALSE, TRUE, sizeof(struct site_task));
	int rc = -1;

	xmlInitParser();
	g_mutex_init(&s.name_lock);
	s.g = g;
	s.dir = dir;
	s.flat = o->flat;
	s.diff = o->diff;
	if (o->base_url != NULL && o->base_url[0] != '\0')
		s.base = g_str_has_suffix(o->base_url, "/")
			     ? g_strdup(o->base_url)
			     : g_strconcat(o->base_url, "/", NULL);
	s.written = g_ptr_array_new();
	s.sections = g_ptr_array_new();
	s.shards = g_ptr_array_new_with_free_func(g_free);
	s.lazy = g->state != NULL;
	s.lazy_names = g_ptr_array_new_with_free_func(g_free);
	make_names(&s);
	if ((s.theme = html_theme_load(o->theme_dir)) == NULL ||
	    check_theme(s.theme, o->theme_dir) < 0)
		goto out;
	guide_sections(&s);
	shard_paths(&s);
	if (o->manifest != NULL) {
		s.manifest = o->manifest;
		incr_begin(&s, o);
		s.few = incr_few(&s, tasks);
	}
	if (!s.few) {
		all_tasks(&s, tasks);
		if (s.manifest != NULL)
			incr_keys(&s, tasks);
	}
	if ((rc = run_tasks(&s, tasks)) < 0) {
		if (rc != SITE_NEEDS_ALL)
			rc = -1;
		goto out;
	}
	rc = -1;
	if ((!s.few && sitemap_kept(&s) < 0) ||
	    (s.manifest != NULL && manifest_write(s.manifest, g) < 0))
		goto out;
	rc = 0;
out:
	site_tasks_clear(tasks);
	g_array_free(tasks, TRUE);
	html_theme_free(s.theme);
	g_ptr_array_free(s.shards, TRUE);
	g_hash_table_destroy(s.names);
	g_free(s.name_mem);
	g_ptr_array_free(s.lazy_names, TRUE);
	g_string_chunk_free(s.name_text);
	g_mutex_clear(&s.name_lock);
	g_ptr_array_free(s.sections, TRUE);
	g_ptr_array_free(s.written, TRUE);
	g_free(s.base);
	return rc;
}
