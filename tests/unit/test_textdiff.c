/*
 * textdiff: the character diff the edition comparison shows, on the
 * guideline's own revisions and on the edge cases (empty sides,
 * identical texts, multibyte characters, the work bound, elision).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "textdiff.h"

/* The diff of OLD and NEW in wdiff marks, compared with WANT. */
static void
check(const char *old, const char *new, const char *want)
{
	struct textdiff *td = textdiff_new(old, new, 0);
	char *got = textdiff_wdiff(td);

	assert_string_equal(got, want);
	assert_false(td->gave_up);
	g_free(got);
	textdiff_free(td);
}

/* Deleting every DELETE and keeping the rest gives OLD; likewise NEW. */
static void
check_sides(const char *old, const char *new, long max)
{
	struct textdiff *td = textdiff_new(old, new, max);
	GString *a = g_string_new(NULL), *b = g_string_new(NULL);

	for (size_t i = 0; i < td->nsegs; i++) {
		const struct textdiff_seg *g = &td->segs[i];
		assert_int_equal(g_utf8_strlen(g->text, -1), g->chars);
		if (g->op != TEXTDIFF_INSERT)
			g_string_append(a, g->text);
		if (g->op != TEXTDIFF_DELETE)
			g_string_append(b, g->text);
	}
	assert_string_equal(a->str, old);
	assert_string_equal(b->str, new);
	g_string_free(a, TRUE);
	g_string_free(b, TRUE);
	textdiff_free(td);
}

/* Ⅲ.3.1.5 after the public comment (seed 000, the comment table). */
static void
test_ids_ips(void **state)
{
	(void)state;
	check("不正な通過パケットを自動的に発見する措置（IDS の導入等）を講じる"
	      "こと。",
	      "不正な通過パケットを自動的に発見、もしくは遮断する措置（IDS "
	      "/IPS "
	      "の導入等）を講じること。",
	      "不正な通過パケットを自動的に発見{+、もしくは遮断+}する措置（IDS "
	      "{+/IPS +}の導入等）を講じること。");
}

static void
test_edges(void **state)
{
	(void)state;
	check("", "", "");
	check("同じ", "同じ", "同じ");
	check("", "追加", "{+追加+}");
	check("削除", "", "[-削除-]");
	check(NULL, "a", "{+a+}");
	check("基本", "推奨", "[-基本-]{+推奨+}");
	check("abc", "abXc", "ab{+X+}c");
	/* the characters, not the bytes, are compared: 基 and 本 share
	 * their first UTF-8 byte */
	check("基", "本", "[-基-]{+本+}");
}

/* A lone common character inside a rewrite is not shown as kept. */
static void
test_cleanup(void **state)
{
	(void)state;
	check("外部組織の管理", "内部統制の監査",
	      "[-外部組織の管理-]{+内部統制の監査+}");
	check_sides("外部組織の管理", "内部統制の監査", 0);
}

static void
test_sides(void **state)
{
	static const char *const texts[] = {
		"", "あ", "ああい", "いあいあ", "ABCABBA", "CBABAC",
		"情報資産に対するリスクを識別し、適切な対策を実施すること。",
		"情報資産へアクセスする手段を区別し、方針と方法を定めること。",
	};
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
		for (size_t j = 0; j < G_N_ELEMENTS(texts); j++)
			check_sides(texts[i], texts[j], 0);
}

/* ABCABBA → CBABAC has an LCS of 4 (Myers' own example). */
static void
test_similarity(void **state)
{
	struct textdiff *td = textdiff_new("ABCABBA", "CBABAC", 0);

	(void)state;
	assert_int_equal(td->common, 4);
	assert_true(textdiff_similarity(td) > 0.6);
	assert_false(textdiff_same(td));
	textdiff_free(td);
	td = textdiff_new("", "", 0);
	assert_true(textdiff_similarity(td) == 1.0);
	assert_true(textdiff_same(td));
	textdiff_free(td);
}

/*
 * Past the bound the middle is one deletion and one insertion; the
 * common prefix and suffix stay, and both sides still read back.
 */
static void
test_bound(void **state)
{
	GString *a = g_string_new("前"), *b = g_string_new("前");
	struct textdiff *td;

	(void)state;
	for (int i = 0; i < 5000; i++) {
		g_string_append(a, i % 3 ? "あ" : "い");
		g_string_append(b, i % 5 ? "う" : "あ");
	}
	g_string_append(a, "後");
	g_string_append(b, "後");
	td = textdiff_new(a->str, b->str, 50);
	assert_true(td->gave_up);
	assert_int_equal(td->nsegs, 4);
	assert_int_equal(td->segs[0].op, TEXTDIFF_EQUAL);
	assert_int_equal(td->segs[1].op, TEXTDIFF_DELETE);
	assert_int_equal(td->segs[2].op, TEXTDIFF_INSERT);
	assert_int_equal(td->segs[3].op, TEXTDIFF_EQUAL);
	textdiff_free(td);
	check_sides(a->str, b->str, 50);
	g_string_free(a, TRUE);
	g_string_free(b, TRUE);
}

static void
test_elide(void **state)
{
	const char *old = "0123456789abcdefghij変更前0123456789abcdefghij"
			  "0123456789終わり";
	const char *new = "0123456789abcdefghij変更後0123456789abcdefghij"
			  "0123456789終わり";
	struct textdiff *td = textdiff_new(old, new, 0);
	struct textdiff *e = textdiff_elide(td, 5);
	char *s = textdiff_wdiff(e);

	(void)state;
	assert_string_equal(s, "…hij変更[-前-]{+後+}01234…");
	assert_int_equal(e->segs[0].op, TEXTDIFF_ELIDED);
	assert_int_equal(e->segs[0].chars, 17);
	g_free(s);
	textdiff_free(e);
	/* no change: nothing is cut */
	textdiff_free(td);
	td = textdiff_new(old, old, 0);
	e = textdiff_elide(td, 5);
	assert_int_equal(e->nsegs, 1);
	assert_string_equal(e->segs[0].text, old);
	textdiff_free(e);
	textdiff_free(td);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_ips),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_cleanup),
		cmocka_unit_test(test_sides),
		cmocka_unit_test(test_similarity),
		cmocka_unit_test(test_bound),
		cmocka_unit_test(test_elide),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
