/*
 * state: a state file written is read back as it was (directories,
 * files with their stamps, hashes and records, pages with their keys and
 * files, whether the build was clean); and a file that is not a whole,
 * sound state of this program is no state at all: empty, another magic,
 * cut short at any byte, a page naming a file there is not, pages out of
 * order.  A page is found by its path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "state.h"

/* A scratch directory with a state file written in it. */
static int
setup(void **st)
{
	char *dir = g_dir_make_tmp("gp-state-XXXXXX", NULL);
	char *path = g_build_filename(dir, STATE_FILE, NULL);
	struct fsio_stamp a = {1, 2, 3, 4, 5}, b = {6, 7, 8, 9, 10};
	guint32 d0[] = {0, 1}, d1[] = {1};
	GArray *deps0 = g_array_new(FALSE, FALSE, sizeof(guint32));
	GArray *deps1 = g_array_new(FALSE, FALSE, sizeof(guint32));
	struct state_out *o;

	assert_non_null(dir);
	g_array_append_vals(deps0, d0, 2);
	g_array_append_vals(deps1, d1, 1);
	o = state_begin(path, "content", 42, "g1", "l1");
	assert_non_null(o);
	state_count(o, 1);
	state_add_dir(o, "", &a);
	state_count(o, 2);
	state_add_file(o, "I/_index.md", &a, "md5-a", NULL, "Pid\0x", 6);
	state_add_file(o, "I/I.1.md", &b, "md5-b", "srch-b", "", 0);
	state_count(o, 2);
	state_add_page(o, "index.html", "k0", deps0, NULL, false, 1);
	state_add_page(o, "patterns/1.html", "k1", NULL, NULL, true, 0);
	assert_int_equal(state_finish(o, true), 0);
	g_array_free(deps0, TRUE);
	g_array_free(deps1, TRUE);
	g_free(path);
	*st = dir;
	return 0;
}

static int
teardown(void **st)
{
	char *dir = *st;
	char *path = g_build_filename(dir, STATE_FILE, NULL);

	g_unlink(path);
	g_rmdir(dir);
	g_free(path);
	g_free(dir);
	return 0;
}

static void
test_read_back(void **st)
{
	struct state *s = state_read(*st);

	assert_non_null(s);
	assert_string_equal(s->content, "content");
	assert_int_equal(s->started_ns, 42);
	assert_true(s->clean);
	assert_string_equal(s->global, "g1");
	assert_string_equal(s->labels, "l1");
	assert_int_equal(s->ndirs, 1);
	assert_string_equal(s->dirs[0].rel, "");
	assert_int_equal(s->nfiles, 2);
	assert_string_equal(s->files[0].rel, "I/_index.md");
	assert_string_equal(s->files[0].hash, "md5-a");
	assert_string_equal(s->files[0].search, "");
	assert_string_equal(s->files[1].search, "srch-b");
	assert_int_equal(s->files[0].rec_len, 6);
	assert_memory_equal(s->files[0].rec, "Pid\0x", 6);
	assert_int_equal(s->files[1].stamp.ino, 7);
	assert_int_equal(s->files[1].stamp.ctime_ns, 10);
	assert_int_equal(s->files[1].rec_len, 0);
	assert_int_equal(s->npages, 2);
	assert_string_equal(s->pages[0].path, "index.html");
	assert_string_equal(s->pages[0].key, "k0");
	assert_false(s->pages[0].whole);
	assert_int_equal(s->pages[0].ndeps, 2);
	assert_int_equal(s->pages[0].strong, 1);
	assert_int_equal(state_dep(&s->pages[0], 1), 1);
	assert_true(s->pages[1].whole);
	assert_int_equal(s->pages[1].ndeps, 0);
	assert_ptr_equal(state_page(s, "patterns/1.html"), &s->pages[1]);
	assert_ptr_equal(state_page(s, "index.html"), &s->pages[0]);
	assert_null(state_page(s, "contents.html"));
	assert_null(state_page(s, "zzz.html"));
	state_free(s);
}

/* Pages are found by halving: a state whose pages are not sorted by
 * path, or name one twice, is none. */
static void
test_unsorted(void **st)
{
	char *path = g_build_filename(*st, STATE_FILE, NULL);
	const char *order[][2] = {{"b.html", "a.html"}, {"a.html", "a.html"}};

	for (guint i = 0; i < G_N_ELEMENTS(order); i++) {
		struct state_out *o = state_begin(path, "c", 0, NULL, NULL);

		state_count(o, 0);
		state_count(o, 0);
		state_count(o, 2);
		state_add_page(o, order[i][0], "k", NULL, NULL, true, 0);
		state_add_page(o, order[i][1], "k", NULL, NULL, true, 0);
		assert_int_equal(state_finish(o, true), 0);
		assert_null(state_read(*st));
	}
	g_free(path);
}

/* The state file of ST, its bytes. */
static char *
bytes(void **st, gsize *len)
{
	char *path = g_build_filename(*st, STATE_FILE, NULL);
	char *buf;

	assert_true(g_file_get_contents(path, &buf, len, NULL));
	g_free(path);
	return buf;
}

static void
put(void **st, const char *buf, gsize len)
{
	char *path = g_build_filename(*st, STATE_FILE, NULL);

	assert_true(g_file_set_contents(path, buf, (gssize)len, NULL));
	g_free(path);
}

static void
test_cut_short(void **st)
{
	gsize len;
	char *buf = bytes(st, &len);
	struct state *s;

	/* every prefix but the whole is refused, never read past its end */
	for (gsize n = 0; n < len; n++) {
		put(st, buf, n);
		s = state_read(*st);
		assert_null(s);
	}
	put(st, buf, len);
	s = state_read(*st);
	assert_non_null(s);
	state_free(s);
	g_free(buf);
}

static void
test_refused(void **st)
{
	gsize len;
	char *buf = bytes(st, &len);
	char *bad = g_memdup2(buf, len + 1);

	/* another magic */
	bad[0] = 'X';
	put(st, bad, len);
	assert_null(state_read(*st));
	/* a byte more than it holds */
	memcpy(bad, buf, len);
	put(st, bad, len + 1);
	assert_null(state_read(*st));
	/* no file at all */
	put(st, "", 0);
	assert_null(state_read(*st));
	put(st, buf, len);
	g_free(bad);
	g_free(buf);
}

static void
test_bad_dep(void **st)
{
	char *path = g_build_filename(*st, STATE_FILE, NULL);
	struct fsio_stamp a = {0};
	guint32 d[] = {5};
	GArray *deps = g_array_new(FALSE, FALSE, sizeof(guint32));
	struct state_out *o = state_begin(path, "c", 0, NULL, NULL);

	g_array_append_vals(deps, d, 1);
	state_count(o, 0);
	state_count(o, 1);
	state_add_file(o, "a.md", &a, "h", "", "C", 1);
	state_count(o, 1);
	state_add_page(o, "p.html", "k", deps, NULL, false, 1);
	assert_int_equal(state_finish(o, true), 0);
	assert_null(state_read(*st));
	g_array_free(deps, TRUE);
	g_free(path);
}

/* A build that reported something after its state was begun: the flag
 * set at the end is the one read back, past more than one flush. */
static void
test_not_clean(void **st)
{
	char *path = g_build_filename(*st, STATE_FILE, NULL);
	struct fsio_stamp a = {0};
	struct state_out *o = state_begin(path, "c", 7, "g", NULL);
	struct state *s;

	state_count(o, 0);
	state_count(o, 3000);
	for (guint i = 0; i < 3000; i++) {
		char rel[32];

		g_snprintf(rel, sizeof rel, "III/III.%u.md", i);
		state_add_file(o, rel, &a, "0123456789abcdef0123456789abcdef",
			       "", "C", 1);
	}
	state_count(o, 0);
	assert_int_equal(state_finish(o, false), 0);
	s = state_read(*st);
	assert_non_null(s);
	assert_false(s->clean);
	assert_int_equal(s->nfiles, 3000);
	assert_string_equal(s->files[2999].rel, "III/III.2999.md");
	state_free(s);
	g_free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_read_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cut_short, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_dep, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_not_clean, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unsorted, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
