/*
 * typeset: load the PDF writers' module and call into it (typeset.h).
 */
#include <string.h>

#include <glib.h>
#include <gmodule.h>

#include "diag.h"
#include "typeset.h"

#ifndef LIBDIR
#define LIBDIR "/usr/local/lib/guidepress"
#endif

/* The module's path: beside the program, else in LIBDIR.  New string. */
static char *
module_path(void)
{
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *p = NULL;

	if (exe != NULL) {
		char *dir = g_path_get_dirname(exe);
		p = g_build_filename(dir, TYPESET_MODULE, NULL);
		g_free(dir);
		g_free(exe);
		if (g_file_test(p, G_FILE_TEST_IS_REGULAR))
			return p;
		g_free(p);
	}
	return g_build_filename(LIBDIR, TYPESET_MODULE, NULL);
}

/* The dynamic loader's message about PATH, without PATH in front of it
 * (the diagnostic names the file already). */
static const char *
reason(const char *path)
{
	const char *e = g_module_error();
	size_t n = strlen(path);

	if (strncmp(e, path, n) == 0 && strncmp(e + n, ": ", 2) == 0)
		return e + n + 2;
	return e;
}

/* The function NAME of the module, loaded once and kept; NULL after
 * reporting. */
static gpointer
module_fn(const char *name)
{
	static GModule *mod;
	static char *path;
	gpointer fn = NULL;

	if (mod == NULL) {
		path = module_path();
		mod = g_module_open(path, G_MODULE_BIND_LAZY |
						  G_MODULE_BIND_LOCAL);
		if (mod == NULL) {
			diag(S_MODULE, path, 0, 0, reason(path));
			g_clear_pointer(&path, g_free);
			return NULL;
		}
	}
	if (!g_module_symbol(mod, name, &fn) || fn == NULL)
		diag(S_MODULE, path, 0, 0, reason(path));
	return fn;
}

int
typeset_book(const struct guideline *g, const char *path,
	     const struct pdf_opts *o)
{
	int (*fn)(const struct guideline *, const char *,
		  const struct pdf_opts *) = module_fn("pdf_book_write");

	return fn != NULL ? fn(g, path, o) : -1;
}

int
typeset_report(const struct report *r, const char *path,
	       const struct pdf_opts *o)
{
	int (*fn)(const struct report *, const char *,
		  const struct pdf_opts *) = module_fn("report_write_pdf");

	return fn != NULL ? fn(r, path, o) : -1;
}
