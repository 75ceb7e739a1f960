/*
 * fsio_list: names in strcmp order, what each entry is, symbolic links
 * followed or not, and a directory that cannot be listed; fsio_list_below
 * names entries by their path below a root.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "fsio.h"

/* A scratch directory holding: b.md, a/ (with x.md), .hidden, Z.md,
 * to-a -> a, to-b -> b.md, dangling -> nowhere. */
static int
setup(void **state)
{
	char *dir = g_dir_make_tmp("gp-fsio-XXXXXX", NULL);
	char *p;

	assert_non_null(dir);
	p = g_build_filename(dir, "a", NULL);
	assert_int_equal(g_mkdir(p, 0755), 0);
	g_free(p);
	for (const char *const *n = (const char *const[]){
		     "b.md", "a/x.md", ".hidden", "Z.md", NULL};
	     *n != NULL; n++) {
		p = g_build_filename(dir, *n, NULL);
		assert_true(g_file_set_contents(p, "x", 1, NULL));
		g_free(p);
	}
	for (const char *const *n = (const char *const[]){
		     "to-a", "a", "to-b", "b.md", "dangling", "nowhere", NULL};
	     *n != NULL; n += 2) {
		p = g_build_filename(dir, n[0], NULL);
		assert_int_equal(symlink(n[1], p), 0);
		g_free(p);
	}
	*state = dir;
	return 0;
}

static int
rm(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	while (d != NULL && (n = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(dir, n, NULL);
		if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
		    !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
			rm(p);
		else
			g_unlink(p);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	return g_rmdir(dir);
}

static int
teardown(void **state)
{
	rm(*state);
	g_free(*state);
	return 0;
}

/* "name:kind" of every entry, joined by spaces: a new string. */
static char *
show(GArray *a)
{
	static const char kinds[] = {'f', 'd', 'o'};
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < a->len; i++) {
		const struct fsio_entry *e =
		    &g_array_index(a, struct fsio_entry, i);
		g_string_append_printf(s, "%s%s:%c", i ? " " : "", e->name,
				       kinds[e->kind]);
	}
	return g_string_free(s, FALSE);
}

/* fsio_list of DIR, shown, is WANT. */
static void
check_listing(const char *dir, bool follow, const char *want)
{
	GArray *a = fsio_list(dir, follow);
	char *s;

	assert_non_null(a);
	s = show(a);
	assert_string_equal(s, want);
	g_free(s);
	fsio_list_free(a);
}

static void
test_follow(void **state)
{
	check_listing(*state, true,
		      ".hidden:f Z.md:f a:d b.md:f dangling:o to-a:d to-b:f");
}

static void
test_no_follow(void **state)
{
	check_listing(*state, false,
		      ".hidden:f Z.md:f a:d b.md:f dangling:o to-a:o to-b:o");
}

static void
test_missing(void **state)
{
	char *p = g_build_filename(*state, "no-such-dir", NULL);

	errno = 0;
	assert_null(fsio_list(p, true));
	assert_int_equal(errno, ENOENT);
	g_free(p);
	/* a file is not a directory */
	p = g_build_filename(*state, "b.md", NULL);
	errno = 0;
	assert_null(fsio_list(p, true));
	assert_int_equal(errno, ENOTDIR);
	g_free(p);
}

static void
test_below(void **state)
{
	GArray *a = fsio_list_below(*state, "a", false);
	char *s = show(a);

	assert_string_equal(s, "a/x.md:f");
	g_free(s);
	fsio_list_free(a);
	/* what cannot be listed is empty, not an error */
	a = fsio_list_below(*state, "no-such-dir", false);
	assert_int_equal(a->len, 0);
	fsio_list_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_follow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_follow, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_below, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
