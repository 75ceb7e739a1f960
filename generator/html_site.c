/* Placeholder until the site writer lands (issue 3). */
#include <stdio.h>

#include "site.h"

int
site_write(const struct guideline *g, const char *dir,
	   const struct site_opts *o)
{
	(void)g;
	(void)o;
	fprintf(stderr, "guidepress: %s: the site writer is not built yet\n",
		dir);
	return -1;
}
