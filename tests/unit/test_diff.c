/*
 * diff: the comparison's API, as the site, the book and the report use
 * it, on the fixture editions of tests/diff (see its README.md).  Run
 * from the top of the repository, as tests/run.sh does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "diag.h"
#include "diff.h"

struct fx {
	struct guideline *old, *new;
	struct gdiff *d;
};

static int
setup(void **state)
{
	struct fx *f = g_new0(struct fx, 1);

	diag_set_stream(NULL);
	f->old = guideline_load("tests/diff/old");
	f->new = guideline_load("tests/diff/new");
	if (f->old == NULL || f->new == NULL)
		return -1;
	guideline_validate(f->old);
	guideline_validate(f->new);
	if (diag_worst() != DIAG_OK)
		return -1;
	f->d = gdiff_new(f->old, f->new);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	gdiff_free(f->d);
	guideline_free(f->old);
	guideline_free(f->new);
	g_free(f);
	return 0;
}

static const struct gdiff_control *
by_new(void **state, const char *id)
{
	const struct gdiff_control *dc =
		gdiff_by_new(((struct fx *)*state)->d, id);

	assert_non_null(dc);
	return dc;
}

static void
test_counts(void **state)
{
	const struct gdiff *d = ((struct fx *)*state)->d;

	assert_int_equal(d->controls->len, 9);
	assert_int_equal(d->added, 1);
	assert_int_equal(d->removed->len, 1);
	assert_int_equal(d->renumbered, 1);
	assert_int_equal(d->changed, 5);
	assert_int_equal(d->moves->len, 1);
	assert_int_equal(diag_worst(), DIAG_OK);
}

/* Ⅲ.3.1.5: the text changed, so every pattern's requirement did. */
static void
test_text(void **state)
{
	const struct gdiff_control *dc = by_new(state, "III.3.1.5");
	char *w;

	assert_int_equal(dc->status, GDIFF_CHANGED);
	assert_int_equal(dc->aspects, GDIFF_TEXT);
	assert_true(gdiff_content_changed(dc));
	for (int p = 1; p <= PATTERNS; p++)
		assert_true(gdiff_requirement_changed(dc, p));
	w = textdiff_wdiff(dc->text);
	assert_non_null(strstr(w, "発見{+、もしくは遮断+}する"));
	assert_non_null(strstr(w, "IDS {+/IPS +}の導入等"));
	g_free(w);
}

/* Ⅲ.3.1.6 became Ⅲ.3.2.1 and nothing else changed. */
static void
test_renumbered(void **state)
{
	const struct gdiff *d = ((struct fx *)*state)->d;
	const struct gdiff_control *dc = gdiff_by_old(d, "III.3.1.6");

	assert_non_null(dc);
	assert_ptr_equal(dc, gdiff_by_new(d, "III.3.2.1"));
	assert_string_equal(dc->new->id, "III.3.2.1");
	assert_int_equal(dc->status, GDIFF_CHANGED);
	assert_int_equal(dc->aspects, GDIFF_RENUMBERED);
	assert_false(gdiff_content_changed(dc));
	assert_false(gdiff_requirement_changed(dc, 1));
	/* the old edition had no Ⅲ.3.2.1 */
	assert_null(gdiff_by_old(d, "III.3.2.1"));
}

static void
test_added_removed(void **state)
{
	const struct gdiff *d = ((struct fx *)*state)->d;
	const struct gdiff_control *dc = by_new(state, "II.2.1.2");

	assert_int_equal(dc->status, GDIFF_ADDED);
	assert_null(dc->old);
	assert_true(gdiff_requirement_changed(dc, 6));
	dc = gdiff_by_old(d, "II.7.1.3");
	assert_non_null(dc);
	assert_int_equal(dc->status, GDIFF_REMOVED);
	assert_null(dc->new);
	assert_null(dc->merged);
	assert_ptr_equal(g_ptr_array_index(d->removed, 0), dc);
	dc = by_new(state, "II.2.1.1");
	assert_int_equal(dc->status, GDIFF_SAME);
	assert_int_equal(dc->aspects, 0);
}

/* Ⅲ.2.1.4 item a: only pattern 1's value changed. */
static void
test_values(void **state)
{
	const struct gdiff_control *dc = by_new(state, "III.2.1.4");
	const struct gdiff_item *a = g_ptr_array_index(dc->items, 0);
	const struct gdiff_item *b = g_ptr_array_index(dc->items, 1);

	assert_int_equal(dc->aspects, GDIFF_BP | GDIFF_VALUES);
	assert_string_equal(a->new->key, "a");
	assert_int_equal(a->status, GDIFF_CHANGED);
	assert_int_equal(a->values, 1);
	assert_null(a->label);
	assert_int_equal(b->status, GDIFF_SAME);
	assert_true(gdiff_requirement_changed(dc, 1));
	for (int p = 2; p <= PATTERNS; p++)
		assert_false(gdiff_requirement_changed(dc, p));
}

/* The overseas-law practice: Ⅱ.2.2.1 iv → Ⅱ.7.1.1 iii. */
static void
test_moved(void **state)
{
	const struct gdiff *d = ((struct fx *)*state)->d;
	const struct gdiff_bp *in = g_ptr_array_index(d->moves, 0);
	const struct gdiff_control *from = by_new(state, "II.2.2.1");
	const struct gdiff_bp *out;

	assert_int_equal(in->status, GDIFF_BP_MOVED_IN);
	assert_string_equal(in->owner->new->id, "II.7.1.1");
	assert_int_equal(in->new_index, 3);
	assert_ptr_equal(in->other, from);
	assert_int_equal(in->other_index, 4);
	assert_null(in->diff);
	assert_non_null(strstr(in->new_text, "海外法が適用される"));
	assert_int_equal(from->bps->len, 4);
	out = g_ptr_array_index(from->bps, 3);
	assert_int_equal(out->status, GDIFF_BP_MOVED_OUT);
	assert_int_equal(out->old_index, 4);
	assert_string_equal(out->other->new->id, "II.7.1.1");
	assert_int_equal(out->other_index, 3);
	assert_int_equal(((struct gdiff_bp *)g_ptr_array_index(from->bps, 0))
				 ->status,
			 GDIFF_BP_SAME);
	/* best practices alone do not change a requirement */
	assert_false(gdiff_requirement_changed(from, 1));
}

static void
test_bp_added(void **state)
{
	const struct gdiff_control *dc = by_new(state, "III.5.2.1");
	const struct gdiff_bp *b;

	assert_int_equal(dc->aspects, GDIFF_BP);
	assert_int_equal(dc->bps->len, 1);
	b = g_ptr_array_index(dc->bps, 0);
	assert_int_equal(b->status, GDIFF_BP_ADDED);
	assert_int_equal(b->new_index, 1);
	assert_null(b->old_text);
	assert_string_equal(gdiff_bp_marker(b->new_index), "i");
	assert_string_equal(gdiff_bp_marker(4), "iv");
	assert_string_equal(gdiff_bp_marker(0), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_renumbered),
		cmocka_unit_test(test_added_removed),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_bp_added),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
