/*
 * textdiff: two texts compared character by character.
 *
 * Japanese has no spaces between words, so the unit is the Unicode
 * character, not the word.  The comparison is Myers' O((N+M)D) shortest
 * edit script, run after the common prefix and suffix are set aside,
 * with a bound on D: past it the middle is shown as one deletion and
 * one insertion, so a huge or hostile input costs bounded time and
 * memory.  Small equal runs caught between edits are folded into them,
 * so a rewritten phrase reads as one deletion and one insertion rather
 * than a scatter of single characters.
 */
#ifndef GP_TEXTDIFF_H
#define GP_TEXTDIFF_H

#include <stdbool.h>
#include <stddef.h>

/* The default bound on the edit distance Myers' search explores. */
#define TEXTDIFF_MAX_EDITS 1000

enum textdiff_op {
	TEXTDIFF_EQUAL = 0,
	TEXTDIFF_DELETE,
	TEXTDIFF_INSERT,
	TEXTDIFF_ELIDED, /* an unchanged run left out; text is "…" */
};

struct textdiff_seg {
	enum textdiff_op op;
	char *text;  /* UTF-8, owned */
	long chars;  /* its length in characters (ELIDED: how many were
			left out) */
};

struct textdiff {
	struct textdiff_seg *segs; /* in reading order; a DELETE comes
				      before the INSERT that replaces it */
	size_t nsegs;
	long old_chars, new_chars; /* lengths of the two texts */
	long common;               /* characters of a longest common
				      subsequence (fewer if gave_up) */
	bool gave_up;              /* the bound was reached */
};

/*
 * Compare OLD with NEW, both valid UTF-8 (NULL counts as "").
 * MAX_EDITS bounds the search (0: TEXTDIFF_MAX_EDITS).  Returns a new
 * diff; free with textdiff_free.
 */
struct textdiff *textdiff_new(const char *old, const char *new,
			      long max_edits);

/* Free TD.  Accepts NULL. */
void textdiff_free(struct textdiff *td);

/* Whether the two texts are identical. */
bool textdiff_same(const struct textdiff *td);

/*
 * How alike the texts are, from 0 (nothing in common) to 1
 * (identical): twice the common characters over the sum of the
 * lengths.  Two empty texts are identical.
 */
double textdiff_similarity(const struct textdiff *td);

/*
 * A copy of TD for display, in which every unchanged run longer than
 * needed to keep CONTEXT characters beside each change is cut, the
 * cut marked by an ELIDED segment.  A text with no change is returned
 * whole.  Free with textdiff_free.
 */
struct textdiff *textdiff_elide(const struct textdiff *td, long context);

/*
 * TD as one line of text for a terminal, in the marks of wdiff:
 * "[-deleted-]{+inserted+}", elided runs as "…".  A new string.
 */
char *textdiff_wdiff(const struct textdiff *td);

#endif
