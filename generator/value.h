/*
 * value: typed reference values (対策参照値) and declared values.
 *
 * A reference value keeps the text the guideline prints ("1回以上／5分*")
 * and a typed form that can be compared: a kind, its numbers, its bound
 * and the '*' (required) flag.
 */
#ifndef GP_VALUE_H
#define GP_VALUE_H

#include <stdbool.h>

#include <glib.h>

enum value_kind {
	VALUE_UNKNOWN = 0, /* not known for this pattern */
	VALUE_PROVIDER,    /* "-": the provider sets its own */
	VALUE_FREE,        /* text that is not compared */
	VALUE_DONE,        /* 実施: done / not done */
	VALUE_FREQUENCY,   /* 1回以上／5分: times per period */
	VALUE_WITHIN,      /* 24時間以内, 発見後1時間: at most a duration */
	VALUE_AT_LEAST,    /* 2年以上, 保存 3ヶ月: at least a duration */
	VALUE_PERCENTAGE,  /* 99.5%以上 */
	VALUE_COUNT,       /* 5世代 */
	VALUE_ONE_OF,      /* 生体認証 又は ICカード */
	VALUE_ALL_OF,      /* 時刻認証、署名 及び … */
	VALUE__MAX
};

/* Units of time, ordered from small to large. */
enum value_unit {
	UNIT_NONE = 0,
	UNIT_SECOND,
	UNIT_MINUTE,
	UNIT_HOUR,
	UNIT_DAY,
	UNIT_WEEK,
	UNIT_MONTH,
	UNIT_YEAR,
};

/* Which way is better for an item. */
enum value_better {
	BETTER_UNSET = 0,
	BETTER_LOWER,
	BETTER_HIGHER,
};

/* A bound a number carries: 以内/以下 (at most) or 以上 (at least). */
enum value_bound {
	BOUND_NONE = 0,
	BOUND_AT_MOST,
	BOUND_AT_LEAST,
};

struct value {
	enum value_kind kind;
	char *text;       /* as printed, '*' included; NULL if unknown */
	bool required;    /* printed with '*' */
	enum value_bound bound; /* frequency, percentage, count */
	double number;    /* times (frequency), percent, count, amount */
	double amount;    /* duration amount, or the frequency's period */
	enum value_unit unit; /* of amount */
	char *event;      /* what a duration counts from: "ベンダーリリースから" */
	char *counter;    /* count's counter word: "世代" */
	char **options;   /* one_of, all_of: NULL-terminated labels */
};

/*
 * Outcome of parsing a printed reference value.
 */
enum value_status {
	VALUE_OK = 0,
	VALUE_ERR_EMPTY,      /* nothing but spaces */
	VALUE_ERR_PARSE,      /* has numbers but no recognised shape */
	VALUE_ERR_STAR_DASH,  /* "-*" */
	VALUE_ERR_DIRECTION,  /* a bare duration etc. and better unset */
	VALUE_ERR_CONFLICT,   /* 以内 with better: higher, or the reverse */
};

/*
 * Parse TEXT, a reference value as printed, into V (which the caller
 * zeroes beforehand and frees with value_clear).  BETTER is the item's
 * direction; FREE forces free text.  V->text is always set (a copy of
 * TEXT), whatever the status.  On VALUE_ERR_CONFLICT, *SAID is set to the
 * bound the text itself states ("以内" or "以上"), static.
 */
enum value_status value_parse(struct value *v, const char *text,
			      enum value_better better, bool free,
			      const char **said);

/*
 * TEXT in the form shapes are matched against: NFKC (full-width digits,
 * ％, ／ and ＊ become ASCII), white space removed, and with FOLD lower
 * case.  Returns a new string.
 */
char *value_normalise(const char *text, bool fold);

/* Set V to the unknown value (no text). */
void value_set_unknown(struct value *v);

/* Free what V owns and zero it.  Accepts a zeroed value. */
void value_clear(struct value *v);

/* Deep copy. */
void value_copy(struct value *dst, const struct value *src);

/* "frequency", "within", … as used in the JSON export. */
const char *value_kind_name(enum value_kind);

/* "s", "min", "h", "d", "w", "mo", "y". */
const char *value_unit_name(enum value_unit);

/* "at_most", "at_least", or NULL for none. */
const char *value_bound_name(enum value_bound);

/* "lower", "higher", or NULL. */
const char *value_better_name(enum value_better);

/*
 * The amount in minutes, for comparing durations: a month counts 30
 * days and a year 365 days.
 */
double value_minutes(double amount, enum value_unit);

/*
 * From a regular-expression match: group N as a number (DFLT when it
 * did not take part), and group N as a unit word (value_unit_parse).
 * Shared by the reference and declared value parsers.
 */
double value_match_number(GMatchInfo *mi, int n, double dflt);
enum value_unit value_match_unit(GMatchInfo *mi, int n);

/*
 * Parse a unit word, Japanese (分, 時間, 日, 週, ヶ月, 年) or the short
 * forms of answers files (min, h, d, w, mo, y), after NFKC.  Returns
 * UNIT_NONE if it is none of these.
 */
enum value_unit value_unit_parse(const char *word);

#endif
