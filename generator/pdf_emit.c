/*
 * pdf_emit: the PDF file — pages recorded by the painter in a worker
 * thread and replayed on a cairo PDF surface (see pdf_emit.h), the
 * metadata, and the file written beside the target and renamed over it.
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

#define OUTLINE_DEPTH 8

/* Pages recorded ahead of the one being written, at most. */
#define AHEAD 4

enum pdf_opk {
	OP_RGB, OP_WIDTH, OP_MOVE, OP_LINE, OP_RECT, OP_FILL, OP_STROKE,
	OP_SAVE, OP_RESTORE, OP_ROUND_CAP, OP_DASH, OP_SHOW, OP_TAG,
	OP_OUTLINE, OP_FIGURE, OP_RUN,
};

/* One recorded call. */
struct pdf_op {
	enum pdf_opk k;
	double v[6];
	guint at[3], n[3]; /* OP_SHOW: glyphs, clusters, bytes */
	int lv;            /* OP_OUTLINE */
	const char *name;  /* OP_TAG */
	char *s, *s2;      /* owned: attributes, outline title */
	void *ptr;         /* OP_SHOW: cairo_scaled_font_t * (referenced);
			      OP_FIGURE: struct pdf_block *; OP_RUN:
			      PangoGlyphItem * */
	void *lay;         /* OP_RUN: PangoLayout * (referenced) */
};

/* The main thread's side: the surface and the outline so far. */
struct emitter {
	struct pdf_doc *d;
	cairo_surface_t *s;
	cairo_t *cr;
	int outline[OUTLINE_DEPTH]; /* last item at each level */
};

/* A new call of kind K at the end of O. */
static struct pdf_op *
add(struct pdf_ops *o, enum pdf_opk k)
{
	struct pdf_op op = {.k = k};

	g_array_append_val(o->ops, op);
	return &g_array_index(o->ops, struct pdf_op, o->ops->len - 1);
}

/* A call of kind K with the numbers A, B, C, D. */
static void
add4(struct pdf_ops *o, enum pdf_opk k, double a, double b, double c,
     double d)
{
	struct pdf_op *op = add(o, k);

	op->v[0] = a, op->v[1] = b, op->v[2] = c, op->v[3] = d;
}

void
pdf_ops_rgb(struct pdf_ops *o, double r, double g, double b)
{
	add4(o, OP_RGB, r, g, b, 0);
}

void
pdf_ops_width(struct pdf_ops *o, double w)
{
	add4(o, OP_WIDTH, w, 0, 0, 0);
}

void
pdf_ops_move(struct pdf_ops *o, double x, double y)
{
	add4(o, OP_MOVE, x, y, 0, 0);
}

void
pdf_ops_line(struct pdf_ops *o, double x, double y)
{
	add4(o, OP_LINE, x, y, 0, 0);
}

void
pdf_ops_rect(struct pdf_ops *o, double x, double y, double w, double h)
{
	add4(o, OP_RECT, x, y, w, h);
}

void
pdf_ops_fill(struct pdf_ops *o)
{
	add(o, OP_FILL);
}

void
pdf_ops_stroke(struct pdf_ops *o)
{
	add(o, OP_STROKE);
}

void
pdf_ops_save(struct pdf_ops *o)
{
	add(o, OP_SAVE);
}

void
pdf_ops_restore(struct pdf_ops *o)
{
	add(o, OP_RESTORE);
}

void
pdf_ops_round_cap(struct pdf_ops *o)
{
	add(o, OP_ROUND_CAP);
}

void
pdf_ops_dash(struct pdf_ops *o, double on, double off)
{
	add4(o, OP_DASH, on, off, 0, 0);
}

void
pdf_ops_show(struct pdf_ops *o, cairo_scaled_font_t *f, double r, double g,
	     double b)
{
	struct pdf_op *op;

	if (o->glyphs->len == o->g0 && o->clusters->len == o->c0)
		return;
	op = add(o, OP_SHOW);
	op->v[0] = r, op->v[1] = g, op->v[2] = b;
	op->ptr = cairo_scaled_font_reference(f);
	op->at[0] = o->g0, op->n[0] = o->glyphs->len - o->g0;
	op->at[1] = o->c0, op->n[1] = o->clusters->len - o->c0;
	op->at[2] = o->u0, op->n[2] = (guint)o->utf8->len - o->u0;
	o->g0 = o->glyphs->len;
	o->c0 = o->clusters->len;
	o->u0 = (guint)o->utf8->len;
}

void
pdf_ops_tag(struct pdf_ops *o, const char *name, char *attrs)
{
	struct pdf_op *op = add(o, OP_TAG);

	op->name = name;
	op->s = attrs;
}

void
pdf_ops_outline(struct pdf_ops *o, int lv, const char *title, char *attrs)
{
	struct pdf_op *op = add(o, OP_OUTLINE);

	op->lv = lv;
	op->s = attrs;
	op->s2 = g_strdup(title);
}

void
pdf_ops_figure(struct pdf_ops *o, const struct pdf_block *b, double x,
	       double y)
{
	struct pdf_op *op = add(o, OP_FIGURE);

	op->ptr = (void *)b;
	op->v[0] = x, op->v[1] = y;
	o->exclusive = true;
}

void
pdf_ops_run(struct pdf_ops *o, PangoLayout *lay, PangoGlyphItem *run,
	    double x, double y, const struct pdf_rgb *c)
{
	struct pdf_op *op = add(o, OP_RUN);

	op->ptr = run;
	op->lay = g_object_ref(lay);
	op->v[0] = x, op->v[1] = y;
	op->v[2] = c->r, op->v[3] = c->g, op->v[4] = c->b;
	o->exclusive = true;
}

/* An empty recording. */
static struct pdf_ops *
ops_new(void)
{
	struct pdf_ops *o = g_new0(struct pdf_ops, 1);

	o->ops = g_array_new(FALSE, FALSE, sizeof(struct pdf_op));
	o->glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	o->clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
	o->utf8 = g_string_new(NULL);
	return o;
}

/* Empty O for the next page: what its calls hold is let go. */
static void
ops_clear(struct pdf_ops *o)
{
	for (guint i = 0; i < o->ops->len; i++) {
		struct pdf_op *op = &g_array_index(o->ops, struct pdf_op, i);
		if (op->k == OP_SHOW)
			cairo_scaled_font_destroy(op->ptr);
		if (op->lay != NULL)
			g_object_unref(op->lay);
		g_free(op->s);
		g_free(op->s2);
	}
	g_array_set_size(o->ops, 0);
	g_array_set_size(o->glyphs, 0);
	g_array_set_size(o->clusters, 0);
	g_string_truncate(o->utf8, 0);
	o->g0 = o->c0 = o->u0 = 0;
	o->exclusive = false;
}

/* Free O and what its calls hold. */
static void
ops_free(struct pdf_ops *o)
{
	ops_clear(o);
	g_array_free(o->ops, TRUE);
	g_array_free(o->glyphs, TRUE);
	g_array_free(o->clusters, TRUE);
	g_string_free(o->utf8, TRUE);
	g_free(o);
}

/* Replay OP (of O) on E's surface. */
static void
replay_op(struct emitter *e, const struct pdf_ops *o, const struct pdf_op *op)
{
	cairo_t *cr = e->cr;

	switch (op->k) {
	case OP_RGB: cairo_set_source_rgb(cr, op->v[0], op->v[1], op->v[2]);
		break;
	case OP_WIDTH: cairo_set_line_width(cr, op->v[0]); break;
	case OP_MOVE: cairo_move_to(cr, op->v[0], op->v[1]); break;
	case OP_LINE: cairo_line_to(cr, op->v[0], op->v[1]); break;
	case OP_RECT:
		cairo_rectangle(cr, op->v[0], op->v[1], op->v[2], op->v[3]);
		break;
	case OP_FILL: cairo_fill(cr); break;
	case OP_STROKE: cairo_stroke(cr); break;
	case OP_SAVE: cairo_save(cr); break;
	case OP_RESTORE: cairo_restore(cr); break;
	case OP_ROUND_CAP: cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND); break;
	case OP_DASH: cairo_set_dash(cr, op->v, 2, 0); break;
	case OP_SHOW:
		cairo_set_source_rgb(cr, op->v[0], op->v[1], op->v[2]);
		cairo_set_scaled_font(cr, op->ptr);
		cairo_show_text_glyphs(
			cr, o->utf8->str + op->at[2], (int)op->n[2],
			&g_array_index(o->glyphs, cairo_glyph_t, op->at[0]),
			(int)op->n[0],
			&g_array_index(o->clusters, cairo_text_cluster_t,
				       op->at[1]),
			(int)op->n[1], 0);
		break;
	case OP_TAG:
		cairo_tag_begin(cr, op->name, op->s);
		cairo_tag_end(cr, op->name);
		break;
	case OP_OUTLINE:
		e->outline[op->lv] = cairo_pdf_surface_add_outline(
			e->s, e->outline[op->lv - 1], op->s2, op->s,
			op->lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		for (int i = op->lv + 1; i < OUTLINE_DEPTH; i++)
			e->outline[i] = e->outline[op->lv];
		break;
	case OP_FIGURE: {
		struct pdf_block *b = op->ptr;
		cairo_save(cr);
		cairo_translate(cr, op->v[0], op->v[1]);
		b->draw(e->d, cr, e->d->text_w, b->space, b->draw_data);
		cairo_restore(cr);
		break;
	}
	case OP_RUN: {
		PangoGlyphItem *run = op->ptr;
		cairo_set_source_rgb(cr, op->v[2], op->v[3], op->v[4]);
		cairo_move_to(cr, op->v[0], op->v[1]);
		pango_cairo_show_glyph_item(cr, pango_layout_get_text(op->lay),
					    run);
		break;
	}
	}
}

/* Replay page O and close it. */
static void
replay(struct emitter *e, struct pdf_ops *o)
{
	for (guint i = 0; i < o->ops->len; i++)
		replay_op(e, o, &g_array_index(o->ops, struct pdf_op, i));
	cairo_show_page(e->cr);
}

/* The worker: records pages into the ops of FREE, hands them over in
 * READY. */
struct pipe {
	struct pdf_doc *d;
	struct painter *p;
	GAsyncQueue *ready, *free;
};

/* Wait until the main thread has given back O (and every page before
 * it): the pages it holds are drawn. */
static void
wait_drawn(struct pipe *pp, struct pdf_ops *o)
{
	struct pdf_ops *back[AHEAD];
	int n = 0;

	do
		back[n++] = g_async_queue_pop(pp->free);
	while (back[n - 1] != o);
	while (n > 0)
		g_async_queue_push(pp->free, back[--n]);
}

/* The worker's thread body: every page, in order. */
static gpointer
record_pages(gpointer data)
{
	struct pipe *pp = data;

	for (guint i = 0; i < pp->d->pages->len; i++) {
		struct pdf_ops *o = g_async_queue_pop(pp->free);
		pdf_paint_page(pp->p, o, (int)i + 1);
		g_async_queue_push(pp->ready, o);
		if (o->exclusive)
			wait_drawn(pp, o);
	}
	return NULL;
}

/* Every page of D onto E's surface: recorded in a worker thread when
 * there are processors for two, else in turn. */
static void
draw_pages(struct emitter *e)
{
	struct pdf_doc *d = e->d;
	struct pipe pp = {d, pdf_painter_new(d), NULL, NULL};
	GThread *th;

	if (d->nsh < 2) {
		struct pdf_ops *o = ops_new();
		for (guint i = 0; i < d->pages->len; i++) {
			pdf_paint_page(pp.p, o, (int)i + 1);
			replay(e, o);
			ops_clear(o);
		}
		ops_free(o);
		pdf_painter_free(pp.p);
		return;
	}
	pp.ready = g_async_queue_new();
	pp.free = g_async_queue_new();
	for (int k = 0; k < AHEAD; k++)
		g_async_queue_push(pp.free, ops_new());
	th = g_thread_new("paint", record_pages, &pp);
	for (guint i = 0; i < d->pages->len; i++) {
		struct pdf_ops *o = g_async_queue_pop(pp.ready);
		replay(e, o);
		ops_clear(o);
		g_async_queue_push(pp.free, o);
	}
	g_thread_join(th);
	for (int k = 0; k < AHEAD; k++)
		ops_free(g_async_queue_pop(pp.free));
	g_async_queue_unref(pp.ready);
	g_async_queue_unref(pp.free);
	pdf_painter_free(pp.p);
}

/* cairo's write function: to the FILE * CLOSURE. */
static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
						    : CAIRO_STATUS_WRITE_ERROR;
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

/* Draw every page of D onto the stream F.  Returns 0, or -1 with the
 * cairo status reported against NAME. */
static int
draw(struct pdf_doc *d, FILE *f, const char *name, const struct pdf_meta *m)
{
	struct emitter e = {0};
	cairo_status_t st;

	e.d = d;
	e.s = cairo_pdf_surface_create_for_stream(write_stream, f,
						  d->th.page_w, d->th.page_h);
	cairo_pdf_surface_restrict_to_version(e.s, CAIRO_PDF_VERSION_1_5);
	metadata(e.s, m);
	e.cr = cairo_create(e.s);
	/* a structure tree for the links' structure elements to live in:
	 * without one cairo 1.16 refers to elements it never writes */
	cairo_tag_begin(e.cr, "Document", NULL);
	draw_pages(&e);
	cairo_tag_end(e.cr, "Document");
	st = cairo_status(e.cr);
	cairo_destroy(e.cr);
	cairo_surface_finish(e.s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(e.s);
	cairo_surface_destroy(e.s);
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
	FILE *f = NULL;
	int fd, rc = -1;

	pdf_paginate(d);
	if ((fd = g_mkstemp(tmp)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		diag(S_WRITE, path, 0, 0, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (draw(d, f, path, m) < 0) {
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
