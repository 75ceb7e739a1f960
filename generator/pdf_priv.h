/*
 * pdf_priv: what the typesetter's files share (pdf_theme.c, pdf_font.c,
 * pdf_layout.c, pdf_flow.c, pdf_page.c, pdf_emit.c, pdf_write.c).  Not
 * for writers: they use pdf_layout.h.
 */
#ifndef GP_PDF_PRIV_H
#define GP_PDF_PRIV_H

#include <stdbool.h>

#include <glib.h>
#include <pango/pangocairo.h>

#include "pdf_layout.h"

struct pdf_rgb {
	double r, g, b;
};

struct pdf_style {
	bool sans;
	double size, leading, before, after;
	struct pdf_rgb color;
};

/* themes/default/book.yaml, lengths in points. */
struct pdf_theme {
	double page_w, page_h;
	double top, bottom, left, right; /* margins */
	double header, footer; /* header and folio baselines off the block */
	double chrome_size;    /* running header and folio */
	double list_indent, table_pad, table_before, table_after;
	double rule, leader_step;
	double bar_gap, bar_width; /* change bars: off the text, thickness */
	double note_gap;       /* between the text and the footnotes */
	char *serif, *sans;    /* font families */
	struct pdf_rgb text, accent, em, muted, link, line, fill, chrome;
	struct pdf_style role[PDF_ROLE__MAX];
};

/*
 * Read DIR/book.yaml into T (zeroed by the caller).  Returns 0, or -1
 * after reporting with diag().  pdf_theme_clear frees what T owns.
 */
int pdf_theme_load(struct pdf_theme *t, const char *dir);
void pdf_theme_clear(struct pdf_theme *t);

/*
 * A pango context that sees only the fonts in DIR (and DIR/fonts.conf if
 * there is one), at 72 units per inch, unhinted.  Returns NULL after
 * reporting with diag(); the caller unrefs the context.
 */
PangoContext *pdf_font_context(const char *dir);

struct pdf_link {
	int start, end; /* byte offsets */
	char *dest;
};

/* A styled run: PDF_EM… bits, resolved against the theme at layout. */
struct pdf_span {
	int start, end;
	unsigned style;
};

struct pdf_note {
	int at;      /* byte offset of the reference */
	char *mark;
	struct pdf_text *t;
};

struct pdf_text {
	GString *s;
	PangoAttrList *attrs; /* shape: superscripts */
	GArray *links;        /* struct pdf_link */
	GArray *spans;        /* struct pdf_span */
	GPtrArray *notes;     /* struct pdf_note *, or NULL */
};

/* One line of a laid-out paragraph, in points from the layout's top. */
struct pdf_line {
	double top, bottom, base, x, width;
	int start, len; /* its bytes in the text */
};

struct pdf_cell {
	struct pdf_text *t;
	char *dest;
	PangoLayout *lay; /* from measuring until drawn */
};

enum pdf_kind {
	PDF_K_PARA,
	PDF_K_TABLE,
	PDF_K_SPACE,
	PDF_K_BREAK,
	PDF_K_FIGURE, /* a drawing of height 'space' */
};

struct pdf_block {
	enum pdf_kind kind;
	enum pdf_role role;
	struct pdf_text *text;
	struct pdf_para_opts o;  /* its strings owned */
	double space;            /* PDF_K_SPACE */
	int ncols, nhead;        /* PDF_K_TABLE */
	struct pdf_col *cols;
	double indent;
	GPtrArray *cells;        /* struct pdf_cell *, row-major */
	GArray *lines;           /* measured: struct pdf_line, or row
				    heights (double) of a table */
	PangoLayout *lay;        /* a paragraph's, from measuring until
				    drawn: shaping is the costly part */
	GPtrArray *notes;        /* its footnotes: struct pdf_block *
				    (paragraphs), owned, or NULL */
	int note_at;             /* a footnote: its reference's offset in
				    the paragraph that holds it */
	bool bar;                /* a change bar beside it */
	pdf_draw_fn draw;        /* PDF_K_FIGURE */
	void *draw_data;
	gint measured;           /* set, atomically, once measured */
};

/* A piece of a block on a page: lines or body rows [from, to). */
struct pdf_frag {
	guint block;
	int from, to;
	double y; /* from the top of the text block */
	double c0, c1; /* a piece of one table row taller than a page: the
			  lines of its cells whose bottom is in (c0, c1];
			  c1 < 0: to the end */
};

struct pdf_page {
	GArray *frags; /* struct pdf_frag */
	GPtrArray *notes; /* struct pdf_block *, borrowed: its footnotes */
	double notes_h;   /* their height, the gap above included */
	const char *mark; /* running header, borrowed from a block */
	bool chrome;
};

/* Where a named destination is: 1-based page, and the point on it. */
struct pdf_dest {
	int page;
	double x, y;
};

/*
 * A shaping context: shaping is half of the typesetter's time, so blocks
 * are measured by two threads, each with a pango context (and font map)
 * of its own — pango font maps are not thread-safe.  cairo gives both the
 * same fonts, so the PDF is the same whichever thread measured a block.
 */
struct pdf_shaper {
	PangoContext *ctx;
};

#define PDF_SHAPERS 2

struct pdf_doc {
	struct pdf_theme th;
	PangoContext *ctx; /* shapers[0]'s, for figures (pdf_draw_text) */
	struct pdf_shaper sh[PDF_SHAPERS];
	int nsh;
	PangoFontDescription *font[PDF_ROLE__MAX];
	GPtrArray *blocks; /* struct pdf_block * */
	GPtrArray *pages;  /* struct pdf_page * */
	GHashTable *dests; /* name → struct pdf_dest * */
	bool cover;
	GHashTable *note_nums; /* footnote key → number */
	double text_w, text_h;
	int open_table;    /* index of the table being filled, or -1 */
	bool bar;          /* blocks get change bars (pdf_bar) */
	char *fonts_dir;
	GHashTable *names; /* every destination's name: the links that
			      may be drawn before their target is placed */
	GMutex mu;         /* with cond: a block has been measured */
	GCond cond;
	GHashTable *cells; /* cell_key → PangoLayout *, shared by the
			      measuring threads under cells_mu */
	GMutex cells_mu;
};

/* A layout of block B's paragraph (a new reference), shaped with SH. */
PangoLayout *pdf_para_layout(struct pdf_doc *d, struct pdf_shaper *sh,
			     const struct pdf_block *b);

/* A layout of table cell T of column COL (a new reference). */
PangoLayout *pdf_cell_layout(struct pdf_doc *d, struct pdf_shaper *sh,
			     const struct pdf_block *b, int col,
			     const struct pdf_text *t, bool head);

/* Width of the table's columns: left edge of column C, and its width. */
double pdf_table_x(const struct pdf_doc *d, const struct pdf_block *b,
		   int c, double *w);

/* The paragraph's text width (text block less indent, hang, folio). */
double pdf_para_width(const struct pdf_doc *d, const struct pdf_block *b);

/*
 * The height of the lines of LAY whose bottom is in (C0, C1] (C1 < 0: no
 * limit), and in *TOP the top of the first of them.  0 if none.
 */
double pdf_piece(PangoLayout *lay, double c0, double c1, double *top);

/* The height of the piece (C0, C1] of row R of table B, padding
 * included. */
double pdf_row_piece(const struct pdf_doc *d, const struct pdf_block *b,
		     int r, double c0, double c1);

/* Free block B and everything it owns (its footnotes too). */
void pdf_block_free(struct pdf_block *b);

/* Lay out and paginate every block; fills d->pages and d->dests. */
void pdf_paginate(struct pdf_doc *d);

/*
 * Pagination while the blocks are being measured: pdf_flow_start starts
 * measuring every block in d->nsh threads; each pdf_flow_next places the
 * next block, once it and the blocks it keeps with are measured, and
 * returns false when all are placed.  Until then the pages before the
 * last of d->pages are complete, and destinations on them placed.
 * pdf_flow_end waits for the threads and frees F.
 */
struct pdf_flow;
struct pdf_flow *pdf_flow_start(struct pdf_doc *d);
bool pdf_flow_next(struct pdf_flow *f);
void pdf_flow_end(struct pdf_flow *f);

#endif
