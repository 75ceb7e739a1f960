/*
 * judge: declared values parsed in the answers' unit syntax, and judged
 * against reference values.
 *
 * Declared values: durations 30min 24h 3d 2w 6mo 2y (or 分 時間 日 週 ヶ月
 * 年), frequencies 1/5min 2/1d (or 1回/5分), percentages 99.9%, counts 7,
 * yes/no, a set as a list of the guideline's own option labels.  A
 * value with no digit where a number is expected is free text and
 * cannot be judged; one with a digit that does not parse is an error.
 */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "answers.h"

#define UNIT_RE "(s|sec|min|h|d|w|mo|y|秒|分|時間|日|週間|週|ヶ月|か月|カ月|ケ月|箇月|月|年間|年)"
#define NUM_RE "([0-9]+(?:\\.[0-9]+)?)"

enum { RX_FREQ, RX_SPAN, RX_PERCENT, RX_COUNT, RX_DIGIT, RX__MAX };

static const char *const patterns[RX__MAX] = {
	[RX_FREQ] = "^" NUM_RE "回?/" NUM_RE "?" UNIT_RE "$",
	[RX_SPAN] = "^" NUM_RE UNIT_RE "$",
	[RX_PERCENT] = "^" NUM_RE "%?$",
	[RX_COUNT] = "^([0-9]+)\\D*$",
	[RX_DIGIT] = "[0-9]",
};

static GRegex *
rx(int which)
{
	static GRegex *compiled[RX__MAX];

	if (compiled[which] == NULL) {
		compiled[which] = g_regex_new(patterns[which],
					      G_REGEX_OPTIMIZE, 0, NULL);
		g_assert(compiled[which] != NULL);
	}
	return compiled[which];
}

/* Match S against pattern WHICH; *MI is freed by the caller. */
static bool
matches(int which, const char *s, GMatchInfo **mi)
{
	return g_regex_match(rx(which), s, 0, mi);
}

static int
parse_number_kind(struct declared *d, const char *s, enum value_kind kind)
{
	GMatchInfo *mi = NULL;
	int rc = -1;

	switch (kind) {
	case VALUE_FREQUENCY:
		if (matches(RX_FREQ, s, &mi)) {
			d->kind = VALUE_FREQUENCY;
			d->number = value_match_number(mi, 1, 1);
			d->amount = value_match_number(mi, 2, 1);
			d->unit = value_match_unit(mi, 3);
			rc = 0;
			break;
		}
		g_match_info_free(mi);
		mi = NULL;
		/* an interval: once per span */
		if (matches(RX_SPAN, s, &mi)) {
			d->kind = VALUE_FREQUENCY;
			d->number = 1;
			d->amount = value_match_number(mi, 1, 0);
			d->unit = value_match_unit(mi, 2);
			rc = 0;
		}
		break;
	case VALUE_WITHIN:
	case VALUE_AT_LEAST:
		if (matches(RX_SPAN, s, &mi)) {
			d->kind = kind;
			d->amount = value_match_number(mi, 1, 0);
			d->unit = value_match_unit(mi, 2);
			rc = 0;
		}
		break;
	case VALUE_PERCENTAGE:
		if (matches(RX_PERCENT, s, &mi)) {
			d->kind = kind;
			d->number = value_match_number(mi, 1, 0);
			rc = 0;
		}
		break;
	case VALUE_COUNT:
		if (matches(RX_COUNT, s, &mi)) {
			d->kind = kind;
			d->number = value_match_number(mi, 1, 0);
			rc = 0;
		}
		break;
	default:
		break;
	}
	g_match_info_free(mi);
	return rc;
}

static const char *const yes_words[] = {"yes", "true", "on", "実施", "あり",
					"済", NULL};
static const char *const no_words[] = {"no", "false", "off", "未実施",
				       "なし", NULL};

static bool
in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

int
declared_parse(struct declared *d, const char *text, enum value_kind kind)
{
	char *s = value_normalise(text, true);
	int rc = 0;

	memset(d, 0, sizeof(*d));
	d->present = true;
	d->text = g_strdup(text);
	d->kind = VALUE_FREE;
	switch (kind) {
	case VALUE_FREQUENCY:
	case VALUE_WITHIN:
	case VALUE_AT_LEAST:
	case VALUE_PERCENTAGE:
	case VALUE_COUNT:
		if (parse_number_kind(d, s, kind) < 0 &&
		    g_regex_match(rx(RX_DIGIT), s, 0, NULL))
			rc = -1;
		break;
	case VALUE_DONE:
		if (in_list(s, yes_words)) {
			d->kind = VALUE_DONE;
			d->yes = true;
		} else if (in_list(s, no_words)) {
			d->kind = VALUE_DONE;
			d->yes = false;
		}
		break;
	case VALUE_ONE_OF:
	case VALUE_ALL_OF:
		d->kind = kind;
		d->options = g_new0(char *, 2);
		d->options[0] = g_strstrip(g_strdup(text));
		break;
	default:
		break;
	}
	g_free(s);
	if (rc < 0)
		declared_clear(d);
	return rc;
}

void
declared_clear(struct declared *d)
{
	if (d == NULL)
		return;
	g_free(d->text);
	g_strfreev(d->options);
	memset(d, 0, sizeof(*d));
}

static bool
calendar(enum value_unit u)
{
	return u == UNIT_MONTH || u == UNIT_YEAR;
}

/*
 * Compare two spans: <0, 0, >0.  Months and years compare as months
 * (a year is twelve); anything else in minutes, a month counting 30 days.
 */
static int
span_cmp(double a, enum value_unit ua, double b, enum value_unit ub)
{
	double x, y;

	if (calendar(ua) && calendar(ub)) {
		x = ua == UNIT_YEAR ? a * 12 : a;
		y = ub == UNIT_YEAR ? b * 12 : b;
	} else {
		x = value_minutes(a, ua);
		y = value_minutes(b, ub);
	}
	if (fabs(x - y) <= 1e-9 * fmax(fabs(x), fabs(y)))
		return 0;
	return x < y ? -1 : 1;
}

static int
num_cmp(double a, double b)
{
	if (fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b)))
		return 0;
	return a < b ? -1 : 1;
}

static bool
has_option(char **set, const char *label)
{
	for (; set != NULL && *set != NULL; set++)
		if (strcmp(*set, label) == 0)
			return true;
	return false;
}

/* Does D meet REF?  Both are of comparable kinds. */
static bool
met(const struct value *ref, const struct declared *d)
{
	switch (ref->kind) {
	case VALUE_FREQUENCY:
		/* d times per d-span at least ref times per ref-span:
		 * compare the spans one occurrence takes */
		return span_cmp(d->amount / d->number, d->unit,
				ref->amount / ref->number, ref->unit) <= 0;
	case VALUE_WITHIN:
		return span_cmp(d->amount, d->unit, ref->amount, ref->unit) <= 0;
	case VALUE_AT_LEAST:
		return span_cmp(d->amount, d->unit, ref->amount, ref->unit) >= 0;
	case VALUE_PERCENTAGE:
	case VALUE_COUNT:
		if (ref->bound == BOUND_AT_MOST)
			return num_cmp(d->number, ref->number) <= 0;
		return num_cmp(d->number, ref->number) >= 0;
	case VALUE_DONE:
		return d->yes;
	case VALUE_ONE_OF:
		for (char **o = d->options; o != NULL && *o != NULL; o++)
			if (has_option(ref->options, *o))
				return true;
		return false;
	case VALUE_ALL_OF:
		for (char **o = ref->options; o != NULL && *o != NULL; o++)
			if (!has_option(d->options, *o))
				return false;
		return true;
	default:
		return false;
	}
}

void
declared_copy(struct declared *dst, const struct declared *src)
{
	*dst = *src;
	dst->text = g_strdup(src->text);
	dst->options = g_strdupv(src->options);
}

enum judgement
judge_value(const struct value *ref, const struct declared *d)
{
	if (d == NULL || !d->present)
		return JUDGE_UNANSWERED;
	switch (ref->kind) {
	case VALUE_UNKNOWN:
	case VALUE_FREE:
	case VALUE_PROVIDER:
		return JUDGE_CANNOT_JUDGE;
	default:
		break;
	}
	if (d->kind == VALUE_FREE)
		return JUDGE_CANNOT_JUDGE;
	if (met(ref, d))
		return JUDGE_MEETS;
	return ref->required ? JUDGE_FAILS : JUDGE_BELOW_GUIDE;
}

enum value_kind
item_kind(const struct item *it)
{
	for (int p = 0; p < PATTERNS; p++) {
		enum value_kind k = it->values[p].kind;
		if (k != VALUE_UNKNOWN && k != VALUE_PROVIDER && k != VALUE_FREE)
			return k;
	}
	return VALUE_FREE;
}

const char *
status_name(enum status s)
{
	static const char *const names[STATUS__MAX] = {
		"unanswered",      "implemented",    "partial", "planned",
		"not_implemented", "not_applicable",
	};
	return names[s];
}

const char *
status_label(enum status s)
{
	static const char *const labels[STATUS__MAX] = {
		"未回答", "実施済", "一部実施", "実施予定", "未実施", "対象外",
	};
	return labels[s];
}

const char *
judgement_name(enum judgement j)
{
	static const char *const names[JUDGE__MAX] = {
		"not_applicable", "meets",       "cannot_judge",
		"unanswered",     "below_guide", "fails",
	};
	return names[j];
}

const char *
judgement_label(enum judgement j)
{
	static const char *const labels[JUDGE__MAX] = {
		"対象外", "適合", "判定不能", "未回答", "目安未達", "不適合",
	};
	return labels[j];
}

int
pattern_for(const struct guideline *g, const char *c, const char *a)
{
	if (c == NULL || a == NULL)
		return 0;
	for (int i = 0; i < PATTERNS; i++) {
		const struct pattern *p = &g->patterns[i];
		if (p->num != 0 && g_strcmp0(p->confidentiality, c) == 0 &&
		    g_strcmp0(p->availability, a) == 0)
			return p->num;
	}
	return 0;
}
