/*
 * IDs: the display form made by appending (the site names thousands of
 * IDs with it) is the one id_display makes, for every kind of ID.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>

#include "model.h"

static void
test_display_append(void **unused)
{
	static const char *const ids[] = {"I", "II.3", "III.1.1", "III.4.2.1",
					  "II.10.12.105", "I.9"};

	(void)unused;
	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		GString *b = g_string_new("x");
		char *want = id_display(ids[i]);

		id_display_append(b, ids[i]);
		assert_string_equal(b->str + 1, want);
		g_free(want);
		g_string_free(b, TRUE);
	}
}

static void
test_display_forms(void **unused)
{
	GString *b = g_string_new(NULL);

	(void)unused;
	id_display_append(b, "III.4.2.1");
	assert_string_equal(b->str, "Ⅲ.4.2.1");
	g_string_truncate(b, 0);
	id_display_append(b, "II");
	assert_string_equal(b->str, "Ⅱ");
	g_string_free(b, TRUE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_display_append),
	    cmocka_unit_test(test_display_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
