/*
 * pdf_revision: what changed since the previous edition, as the book
 * prints it — control by control, deletions struck through and
 * insertions underlined, long unchanged runs elided.
 */
#include <string.h>

#include <glib.h>

#include "pdf_revision.h"

/* Append TD, elided, to T. */
static void
add_diff(struct pdf_text *t, const struct textdiff *td)
{
	struct textdiff *e = textdiff_elide(td, GDIFF_CONTEXT);

	for (size_t i = 0; i < e->nsegs; i++) {
		const struct textdiff_seg *s = &e->segs[i];
		unsigned style = s->op == TEXTDIFF_DELETE   ? PDF_DEL
				 : s->op == TEXTDIFF_INSERT ? PDF_INS
				 : s->op == TEXTDIFF_ELIDED ? PDF_MUTED
							    : 0;
		pdf_text_add(t, s->text, style);
	}
	textdiff_free(e);
}

/* A line of the entry: LABEL, then the caller's text. */
static struct pdf_text *
line(const char *label)
{
	struct pdf_text *t = pdf_text_new();

	pdf_text_add(t, label, PDF_STRONG);
	pdf_text_add(t, "：", PDF_STRONG);
	return t;
}

static void
put(struct pdf_doc *d, struct pdf_text *t)
{
	struct pdf_para_opts o = {.indent = pdf_doc_list_indent(d)};

	pdf_para(d, PDF_BODY, t, &o);
}

static const char *
bp_status(const struct gdiff_bp *b)
{
	switch (b->status) {
	case GDIFF_BP_ADDED:
		return "追加";
	case GDIFF_BP_REMOVED:
		return "削除";
	case GDIFF_BP_CHANGED:
		return "変更";
	case GDIFF_BP_MOVED_IN:
	case GDIFF_BP_MOVED_OUT:
		return "移動";
	default:
		return "";
	}
}

static void
best_practice(struct pdf_doc *d, const struct gdiff_bp *b)
{
	int idx = b->new_index > 0 ? b->new_index : b->old_index;
	char *label = g_strdup_printf("ベストプラクティス %s.（%s）",
				      gdiff_bp_marker(idx), bp_status(b));
	struct pdf_text *t = line(label);

	if (b->status == GDIFF_BP_MOVED_IN || b->status == GDIFF_BP_MOVED_OUT) {
		const struct control *o = b->status == GDIFF_BP_MOVED_IN
						  ? b->other->old
						  : b->other->new;
		char *id = id_display(o->id);
		char *s = g_strdup_printf("%s %s. %s　", id,
					  gdiff_bp_marker(b->other_index),
					  b->status == GDIFF_BP_MOVED_IN
						  ? "から"
						  : "へ");
		pdf_text_add(t, s, 0);
		g_free(id);
		g_free(s);
	}
	if (b->diff != NULL)
		add_diff(t, b->diff);
	else if (b->status == GDIFF_BP_REMOVED || b->status == GDIFF_BP_MOVED_OUT)
		pdf_text_add(t, b->old_text, PDF_DEL);
	else
		pdf_text_add(t, b->new_text, PDF_INS);
	put(d, t);
	g_free(label);
}

static void
item(struct pdf_doc *d, const struct gdiff_item *e)
{
	const struct item *it = e->new != NULL ? e->new : e->old;
	char *label = g_strdup_printf("評価項目 %s", it->key);
	struct pdf_text *t;

	if (e->status == GDIFF_ADDED || e->status == GDIFF_REMOVED) {
		t = line(label);
		pdf_text_add(t, e->status == GDIFF_ADDED ? "（追加）" : "（削除）",
			     0);
		pdf_text_add(t, it->label, e->status == GDIFF_ADDED ? PDF_INS
								     : PDF_DEL);
		put(d, t);
	} else if (e->label != NULL) {
		t = line(label);
		add_diff(t, e->label);
		put(d, t);
	}
	for (int p = 0; p < PATTERNS && e->old && e->new; p++) {
		const char *was = e->old->values[p].text;
		const char *now = e->new->values[p].text;
		char *l;
		if (!(e->values & (1u << p)))
			continue;
		l = g_strdup_printf("%s パターン%d の対策参照値", label, p + 1);
		t = line(l);
		pdf_text_add(t, was ? was : "未収録", PDF_DEL);
		pdf_text_add(t, " → ", 0);
		pdf_text_add(t, now ? now : "未収録", PDF_INS);
		put(d, t);
		g_free(l);
	}
	g_free(label);
}

/* One control's entry: its heading, then each of its changes. */
static void
entry(struct pdf_doc *d, const struct gdiff_control *dc)
{
	const struct control *c = dc->new != NULL ? dc->new : dc->old;
	char *id = id_display(c->id);
	struct pdf_text *h = pdf_text_new();
	struct pdf_para_opts ho = {.keep = true};
	struct pdf_text *t;

	if (dc->new != NULL)
		pdf_text_link(h, id, c->id);
	else
		pdf_text_add(h, id, 0);
	pdf_text_add(h, "　", 0);
	pdf_text_add(h, gdiff_label(dc), 0);
	if (dc->aspects & GDIFF_RENUMBERED) {
		char *old = id_display(dc->old->id);
		char *s = g_strdup_printf("（旧番号 %s）", old);
		pdf_text_add(h, s, 0);
		g_free(old);
		g_free(s);
	}
	/* the page it is on, where its change bar is */
	if (dc->new != NULL)
		ho.toc = c->id;
	pdf_para(d, PDF_LABEL, h, &ho);
	if (dc->status == GDIFF_ADDED || dc->status == GDIFF_REMOVED) {
		char *text = control_text(c);
		t = line("本文");
		pdf_text_add(t, text, dc->status == GDIFF_ADDED ? PDF_INS
							       : PDF_DEL);
		put(d, t);
		g_free(text);
	}
	if (dc->aspects & GDIFF_LEVEL) {
		t = line("基本・推奨");
		pdf_text_add(t, level_name(dc->old->level), PDF_DEL);
		pdf_text_add(t, " → ", 0);
		pdf_text_add(t, level_name(dc->new->level), PDF_INS);
		put(d, t);
	}
	if (dc->title != NULL) {
		t = line("表題");
		add_diff(t, dc->title);
		put(d, t);
	}
	if (dc->text != NULL) {
		t = line("本文");
		add_diff(t, dc->text);
		put(d, t);
	}
	for (guint i = 0; i < dc->bps->len; i++) {
		const struct gdiff_bp *b = g_ptr_array_index(dc->bps, i);
		if (b->status != GDIFF_BP_SAME)
			best_practice(d, b);
	}
	if (dc->status == GDIFF_CHANGED)
		for (guint i = 0; i < dc->items->len; i++)
			item(d, g_ptr_array_index(dc->items, i));
	g_free(id);
}

void
pdf_revision(struct pdf_doc *d, const struct gdiff *diff)
{
	struct pdf_para_opts h = {.dest = REVISION_DEST, .outline = 1,
				  .outline_title = REVISION_TITLE,
				  .mark = REVISION_TITLE, .rule_below = true};
	char *intro;

	pdf_pagebreak(d);
	pdf_para_str(d, PDF_H1, REVISION_TITLE, &h);
	intro = g_strdup_printf(
		"%s 版から %s 版への改訂：追加 %d 件、削除 %u 件、番号変更 %d 件、"
		"変更 %d 件、ベストプラクティスの移動 %u 件。本文の変更箇所は、"
		"削除を取消線、追加を下線で示し、変更のない長い部分は「…」で"
		"省略している。本文中で変更のあった対策項目には、左の余白に"
		"線を付している。",
		diff->old->edition, diff->new->edition, diff->added,
		diff->removed->len, diff->renumbered, diff->changed,
		diff->moves->len);
	pdf_para_str(d, PDF_BODY, intro, NULL);
	g_free(intro);
	for (guint i = 0; i < diff->controls->len; i++) {
		const struct gdiff_control *dc =
			g_ptr_array_index(diff->controls, i);
		if (dc->status != GDIFF_SAME)
			entry(d, dc);
	}
	for (guint i = 0; i < diff->removed->len; i++)
		entry(d, g_ptr_array_index(diff->removed, i));
}
