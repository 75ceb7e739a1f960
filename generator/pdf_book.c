/* Placeholder until the typesetter lands (issue 4). */
#include <stdio.h>

#include "pdf.h"

int
pdf_book_write(const struct guideline *g, const char *path,
	       const struct pdf_opts *o)
{
	(void)g;
	(void)o;
	fprintf(stderr, "guidepress: %s: the typesetter is not built yet\n",
		path);
	return -1;
}
