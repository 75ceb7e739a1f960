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
#include "fsio.h"
#include "manifest.h"
#include "publish.h"
#include "state.h"

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
	GArray *a = fsio_list_below(tmp, rel, false);
	int kept = 0;

	for (guint i = 0; i < a->len; i++) {
		const struct fsio_entry *e =
		    &g_array_index(a, struct fsio_entry, i);
		char *n = g_build_filename(tmp, e->name, NULL);
		char *o = g_build_filename(out, e->name, NULL);
		GStatBuf sn, so;

		if (e->kind == FSIO_DIR)
			kept += keep_dir(tmp, out, e->name);
		else if (e->kind == FSIO_FILE && g_lstat(n, &sn) == 0 &&
			 g_lstat(o, &so) == 0 && S_ISREG(so.st_mode) &&
			 so.st_size == sn.st_size && sn.st_nlink == 1 &&
			 same_bytes(n, o) && keep_old(n, o))
			kept++;
		g_free(n);
		g_free(o);
	}
	fsio_list_free(a);
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

/*
 * Merging a rebuild into the previous output, in place.
 */
struct merge {
	const char *tmp, *out;
	GHashTable *made; /* paths (relative) written into TMP */
	int rc;
};

char *
publish_flat_name(const char *rel)
{
	return g_uri_escape_string(rel, NULL, FALSE);
}

/* Put TMP/NAME at OUT/REL unless OUT already has the same bytes. */
static void
merge_file(struct merge *m, const char *name, const char *rel)
{
	char *n = g_build_filename(m->tmp, name, NULL);
	char *o = g_build_filename(m->out, rel, NULL);
	char *dir = g_path_get_dirname(o);
	GStatBuf sn, so;

	g_hash_table_add(m->made, g_strdup(rel));
	if (g_lstat(n, &sn) == 0 && g_lstat(o, &so) == 0 &&
	    S_ISREG(so.st_mode) && so.st_size == sn.st_size &&
	    same_bytes(n, o)) {
		/* unchanged: the old file stays, modification time too */
	} else if (rename(n, o) < 0 &&
		   (errno != ENOENT || g_mkdir_with_parents(dir, 0755) < 0 ||
		    rename(n, o) < 0)) {
		/* a directory the previous output did not have is made */
		diag(S_WRITE, o, 0, 0, g_strerror(errno));
		m->rc = -1;
	}
	g_free(n);
	g_free(o);
	g_free(dir);
}

/* Merge every file of TMP into OUT (the manifest excepted). */
static void
merge_files(struct merge *m)
{
	GArray *a = fsio_list_below(m->tmp, "", false);

	for (guint i = 0; i < a->len && m->rc == 0; i++) {
		const struct fsio_entry *e =
		    &g_array_index(a, struct fsio_entry, i);
		char *rel = g_uri_unescape_string(e->name, NULL);

		if (e->kind != FSIO_FILE || rel == NULL) {
			/* none of this build's: it writes files, escaped */
			char *p = g_build_filename(m->tmp, e->name, NULL);

			diag(S_WRITE, p, 0, 0,
			     "not written by this build: another program "
			     "wrote into its temporary directory while it "
			     "ran");
			g_free(p);
			m->rc = -1;
		} else if (strcmp(rel, MANIFEST_FILE) != 0) {
			merge_file(m, e->name, rel);
		}
		g_free(rel);
	}
	fsio_list_free(a);
}

bool
publish_can_merge(const char *out)
{
	return state_present(out);
}

/*
 * Delete what OUT held before the build that the new output has not:
 * STRAYS (relative paths), which the manifest neither made nor kept,
 * unless made after all (the book is not in the manifest), then their
 * directories while left empty.
 */
static void
prune(struct merge *m, const GPtrArray *strays)
{
	for (guint i = 0; i < strays->len; i++) {
		const char *rel = g_ptr_array_index(strays, i);
		char *path, *dir;

		if (g_hash_table_contains(m->made, rel))
			continue;
		path = g_build_filename(m->out, rel, NULL);
		if (unlink(path) < 0 && errno != ENOENT) {
			diag(S_WRITE, path, 0, 0, g_strerror(errno));
			m->rc = -1;
		}
		/* up to OUT, while each directory is left empty */
		for (dir = g_path_get_dirname(path);
		     strcmp(dir, m->out) != 0 && strlen(dir) > strlen(m->out) &&
		     rmdir(dir) == 0;) {
			char *up = g_path_get_dirname(dir);
			g_free(dir);
			dir = up;
		}
		g_free(dir);
		g_free(path);
	}
}

int
publish_merge(const char *tmp, const char *out, const struct manifest *man)
{
	struct merge m = {tmp, out, g_hash_table_new_full(g_str_hash,
							  g_str_equal, g_free,
							  NULL),
			  0};
	char *old = g_build_filename(out, MANIFEST_FILE, NULL);
	char *new = g_build_filename(tmp, MANIFEST_FILE, NULL);

	/* without a manifest, an interrupted merge means a whole rebuild */
	if (unlink(old) < 0 && errno != ENOENT) {
		diag(S_WRITE, old, 0, 0, g_strerror(errno));
		m.rc = -1;
	}
	if (m.rc == 0)
		merge_files(&m);
	if (m.rc == 0)
		prune(&m, manifest_strays(man));
	if (m.rc == 0 && g_file_test(new, G_FILE_TEST_EXISTS) &&
	    rename(new, old) < 0) {
		diag(S_WRITE, old, 0, 0, g_strerror(errno));
		m.rc = -1;
	}
	/* empty when every file was moved in, unless some had the bytes
	   they replace */
	if (rmdir(tmp) < 0)
		publish_rmtree(tmp);
	g_hash_table_destroy(m.made);
	g_free(old);
	g_free(new);
	return m.rc;
}
