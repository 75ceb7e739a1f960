/*
 * diff_priv: what the files of the diff module share and nobody else
 * needs.
 */
#ifndef GP_DIFF_PRIV_H
#define GP_DIFF_PRIV_H

#include "diff.h"

/* Texts at least this alike are the same best practice, edited. */
#define GDIFF_NEAR 0.8
/* Texts at least this alike in one control are one practice changed. */
#define GDIFF_LOOSE 0.5
/* How many pairs of best practices may be measured for likeness in one
 * comparison; past it only identical texts are paired. */
#define GDIFF_MAX_COMPARISONS 100000L

/*
 * Pair the best practices of every entry of D (controls and removed):
 * fills each entry's bps, d->moves, and the GDIFF_BP aspect.
 */
void diff_bp_compare(struct gdiff *d);

/* Free one best-practice entry.  Accepts NULL. */
void diff_bp_free(struct gdiff_bp *b);

/* The display ID ("Ⅲ.3.1.5") of an entry: its new side, else its old;
 * a new string. */
char *diff_entry_id(const struct gdiff_control *dc);

#endif
