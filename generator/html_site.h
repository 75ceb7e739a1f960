/*
 * html_site: what the modules of the site writer share (private to
 * html_site.c, html_guide.c, html_nav.c, html_values.c, html_search.c).
 *
 * Every page has a path from the site root ("controls/III-4-2-1.html");
 * links are written relative to the page, so the site works from any
 * directory and from file://.
 */
#ifndef GP_HTML_SITE_H
#define GP_HTML_SITE_H

#include <glib.h>

#include "html.h"
#include "model.h"
#include "site.h"

struct search;
struct search_old;
struct name;
struct state_page;

/* Documents a shard of the search index holds at most. */
#define SEARCH_SHARD_DOCS 100

struct site {
	const struct guideline *g;
	const char *dir;          /* output directory */
	bool flat;                /* its files are named as publish_merge
				     takes them (site_opts) */
	struct html_theme *theme;
	char *base;               /* base URL ending in '/', or NULL */
	GHashTable *names;        /* ID → its path, display form, labels */
	struct name *name_mem;    /* the names, in one block */
	GStringChunk *name_text;  /* and their strings */
	GMutex name_lock;         /* a control's label, made when first
				     asked for (html_site.c); and when
				     LAZY, its names */
	bool lazy;                /* a rebuild's: controls named when first
				     asked for */
	GPtrArray *lazy_names;    /* those names, owned */
	GPtrArray *sections;      /* every section and Part I page, in order */
	GPtrArray *written;       /* paths of the pages, for the sitemap
				     (the tasks', borrowed) */
	GPtrArray *shards;        /* paths of the search index's shards,
				     "search/K.js" (html_search.c) */
	const struct gdiff *diff; /* with the previous edition, or NULL */
	struct manifest *manifest; /* pages of the previous build, or NULL */
	bool few;                 /* the tasks are a rebuild's few pages;
				     every other is kept (incr_few) */
};

enum where_kind {
	WHERE_HOME,
	WHERE_PART,
	WHERE_SECTION, /* a section of Part II/III or a Part I page */
	WHERE_CONTROL,
	WHERE_PATTERNS,
	WHERE_OTHER,
};

/* Which page is being written, for navigation and links. */
struct where {
	struct site *s;
	enum where_kind kind;
	const char *path;          /* from the root */
	const char *root;          /* from the page to the root: "", "../" */
	const struct part *part;
	const struct section *sec;
	const struct control *ctl;
	const char *title;         /* short title, for the breadcrumbs */
};

/* A new string: "III-4-2-1" for "III.4.2.1". */
char *site_slug(const char *id);

/*
 * Names of a part, section, subsection or control ID, borrowed from the
 * site: its path from the root (a subsection's is its section's page
 * and an anchor), display form "Ⅲ.2.1", label "Ⅲ.2.1 title" (a
 * control's: "Ⅲ.2.1.1" and the start of its text), and brief (a
 * control's title or the start of its text; others: the label).
 */
const char *site_path(const struct site *s, const char *id);
const char *site_disp(const struct site *s, const char *id);
const char *site_label(const struct site *s, const char *id);
const char *site_brief(const struct site *s, const char *id);

/* A new string: the file to write the site's REL (a path from the root)
 * to. */
char *site_file(const struct site *s, const char *rel);

/* A new string: TARGET (a path from the root) as seen from W's page. */
char *site_href(const struct where *w, const char *target);

/*
 * A new page for W titled TITLE, with head, header, table of contents,
 * breadcrumbs and footer filled.  Returns NULL after reporting.
 */
struct html_page *site_page_new(const struct where *w, const char *title);

/* Write P to W->path and free it.  Returns 0 or -1 after reporting. */
int site_page_finish(struct html_page *p, const struct where *w);
/* The same, with more children of AT made in pieces by MORE (see
 * html_page_write_stream). */
int site_page_stream(struct html_page *p, const struct where *w,
		     xmlNodePtr at, int (*more)(void *arg, xmlNodePtr at),
		     void *arg);

/* What a page is made from, besides what every page shows: for the
 * entity of its task's index I. */
enum page_kind {
	PAGE_OTHER,    /* the whole guideline */
	PAGE_TITLES,   /* nothing more: titles and briefs only */
	PAGE_PART,     /* part I's file */
	PAGE_SECTION,  /* section I (struct site, sections): its file and
			  its controls' */
	PAGE_CONTROL,  /* control I's file */
	PAGE_SHARD,    /* shard I of the search index: its documents' */
	PAGE_ITEMS,    /* every evaluation item */
};

/*
 * One page to write; the pages are written by a pool of threads.
 * RUN(S, I) writes it and returns 0 or -1 (reported).  PATH is its path
 * from the root, which the manifest keys; an HTML page's goes in the
 * sitemap, in task order.  NULL: no key, and not in the sitemap.
 */
struct site_task {
	int (*run)(struct site *s, guint i);
	guint i;
	const char *path;
	int rc;
	char *key; /* what the page is made from (html_incr.c), or NULL;
		      OLD's when OLD is set, else the task's */
	enum page_kind kind; /* what it is made from (html_incr.c) */
	GArray *deps; /* guint32: the inputs (model.h) its key covers */
	const struct state_page *old; /* or, its key kept from the previous
					 build, that build's page */
	bool stubs;   /* its key covers a stub (rebuild.h) that it needs
			 read: it cannot be made again from this model */
	bool whole;   /* its key covers every content file or item */
	guint32 strong; /* its first STRONG deps are read to make it; for
			   each other one that is a stub, the page takes
			   that file's part of itself from the previous
			   build's page (a section's controls, a shard's
			   documents), as it was made from the same file
			   with what every page shows unchanged */
};

/*
 * html_incr.c, with a manifest: incr_begin keys what every page shows
 * (in the manifest); then incr_few gives TASKS only the pages that
 * show a file read, keyed, when S's guideline is a rebuild's and
 * nothing every page shows changed, and the manifest keeps every other
 * page of the previous build as it is: true; else it adds nothing and
 * says false, and incr_keys gives every task with a path the key of
 * its page.
 */
void incr_begin(struct site *s, const struct site_opts *o);
bool incr_few(struct site *s, GArray *tasks);
void incr_keys(struct site *s, GArray *tasks);

/* Add the task of making PATH (or a page of no key, NULL) of KIND,
 * with RUN(S, I). */
void site_task(GArray *tasks, enum page_kind kind,
	       int (*run)(struct site *, guint), guint i, const char *path);
/* Add the task of shard I of the search index (S->shards). */
void site_shard_task(struct site *s, GArray *tasks, guint i);
/* Free what TASKS' tasks hold and empty it. */
void site_tasks_clear(GArray *tasks);

/* Markdown options for W's page: cross-references relative to it. */
void site_md(const struct where *w, struct html_md *m, const char *idp,
	     int hshift);

/*
 * html_guide.c: S's sections (every section and Part I page, in order);
 * the tasks for parts, sections, Part I pages, controls and contents;
 * and their search entries, in order.
 */
void guide_sections(struct site *s);
void guide_tasks(struct site *s, GArray *tasks);
/* The tasks of only the pages a file read in full shows in (S's
 * guideline a rebuild's, rebuild.h): its part's page, its section's,
 * its own, and the shards of the search index that hold it. */
void guide_read_tasks(struct site *s, GArray *tasks);

/* html_changes.c: the 改訂履歴 page (a task), and the mark a changed
 * control's heading gets (nothing without a previous edition). */
int changes_task(struct site *s, guint unused);
void changes_mark(xmlNodePtr heading, const struct where *w,
		  const struct control *c);
/* The number of documents of the search index: every section (S's
 * sections, filled by guide_sections), then every control. */
guint guide_docs(const struct site *s);
/* Add the search entries of documents FIRST to FIRST + N - 1 to X. */
/* Index documents FIRST to FIRST + N - 1 into X; or with OLD, the shard
 * as the previous build wrote it, into OLD: a stub's kept, the others
 * made anew.  Returns 0, or -1 when a document is not in OLD. */
int guide_index(struct site *s, struct search *x, guint first, guint n,
		struct search_old *old);
/* The body of the file of document I (sections, then controls). */
const struct body *guide_doc_body(const struct site *s, guint i);
/* Whether a document from FIRST to FIRST + N - 1 is a stub's. */
bool guide_stubs(const struct site *s, guint first, guint n);
/* Whether, S being a rebuild's (a partial guideline), every document
 * from FIRST to FIRST + N - 1 that was read holds for the search what
 * the state says it did (its text's hash, which is recorded).  Then a
 * shard of them is what it was. */
bool guide_search_same(const struct site *s, guint first, guint n);

/* html_nav.c: the table of contents, breadcrumbs, previous/next. */
void nav_toc(xmlNodePtr nav, const struct where *w);
void nav_crumbs(xmlNodePtr nav, const struct where *w);
/* Links to the pages of IDs PREV and NEXT (NULL: none). */
void nav_pager(xmlNodePtr nav, const struct where *w, const char *prev,
	       const char *next);
/* The same with paths from the root and their link texts. */
void nav_pager_paths(xmlNodePtr nav, const struct where *w,
		     const char *prev, const char *prev_text,
		     const char *next, const char *next_text);

/* html_values.c: evaluation items and the pattern pages. */
void values_items(xmlNodePtr parent, const struct where *w,
		  const struct control *c, int hlevel);
void values_tasks(struct site *s, GArray *tasks);

/* html_search.c: the search index. */
struct search *search_new(void);
void search_free(struct search *x);
/* Add a document: its page PATH, display ID, TITLE, and TEXT to index. */
void search_add(struct search *x, const char *path, const char *id,
		const char *title, const char *text);
/*
 * A shard as the previous build wrote it, OLD (LEN bytes), to make
 * again with some of its documents made anew (html_incr.c); NULL when
 * OLD is not a shard.  OLD must outlive it.  Free with search_old_free.
 */
struct search_old *search_old_read(const char *old, gsize len);
void search_old_free(struct search_old *o);
/* How many documents O holds. */
guint32 search_old_count(const struct search_old *o);
/* Keep document DOC of O as it was; it must be the page PATH's.
 * Returns 0, or -1 when it is not. */
int search_old_keep(const struct search_old *o, guint32 doc,
		    const char *path);
/* Make document DOC of O anew, as search_add does; the same check. */
int search_old_set(struct search_old *o, guint32 doc, const char *path,
		   const char *id, const char *title, const char *text);
/* Write O as shard K, to PATH (which must not exist), unless it has the
 * bytes it was read from: then the previous build's stays.  Returns 0,
 * -1 (reported), or 1 when O's lists are not posting lists (nothing
 * written).  The text O was read from must still be there. */
int search_old_write(const struct search_old *o, const char *path, int k);
/* Write X as shard K of the index, to PATH (which must not exist); X
 * can then only be freed.  Returns 0 or -1 (reported). */
int search_write(struct search *x, const char *path, int k);
/* Write PATH, search-index.js: the list of the shards' PATHS (from the
 * root).  Returns 0 or -1 (reported). */
int search_write_list(const char *path, const GPtrArray *paths);

#endif
