/*
 * manifest: what each file of an output directory was built from, so a
 * rebuild can keep the files whose inputs did not change.
 *
 * The manifest is a JSON file in the output directory
 * (.guidepress-manifest.json): output path → key, the SHA-256 of
 * everything the file was made from.  A writer that can name a file's
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

struct manifest;

/*
 * The manifest of the output OLD_DIR (which may not exist: then nothing
 * is reused), for a build into NEW_DIR.  Free with manifest_free.
 */
struct manifest *manifest_open(const char *old_dir, const char *new_dir);

void manifest_free(struct manifest *m);

/*
 * If PATH (relative to the output) was built from KEY last time and is
 * still there, record it as kept and return true;
 * else false: the caller makes the file and calls manifest_record.
 */
bool manifest_reuse(struct manifest *m, const char *path, const char *key);

/* Record that PATH of the new output was made from KEY. */
void manifest_record(struct manifest *m, const char *path, const char *key);

/* Write the new manifest into the new output; 0 or -1 after reporting. */
int manifest_write(struct manifest *m);

/* The paths DIR's manifest names (path → key); empty if none.  Free
 * with g_hash_table_destroy. */
GHashTable *manifest_paths(const char *dir);

/* The name of the manifest file in an output directory. */
#define MANIFEST_FILE ".guidepress-manifest.json"

#endif
