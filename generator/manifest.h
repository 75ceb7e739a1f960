/*
 * manifest: what each page of an output directory was built from, so a
 * rebuild can keep the pages whose inputs did not change.
 *
 * The manifest is kept in the output's state file (state.h): output
 * path → key, the hash of everything the page was made from, and the
 * content files that key covers.  A writer that can name a page's
 * inputs asks manifest_reuse before making it: when the previous build
 * made the same path from the same key and the file is still there, it
 * is kept where it is (same bytes, same modification time) and need
 * not be made again; publish_merge then leaves it in place.  Safe to
 * use from several threads.
 */
#ifndef GP_MANIFEST_H
#define GP_MANIFEST_H

#include <stdbool.h>

#include <glib.h>

#include "model.h"
#include "state.h"

struct manifest;

/*
 * The manifest of the output OLD_DIR (which may not exist: then nothing
 * is reused), for a build into NEW_DIR.  KNOWN: OLD_DIR's state, already
 * read, which must outlive the manifest; or NULL to read it.  LISTING:
 * what manifest_list_async began for OLD_DIR, which this takes and
 * waits for when it first needs it; or NULL to list it now.  Free with
 * manifest_free.
 */
struct manifest *manifest_open(const char *old_dir, const char *new_dir,
			       const struct state *known, GThread *listing);

/* Begin listing OLD_DIR for a manifest_open, in a thread: a rebuild has
 * other work for the time it takes (once it has compared the content
 * with its state, which takes both processors).  A listing not given to
 * manifest_open is ended with manifest_list_drop (NULL: nothing). */
GThread *manifest_list_async(const char *old_dir);
void manifest_list_drop(GThread *listing);

void manifest_free(struct manifest *m);

/* What a page was made from: its key, and the content files the key
 * covers.  Borrowed until manifest_write. */
struct made_from {
	const char *key;
	const GArray *deps;           /* guint32 input indexes; or NULL */
	const struct state_page *old; /* or the previous build's page, the
					 key kept from it: its files */
	bool whole;                   /* the key covers every content file
					 or every item */
	guint32 strong;               /* of DEPS, how many are read in
					 full to make it (html_site.h) */
};

/*
 * If PATH (relative to the output) was built from F's key last time and
 * is still there, record it as kept and return true; else false: the
 * caller makes the file and calls manifest_record.
 */
bool manifest_reuse(struct manifest *m, const char *path,
		    const struct made_from *f);
/* The same without the record, which the caller then makes. */
bool manifest_can_reuse(const struct manifest *m, const char *path,
			const struct made_from *f);

/* Record that PATH of the new output was made from F. */
void manifest_record(struct manifest *m, const char *path,
		     const struct made_from *f);

/* The previous build's page PATH, or NULL. */
const struct state_page *manifest_old_page(const struct manifest *m,
					   const char *path);

/* The bytes of page PATH as the previous build left it (a new string,
 * its length in LEN), or NULL when it made no such page or the page is
 * gone. */
char *manifest_old_bytes(const struct manifest *m, const char *path,
			 gsize *len);

/* What every page showed in the previous build (html_incr.c), or NULL;
 * and this build's, kept in its state with LABELS, the part of it that
 * is the controls' (copies are taken), or NULL. */
const char *manifest_old_global(const struct manifest *m);
void manifest_set_global(struct manifest *m, const char *global,
			 const char *labels);
const char *manifest_global(const struct manifest *m);

/*
 * Write the state of the new output: G's inputs, and the pages recorded.
 * 0 or -1 after reporting.  The inputs can be written first, while the
 * pages are still being made (manifest_write_inputs, 0 or -1 after
 * reporting), once every search hash of a file read is recorded
 * (manifest_set_search); whether the build was clean is set at the
 * end.
 */
int manifest_write(struct manifest *m, const struct guideline *g);
int manifest_write_inputs(struct manifest *m, const struct guideline *g);
/* After the inputs: the pages, once every page of the build is recorded
 * or kept (a rebuild records its few while they are still being made);
 * then manifest_write only finishes the state. */
void manifest_write_pages(struct manifest *m);

/* Record MD5, the hash of what the search index holds of input INPUT
 * (a copy is taken), for the state; an input of no record there gets
 * the previous state's if it is a stub, else "" (unknown). */
void manifest_set_search(struct manifest *m, int input, const char *md5);

/* Whether the previous output still holds page PATH. */
bool manifest_old_there(const struct manifest *m, const char *path);

/* Keep the previous build's page P (of the state M was opened with) as
 * it is: its file, key and files. */
void manifest_keep(struct manifest *m, const struct state_page *p);

/*
 * What the old output holds but directories that this build's manifest
 * does not name, made or kept (the manifest file itself excepted):
 * relative paths, known once the state's pages are written
 * (manifest_write_pages); none when the old output holds no state (it
 * is listed when the manifest is opened if it does, which is when a
 * build is merged into it).  Borrowed; the state the manifest was
 * opened with need not outlive the pages' writing for it.
 */
const GPtrArray *manifest_strays(const struct manifest *m);

/* The name of the manifest file in an output directory. */
#define MANIFEST_FILE STATE_FILE

#endif
