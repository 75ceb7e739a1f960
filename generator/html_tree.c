/*
 * html_tree: cmark-gfm trees as libxml2 nodes.
 *
 * The walk uses cmark's iterator and a stack of open elements, so deep
 * nesting in a body costs memory, not C stack.  Raw HTML in Markdown is
 * dropped (the parser's unsafe option is off and so is this writer's),
 * link destinations other than http, https, mailto and relative ones are
 * dropped, and a destination that is an ID becomes a cross-reference.
 */
#include <stdio.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <glib.h>

#include "html.h"
#include "model.h"

struct walk {
	const struct html_md *m;
	xmlNodePtr cur;
	GPtrArray *stack;  /* xmlNodePtr: cur before each open container */
	int bpd;           /* nesting depth inside the best-practice list */
	uint8_t *align;    /* alignments of the table being written */
	int col;           /* cell index in the row */
};

/* Whether URL may be written as an href: no scheme, or a harmless one. */
static int
url_safe(const char *url)
{
	static const char *const ok[] = {"http:", "https:", "mailto:", NULL};
	const char *p = url;

	while (g_ascii_isalnum(*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || p == url)
		return 1;
	for (int i = 0; ok[i] != NULL; i++)
		if (g_ascii_strncasecmp(url, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

/* Make EL the current element, remembering the one it replaces. */
static void
open_el(struct walk *w, xmlNodePtr el)
{
	g_ptr_array_add(w->stack, w->cur);
	w->cur = el;
}

/* The href of a link node: a cross-reference, a safe URL, or NULL. */
static char *
link_href(struct walk *w, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	int num[ID_DEPTH];

	if (url == NULL)
		return NULL;
	if (id_parse(url, num) != 0)
		return w->m->xref != NULL ? w->m->xref(url, w->m->arg) : NULL;
	return url_safe(url) ? g_strdup(url) : NULL;
}

/* An ordered or bullet list, with the best-practice markers. */
static xmlNodePtr
list_el(struct walk *w, cmark_node *n)
{
	static const char *const type[] = {"i", "a", "1"};
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	xmlNodePtr el = html_el(w->cur, ordered ? "ol" : "ul", NULL);
	char buf[32];

	if (n == w->m->bp || w->bpd > 0)
		w->bpd++;
	if (ordered && w->bpd > 0 && w->bpd <= 3) {
		snprintf(buf, sizeof buf, "bp bp%d", w->bpd);
		html_attr(el, "class", buf);
		html_attr(el, "type", type[w->bpd - 1]);
	}
	if (ordered && cmark_node_get_list_start(n) > 1) {
		snprintf(buf, sizeof buf, "%d", cmark_node_get_list_start(n));
		html_attr(el, "start", buf);
	}
	return el;
}

/*
 * Whether N is the first reference to its footnote in its document.
 * A body may be written in several calls (a control's text, then its
 * best practices), so this looks at the whole tree rather than at what
 * one call has seen; bodies are short.
 */
static int
first_ref(cmark_node *n)
{
	const char *ix = cmark_node_get_literal(n);
	cmark_node *root = n;
	cmark_iter *it;
	cmark_event_type ev;
	int first = 0;

	while (cmark_node_parent(root) != NULL)
		root = cmark_node_parent(root);
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_REFERENCE &&
		    strcmp(cmark_node_get_literal(c), ix) == 0) {
			first = c == n;
			break;
		}
	}
	cmark_iter_free(it);
	return first;
}

/* A footnote reference: a superscript link to the note, numbered. */
static void
footnote_ref(struct walk *w, cmark_node *n)
{
	const char *ix = cmark_node_get_literal(n);
	xmlNodePtr sup = html_elc(w->cur, "sup", "fnref", NULL);
	char *href = g_strdup_printf("#fn-%s-%s", w->m->idp, ix);
	xmlNodePtr a = html_a(sup, href, ix);

	if (first_ref(n)) {
		char *id = g_strdup_printf("fnref-%s-%s", w->m->idp, ix);
		html_attr(a, "id", id);
		g_free(id);
	}
	html_attr(a, "aria-label", "注");
	g_free(href);
}

/* The element a table node opens, or NULL for the other extensions. */
static xmlNodePtr
table_el(struct walk *w, cmark_node *n, const char *t)
{
	xmlNodePtr el, body;

	if (strcmp(t, "table") == 0) {
		el = html_elc(w->cur, "div", "table-wrap", NULL);
		html_attr(el, "role", "region");
		html_attr(el, "aria-label", "表");
		html_attr(el, "tabindex", "0");
		w->align = cmark_gfm_extensions_get_table_alignments(n);
		return html_el(el, "table", NULL);
	}
	if (strcmp(t, "table_header") == 0 || strcmp(t, "table_row") == 0) {
		w->col = 0;
		if (cmark_gfm_extensions_get_table_row_is_header(n))
			return html_el(html_el(w->cur, "thead", NULL), "tr",
				       NULL);
		body = xmlGetLastChild(w->cur);
		if (body == NULL || strcmp((char *)body->name, "tbody") != 0)
			body = html_el(w->cur, "tbody", NULL);
		return html_el(body, "tr", NULL);
	}
	if (strcmp(t, "table_cell") == 0) {
		int head = cmark_gfm_extensions_get_table_row_is_header(
		    cmark_node_parent(n));
		uint8_t a = w->align != NULL ? w->align[w->col] : 0;

		el = html_el(w->cur, head ? "th" : "td", NULL);
		if (head)
			html_attr(el, "scope", "col");
		html_attr(el, "class", a == 'l'   ? "al"
				       : a == 'c' ? "ac"
				       : a == 'r' ? "ar"
						  : NULL);
		w->col++;
		return el;
	}
	return html_el(w->cur, "span", NULL);
}

/* Whether paragraph N sits in a tight list item (written without <p>). */
static int
tight(cmark_node *n)
{
	cmark_node *item = cmark_node_parent(n);
	cmark_node *list = item != NULL ? cmark_node_parent(item) : NULL;

	return list != NULL && cmark_node_get_type(item) == CMARK_NODE_ITEM &&
	       cmark_node_get_list_tight(list);
}

/* The element a container node opens under W->cur. */
static xmlNodePtr
container_el(struct walk *w, cmark_node *n)
{
	char h[16];
	int lv;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		return html_el(w->cur, "blockquote", NULL);
	case CMARK_NODE_LIST:
		return list_el(w, n);
	case CMARK_NODE_ITEM:
		return html_el(w->cur, "li", NULL);
	case CMARK_NODE_PARAGRAPH:
		return tight(n) ? w->cur : html_el(w->cur, "p", NULL);
	case CMARK_NODE_HEADING:
		lv = cmark_node_get_heading_level(n) + w->m->hshift;
		snprintf(h, sizeof h, "h%d", lv < 2 ? 2 : lv > 6 ? 6 : lv);
		return html_el(w->cur, h, NULL);
	case CMARK_NODE_EMPH:
		return html_el(w->cur, "em", NULL);
	case CMARK_NODE_STRONG:
		return html_el(w->cur, "strong", NULL);
	case CMARK_NODE_LINK: {
		char *href = link_href(w, n);
		xmlNodePtr a = html_a(w->cur, href, NULL);
		g_free(href);
		return a;
	}
	default:
		return table_el(w, n, cmark_node_get_type_string(n));
	}
}

/* Write leaf N; returns 1 if N's children must be skipped. */
static int
leaf(struct walk *w, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	char *alt, *src;
	xmlNodePtr el;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
		html_text(w->cur, lit);
		return 0;
	case CMARK_NODE_SOFTBREAK:
		html_text(w->cur, "\n");
		return 0;
	case CMARK_NODE_LINEBREAK:
		html_el(w->cur, "br", NULL);
		return 0;
	case CMARK_NODE_CODE:
		html_el(w->cur, "code", lit);
		return 0;
	case CMARK_NODE_CODE_BLOCK:
		html_el(html_el(w->cur, "pre", NULL), "code", lit);
		return 0;
	case CMARK_NODE_THEMATIC_BREAK:
		html_el(w->cur, "hr", NULL);
		return 0;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		footnote_ref(w, n);
		return 0;
	case CMARK_NODE_IMAGE:
		src = link_href(w, n);
		alt = md_plain(n);
		if (src != NULL) {
			el = html_el(w->cur, "img", NULL);
			html_attr(el, "src", src);
			html_attr(el, "alt", alt);
		} else {
			html_text(w->cur, alt);
		}
		g_free(alt);
		g_free(src);
		return 1;
	default: /* raw HTML, custom blocks: left out */
		return 1;
	}
}

/* Whether nodes of type T hold children this writer opens elements for. */
static int
is_container(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_ITEM:
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
		return 1;
	default: {
		const char *t = cmark_node_get_type_string(n);

		return t != NULL && (strncmp(t, "table", 5) == 0 ||
				      strcmp(t, "strikethrough") == 0);
	}
	}
}

/* Write the tree at N (one top-level block) under W->cur. */
static void
walk_tree(struct walk *w, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && is_container(c)) {
			open_el(w, container_el(w, c));
		} else if (ev == CMARK_EVENT_EXIT && is_container(c)) {
			if (cmark_node_get_type(c) == CMARK_NODE_LIST &&
			    w->bpd > 0)
				w->bpd--;
			w->cur = g_ptr_array_steal_index(w->stack,
							 w->stack->len - 1);
		} else if (ev == CMARK_EVENT_ENTER && leaf(w, c)) {
			cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(it);
}

/* Start a walk writing under PARENT; walk_done frees what it holds. */
static void
walk_init(struct walk *w, xmlNodePtr parent, const struct html_md *m)
{
	memset(w, 0, sizeof *w);
	w->m = m;
	w->cur = parent;
	w->stack = g_ptr_array_new();
}

static void
walk_done(struct walk *w)
{
	g_ptr_array_free(w->stack, TRUE);
}

void
html_md_blocks(xmlNodePtr parent, cmark_node *from, cmark_node *stop,
	       const struct html_md *m)
{
	struct walk w;

	walk_init(&w, parent, m);
	for (cmark_node *n = from; n != NULL && n != stop;
	     n = cmark_node_next(n))
		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
			walk_tree(&w, n);
	walk_done(&w);
}

void
html_md_footnotes(xmlNodePtr parent, cmark_node *doc, const struct html_md *m)
{
	xmlNodePtr sec = NULL, ol = NULL;
	struct walk w;
	int ix = 0;

	if (doc == NULL)
		return;
	walk_init(&w, parent, m);
	for (cmark_node *n = cmark_node_first_child(doc); n != NULL;
	     n = cmark_node_next(n)) {
		char *id, *back;
		xmlNodePtr li, a, last;

		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		if (sec == NULL) {
			sec = html_elc(parent, "aside", "footnotes", NULL);
			html_attr(sec, "aria-label", "注");
			ol = html_el(sec, "ol", NULL);
		}
		id = g_strdup_printf("fn-%s-%d", m->idp, ++ix);
		back = g_strdup_printf("#fnref-%s-%d", m->idp, ix);
		li = html_el(ol, "li", NULL);
		html_attr(li, "id", id);
		w.cur = li;
		for (cmark_node *c = cmark_node_first_child(n); c != NULL;
		     c = cmark_node_next(c))
			walk_tree(&w, c);
		last = xmlGetLastChild(li);
		if (last == NULL || strcmp((char *)last->name, "p") != 0)
			last = li;
		a = html_a(last, back, "↩");
		html_attr(a, "class", "fnback");
		html_attr(a, "aria-label", "本文に戻る");
		g_free(id);
		g_free(back);
	}
	walk_done(&w);
}
