/*
 * pdf_page: the paginated blocks as cairo calls, recorded page by page
 * for pdf_emit.c to replay on the PDF surface — the running header and
 * folio, paragraphs line by line, tables with their header rows,
 * contents entries with leaders and page numbers — and the PDF features:
 * outline, named destinations and links.  It runs in a thread of its
 * own while the main thread writes the pages before (pdf_emit.h).
 */
#include <stdio.h>
#include <string.h>

#include "pdf_emit.h"

#define OUTLINE_DEPTH 8

/* Glyphs of consecutive runs gathered for one cairo call: the buffers
 * of the page's recording. */
struct glyphs {
	GArray *g;        /* cairo_glyph_t */
	GArray *cl;       /* cairo_text_cluster_t */
	GString *utf8;    /* the text of the glyphs, cluster by cluster */
	cairo_scaled_font_t *font;
	guint32 rgb;      /* 0xrrggbb */
};

struct painter {
	struct pdf_doc *d;
	struct pdf_ops *o;          /* the page being recorded */
	struct glyphs gs;           /* show_line's buffers */
	GHashTable *small;          /* "role|text" → PangoLayout *: running
				       headers, folios, markers, page
				       numbers, each shaped once */
	PangoFontDescription *chrome; /* running header and folio font */
	GArray *rules;              /* the page's thin rules: x0, y0, x1, y1 */
	PangoContext *ctx;          /* for those: the painter's own, as the
				       measuring threads may still be using
				       theirs */
};

/* Set the source colour to C. */
static void
rgb(struct painter *p, const struct pdf_rgb *c)
{
	pdf_ops_rgb(p->o, c->r, c->g, c->b);
}

/* Draw the glyphs gathered in GS with one cairo call. */
static void
flush(struct painter *p, struct glyphs *gs)
{
	pdf_ops_show(p->o, gs->font, (gs->rgb >> 16) / 255.0,
		     ((gs->rgb >> 8) & 0xff) / 255.0,
		     (gs->rgb & 0xff) / 255.0);
}

/*
 * A thin rule from X0, Y0 to X1, Y1 in the rule colour: the running
 * header's, headings', tables', the footnotes'.  All of a page's are
 * stroked as one path when the page is done (stroke_rules): each cairo
 * operation costs a pass of analysis, and a rule between two runs of
 * text breaks them into two text objects.  Rules cross no glyphs, so
 * drawing them last changes nothing on the page.
 */
static void
rule(struct painter *p, double x0, double y0, double x1, double y1)
{
	double r[4] = {x0, y0, x1, y1};

	g_array_append_vals(p->rules, r, 4);
}

/* The page's rules, one stroke. */
static void
stroke_rules(struct painter *p)
{
	const double *r = (const double *)p->rules->data;

	if (p->rules->len == 0)
		return;
	for (guint i = 0; i < p->rules->len; i += 4) {
		pdf_ops_move(p->o, r[i], r[i + 1]);
		pdf_ops_line(p->o, r[i + 2], r[i + 3]);
	}
	rgb(p, &p->d->th.line);
	pdf_ops_width(p->o, p->d->th.rule);
	pdf_ops_stroke(p->o);
	g_array_set_size(p->rules, 0);
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

/* RUN's decorations, from its attributes. */
enum { DEC_UNDER = 1, DEC_STRIKE = 2 };

static unsigned
run_decorations(const PangoGlyphItem *run)
{
	unsigned d = 0;

	for (GSList *a = run->item->analysis.extra_attrs; a != NULL;
	     a = a->next) {
		const PangoAttribute *at = a->data;
		if (at->klass->type == PANGO_ATTR_UNDERLINE &&
		    ((PangoAttrInt *)at)->value != PANGO_UNDERLINE_NONE)
			d |= DEC_UNDER;
		else if (at->klass->type == PANGO_ATTR_STRIKETHROUGH &&
			 ((PangoAttrInt *)at)->value)
			d |= DEC_STRIKE;
	}
	return d;
}

/*
 * Underline or strike through (DEC) the run of font F drawn from X0 to
 * X1 on baseline Y, in colour C: a filled bar, its place and thickness
 * from the font's extents (the strike through the middle of the em box,
 * where an ideograph's middle is).  Drawn as the glyphs are, since
 * show_line draws them itself and pango's own decorations with them.
 */
static void
decorate(struct painter *p, unsigned dec, cairo_scaled_font_t *f,
	 double x0, double x1, double y, guint32 c)
{
	cairo_font_extents_t e;
	double t;

	cairo_scaled_font_extents(f, &e);
	t = MAX(0.4, (e.ascent + e.descent) / 18);
	pdf_ops_rgb(p->o, (c >> 16) / 255.0, ((c >> 8) & 0xff) / 255.0,
		    (c & 0xff) / 255.0);
	if (dec & DEC_UNDER)
		pdf_ops_rect(p->o, x0, y + e.descent / 2 - t / 2, x1 - x0, t);
	if (dec & DEC_STRIKE)
		pdf_ops_rect(p->o, x0,
			     y - (e.ascent - e.descent) / 2 - t / 2, x1 - x0,
			     t);
	pdf_ops_fill(p->o);
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
	double x0;
	unsigned dec;

	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		cairo_scaled_font_t *f = pango_cairo_font_get_scaled_font(
			PANGO_CAIRO_FONT(run->item->analysis.font));
		guint32 c = run_colour(run);

		if (c == ~0u)
			c = pack(base);
		if (has_unknown(run)) { /* pango draws its hex box */
			flush(p, gs);
			pdf_ops_run(p->o, line->layout, run, x, y, base);
			x += (double)pango_glyph_string_get_width(run->glyphs) /
			     PANGO_SCALE;
			continue;
		}
		if (f != gs->font || c != gs->rgb) {
			flush(p, gs);
			gs->font = f;
			gs->rgb = c;
		}
		x0 = x;
		add_run(gs, text, run, &x,
			y - (double)run->y_offset / PANGO_SCALE);
		if ((dec = run_decorations(run)) != 0)
			decorate(p, dec, f, x0, x, y, c);
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
	lay = pango_layout_new(p->ctx);
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
		rule(p, th->left, y + 4, th->page_w - th->right, y + 4);
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

	if (!g_hash_table_contains(p->d->names, dest))
		return;
	a = g_strdup_printf("dest='%s' rect=[%.2f %.2f %.2f %.2f]", dest, x, y,
			    w, h);
	pdf_ops_tag(p->o, CAIRO_TAG_LINK, a);
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
	pdf_ops_tag(p->o, CAIRO_TAG_DEST, a);
	if (lv < 1 || lv >= OUTLINE_DEPTH || b->o.outline_title == NULL)
		return;
	pdf_ops_outline(p->o, lv, b->o.outline_title,
			g_strdup_printf("dest='%s'", b->o.dest));
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
	pdf_ops_save(p->o);
	rgb(p, &th->line);
	pdf_ops_width(p->o, 1);
	pdf_ops_round_cap(p->o);
	pdf_ops_dash(p->o, dash[0], dash[1]);
	pdf_ops_move(p->o, x, y);
	/* a little past the last dot, which rounding must not drop */
	pdf_ops_line(p->o, last + step / 4, y);
	pdf_ops_stroke(p->o);
	pdf_ops_restore(p->o);
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
		double y = y0 + ln[f->to - 1].base +
			   0.4 * th->role[b->role].size;
		rule(p, th->left + b->o.indent, y, th->left + p->d->text_w, y);
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
		rgb(p, &th->fill);
		pdf_ops_rect(p->o, th->left + b->indent, y,
				p->d->text_w - b->indent, h);
		pdf_ops_fill(p->o);
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

/* The rules of a table piece with row edges at EDGES (N of them). */
static void
draw_grid(struct painter *p, const struct pdf_block *b, const double *edges,
	  int n)
{
	const struct pdf_theme *th = &p->d->th;
	double x0 = th->left + b->indent, x1 = th->left + p->d->text_w;

	for (int i = 0; i < n; i++)
		rule(p, x0, edges[i], x1, edges[i]);
	for (int c = 0; c <= b->ncols; c++) {
		double x = c < b->ncols
				   ? th->left + pdf_table_x(p->d, b, c, NULL)
				   : x1;
		rule(p, x, edges[0], x, edges[n - 1]);
	}
}

/* A change bar in the left margin from Y0 to Y1 (page coordinates). */
static void
draw_bar(struct painter *p, double y0, double y1)
{
	const struct pdf_theme *th = &p->d->th;
	double x = th->left - th->bar_gap;

	flush(p, &p->gs);
	rgb(p, &th->em);
	pdf_ops_width(p->o, th->bar_width);
	pdf_ops_move(p->o, x, y0);
	pdf_ops_line(p->o, x, y1);
	pdf_ops_stroke(p->o);
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
	rule(p, th->left, th->top + f.y + th->note_gap / 2,
	     th->left + p->d->text_w / 3, th->top + f.y + th->note_gap / 2);
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
	pdf_ops_figure(p->o, b, p->d->th.left, p->d->th.top + f->y);
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
	stroke_rules(p);
}

/* See pdf_emit.h.  Pango is the worker's alone while it records. */
struct painter *
pdf_painter_new(struct pdf_doc *d)
{
	struct painter *p = g_new0(struct painter, 1);

	p->d = d;
	p->ctx = pdf_font_context(d->fonts_dir);
	if (p->ctx == NULL) /* reported; the fonts were read before */
		p->ctx = g_object_ref(d->ctx);
	p->small = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 g_object_unref);
	p->rules = g_array_new(FALSE, FALSE, sizeof(double));
	p->chrome = pango_font_description_copy(d->font[PDF_SMALL]);
	pango_font_description_set_family(p->chrome, d->th.sans);
	pango_font_description_set_size(p->chrome,
					(int)(d->th.chrome_size * PANGO_SCALE));
	return p;
}

void
pdf_painter_free(struct painter *p)
{
	g_hash_table_destroy(p->small);
	g_array_free(p->rules, TRUE);
	pango_font_description_free(p->chrome);
	g_object_unref(p->ctx);
	g_free(p);
}

/* See pdf_emit.h. */
void
pdf_paint_page(struct painter *p, struct pdf_ops *o, int num)
{
	p->o = o;
	o->page = num - 1;
	p->gs.g = o->glyphs;
	p->gs.cl = o->clusters;
	p->gs.utf8 = o->utf8;
	p->gs.font = NULL;
	draw_page(p, g_ptr_array_index(p->d->pages, num - 1), num);
}

