/*
 * pdf_emit: a page's cairo calls, recorded by the painter and replayed
 * on the PDF surface (see pdf_emit.h).
 */
#include <string.h>

#include <cairo-pdf.h>

#include "pdf_emit.h"

#define OUTLINE_DEPTH 8

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
struct pdf_ops *
pdf_ops_new(void)
{
	struct pdf_ops *o = g_new0(struct pdf_ops, 1);

	o->ops = g_array_new(FALSE, FALSE, sizeof(struct pdf_op));
	o->glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	o->clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
	o->utf8 = g_string_new(NULL);
	return o;
}

/* Empty O for the next page: what its calls hold is let go. */
void
pdf_ops_clear(struct pdf_ops *o)
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
void
pdf_ops_free(struct pdf_ops *o)
{
	pdf_ops_clear(o);
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
	case OP_OUTLINE: { /* added in page order at the end */
		struct outline it = {o->page, e->outlines->len, op->lv,
				     g_strdup(op->s2), g_strdup(op->s)};
		g_array_append_val(e->outlines, it);
		break;
	}
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

/* See pdf_emit.h. */
void
pdf_replay(struct emitter *e, struct pdf_ops *o)
{
	for (guint i = 0; i < o->ops->len; i++)
		replay_op(e, o, &g_array_index(o->ops, struct pdf_op, i));
	cairo_show_page(e->cr);
}

/* Outline items by page, then in the order they were recorded. */
static int
outline_cmp(const void *a, const void *b)
{
	const struct outline *x = a, *y = b;

	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* See pdf_emit.h. */
void
pdf_replay_outline(struct emitter *e)
{
	int last[OUTLINE_DEPTH] = {0}; /* last item at each level */

	g_array_sort(e->outlines, outline_cmp);
	for (guint i = 0; i < e->outlines->len; i++) {
		struct outline *it = &g_array_index(e->outlines,
						    struct outline, i);
		last[it->lv] = cairo_pdf_surface_add_outline(
			e->s, last[it->lv - 1], it->title, it->attrs,
			it->lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		for (int k = it->lv + 1; k < OUTLINE_DEPTH; k++)
			last[k] = last[it->lv];
		g_free(it->title);
		g_free(it->attrs);
	}
	g_array_set_size(e->outlines, 0);
}
