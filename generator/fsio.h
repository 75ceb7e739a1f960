/*
 * fsio: whole-file reads with a size bound, and atomic writes (a
 * temporary file beside the target, flushed, checked, renamed).
 */
#ifndef GP_FSIO_H
#define GP_FSIO_H

#include <stddef.h>
#include <stdio.h>

/* Content and answers files larger than this are refused. */
#define FSIO_MAX_FILE (8L * 1024 * 1024)

/*
 * Read PATH into *BUF (NUL-terminated, caller frees with g_free) and its
 * length into *LEN.  Reports S_READ or E_TOO_BIG against PATH; returns 0
 * or -1.
 */
int fsio_read(const char *path, char **buf, size_t *len);

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

#endif
