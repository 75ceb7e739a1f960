/*
 * answers: a provider's answers file (YAML), read and checked against
 * the guideline, and judged against the reference values of the
 * provider's pattern.
 */
#ifndef GP_ANSWERS_H
#define GP_ANSWERS_H

#include <stdbool.h>

#include "model.h"
#include "value.h"

/* More entries than this in 'answers' and the file is refused whole. */
#define ANSWERS_MAX 1000

enum status {
	STATUS_NONE = 0, /* the control is not answered */
	STATUS_IMPLEMENTED,
	STATUS_PARTIAL,
	STATUS_PLANNED,
	STATUS_NOT_IMPLEMENTED,
	STATUS_NOT_APPLICABLE,
	STATUS__MAX
};

/* Ordered from best to worst: a control's judgement is its worst item's. */
enum judgement {
	JUDGE_NOT_APPLICABLE = 0, /* the control is declared not applicable */
	JUDGE_MEETS,
	JUDGE_CANNOT_JUDGE,       /* free text, '-', or reference unknown */
	JUDGE_UNANSWERED,
	JUDGE_BELOW_GUIDE,        /* not met, the reference has no '*' */
	JUDGE_FAILS,              /* not met, the reference has '*' */
	JUDGE__MAX
};

/* A value as the provider declares it. */
struct declared {
	bool present;
	char *text;          /* as written (a list joined with "、") */
	enum value_kind kind; /* VALUE_FREE when it is text */
	double number;       /* times, percent, count */
	double amount;       /* duration, or frequency period */
	enum value_unit unit;
	bool yes;            /* VALUE_DONE */
	char **options;      /* a set: NULL-terminated labels */
};

struct answer_item {
	const struct item *item; /* the guideline's item */
	struct declared declared;
	enum judgement judgement;
};

struct answer {
	const struct control *control;
	enum status status;
	char *note, *evidence;
	struct answer_item *items; /* one per item of the control */
	size_t nitems;
	enum judgement judgement;  /* the worst item's; MEETS without items */
	struct pos pos;
};

struct answers {
	char *path;
	char *sha256; /* of the file's bytes, hex */
	char *name, *service, *service_type, *disclosure_date, *contact;
	char *confidentiality, *availability; /* 高/中/低 */
	int pattern;  /* from the classification; 0 if it could not be had */
	char *edition;
	struct answer *answers; /* one per control of the guideline, in order */
	size_t nanswers;
};

/*
 * Read PATH and check it against G: every problem is reported with
 * diag() as FILE:LINE:COL.  Returns the answers, judged, even when some
 * entries were bad (check diag_worst() before writing anything); NULL if
 * the file could not be read or parsed at all.  Free with answers_free.
 */
struct answers *answers_load(const char *path, const struct guideline *g);

void answers_free(struct answers *a);

/* Give A one empty answer per control of G, in G's order. */
void answers_prepare(struct answers *a, const struct guideline *g);

/* Judge every item against A's pattern; a control takes its worst
 * item's judgement. */
void answers_judge(struct answers *a);

/* Deep copy of a declared value. */
void declared_copy(struct declared *dst, const struct declared *src);

/*
 * Parse TEXT as a declared value for an item whose reference values have
 * kind KIND (frequency, within, …).  Returns 0 and fills D, or -1 if the
 * text does not parse for that kind (D is cleared).
 */
int declared_parse(struct declared *d, const char *text, enum value_kind kind);

void declared_clear(struct declared *d);

/*
 * Judge a declared value against a reference value.  Boundaries are
 * inclusive as the guideline words them (99.5% meets 99.5%以上; 24h meets
 * 24時間以内).
 */
enum judgement judge_value(const struct value *ref, const struct declared *d);

/* The kind an item's values share (its first known, compared kind), or
 * VALUE_FREE. */
enum value_kind item_kind(const struct item *it);

/* "implemented", … ; "unanswered" for STATUS_NONE. */
const char *status_name(enum status);

/* 実施, 一部実施, … for printing. */
const char *status_label(enum status);

/* "meets", "fails", … */
const char *judgement_name(enum judgement);

/* 適合, 不適合, … for printing. */
const char *judgement_label(enum judgement);

/* The pattern for a confidentiality and an availability level, from the
 * guideline's pattern table; 0 if none matches. */
int pattern_for(const struct guideline *g, const char *c, const char *a);

#endif
