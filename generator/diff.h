/*
 * diff: two editions of the guideline compared.  One comparison
 * (struct gdiff) feeds every output: the diff command's text, HTML and
 * JSON, the site's 改訂履歴 page, the book's revision appendix and change
 * bars, and the report's stale answers.
 *
 * (Interface to be completed by the diff module; see diff.c.)
 */
#ifndef GP_DIFF_H
#define GP_DIFF_H

#include <stdio.h>

#include "model.h"

struct gdiff;

/* Compare OLD with NEW.  Both must outlive the result.  Free with
 * gdiff_free. */
struct gdiff *gdiff_new(const struct guideline *old,
			const struct guideline *new);

void gdiff_free(struct gdiff *d);

/* Write the comparison; 0, or -1 after reporting. */
int diff_write_text(const struct gdiff *d, FILE *out);
int diff_write_json(const struct gdiff *d, FILE *out);
int diff_write_html(const struct gdiff *d, FILE *out);

#endif
