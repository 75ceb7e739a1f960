/*
 * html_changes: the site's 改訂履歴 page (changes.html) when the build
 * compares the guideline with its previous edition: the changes by part
 * and section, shown inside the text, each linked to its control.
 */
#include <string.h>

#include <glib.h>

#include "diff.h"
#include "html_site.h"

/* A control's page, as an href from the changes page. */
static char *
href(const char *id, void *arg)
{
	const struct where *w = arg;
	const char *path = site_path(w->s, id);

	return path != NULL ? site_href(w, path) : NULL;
}

/* The entry of DC, in a div with the control's slug as its id, so the
 * control's mark can link to it. */
static void
entry(xmlNodePtr parent, const struct where *w,
      const struct gdiff_control *dc, int h)
{
	const struct control *c = dc->new != NULL ? dc->new : dc->old;
	struct diff_html_opts o = {href, (void *)w, h};
	char *slug = site_slug(c->id);
	xmlNodePtr div = html_elc(parent, "div", "change-entry", NULL);

	if (dc->new != NULL)
		html_attr(div, "id", slug);
	diff_html_control(div, dc, &o);
	g_free(slug);
}

/* The changed controls of section SEC, under its heading. */
static void
section_changes(xmlNodePtr main, const struct where *w,
		const struct section *sec)
{
	const struct gdiff *d = w->s->diff;
	xmlNodePtr box = NULL;

	for (guint i = 0; i < sec->subsections->len; i++) {
		const struct subsection *sub =
			g_ptr_array_index(sec->subsections, i);
		for (guint j = 0; j < sub->controls->len; j++) {
			const struct control *c =
				g_ptr_array_index(sub->controls, j);
			const struct gdiff_control *dc = gdiff_by_new(d, c->id);
			if (dc == NULL || dc->status == GDIFF_SAME)
				continue;
			if (box == NULL) {
				box = html_elc(main, "section", "changes",
					       NULL);
				html_el(box, "h3", site_label(w->s, sec->id));
			}
			entry(box, w, dc, 4);
		}
	}
}

int
changes_task(struct site *s, guint unused)
{
	const struct gdiff *d = s->diff;
	struct where w = {.s = s, .kind = WHERE_OTHER, .path = "changes.html",
			  .root = "", .title = "改訂履歴"};
	struct html_page *p = site_page_new(&w, "改訂履歴");
	xmlNodePtr main;
	char *intro;

	(void)unused;
	if (p == NULL)
		return -1;
	main = html_page_slot(p, "main");
	html_el(main, "h1", "改訂履歴");
	intro = g_strdup_printf(
		"%s 版から %s 版への改訂：追加 %d 件、削除 %u 件、番号変更 %d 件、"
		"変更 %d 件、ベストプラクティスの移動 %u 件。削除した文字は"
		"取消線、追加した文字は下線で示しています。",
		d->old->edition, d->new->edition, d->added, d->removed->len,
		d->renumbered, d->changed, d->moves->len);
	html_el(main, "p", intro);
	g_free(intro);
	for (guint i = 0; i < s->g->parts->len; i++) {
		const struct part *pt = g_ptr_array_index(s->g->parts, i);
		xmlNodePtr mark = main->last;
		html_el(main, "h2", site_label(s, pt->id));
		for (guint j = 0; j < pt->sections->len; j++)
			section_changes(main, &w,
					g_ptr_array_index(pt->sections, j));
		/* a part without changes keeps no heading */
		if (main->last != NULL && main->last->prev == mark) {
			xmlNodePtr h = main->last;
			xmlUnlinkNode(h);
			xmlFreeNode(h);
		}
	}
	if (d->removed->len > 0) {
		xmlNodePtr box = html_elc(main, "section", "changes", NULL);
		html_el(box, "h2", "削除された対策項目");
		for (guint i = 0; i < d->removed->len; i++)
			entry(box, &w, g_ptr_array_index(d->removed, i), 3);
	}
	return site_page_finish(p, &w);
}

void
changes_mark(xmlNodePtr heading, const struct where *w,
	     const struct control *c)
{
	const struct gdiff_control *dc;
	char *slug, *href;

	if (w->s->diff == NULL ||
	    (dc = gdiff_by_new(w->s->diff, c->id)) == NULL ||
	    !gdiff_content_changed(dc))
		return;
	slug = site_slug(c->id);
	href = g_strconcat(w->root, "changes.html#", slug, NULL);
	html_text(heading, " ");
	html_attr(html_a(heading, href,
			 dc->status == GDIFF_ADDED ? "この版で追加"
						   : "この版で変更"),
		  "class", "badge changed");
	g_free(slug);
	g_free(href);
}
