/*
 * publish: atomic replacement of an output directory.  Everything is
 * written into a fresh temporary directory beside the output; only when
 * all of it was written is the old output swapped out and removed.  On
 * any error the previous output stays as it was.
 */
#ifndef GP_PUBLISH_H
#define GP_PUBLISH_H

#include <stdbool.h>

struct manifest;

/*
 * Refuse an output directory that is the content directory, lies inside
 * it, or contains it.  Reports and returns -1; 0 if OUT is acceptable.
 */
int publish_check_out(const char *out, const char *content);

/*
 * Create an empty temporary directory beside OUT ("OUT.tmp-XXXXXX").
 * Returns its path (caller frees with g_free), or NULL after reporting.
 */
char *publish_begin(const char *out);

/*
 * Put TMP in the place of OUT: rename OUT away, rename TMP to OUT, then
 * delete the old tree.  Returns 0, or -1 after reporting (OUT is then
 * as it was).
 */
int publish_commit(const char *tmp, const char *out);

/*
 * Before the swap: every file of TMP whose bytes equal those of the file
 * at the same path in OUT is replaced by a hard link to that file, so a
 * rebuild leaves untouched files as they were, modification time
 * included.  Returns how many files were kept (0 when OUT does not
 * exist); a file that cannot be compared or linked is simply left new.
 */
int publish_keep_unchanged(const char *tmp, const char *out);

/*
 * Whether OUT is a previous output that publish_merge can update: it
 * holds a manifest (manifest.h).
 */
bool publish_can_merge(const char *out);

/*
 * The name under which a build to be merged writes the file of REL, a
 * path in the output, into its temporary directory: REL escaped as one
 * name ("controls/I-1.html" is "controls%2FI-1.html"), so no directory
 * is made in the temporary one, and none deleted with it.  A new
 * string.
 */
char *publish_flat_name(const char *rel);

/*
 * Update OUT in place from TMP, which holds only the files a rebuild
 * wrote (each named as publish_flat_name says) and the new manifest:
 * each file whose bytes changed is renamed
 * into OUT (one atomic rename each), the others are left as they were;
 * files of OUT that the new manifest does not name and TMP does not
 * hold are deleted; the manifest is removed first and put back last,
 * so a merge that stops half way is followed by a whole rebuild.  MAN
 * is the manifest of the build in TMP: what it kept of OUT, and OUT's
 * files as they were listed before the build (a directory left empty by
 * the deletions is removed; one that was empty before stays).  TMP is
 * deleted.  Returns 0, or -1 after reporting.
 */
int publish_merge(const char *tmp, const char *out,
		  const struct manifest *man);

/* Delete TMP and everything in it (after a failed build). */
void publish_abort(const char *tmp);

/*
 * Delete the tree at PATH, not following symbolic links.  Returns 0 or
 * -1 after reporting.
 */
int publish_rmtree(const char *path);

#endif
