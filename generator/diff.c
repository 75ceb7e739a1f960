/* Placeholder until the edition diff lands (issue 6). */
#include <stdio.h>

#include <glib.h>

#include "diff.h"

struct gdiff {
	int unused;
};

struct gdiff *
gdiff_new(const struct guideline *old, const struct guideline *new)
{
	(void)old;
	(void)new;
	return g_new0(struct gdiff, 1);
}

void
gdiff_free(struct gdiff *d)
{
	g_free(d);
}

static int
not_yet(FILE *out)
{
	(void)out;
	fprintf(stderr, "guidepress: diff is not built yet\n");
	return -1;
}

int
diff_write_text(const struct gdiff *d, FILE *out)
{
	(void)d;
	return not_yet(out);
}

int
diff_write_json(const struct gdiff *d, FILE *out)
{
	(void)d;
	return not_yet(out);
}

int
diff_write_html(const struct gdiff *d, FILE *out)
{
	(void)d;
	return not_yet(out);
}
