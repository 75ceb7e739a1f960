/*
 * site: the guideline as a static website (HTML5 built as libxml2
 * trees inside the theme's XHTML templates).
 */
#ifndef GP_SITE_H
#define GP_SITE_H

#include "model.h"

struct gdiff;
struct manifest;

struct site_opts {
	const char *theme_dir; /* themes/default: templates, CSS, script */
	const char *base_url;  /* for canonical links and sitemap; NULL: none */
	struct manifest *manifest; /* this build's (manifest.h): the pages of
				      the output it replaces made from the
				      same inputs are taken over; or NULL */
	const struct gdiff *diff; /* against the previous edition: a 改訂履歴
				     page and marks on changed controls; or
				     NULL */
	bool flat;             /* DIR is to be merged into an output
				  (publish_merge): each file is written
				  straight into DIR, under its path's
				  publish_flat_name */
};

/* site_write's answer when G is partial (a rebuild's, rebuild.h) and a
 * page that changed was keyed on a file it did not read. */
#define SITE_NEEDS_ALL (-3) /* not -2, which the build says of a half-done merge */

/*
 * Write the whole site for G into DIR, which exists and is empty (with
 * O->flat, every file straight into it), and with O->manifest the state
 * of the build (state.h).  Returns 0, -1 after
 * reporting with diag(), or SITE_NEEDS_ALL (nothing reported: load the
 * whole guideline and write it again into a new DIR).  Writes nothing
 * outside DIR.
 */
int site_write(const struct guideline *g, const char *dir,
	       const struct site_opts *o);

#endif
