/*
 * pdf_layout: a small typesetter on pango and cairo, shared by the book
 * and the provider report.
 *
 * A writer makes a document (pdf_doc_new), appends blocks to it in
 * reading order — paragraphs with inline styles, links and footnotes,
 * tables, spaces, page breaks — and writes it (pdf_doc_write).  Writing
 * lays every block out with PangoLayout (pdf_flow.c, in two threads),
 * breaks the result into A4 pages (orphans, widows, keep-with-next,
 * footnotes at the foot of the page that refers to them, table rows with
 * the header repeated, rows taller than a page cut between lines), then
 * draws the pages (pdf_page.c) on a cairo PDF surface (pdf_emit.c,
 * pdf_write.c: a page is written as soon as it is placed, while later
 * blocks are still being shaped) with the running header, the folio, the
 * outline, named destinations and links.  Page
 * numbers are known before anything is drawn, so contents entries print
 * them.  Line breaking is pango's (UAX #14 with Japanese line-start and
 * line-end prohibitions, checked by tests/e2e/pdf_*.sh).
 *
 * The typographic parameters come from the theme (pdf_theme.c) and the
 * fonts only from the fonts directory (pdf_font.c).
 */
#ifndef GP_PDF_LAYOUT_H
#define GP_PDF_LAYOUT_H

#include <stdbool.h>
#include <time.h>

#include <glib.h>

/* Text roles: each has a font, size, leading, spacing and colour in the
 * theme (book.yaml, roles:). */
enum pdf_role {
	PDF_BODY = 0,
	PDF_SMALL,    /* footnotes, notes under tables */
	PDF_TITLE,    /* the cover's title */
	PDF_SUBTITLE, /* the cover's other lines */
	PDF_H1,       /* part */
	PDF_H2,       /* section */
	PDF_H3,       /* subsection */
	PDF_H4,       /* control header, headings inside bodies */
	PDF_LABEL,    /* 【ベストプラクティス】, 【評価項目】 */
	PDF_CELL,     /* table cell */
	PDF_HEAD,     /* table header cell */
	PDF_TOC1,     /* table of contents, first level */
	PDF_TOC2,     /* table of contents, second level */
	PDF_ROLE__MAX
};

/* Inline styles, or-ed. */
enum {
	PDF_EM = 1 << 0,     /* emphasis: gothic and the emphasis colour */
	PDF_STRONG = 1 << 1, /* gothic */
	PDF_SUP = 1 << 2,    /* superscript (footnote references) */
	PDF_MUTED = 1 << 3,  /* the muted colour (未収録) */
	PDF_LINK = 1 << 4,   /* the link colour */
	PDF_DEL = 1 << 5,    /* deleted text: struck through, muted */
	PDF_INS = 1 << 6,    /* inserted text: underlined, emphasis colour */
};

enum pdf_align {
	PDF_LEFT = 0,
	PDF_CENTER,
	PDF_RIGHT,
};

/* Styled text: UTF-8 with pango attributes.  Owned by whoever made it
 * until handed to a block. */
struct pdf_text;

struct pdf_doc;

/*
 * A paragraph's options, set on the block pdf_para returns.  Strings are
 * copied.
 */
struct pdf_para_opts {
	double indent;     /* left indent, points */
	const char *marker; /* list marker, drawn in the hang before line 1 */
	double hang;       /* width of the marker's box */
	enum pdf_align align;
	bool keep;         /* keep with the next block */
	bool rule_below;   /* a thin rule under the paragraph (headings) */
	const char *dest;  /* a named destination at its first line */
	int outline;       /* outline level 1.. (0: none) */
	const char *outline_title;
	const char *mark;  /* running header from this page on */
	const char *toc;   /* a contents entry: the destination it names */
};

/* A table column: its share of the text width and its alignment. */
struct pdf_col {
	double width; /* fraction; the fractions of a table sum to 1 */
	enum pdf_align align;
};

/* Styled text made empty.  Free with pdf_text_free (accepts NULL). */
struct pdf_text *pdf_text_new(void);
void pdf_text_free(struct pdf_text *t);

/* Append S (UTF-8, any length) with STYLE (PDF_EM…, or 0). */
void pdf_text_add(struct pdf_text *t, const char *s, unsigned style);

/* Styled text holding S (NULL: empty) in STYLE: a new text. */
struct pdf_text *pdf_text_str(const char *s, unsigned style);

/* Append S as a link to the named destination DEST. */
void pdf_text_link(struct pdf_text *t, const char *s, const char *dest);

/*
 * Append MARK (e.g. "注1") as a footnote reference and attach NOTE (taken
 * over): the typesetter prints NOTE, marked MARK, at the foot of the
 * page on which the reference falls.  Only paragraphs print notes.
 */
void pdf_text_note(struct pdf_text *t, const char *mark,
		   struct pdf_text *note);

/* True when T holds no characters. */
bool pdf_text_empty(const struct pdf_text *t);

/*
 * Load the theme from THEME_DIR/book.yaml and the fonts from FONTS_DIR.
 * COVER: the first page has no running header and no folio.  Returns
 * NULL after reporting with diag().  Free with pdf_doc_free.
 */
struct pdf_doc *pdf_doc_new(const char *theme_dir, const char *fonts_dir,
			    bool cover);
void pdf_doc_free(struct pdf_doc *d);

/*
 * The number of the footnote KEY (any pointer naming it): 1, 2, …
 * across the document, in the order footnotes are first asked for.
 */
int pdf_doc_note_number(struct pdf_doc *d, const void *key);

/* The text width in points, for writers sizing things. */
double pdf_doc_text_width(const struct pdf_doc *d);

/* The theme's list indent per level, in points. */
double pdf_doc_list_indent(const struct pdf_doc *d);

/*
 * Append a paragraph of ROLE holding T (taken over).  O may be NULL.
 */
void pdf_para(struct pdf_doc *d, enum pdf_role role, struct pdf_text *t,
	      const struct pdf_para_opts *o);

/* Shortcut: a paragraph of plain text S. */
void pdf_para_str(struct pdf_doc *d, enum pdf_role role, const char *s,
		  const struct pdf_para_opts *o);

/*
 * Start a table of NCOLS columns described by COLS (copied), the first
 * NHEAD rows of which are header rows repeated on every page the table
 * runs onto; INDENT shifts it right (its width shrinks to fit).  Fill it
 * with pdf_table_cell, row by row, left to right.
 */
void pdf_table(struct pdf_doc *d, int ncols, const struct pdf_col *cols,
	       int nhead, double indent);

/* The next cell of the open table: T (taken over); DEST, if not NULL,
 * makes the cell a link to that destination. */
void pdf_table_cell(struct pdf_doc *d, struct pdf_text *t, const char *dest);

/*
 * Change bars: every block appended while ON is true gets a bar in the
 * left margin beside it, on every page it runs onto (a revision of the
 * guideline marks what changed this way).
 */
void pdf_bar(struct pdf_doc *d, bool on);

/*
 * A figure HEIGHT points tall across the text width, drawn by DRAW on the
 * cairo context CR (a cairo_t *) with the origin at its top left corner
 * and (W, H) its size, when its page is drawn.  DATA is passed to DRAW
 * and must live until pdf_doc_write returns.  A figure is never split
 * across pages.  pdf_draw_text writes labels in it.
 */
typedef void (*pdf_draw_fn)(struct pdf_doc *d, void *cr, double w, double h,
			    void *data);
void pdf_figure(struct pdf_doc *d, double height, pdf_draw_fn draw,
		void *data);

/*
 * In a figure: S in ROLE's font and colour, its first line's top at
 * (X, Y), wrapped at width W (0: not wrapped), aligned ALIGN.  Returns
 * the height it took.
 */
double pdf_draw_text(struct pdf_doc *d, void *cr, enum pdf_role role,
		     const char *s, double x, double y, double w,
		     enum pdf_align align);

/*
 * A PDF date for YYYY-MM-DD: SOURCE_DATE_EPOCH when set (reproducible
 * builds), else that day at 00:00 UTC, else the epoch.
 */
time_t pdf_date(const char *ymd);

/* Vertical space of PTS points (dropped at the top of a page). */
void pdf_space(struct pdf_doc *d, double pts);

/* Start a new page (nothing if the current page is empty). */
void pdf_pagebreak(struct pdf_doc *d);

/* The document's metadata.  DATE: the creation date, seconds since the
 * epoch (UTC). */
struct pdf_meta {
	const char *title, *author, *subject, *creator;
	time_t date;
};

/*
 * Lay out, paginate and draw the document into PATH, written
 * atomically.  Returns the number of pages, or -1 after reporting with
 * diag() (PATH is then as it was).
 */
int pdf_doc_write(struct pdf_doc *d, const char *path,
		  const struct pdf_meta *m);

#endif
