/*
 * value_parse over every value the guideline prints: the pattern-1
 * values of the checklist (seed 004) and the per-pattern tables
 * (shared/data/reference_values.tsv), with the typed form each must get.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "value.h"

struct want {
	const char *text;
	enum value_better better;
	bool free;
	enum value_status status;
	enum value_kind kind;
	bool required;
	double number; /* times, percent, count */
	double amount; /* duration or period */
	enum value_unit unit;
	enum value_bound bound;
	const char *event;
	const char *options; /* labels joined with '|' */
};

#define L BETTER_LOWER
#define H BETTER_HIGHER
#define U BETTER_UNSET

static const struct want printed[] = {
	/* III.1.1.1 */
	{"1回以上／5分*", U, 0, VALUE_OK, VALUE_FREQUENCY, 1, 1, 5,
	 UNIT_MINUTE, BOUND_AT_LEAST, NULL, NULL},
	{"20分以内*", U, 0, VALUE_OK, VALUE_WITHIN, 1, 0, 20, UNIT_MINUTE,
	 BOUND_NONE, NULL, NULL},
	/* III.1.1.2, III.1.1.3 */
	{"1回/10分", U, 0, VALUE_OK, VALUE_FREQUENCY, 0, 1, 10, UNIT_MINUTE,
	 BOUND_AT_LEAST, NULL, NULL},
	{"20分", L, 0, VALUE_OK, VALUE_WITHIN, 0, 0, 20, UNIT_MINUTE,
	 BOUND_NONE, NULL, NULL},
	/* III.1.1.6, III.2.2.1, III.5.2.1 */
	{"ベンダーリリースから24時間以内*", U, 0, VALUE_OK, VALUE_WITHIN, 1, 0,
	 24, UNIT_HOUR, BOUND_NONE, "ベンダーリリースから", NULL},
	{"ベンダーリリースから3日以内*", U, 0, VALUE_OK, VALUE_WITHIN, 1, 0, 3,
	 UNIT_DAY, BOUND_NONE, "ベンダーリリースから", NULL},
	{"ベンダリリースから 24 時間以内*", U, 0, VALUE_OK, VALUE_WITHIN, 1, 0,
	 24, UNIT_HOUR, BOUND_NONE, "ベンダリリースから", NULL},
	/* seed 004 prints III.5.2.1 b without ら */
	{"ベンダーリリースか24時間以内*", U, 0, VALUE_OK, VALUE_WITHIN, 1, 0,
	 24, UNIT_HOUR, BOUND_NONE, "ベンダーリリースか", NULL},
	/* III.1.1.7, III.1.1.8 */
	{"1ヶ月", L, 0, VALUE_OK, VALUE_WITHIN, 0, 0, 1, UNIT_MONTH,
	 BOUND_NONE, NULL, NULL},
	{"発見後1時間", L, 0, VALUE_OK, VALUE_WITHIN, 0, 0, 1, UNIT_HOUR,
	 BOUND_NONE, "発見後", NULL},
	/* III.2.1.1, all six patterns */
	{"99.5%以上*", U, 0, VALUE_OK, VALUE_PERCENTAGE, 1, 99.5, 0,
	 UNIT_NONE, BOUND_AT_LEAST, NULL, NULL},
	{"99%以上*", U, 0, VALUE_OK, VALUE_PERCENTAGE, 1, 99, 0, UNIT_NONE,
	 BOUND_AT_LEAST, NULL, NULL},
	{"95%以上*", U, 0, VALUE_OK, VALUE_PERCENTAGE, 1, 95, 0, UNIT_NONE,
	 BOUND_AT_LEAST, NULL, NULL},
	/* III.2.1.2: a sum, declared free text */
	{"サービス提供期間＋1年間", U, 1, VALUE_OK, VALUE_FREE, 0, 0, 0,
	 UNIT_NONE, BOUND_NONE, NULL, NULL},
	/* III.2.1.3 */
	{"3ヶ月", H, 0, VALUE_OK, VALUE_AT_LEAST, 0, 0, 3, UNIT_MONTH,
	 BOUND_NONE, NULL, NULL},
	{"5年", H, 0, VALUE_OK, VALUE_AT_LEAST, 0, 0, 5, UNIT_YEAR,
	 BOUND_NONE, NULL, NULL},
	{"可能（ホットスタンバイ）", U, 0, VALUE_OK, VALUE_FREE, 0, 0, 0,
	 UNIT_NONE, BOUND_NONE, NULL, NULL},
	/* III.2.1.4 */
	{"1回/1ヶ月", U, 0, VALUE_OK, VALUE_FREQUENCY, 0, 1, 1, UNIT_MONTH,
	 BOUND_AT_LEAST, NULL, NULL},
	{"1回/6ヶ月", U, 0, VALUE_OK, VALUE_FREQUENCY, 0, 1, 6, UNIT_MONTH,
	 BOUND_AT_LEAST, NULL, NULL},
	{"1回/1年", U, 0, VALUE_OK, VALUE_FREQUENCY, 0, 1, 1, UNIT_YEAR,
	 BOUND_AT_LEAST, NULL, NULL},
	/* III.2.3.1, III.3.1.5 */
	{"1回/1日", U, 0, VALUE_OK, VALUE_FREQUENCY, 0, 1, 1, UNIT_DAY,
	 BOUND_AT_LEAST, NULL, NULL},
	{"5世代", H, 0, VALUE_OK, VALUE_COUNT, 0, 5, 0, UNIT_NONE,
	 BOUND_AT_LEAST, NULL, NULL},
	/* III.2.3.2 */
	{"バックアップ実施の都度", U, 0, VALUE_OK, VALUE_FREE, 0, 0, 0,
	 UNIT_NONE, BOUND_NONE, NULL, NULL},
	/* III.3.1.3 */
	{"生体認証 又は ICカード", U, 0, VALUE_OK, VALUE_ONE_OF, 0, 0, 0,
	 UNIT_NONE, BOUND_NONE, NULL, "生体認証|ICカード"},
	{"デジタル証明書による認証、生体認証 又は ICカード", U, 0, VALUE_OK,
	 VALUE_ONE_OF, 0, 0, 0, UNIT_NONE, BOUND_NONE, NULL,
	 "デジタル証明書による認証|生体認証|ICカード"},
	/* III.3.2.2 */
	{"IP暗号通信（VPN(IPsec)等） 又はHTTP暗号通信（SSL(TLS)等）", U, 0,
	 VALUE_OK, VALUE_ONE_OF, 0, 0, 0, UNIT_NONE, BOUND_NONE, NULL,
	 "IP暗号通信（VPN(IPsec)等）|HTTP暗号通信（SSL(TLS)等）"},
	/* III.3.2.5 */
	{"検知後60分", L, 0, VALUE_OK, VALUE_WITHIN, 0, 0, 60, UNIT_MINUTE,
	 BOUND_NONE, "検知後", NULL},
	/* III.4.2.1, all six patterns */
	{"10分", H, 0, VALUE_OK, VALUE_AT_LEAST, 0, 0, 10, UNIT_MINUTE,
	 BOUND_NONE, NULL, NULL},
	{"実施", U, 0, VALUE_OK, VALUE_DONE, 0, 0, 0, UNIT_NONE, BOUND_NONE,
	 NULL, NULL},
	{"-", U, 0, VALUE_OK, VALUE_PROVIDER, 0, 0, 0, UNIT_NONE, BOUND_NONE,
	 NULL, NULL},
	/* III.4.3.1 */
	{"汚損対策消火設備（ガス系消火設備等）の使用", U, 0, VALUE_OK,
	 VALUE_FREE, 0, 0, 0, UNIT_NONE, BOUND_NONE, NULL, NULL},
	/* III.4.4.1, III.4.4.2, III.4.4.5 */
	{"2年以上*", U, 0, VALUE_OK, VALUE_AT_LEAST, 1, 0, 2, UNIT_YEAR,
	 BOUND_NONE, NULL, NULL},
	{"365日24時間", U, 1, VALUE_OK, VALUE_FREE, 0, 0, 0, UNIT_NONE,
	 BOUND_NONE, NULL, NULL},
	{"6ヶ月", H, 0, VALUE_OK, VALUE_AT_LEAST, 0, 0, 6, UNIT_MONTH,
	 BOUND_NONE, NULL, NULL},
	/* III.5.1.1 */
	{"時刻認証、署名 及び印刷データ電子化・管理", U, 0, VALUE_OK,
	 VALUE_ALL_OF, 0, 0, 0, UNIT_NONE, BOUND_NONE, NULL,
	 "時刻認証|署名|印刷データ電子化・管理"},
	/* full-width digits and marks, as some tables print them */
	{"９９．５％以上＊", U, 0, VALUE_OK, VALUE_PERCENTAGE, 1, 99.5, 0,
	 UNIT_NONE, BOUND_AT_LEAST, NULL, NULL},
};

/* What must be refused, and why. */
static const struct want refused[] = {
	{"", U, 0, VALUE_ERR_EMPTY, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"  ", U, 0, VALUE_ERR_EMPTY, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"-*", U, 0, VALUE_ERR_STAR_DASH, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"20分", U, 0, VALUE_ERR_DIRECTION, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"99.5%", U, 0, VALUE_ERR_DIRECTION, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"5世代", U, 0, VALUE_ERR_DIRECTION, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"24時間以内", H, 0, VALUE_ERR_CONFLICT, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"2年以上", L, 0, VALUE_ERR_CONFLICT, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"365日24時間", U, 0, VALUE_ERR_PARSE, 0, 0, 0, 0, 0, 0, NULL, NULL},
	{"サービス提供期間＋1年間", H, 0, VALUE_ERR_PARSE, 0, 0, 0, 0, 0, 0,
	 NULL, NULL},
	{"1回以上／", U, 0, VALUE_ERR_PARSE, 0, 0, 0, 0, 0, 0, NULL, NULL},
};

static void
check_one(const struct want *w)
{
	struct value v = {0};
	const char *said = NULL;
	enum value_status st = value_parse(&v, w->text, w->better, w->free,
					   &said);

	print_message("  %s\n", w->text);
	assert_int_equal(st, w->status);
	assert_string_equal(v.text, w->text);
	if (w->status != VALUE_OK) {
		if (w->status == VALUE_ERR_CONFLICT)
			assert_non_null(said);
		value_clear(&v);
		return;
	}
	assert_int_equal(v.kind, w->kind);
	assert_int_equal(v.required, w->required);
	assert_true(v.number == w->number);
	assert_true(v.amount == w->amount);
	assert_int_equal(v.unit, w->unit);
	assert_int_equal(v.bound, w->bound);
	if (w->event == NULL)
		assert_null(v.event);
	else
		assert_string_equal(v.event, w->event);
	if (w->options == NULL) {
		assert_null(v.options);
	} else {
		char *joined = g_strjoinv("|", v.options);
		assert_string_equal(joined, w->options);
		g_free(joined);
	}
	value_clear(&v);
	assert_null(v.text);
}

static void
test_printed(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(printed); i++)
		check_one(&printed[i]);
}

static void
test_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(refused); i++)
		check_one(&refused[i]);
}

static void
test_minutes(void **state)
{
	(void)state;
	assert_true(value_minutes(24, UNIT_HOUR) == 1440);
	assert_true(value_minutes(1, UNIT_DAY) == 1440);
	assert_true(value_minutes(2, UNIT_YEAR) == 2 * 365 * 1440);
	assert_true(value_minutes(6, UNIT_MONTH) == 6 * 30 * 1440);
	assert_true(value_minutes(30, UNIT_SECOND) == 0.5);
}

static void
test_units(void **state)
{
	(void)state;
	assert_int_equal(value_unit_parse("分"), UNIT_MINUTE);
	assert_int_equal(value_unit_parse("min"), UNIT_MINUTE);
	assert_int_equal(value_unit_parse("時間"), UNIT_HOUR);
	assert_int_equal(value_unit_parse("h"), UNIT_HOUR);
	assert_int_equal(value_unit_parse("ヶ月"), UNIT_MONTH);
	assert_int_equal(value_unit_parse("mo"), UNIT_MONTH);
	assert_int_equal(value_unit_parse("年"), UNIT_YEAR);
	assert_int_equal(value_unit_parse("y"), UNIT_YEAR);
	assert_int_equal(value_unit_parse("fortnight"), UNIT_NONE);
}

static void
test_copy(void **state)
{
	struct value a = {0}, b;
	const char *said;

	(void)state;
	assert_int_equal(value_parse(&a, "生体認証 又は ICカード", U, 0, &said),
			 VALUE_OK);
	value_copy(&b, &a);
	value_clear(&a);
	assert_string_equal(b.options[1], "ICカード");
	value_clear(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_printed),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_minutes),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_copy),
	};
	return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
