/*
 * fsio: reading and atomic writing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "diag.h"
#include "fsio.h"

int
fsio_read(const char *path, char **buf, size_t *len)
{
	GError *err = NULL;
	GStatBuf st;
	gsize n;

	*buf = NULL;
	*len = 0;
	if (g_stat(path, &st) == 0 && st.st_size > FSIO_MAX_FILE) {
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
