/*
 * diff_html: the comparison as HTML.  The pieces (a text diff, one
 * control's changes) are libxml2 subtrees any HTML writer can append
 * where it likes — the site's 改訂履歴 page uses them — and
 * diff_write_html puts them in a standalone HTML5 document.  Text is
 * always a text node: nothing is escaped by hand.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLtree.h>

#include "diag.h"
#include "diff_priv.h"

static const char style[] =
	"body{font-family:sans-serif;max-width:50em;margin:auto;"
	"line-height:1.7}"
	"del{background:#fdd;color:#900}ins{background:#dfd;color:#060;"
	"text-decoration:none}.elided{color:#888}"
	"dd{white-space:pre-wrap}";

/* Append element NAME to PARENT, with class CLS and text TEXT unless
 * NULL; returns it (owned by the tree). */
static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *cls, const char *text)
{
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);

	if (cls != NULL)
		xmlNewProp(n, BAD_CAST "class", BAD_CAST cls);
	if (text != NULL)
		xmlAddChild(n, xmlNewDocText(parent->doc, BAD_CAST text));
	return xmlAddChild(parent, n);
}

static void
text(xmlNodePtr parent, const char *s)
{
	xmlAddChild(parent, xmlNewDocText(parent->doc, BAD_CAST s));
}

void
diff_html_textdiff(xmlNodePtr parent, const struct textdiff *td)
{
	struct textdiff *e = textdiff_elide(td, GDIFF_CONTEXT);

	for (size_t i = 0; i < e->nsegs; i++) {
		const struct textdiff_seg *g = &e->segs[i];
		switch (g->op) {
		case TEXTDIFF_EQUAL:
			text(parent, g->text);
			break;
		case TEXTDIFF_DELETE:
			el(parent, "del", NULL, g->text);
			break;
		case TEXTDIFF_INSERT:
			el(parent, "ins", NULL, g->text);
			break;
		case TEXTDIFF_ELIDED: {
			xmlNodePtr s = el(parent, "span", "elided", g->text);
			char *t = g_strdup_printf("%ld文字省略", g->chars);
			xmlNewProp(s, BAD_CAST "title", BAD_CAST t);
			g_free(t);
			break;
		}
		}
	}
	textdiff_free(e);
}

/* ID in its display form, linked through O when it has a page. */
static void
id_link(xmlNodePtr parent, const char *id, bool linkable,
	const struct diff_html_opts *o)
{
	char *disp = id_display(id);
	char *href = linkable && o != NULL && o->href != NULL
			     ? o->href(id, o->arg)
			     : NULL;

	if (href != NULL)
		xmlNewProp(el(parent, "a", NULL, disp), BAD_CAST "href",
			   BAD_CAST href);
	else
		text(parent, disp);
	g_free(disp);
	g_free(href);
}

/* "old → new" with the old struck out, for a level or a value. */
static void
old_new(xmlNodePtr parent, const char *old, const char *new)
{
	el(parent, "del", NULL, old != NULL ? old : "不明");
	text(parent, " → ");
	el(parent, "ins", NULL, new != NULL ? new : "不明");
}

static void
bp_entry(xmlNodePtr ul, const struct gdiff_bp *b,
	 const struct diff_html_opts *o)
{
	xmlNodePtr li = el(ul, "li", gdiff_bp_status_name(b->status), NULL);
	int idx = b->new_index > 0 ? b->new_index : b->old_index;
	char *head = g_strdup_printf("%s ", gdiff_bp_marker(idx));

	text(li, head);
	g_free(head);
	switch (b->status) {
	case GDIFF_BP_ADDED:
		text(li, "（追加）");
		text(li, b->new_text);
		return;
	case GDIFF_BP_REMOVED:
		text(li, "（削除）");
		el(li, "del", NULL, b->old_text);
		return;
	case GDIFF_BP_MOVED_IN:
	case GDIFF_BP_MOVED_OUT: {
		bool in = b->status == GDIFF_BP_MOVED_IN;
		const struct control *c = in ? b->other->old : b->other->new;
		text(li, "（");
		id_link(li, c->id, !in || b->other->new != NULL, o);
		head = g_strdup_printf(" %s %s移動）",
				       gdiff_bp_marker(b->other_index),
				       in ? "から" : "へ");
		if (in && b->other->new != NULL &&
		    strcmp(b->other->new->id, c->id) != 0) {
			char *now = id_display(b->other->new->id);
			g_free(head);
			head = g_strdup_printf(" %s（現 %s）から移動）",
					       gdiff_bp_marker(b->other_index),
					       now);
			g_free(now);
		}
		text(li, head);
		g_free(head);
		break;
	}
	default:
		text(li, "（変更）");
		break;
	}
	if (b->diff != NULL)
		diff_html_textdiff(li, b->diff);
	else
		text(li, b->new_text != NULL ? b->new_text : b->old_text);
}

static void
item_entry(xmlNodePtr ul, const struct gdiff_item *e)
{
	const struct item *it = e->new != NULL ? e->new : e->old;
	xmlNodePtr li = el(ul, "li", gdiff_status_name(e->status), NULL);
	char *s = g_strdup_printf("%s ", it->key);

	text(li, s);
	g_free(s);
	if (e->status == GDIFF_ADDED || e->status == GDIFF_REMOVED) {
		text(li, e->status == GDIFF_ADDED ? "（追加）" : "（削除）");
		text(li, it->label);
		return;
	}
	if (e->label != NULL)
		diff_html_textdiff(li, e->label);
	else
		text(li, it->label);
	for (int p = 0; p < PATTERNS; p++) {
		if (!(e->values & (1u << p)))
			continue;
		s = g_strdup_printf("パターン%d の対策参照値: ", p + 1);
		xmlNodePtr v = el(el(li, "ul", NULL, NULL), "li", NULL, s);
		g_free(s);
		old_new(v, e->old->values[p].text, e->new->values[p].text);
	}
}

static void
heading(xmlNodePtr sec, const struct gdiff_control *dc,
	const struct diff_html_opts *o)
{
	int lv = o != NULL && o->hlevel >= 2 && o->hlevel <= 6 ? o->hlevel : 2;
	char name[3] = {'h', (char)('0' + lv), '\0'};
	xmlNodePtr h = el(sec, name, NULL, NULL);
	const struct control *c = dc->new != NULL ? dc->new : dc->old;

	id_link(h, c->id, dc->new != NULL, o);
	text(h, " ");
	el(h, "span", "status", gdiff_label(dc));
	if (dc->aspects & GDIFF_RENUMBERED) {
		char *old = id_display(dc->old->id);
		char *s = g_strdup_printf("旧番号 %s", old);
		el(sec, "p", "renumbered", s);
		g_free(s);
		g_free(old);
	}
	if (dc->merged != NULL) {
		xmlNodePtr p = el(sec, "p", "merged", NULL);
		id_link(p, dc->merged->id, true, o);
		text(p, " に統合");
	}
}

/* The lists of changed best practices and items, in DL. */
static void
lists(xmlNodePtr dl, const struct gdiff_control *dc,
      const struct diff_html_opts *o)
{
	xmlNodePtr ul = NULL;

	for (guint i = 0; i < dc->bps->len; i++) {
		const struct gdiff_bp *b = g_ptr_array_index(dc->bps, i);
		if (b->status == GDIFF_BP_SAME ||
		    (dc->status == GDIFF_ADDED &&
		     b->status == GDIFF_BP_ADDED) ||
		    (dc->status == GDIFF_REMOVED &&
		     b->status == GDIFF_BP_REMOVED))
			continue;
		if (ul == NULL) {
			el(dl, "dt", NULL, "ベストプラクティス");
			ul = el(el(dl, "dd", NULL, NULL), "ul", NULL, NULL);
		}
		bp_entry(ul, b, o);
	}
	ul = NULL;
	for (guint i = 0; dc->old != NULL && dc->new != NULL &&
			  i < dc->items->len;
	     i++) {
		const struct gdiff_item *e = g_ptr_array_index(dc->items, i);
		if (e->status == GDIFF_SAME)
			continue;
		if (ul == NULL) {
			el(dl, "dt", NULL, "評価項目");
			ul = el(el(dl, "dd", NULL, NULL), "ul", NULL, NULL);
		}
		item_entry(ul, e);
	}
}

void
diff_html_control(xmlNodePtr parent, const struct gdiff_control *dc,
		  const struct diff_html_opts *o)
{
	xmlNodePtr sec = el(parent, "section", NULL, NULL);
	xmlNodePtr dl;
	char *cls = g_strdup_printf("change %s", gdiff_status_name(dc->status));

	xmlNewProp(sec, BAD_CAST "class", BAD_CAST cls);
	g_free(cls);
	heading(sec, dc, o);
	dl = el(sec, "dl", NULL, NULL);
	if (dc->old == NULL || dc->new == NULL || dc->aspects & GDIFF_LEVEL) {
		el(dl, "dt", NULL, "基本・推奨");
		if (dc->old == NULL || dc->new == NULL)
			el(dl, "dd", NULL,
			   level_name((dc->new ? dc->new : dc->old)->level));
		else
			old_new(el(dl, "dd", NULL, NULL),
				level_name(dc->old->level),
				level_name(dc->new->level));
	}
	if (dc->title != NULL) {
		el(dl, "dt", NULL, "表題");
		diff_html_textdiff(el(dl, "dd", NULL, NULL), dc->title);
	}
	if (dc->text != NULL) {
		el(dl, "dt", NULL, "対策項目");
		diff_html_textdiff(el(dl, "dd", NULL, NULL), dc->text);
	} else if (dc->status == GDIFF_ADDED || dc->status == GDIFF_REMOVED) {
		char *t = control_text(dc->new != NULL ? dc->new : dc->old);
		el(dl, "dt", NULL, "対策項目");
		if (dc->new != NULL)
			el(dl, "dd", NULL, t);
		else
			el(el(dl, "dd", NULL, NULL), "del", NULL, t);
		g_free(t);
	}
	lists(dl, dc, o);
	if (dl->children == NULL) {
		xmlUnlinkNode(dl);
		xmlFreeNode(dl);
	}
}

/* The body of the standalone document. */
static void
body(xmlNodePtr b, const struct gdiff *d)
{
	const struct diff_html_opts o = {NULL, NULL, 3};
	char *s;

	el(b, "h1", NULL, d->new->title);
	s = g_strdup_printf("改訂履歴: %s → %s", d->old->edition,
			    d->new->edition);
	el(b, "p", "editions", s);
	g_free(s);
	s = g_strdup_printf("追加 %d、削除 %u、番号変更 %d、変更 %d、"
			    "ベストプラクティスの移動 %u",
			    d->added, d->removed->len, d->renumbered,
			    d->changed, d->moves->len);
	el(b, "p", "summary", s);
	g_free(s);
	el(b, "h2", NULL, "追加・変更された対策項目");
	for (guint i = 0; i < d->controls->len; i++) {
		const struct gdiff_control *dc =
			g_ptr_array_index(d->controls, i);
		if (dc->status != GDIFF_SAME)
			diff_html_control(b, dc, &o);
	}
	if (d->removed->len == 0)
		return;
	el(b, "h2", NULL, "削除された対策項目");
	for (guint i = 0; i < d->removed->len; i++)
		diff_html_control(b, g_ptr_array_index(d->removed, i), &o);
}

int
diff_write_html(const struct gdiff *d, FILE *out)
{
	htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	xmlNodePtr html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	xmlNodePtr head, meta;
	xmlOutputBufferPtr buf;
	char *title;
	int rc = -1;

	xmlDocSetRootElement(doc, html);
	xmlNewProp(html, BAD_CAST "lang", BAD_CAST "ja");
	head = el(html, "head", NULL, NULL);
	meta = el(head, "meta", NULL, NULL);
	xmlNewProp(meta, BAD_CAST "charset", BAD_CAST "utf-8");
	title = g_strdup_printf("改訂履歴: %s → %s", d->old->edition,
				d->new->edition);
	el(head, "title", NULL, title);
	g_free(title);
	el(head, "style", NULL, style);
	body(el(html, "body", NULL, NULL), d);
	buf = xmlAllocOutputBuffer(NULL);
	htmlDocContentDumpFormatOutput(buf, doc, "UTF-8", 1);
	if (fputs("<!DOCTYPE html>\n", out) == EOF ||
	    fwrite(xmlOutputBufferGetContent(buf), 1,
		   xmlOutputBufferGetSize(buf), out) !=
		    xmlOutputBufferGetSize(buf)) {
		diag(S_WRITE, "standard output", 0, 0, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	xmlOutputBufferClose(buf);
	xmlFreeDoc(doc);
	return rc;
}
