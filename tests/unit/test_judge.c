/*
 * Declared values in the answers' unit syntax, and the judgement of each
 * kind against reference values, boundaries included.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib.h>

#include "answers.h"

/* Judge DECLARED against the printed REF (with BETTER). */
static enum judgement
judge(const char *ref, enum value_better better, const char *declared)
{
	struct value v = {0};
	struct declared d;
	const char *said;
	enum judgement j;

	assert_int_equal(value_parse(&v, ref, better, false, &said), VALUE_OK);
	assert_int_equal(declared_parse(&d, declared, v.kind), 0);
	j = judge_value(&v, &d);
	declared_clear(&d);
	value_clear(&v);
	return j;
}

static void
test_durations(void **state)
{
	(void)state;
	/* 24時間以内: inclusive */
	assert_int_equal(judge("ベンダーリリースから24時間以内*", 0, "24h"),
			 JUDGE_MEETS);
	assert_int_equal(judge("ベンダーリリースから24時間以内*", 0, "1d"),
			 JUDGE_MEETS);
	assert_int_equal(judge("ベンダーリリースから24時間以内*", 0, "1440min"),
			 JUDGE_MEETS);
	assert_int_equal(judge("ベンダーリリースから24時間以内*", 0, "25h"),
			 JUDGE_FAILS);
	assert_int_equal(judge("ベンダーリリースから24時間以内*", 0, "24時間"),
			 JUDGE_MEETS);
	/* no '*': below the guide, not a failure */
	assert_int_equal(judge("20分", BETTER_LOWER, "20min"), JUDGE_MEETS);
	assert_int_equal(judge("20分", BETTER_LOWER, "21min"),
			 JUDGE_BELOW_GUIDE);
	/* at least */
	assert_int_equal(judge("2年以上*", 0, "2y"), JUDGE_MEETS);
	assert_int_equal(judge("2年以上*", 0, "24mo"), JUDGE_MEETS);
	assert_int_equal(judge("2年以上*", 0, "23mo"), JUDGE_FAILS);
	assert_int_equal(judge("2年以上*", 0, "3y"), JUDGE_MEETS);
	assert_int_equal(judge("3ヶ月", BETTER_HIGHER, "90d"), JUDGE_MEETS);
	assert_int_equal(judge("3ヶ月", BETTER_HIGHER, "89d"),
			 JUDGE_BELOW_GUIDE);
	assert_int_equal(judge("10分", BETTER_HIGHER, "10min"), JUDGE_MEETS);
	assert_int_equal(judge("10分", BETTER_HIGHER, "9.5min"),
			 JUDGE_BELOW_GUIDE);
}

static void
test_frequencies(void **state)
{
	(void)state;
	assert_int_equal(judge("1回以上／5分*", 0, "1/5min"), JUDGE_MEETS);
	assert_int_equal(judge("1回以上／5分*", 0, "1/1min"), JUDGE_MEETS);
	assert_int_equal(judge("1回以上／5分*", 0, "2/10min"), JUDGE_MEETS);
	assert_int_equal(judge("1回以上／5分*", 0, "1/6min"), JUDGE_FAILS);
	assert_int_equal(judge("1回以上／5分*", 0, "5min"), JUDGE_MEETS);
	assert_int_equal(judge("1回以上／5分*", 0, "1回/5分"), JUDGE_MEETS);
	assert_int_equal(judge("1回/1日", 0, "2/1d"), JUDGE_MEETS);
	assert_int_equal(judge("1回/1日", 0, "1/2d"), JUDGE_BELOW_GUIDE);
	assert_int_equal(judge("1回/6ヶ月", 0, "1/6mo"), JUDGE_MEETS);
	assert_int_equal(judge("1回/6ヶ月", 0, "1/1y"), JUDGE_BELOW_GUIDE);
	assert_int_equal(judge("1回/1年", 0, "1/12mo"), JUDGE_MEETS);
}

static void
test_percent_count(void **state)
{
	(void)state;
	/* 99.5% meets 99.5%以上 */
	assert_int_equal(judge("99.5%以上*", 0, "99.5%"), JUDGE_MEETS);
	assert_int_equal(judge("99.5%以上*", 0, "99.9%"), JUDGE_MEETS);
	assert_int_equal(judge("99.5%以上*", 0, "99.49%"), JUDGE_FAILS);
	assert_int_equal(judge("99.5%以上*", 0, "99.5"), JUDGE_MEETS);
	assert_int_equal(judge("5世代", BETTER_HIGHER, "5"), JUDGE_MEETS);
	assert_int_equal(judge("5世代", BETTER_HIGHER, "7世代"), JUDGE_MEETS);
	assert_int_equal(judge("5世代", BETTER_HIGHER, "4"), JUDGE_BELOW_GUIDE);
}

static void
test_done(void **state)
{
	(void)state;
	assert_int_equal(judge("実施", 0, "yes"), JUDGE_MEETS);
	assert_int_equal(judge("実施", 0, "実施"), JUDGE_MEETS);
	assert_int_equal(judge("実施", 0, "no"), JUDGE_BELOW_GUIDE);
	assert_int_equal(judge("実施", 0, "一部のラックのみ"),
			 JUDGE_CANNOT_JUDGE);
}

/* Sets are declared as lists (answers.c); here one label at a time. */
static void
test_sets(void **state)
{
	struct value v = {0};
	struct declared d = {0};
	const char *said;
	char *two[] = {"署名", "時刻認証", NULL};
	char *all[] = {"署名", "時刻認証", "印刷データ電子化・管理", NULL};

	(void)state;
	assert_int_equal(judge("生体認証 又は ICカード", 0, "ICカード"),
			 JUDGE_MEETS);
	assert_int_equal(judge("生体認証 又は ICカード", 0, "パスワード"),
			 JUDGE_BELOW_GUIDE);
	value_parse(&v, "時刻認証、署名 及び印刷データ電子化・管理", 0, false,
		    &said);
	d.present = true;
	d.kind = VALUE_ALL_OF;
	d.options = two;
	assert_int_equal(judge_value(&v, &d), JUDGE_BELOW_GUIDE);
	d.options = all;
	assert_int_equal(judge_value(&v, &d), JUDGE_MEETS);
	value_clear(&v);
}

static void
test_cannot_judge(void **state)
{
	struct value v = {0};
	struct declared d;

	(void)state;
	/* free text, '-', unknown reference, free declared text */
	assert_int_equal(judge("可能（ホットスタンバイ）", 0, "可能"),
			 JUDGE_CANNOT_JUDGE);
	assert_int_equal(judge("-", 0, "10分"), JUDGE_CANNOT_JUDGE);
	assert_int_equal(judge("20分以内*", 0, "速やかに"),
			 JUDGE_CANNOT_JUDGE);
	value_set_unknown(&v);
	assert_int_equal(declared_parse(&d, "24h", VALUE_WITHIN), 0);
	assert_int_equal(judge_value(&v, &d), JUDGE_CANNOT_JUDGE);
	declared_clear(&d);
	/* nothing declared */
	assert_int_equal(judge_value(&v, NULL), JUDGE_UNANSWERED);
}

static void
test_refused(void **state)
{
	struct declared d;

	(void)state;
	/* a digit but no shape: an error, not free text */
	assert_int_equal(declared_parse(&d, "24hours", VALUE_WITHIN), -1);
	assert_int_equal(declared_parse(&d, "1/", VALUE_FREQUENCY), -1);
	assert_int_equal(declared_parse(&d, "99,9%", VALUE_PERCENTAGE), -1);
	assert_int_equal(declared_parse(&d, "5 fortnights", VALUE_AT_LEAST),
			 -1);
	assert_false(d.present);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_frequencies),
		cmocka_unit_test(test_percent_count),
		cmocka_unit_test(test_done),
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_cannot_judge),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests_name("judge", tests, NULL, NULL);
}
