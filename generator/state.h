/*
 * state: what a build of the site leaves in its output for the next one,
 * in one file (.guidepress-state):
 *
 *   - the program that made it (its source ID) and the content directory;
 *   - every content file: its path below the content directory, stamp
 *     (fsio.h), MD5, and its stub record, what the rest of the site
 *     shows of it (IDs, titles, briefs, levels, the hash of its items;
 *     stub.c);
 *   - every page: its path, its key (html_incr.c) and the content files
 *     its key covers.
 *
 * The manifest (manifest.h) keeps the pages with it; a rebuild (rebuild.h)
 * reads the files to tell what changed and to stand in for the files it
 * does not read.
 *
 * The file is binary and read in place: one read, a pass over it, and
 * no copy of its strings, which stay in the buffer.  Numbers are
 * little-endian u32 and u64; a string is a u32 length, its bytes and a
 * NUL; a list a u32 count then its members:
 *
 *   "GPSTATE1", u32 version, string source ID, string content directory,
 *   u64 time the build started (ns since the epoch), u32 1 if the
 *   build reported nothing (no warning, no error) else 0, string the
 *   key of what every page shows (html_incr.c) or none, string the
 *   hash of its part that is the controls' labels or none,
 *   list of directories: string path ("" for the content directory),
 *                  u64 dev, ino, size, mtime ns, ctime ns (taken before
 *                  it was listed),
 *   list of files: string path, u64 dev, ino, size, mtime ns, ctime ns,
 *                  string MD5, string MD5 of what the search index
 *                  holds of it ("" when unknown, or not a document),
 *                  string stub record (stub.c),
 *   list of pages, sorted by path (strcmp): string path, string key,
 *                  u32 1 if the key covers every file or item (then
 *                  the list is empty) else 0,
 *                  u32 how many of its first files are read to make
 *                  it again (the others, when unchanged, are stubs
 *                  whose part of it is taken from the page as it is),
 *                  list of u32 file indexes.
 *
 * A file that is not such a state, or of another version or program, is
 * read as no state at all: the next build is then whole.
 */
#ifndef GP_STATE_H
#define GP_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "fsio.h"

/* The name of the state file in an output directory. */
#define STATE_FILE ".guidepress-state"

struct state_dir {
	const char *rel;         /* below the content directory */
	struct fsio_stamp stamp;
};

struct state_file {
	const char *rel;         /* below the content directory */
	const char *hash;        /* MD5 (hex) */
	const char *search;      /* MD5 (hex) of its search text, or "" */
	struct fsio_stamp stamp;
	const char *rec;         /* stub record (stub.c), REC_LEN bytes */
	size_t rec_len;
};

struct state_page {
	const char *path, *key;
	bool whole;                /* the key covers every file or item */
	guint32 strong;            /* its first STRONG files are read to
				      make it again (html_site.h) */
	const unsigned char *deps; /* NDEPS u32, little-endian */
	guint32 ndeps;
};

struct state {
	GMappedFile *map;        /* the file; everything below points in */
	const char *buf;
	size_t len;
	const char *source_id;
	const char *content;
	gint64 started_ns;
	bool clean;              /* the build reported nothing */
	const char *global;      /* what every page shows, or NULL */
	const char *labels;      /* the controls' part of it, or NULL */
	struct state_dir *dirs;
	guint ndirs;
	struct state_file *files;
	guint nfiles;
	struct state_page *pages;
	guint npages;
};

/*
 * The state in output directory DIR, or NULL when it has none that this
 * program wrote (nothing reported: a whole build follows).  Free with
 * state_free.
 */
struct state *state_read(const char *dir);

void state_free(struct state *st);

/* Whether output directory DIR holds a state file, readable or not: a
 * previous build's output, which a rebuild merges into (publish.h). */
bool state_present(const char *dir);

/* The page of ST at PATH, or NULL. */
const struct state_page *state_page(const struct state *st,
				    const char *path);

/* File index I of page P's dependencies. */
guint32 state_dep(const struct state_page *p, guint32 i);

/*
 * A state being written to PATH, straight to the file: state_begin
 * opens it (NULL after reporting); then, each list after its count
 * (state_count), the directories, the files and the pages are added;
 * state_finish sets whether the build was clean (the build may still
 * report something while its state is written), closes it (0, or -1
 * after reporting) and frees O; state_abandon closes and frees it.
 */
struct state_out;

struct state_out *state_begin(const char *path, const char *content,
			      gint64 started_ns, const char *global,
			      const char *labels);
void state_count(struct state_out *o, guint32 n);
void state_add_dir(struct state_out *o, const char *rel,
		   const struct fsio_stamp *stamp);
void state_add_file(struct state_out *o, const char *rel,
		    const struct fsio_stamp *stamp, const char *hash,
		    const char *search, const char *rec, size_t rec_len);
/* A page made from the files DEPS (guint32), the first STRONG of them
 * read in full; or from those of OLD's page, its key kept from the
 * previous build. */
void state_add_page(struct state_out *o, const char *path, const char *key,
		    const GArray *deps, const struct state_page *old,
		    bool whole, guint32 strong);
int state_finish(struct state_out *o, bool clean);
void state_abandon(struct state_out *o);

/* Writing and reading stub records: strings and small numbers. */
void state_put_u32(GString *b, guint32 v);
void state_put_str(GString *b, const char *s); /* NULL as length ~0 */

/* A cursor over a record; BAD is set, and nothing more read, once a
 * read would pass its end. */
struct state_cur {
	const char *p, *end;
	bool bad;
};

guint32 state_get_u32(struct state_cur *c);
/* A string of the record, in place; NULL for a NULL written. */
const char *state_get_str(struct state_cur *c);

#endif
