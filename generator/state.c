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
#define VERSION 2
#define NO_STRING 0xffffffffu

/*
 * The encoding, one function a kind, for the records (stub.c) and the
 * file alike: numbers little-endian, strings their length, bytes and a
 * NUL, NULL as a length no string has.
 */
void
state_put_u32(GString *b, guint32 v)
{
	guint32 le = GUINT32_TO_LE(v);

	g_string_append_len(b, (const char *)&le, sizeof(le));
}

static void
put_u64(GString *b, guint64 v)
{
	guint64 le = GUINT64_TO_LE(v);

	g_string_append_len(b, (const char *)&le, sizeof(le));
}

/* LEN bytes of S, which need not end in a NUL; S NULL as NO_STRING. */
static void
put_bytes(GString *b, const char *s, size_t len)
{
	if (s == NULL) {
		state_put_u32(b, NO_STRING);
		return;
	}
	state_put_u32(b, (guint32)len);
	g_string_append_len(b, s, (gssize)len);
	g_string_append_c(b, '\0');
}

void
state_put_str(GString *b, const char *s)
{
	put_bytes(b, s, s != NULL ? strlen(s) : 0);
}

static void
put_stamp(GString *b, const struct fsio_stamp *st)
{
	put_u64(b, st->dev);
	put_u64(b, st->ino);
	put_u64(b, st->size);
	put_u64(b, (guint64)st->mtime_ns);
	put_u64(b, (guint64)st->ctime_ns);
}

/* A little-endian number of N bytes (4 or 8). */
static guint64
get_le(struct state_cur *c, size_t n)
{
	guint64 v = 0;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		v |= (guint64)(guchar)c->p[i] << (8 * i);
	c->p += n;
	return v;
}

guint32
state_get_u32(struct state_cur *c)
{
	return (guint32)get_le(c, 4);
}

static guint64
get_u64(struct state_cur *c)
{
	return get_le(c, 8);
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
	st->nfiles = get_count(c, 60);
	st->files = g_new0(struct state_file, st->nfiles);
	for (guint i = 0; i < st->nfiles && !c->bad; i++) {
		struct state_file *f = &st->files[i];

		f->rel = get_req(c);
		get_stamp(c, &f->stamp);
		f->hash = get_req(c);
		f->search = get_req(c);
		f->rec = get_bytes(c, &f->rec_len);
		if (f->rec == NULL)
			c->bad = true;
	}
}

static void
read_pages(struct state *st, struct state_cur *c)
{
	st->npages = get_count(c, 22);
	st->pages = g_new0(struct state_page, st->npages);
	for (guint i = 0; i < st->npages && !c->bad; i++) {
		struct state_page *p = &st->pages[i];

		p->path = get_req(c);
		p->key = get_req(c);
		p->whole = state_get_u32(c) == 1;
		p->strong = state_get_u32(c);
		p->ndeps = get_count(c, 4);
		p->deps = (const unsigned char *)c->p;
		c->p += (size_t)p->ndeps * 4;
		for (guint32 d = 0; d < p->ndeps && !c->bad; d++)
			if (state_dep(p, d) >= st->nfiles)
				c->bad = true;
		/* sorted, so that a page is found by halving (state_page) */
		if (!c->bad && i > 0 && strcmp(st->pages[i - 1].path, p->path) >= 0)
			c->bad = true;
	}
}

const struct state_page *
state_page(const struct state *st, const char *path)
{
	guint lo = 0, hi = st->npages;

	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		int c = strcmp(path, st->pages[mid].path);

		if (c == 0)
			return &st->pages[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
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
	st->labels = state_get_str(&c);
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

bool
state_present(const char *dir)
{
	char *p = g_build_filename(dir, STATE_FILE, NULL);
	bool ok = g_file_test(p, G_FILE_TEST_IS_REGULAR);

	g_free(p);
	return ok;
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
	long clean_at;  /* where the clean flag is in the file */
	GString *buf; /* what goes to F next: a field at a time through
			 stdio's locks was a third of writing the state */
};

#define FLUSH_AT (64 * 1024)

static void
flush(struct state_out *o)
{
	fwrite(o->buf->str, 1, o->buf->len, o->f);
	g_string_truncate(o->buf, 0);
}

/* After each thing added: to the file once enough is waiting. */
static void
spill(struct state_out *o)
{
	if (o->buf->len >= FLUSH_AT)
		flush(o);
}

struct state_out *
state_begin(const char *path, const char *content, gint64 started_ns,
	    const char *global, const char *labels)
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
	g_string_append(o->buf, MAGIC);
	state_put_u32(o->buf, VERSION);
	state_put_str(o->buf, GP_SOURCE_ID);
	state_put_str(o->buf, content);
	put_u64(o->buf, (guint64)started_ns);
	o->clean_at = (long)o->buf->len;
	state_put_u32(o->buf, 0); /* state_finish sets it */
	state_put_str(o->buf, global);
	state_put_str(o->buf, labels);
	return o;
}

void
state_count(struct state_out *o, guint32 n)
{
	state_put_u32(o->buf, n);
}

void
state_add_dir(struct state_out *o, const char *rel,
	      const struct fsio_stamp *stamp)
{
	state_put_str(o->buf, rel);
	put_stamp(o->buf, stamp);
	spill(o);
}

void
state_add_file(struct state_out *o, const char *rel,
	       const struct fsio_stamp *stamp, const char *hash,
	       const char *search, const char *rec, size_t rec_len)
{
	state_put_str(o->buf, rel);
	put_stamp(o->buf, stamp);
	state_put_str(o->buf, hash);
	state_put_str(o->buf, search != NULL ? search : "");
	put_bytes(o->buf, rec, rec_len);
	spill(o);
}

void
state_add_page(struct state_out *o, const char *path, const char *key,
	       const GArray *deps, const struct state_page *old, bool whole,
	       guint32 strong)
{
	state_put_str(o->buf, path);
	state_put_str(o->buf, key);
	state_put_u32(o->buf, whole ? 1 : 0);
	state_put_u32(o->buf, old != NULL ? old->strong : strong);
	if (old != NULL) {
		/* its files' numbers as they are in the old state */
		state_put_u32(o->buf, old->ndeps);
		g_string_append_len(o->buf, (const char *)old->deps,
				    (gssize)old->ndeps * 4);
	} else {
		state_put_u32(o->buf, deps != NULL ? deps->len : 0);
		for (guint i = 0; deps != NULL && i < deps->len; i++)
			state_put_u32(o->buf, g_array_index(deps, guint32, i));
	}
	spill(o);
}

static void
out_free(struct state_out *o)
{
	g_string_free(o->buf, TRUE);
	g_free(o->path);
	g_free(o);
}

int
state_finish(struct state_out *o, bool clean)
{
	int rc;

	flush(o);
	/* the flag in its place in the header; a state whose flag could
	   not be set reads as not clean, and a rebuild does not trust it */
	state_put_u32(o->buf, clean ? 1 : 0);
	if (fseek(o->f, o->clean_at, SEEK_SET) == 0)
		flush(o);
	rc = fsio_close(o->f, o->path);
	out_free(o);
	return rc;
}

void
state_abandon(struct state_out *o)
{
	if (o == NULL)
		return;
	fclose(o->f);
	out_free(o);
}
