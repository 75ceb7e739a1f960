/*
 * publish: build beside, then swap.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <stdbool.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "diag.h"
#include "publish.h"

/* The absolute, symlink-free form of PATH, or of its parent joined with
 * its last component when PATH does not exist yet.  New string. */
static char *
resolve(const char *path)
{
	char buf[PATH_MAX];
	char *dir, *base, *r;

	if (realpath(path, buf) != NULL)
		return g_strdup(buf);
	dir = g_path_get_dirname(path);
	base = g_path_get_basename(path);
	if (realpath(dir, buf) != NULL)
		r = g_build_filename(buf, base, NULL);
	else
		r = g_canonicalize_filename(path, NULL);
	g_free(dir);
	g_free(base);
	return r;
}

static gboolean
is_within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);

	return strncmp(inner, outer, n) == 0 &&
	       (inner[n] == '\0' || inner[n] == '/');
}

int
publish_check_out(const char *out, const char *content)
{
	char *o = resolve(out), *c = resolve(content);
	int rc = 0;

	if (is_within(o, c) || is_within(c, o)) {
		fprintf(stderr,
			"guidepress: refusing output directory %s: it overlaps "
			"the content directory %s\n",
			out, content);
		rc = -1;
	}
	g_free(o);
	g_free(c);
	return rc;
}

char *
publish_begin(const char *out)
{
	char *tmpl = g_strconcat(out, ".tmp-XXXXXX", NULL);
	char *dir = g_path_get_dirname(out);

	if (g_mkdir_with_parents(dir, 0755) < 0 || g_mkdtemp(tmpl) == NULL) {
		diag(S_WRITE, tmpl, 0, 0, g_strerror(errno));
		g_free(tmpl);
		tmpl = NULL;
	} else if (g_chmod(tmpl, 0755) < 0) {
		diag(S_WRITE, tmpl, 0, 0, g_strerror(errno));
		publish_rmtree(tmpl);
		g_free(tmpl);
		tmpl = NULL;
	}
	g_free(dir);
	return tmpl;
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if ((flag == FTW_DP ? rmdir(path) : unlink(path)) < 0) {
		diag(S_WRITE, path, 0, 0, g_strerror(errno));
		return -1;
	}
	return 0;
}

int
publish_rmtree(const char *path)
{
	if (!g_file_test(path, G_FILE_TEST_EXISTS))
		return 0;
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

/* Are the files A and B byte for byte the same? */
static bool
same_bytes(const char *a, const char *b)
{
	GMappedFile *fa, *fb;
	bool same = false;

	if ((fa = g_mapped_file_new(a, FALSE, NULL)) == NULL)
		return false;
	if ((fb = g_mapped_file_new(b, FALSE, NULL)) != NULL) {
		gsize n = g_mapped_file_get_length(fa);
		same = n == g_mapped_file_get_length(fb) &&
		       (n == 0 || memcmp(g_mapped_file_get_contents(fa),
					 g_mapped_file_get_contents(fb),
					 n) == 0);
		g_mapped_file_unref(fb);
	}
	g_mapped_file_unref(fa);
	return same;
}

/* Replace NEW by a link to OLD; on failure NEW stays. */
static bool
keep_old(const char *new, const char *old)
{
	char *tmp = g_strconcat(new, ".keep", NULL);
	bool ok = link(old, tmp) == 0 && rename(tmp, new) == 0;

	if (!ok)
		unlink(tmp);
	g_free(tmp);
	return ok;
}

/* Walk REL below TMP, keeping what OUT has unchanged. */
static int
keep_dir(const char *tmp, const char *out, const char *rel)
{
	char *dir = g_build_filename(tmp, rel, NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int kept = 0;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *r = g_build_filename(rel, name, NULL);
		char *n = g_build_filename(tmp, r, NULL);
		char *o = g_build_filename(out, r, NULL);
		GStatBuf sn, so;

		if (g_lstat(n, &sn) == 0 && S_ISDIR(sn.st_mode))
			kept += keep_dir(tmp, out, r);
		else if (S_ISREG(sn.st_mode) && g_lstat(o, &so) == 0 &&
			 S_ISREG(so.st_mode) && so.st_size == sn.st_size &&
			 sn.st_nlink == 1 && same_bytes(n, o) && keep_old(n, o))
			kept++;
		g_free(r);
		g_free(n);
		g_free(o);
	}
	if (d != NULL)
		g_dir_close(d);
	g_free(dir);
	return kept;
}

int
publish_keep_unchanged(const char *tmp, const char *out)
{
	if (!g_file_test(out, G_FILE_TEST_IS_DIR))
		return 0;
	return keep_dir(tmp, out, "");
}

void
publish_abort(const char *tmp)
{
	if (tmp != NULL)
		publish_rmtree(tmp);
}

int
publish_commit(const char *tmp, const char *out)
{
	char *old = NULL;
	int rc = -1;

	if (g_file_test(out, G_FILE_TEST_EXISTS)) {
		old = g_strconcat(out, ".old-XXXXXX", NULL);
		if (g_mkdtemp(old) == NULL || rmdir(old) < 0 ||
		    rename(out, old) < 0) {
			diag(S_WRITE, out, 0, 0, g_strerror(errno));
			goto out;
		}
	}
	if (rename(tmp, out) < 0) {
		diag(S_WRITE, out, 0, 0, g_strerror(errno));
		if (old != NULL && rename(old, out) < 0)
			diag(S_WRITE, out, 0, 0, g_strerror(errno));
		goto out;
	}
	rc = 0;
	if (old != NULL)
		publish_rmtree(old);
out:
	g_free(old);
	return rc;
}
