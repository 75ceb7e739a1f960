/*
 * html_guide: the guideline's own pages.  One page per part, per
 * section (Part I's prose pages included) and per control; a control
 * is written the same way on its own page and, with an anchor of its
 * ID, on its section's page.  Each page is a task for the site's pool
 * of threads: the pages only read what they share (the model, the
 * names, the theme); each parses the bodies it shows itself.
 * The search entries are made in ID order by guide_index, in shards.
 */
#include <stdio.h>
#include <string.h>

#include <cmark-gfm.h>
#include <glib.h>

#include "html_site.h"
#include "manifest.h"
#include "site.h"
#include "state.h"


/* The heading element of level H (clamped to 1..6) under PARENT. */
static xmlNodePtr
heading(xmlNodePtr parent, int h, const char *cls, const char *text)
{
	char name[16];

	snprintf(name, sizeof name, "h%d", h < 1 ? 1 : h > 6 ? 6 : h);
	return html_elc(parent, name, cls, text);
}

/* The heading of a control: display ID, level badge, title. */
static void
control_heading(xmlNodePtr art, const struct where *w,
		const struct control *c, int h)
{
	xmlNodePtr hd = heading(art, h, "control-head", NULL);
	const char *disp = site_disp(w->s, c->id);
	char *href;

	if (w->kind == WHERE_CONTROL) {
		html_elc(hd, "span", "cid", disp);
	} else {
		href = site_href(w, site_path(w->s, c->id));
		html_attr(html_a(hd, href, disp), "class", "cid");
		g_free(href);
	}
	html_text(hd, " ");
	html_elc(hd, "span",
		 c->level == LEVEL_RECOMMENDED ? "badge rec" : "badge basic",
		 level_name(c->level));
	if (c->title != NULL) {
		html_text(hd, " ");
		html_elc(hd, "span", "ctitle", c->title);
	}
	changes_mark(hd, w, c);
}

/* The article of control C under PARENT, empty; its slug in SLUG. */
static xmlNodePtr
article(xmlNodePtr parent, const struct control *c, char **slug)
{
	xmlNodePtr art = html_elc(parent, "article", "control", NULL);

	*slug = site_slug(c->id);
	html_attr(art, "id", *slug);
	return art;
}

/*
 * Append control C under PARENT as an article whose heading is at level
 * H: text, best practices, evaluation items, footnotes.
 */
static void
control_article(xmlNodePtr parent, const struct where *w,
		const struct control *c, int h)
{
	char *slug;
	xmlNodePtr art = article(parent, c, &slug);
	cmark_node *doc = body_parse(&c->body);
	cmark_node *bph = md_bp_heading(doc);
	struct html_md m;
	xmlNodePtr sec;

	control_heading(art, w, c, h);
	site_md(w, &m, slug, h);
	if (doc != NULL)
		html_md_blocks(html_elc(art, "div", "control-text", NULL),
			       cmark_node_first_child(doc), bph, &m);
	if (bph != NULL) {
		sec = html_elc(art, "section", "bp", NULL);
		heading(sec, h + 1, NULL, "ベストプラクティス");
		m.bp = md_best_practices(doc);
		html_md_blocks(sec, cmark_node_next(bph), NULL, &m);
	}
	if (c->items->len > 0)
		values_items(art, w, c, h + 1);
	html_md_footnotes(art, doc, &m);
	if (doc != NULL)
		cmark_node_free(doc);
	g_free(slug);
}

/* What the search finds a control by: its text, practices, items. */
static char *
control_search_text(const struct control *c)
{
	GString *t = g_string_new(c->text);

	if (c->bp_text != NULL)
		g_string_append_printf(t, "\n%s", c->bp_text);
	for (guint i = 0; i < c->items->len; i++) {
		struct item *it = g_ptr_array_index(c->items, i);
		g_string_append_printf(t, "\n%s", it->label);
	}
	if (c->sub->title != NULL)
		g_string_append_printf(t, "\n%s", c->sub->title);
	return g_string_free(t, FALSE);
}

/* One control page; PREV and NEXT (or NULL) for the pager. */
static int
control_page(struct site *s, const struct control *c,
	     const struct control *prev, const struct control *next)
{
	const char *disp = site_disp(s, c->id);
	char *title = g_strconcat(disp, " ", site_brief(s, c->id), NULL);
	struct where w = {.s = s, .kind = WHERE_CONTROL,
			  .path = site_path(s, c->id), .root = "../",
			  .part = c->sub->section->part,
			  .sec = c->sub->section, .ctl = c, .title = disp};
	struct html_page *p = site_page_new(&w, title);
	xmlNodePtr main;
	int rc = -1;

	if (p == NULL)
		goto out;
	main = html_page_slot(p, "main");
	html_elc(main, "p", "context", site_label(s, c->sub->id));
	control_article(main, &w, c, 1);
	nav_pager(html_page_slot(p, "pager"), &w,
		  prev != NULL ? prev->id : NULL,
		  next != NULL ? next->id : NULL);
	rc = site_page_finish(p, &w);
out:
	g_free(title);
	return rc;
}

/*
 * The subsections of SEC with their controls, under MAIN of P.  A
 * control that is a stub (rebuild.h) is a piece of the page as the
 * previous build left it, OLD (LEN bytes; html_incr.c).  Returns 0, or
 * -1 when a stub's article is not in OLD.
 */
static int
section_controls(struct html_page *p, xmlNodePtr main,
		 const struct where *w, const struct section *sec,
		 const char *old, gsize len)
{
	for (guint i = 0; i < sec->subsections->len; i++) {
		struct subsection *sub = g_ptr_array_index(sec->subsections, i);
		xmlNodePtr box = html_elc(main, "section", "subsection", NULL);
		char *slug = site_slug(sub->id);

		html_attr(box, "id", slug);
		g_free(slug);
		heading(box, 2, NULL, site_label(w->s, sub->id));
		for (guint j = 0; j < sub->controls->len; j++) {
			const struct control *c =
			    g_ptr_array_index(sub->controls, j);
			xmlNodePtr art;

			if (!c->body.stub) {
				control_article(box, w, c, 3);
				continue;
			}
			art = article(box, c, &slug);
			g_free(slug);
			if (old == NULL ||
			    html_page_piece(p, art, old, len) < 0)
				return -1;
		}
	}
	return 0;
}

/* Whether a control of SEC is a stub. */
static bool
has_stubs(const struct section *sec)
{
	for (guint i = 0; i < sec->subsections->len; i++) {
		const struct subsection *sub =
		    g_ptr_array_index(sec->subsections, i);
		for (guint j = 0; j < sub->controls->len; j++)
			if (((const struct control *)g_ptr_array_index(
				 sub->controls, j))
				->body.stub)
				return true;
	}
	return false;
}

/*
 * The shift that makes DOC's highest heading an h2, under the page's
 * h1: a part's body may begin at ###, and headings must not skip a
 * level.
 */
static int
heading_shift(cmark_node *doc)
{
	int top = 0;

	for (cmark_node *n = cmark_node_first_child(doc); n != NULL;
	     n = cmark_node_next(n)) {
		int lv = cmark_node_get_type(n) == CMARK_NODE_HEADING
			     ? cmark_node_get_heading_level(n)
			     : 0;

		if (lv > 0 && (top == 0 || lv < top))
			top = lv;
	}
	return top > 2 ? 2 - top : 0;
}

/* The body of a section or part with its footnotes, under MAIN. */
static void
body(xmlNodePtr main, const struct where *w, const struct body *b,
     const char *idp)
{
	struct html_md m;
	cmark_node *doc = body_parse(b);

	if (doc == NULL)
		return;
	site_md(w, &m, idp, heading_shift(doc));
	html_md_blocks(main, cmark_node_first_child(doc), NULL, &m);
	html_md_footnotes(main, doc, &m);
	cmark_node_free(doc);
}

/* A section's page (a Part I page's too): its body, then its subsections
 * with their controls.  Returns 0, -1 (reported), or SITE_NEEDS_ALL
 * when a control is a stub whose article the previous page lacks. */
static int
section_page(struct site *s, const struct section *sec,
	     const struct section *prev, const struct section *next)
{
	const char *label = site_label(s, sec->id);
	char *slug = site_slug(sec->id);
	struct where w = {.s = s, .kind = WHERE_SECTION,
			  .path = site_path(s, sec->id), .root = "../",
			  .part = sec->part, .sec = sec, .title = label};
	struct html_page *p = site_page_new(&w, label);
	gsize len = 0;
	char *old = has_stubs(sec) ? manifest_old_bytes(s->manifest, w.path,
							 &len)
				   : NULL;
	xmlNodePtr main;
	int rc = -1;

	if (p == NULL)
		goto out;
	main = html_page_slot(p, "main");
	html_el(main, "h1", label);
	if (sec->source != NULL) {
		xmlNodePtr src = html_elc(main, "p", "source", "出典：");
		html_text(src, sec->source);
	}
	body(main, &w, &sec->body, slug);
	if (section_controls(p, main, &w, sec, old, len) < 0) {
		html_page_free(p);
		rc = SITE_NEEDS_ALL;
		goto out;
	}
	nav_pager(html_page_slot(p, "pager"), &w,
		  prev != NULL ? prev->id : NULL,
		  next != NULL ? next->id : NULL);
	rc = site_page_finish(p, &w);
out:
	g_free(old);
	g_free(slug);
	return rc;
}

/* The controls of SUB as a list under LI. */
static void
outline_controls(xmlNodePtr li, const struct where *w,
		 const struct subsection *sub)
{
	xmlNodePtr ul;

	if (sub->controls->len == 0)
		return;
	ul = html_el(li, "ul", NULL);
	for (guint k = 0; k < sub->controls->len; k++) {
		struct control *c = g_ptr_array_index(sub->controls, k);
		char *href = site_href(w, site_path(w->s, c->id));

		html_a(html_el(ul, "li", NULL), href, site_label(w->s, c->id));
		g_free(href);
	}
}


/*
 * The subsections of SEC as a list under PARENT, and with CONTROLS
 * their controls too.
 */
static void
section_outline(xmlNodePtr parent, const struct where *w,
		const struct section *sec, int controls)
{
	xmlNodePtr ul = NULL;

	for (guint j = 0; j < sec->subsections->len; j++) {
		struct subsection *sub = g_ptr_array_index(sec->subsections, j);
		char *href = site_href(w, site_path(w->s, sub->id));
		xmlNodePtr li;

		if (ul == NULL)
			ul = html_el(parent, "ul", NULL);
		li = html_el(ul, "li", NULL);
		html_a(li, href, site_label(w->s, sub->id));
		g_free(href);
		if (controls)
			outline_controls(li, w, sub);
	}
}

/* The list of a part's sections with their subsections, under PARENT. */
static void
part_outline(xmlNodePtr parent, const struct where *w, const struct part *p)
{
	xmlNodePtr ul = html_el(parent, "ul", NULL);

	for (guint i = 0; i < p->sections->len; i++) {
		struct section *sec = g_ptr_array_index(p->sections, i);
		char *href = site_href(w, site_path(w->s, sec->id));
		xmlNodePtr li = html_el(ul, "li", NULL);

		html_a(li, href, site_label(w->s, sec->id));
		g_free(href);
		section_outline(li, w, sec, 0);
	}
}

/* A part's page: its body and the outline of its sections.  Returns 0
 * or -1 (reported). */
static int
part_page(struct site *s, const struct part *pt)
{
	const char *label = site_label(s, pt->id);
	struct where w = {.s = s, .kind = WHERE_PART,
			  .path = site_path(s, pt->id), .root = "../",
			  .part = pt, .title = label};
	struct html_page *p = site_page_new(&w, label);
	xmlNodePtr main;

	if (p == NULL)
		return -1;
	main = html_page_slot(p, "main");
	html_el(main, "h1", label);
	body(main, &w, &pt->body, pt->id);
	html_el(main, "h2", pt->num == 1 ? "ページ" : "章と節");
	part_outline(main, &w, pt);
	return site_page_finish(p, &w);
}

/* Where the contents page has got to: part and section indexes. */
struct outline {
	const struct where *w;
	guint part, sec;
};

/*
 * Append the next section of the contents to DIV, after its part's
 * heading when it is the part's first; returns 0 when all are written.
 */
static int
more_outline(void *arg, xmlNodePtr div)
{
	struct outline *o = arg;
	const struct site *s = o->w->s;
	const GPtrArray *parts = s->g->parts;
	struct part *pt;
	struct section *sec;
	xmlNodePtr h;

	if (o->part >= parts->len)
		return 0;
	pt = g_ptr_array_index(parts, o->part);
	if (o->sec == 0)
		html_a(html_el(div, "h2", NULL), site_path(s, pt->id),
		       site_label(s, pt->id));
	if (o->sec < pt->sections->len) {
		sec = g_ptr_array_index(pt->sections, o->sec++);
		h = html_el(div, "h3", NULL);
		html_a(h, site_path(s, sec->id), site_label(s, sec->id));
		section_outline(div, o->w, sec, 1);
	}
	if (o->sec >= pt->sections->len) {
		o->part++;
		o->sec = 0;
	}
	return 1;
}

/*
 * contents.html: every part, section, subsection and control, written
 * a section at a time (it grows with the guideline).
 */
static int
contents_page(struct site *s)
{
	struct where w = {.s = s, .kind = WHERE_OTHER,
			  .path = "contents.html", .root = "",
			  .title = "全体の目次"};
	struct html_page *p = site_page_new(&w, w.title);
	struct outline o = {&w, 0, 0};
	xmlNodePtr main;

	if (p == NULL)
		return -1;
	main = html_page_slot(p, "main");
	html_el(main, "h1", w.title);
	return site_page_stream(p, &w, html_elc(main, "div", "contents", NULL),
				more_outline, &o);
}

/* Tasks for the pool: page I of its kind.  Return 0 or -1. */
static int
part_task(struct site *s, guint i)
{
	return part_page(s, g_ptr_array_index(s->g->parts, i));
}

static int
section_task(struct site *s, guint i)
{
	const GPtrArray *a = s->sections;

	return section_page(s, g_ptr_array_index(a, i),
			    i > 0 ? g_ptr_array_index(a, i - 1) : NULL,
			    i + 1 < a->len ? g_ptr_array_index(a, i + 1)
					   : NULL);
}

static int
control_task(struct site *s, guint i)
{
	const GPtrArray *a = s->g->controls;

	return control_page(s, g_ptr_array_index(a, i),
			    i > 0 ? g_ptr_array_index(a, i - 1) : NULL,
			    i + 1 < a->len ? g_ptr_array_index(a, i + 1)
					   : NULL);
}

static int
contents_task(struct site *s, guint i)
{
	(void)i;
	return contents_page(s);
}

void
guide_sections(struct site *s)
{
	const struct guideline *g = s->g;

	for (guint i = 0; i < g->parts->len; i++) {
		struct part *pt = g_ptr_array_index(g->parts, i);

		for (guint j = 0; j < pt->sections->len; j++)
			g_ptr_array_add(s->sections,
					g_ptr_array_index(pt->sections, j));
	}
}

void
guide_tasks(struct site *s, GArray *tasks)
{
	const struct guideline *g = s->g;

	for (guint i = 0; i < g->parts->len; i++) {
		struct part *pt = g_ptr_array_index(g->parts, i);

		site_task(tasks, PAGE_PART, part_task, i,
			  site_path(s, pt->id));
	}
	for (guint i = 0; i < s->sections->len; i++) {
		struct section *sec = g_ptr_array_index(s->sections, i);
		site_task(tasks, PAGE_SECTION, section_task, i,
			  site_path(s, sec->id));
	}
	for (guint i = 0; i < g->controls->len; i++) {
		struct control *c = g_ptr_array_index(g->controls, i);
		site_task(tasks, PAGE_CONTROL, control_task, i,
			  site_path(s, c->id));
	}
	site_task(tasks, PAGE_TITLES, contents_task, 0, "contents.html");
}

/* The index of SEC in S's sections. */
static guint
section_index(const struct site *s, const struct section *sec)
{
	guint i = 0;

	while (i < s->sections->len && g_ptr_array_index(s->sections, i) != sec)
		i++;
	g_assert(i < s->sections->len);
	return i;
}

void
guide_read_tasks(struct site *s, GArray *tasks)
{
	const struct guideline *g = s->g;
	guint ns = s->sections->len, nd = guide_docs(s);
	guint8 *sec = g_new0(guint8, ns);
	guint8 *shard = g_new0(guint8, nd / SEARCH_SHARD_DOCS + 1);

	for (guint i = 0; i < g->parts->len; i++) {
		struct part *pt = g_ptr_array_index(g->parts, i);

		if (!pt->body.stub)
			site_task(tasks, PAGE_PART, part_task, i,
				  site_path(s, pt->id));
	}
	for (guint i = 0; i < g->controls->len; i++) {
		struct control *c = g_ptr_array_index(g->controls, i);

		if (c->body.stub)
			continue;
		site_task(tasks, PAGE_CONTROL, control_task, i,
			  site_path(s, c->id));
		sec[section_index(s, c->sub->section)] = 1;
		shard[(ns + i) / SEARCH_SHARD_DOCS] = 1;
	}
	for (guint i = 0; i < ns; i++) {
		struct section *sc = g_ptr_array_index(s->sections, i);

		if (!sc->body.stub)
			sec[i] = shard[i / SEARCH_SHARD_DOCS] = 1;
		if (sec[i])
			site_task(tasks, PAGE_SECTION, section_task, i,
				  site_path(s, sc->id));
	}
	for (guint i = 0; i * SEARCH_SHARD_DOCS < nd; i++)
		if (shard[i])
			site_shard_task(s, tasks, i);
	g_free(sec);
	g_free(shard);
}

guint
guide_docs(const struct site *s)
{
	return s->sections->len + s->g->controls->len;
}

/* Document I of the search index: section *SEC, or control *C (the
 * other NULL). */
static void
doc_of(const struct site *s, guint i, const struct section **sec,
       const struct control **c)
{
	guint ns = s->sections->len;

	*sec = i < ns ? g_ptr_array_index(s->sections, i) : NULL;
	*c = i < ns ? NULL : g_ptr_array_index(s->g->controls, i - ns);
}

const struct body *
guide_doc_body(const struct site *s, guint i)
{
	const struct section *sec;
	const struct control *c;

	doc_of(s, i, &sec, &c);
	return sec != NULL ? &sec->body : &c->body;
}

bool
guide_stubs(const struct site *s, guint first, guint n)
{
	for (guint i = first; i < first + n && i < guide_docs(s); i++)
		if (guide_doc_body(s, i)->stub)
			return true;
	return false;
}

/* What the search index holds of document I (not a stub): its text, a
 * new string. */
static char *
doc_text(const struct site *s, guint i)
{
	const struct section *sec;
	const struct control *c;
	cmark_node *doc;
	char *text;

	doc_of(s, i, &sec, &c);
	if (c != NULL)
		return control_search_text(c);
	doc = body_parse(&sec->body);
	text = md_plain(doc);
	if (doc != NULL)
		cmark_node_free(doc);
	return text;
}

/* The hash of TEXT, document I's, recorded for the state. */
static char *
record_search(const struct site *s, guint i, const char *text)
{
	char *md5 = content_hash(text, strlen(text));

	manifest_set_search(s->manifest, guide_doc_body(s, i)->input, md5);
	return md5;
}

bool
guide_search_same(const struct site *s, guint first, guint n)
{
	const struct state *st = s->g->state;
	bool same = st != NULL;

	/* every document read is hashed, to be recorded, same or not */
	for (guint i = first; st != NULL && i < first + n && i < guide_docs(s);
	     i++) {
		const struct body *b = guide_doc_body(s, i);
		char *text, *md5;

		if (b->stub)
			continue;
		text = doc_text(s, i);
		md5 = record_search(s, i, text);
		same = same && b->input >= 0 && (guint)b->input < st->nfiles &&
		       st->files[b->input].search[0] != '\0' &&
		       strcmp(md5, st->files[b->input].search) == 0;
		g_free(md5);
		g_free(text);
	}
	return same;
}

int
guide_index(struct site *s, struct search *x, guint first, guint n,
	    struct search_old *old)
{
	for (guint i = first; i < first + n && i < guide_docs(s); i++) {
		const struct section *sec;
		const struct control *c;
		const char *id, *title;
		char *text;
		int rc;

		doc_of(s, i, &sec, &c);
		id = sec != NULL ? sec->id : c->id;
		title = sec != NULL	 ? sec->title
			: c->title != NULL ? c->title
					   : c->sub->title;
		if (guide_doc_body(s, i)->stub) {
			if (old == NULL ||
			    search_old_keep(old, i - first, site_path(s, id)) < 0)
				return -1;
			continue;
		}
		text = doc_text(s, i);
		g_free(record_search(s, i, text));
		rc = 0;
		if (old != NULL)
			rc = search_old_set(old, i - first, site_path(s, id),
					    site_disp(s, id), title, text);
		else
			search_add(x, site_path(s, id), site_disp(s, id), title,
				   text);
		g_free(text);
		if (rc < 0)
			return -1;
	}
	/* and no more documents than these */
	return old != NULL && search_old_count(old) != MIN(n, guide_docs(s) - first)
		   ? -1
		   : 0;
}

