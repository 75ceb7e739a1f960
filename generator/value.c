/*
 * value: parse printed reference values into typed values.
 *
 * The printed text is first normalised with NFKC (full-width digits,
 * ％, ／ and ＊ become ASCII) and stripped of spaces; GRegex patterns
 * then recognise the shapes the guideline uses.  Anything with a digit
 * that no pattern recognises is an error, so a new shape is noticed
 * rather than silently compared as text.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "value.h"

/* Time unit words after NFKC; longest first so 時間 wins over 時. */
#define UNIT_RE "(秒|分|時間|日|週間|週|ヶ月|か月|カ月|ケ月|箇月|月|年間|年)"
#define NUM_RE "([0-9]+(?:\\.[0-9]+)?)"

struct shape {
	const char *pattern;
	GRegex *re;
};

enum {
	RE_FREQ,
	RE_PERCENT,
	RE_DURATION,
	RE_COUNT,
	RE_DIGIT,
	RE_SET_SPLIT,
	RE__MAX
};

static struct shape shapes[RE__MAX] = {
	/* 1回以上/5分, 1回/1ヶ月, 2回/1日 */
	[RE_FREQ] = {"^" NUM_RE "回(以上)?/" NUM_RE "?" UNIT_RE "$", NULL},
	/* 99.5%以上 */
	[RE_PERCENT] = {"^" NUM_RE "%(以上|以下|以内)?$", NULL},
	/*
	 * ベンダーリリースから24時間以内, 発見後1時間, 2年以上, 10分.  The
	 * event before the number holds no digit and no '+' (サービス提供
	 * 期間＋1年間 is a sum, not a duration from an event).
	 */
	[RE_DURATION] = {"^([^0-9+]*)" NUM_RE UNIT_RE
			 "(以内|以下|以上)?$",
			 NULL},
	/* 5世代 */
	[RE_COUNT] = {"^" NUM_RE "(世代|回|台|人|件|箇所|部|系統)(以上|以下|"
		      "以内)?$",
		      NULL},
	[RE_DIGIT] = {"[0-9]", NULL},
	[RE_SET_SPLIT] = {"\\s*(?:、|,|又は|または|もしくは|及び|並びに|"
			  "かつ)\\s*",
			  NULL},
};

static GRegex *
re(int which)
{
	struct shape *s = &shapes[which];

	if (s->re == NULL) {
		s->re = g_regex_new(s->pattern, 0, 0, NULL);
		g_assert(s->re != NULL);
	}
	return s->re;
}

static const struct {
	const char *word;
	enum value_unit unit;
} unit_words[] = {
	{"秒", UNIT_SECOND},   {"s", UNIT_SECOND},    {"sec", UNIT_SECOND},
	{"分", UNIT_MINUTE},   {"min", UNIT_MINUTE},  {"時間", UNIT_HOUR},
	{"h", UNIT_HOUR},      {"日", UNIT_DAY},      {"d", UNIT_DAY},
	{"週", UNIT_WEEK},     {"週間", UNIT_WEEK},   {"w", UNIT_WEEK},
	{"ヶ月", UNIT_MONTH},  {"か月", UNIT_MONTH},  {"カ月", UNIT_MONTH},
	{"ケ月", UNIT_MONTH},  {"箇月", UNIT_MONTH},  {"月", UNIT_MONTH},
	{"mo", UNIT_MONTH},    {"年", UNIT_YEAR},     {"年間", UNIT_YEAR},
	{"y", UNIT_YEAR},
};

enum value_unit
value_unit_parse(const char *word)
{
	for (size_t i = 0; i < G_N_ELEMENTS(unit_words); i++)
		if (strcmp(word, unit_words[i].word) == 0)
			return unit_words[i].unit;
	return UNIT_NONE;
}

double
value_minutes(double amount, enum value_unit u)
{
	switch (u) {
	case UNIT_SECOND:
		return amount / 60;
	case UNIT_MINUTE:
		return amount;
	case UNIT_HOUR:
		return amount * 60;
	case UNIT_DAY:
		return amount * 60 * 24;
	case UNIT_WEEK:
		return amount * 60 * 24 * 7;
	case UNIT_MONTH:
		return amount * 60 * 24 * 30;
	case UNIT_YEAR:
		return amount * 60 * 24 * 365;
	default:
		return amount;
	}
}

static const char *const kind_names[VALUE__MAX] = {
	[VALUE_UNKNOWN] = "unknown",
	[VALUE_PROVIDER] = "provider",
	[VALUE_FREE] = "free",
	[VALUE_DONE] = "done",
	[VALUE_FREQUENCY] = "frequency",
	[VALUE_WITHIN] = "within",
	[VALUE_AT_LEAST] = "at_least",
	[VALUE_PERCENTAGE] = "percentage",
	[VALUE_COUNT] = "count",
	[VALUE_ONE_OF] = "one_of",
	[VALUE_ALL_OF] = "all_of",
};

const char *
value_kind_name(enum value_kind k)
{
	return kind_names[k];
}

const char *
value_unit_name(enum value_unit u)
{
	static const char *const names[] = {
		[UNIT_NONE] = "", [UNIT_SECOND] = "s", [UNIT_MINUTE] = "min",
		[UNIT_HOUR] = "h", [UNIT_DAY] = "d",   [UNIT_WEEK] = "w",
		[UNIT_MONTH] = "mo", [UNIT_YEAR] = "y",
	};
	return names[u];
}

const char *
value_bound_name(enum value_bound b)
{
	switch (b) {
	case BOUND_AT_MOST:
		return "at_most";
	case BOUND_AT_LEAST:
		return "at_least";
	default:
		return NULL;
	}
}

const char *
value_better_name(enum value_better b)
{
	switch (b) {
	case BETTER_LOWER:
		return "lower";
	case BETTER_HIGHER:
		return "higher";
	default:
		return NULL;
	}
}

void
value_set_unknown(struct value *v)
{
	value_clear(v);
	v->kind = VALUE_UNKNOWN;
}

void
value_clear(struct value *v)
{
	if (v == NULL)
		return;
	g_free(v->text);
	g_free(v->event);
	g_free(v->counter);
	g_strfreev(v->options);
	memset(v, 0, sizeof(*v));
}

void
value_copy(struct value *dst, const struct value *src)
{
	*dst = *src;
	dst->text = g_strdup(src->text);
	dst->event = g_strdup(src->event);
	dst->counter = g_strdup(src->counter);
	dst->options = g_strdupv(src->options);
}

char *
value_normalise(const char *text, bool fold)
{
	char *n = g_utf8_normalize(text, -1, G_NORMALIZE_NFKC);
	GString *s = g_string_sized_new(strlen(n));

	for (const char *p = n; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!g_unichar_isspace(c))
			g_string_append_unichar(s, fold ? g_unichar_tolower(c)
							: c);
	}
	g_free(n);
	return g_string_free(s, FALSE);
}

static enum value_bound
bound_of(const char *word)
{
	if (word == NULL || *word == '\0')
		return BOUND_NONE;
	if (strcmp(word, "以上") == 0)
		return BOUND_AT_LEAST;
	return BOUND_AT_MOST; /* 以内, 以下 */
}

/*
 * Settle a number's bound against the item's direction.  A bound the
 * text states must agree with BETTER; a bare number takes it from
 * BETTER, and without one cannot be judged.
 */
static enum value_status
settle_bound(enum value_bound *b, enum value_better better, const char **said)
{
	if (*b == BOUND_NONE) {
		if (better == BETTER_UNSET)
			return VALUE_ERR_DIRECTION;
		*b = better == BETTER_LOWER ? BOUND_AT_MOST : BOUND_AT_LEAST;
		return VALUE_OK;
	}
	if ((*b == BOUND_AT_MOST && better == BETTER_HIGHER) ||
	    (*b == BOUND_AT_LEAST && better == BETTER_LOWER)) {
		*said = *b == BOUND_AT_MOST ? "以内" : "以上";
		return VALUE_ERR_CONFLICT;
	}
	return VALUE_OK;
}

double
value_match_number(GMatchInfo *mi, int group, double dflt)
{
	char *s = g_match_info_fetch(mi, group);
	double d = (s != NULL && *s != '\0') ? g_ascii_strtod(s, NULL) : dflt;

	g_free(s);
	return d;
}

static char *
fetch(GMatchInfo *mi, int group)
{
	char *s = g_match_info_fetch(mi, group);

	if (s != NULL && *s == '\0') {
		g_free(s);
		return NULL;
	}
	return s;
}

static bool
match(int which, const char *s, GMatchInfo **mi)
{
	if (g_regex_match(re(which), s, 0, mi))
		return true;
	g_match_info_free(*mi);
	*mi = NULL;
	return false;
}

static enum value_status
parse_numeric(struct value *v, const char *s, enum value_better better,
	      const char **said)
{
	GMatchInfo *mi = NULL;
	enum value_status st = VALUE_ERR_PARSE;
	char *w;

	if (match(RE_FREQ, s, &mi)) {
		v->kind = VALUE_FREQUENCY;
		v->number = value_match_number(mi, 1, 1);
		v->amount = value_match_number(mi, 3, 1);
		v->unit = value_match_unit(mi, 4);
		/* more often is better; 以上 or not */
		v->bound = BOUND_AT_LEAST;
		st = VALUE_OK;
	} else if (match(RE_PERCENT, s, &mi)) {
		v->kind = VALUE_PERCENTAGE;
		v->number = value_match_number(mi, 1, 0);
		w = fetch(mi, 2);
		v->bound = bound_of(w);
		g_free(w);
		st = settle_bound(&v->bound, better, said);
	} else if (match(RE_DURATION, s, &mi)) {
		v->event = fetch(mi, 1);
		v->amount = value_match_number(mi, 2, 0);
		v->unit = value_match_unit(mi, 3);
		w = fetch(mi, 4);
		v->bound = bound_of(w);
		g_free(w);
		st = settle_bound(&v->bound, better, said);
		v->kind = v->bound == BOUND_AT_LEAST ? VALUE_AT_LEAST
						     : VALUE_WITHIN;
		v->bound = BOUND_NONE; /* the kind says it */
	} else if (match(RE_COUNT, s, &mi)) {
		v->kind = VALUE_COUNT;
		v->number = value_match_number(mi, 1, 0);
		v->counter = fetch(mi, 2);
		w = fetch(mi, 3);
		v->bound = bound_of(w);
		g_free(w);
		st = settle_bound(&v->bound, better, said);
	}
	g_match_info_free(mi);
	return st;
}

/*
 * Split a set's printed text into its option labels, trimmed, keeping
 * the printed characters.
 */
static char **
split_options(const char *text)
{
	char **parts = g_regex_split(re(RE_SET_SPLIT), text, 0);
	GPtrArray *a = g_ptr_array_new();

	for (char **p = parts; *p != NULL; p++) {
		char *t = g_strstrip(g_strdup(*p));
		if (*t == '\0')
			g_free(t);
		else
			g_ptr_array_add(a, t);
	}
	g_strfreev(parts);
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static bool
has(const char *s, const char *word)
{
	return strstr(s, word) != NULL;
}

enum value_status
value_parse(struct value *v, const char *text, enum value_better better,
	    bool free_text, const char **said)
{
	enum value_status st = VALUE_OK;
	char *s = value_normalise(text, false);
	char *body = NULL;
	size_t n = strlen(s);

	v->text = g_strdup(text);
	if (n > 0 && s[n - 1] == '*') {
		v->required = true;
		s[--n] = '\0';
	}
	if (n == 0) {
		st = VALUE_ERR_EMPTY;
		goto out;
	}
	if (strcmp(s, "-") == 0) {
		v->kind = VALUE_PROVIDER;
		if (v->required)
			st = VALUE_ERR_STAR_DASH;
		goto out;
	}
	if (free_text) {
		v->kind = VALUE_FREE;
		goto out;
	}
	if (strcmp(s, "実施") == 0) {
		v->kind = VALUE_DONE;
		goto out;
	}
	if (g_regex_match(re(RE_DIGIT), s, 0, NULL)) {
		st = parse_numeric(v, s, better, said);
		goto out;
	}
	if (has(s, "又は") || has(s, "または") || has(s, "もしくは")) {
		v->kind = VALUE_ONE_OF;
	} else if (has(s, "及び") || has(s, "並びに") || has(s, "かつ")) {
		v->kind = VALUE_ALL_OF;
	} else {
		v->kind = VALUE_FREE;
		goto out;
	}
	/* labels come from the printed text, less its '*' */
	body = g_strdup(text);
	g_strstrip(body);
	n = strlen(body);
	if (v->required) {
		const char *end = body + n;
		const char *prev = g_utf8_prev_char(end);
		*(char *)prev = '\0';
	}
	v->options = split_options(body);
out:
	g_free(body);
	g_free(s);
	return st;
}

enum value_unit
value_match_unit(GMatchInfo *mi, int n)
{
	char *s = g_match_info_fetch(mi, n);
	enum value_unit u = value_unit_parse(s);

	g_free(s);
	return u;
}
