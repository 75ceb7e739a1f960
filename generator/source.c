/*
 * source: read a file, check its encoding, split its front matter.
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "fsio.h"
#include "source.h"

int
source_check_utf8(const char *path, const char *buf, size_t len)
{
	const char *end;
	int line = 1, col = 1;

	if (g_utf8_validate(buf, (gssize)len, &end))
		return 0;
	for (const char *p = buf; p < end; p = g_utf8_next_char(p)) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	if (end < buf + len && *end == '\0')
		diag(E_NUL, path, line, col);
	else
		diag(E_UTF8, path, line, col);
	return -1;
}

int
source_read(struct source *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	if (fsio_read_stamped(path, &s->buf, &s->len, &s->stamp) < 0)
		return -1;
	s->body = s->buf;
	s->body_len = s->len;
	s->body_line = 1;
	return source_check_utf8(path, s->buf, s->len);
}

/* Is the line at P exactly MARK, allowing trailing blanks and CR? */
static int
is_mark_line(const char *p, const char *mark)
{
	size_t n = strlen(mark);

	if (strncmp(p, mark, n) != 0)
		return 0;
	p += n;
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	return *p == '\n' || *p == '\0';
}

int
source_split(struct source *s, const char *path)
{
	const char *p = s->buf, *end = s->buf + s->len;
	int line = 1;

	if (p[0] == '\xef' && p[1] == '\xbb' && p[2] == '\xbf')
		p += 3; /* a UTF-8 byte order mark */
	if (!is_mark_line(p, "---")) {
		diag(E_FM_MISSING, path, 1, 1);
		return -1;
	}
	p = strchr(p, '\n');
	if (p == NULL) {
		diag(E_FM_UNCLOSED, path, 1, 1);
		return -1;
	}
	p++;
	line++;
	s->front = p;
	s->front_line = line;
	while (p < end) {
		if (is_mark_line(p, "---") || is_mark_line(p, "...")) {
			const char *nl = strchr(p, '\n');
			s->front_len = (size_t)(p - s->front);
			s->body = nl != NULL ? nl + 1 : end;
			s->body_len = (size_t)(end - s->body);
			s->body_line = line + 1;
			return 0;
		}
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
		line++;
	}
	s->front = NULL;
	diag(E_FM_UNCLOSED, path, 1, 1);
	return -1;
}

void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	g_free(s->buf);
	memset(s, 0, sizeof(*s));
}
