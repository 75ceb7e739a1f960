/*
 * Front matter splitting, line mapping into the original file, the
 * UTF-8 check, and YAML positions through ydoc.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "diag_capture.h"
#include "source.h"
#include "ydoc.h"

/* A source over an in-memory text, as source_read would leave it. */
static void
from_text(struct source *s, const char *text)
{
	memset(s, 0, sizeof(*s));
	s->buf = g_strdup(text);
	s->len = strlen(text);
	s->body = s->buf;
	s->body_len = s->len;
	s->body_line = 1;
}

static void
test_split(void **state)
{
	struct source s;

	(void)state;
	from_text(&s, "---\nid: II.1.1.1\nlevel: 基本\n---\n本文。\n");
	assert_int_equal(source_split(&s, "f.md"), 0);
	assert_int_equal(s.front_line, 2);
	assert_int_equal(s.front_len, strlen("id: II.1.1.1\nlevel: 基本\n"));
	assert_memory_equal(s.front, "id: II.1.1.1\n", 13);
	assert_int_equal(s.body_line, 5);
	assert_string_equal(s.body, "本文。\n");
	source_free(&s);
}

static void
test_split_dots_and_crlf(void **state)
{
	struct source s;

	(void)state;
	from_text(&s, "---  \r\nid: I\r\n...\r\nbody\r\n");
	assert_int_equal(source_split(&s, "f.md"), 0);
	assert_int_equal(s.body_line, 4);
	assert_string_equal(s.body, "body\r\n");
	source_free(&s);
}

static void
test_split_missing(void **state)
{
	struct source s;

	(void)state;
	from_text(&s, "id: I\n");
	assert_int_equal(source_split(&s, "a.md"), -1);
	assert_string_equal(messages(),
			    "guidepress: a.md:1:1: error: no front matter: the "
			    "file must begin with a line '---'\n");
	source_free(&s);
}

static void
test_split_unclosed(void **state)
{
	struct source s;

	(void)state;
	from_text(&s, "---\nid: I\ntitle: x\n");
	assert_int_equal(source_split(&s, "b.md"), -1);
	assert_non_null(strstr(messages(), "b.md:1:1: error: front matter is "
					   "not closed"));
	source_free(&s);
}

static void
test_utf8(void **state)
{
	const char bad[] = "ok\n日本\xff語\n";

	(void)state;
	assert_int_equal(source_check_utf8("u.md", "日本語\n", 10), 0);
	assert_int_equal(source_check_utf8("u.md", bad, sizeof(bad) - 1), -1);
	/* line 2, after two characters */
	assert_string_equal(messages(), "guidepress: u.md:2:3: error: invalid "
					"UTF-8: the file must be UTF-8 "
					"encoded\n");
}

static void
test_nul(void **state)
{
	const char bad[] = "a\nbc\0d";

	(void)state;
	assert_int_equal(source_check_utf8("n.md", bad, sizeof(bad) - 1), -1);
	assert_string_equal(messages(), "guidepress: n.md:2:3: error: NUL byte "
					"in a text file\n");
}

/* YAML positions count from the file's line, columns in characters. */
static void
test_yaml_positions(void **state)
{
	struct ydoc y;
	const char *yaml = "id: III.1.1.1\nlevel: 基本\nitems:\n  - key: a\n";
	yaml_node_t *root, *items, *it;
	struct pos p;

	(void)state;
	assert_int_equal(ydoc_load(&y, "c.md", yaml, strlen(yaml), 1), 0);
	root = ydoc_root(&y);
	p = ydoc_pos(&y, ydoc_get(&y, root, "level"));
	assert_int_equal(p.line, 3);
	assert_int_equal(p.col, 8);
	items = ydoc_get(&y, root, "items");
	it = ydoc_seq_at(&y, items, 0);
	p = ydoc_pos(&y, ydoc_get(&y, it, "key"));
	assert_int_equal(p.line, 5);
	assert_int_equal(p.col, 10);
	ydoc_free(&y);
}

static void
test_yaml_duplicate(void **state)
{
	struct ydoc y;
	const char *yaml = "id: II\ntitle: a\ntitle: b\n";

	(void)state;
	assert_int_equal(ydoc_load(&y, "d.md", yaml, strlen(yaml), 1), 0);
	assert_string_equal(messages(), "guidepress: d.md:4:1: error: "
					"duplicate key 'title' (first at "
					"line 3)\n");
	ydoc_free(&y);
}

static void
test_yaml_syntax(void **state)
{
	struct ydoc y;
	const char *yaml = "id: II\ntitle: [a\n";

	(void)state;
	assert_int_equal(ydoc_load(&y, "e.md", yaml, strlen(yaml), 1), -1);
	assert_non_null(strstr(messages(), "guidepress: e.md:4:1: error: "
					   "YAML: "));
	ydoc_free(&y);
}

static void
test_did_you_mean(void **state)
{
	static const char *const keys[] = {"id", "level", "title", "items",
					   NULL};
	(void)state;
	assert_string_equal(did_you_mean("levle", keys), "level");
	assert_string_equal(did_you_mean("item", keys), "items");
	assert_string_equal(did_you_mean("titel", keys), "title");
	assert_null(did_you_mean("subsections", keys));
}

#define CAPTURED(f) \
	cmocka_unit_test_setup_teardown(f, capture_setup, capture_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		CAPTURED(test_split),
		CAPTURED(test_split_dots_and_crlf),
		CAPTURED(test_split_missing),
		CAPTURED(test_split_unclosed),
		CAPTURED(test_utf8),
		CAPTURED(test_nul),
		CAPTURED(test_yaml_positions),
		CAPTURED(test_yaml_duplicate),
		CAPTURED(test_yaml_syntax),
		CAPTURED(test_did_you_mean),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
