/*
 * state: the state file of an output directory, written and read in
 * place (the format is in state.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#ifndef GP_SOURCE_ID
#error "GP_SOURCE_ID: the SHA-256 of generator/*.[ch], set by the Makefile"
#endif

#include <glib.h>

#include "diag.h"
#include "fsio.h"
#include "state.h"

#define MAGIC "GPSTATE1"
#define VERSION 1
#define NO_STRING 0xffffffffu

void
state_put_u32(GString *b, guint32 v)
{
	guint32 le = GUINT32_TO_LE(v);

	g_string_append_len(b, (const char *)&le, sizeof(le));
}

void
state_put_str(GString *b, const char *s)
{
	if (s == NULL) {
		state_put_u32(b, NO_STRING);
		return;
	}
	state_put_u32(b, (guint32)strlen(s));
	g_string_append_len(b, s, (gssize)strlen(s) + 1);
}

guint32
state_get_u32(struct state_cur *c)
{
	guint32 v;

	if (c->bad || c->end - c->p < (ptrdiff_t)sizeof(v)) {
		c->bad = true;
		return 0;
	}
	memcpy(&v, c->p, sizeof(v));
	c->p += sizeof(v);
	return GUINT32_FROM_LE(v);
}

static guint64
get_u64(struct state_cur *c)
{
	guint64 v;

	if (c->bad || c->end - c->p < (ptrdiff_t)sizeof(v)) {
		c->bad = true;
		return 0;
	}
	memcpy(&v, c->p, sizeof(v));
	c->p += sizeof(v);
	return GUINT64_FROM_LE(v);
}

/* Bytes of a string, in place, their count in *LEN; NULL for NULL. */
static const char *
get_bytes(struct state_cur *c, size_t *len)
{
	guint32 n = state_get_u32(c);
	const char *s = c->p;

	*len = 0;
	if (c->bad || n == NO_STRING)
		return NULL;
	if ((size_t)(c->end - c->p) < (size_t)n + 1 || s[n] != '\0') {
		c->bad = true;
		return NULL;
	}
	c->p += n + 1;
	*len = n;
	return s;
}

const char *
state_get_str(struct state_cur *c)
{
	size_t n;

	return get_bytes(c, &n);
}

/* A string that must be there. */
static const char *
get_req(struct state_cur *c)
{
	const char *s = state_get_str(c);

	if (s == NULL)
		c->bad = true;
	return s;
}

static void
get_stamp(struct state_cur *c, struct fsio_stamp *s)
{
	s->dev = get_u64(c);
	s->ino = get_u64(c);
	s->size = get_u64(c);
	s->mtime_ns = (gint64)get_u64(c);
	s->ctime_ns = (gint64)get_u64(c);
}

/* A list's count, refused when it could not fit in what is left. */
static guint32
get_count(struct state_cur *c, size_t least)
{
	guint32 n = state_get_u32(c);

	if (!c->bad && (size_t)(c->end - c->p) / least < n)
		c->bad = true;
	return c->bad ? 0 : n;
}

static void
read_dirs(struct state *st, struct state_cur *c)
{
	st->ndirs = get_count(c, 45);
	st->dirs = g_new0(struct state_dir, st->ndirs);
	for (guint i = 0; i < st->ndirs && !c->bad; i++) {
		st->dirs[i].rel = get_req(c);
		get_stamp(c, &st->dirs[i].stamp);
	}
}

static void
read_files(struct state *st, struct state_cur *c)
{
	st->nfiles = get_count(c, 55);
	st->files = g_new0(struct state_file, st->nfiles);
	for (guint i = 0; i < st->nfiles && !c->bad; i++) {
		struct state_file *f = &st->files[i];

		f->rel = get_req(c);
		get_stamp(c, &f->stamp);
		f->hash = get_req(c);
		f->rec = get_bytes(c, &f->rec_len);
		if (f->rec == NULL)
			c->bad = true;
	}
}

static void
read_pages(struct state *st, struct state_cur *c)
{
	st->npages = get_count(c, 18);
	st->pages = g_new0(struct state_page, st->npages);
	for (guint i = 0; i < st->npages && !c->bad; i++) {
		struct state_page *p = &st->pages[i];

		p->path = get_req(c);
		p->key = get_req(c);
		p->whole = state_get_u32(c) == 1;
		p->ndeps = get_count(c, 4);
		p->deps = (const unsigned char *)c->p;
		c->p += (size_t)p->ndeps * 4;
		for (guint32 d = 0; d < p->ndeps && !c->bad; d++)
			if (state_dep(p, d) >= st->nfiles)
				c->bad = true;
	}
}

struct state *
state_read(const char *dir)
{
	char *path = g_build_filename(dir, STATE_FILE, NULL);
	struct state *st = g_new0(struct state, 1);
	struct state_cur c;

	/* mapped, not read: most of it is never looked at */
	if ((st->map = g_mapped_file_new(path, FALSE, NULL)) == NULL)
		goto bad;
	st->buf = g_mapped_file_get_contents(st->map);
	st->len = g_mapped_file_get_length(st->map);
	if (st->buf == NULL || st->len < sizeof(MAGIC) - 1 ||
	    memcmp(st->buf, MAGIC, sizeof(MAGIC) - 1) != 0)
		goto bad;
	c = (struct state_cur){st->buf + sizeof(MAGIC) - 1,
			       st->buf + st->len, false};
	if (state_get_u32(&c) != VERSION)
		goto bad;
	st->source_id = get_req(&c);
	st->content = get_req(&c);
	st->started_ns = (gint64)get_u64(&c);
	st->clean = state_get_u32(&c) == 1;
	st->global = state_get_str(&c);
	if (c.bad || strcmp(st->source_id, GP_SOURCE_ID) != 0)
		goto bad;
	read_dirs(st, &c);
	read_files(st, &c);
	read_pages(st, &c);
	if (c.bad || c.p != c.end)
		goto bad;
	g_free(path);
	return st;
bad:
	g_free(path);
	state_free(st);
	return NULL;
}

void
state_free(struct state *st)
{
	if (st == NULL)
		return;
	g_free(st->dirs);
	g_free(st->files);
	g_free(st->pages);
	if (st->map != NULL)
		g_mapped_file_unref(st->map);
	g_free(st);
}

guint32
state_dep(const struct state_page *p, guint32 i)
{
	guint32 v;

	memcpy(&v, p->deps + (size_t)i * 4, sizeof(v));
	return GUINT32_FROM_LE(v);
}

struct state_out {
	FILE *f;
	char *path;
	GString *buf; /* what goes to F next: a field at a time through
			 stdio's locks was a third of writing the state */
};

#define FLUSH_AT (64 * 1024)

static void
w_flush(struct state_out *o)
{
	fwrite(o->buf->str, 1, o->buf->len, o->f);
	g_string_truncate(o->buf, 0);
}

static void
w_raw(struct state_out *o, const void *p, size_t n)
{
	g_string_append_len(o->buf, p, (gssize)n);
	if (o->buf->len >= FLUSH_AT)
		w_flush(o);
}

static void
w_u32(struct state_out *o, guint32 v)
{
	guint32 le = GUINT32_TO_LE(v);

	w_raw(o, &le, sizeof(le));
}

static void
w_u64(struct state_out *o, guint64 v)
{
	guint64 le = GUINT64_TO_LE(v);

	w_raw(o, &le, sizeof(le));
}

/* LEN bytes of S, then a NUL; S NULL as NO_STRING. */
static void
w_bytes(struct state_out *o, const char *s, size_t len)
{
	if (s == NULL) {
		w_u32(o, NO_STRING);
		return;
	}
	w_u32(o, (guint32)len);
	w_raw(o, s, len);
	w_raw(o, "", 1);
}

static void
w_str(struct state_out *o, const char *s)
{
	w_bytes(o, s, s != NULL ? strlen(s) : 0);
}

static void
w_stamp(struct state_out *o, const struct fsio_stamp *st)
{
	w_u64(o, st->dev);
	w_u64(o, st->ino);
	w_u64(o, st->size);
	w_u64(o, (guint64)st->mtime_ns);
	w_u64(o, (guint64)st->ctime_ns);
}

struct state_out *
state_begin(const char *path, const char *content, gint64 started_ns,
	    bool clean, const char *global)
{
	struct state_out *o = g_new0(struct state_out, 1);

	/* written in place: PATH is in a build's new directory, which is
	   put in the output whole or not at all (publish.h) */
	if ((o->f = fopen(path, "wb")) == NULL) {
		diag(S_WRITE, path, 0, 0, g_strerror(errno));
		g_free(o);
		return NULL;
	}
	o->path = g_strdup(path);
	o->buf = g_string_sized_new(FLUSH_AT + 4096);
	w_raw(o, MAGIC, sizeof(MAGIC) - 1);
	w_u32(o, VERSION);
	w_str(o, GP_SOURCE_ID);
	w_str(o, content);
	w_u64(o, (guint64)started_ns);
	w_u32(o, clean ? 1 : 0);
	w_str(o, global);
	return o;
}

void
state_count(struct state_out *o, guint32 n)
{
	w_u32(o, n);
}

void
state_add_dir(struct state_out *o, const char *rel,
	      const struct fsio_stamp *stamp)
{
	w_str(o, rel);
	w_stamp(o, stamp);
}

void
state_add_file(struct state_out *o, const char *rel,
	       const struct fsio_stamp *stamp, const char *hash,
	       const char *rec, size_t rec_len)
{
	w_str(o, rel);
	w_stamp(o, stamp);
	w_str(o, hash);
	w_bytes(o, rec, rec_len);
}

void
state_add_page(struct state_out *o, const char *path, const char *key,
	       const GArray *deps, const struct state_page *old, bool whole)
{
	w_str(o, path);
	w_str(o, key);
	w_u32(o, whole ? 1 : 0);
	if (old != NULL) {
		/* its files' numbers as they are in the old state */
		w_u32(o, old->ndeps);
		w_raw(o, old->deps, (size_t)old->ndeps * 4);
		return;
	}
	w_u32(o, deps != NULL ? deps->len : 0);
	for (guint i = 0; deps != NULL && i < deps->len; i++)
		w_u32(o, g_array_index(deps, guint32, i));
}

int
state_finish(struct state_out *o)
{
	int rc;

	w_flush(o);
	rc = fsio_close(o->f, o->path);
	g_string_free(o->buf, TRUE);
	g_free(o->path);
	g_free(o);
	return rc;
}
