/*
 * diff: two editions of the guideline compared.  One comparison
 * (struct gdiff) feeds every output: the diff command's text, HTML and
 * JSON, the site's 改訂履歴 page, the book's revision appendix and change
 * bars, and the report's stale answers.
 *
 * Controls are paired by ID, except where the new edition declares a
 * renumbering (a control's 'replaces', or renumbering.yaml): then the
 * old ID is paired with the declared new one, and never guessed.  Best
 * practices (the top-level items of a control's list) are paired by
 * text: identical or nearly so in the same control, then across
 * controls (a move), then loosely alike in the same control (a change).
 *
 * The structures are read-only views for the writers; every pointer in
 * them is owned by the gdiff or borrowed from the two guidelines.
 *
 * For the outputs built on it:
 *  - site and book, per control of the new edition: dc = gdiff_by_new(d,
 *    c->id); dc->status (ADDED, CHANGED, SAME); dc->aspects says what
 *    changed, GDIFF_RENUMBERED with dc->old->id the old number;
 *    gdiff_content_changed(dc) for a "changed in this edition" mark;
 *    dc->text / dc->title the inline diffs (textdiff_elide for display,
 *    diff_html_textdiff for HTML); dc->bps, each best practice with its
 *    status and new_index (the list item a change bar goes beside);
 *    dc->items with per-pattern value bits.
 *  - removed controls: d->removed; moved best practices: d->moves.
 *  - report, for answers written against the old edition: dc =
 *    gdiff_by_old(d, old_id) — NULL: no such control then; REMOVED: gone
 *    (dc->merged: into which); else renumbered to dc->new->id when the
 *    IDs differ; gdiff_requirement_changed(dc, pattern) whether to
 *    review the answer.  Controls new since: status ADDED in d->controls.
 */
#ifndef GP_DIFF_H
#define GP_DIFF_H

#include <stdbool.h>
#include <stdio.h>

#include <glib.h>
#include <libxml/tree.h>

#include "model.h"
#include "textdiff.h"

/* Unchanged runs longer than this many characters either side of a
 * change are elided in the displayed text diffs. */
#define GDIFF_CONTEXT 20

enum gdiff_status {
	GDIFF_SAME = 0, /* present in both, same ID, nothing changed */
	GDIFF_CHANGED,  /* present in both; see the aspects */
	GDIFF_ADDED,    /* only in the new edition */
	GDIFF_REMOVED,  /* only in the old edition */
};

/* What changed about a control: a set of these bits. */
enum gdiff_aspect {
	GDIFF_RENUMBERED = 1 << 0, /* its old ID differs */
	GDIFF_TEXT = 1 << 1,       /* the control text */
	GDIFF_LEVEL = 1 << 2,      /* 基本 / 推奨 */
	GDIFF_TITLE = 1 << 3,
	GDIFF_BP = 1 << 4,         /* best practices added, removed, changed
				      or moved */
	GDIFF_ITEMS = 1 << 5,      /* evaluation items added, removed or
				      relabelled */
	GDIFF_VALUES = 1 << 6,     /* a reference value */
};

enum gdiff_bp_status {
	GDIFF_BP_SAME = 0,
	GDIFF_BP_CHANGED,   /* same control, text edited: see diff */
	GDIFF_BP_ADDED,
	GDIFF_BP_REMOVED,
	GDIFF_BP_MOVED_IN,  /* came from another control: see other */
	GDIFF_BP_MOVED_OUT, /* went to another control: see other */
};

struct gdiff_control;

/* One best practice of a control, old or new side or both. */
struct gdiff_bp {
	enum gdiff_bp_status status;
	int old_index, new_index;  /* 1-based among the control's top-level
				      items (i. is 1); 0: not on that side */
	char *old_text, *new_text; /* plain text; NULL: not on that side
				      (a move has both) */
	struct textdiff *diff;     /* old → new when both sides exist and
				      differ; NULL otherwise */
	/* MOVED_*: the entry of the control on the other side (its old
	 * and new IDs are other->old->id, other->new->id), and the
	 * index there */
	const struct gdiff_control *other;
	int other_index;
	const struct gdiff_control *owner; /* the entry this belongs to */
};

/* One evaluation item, paired by key. */
struct gdiff_item {
	enum gdiff_status status;
	const struct item *old, *new; /* NULL: not on that side */
	struct textdiff *label;       /* the label's diff if it changed */
	unsigned values;              /* bit p-1 set: pattern p's reference
					 value changed (text or kind) */
};

struct gdiff_control {
	enum gdiff_status status;
	unsigned aspects;              /* enum gdiff_aspect bits */
	const struct control *old;     /* NULL when ADDED */
	const struct control *new;     /* NULL when REMOVED */
	const struct control *merged;  /* REMOVED because renumbered into a
					  control that another old one
					  also became: that control */
	struct textdiff *text, *title; /* set when that aspect changed */
	GPtrArray *bps;   /* struct gdiff_bp *: every best practice of both
			     sides, in the new order, the ones that left
			     after their old predecessor */
	GPtrArray *items; /* struct gdiff_item *: every item, new order,
			     removed ones last */
};

struct gdiff {
	const struct guideline *old, *new; /* borrowed */
	GPtrArray *controls; /* struct gdiff_control *: one per control
				of NEW, in ID order, SAME ones included */
	GPtrArray *removed;  /* struct gdiff_control *: controls of OLD
				with no successor, in old ID order */
	GPtrArray *moves;    /* struct gdiff_bp *: the MOVED_IN entries,
				borrowed from the controls' bps */
	int added, changed, renumbered; /* counts, for summaries */
	GHashTable *by_new;  /* new ID → struct gdiff_control * */
	GHashTable *by_old;  /* old ID → struct gdiff_control * */
};

/*
 * Compare OLD with NEW (both loaded and valid).  Both must outlive the
 * result.  An old ID named by NEW's renumbering that OLD lacks is
 * reported (W_RENUMBER_UNKNOWN) and otherwise ignored.  Returns a new
 * comparison; free with gdiff_free.
 */
struct gdiff *gdiff_new(const struct guideline *old,
			const struct guideline *new);

/* Free D.  Accepts NULL. */
void gdiff_free(struct gdiff *d);

/*
 * The entry of the control NEW_ID of the new edition (never NULL for
 * one), or NULL.
 */
const struct gdiff_control *gdiff_by_new(const struct gdiff *d,
					 const char *new_id);

/*
 * The entry of the control OLD_ID of the old edition: its successor is
 * ->new (renumbered when the IDs differ), or it is REMOVED (see
 * ->merged).  NULL when the old edition had no such control.
 */
const struct gdiff_control *gdiff_by_old(const struct gdiff *d,
					 const char *old_id);

/* Whether anything but the number changed (added and removed count). */
bool gdiff_content_changed(const struct gdiff_control *dc);

/*
 * Whether the requirement for pattern P (1..6) changed: the control is
 * new, or its text or level changed, or an item was added or removed,
 * or pattern P's reference value changed.  Best practices and
 * renumbering alone do not count.  What a provider must review.
 */
bool gdiff_requirement_changed(const struct gdiff_control *dc, int p);

/* How the site and the book name DC's change: 追加, 削除, 変更, or
 * 番号変更 when only its number changed.  Static. */
const char *gdiff_label(const struct gdiff_control *dc);

/* "same", "changed", "added", "removed"; "moved_in" etc. for bps. */
const char *gdiff_status_name(enum gdiff_status);
const char *gdiff_bp_status_name(enum gdiff_bp_status);

/* The aspect's name as used in JSON ("text", "best_practices", …). */
const char *gdiff_aspect_name(enum gdiff_aspect);

/* A best practice's marker as printed, "i" … "xxx"; a static string
 * ("?" out of range). */
const char *gdiff_bp_marker(int index);

/*
 * How a writer of HTML links a control ID; NULL href: no link.
 */
struct diff_html_opts {
	char *(*href)(const char *id, void *arg); /* a new string or NULL */
	void *arg;
	int hlevel; /* heading level of a control's entry (2..6) */
};

/*
 * Append TD, elided to GDIFF_CONTEXT, to PARENT: unchanged text as
 * text, deletions in <del>, insertions in <ins>, elisions in
 * <span class="elided">.  For any HTML writer.
 */
void diff_html_textdiff(xmlNodePtr parent, const struct textdiff *td);

/*
 * Append to PARENT a <section class="change"> describing DC: heading
 * with the ID (linked through O), then its changes.  For the changelog
 * page of the site and the diff command.
 */
void diff_html_control(xmlNodePtr parent, const struct gdiff_control *dc,
		       const struct diff_html_opts *o);

/* Write the comparison; 0, or -1 after reporting. */
int diff_write_text(const struct gdiff *d, FILE *out);
int diff_write_json(const struct gdiff *d, FILE *out);
int diff_write_html(const struct gdiff *d, FILE *out);

#endif
