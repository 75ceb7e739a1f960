/*
 * pdf_write: the PDF file.  Pages are written as soon as they are
 * placed, while the measuring threads are still shaping the rest of the
 * book: a worker places the blocks (pdf_flow_next) and records each page
 * once it is complete (pdf_page.c), and the main thread writes what it
 * records (pdf_emit.c).  Shaping and cairo's writing, the two halves of
 * the time, so share the two processors.
 *
 * The contents pages print the page numbers of what follows them, known
 * only when every block is placed; they are written last, after the
 * body, and the page tree is then put back in reading order (sort_kids).
 * So are the pages that run pango on the writing side (figures, glyphs
 * missing from the fonts), which must wait until the measuring threads
 * are done with pango.  Whether this cairo writes a page tree that can
 * be reordered is checked once (kids_sortable); if not, every block is
 * placed before the first page is written.
 *
 * While the measuring threads run, the painter shapes with a pango
 * context of its own (running headers and the like) and only reads the
 * layouts of blocks already measured, whose fonts already have their
 * cairo fonts: the measuring thread made them while measuring.
 *
 * Then the metadata, and the file written beside the target and renamed
 * over it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "diag.h"
#include "fsio.h"
#include "pdf_emit.h"

/* Recordings in flight between the worker and the main thread. */
#define AHEAD 4

/* Where cairo's output goes: the file, or memory once TAIL is set (what
 * cairo writes last, which holds the page tree). */
struct out {
	FILE *f;
	GByteArray *tail;
};

static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	struct out *o = closure;

	if (o->tail != NULL) {
		g_byte_array_append(o->tail, data, len);
		return CAIRO_STATUS_SUCCESS;
	}
	return fwrite(data, 1, len, o->f) == len ? CAIRO_STATUS_SUCCESS
						 : CAIRO_STATUS_WRITE_ERROR;
}

/* The first KEY in BUF, or NULL. */
static char *
find(GByteArray *buf, const char *key)
{
	size_t n = strlen(key);
	char *s = (char *)buf->data, *end = s + buf->len;

	for (char *p = s; (p = memchr(p, key[0], (size_t)(end - p))) != NULL;
	     p++)
		if ((size_t)(end - p) >= n && memcmp(p, key, n) == 0)
			return p;
	return NULL;
}

/*
 * Put the page tree in BUF — the end of the file as cairo 1.16 writes
 * it — in reading order: the page written Ith is page ORDER[I] of N.
 * The references "k 0 R" of /Kids are permuted in place, so the file
 * keeps its length and the cross-reference table its offsets.  Returns
 * false if BUF has no such page tree of N pages.
 */
static bool
sort_kids(GByteArray *buf, const guint *order, guint n)
{
	const char *key = "/Type /Pages\n   /Kids [ ";
	char *at = find(buf, key), *p, *e;
	guint *obj = g_new(guint, n), *sorted = g_new(guint, n), i = 0;
	GString *s = g_string_new(NULL);
	bool ok = at != NULL;

	for (p = at + (ok ? strlen(key) : 0); ok && i < n; i++) {
		unsigned long v = strtoul(p, &e, 10);
		ok = e > p && strncmp(e, " 0 R ", 5) == 0 && order[i] < n;
		obj[i] = (guint)v;
		p = e + 5;
	}
	if (ok && *p == ']') {
		for (i = 0; i < n; i++)
			sorted[order[i]] = obj[i];
		for (i = 0; i < n; i++)
			g_string_append_printf(s, "%u 0 R ", sorted[i]);
		at += strlen(key);
		ok = (size_t)(p - at) == s->len;
		if (ok)
			memcpy(at, s->str, s->len);
	} else {
		ok = false;
	}
	g_string_free(s, TRUE);
	g_free(sorted);
	g_free(obj);
	return ok;
}

/* Whether this cairo writes a page tree that sort_kids can reorder:
 * two empty pages, written and swapped, once. */
static bool
kids_sortable(void)
{
	static gsize done;
	static bool ok;

	if (g_once_init_enter(&done)) {
		struct out o = {NULL, g_byte_array_new()};
		cairo_surface_t *s = cairo_pdf_surface_create_for_stream(
			write_stream, &o, 10, 10);
		cairo_t *cr = cairo_create(s);
		guint order[] = {1, 0};

		cairo_show_page(cr);
		cairo_show_page(cr);
		cairo_destroy(cr);
		cairo_surface_finish(s);
		cairo_surface_destroy(s);
		ok = sort_kids(o.tail, order, 2);
		g_byte_array_free(o.tail, TRUE);
		g_once_init_leave(&done, 1);
	}
	return ok;
}

/* The worker and the main thread: recordings to fill in FREE, to write
 * in READY. */
struct pipe {
	struct pdf_doc *d;
	struct painter *p;
	GAsyncQueue *ready, *free;
	GPtrArray *all;   /* every recording, to free at the end */
	GArray *order;    /* guint: the page each page written is */
	bool early;       /* pages written while blocks are placed */
};

/* What the worker hands over after the last page. */
static struct pdf_ops end_mark;

/* Wait until the main thread has given back O (and so every page before
 * it): it is written. */
static void
wait_drawn(struct pipe *pp, struct pdf_ops *o)
{
	GPtrArray *back = g_ptr_array_new();
	struct pdf_ops *b;

	do {
		b = g_async_queue_pop(pp->free);
		g_ptr_array_add(back, b);
	} while (b != o);
	for (guint i = 0; i < back->len; i++)
		g_async_queue_push(pp->free, back->pdata[i]);
	g_ptr_array_free(back, TRUE);
}

/* Hand recorded page O over to be written; if writing it runs pango,
 * wait until it is written. */
static void
hand(struct pipe *pp, struct pdf_ops *o)
{
	g_array_append_val(pp->order, o->page);
	g_async_queue_push(pp->ready, o);
	if (o->exclusive)
		wait_drawn(pp, o);
}

/* Record page I (0-based) into a recording from the pool. */
static struct pdf_ops *
record(struct pipe *pp, guint i)
{
	struct pdf_ops *o = g_async_queue_pop(pp->free);

	pdf_paint_page(pp->p, o, (int)i + 1);
	return o;
}

/* Whether page I prints page numbers: a contents page. */
static bool
needs_numbers(const struct pdf_doc *d, guint i)
{
	const struct pdf_page *pg = g_ptr_array_index(d->pages, i);

	for (guint k = 0; k < pg->frags->len; k++) {
		const struct pdf_frag *f =
			&g_array_index(pg->frags, struct pdf_frag, k);
		const struct pdf_block *b =
			g_ptr_array_index(d->blocks, f->block);
		if (b->kind == PDF_K_PARA && b->o.toc != NULL)
			return true;
	}
	return false;
}

/*
 * Page I is complete while blocks are still being measured: record it
 * and hand it over — or keep it for the end: in LATER if it prints page
 * numbers, recorded in KEPT if writing it runs pango.
 */
static void
record_early(struct pipe *pp, guint i, GPtrArray *kept, GArray *later)
{
	struct pdf_ops *o;

	if (needs_numbers(pp->d, i)) {
		g_array_append_val(later, i);
		return;
	}
	o = record(pp, i);
	if (!o->exclusive) {
		hand(pp, o);
		return;
	}
	g_ptr_array_add(kept, o);
	o = pdf_ops_new(); /* in its place in the pool */
	g_ptr_array_add(pp->all, o);
	g_async_queue_push(pp->free, o);
}

/* Every block placed and measured: the pages kept, in page order. */
static void
record_late(struct pipe *pp, GPtrArray *kept, GArray *later)
{
	guint k = 0, l = 0;

	while (k < kept->len || l < later->len) {
		struct pdf_ops *o = k < kept->len ? kept->pdata[k] : NULL;
		guint li = l < later->len ? g_array_index(later, guint, l)
					  : G_MAXUINT;
		if (o != NULL && o->page < li) {
			hand(pp, o);
			k++;
		} else {
			hand(pp, record(pp, li));
			l++;
		}
	}
}

/* The worker's thread body: place the blocks (if not done already) and
 * record every page. */
static gpointer
record_pages(gpointer data)
{
	struct pipe *pp = data;
	struct pdf_doc *d = pp->d;
	GPtrArray *kept = g_ptr_array_new();
	GArray *later = g_array_new(FALSE, FALSE, sizeof(guint));
	guint n = 0;

	if (pp->early) {
		struct pdf_flow *f = pdf_flow_start(d);
		bool more = true;
		while (more) {
			more = pdf_flow_next(f);
			while (n + 1 < d->pages->len ||
			       (!more && n < d->pages->len))
				record_early(pp, n++, kept, later);
		}
		pdf_flow_end(f);
		record_late(pp, kept, later);
	}
	for (; n < d->pages->len; n++)
		hand(pp, record(pp, n));
	g_async_queue_push(pp->ready, &end_mark);
	g_ptr_array_free(kept, TRUE);
	g_array_free(later, TRUE);
	return NULL;
}

/* Write every page of D, in turn on one processor. */
static void
draw_alone(struct emitter *e, struct pipe *pp)
{
	struct pdf_ops *o = pdf_ops_new();

	for (guint i = 0; i < e->d->pages->len; i++) {
		pdf_paint_page(pp->p, o, (int)i + 1);
		g_array_append_val(pp->order, i);
		pdf_replay(e, o);
		pdf_ops_clear(o);
	}
	pdf_ops_free(o);
}

/*
 * Write every page of E's document onto its surface, recorded in a
 * worker; EARLY: as blocks are placed.  Fills ORDER with the page each
 * page written is.
 */
static void
draw_pages(struct emitter *e, bool early, GArray *order)
{
	struct pdf_doc *d = e->d;
	struct pipe pp = {d, pdf_painter_new(d), NULL, NULL, NULL, order,
			  early};
	struct pdf_ops *o;
	GThread *th;

	if (d->nsh < 2) {
		draw_alone(e, &pp);
		pdf_painter_free(pp.p);
		return;
	}
	pp.ready = g_async_queue_new();
	pp.free = g_async_queue_new();
	pp.all = g_ptr_array_new_with_free_func((GDestroyNotify)pdf_ops_free);
	for (int k = 0; k < AHEAD; k++) {
		g_ptr_array_add(pp.all, pdf_ops_new());
		g_async_queue_push(pp.free, pp.all->pdata[k]);
	}
	th = g_thread_new("paint", record_pages, &pp);
	while ((o = g_async_queue_pop(pp.ready)) != &end_mark) {
		pdf_replay(e, o);
		pdf_ops_clear(o);
		g_async_queue_push(pp.free, o);
	}
	g_thread_join(th);
	while (g_async_queue_try_pop(pp.free) != NULL)
		;
	g_ptr_array_free(pp.all, TRUE);
	g_async_queue_unref(pp.ready);
	g_async_queue_unref(pp.free);
	pdf_painter_free(pp.p);
}

/* Title, author, subject, creator and dates, pinned to M->date. */
static void
metadata(cairo_surface_t *s, const struct pdf_meta *m)
{
	struct tm tm;
	char date[32];

	gmtime_r(&m->date, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (m->title != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       m->title);
	if (m->author != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
					       m->author);
	if (m->subject != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
					       m->subject);
	if (m->creator != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
					       m->creator);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* Whether ORDER is 0, 1, 2 … */
static bool
in_order(const GArray *order)
{
	for (guint i = 0; i < order->len; i++)
		if (g_array_index(order, guint, i) != i)
			return false;
	return true;
}

/* Finish E's surface into O: its end in memory, the page tree sorted
 * by ORDER, then to the file.  Returns cairo's status. */
static cairo_status_t
finish(struct emitter *e, struct out *o, const GArray *order)
{
	cairo_status_t st = cairo_status(e->cr);

	cairo_destroy(e->cr);
	o->tail = g_byte_array_new();
	cairo_surface_finish(e->s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(e->s);
	cairo_surface_destroy(e->s);
	if (st == CAIRO_STATUS_SUCCESS && !in_order(order) &&
	    !sort_kids(o->tail, (const guint *)(void *)order->data,
		       order->len))
		st = CAIRO_STATUS_INVALID_STATUS; /* kids_sortable said yes */
	if (st == CAIRO_STATUS_SUCCESS &&
	    fwrite(o->tail->data, 1, o->tail->len, o->f) != o->tail->len)
		st = CAIRO_STATUS_WRITE_ERROR;
	g_byte_array_free(o->tail, TRUE);
	return st;
}

/* Draw every page of D onto the stream F; EARLY: while placing them.
 * Returns 0, or -1 with the cairo status reported against NAME. */
static int
draw(struct pdf_doc *d, FILE *f, const char *name, const struct pdf_meta *m,
     bool early)
{
	struct emitter e = {0};
	struct out o = {f, NULL};
	GArray *order = g_array_new(FALSE, FALSE, sizeof(guint));
	cairo_status_t st;

	e.d = d;
	e.outlines = g_array_new(FALSE, FALSE, sizeof(struct outline));
	e.s = cairo_pdf_surface_create_for_stream(write_stream, &o,
						  d->th.page_w, d->th.page_h);
	cairo_pdf_surface_restrict_to_version(e.s, CAIRO_PDF_VERSION_1_5);
	metadata(e.s, m);
	e.cr = cairo_create(e.s);
	/* a structure tree for the links' structure elements to live in:
	 * without one cairo 1.16 refers to elements it never writes */
	cairo_tag_begin(e.cr, "Document", NULL);
	draw_pages(&e, early, order);
	pdf_replay_outline(&e);
	cairo_tag_end(e.cr, "Document");
	st = finish(&e, &o, order);
	g_array_free(e.outlines, TRUE);
	g_array_free(order, TRUE);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag(S_WRITE, name, 0, 0, cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

/*
 * See pdf_layout.h.  Writes a temporary file beside PATH, checks
 * cairo's status and the stream, then renames it over PATH.
 */
int
pdf_doc_write(struct pdf_doc *d, const char *path, const struct pdf_meta *m)
{
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	bool early = d->nsh >= 2 && kids_sortable();
	FILE *f = NULL;
	int fd, rc = -1;

	if (!early)
		pdf_paginate(d);
	if ((fd = g_mkstemp(tmp)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		diag(S_WRITE, path, 0, 0, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (draw(d, f, path, m, early) < 0) {
		fclose(f);
		goto out;
	}
	if (fsio_close(f, path) < 0)
		goto out;
	if (g_chmod(tmp, 0644) < 0 || g_rename(tmp, path) < 0) {
		diag(S_WRITE, path, 0, 0, strerror(errno));
		goto out;
	}
	rc = (int)d->pages->len;
out:
	if (rc < 0 && fd >= 0)
		g_unlink(tmp);
	g_free(tmp);
	return rc;
}

double
pdf_draw_text(struct pdf_doc *d, void *cr, enum pdf_role role,
	      const char *s, double x, double y, double w,
	      enum pdf_align align)
{
	PangoLayout *lay = pango_layout_new(d->ctx);
	const struct pdf_rgb *c = &d->th.role[role].color;
	int ph;

	pango_layout_set_font_description(lay, d->font[role]);
	pango_layout_set_text(lay, s, -1);
	if (w > 0) {
		pango_layout_set_width(lay, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(lay, align == PDF_RIGHT
							? PANGO_ALIGN_RIGHT
						: align == PDF_CENTER
							? PANGO_ALIGN_CENTER
							: PANGO_ALIGN_LEFT);
	}
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, lay);
	pango_layout_get_size(lay, NULL, &ph);
	g_object_unref(lay);
	return (double)ph / PANGO_SCALE;
}
