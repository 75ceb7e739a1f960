/*
 * pdf_flow: measuring the blocks (in threads) and breaking them into
 * pages — orphans and widows, keep-with-next, tables between rows with
 * their header repeated, rows taller than a page cut between lines.
 */
#include "pdf_priv.h"

/* Orphans and widows: lines a paragraph keeps together at a break. */
#define KEEP_LINES 2

/* Measure paragraph B: the extents of its lines. */
static void
measure_para(struct pdf_doc *d, struct pdf_shaper *sh, struct pdf_block *b)
{
	PangoLayout *lay = pdf_para_layout(d, sh, b);
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	PangoRectangle log;
	int y0, y1;

	const struct pdf_style *st = &d->th.role[b->role];
	double pitch = st->size * st->leading, half;

	/* pango spaces the lines pitch apart but gives each only its
	 * glyphs' height; a line's box here is the full pitch, half the
	 * leading above and half below, so that every line of a role takes
	 * the same room whatever paragraph it ends or begins */
	b->lines = g_array_new(FALSE, FALSE, sizeof(struct pdf_line));
	do {
		struct pdf_line l;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &log);
		half = MAX(0, pitch - (double)(y1 - y0) / PANGO_SCALE) / 2;
		l.top = (double)y0 / PANGO_SCALE - half;
		l.bottom = (double)y1 / PANGO_SCALE + half;
		l.base = (double)pango_layout_iter_get_baseline(it) /
			 PANGO_SCALE;
		l.x = (double)log.x / PANGO_SCALE;
		l.width = (double)log.width / PANGO_SCALE;
		l.start = pango_layout_iter_get_line_readonly(it)->start_index;
		l.len = pango_layout_iter_get_line_readonly(it)->length;
		g_array_append_val(b->lines, l);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	b->lay = lay;
	for (guint k = 0; b->notes != NULL && k < b->notes->len; k++)
		measure_para(d, sh, g_ptr_array_index(b->notes, k));
}

/* Measure table B: the height of each row, padding included. */
static void
measure_table(struct pdf_doc *d, struct pdf_shaper *sh, struct pdf_block *b)
{
	int nrows = (int)b->cells->len / b->ncols;
	PangoRectangle log;

	b->lines = g_array_new(FALSE, FALSE, sizeof(double));
	for (int r = 0; r < nrows; r++) {
		double h = 0;
		for (int c = 0; c < b->ncols; c++) {
			struct pdf_cell *cell =
				g_ptr_array_index(b->cells, r * b->ncols + c);
			PangoLayout *lay = pdf_cell_layout(d, sh, b, c,
							   cell->t,
							   r < b->nhead);
			pango_layout_get_extents(lay, NULL, &log);
			if ((double)log.height / PANGO_SCALE > h)
				h = (double)log.height / PANGO_SCALE;
			cell->lay = lay;
		}
		h += 2 * d->th.table_pad;
		g_array_append_val(b->lines, h);
	}
}

/* Height of lines [FROM, TO) of paragraph B, leading included. */
static double
line_span(const struct pdf_block *b, int from, int to)
{
	const struct pdf_line *l = (const struct pdf_line *)b->lines->data;

	return l[to - 1].bottom - l[from].top;
}

/* Height of rows [FROM, TO) of table B. */
static double
row_sum(const struct pdf_block *b, int from, int to)
{
	double h = 0;

	for (int i = from; i < to; i++)
		h += g_array_index(b->lines, double, i);
	return h;
}

/* Height of the least of block B that may start a page: its first
 * lines, or its header and first row, or all of a keep block. */
static double
first_need(const struct pdf_doc *d, const struct pdf_block *b)
{
	int n = b->lines != NULL ? (int)b->lines->len : 0;

	if (b->kind == PDF_K_FIGURE)
		return b->space;
	if (b->kind == PDF_K_TABLE)
		return row_sum(b, 0, MIN(n, b->nhead + 1));
	if (b->o.keep || n <= KEEP_LINES * 2)
		return line_span(b, 0, n) + d->th.role[b->role].after;
	return line_span(b, 0, KEEP_LINES);
}

/* The height block I needs at the bottom of a page: itself and, while
 * blocks are kept with the next, the start of the next. */
static double
keep_need(const struct pdf_doc *d, guint i)
{
	double h = 0;

	for (guint j = i; j < d->blocks->len; j++) {
		const struct pdf_block *b = g_ptr_array_index(d->blocks, j);
		if (b->kind == PDF_K_BREAK)
			break;
		if (b->kind == PDF_K_SPACE) {
			h += b->space;
			continue;
		}
		if (j > i) /* the space above the next block */
			h += b->kind == PDF_K_TABLE ? d->th.table_before
						    : d->th.role[b->role].before;
		h += first_need(d, b);
		if (b->kind != PDF_K_PARA || !b->o.keep)
			break;
	}
	return h;
}

/* The height of footnote block N on a page. */
static double
note_height(const struct pdf_doc *d, const struct pdf_block *n)
{
	return line_span(n, 0, (int)n->lines->len) + d->th.role[n->role].after;
}

/*
 * The height the footnotes referred to from lines [FROM, TO) of B add to
 * a page whose footnotes are NOTES_H high already (the gap above the
 * first footnote included).
 */
static double
notes_need(const struct pdf_doc *d, const struct pdf_block *b, int from,
	   int to, double notes_h)
{
	const struct pdf_line *l = (const struct pdf_line *)b->lines->data;
	int s = l[from].start, e = l[to - 1].start + l[to - 1].len;
	double h = 0;

	for (guint k = 0; b->notes != NULL && k < b->notes->len; k++) {
		const struct pdf_block *n = g_ptr_array_index(b->notes, k);
		if (n->note_at >= s && n->note_at < e)
			h += note_height(d, n);
	}
	return h > 0 && notes_h == 0 ? h + d->th.note_gap : h;
}

/* Pagination state. */
struct pager {
	struct pdf_doc *d;
	struct pdf_page *page;
	const char *mark;
	double y;
};

/* Start a page: it inherits the running header in force. */
static void
new_page(struct pager *p)
{
	struct pdf_page *pg = g_new0(struct pdf_page, 1);

	pg->frags = g_array_new(FALSE, FALSE, sizeof(struct pdf_frag));
	pg->notes = g_ptr_array_new();
	pg->mark = p->mark;
	pg->chrome = !(p->d->cover && p->d->pages->len == 0);
	g_ptr_array_add(p->d->pages, pg);
	p->page = pg;
	p->y = 0;
}

/*
 * Put lines or rows [FROM, TO) of block I on the current page at the
 * current height; record its destination and running header.
 */
static void
place(struct pager *p, guint i, int from, int to, double c0, double c1)
{
	struct pdf_block *b = g_ptr_array_index(p->d->blocks, i);
	struct pdf_frag f = {i, from, to, p->y, c0, c1};

	g_array_append_val(p->page->frags, f);
	if (from == 0 && b->o.dest != NULL) {
		struct pdf_dest *dst = g_new(struct pdf_dest, 1);
		dst->page = (int)p->d->pages->len;
		dst->x = p->d->th.left + b->o.indent;
		dst->y = p->d->th.top + p->y;
		g_hash_table_replace(p->d->dests, (char *)b->o.dest, dst);
	}
	if (from == 0 && b->o.mark != NULL) {
		p->mark = b->o.mark;
		if (p->page->frags->len == 1 || p->page->mark == NULL)
			p->page->mark = b->o.mark;
	}
}

/* The height left for text on the current page: its footnotes' room
 * is taken off the bottom. */
static double
room(const struct pager *p)
{
	return p->d->text_h - p->page->notes_h;
}

/* Put lines [FROM, TO) of paragraph I on the page, and at its foot the
 * footnotes they refer to. */
static void
place_lines(struct pager *p, guint i, int from, int to)
{
	struct pdf_block *b = g_ptr_array_index(p->d->blocks, i);
	const struct pdf_line *l = (const struct pdf_line *)b->lines->data;
	int s = l[from].start, e = l[to - 1].start + l[to - 1].len;

	place(p, i, from, to, 0, -1);
	p->y += line_span(b, from, to);
	for (guint k = 0; b->notes != NULL && k < b->notes->len; k++) {
		struct pdf_block *n = g_ptr_array_index(b->notes, k);
		if (n->note_at < s || n->note_at >= e)
			continue;
		if (p->page->notes->len == 0)
			p->page->notes_h += p->d->th.note_gap;
		g_ptr_array_add(p->page->notes, n);
		p->page->notes_h += note_height(p->d, n);
	}
}

/* How many lines of paragraph B from FROM fit the current page, with
 * the footnotes they bring. */
static int
lines_fit(const struct pager *p, const struct pdf_block *b, int from)
{
	int n = (int)b->lines->len, fit = 0;

	while (from + fit < n &&
	       p->y + line_span(b, from, from + fit + 1) +
			       notes_need(p->d, b, from, from + fit + 1,
					  p->page->notes_h) <=
		       room(p))
		fit++;
	return fit;
}

/* Break paragraph I into pages from the current position. */
static void
flow_para(struct pager *p, guint i)
{
	struct pdf_block *b = g_ptr_array_index(p->d->blocks, i);
	int n = (int)b->lines->len, from = 0;

	while (from < n) {
		int fit = lines_fit(p, b, from);
		if (fit == n - from) {
			place_lines(p, i, from, n);
			return;
		}
		if (n - from - fit < KEEP_LINES)
			fit = n - from - KEEP_LINES;
		if (fit < KEEP_LINES && !(p->y == 0 && fit > 0))
			fit = 0;
		if (fit == 0 && p->y == 0) /* a line taller than a page */
			fit = 1;
		if (fit > 0) {
			place_lines(p, i, from, from + fit);
			from += fit;
		}
		new_page(p);
	}
}

double
pdf_piece(PangoLayout *lay, double c0, double c1, double *top)
{
	PangoLayoutIter *it = pango_layout_get_iter(lay);
	PangoRectangle log;
	double first = -1, last = 0;

	do {
		pango_layout_iter_get_line_extents(it, NULL, &log);
		double t = (double)log.y / PANGO_SCALE;
		double bt = (double)(log.y + log.height) / PANGO_SCALE;
		if (bt <= c0 || (c1 >= 0 && bt > c1))
			continue;
		if (first < 0)
			first = t;
		last = bt;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (top != NULL)
		*top = first < 0 ? 0 : first;
	return first < 0 ? 0 : last - first;
}

double
pdf_row_piece(const struct pdf_doc *d, const struct pdf_block *b, int r,
	      double c0, double c1)
{
	double h = 0;

	for (int c = 0; c < b->ncols; c++) {
		struct pdf_cell *cell =
			g_ptr_array_index(b->cells, r * b->ncols + c);
		h = MAX(h, pdf_piece(cell->lay, c0, c1, NULL));
	}
	return h + 2 * d->th.table_pad;
}

/* The top of the first line ending after C0 in any cell of row R: a
 * piece from C0 spans from there. */
static double
row_top(const struct pdf_block *b, int r, double c0)
{
	double t = -1, top;

	for (int c = 0; c < b->ncols; c++) {
		struct pdf_cell *cell =
			g_ptr_array_index(b->cells, r * b->ncols + c);
		if (pdf_piece(cell->lay, c0, -1, &top) > 0 && (t < 0 || top < t))
			t = top;
	}
	return t < 0 ? c0 : t;
}

/*
 * Break row R of table I, taller than a page, into pieces: each page
 * (under the header HEAD high) takes the lines of every cell that end
 * within its room, so a cell's long note runs on over pages.
 */
static void
flow_tall_row(struct pager *p, guint i, int r, double head)
{
	struct pdf_block *b = g_ptr_array_index(p->d->blocks, i);
	double pad2 = 2 * p->d->th.table_pad, c0 = 0;
	double total = g_array_index(b->lines, double, r) - pad2;

	for (;;) {
		double rm = room(p) - p->y - head - pad2;
		double c1 = row_top(b, r, c0) + rm, h;
		if (total <= c1) {
			place(p, i, r, r + 1, c0, -1);
			p->y += head + pdf_row_piece(p->d, b, r, c0, -1);
			return;
		}
		h = pdf_row_piece(p->d, b, r, c0, c1);
		if (h <= pad2 && p->y > 0) { /* not one line fits here */
			new_page(p);
			continue;
		}
		if (h <= pad2) /* a line taller than a page: give up */
			c1 = -1;
		place(p, i, r, r + 1, c0, c1);
		p->y += head + (c1 < 0 ? pdf_row_piece(p->d, b, r, c0, -1) : h);
		if (c1 < 0)
			return;
		c0 = c1;
		new_page(p);
	}
}

/* Break table I into pages between rows, repeating its header. */
static void
flow_table(struct pager *p, guint i)
{
	struct pdf_block *b = g_ptr_array_index(p->d->blocks, i);
	int n = (int)b->lines->len, nh = MIN(b->nhead, n), from = nh;
	double head = row_sum(b, 0, nh);

	while (from < n || from == nh) {
		int to = from;
		while (to < n &&
		       p->y + head + row_sum(b, from, to + 1) <= room(p))
			to++;
		if (to == from && to < n && p->y > 0) {
			new_page(p);
			continue;
		}
		if (to == from && to < n) { /* a row taller than a page */
			flow_tall_row(p, i, from, head);
			if (++from >= n)
				return;
			new_page(p);
			continue;
		}
		place(p, i, from, to, 0, -1);
		p->y += head + row_sum(b, from, to);
		if (to >= n)
			return;
		from = to;
		new_page(p);
	}
}

/* Place block I at the current position. */
static void
flow(struct pager *p, guint i)
{
	struct pdf_doc *d = p->d;
	struct pdf_block *b = g_ptr_array_index(d->blocks, i);
	double before, after;

	if (b->kind == PDF_K_BREAK) {
		if (p->page->frags->len > 0)
			new_page(p);
		return;
	}
	if (b->kind == PDF_K_SPACE) {
		if (p->y > 0)
			p->y += b->space;
		return;
	}
	if (b->kind == PDF_K_FIGURE) {
		struct pdf_frag fr = {i, 0, 1, 0, 0, -1};
		if (p->y > 0 && p->y + b->space > room(p))
			new_page(p);
		fr.y = p->y;
		g_array_append_val(p->page->frags, fr);
		p->y += b->space;
		return;
	}
	before = b->kind == PDF_K_TABLE ? d->th.table_before
					 : d->th.role[b->role].before;
	after = b->kind == PDF_K_TABLE ? d->th.table_after
					: d->th.role[b->role].after;
	if (p->y > 0 && p->y + before + keep_need(d, i) > room(p))
		new_page(p);
	if (p->y > 0)
		p->y += before;
	if (b->kind == PDF_K_TABLE)
		flow_table(p, i);
	else
		flow_para(p, i);
	p->y += after;
}

/* What one measuring thread does: the next block not yet taken, until
 * none is left, with shaper SH. */
struct measure_job {
	struct pdf_doc *d;
	struct pdf_shaper *sh;
	gint *next; /* the next block to take, shared */
};

/*
 * Thread body: measure blocks of job DATA.  Returns NULL.  Blocks are
 * taken one at a time rather than dealt out in advance: a thread that
 * fell behind (a long table, the other engineer's build on the same
 * processor) leaves the rest to the other, so both end together.  Which
 * thread measured a block does not show in the PDF: cairo gives both
 * shapers the same fonts.
 */
static gpointer
measure_blocks(gpointer data)
{
	struct measure_job *j = data;
	struct pdf_doc *d = j->d;
	guint i;

	while ((i = (guint)g_atomic_int_add(j->next, 1)) < d->blocks->len) {
		struct pdf_block *b = g_ptr_array_index(d->blocks, i);
		if (b->kind == PDF_K_PARA)
			measure_para(d, j->sh, b);
		else if (b->kind == PDF_K_TABLE)
			measure_table(d, j->sh, b);
		g_atomic_int_set(&b->measured, 1);
		g_mutex_lock(&d->mu);
		g_cond_broadcast(&d->cond);
		g_mutex_unlock(&d->mu);
	}
	return NULL;
}

/*
 * See pdf_priv.h.  Measuring is shared between threads; breaking
 * into pages is sequential.
 */
void
pdf_paginate(struct pdf_doc *d)
{
	struct pager p = {d, NULL, NULL, 0};
	struct measure_job jobs[PDF_SHAPERS];
	GThread *th[PDF_SHAPERS] = {NULL};
	gint next = 0;

	for (int k = 0; k < d->nsh; k++) {
		jobs[k] = (struct measure_job){d, &d->sh[k], &next};
		if (k > 0)
			th[k] = g_thread_new("measure", measure_blocks,
					     &jobs[k]);
	}
	measure_blocks(&jobs[0]);
	for (int k = 1; k < d->nsh; k++)
		g_thread_join(th[k]);
	new_page(&p);
	for (guint i = 0; i < d->blocks->len; i++)
		flow(&p, i);
}

struct pdf_flow {
	struct pager p;
	guint next;   /* the next block to place */
	gint taken;   /* the next block to measure */
	struct measure_job jobs[PDF_SHAPERS];
	GThread *th[PDF_SHAPERS];
};

/* Wait until block I of D is measured. */
static void
wait_measured(struct pdf_doc *d, guint i)
{
	struct pdf_block *b = g_ptr_array_index(d->blocks, i);

	if (g_atomic_int_get(&b->measured))
		return;
	g_mutex_lock(&d->mu);
	while (!g_atomic_int_get(&b->measured))
		g_cond_wait(&d->cond, &d->mu);
	g_mutex_unlock(&d->mu);
}

/* See pdf_priv.h.  The caller's thread only places blocks. */
struct pdf_flow *
pdf_flow_start(struct pdf_doc *d)
{
	struct pdf_flow *f = g_new0(struct pdf_flow, 1);

	f->p = (struct pager){d, NULL, NULL, 0};
	for (int k = 0; k < d->nsh; k++) {
		f->jobs[k] = (struct measure_job){d, &d->sh[k], &f->taken};
		f->th[k] = g_thread_new("measure", measure_blocks, &f->jobs[k]);
	}
	new_page(&f->p);
	return f;
}

/* See pdf_priv.h.  Placing block I looks at the blocks it is kept with
 * (keep_need), so those must be measured too. */
bool
pdf_flow_next(struct pdf_flow *f)
{
	struct pdf_doc *d = f->p.d;

	if (f->next >= d->blocks->len)
		return false;
	for (guint j = f->next; j < d->blocks->len; j++) {
		const struct pdf_block *b = g_ptr_array_index(d->blocks, j);
		wait_measured(d, j);
		if (b->kind == PDF_K_BREAK)
			break;
		if (b->kind != PDF_K_SPACE &&
		    (b->kind != PDF_K_PARA || !b->o.keep))
			break;
	}
	flow(&f->p, f->next++);
	return true;
}

/* See pdf_priv.h. */
void
pdf_flow_end(struct pdf_flow *f)
{
	for (int k = 0; k < f->p.d->nsh; k++)
		g_thread_join(f->th[k]);
	g_free(f);
}
