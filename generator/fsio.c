/*
 * fsio: reading and atomic writing.
 */
#define _DEFAULT_SOURCE /* d_type */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "diag.h"
#include "fsio.h"

static void
stamp_of(const struct stat *sb, struct fsio_stamp *st)
{
	st->dev = (guint64)sb->st_dev;
	st->ino = (guint64)sb->st_ino;
	st->size = (guint64)sb->st_size;
	st->mtime_ns = (gint64)sb->st_mtim.tv_sec * 1000000000 +
		       sb->st_mtim.tv_nsec;
	st->ctime_ns = (gint64)sb->st_ctim.tv_sec * 1000000000 +
		       sb->st_ctim.tv_nsec;
}

int
fsio_stamp_at(int dirfd, const char *name, struct fsio_stamp *st)
{
	struct stat sb;

	if (fstatat(dirfd, name, &sb, 0) < 0)
		return -1;
	stamp_of(&sb, st);
	return 0;
}

int
fsio_stamp(const char *path, struct fsio_stamp *st)
{
	return fsio_stamp_at(AT_FDCWD, path, st);
}

gint64
fsio_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME_COARSE, &ts) < 0)
		clock_gettime(CLOCK_REALTIME, &ts);
	return (gint64)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

bool
fsio_stamp_equal(const struct fsio_stamp *a, const struct fsio_stamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

int
fsio_read(const char *path, char **buf, size_t *len)
{
	struct fsio_stamp st;

	return fsio_read_stamped(path, buf, len, &st);
}

int
fsio_read_stamped(const char *path, char **buf, size_t *len,
		  struct fsio_stamp *st)
{
	GError *err = NULL;
	gsize n;

	*buf = NULL;
	*len = 0;
	memset(st, 0, sizeof(*st));
	if (fsio_stamp(path, st) == 0 && st->size > FSIO_MAX_FILE) {
		diag(E_TOO_BIG, path, 0, 0, FSIO_MAX_FILE);
		return -1;
	}
	if (!g_file_get_contents(path, buf, &n, &err)) {
		diag(S_READ, path, 0, 0, err->message);
		g_error_free(err);
		return -1;
	}
	*len = n;
	return 0;
}

int
fsio_write(const char *path, const void *data, size_t len)
{
	GError *err = NULL;

	/* g_file_set_contents writes a temporary file and renames it */
	if (!g_file_set_contents(path, data, (gssize)len, &err)) {
		diag(S_WRITE, path, 0, 0, err->message);
		g_error_free(err);
		return -1;
	}
	return 0;
}

int
fsio_close(FILE *f, const char *name)
{
	int bad = fflush(f) != 0 || ferror(f);
	int saved = errno;

	if (fclose(f) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		diag(S_WRITE, name, 0, 0, strerror(saved ? saved : EIO));
		return -1;
	}
	return 0;
}

/* What the entry NAME of the open directory D is, by a stat. */
static enum fsio_kind
kind_by_stat(DIR *d, const char *name, bool follow)
{
	struct stat st;

	if (fstatat(dirfd(d), name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) < 0)
		return FSIO_OTHER;
	return S_ISDIR(st.st_mode)   ? FSIO_DIR
	       : S_ISREG(st.st_mode) ? FSIO_FILE
				     : FSIO_OTHER;
}

static gint
cmp_entry(gconstpointer a, gconstpointer b)
{
	return strcmp(((const struct fsio_entry *)a)->name,
		      ((const struct fsio_entry *)b)->name);
}

GArray *
fsio_list(const char *dir, bool follow)
{
	return fsio_list_stamped(dir, follow, NULL);
}

GArray *
fsio_list_stamped(const char *dir, bool follow, struct fsio_stamp *st)
{
	DIR *d = opendir(dir);
	GArray *a;
	struct dirent *e;
	struct stat sb;

	if (d == NULL)
		return NULL;
	if (st != NULL) {
		memset(st, 0, sizeof(*st));
		/* before the entries: a change while they are read shows */
		if (fstat(dirfd(d), &sb) == 0)
			stamp_of(&sb, st);
	}
	a = g_array_new(FALSE, FALSE, sizeof(struct fsio_entry));
	errno = 0;
	while ((e = readdir(d)) != NULL) {
		struct fsio_entry x = {NULL, FSIO_OTHER};

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		x.name = g_strdup(e->d_name);
		if (e->d_type == DT_DIR)
			x.kind = FSIO_DIR;
		else if (e->d_type == DT_REG)
			x.kind = FSIO_FILE;
		else if (e->d_type == DT_UNKNOWN ||
			 (e->d_type == DT_LNK && follow))
			x.kind = kind_by_stat(d, e->d_name, follow);
		g_array_append_val(a, x);
		errno = 0;
	}
	if (errno != 0) {
		int saved = errno;

		closedir(d);
		fsio_list_free(a);
		errno = saved;
		return NULL;
	}
	closedir(d);
	g_array_sort(a, cmp_entry);
	return a;
}

GArray *
fsio_list_below(const char *root, const char *rel, bool follow)
{
	char *dir = g_build_filename(root, rel, NULL);
	GArray *a = fsio_list(dir, follow);

	if (a == NULL)
		a = g_array_new(FALSE, FALSE, sizeof(struct fsio_entry));
	/* REL is such a path already, and a name has no separator: joined
	   as they are (a rebuild lists thousands) */
	for (guint i = 0; *rel && i < a->len; i++) {
		struct fsio_entry *e = &g_array_index(a, struct fsio_entry, i);
		char *r = g_strconcat(rel, G_DIR_SEPARATOR_S, e->name, NULL);

		g_free(e->name);
		e->name = r;
	}
	g_free(dir);
	return a;
}

void
fsio_list_free(GArray *entries)
{
	if (entries == NULL)
		return;
	for (guint i = 0; i < entries->len; i++)
		g_free(g_array_index(entries, struct fsio_entry, i).name);
	g_array_free(entries, TRUE);
}
