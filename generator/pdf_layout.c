/*
 * pdf_layout: styled text, the blocks of a document, their layouts.
 * Breaking them into pages is pdf_flow.c; drawing is pdf_page.c.
 */
#include <string.h>

#include "diag.h"
#include "pdf_priv.h"

/* See pdf_layout.h for the pdf_text calls.  Free with pdf_text_free. */
struct pdf_text *
pdf_text_new(void)
{
	struct pdf_text *t = g_new0(struct pdf_text, 1);

	t->s = g_string_new(NULL);
	t->attrs = pango_attr_list_new();
	t->links = g_array_new(FALSE, FALSE, sizeof(struct pdf_link));
	t->spans = g_array_new(FALSE, FALSE, sizeof(struct pdf_span));
	return t;
}

/* Free T and what it owns.  Accepts NULL. */
void
pdf_text_free(struct pdf_text *t)
{
	if (t == NULL)
		return;
	for (guint i = 0; i < t->links->len; i++)
		g_free(g_array_index(t->links, struct pdf_link, i).dest);
	g_array_free(t->links, TRUE);
	g_array_free(t->spans, TRUE);
	for (guint i = 0; t->notes != NULL && i < t->notes->len; i++) {
		struct pdf_note *n = g_ptr_array_index(t->notes, i);
		g_free(n->mark);
		pdf_text_free(n->t);
		g_free(n);
	}
	if (t->notes != NULL)
		g_ptr_array_free(t->notes, TRUE);
	g_string_free(t->s, TRUE);
	pango_attr_list_unref(t->attrs);
	g_free(t);
}

/* Insert A over the bytes [START, END) of L, which takes it over. */
static void
add_attr(PangoAttrList *l, PangoAttribute *a, int start, int end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(l, a);
}

/*
 * Append S with STYLE.  Superscripts are shaped here; the families and
 * colours of EM, STRONG, MUTED and LINK are recorded as spans, resolved
 * against the theme by pdf_para_layout.
 */
void
pdf_text_add(struct pdf_text *t, const char *s, unsigned style)
{
	int start = (int)t->s->len, end;

	if (s == NULL)
		return;
	g_string_append(t->s, s);
	end = (int)t->s->len;
	if (style == 0 || end == start)
		return;
	if (style & PDF_SUP) {
		add_attr(t->attrs, pango_attr_rise_new(3 * PANGO_SCALE), start,
			 end);
		add_attr(t->attrs, pango_attr_scale_new(0.65), start, end);
	}
	struct pdf_span sp = {start, end, style};
	g_array_append_val(t->spans, sp);
}

/* Append S, in the link colour, as a link to DEST (copied). */
void
pdf_text_link(struct pdf_text *t, const char *s, const char *dest)
{
	int start = (int)t->s->len;
	struct pdf_link l;

	pdf_text_add(t, s, PDF_LINK);
	l.start = start;
	l.end = (int)t->s->len;
	l.dest = g_strdup(dest);
	g_array_append_val(t->links, l);
}

/* See pdf_layout.h.  The reference is a superscript MARK. */
void
pdf_text_note(struct pdf_text *t, const char *mark, struct pdf_text *note)
{
	struct pdf_note *n = g_new0(struct pdf_note, 1);

	n->at = (int)t->s->len;
	n->mark = g_strdup(mark);
	n->t = note;
	pdf_text_add(t, mark, PDF_SUP);
	if (t->notes == NULL)
		t->notes = g_ptr_array_new();
	g_ptr_array_add(t->notes, n);
}

/* True when T (or NULL) holds no text. */
bool
pdf_text_empty(const struct pdf_text *t)
{
	return t == NULL || t->s->len == 0;
}

/*
 * The attribute list of T for the theme TH: T's own attributes plus the
 * families and colours of its styled spans.  Caller unrefs.
 */
static PangoAttrList *
text_attrs(const struct pdf_theme *th, const struct pdf_text *t)
{
	PangoAttrList *l = pango_attr_list_copy(t->attrs);
	const struct pdf_rgb *c;

	if (l == NULL)
		l = pango_attr_list_new();
	for (guint i = 0; i < t->spans->len; i++) {
		const struct pdf_span *k =
			&g_array_index(t->spans, struct pdf_span, i);
		unsigned st = k->style;
		if (st & (PDF_EM | PDF_STRONG))
			add_attr(l, pango_attr_family_new(th->sans), k->start,
				 k->end);
		if (st & PDF_DEL)
			add_attr(l, pango_attr_strikethrough_new(TRUE),
				 k->start, k->end);
		if (st & PDF_INS)
			add_attr(l, pango_attr_underline_new(
					    PANGO_UNDERLINE_SINGLE),
				 k->start, k->end);
		c = st & (PDF_EM | PDF_INS)	   ? &th->em
		    : st & (PDF_MUTED | PDF_DEL) ? &th->muted
		    : st & PDF_LINK		   ? &th->link
						   : NULL;
		if (c != NULL)
			add_attr(l, pango_attr_foreground_new(
					    (guint16)(c->r * 65535),
					    (guint16)(c->g * 65535),
					    (guint16)(c->b * 65535)),
				 k->start, k->end);
	}
	return l;
}

/* A layout of T in ROLE's font, WIDTH points wide, aligned ALIGN. */
static PangoLayout *
text_layout(struct pdf_doc *d, struct pdf_shaper *sh, const struct pdf_text *t,
	    enum pdf_role role, double width, enum pdf_align align)
{
	PangoLayout *lay = pango_layout_new(sh->ctx);
	PangoAttrList *l = text_attrs(&d->th, t);
	static const PangoAlignment pa[] = {PANGO_ALIGN_LEFT,
					    PANGO_ALIGN_CENTER,
					    PANGO_ALIGN_RIGHT};

	pango_layout_set_font_description(lay, d->font[role]);
	pango_layout_set_text(lay, t->s->str, (int)t->s->len);
	pango_layout_set_attributes(lay, l);
	pango_attr_list_unref(l);
	pango_layout_set_width(lay, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(lay, pa[align]);
	pango_layout_set_line_spacing(lay, (float)d->th.role[role].leading);
	return lay;
}

/* See pdf_priv.h. */
double
pdf_para_width(const struct pdf_doc *d, const struct pdf_block *b)
{
	double w = d->text_w - b->o.indent - b->o.hang;

	if (b->o.toc != NULL)
		w -= 3.5 * d->th.role[b->role].size;
	return w > 10 ? w : 10;
}

/* See pdf_priv.h.  The caller unrefs the layout. */
PangoLayout *
pdf_para_layout(struct pdf_doc *d, struct pdf_shaper *sh,
		const struct pdf_block *b)
{
	return text_layout(d, sh, b->text, b->role, pdf_para_width(d, b),
			   b->o.align);
}

/* See pdf_priv.h.  Returns the offset from the left margin. */
double
pdf_table_x(const struct pdf_doc *d, const struct pdf_block *b, int c,
	    double *w)
{
	double tw = d->text_w - b->indent, x = b->indent;

	for (int i = 0; i < c; i++)
		x += b->cols[i].width * tw;
	if (w != NULL)
		*w = b->cols[c].width * tw;
	return x;
}

/*
 * The key under which a cell's layout is shared, or NULL if T is not a
 * plain text with at most one style over all of it.  A new string.
 */
static char *
cell_key(const struct pdf_text *t, double w, int align, bool head)
{
	unsigned style = 0;

	if (t->links->len > 0 || t->spans->len > 1)
		return NULL;
	if (t->spans->len == 1) {
		const struct pdf_span *sp = &g_array_index(t->spans,
							   struct pdf_span, 0);
		if (sp->start != 0 || sp->end != (int)t->s->len ||
		    (sp->style & PDF_SUP))
			return NULL;
		style = sp->style;
	}
	return g_strdup_printf("%d|%.3f|%d|%u|%s", head, w, align, style,
			       t->s->str);
}

/*
 * Cells repeat (実施, -, 未収録 …) and shaping is the typesetter's main
 * cost, so cells of the same text, style and width share one layout —
 * across both measuring threads: a layout is laid out before it is
 * shared, and then only read (its extents are kept), and which thread's
 * pango context shaped it does not show in the PDF.
 */
PangoLayout *
pdf_cell_layout(struct pdf_doc *d, struct pdf_shaper *sh,
		const struct pdf_block *b, int col, const struct pdf_text *t,
		bool head)
{
	enum pdf_align al = head ? PDF_CENTER : b->cols[col].align;
	PangoLayout *lay, *had;
	PangoRectangle log;
	double w;
	char *key;

	pdf_table_x(d, b, col, &w);
	w -= 2 * d->th.table_pad;
	key = cell_key(t, w, al, head);
	if (key != NULL) {
		g_mutex_lock(&d->cells_mu);
		lay = g_hash_table_lookup(d->cells, key);
		if (lay != NULL)
			g_object_ref(lay);
		g_mutex_unlock(&d->cells_mu);
		if (lay != NULL) {
			g_free(key);
			return lay;
		}
	}
	lay = text_layout(d, sh, t, head ? PDF_HEAD : PDF_CELL, w, al);
	pango_layout_get_extents(lay, NULL, &log); /* laid out */
	if (key == NULL)
		return lay;
	g_mutex_lock(&d->cells_mu);
	had = g_hash_table_lookup(d->cells, key);
	if (had == NULL)
		g_hash_table_insert(d->cells, key, g_object_ref(lay));
	else /* the other thread was quicker */
		g_object_ref(had);
	g_mutex_unlock(&d->cells_mu);
	if (had == NULL)
		return lay;
	g_free(key);
	g_object_unref(lay);
	return had;
}

/* A new block of KIND appended to D. */
static struct pdf_block *
block_add(struct pdf_doc *d, enum pdf_kind kind)
{
	struct pdf_block *b = g_new0(struct pdf_block, 1);

	b->kind = kind;
	b->bar = d->bar;
	g_ptr_array_add(d->blocks, b);
	d->open_table = -1;
	return b;
}

struct pdf_text *
pdf_text_str(const char *s, unsigned style)
{
	struct pdf_text *t = pdf_text_new();

	pdf_text_add(t, s != NULL ? s : "", style);
	return t;
}

void
pdf_bar(struct pdf_doc *d, bool on)
{
	d->bar = on;
}

void
pdf_figure(struct pdf_doc *d, double height, pdf_draw_fn draw, void *data)
{
	struct pdf_block *b = block_add(d, PDF_K_FIGURE);

	b->space = height;
	b->draw = draw;
	b->draw_data = data;
}

time_t
pdf_date(const char *ymd)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	GDateTime *dt;
	time_t t = 0;
	int y, m, day;

	if (e != NULL && *e != '\0') {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (*end == '\0' && v >= 0)
			return (time_t)v;
	}
	if (ymd != NULL && sscanf(ymd, "%d-%d-%d", &y, &m, &day) == 3 &&
	    (dt = g_date_time_new_utc(y, m, day, 0, 0, 0)) != NULL) {
		t = (time_t)g_date_time_to_unix(dt);
		g_date_time_unref(dt);
	}
	return t;
}

/* See pdf_priv.h.  Also the blocks array's free function. */
void
pdf_block_free(struct pdf_block *b)
{
	pdf_text_free(b->text);
	g_free((char *)b->o.marker);
	g_free((char *)b->o.dest);
	g_free((char *)b->o.outline_title);
	g_free((char *)b->o.mark);
	g_free((char *)b->o.toc);
	if (b->cells != NULL) {
		for (guint i = 0; i < b->cells->len; i++) {
			struct pdf_cell *c = g_ptr_array_index(b->cells, i);
			pdf_text_free(c->t);
			g_free(c->dest);
			if (c->lay != NULL)
				g_object_unref(c->lay);
			g_free(c);
		}
		g_ptr_array_free(b->cells, TRUE);
	}
	g_free(b->cols);
	if (b->lines != NULL)
		g_array_free(b->lines, TRUE);
	if (b->lay != NULL)
		g_object_unref(b->lay);
	if (b->notes != NULL)
		g_ptr_array_free(b->notes, TRUE);
	g_free(b);
}

/* Make note N of paragraph B a footnote block of B's (N's text moves). */
static void
add_note(struct pdf_doc *d, struct pdf_block *b, struct pdf_note *n)
{
	struct pdf_block *nb = g_new0(struct pdf_block, 1);

	nb->kind = PDF_K_PARA;
	nb->role = PDF_SMALL;
	nb->text = n->t != NULL ? n->t : pdf_text_new();
	n->t = NULL;
	nb->o.marker = g_strdup(n->mark);
	nb->o.hang = 1.5 * d->th.list_indent;
	nb->note_at = n->at;
	if (b->notes == NULL)
		b->notes = g_ptr_array_new_with_free_func(
			(GDestroyNotify)pdf_block_free);
	g_ptr_array_add(b->notes, nb);
}

/* See pdf_layout.h.  O's strings are copied; T is taken over. */
void
pdf_para(struct pdf_doc *d, enum pdf_role role, struct pdf_text *t,
	 const struct pdf_para_opts *o)
{
	struct pdf_block *b = block_add(d, PDF_K_PARA);

	b->role = role;
	b->text = t;
	for (guint k = 0; t->notes != NULL && k < t->notes->len; k++)
		add_note(d, b, g_ptr_array_index(t->notes, k));
	if (o != NULL) {
		b->o = *o;
		b->o.marker = g_strdup(o->marker);
		b->o.dest = g_strdup(o->dest);
		if (b->o.dest != NULL)
			g_hash_table_add(d->names, (char *)b->o.dest);
		b->o.outline_title = g_strdup(o->outline_title);
		b->o.mark = g_strdup(o->mark);
		b->o.toc = g_strdup(o->toc);
	}
}

/* See pdf_layout.h. */
void
pdf_para_str(struct pdf_doc *d, enum pdf_role role, const char *s,
	     const struct pdf_para_opts *o)
{
	struct pdf_text *t = pdf_text_new();

	pdf_text_add(t, s, 0);
	pdf_para(d, role, t, o);
}

/*
 * See pdf_layout.h.  The table stays open for pdf_table_cell until
 * the next block is appended.
 */
void
pdf_table(struct pdf_doc *d, int ncols, const struct pdf_col *cols,
	  int nhead, double indent)
{
	struct pdf_block *b = block_add(d, PDF_K_TABLE);

	b->ncols = ncols;
	b->nhead = nhead;
	b->indent = indent;
	b->cols = g_memdup2(cols, sizeof(*cols) * (gsize)ncols);
	b->cells = g_ptr_array_new();
	d->open_table = (int)d->blocks->len - 1;
}

/* See pdf_layout.h.  T is taken over, DEST copied. */
void
pdf_table_cell(struct pdf_doc *d, struct pdf_text *t, const char *dest)
{
	struct pdf_block *b;
	struct pdf_cell *c = g_new0(struct pdf_cell, 1);

	g_assert(d->open_table >= 0);
	b = g_ptr_array_index(d->blocks, d->open_table);
	c->t = t;
	c->dest = g_strdup(dest);
	g_ptr_array_add(b->cells, c);
}

/* See pdf_layout.h. */
void
pdf_space(struct pdf_doc *d, double pts)
{
	block_add(d, PDF_K_SPACE)->space = pts;
}

/* See pdf_layout.h. */
void
pdf_pagebreak(struct pdf_doc *d)
{
	block_add(d, PDF_K_BREAK);
}


/*
 * Make each font's cairo face once, before any thread shapes.  The
 * measuring threads each have a font map of their own, and cairo shares
 * one face between them for the same file and options, but two threads
 * that ask for it at the same moment can each get a new one (cairo
 * looks a font's faces up and adds one as two steps, not one locked
 * step): the PDF then embeds that font twice, and two builds of the same
 * input differ (a report's PDF did, in 3 of 19 runs of
 * tests/e2e/report.sh).  Made here, the face is found, not made, by
 * every thread (0 of 16 runs since).
 */
static void
warm_fonts(struct pdf_doc *d)
{
	for (int k = 0; k < d->nsh; k++)
		for (int r = 0; r < PDF_ROLE__MAX; r++) {
			PangoFont *f =
			    pango_context_load_font(d->sh[k].ctx, d->font[r]);

			if (f != NULL && PANGO_IS_CAIRO_FONT(f))
				pango_cairo_font_get_scaled_font(
				    PANGO_CAIRO_FONT(f));
			if (f != NULL)
				g_object_unref(f);
		}
}

/* See pdf_layout.h. */
struct pdf_doc *
pdf_doc_new(const char *theme_dir, const char *fonts_dir, bool cover)
{
	struct pdf_doc *d = g_new0(struct pdf_doc, 1);

	d->blocks = g_ptr_array_new_with_free_func((GDestroyNotify)pdf_block_free);
	d->pages = g_ptr_array_new();
	d->dests = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
					 g_free);
	d->cover = cover;
	d->note_nums = g_hash_table_new(NULL, NULL);
	d->names = g_hash_table_new(g_str_hash, g_str_equal);
	d->cells = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 g_object_unref);
	g_mutex_init(&d->cells_mu);
	g_mutex_init(&d->mu);
	g_cond_init(&d->cond);
	d->fonts_dir = g_strdup(fonts_dir);
	d->open_table = -1;
	if (pdf_theme_load(&d->th, theme_dir) < 0)
		goto fail;
	d->nsh = g_get_num_processors() > 1 ? PDF_SHAPERS : 1;
	for (int k = 0; k < d->nsh; k++) {
		if ((d->sh[k].ctx = pdf_font_context(fonts_dir)) == NULL)
			goto fail;
	}
	d->ctx = d->sh[0].ctx;
	for (int r = 0; r < PDF_ROLE__MAX; r++) {
		const struct pdf_style *s = &d->th.role[r];
		d->font[r] = pango_font_description_new();
		pango_font_description_set_family(
			d->font[r], s->sans ? d->th.sans : d->th.serif);
		pango_font_description_set_size(d->font[r],
						(int)(s->size * PANGO_SCALE));
	}
	d->text_w = d->th.page_w - d->th.left - d->th.right;
	d->text_h = d->th.page_h - d->th.top - d->th.bottom;
	warm_fonts(d);
	return d;
fail:
	pdf_doc_free(d);
	return NULL;
}

/* Free D, its blocks, pages and shaping contexts.  Accepts NULL. */
void
pdf_doc_free(struct pdf_doc *d)
{
	if (d == NULL)
		return;
	for (guint i = 0; i < d->pages->len; i++) {
		struct pdf_page *pg = g_ptr_array_index(d->pages, i);
		g_array_free(pg->frags, TRUE);
		g_ptr_array_free(pg->notes, TRUE);
		g_free(pg);
	}
	g_ptr_array_free(d->pages, TRUE);
	g_hash_table_destroy(d->dests);
	g_hash_table_destroy(d->note_nums);
	g_hash_table_destroy(d->names);
	g_mutex_clear(&d->mu);
	g_cond_clear(&d->cond);
	g_free(d->fonts_dir);
	g_ptr_array_free(d->blocks, TRUE); /* before the contexts */
	g_hash_table_destroy(d->cells);    /* so are shared layouts */
	g_mutex_clear(&d->cells_mu);
	for (int k = 0; k < PDF_SHAPERS; k++) {
		if (d->sh[k].ctx != NULL)
			g_object_unref(d->sh[k].ctx);
	}
	for (int r = 0; r < PDF_ROLE__MAX; r++)
		if (d->font[r] != NULL)
			pango_font_description_free(d->font[r]);
	pdf_theme_clear(&d->th);
	g_free(d);
}

/* See pdf_layout.h. */
int
pdf_doc_note_number(struct pdf_doc *d, const void *key)
{
	gpointer n = g_hash_table_lookup(d->note_nums, key);

	if (n == NULL) {
		n = GINT_TO_POINTER(g_hash_table_size(d->note_nums) + 1);
		g_hash_table_insert(d->note_nums, (gpointer)key, n);
	}
	return GPOINTER_TO_INT(n);
}

/* The width of the text block, in points. */
double
pdf_doc_text_width(const struct pdf_doc *d)
{
	return d->text_w;
}

/* The theme's indent per list level, in points. */
double
pdf_doc_list_indent(const struct pdf_doc *d)
{
	return d->th.list_indent;
}
