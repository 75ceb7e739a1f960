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
 * read, which must outlive the manifest; or NULL to read it.  Free with
 * manifest_free.
 */
struct manifest *manifest_open(const char *old_dir, const char *new_dir,
			       const struct state *known);

void manifest_free(struct manifest *m);

/*
 * If PATH (relative to the output) was built from KEY last time and is
 * still there, record it as kept, with DEPS (guint32 input indexes,
 * borrowed until manifest_write), and return true; else false: the
 * caller makes the file and calls manifest_record.
 */
bool manifest_reuse(struct manifest *m, const char *path, const char *key,
		    const GArray *deps);

/* Record that PATH of the new output was made from KEY and DEPS. */
void manifest_record(struct manifest *m, const char *path, const char *key,
		     const GArray *deps);

/*
 * Write the state of the new output: G's inputs, and the pages recorded.
 * 0 or -1 after reporting.
 */
int manifest_write(struct manifest *m, const struct guideline *g);

/* Whether this build's manifest names PATH: a page made or kept. */
bool manifest_names(const struct manifest *m, const char *path);

/* The files of the old output (relative paths, as keys), listed when
 * the manifest was opened; empty when it had no manifest.  Borrowed. */
GHashTable *manifest_old_files(const struct manifest *m);

/* The name of the manifest file in an output directory. */
#define MANIFEST_FILE STATE_FILE

#endif
