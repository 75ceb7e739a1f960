/*
 * The typesetter through its API, as the book and the report use it:
 * list markers by depth, a document of paragraphs, footnotes and a long
 * table written to a file, and a bad theme refused.  Run from the
 * repository root (themes/default, fonts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "diag.h"
#include "pdf_layout.h"
#include "pdf_md.h"

static void
markers(void **state)
{
	static const struct {
		int depth, num;
		bool ordered;
		const char *want;
	} t[] = {
		{0, 1, true, "i."},  {0, 4, true, "iv."}, {0, 9, true, "ix."},
		{0, 14, true, "xiv."}, {1, 1, true, "a)"}, {1, 2, true, "b)"},
		{2, 3, true, "3)"},  {3, 2, true, "ii."}, {0, 1, false, "•"},
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(t); i++) {
		char *m = pdf_md_marker(t[i].depth, t[i].num, t[i].ordered);
		assert_string_equal(m, t[i].want);
		g_free(m);
	}
}

/* A document of 60 paragraphs (one with a footnote) and a 150-row
 * table: several pages, a PDF file, no temporary left beside it. */
static void
document(void **state)
{
	struct pdf_col cols[2] = {{0.3, PDF_LEFT}, {0.7, PDF_LEFT}};
	struct pdf_meta m = {"題", "著者", "主題", "test", 0};
	char *dir = g_dir_make_tmp("gp-pdf-XXXXXX", NULL);
	char *path = g_build_filename(dir, "t.pdf", NULL);
	struct pdf_doc *d = pdf_doc_new("themes/default", "fonts", true);
	char *buf = NULL;
	gsize len;
	int pages;

	(void)state;
	assert_non_null(d);
	pdf_para_str(d, PDF_TITLE, "表紙", NULL);
	pdf_pagebreak(d);
	for (int i = 0; i < 60; i++) {
		struct pdf_text *t = pdf_text_new();
		pdf_text_add(t, "情報セキュリティ対策を講じること。", 0);
		if (i == 30) {
			struct pdf_text *n = pdf_text_new();
			pdf_text_add(n, "脚注の本文", 0);
			pdf_text_note(t, "注1", n);
		}
		pdf_text_add(t, "必須の値", PDF_EM);
		pdf_para(d, PDF_BODY, t, NULL);
	}
	pdf_table(d, 2, cols, 1, 0);
	pdf_para_str(d, PDF_BODY, "", NULL); /* closes the table */
	pdf_table(d, 2, cols, 1, 0);
	for (int r = 0; r < 150; r++) {
		struct pdf_text *a = pdf_text_new(), *b = pdf_text_new();
		pdf_text_add(a, r == 0 ? "項目" : "行", 0);
		pdf_text_add(b, "未収録", PDF_MUTED);
		pdf_table_cell(d, a, NULL);
		pdf_table_cell(d, b, NULL);
	}
	pages = pdf_doc_write(d, path, &m);
	pdf_doc_free(d);
	assert_true(pages > 4);
	assert_true(g_file_get_contents(path, &buf, &len, NULL));
	assert_true(len > 1000 && memcmp(buf, "%PDF-", 5) == 0);
	g_free(buf);
	g_unlink(path);
	assert_int_equal(g_rmdir(dir), 0); /* nothing else was left */
	g_free(path);
	g_free(dir);
}

static void
bad_theme(void **state)
{
	(void)state;
	diag_set_stream(NULL);
	assert_null(pdf_doc_new("no/such/theme", "fonts", true));
	assert_null(pdf_doc_new("themes/default", "no/such/fonts", true));
	diag_set_stream(stderr);
	diag_reset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(markers),
		cmocka_unit_test(document),
		cmocka_unit_test(bad_theme),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
