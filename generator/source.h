/*
 * source: a text file split into YAML front matter and a Markdown body,
 * with the line numbers each part starts on.  Shared by the content
 * loader and the answers reader (which has no body).
 */
#ifndef GP_SOURCE_H
#define GP_SOURCE_H

#include <stddef.h>

#include "fsio.h"

struct source {
	char *buf;         /* the whole file, NUL-terminated; owned */
	size_t len;
	const char *front; /* front matter YAML, into buf; NULL if none */
	size_t front_len;
	int front_line;    /* file line of the YAML's first line */
	const char *body;  /* Markdown body, into buf */
	size_t body_len;
	int body_line;     /* file line of the body's first line */
	struct fsio_stamp stamp; /* the file's, just before it was read */
};

/*
 * Read PATH and check it is UTF-8 without NUL bytes.  Reports S_READ,
 * E_TOO_BIG, E_UTF8 or E_NUL; returns 0 or -1.  Free with source_free
 * in either case.
 */
int source_read(struct source *s, const char *path);

/*
 * Split S into front matter and body.  The file must begin with a line
 * "---"; the front matter ends at the next line "---" or "...".  Reports
 * E_FM_MISSING or E_FM_UNCLOSED against PATH; returns 0 or -1.
 */
int source_split(struct source *s, const char *path);

/*
 * Check BUF (LEN bytes) is valid UTF-8 without NUL; report the first
 * offending byte's line and column against PATH.  Returns 0 or -1.
 */
int source_check_utf8(const char *path, const char *buf, size_t len);

void source_free(struct source *s);

#endif
