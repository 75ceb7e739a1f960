/* Placeholder until the site writer lands (issue 3). */
#include <stdio.h>

#include "report.h"

int
report_write_html(const struct report *r, const char *dir,
		  const struct site_opts *o)
{
	(void)r;
	(void)o;
	fprintf(stderr, "guidepress: %s: the HTML report is not built yet\n",
		dir);
	return -1;
}
