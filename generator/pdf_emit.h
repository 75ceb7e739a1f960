/*
 * pdf_emit: a page's cairo calls, recorded and replayed.
 *
 * cairo writes a page — replays it, analyses it, prints and compresses
 * its content — in cairo_show_page, and that is most of the time of
 * drawing a book; it cannot be shared between threads, since a PDF
 * surface is drawn page after page.  So the painter (pdf_page.c) walks
 * the layouts of a page in a worker thread and records the cairo calls
 * it would make; the main thread replays them, call for call, on the PDF
 * surface while the worker records the next pages.  The PDF is the one
 * direct drawing would give.
 *
 * A page that runs pango on the drawing side (a figure's drawing
 * function, a glyph missing from the fonts that pango draws as a box)
 * is "exclusive": the worker waits until it has been drawn, so that
 * pango is never used by two threads at once.
 */
#ifndef GP_PDF_EMIT_H
#define GP_PDF_EMIT_H

#include <stdbool.h>

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "pdf_priv.h"

/* A page's recorded calls, and the glyphs they show. */
struct pdf_ops {
	GArray *ops;        /* struct pdf_op */
	GArray *glyphs;     /* cairo_glyph_t */
	GArray *clusters;   /* cairo_text_cluster_t */
	GString *utf8;      /* the glyphs' text, cluster by cluster */
	guint g0, c0, u0;   /* the first glyph, cluster and byte not yet
			       shown (pdf_ops_show) */
	bool exclusive;
	guint page;         /* its index in d->pages */
};

/* Recording: each call stands for the cairo call of the same name. */
void pdf_ops_rgb(struct pdf_ops *o, double r, double g, double b);
void pdf_ops_width(struct pdf_ops *o, double w);
void pdf_ops_move(struct pdf_ops *o, double x, double y);
void pdf_ops_line(struct pdf_ops *o, double x, double y);
void pdf_ops_rect(struct pdf_ops *o, double x, double y, double w, double h);
void pdf_ops_fill(struct pdf_ops *o);
void pdf_ops_stroke(struct pdf_ops *o);
void pdf_ops_save(struct pdf_ops *o);
void pdf_ops_restore(struct pdf_ops *o);
void pdf_ops_round_cap(struct pdf_ops *o);
void pdf_ops_dash(struct pdf_ops *o, double on, double off);

/*
 * Source colour R, G, B, scaled font F and cairo_show_text_glyphs of the
 * glyphs, clusters and text appended to O since the last call.
 */
void pdf_ops_show(struct pdf_ops *o, cairo_scaled_font_t *f, double r,
		  double g, double b);

/* cairo_tag_begin and cairo_tag_end of NAME (static) with ATTRS (taken
 * over). */
void pdf_ops_tag(struct pdf_ops *o, const char *name, char *attrs);

/* An outline item of level LV (1…) titled TITLE (copied) for the link
 * attributes ATTRS (taken over), under the last item of level LV - 1. */
void pdf_ops_outline(struct pdf_ops *o, int lv, const char *title,
		     char *attrs);

/* Figure block B with its origin at X, Y.  Makes O exclusive. */
void pdf_ops_figure(struct pdf_ops *o, const struct pdf_block *b, double x,
		    double y);

/* pango_cairo_show_glyph_item of RUN of LAY (referenced until drawn) at
 * X, Y in colour C.  Makes O exclusive. */
void pdf_ops_run(struct pdf_ops *o, PangoLayout *lay, PangoGlyphItem *run,
		 double x, double y, const struct pdf_rgb *c);

/* A recording, empty; emptied for the next page (what its calls hold is
 * let go); freed. */
struct pdf_ops *pdf_ops_new(void);
void pdf_ops_clear(struct pdf_ops *o);
void pdf_ops_free(struct pdf_ops *o);

/* An outline item, kept until the pages are all written. */
struct outline {
	guint page, seq;
	int lv;
	char *title, *attrs;
};

/* The writing side: the surface, and the outline items met so far. */
struct emitter {
	struct pdf_doc *d;
	cairo_surface_t *s;
	cairo_t *cr;
	GArray *outlines; /* struct outline */
};

/* Replay page O on E's surface and close the page (cairo_show_page). */
void pdf_replay(struct emitter *e, struct pdf_ops *o);

/*
 * Add the outline items met in the pages replayed, in the order of the
 * pages they are on — which may not be the order the pages were written
 * in (pdf_write.c) — and, on a page, in the order they were recorded.
 */
void pdf_replay_outline(struct emitter *e);

/* The painter's entry point (pdf_page.c): page NUM (1-based) of D
 * recorded into O. */
struct painter;
struct painter *pdf_painter_new(struct pdf_doc *d);
void pdf_painter_free(struct painter *p);
void pdf_paint_page(struct painter *p, struct pdf_ops *o, int num);

#endif
