/*
 * site_only: load, check and write the website of a content directory,
 * without the PDF book, so bench/site.sh measures the site generator
 * against Hugo.  `guidepress build` does the same steps plus the book
 * and the atomic swap.
 *
 *	site_only CONTENT OUT [THEME]
 */
#include <glib/gstdio.h>

#include "diag.h"
#include "model.h"
#include "site.h"

int
main(int argc, char **argv)
{
	struct site_opts o = {argc > 3 ? argv[3] : "themes/default", NULL};
	struct guideline *g;
	int rc;

	if (argc < 3)
		return 64;
	if ((g = guideline_load(argv[1])) == NULL)
		return 2;
	guideline_validate(g);
	if (diag_worst() >= DIAG_ERROR || g_mkdir(argv[2], 0755) < 0) {
		guideline_free(g);
		return 2;
	}
	rc = site_write(g, argv[2], &o);
	guideline_free(g);
	return rc < 0 ? 3 : 0;
}
