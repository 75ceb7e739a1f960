/*
 * pdf_page: drawing the paginated blocks on a cairo PDF surface — the
 * running header and folio, paragraphs line by line, tables with their
 * header rows, contents entries with leaders and page numbers — and the
 * PDF features: outline, named destinations, links and metadata.  The
 * file is written beside the target and renamed over it at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "diag.h"
#include "fsio.h"
#include "pdf_priv.h"

#define OUTLINE_DEPTH 8

/* Glyphs of consecutive runs gathered for one cairo call. */
struct glyphs {
	GArray *g;        /* cairo_glyph_t */
	GArray *cl;       /* cairo_text_cluster_t */
	GString *utf8;    /* the text of the glyphs, cluster by cluster */
	cairo_scaled_font_t *font;
	guint32 rgb;      /* 0xrrggbb */
};

struct painter {
	struct pdf_doc *d;
	cairo_surface_t *s;
	cairo_t *cr;
	int outline[OUTLINE_DEPTH]; /* last item at each level */
	struct glyphs gs;           /* show_line's buffers */
	GHashTable *small;          /* "role|text" → PangoLayout *: running
				       headers, folios, markers, page
				       numbers, each shaped once */
	PangoFontDescription *chrome; /* running header and folio font */
};

/* Set the source colour of CR to C. */
static void
rgb(cairo_t *cr, const struct pdf_rgb *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* Draw the glyphs gathered in GS with one cairo call and empty it. */
static void
flush(struct painter *p, struct glyphs *gs)
{
	if (gs->g->len > 0 || gs->cl->len > 0) {
		cairo_set_source_rgb(p->cr, (gs->rgb >> 16) / 255.0,
				     ((gs->rgb >> 8) & 0xff) / 255.0,
				     (gs->rgb & 0xff) / 255.0);
		cairo_set_scaled_font(p->cr, gs->font);
		cairo_show_text_glyphs(p->cr, gs->utf8->str, (int)gs->utf8->len,
				       (cairo_glyph_t *)gs->g->data,
				       (int)gs->g->len,
				       (cairo_text_cluster_t *)gs->cl->data,
				       (int)gs->cl->len, 0);
	}
	g_array_set_size(gs->g, 0);
	g_array_set_size(gs->cl, 0);
	g_string_truncate(gs->utf8, 0);
}

/* Colour C as 0xrrggbb. */
static guint32
pack(const struct pdf_rgb *c)
{
	return (guint32)(c->r * 255 + 0.5) << 16 |
	       (guint32)(c->g * 255 + 0.5) << 8 | (guint32)(c->b * 255 + 0.5);
}

/* The foreground colour of RUN as 0xrrggbb, or ~0 if it has none. */
static guint32
run_colour(const PangoGlyphItem *run)
{
	for (GSList *a = run->item->analysis.extra_attrs; a != NULL;
	     a = a->next) {
		const PangoAttribute *at = a->data;
		if (at->klass->type == PANGO_ATTR_FOREGROUND) {
			const PangoColor *c = &((PangoAttrColor *)at)->color;
			return (guint32)(c->red >> 8) << 16 |
			       (guint32)(c->green >> 8) << 8 | c->blue >> 8;
		}
	}
	return ~0u;
}

/*
 * Add RUN's glyphs from pen position *X on baseline Y to GS, with the
 * clusters that tie them to their text (so that the text extracts as
 * written: the reverse of the font's cmap would give Kangxi radicals for
 * some ideographs).
 */
static void
add_run(struct glyphs *gs, const char *text, const PangoGlyphItem *run,
	double *x, double y)
{
	const PangoGlyphString *str = run->glyphs;
	int off = run->item->offset, len = run->item->length;

	g_string_append_len(gs->utf8, text + off, len);
	*x += (double)run->start_x_offset / PANGO_SCALE;
	for (int i = 0; i < str->num_glyphs;) {
		int c0 = str->log_clusters[i], j = i;
		cairo_text_cluster_t cl = {0, 0};
		while (j < str->num_glyphs && str->log_clusters[j] == c0) {
			const PangoGlyphInfo *gi = &str->glyphs[j++];
			if (gi->glyph != PANGO_GLYPH_EMPTY &&
			    !(gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
				cairo_glyph_t g = {
					gi->glyph,
					*x + (double)gi->geometry.x_offset /
						     PANGO_SCALE,
					y + (double)gi->geometry.y_offset /
						    PANGO_SCALE};
				g_array_append_val(gs->g, g);
				cl.num_glyphs++;
			}
			*x += (double)gi->geometry.width / PANGO_SCALE;
		}
		cl.num_bytes = (j < str->num_glyphs ? str->log_clusters[j]
						    : len) - c0;
		if (cl.num_bytes > 0 || cl.num_glyphs > 0)
			g_array_append_val(gs->cl, cl);
		i = j;
	}
	*x += (double)run->end_x_offset / PANGO_SCALE;
}

/* Whether RUN has a character that no font in fonts/ has. */
static bool
has_unknown(const PangoGlyphItem *run)
{
	for (int i = 0; i < run->glyphs->num_glyphs; i++)
		if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return true;
	return false;
}

/*
 * Draw LINE with its baseline origin at X, Y in colour BASE (where its
 * runs have none of their own).  pango_cairo draws every run — and
 * Japanese text changes script, hence run, every few characters — with
 * a cairo call of its own, and each call costs cairo a recording, an
 * analysis and a replay; here consecutive runs in the same font and
 * colour go in one call — across lines too: the caller flushes at the
 * end of a paragraph — which more than halves the time of a book.
 */
static void
show_line(struct painter *p, PangoLayoutLine *line, double x, double y,
	  const struct pdf_rgb *base)
{
	struct glyphs *gs = &p->gs;
	const char *text = pango_layout_get_text(line->layout);

	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		cairo_scaled_font_t *f = pango_cairo_font_get_scaled_font(
			PANGO_CAIRO_FONT(run->item->analysis.font));
		guint32 c = run_colour(run);

		if (c == ~0u)
			c = pack(base);
		if (has_unknown(run)) { /* pango draws its hex box */
			flush(p, gs);
			rgb(p->cr, base);
			cairo_move_to(p->cr, x, y);
			pango_cairo_show_glyph_item(p->cr, text, run);
			x += (double)pango_glyph_string_get_width(run->glyphs) /
			     PANGO_SCALE;
			continue;
		}
		if (f != gs->font || c != gs->rgb) {
			flush(p, gs);
			gs->font = f;
			gs->rgb = c;
		}
		add_run(gs, text, run, &x,
			y - (double)run->y_offset / PANGO_SCALE);
	}
}

/* Every line of LAY, its top left at X, Y. */
static void
show_layout(struct painter *p, PangoLayout *lay, double x, double y,
	    const struct pdf_rgb *base)
{
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	PangoRectangle log;

	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		show_line(p, pango_layout_iter_get_line_readonly(it),
			  x + (double)log.x / PANGO_SCALE,
			  y + (double)pango_layout_iter_get_baseline(it) /
				      PANGO_SCALE, base);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/*
 * A one-line layout of S in ROLE's font, or in the chrome's if ROLE is
 * PDF_ROLE__MAX (cut short with an ellipsis at the text width).
 * Running headers, folios, list markers and page numbers repeat, so each
 * is shaped once and kept until the end; borrowed.
 */
static PangoLayout *
small_layout(struct painter *p, int role, const char *s)
{
	char *key = g_strdup_printf("%d|%s", role, s);
	PangoLayout *lay = g_hash_table_lookup(p->small, key);

	if (lay != NULL) {
		g_free(key);
		return lay;
	}
	lay = pango_layout_new(p->d->ctx);
	pango_layout_set_font_description(
		lay, role < PDF_ROLE__MAX ? p->d->font[role] : p->chrome);
	pango_layout_set_text(lay, s, -1);
	if (role == PDF_ROLE__MAX) {
		pango_layout_set_width(lay,
				       (int)(p->d->text_w * PANGO_SCALE));
		pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
	}
	g_hash_table_insert(p->small, key, lay);
	return lay;
}

/* Draw plain text S in the chrome style, aligned at X (left, centre or
 * right edge by ALIGN) on baseline Y, cut short with an ellipsis if it
 * is wider than the text block. */
static void
chrome_text(struct painter *p, const char *s, double x, double y,
	    enum pdf_align align)
{
	PangoLayout *lay = small_layout(p, PDF_ROLE__MAX, s);
	PangoRectangle log;

	pango_layout_get_extents(lay, NULL, &log);
	if (align == PDF_CENTER)
		x -= (double)log.width / PANGO_SCALE / 2;
	else if (align == PDF_RIGHT)
		x -= (double)log.width / PANGO_SCALE;
	show_layout(p, lay, x, y - (double)pango_layout_get_baseline(lay) /
					   PANGO_SCALE, &p->d->th.chrome);
	flush(p, &p->gs);
}

/* The running header (the part or section in force) and the folio. */
static void
draw_chrome(struct painter *p, const struct pdf_page *pg, int num)
{
	const struct pdf_theme *th = &p->d->th;
	char folio[16];
	double y = th->top - th->header;

	if (!pg->chrome)
		return;
	if (pg->mark != NULL) {
		chrome_text(p, pg->mark, th->left, y, PDF_LEFT);
		rgb(p->cr, &th->line);
		cairo_set_line_width(p->cr, th->rule);
		cairo_move_to(p->cr, th->left, y + 4);
		cairo_line_to(p->cr, th->page_w - th->right, y + 4);
		cairo_stroke(p->cr);
	}
	snprintf(folio, sizeof(folio), "%d", num);
	chrome_text(p, folio, th->page_w / 2, th->page_h - th->bottom +
		    th->footer, PDF_CENTER);
}

/*
 * Make the rectangle a link to the named destination DEST.  (cairo 1.16
 * writes links to later pages given as page=N without their target, so
 * links name the destination; anchor() defines it.)
 */
static void
link_rect(struct painter *p, const char *dest, double x, double y, double w,
	  double h)
{
	char *a;

	if (!g_hash_table_contains(p->d->dests, dest))
		return;
	a = g_strdup_printf("dest='%s' rect=[%.2f %.2f %.2f %.2f]", dest, x, y,
			    w, h);
	cairo_tag_begin(p->cr, CAIRO_TAG_LINK, a);
	cairo_tag_end(p->cr, CAIRO_TAG_LINK);
	g_free(a);
}

/* The destination, and the outline item, of a block's first line. */
static void
anchor(struct painter *p, const struct pdf_block *b, double x, double y)
{
	int lv = b->o.outline;

	if (b->o.dest == NULL)
		return;
	char *a = g_strdup_printf("name='%s' x=%.2f y=%.2f", b->o.dest, x,
				  y > 12 ? y - 12 : 0);
	cairo_tag_begin(p->cr, CAIRO_TAG_DEST, a);
	cairo_tag_end(p->cr, CAIRO_TAG_DEST);
	g_free(a);
	if (lv < 1 || lv >= OUTLINE_DEPTH || b->o.outline_title == NULL)
		return;
	a = g_strdup_printf("dest='%s'", b->o.dest);
	p->outline[lv] = cairo_pdf_surface_add_outline(
		p->s, p->outline[lv - 1], b->o.outline_title, a,
		lv == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	for (int i = lv + 1; i < OUTLINE_DEPTH; i++)
		p->outline[i] = p->outline[lv];
	g_free(a);
}

/* Links inside the lines [FROM, TO) of a paragraph drawn at X0, Y0. */
static void
text_links(struct painter *p, const struct pdf_block *b, PangoLayout *lay,
	   int from, int to, double x0, double y0)
{
	const struct pdf_line *ln = (const struct pdf_line *)b->lines->data;

	for (guint k = 0; k < b->text->links->len; k++) {
		const struct pdf_link *l =
			&g_array_index(b->text->links, struct pdf_link, k);
		for (int i = from; i < to; i++) {
			PangoLayoutLine *line =
				pango_layout_get_line_readonly(lay, i);
			int s = MAX(l->start, line->start_index);
			int e = MIN(l->end, line->start_index + line->length);
			int xs, xe;
			if (s >= e)
				continue;
			pango_layout_line_index_to_x(line, s, 0, &xs);
			pango_layout_line_index_to_x(line, e, 0, &xe);
			link_rect(p, l->dest,
				  x0 + ln[i].x + (double)xs / PANGO_SCALE,
				  y0 + ln[i].top,
				  (double)(xe - xs) / PANGO_SCALE,
				  ln[i].bottom - ln[i].top);
		}
	}
}

/*
 * A leader: dots of 1 pt on the grid X, X + step … (so that the leaders
 * of all entries line up) from FROM to before TO, on Y.  One stroke of a
 * dashed line with round caps — zero-length dashes, each a round dot —
 * rather than a circle path per dot: a contents page of circles is
 * hundreds of kilobytes of curves for cairo to print and compress.
 */
static void
leader(struct painter *p, double x, double from, double to, double y)
{
	const struct pdf_theme *th = &p->d->th;
	double step = th->leader_step, dash[2] = {0, step}, last;

	while (x < from)
		x += step;
	if (x >= to)
		return;
	last = x + step * (int)((to - x) / step);
	if (last >= to) /* to on the grid: that dot is not drawn */
		last -= step;
	flush(p, &p->gs);
	cairo_save(p->cr);
	rgb(p->cr, &th->line);
	cairo_set_line_width(p->cr, 1);
	cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_dash(p->cr, dash, 2, 0);
	cairo_move_to(p->cr, x, y);
	/* a little past the last dot, which rounding must not drop */
	cairo_line_to(p->cr, last + step / 4, y);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
}

/* The contents entry's leader dots and page number after line LAST. */
static void
toc_number(struct painter *p, const struct pdf_block *b,
	   const struct pdf_line *last, double x0, double base)
{
	const struct pdf_theme *th = &p->d->th;
	const struct pdf_dest *t = g_hash_table_lookup(p->d->dests, b->o.toc);
	char num[16];
	PangoLayout *lay;
	PangoRectangle log;
	double right = th->left + p->d->text_w, nx, step = th->leader_step;

	snprintf(num, sizeof(num), "%d", t ? t->page : 0);
	lay = small_layout(p, b->role, num);
	pango_layout_get_extents(lay, NULL, &log);
	nx = right - (double)log.width / PANGO_SCALE;
	show_layout(p, lay, nx,
		    base - (double)pango_layout_get_baseline(lay) / PANGO_SCALE,
		    &th->role[b->role].color);
	leader(p, right - step * (int)((right - x0 - last->x - last->width) /
				       step),
	       x0 + last->x + last->width + step / 2, nx - step / 2,
	       base - 0.6);
}

/* Lines [F->from, F->to) of paragraph B. */
static void
draw_para(struct painter *p, struct pdf_block *b, const struct pdf_frag *f)
{
	const struct pdf_theme *th = &p->d->th;
	const struct pdf_line *ln = (const struct pdf_line *)b->lines->data;
	PangoLayout *lay = b->lay;
	double x0 = th->left + b->o.indent + b->o.hang;
	double y0 = th->top + f->y - ln[f->from].top;

	if (f->from == 0)
		anchor(p, b, th->left + b->o.indent, y0);
	if (f->from == 0 && b->o.marker != NULL) { /* first: reading order */
		PangoLayout *m = small_layout(p, b->role, b->o.marker);
		show_layout(p, m, th->left + b->o.indent,
			    y0 + ln[0].base -
				    (double)pango_layout_get_baseline(m) /
					    PANGO_SCALE,
			    &th->role[b->role].color);
	}
	for (int i = f->from; i < f->to; i++)
		show_line(p, pango_layout_get_line_readonly(lay, i),
			  x0 + ln[i].x, y0 + ln[i].base,
			  &th->role[b->role].color);
	text_links(p, b, lay, f->from, f->to, x0, y0);
	if (b->o.toc != NULL && f->to == (int)b->lines->len) {
		const struct pdf_line *l = &ln[f->to - 1];
		toc_number(p, b, l, x0, y0 + l->base);
		link_rect(p, b->o.toc, x0, y0 + ln[f->from].top,
			  p->d->text_w - b->o.indent - b->o.hang,
			  l->bottom - ln[f->from].top);
	}
	if (f->to == (int)b->lines->len) { /* drawn in full */
		g_object_unref(b->lay);
		b->lay = NULL;
	}
	if (b->o.rule_below && f->to == (int)b->lines->len) {
		flush(p, &p->gs);
		double y = y0 + ln[f->to - 1].base +
			   0.4 * th->role[b->role].size;
		rgb(p->cr, &th->line);
		cairo_set_line_width(p->cr, th->rule);
		cairo_move_to(p->cr, th->left + b->o.indent, y);
		cairo_line_to(p->cr, th->left + p->d->text_w, y);
		cairo_stroke(p->cr);
	}
}

/*
 * The lines of LAY whose bottom is in (C0, C1] (C1 < 0: to the end),
 * the first of them at top Y, at X, in colour BASE.
 */
static void
show_piece(struct painter *p, PangoLayout *lay, double x, double y,
	   double c0, double c1, const struct pdf_rgb *base)
{
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	PangoRectangle log;
	double top;

	pdf_piece(lay, c0, c1, &top);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double bt = (double)(log.y + log.height) / PANGO_SCALE;
		if (bt <= c0 || (c1 >= 0 && bt > c1))
			continue;
		show_line(p, pango_layout_iter_get_line_readonly(it),
			  x + (double)log.x / PANGO_SCALE,
			  y - top + (double)pango_layout_iter_get_baseline(it) /
					    PANGO_SCALE, base);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/*
 * One table row R with its top at Y — or the piece (C0, C1] of it: its
 * fill, its cells' text and links.  Returns its height.
 */
static double
draw_row(struct painter *p, const struct pdf_block *b, int r, double y,
	 double c0, double c1)
{
	const struct pdf_theme *th = &p->d->th;
	double h = g_array_index(b->lines, double, r), w, x;
	bool head = r < b->nhead, piece = c0 > 0 || c1 >= 0;

	if (piece)
		h = pdf_row_piece(p->d, b, r, c0, c1);
	if (head) {
		flush(p, &p->gs);
		rgb(p->cr, &th->fill);
		cairo_rectangle(p->cr, th->left + b->indent, y,
				p->d->text_w - b->indent, h);
		cairo_fill(p->cr);
	}
	for (int c = 0; c < b->ncols; c++) {
		struct pdf_cell *cell =
			g_ptr_array_index(b->cells, r * b->ncols + c);
		const struct pdf_rgb *col =
			&th->role[head ? PDF_HEAD : PDF_CELL].color;
		x = th->left + pdf_table_x(p->d, b, c, &w);
		if (piece)
			show_piece(p, cell->lay, x + th->table_pad,
				   y + th->table_pad, c0, c1, col);
		else
			show_layout(p, cell->lay, x + th->table_pad,
				    y + th->table_pad, col);
		if (!head && c1 < 0) { /* drawn in full */
			g_object_unref(cell->lay);
			cell->lay = NULL;
		}
		if (cell->dest != NULL)
			link_rect(p, cell->dest, x, y, w, h);
	}
	return h;
}

/*
 * The rules of a table piece TOP to BOTTOM with row edges at EDGES (N of
 * them): one path, one stroke — each cairo operation costs an analysis
 * pass, so a grid of single strokes is slow.
 */
static void
draw_grid(struct painter *p, const struct pdf_block *b, const double *edges,
	  int n)
{
	const struct pdf_theme *th = &p->d->th;
	double x0 = th->left + b->indent, x1 = th->left + p->d->text_w;

	flush(p, &p->gs); /* the glyphs before the path */
	for (int i = 0; i < n; i++) {
		cairo_move_to(p->cr, x0, edges[i]);
		cairo_line_to(p->cr, x1, edges[i]);
	}
	for (int c = 0; c <= b->ncols; c++) {
		double x = c < b->ncols
				   ? th->left + pdf_table_x(p->d, b, c, NULL)
				   : x1;
		cairo_move_to(p->cr, x, edges[0]);
		cairo_line_to(p->cr, x, edges[n - 1]);
	}
	rgb(p->cr, &th->line);
	cairo_set_line_width(p->cr, th->rule);
	cairo_stroke(p->cr);
}

/* A change bar in the left margin from Y0 to Y1 (page coordinates). */
static void
draw_bar(struct painter *p, double y0, double y1)
{
	const struct pdf_theme *th = &p->d->th;
	double x = th->left - th->bar_gap;

	flush(p, &p->gs);
	rgb(p->cr, &th->em);
	cairo_set_line_width(p->cr, th->bar_width);
	cairo_move_to(p->cr, x, y0);
	cairo_line_to(p->cr, x, y1);
	cairo_stroke(p->cr);
}

/* The header rows and body rows [F->from, F->to) of a table. */
static void
draw_table(struct painter *p, const struct pdf_frag *f)
{
	const struct pdf_block *b = g_ptr_array_index(p->d->blocks, f->block);
	int nh = MIN(b->nhead, (int)b->lines->len), n = 0;
	double *edges = g_new(double, nh + (f->to - f->from) + 1);

	edges[n++] = p->d->th.top + f->y;
	for (int r = 0; r < nh; r++, n++)
		edges[n] = edges[n - 1] +
			   draw_row(p, b, r, edges[n - 1], 0, -1);
	for (int r = f->from; r < f->to; r++, n++)
		edges[n] = edges[n - 1] + draw_row(p, b, r, edges[n - 1],
						   f->c0, f->c1);
	draw_grid(p, b, edges, n);
	if (b->bar)
		draw_bar(p, edges[0], edges[n - 1]);
	g_free(edges);
}

/* The height of all the lines of paragraph B. */
static double
line_span_of(const struct pdf_block *b)
{
	const struct pdf_line *l = (const struct pdf_line *)b->lines->data;

	return l[b->lines->len - 1].bottom - l[0].top;
}

/* The footnotes of page PG at its foot, under a short rule. */
static void
draw_notes(struct painter *p, const struct pdf_page *pg)
{
	const struct pdf_theme *th = &p->d->th;
	struct pdf_frag f = {0, 0, 0, p->d->text_h - pg->notes_h, 0, -1};

	if (pg->notes->len == 0)
		return;
	flush(p, &p->gs);
	rgb(p->cr, &th->line);
	cairo_set_line_width(p->cr, th->rule);
	cairo_move_to(p->cr, th->left, th->top + f.y + th->note_gap / 2);
	cairo_line_to(p->cr, th->left + p->d->text_w / 3,
		      th->top + f.y + th->note_gap / 2);
	cairo_stroke(p->cr);
	f.y += th->note_gap;
	for (guint i = 0; i < pg->notes->len; i++) {
		struct pdf_block *n = g_ptr_array_index(pg->notes, i);
		f.to = (int)n->lines->len;
		draw_para(p, n, &f);
		f.y += line_span_of(n) + th->role[n->role].after;
	}
}

/* The height of fragment F of block B on its page. */
static double
frag_height(const struct pdf_block *b, const struct pdf_frag *f)
{
	const struct pdf_line *ln;

	if (b->kind == PDF_K_FIGURE)
		return b->space;
	ln = (const struct pdf_line *)b->lines->data;
	return ln[f->to - 1].bottom - ln[f->from].top;
}

/* A figure: its drawing function, with the origin at its corner. */
static void
draw_figure(struct painter *p, const struct pdf_block *b,
	    const struct pdf_frag *f)
{
	flush(p, &p->gs);
	cairo_save(p->cr);
	cairo_translate(p->cr, p->d->th.left, p->d->th.top + f->y);
	b->draw(p->d, p->cr, p->d->text_w, b->space, b->draw_data);
	cairo_restore(p->cr);
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

/* Page PG, numbered NUM: its chrome and its pieces of blocks. */
static void
draw_page(struct painter *p, const struct pdf_page *pg, int num)
{
	draw_chrome(p, pg, num);
	for (guint i = 0; i < pg->frags->len; i++) {
		const struct pdf_frag *f =
			&g_array_index(pg->frags, struct pdf_frag, i);
		struct pdf_block *b = g_ptr_array_index(p->d->blocks, f->block);
		double y = p->d->th.top + f->y;

		if (b->kind == PDF_K_TABLE) {
			draw_table(p, f);
			continue; /* it draws its own bar */
		}
		/* before drawing: a paragraph drawn in full lets its
		 * layout go, and with it its lines */
		if (b->bar)
			draw_bar(p, y, y + frag_height(b, f));
		if (b->kind == PDF_K_FIGURE)
			draw_figure(p, b, f);
		else
			draw_para(p, b, f);
	}
	draw_notes(p, pg);
	flush(p, &p->gs);
	cairo_show_page(p->cr);
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
	struct painter p = {0};
	cairo_status_t st;

	p.d = d;
	p.s = cairo_pdf_surface_create_for_stream(write_stream, f,
						  d->th.page_w, d->th.page_h);
	cairo_pdf_surface_restrict_to_version(p.s, CAIRO_PDF_VERSION_1_5);
	metadata(p.s, m);
	p.cr = cairo_create(p.s);
	p.gs.g = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	p.gs.cl = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
	p.gs.utf8 = g_string_new(NULL);
	p.small = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					g_object_unref);
	p.chrome = pango_font_description_copy(d->font[PDF_SMALL]);
	pango_font_description_set_family(p.chrome, d->th.sans);
	pango_font_description_set_size(p.chrome,
					(int)(d->th.chrome_size * PANGO_SCALE));
	/* a structure tree for the links' structure elements to live in:
	 * without one cairo 1.16 refers to elements it never writes */
	cairo_tag_begin(p.cr, "Document", NULL);
	for (guint i = 0; i < d->pages->len; i++)
		draw_page(&p, g_ptr_array_index(d->pages, i), (int)i + 1);
	cairo_tag_end(p.cr, "Document");
	g_array_free(p.gs.g, TRUE);
	g_array_free(p.gs.cl, TRUE);
	g_string_free(p.gs.utf8, TRUE);
	g_hash_table_destroy(p.small);
	pango_font_description_free(p.chrome);
	st = cairo_status(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(p.s);
	cairo_surface_destroy(p.s);
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
