/*
 * fsio: whole-file reads with a size bound, and atomic writes (a
 * temporary file beside the target, flushed, checked, renamed).
 */
#ifndef GP_FSIO_H
#define GP_FSIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <glib.h>

/* Content and answers files larger than this are refused. */
#define FSIO_MAX_FILE (8L * 1024 * 1024)

/*
 * Read PATH into *BUF (NUL-terminated, caller frees with g_free) and its
 * length into *LEN.  Reports S_READ or E_TOO_BIG against PATH; returns 0
 * or -1.
 */
int fsio_read(const char *path, char **buf, size_t *len);

/*
 * What tells one version of a file from another without reading it:
 * where it lives, its size and its modification and change times.  An
 * editor that rewrites a file changes at least one of them.
 */
struct fsio_stamp {
	guint64 dev, ino, size;
	gint64 mtime_ns, ctime_ns;
};

/* The stamp of PATH into *ST; 0, or -1 with errno set (nothing reported). */
int fsio_stamp(const char *path, struct fsio_stamp *st);

/* The same for NAME in the directory open as DIRFD. */
int fsio_stamp_at(int dirfd, const char *name, struct fsio_stamp *st);

bool fsio_stamp_equal(const struct fsio_stamp *a, const struct fsio_stamp *b);

/* The time, by the clock the kernel stamps files with (coarse real
 * time), in ns since the epoch. */
gint64 fsio_now_ns(void);

/* fsio_read, with the stamp PATH had just before it was read in *ST. */
int fsio_read_stamped(const char *path, char **buf, size_t *len,
		      struct fsio_stamp *st);

/*
 * Write LEN bytes of DATA to PATH atomically: on any failure PATH keeps
 * its old contents (or stays absent).  Reports S_WRITE; returns 0 or -1.
 */
int fsio_write(const char *path, const void *data, size_t len);

/*
 * Check that a stream written in full reached its destination: fflush and
 * ferror, then fclose.  Reports S_WRITE against NAME; returns 0 or -1.
 */
int fsio_close(FILE *f, const char *name);

/* An entry of a directory listing (fsio_list). */
enum fsio_kind { FSIO_FILE, FSIO_DIR, FSIO_OTHER };

struct fsio_entry {
	char *name;
	enum fsio_kind kind;
};

/*
 * The entries of DIR but "." and "..", sorted by name (strcmp): a new
 * array of struct fsio_entry, freed with fsio_list_free.  What each
 * entry is comes from the directory itself where the file system says,
 * so a listing costs no stat per entry; otherwise, and for a symbolic
 * link when FOLLOW (which then counts as what it points to), from a
 * stat.  Returns NULL with errno set when DIR cannot be listed.
 */
GArray *fsio_list(const char *dir, bool follow);
/* The same, with DIR's stamp, taken before it was read, in *ST. */
GArray *fsio_list_stamped(const char *dir, bool follow,
			  struct fsio_stamp *st);
/* fsio_list of ROOT/REL, each entry named by its path relative to ROOT
 * (REL "" lists ROOT itself); an empty array if it cannot be listed. */
GArray *fsio_list_below(const char *root, const char *rel, bool follow);
void fsio_list_free(GArray *entries);

#endif
