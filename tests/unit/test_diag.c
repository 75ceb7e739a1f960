/*
 * The reporter: the line format, levels, counts, the summary and the
 * exit status; and that every message has a format.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diag_capture.h"

static void
test_format_full(void **state)
{
	(void)state;
	diag(E_LEVEL, "content/II/II.1/II.1.1.1.md", 3, 8, "必須");
	assert_string_equal(messages(), "guidepress: content/II/II.1/II.1.1.1.md:3:8:"
				   " error: bad level '必須': expected 基本 or "
				   "推奨\n");
}

static void
test_format_partial(void **state)
{
	(void)state;
	diag(S_READ, "content/x.md", 0, 0, "No such file or directory");
	diag(E_NO_CONTENT, NULL, 0, 0, "somewhere");
	diag(E_KEY_MISSING, "a.md", 2, 0, "id");
	assert_string_equal(messages(),
			    "guidepress: content/x.md: error: cannot read: No "
			    "such file or directory\n"
			    "guidepress: error: no guideline.yaml: somewhere is "
			    "not a content directory\n"
			    "guidepress: a.md:2: error: missing required key "
			    "'id'\n");
}

static void
test_levels_and_exit(void **state)
{
	(void)state;
	assert_int_equal(diag_exit_status(), 0);
	diag(W_SECTION_EMPTY, "s.md", 1, 1, "II.9");
	assert_int_equal(diag_worst(), DIAG_WARNING);
	assert_int_equal(diag_exit_status(), 1);
	diag(E_CONTROL_EMPTY, "c.md", 2, 5, "II.1.1.1");
	assert_int_equal(diag_exit_status(), 2);
	diag(W_SECTION_EMPTY, "s.md", 1, 1, "II.9");
	assert_int_equal(diag_exit_status(), 2); /* the worst stays */
	diag(S_WRITE, "o.pdf", 0, 0, "No space left on device");
	assert_int_equal(diag_exit_status(), 3);
	assert_int_equal(diag_count(DIAG_WARNING), 2);
	assert_int_equal(diag_count(DIAG_ERROR), 2);
}

static void
test_summary(void **state)
{
	(void)state;
	diag_set_stream(NULL);
	diag(E_CONTROL_EMPTY, "c.md", 2, 5, "II.1.1.1");
	diag(W_SECTION_EMPTY, "s.md", 1, 1, "II.9");
	diag(W_SECTION_EMPTY, "s.md", 1, 1, "II.8");
	diag_set_stream(capture);
	diag_summary("check: content");
	assert_string_equal(messages(), "guidepress: check: content: 1 error, 2 "
				   "warnings\n");
}

static void
test_table_complete(void **state)
{
	(void)state;
	for (int c = 0; c < DIAG__MAX; c++) {
		assert_non_null(diag_format(c));
		assert_true(diag_level_of(c) >= DIAG_WARNING);
	}
	/* grouped by severity, as the enum promises */
	for (int c = 1; c < DIAG__MAX; c++)
		assert_true(diag_level_of(c) >= diag_level_of(c - 1));
}

#define CAPTURED(f) \
	cmocka_unit_test_setup_teardown(f, capture_setup, capture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CAPTURED(test_format_full),
		CAPTURED(test_format_partial),
		CAPTURED(test_levels_and_exit),
		CAPTURED(test_summary),
		CAPTURED(test_table_complete),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
