/*
 * html_site: what the modules of the site writer share (private to
 * html_site.c, html_nav.c, html_values.c, html_search.c).
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

struct site {
	const struct guideline *g;
	const char *dir;          /* output directory */
	struct html_theme *theme;
	char *base;               /* base URL ending in '/', or NULL */
	GHashTable *paths;        /* ID → path from the root (+ #fragment) */
	GPtrArray *written;       /* paths of the pages, for the sitemap */
	struct search *search;
	GHashTable *brief;        /* control → short label (new strings) */
};

enum where_kind {
	WHERE_HOME,
	WHERE_PART,
	WHERE_SECTION, /* a section of Part II/III or a Part I page */
	WHERE_CONTROL,
	WHERE_PATTERNS,
	WHERE_OTHER,
};

/* Which page is being written, for navigation. */
struct where {
	enum where_kind kind;
	const char *path;          /* from the root */
	const char *root;          /* from the page to the root: "", "../" */
	const struct part *part;
	const struct section *sec;
	const struct control *ctl;
	const char *title;          /* short title, for the breadcrumbs */
};

/* A new string: "III-4-2-1" for "III.4.2.1". */
char *site_slug(const char *id);

/* New strings: the paths of a part, section (or page), control. */
char *site_part_path(const struct part *p);
char *site_section_path(const struct section *s);
char *site_control_path(const struct control *c);

/* A new string: TARGET (a path from the root) as seen from W's page. */
char *site_href(const struct where *w, const char *target);

/*
 * A new page for W titled TITLE, with head, header, table of contents,
 * breadcrumbs and footer filled.  Returns NULL after reporting.
 */
struct html_page *site_page_new(struct site *s, const struct where *w,
				const char *title);

/* Write P to W->path and free it.  Returns 0 or -1 after reporting. */
int site_page_finish(struct site *s, struct html_page *p,
		     const struct where *w);

/* Markdown options for W's page: cross-references relative to it. */
void site_md(struct site *s, const struct where *w, struct html_md *m,
	     const char *idp, int hshift);

/* html_guide.c: parts, sections, Part I pages, controls, contents. */
int guide_pages(struct site *s);

/* The control's title, or the start of its text: borrowed. */
const char *site_brief(struct site *s, const struct control *c);

/* html_nav.c: the table of contents, breadcrumbs, previous/next. */
void nav_toc(struct site *s, xmlNodePtr nav, const struct where *w);
void nav_crumbs(struct site *s, xmlNodePtr nav, const struct where *w);
void nav_pager(xmlNodePtr nav, const struct where *w, const char *prev,
	       const char *prev_text, const char *next,
	       const char *next_text);
/* "Ⅲ.2 title" or "Ⅲ.2": a new string. */
char *nav_label(const char *id, const char *title);

/* html_values.c: evaluation items and the pattern pages. */
void values_items(xmlNodePtr parent, const struct guideline *g,
		  const struct control *c, int hlevel);
int values_pages(struct site *s);

/* html_search.c: the search index. */
struct search *search_new(void);
void search_free(struct search *x);
/* Add a document: its page PATH, display ID, TITLE, and TEXT to index. */
void search_add(struct search *x, const char *path, const char *id,
		const char *title, const char *text);
/* Write the index as OUT/search-index.js.  Returns 0 or -1. */
int search_write(struct search *x, const char *out);

#endif
