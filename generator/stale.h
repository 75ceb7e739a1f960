/*
 * stale: answers written for a previous edition of the guideline,
 * carried over to the current one through the edition comparison
 * (diff.h), with what the revision made stale: controls new since, answers
 * to controls that are gone or renumbered, and controls whose
 * requirement for the provider's pattern changed.
 */
#ifndef GP_STALE_H
#define GP_STALE_H

#include "answers.h"
#include "diff.h"

/* An answer to a control of the previous edition that has no successor
 * of the same ID. */
struct stale_move {
	const char *old_id;       /* borrowed from the previous edition */
	const char *new_id;       /* the successor's ID, or NULL if gone */
};

struct stale {
	const char *from, *to;    /* the two editions */
	GPtrArray *added;         /* const struct control *: new since */
	GPtrArray *renumbered;    /* struct stale_move *: answered, renumbered */
	GPtrArray *removed;       /* struct stale_move *: answered, gone */
	GPtrArray *review;        /* const struct control *: answered, and
				     the requirement for the pattern changed */
};

/*
 * The answers OLD (read against D's old edition) carried to D's new
 * edition: status, notes and declared values follow each control to its
 * successor, items by key, and are judged again against the new
 * reference values.  *ST is filled (free with stale_clear).  Returns new
 * answers; free with answers_free.
 */
struct answers *stale_carry(const struct answers *old, const struct gdiff *d,
			    struct stale *st);

void stale_clear(struct stale *st);

#endif
