/*
 * site: the guideline as a static website (HTML5 built as libxml2
 * trees inside the theme's XHTML templates).
 */
#ifndef GP_SITE_H
#define GP_SITE_H

#include "model.h"

struct gdiff;

struct site_opts {
	const char *theme_dir; /* themes/default: templates, CSS, script */
	const char *base_url;  /* for canonical links and sitemap; NULL: none */
	const char *old_out;   /* the output this build replaces: its pages
				  made from the same inputs are taken over;
				  or NULL */
	const struct gdiff *diff; /* against the previous edition: a 改訂履歴
				     page and marks on changed controls; or
				     NULL */
};

/*
 * Write the whole site for G into DIR, which exists and is empty.
 * Returns 0, or -1 after reporting with diag().  Writes nothing outside
 * DIR.
 */
int site_write(const struct guideline *g, const char *dir,
	       const struct site_opts *o);

#endif
