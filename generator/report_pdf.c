/* Placeholder until the typesetter lands (issue 4). */
#include <stdio.h>

#include "report.h"

int
report_write_pdf(const struct report *r, const char *path,
		 const struct pdf_opts *o)
{
	(void)r;
	(void)o;
	fprintf(stderr, "guidepress: %s: the report typesetter is not built "
			"yet\n",
		path);
	return -1;
}
