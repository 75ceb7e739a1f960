/*
 * report: a provider's disclosure report — the answers judged against
 * the guideline, with the tallies every writer shows.  One report feeds
 * the PDF, HTML and JSON writers, so they cannot disagree.
 */
#ifndef GP_REPORT_H
#define GP_REPORT_H

#include <stdio.h>

#include "answers.h"
#include "model.h"
#include "stale.h"

/* Counts of control statuses and of item judgements. */
struct tally {
	int controls;
	int items;
	int status[STATUS__MAX];
	int judgement[JUDGE__MAX]; /* of items */
};

/* A part or a section with its tally. */
struct report_group {
	const char *id;    /* borrowed from the guideline */
	const char *title;
	struct tally t;
};

struct report {
	const struct guideline *g;
	const struct answers *a;
	const struct pattern *pattern; /* NULL if it could not be had */
	struct tally total;
	struct tally level[3];  /* indexed by enum level */
	GArray *parts;          /* struct report_group */
	GArray *sections;       /* struct report_group */
	const struct stale *stale; /* answers of a previous edition: what
				      the revision made stale; or NULL */
};

/* The order statuses and judgements are shown in, and their counts. */
extern const enum status report_status_order[STATUS__MAX];
extern const enum judgement report_judgement_order[JUDGE__MAX];

/* An item that fails or falls below the guide, with its answer. */
struct report_shortfall {
	const struct answer *an;
	const struct answer_item *ai;
};

/* Tally A against G.  Both must outlive the report.  Free with
 * report_free. */
struct report *report_new(const struct guideline *g, const struct answers *a);

void report_free(struct report *r);

/* The reference value an item is judged against, or NULL when the
 * pattern is not known. */
const struct value *report_reference(const struct report *r,
				     const struct answer_item *ai);

/* The items that fail, then those below the guide, in guideline order:
 * a new array of struct report_shortfall. */
GArray *report_shortfalls(const struct report *r);

/*
 * Call FN(ARG, an, j) for every row of a table of part PART ("II",
 * "III"), in guideline order: one row per evaluation item (J is its
 * index), or one row (J 0) for a control without items.
 */
void report_rows(const struct report *r, const char *part,
		 void (*fn)(void *arg, const struct answer *an, size_t j),
		 void *arg);

/* New strings for the writers: 備考 (note and evidence); "Ⅱ.1 title";
 * the pattern with its C/I/A (NULL if none); the edition answered; the
 * paragraph introducing what the revision made stale. */
char *report_remarks(const struct answer *an);
char *report_group_label(const struct report_group *e);
char *report_pattern_text(const struct report *r);
char *report_edition_text(const struct report *r);
char *report_revision_intro(const struct report *r);

/* The report as JSON, written atomically to PATH ("-" for standard
 * output).  Returns 0, or -1 after reporting. */
int report_write_json(const struct report *r, const char *path);

/* The report as a PDF, through the book's typesetter, written atomically
 * to PATH.  Returns 0, or -1 after reporting. */
struct pdf_opts;
int report_write_pdf(const struct report *r, const char *path,
		     const struct pdf_opts *o);

/* The report as a page in the site's theme, written into DIR
 * (index.html and its assets), replaced atomically.  Returns 0, or -1. */
struct site_opts;
int report_write_html(const struct report *r, const char *dir,
		      const struct site_opts *o);

#endif
