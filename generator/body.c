/*
 * body: the Markdown bodies of the model and the views of them that
 * every writer shares.
 *
 * The model keeps each body as the Markdown it was written in, not as a
 * cmark-gfm tree: a tree weighs five times its text, and at tens of
 * thousands of controls the trees were three quarters of the memory.  A
 * writer that walks a body parses it (body_parse) and frees the tree;
 * a writer that walks every body many times (the book) has them all
 * held: parsed by the loading threads and kept (guideline_load_held).  What loading, checking and the search need of a
 * control's body is taken once, at load (md_digest).
 */
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <glib.h>

#include "model.h"

/* The GFM table extension, registered once (before any thread). */
static cmark_syntax_extension *
table_extension(void)
{
	static gsize once;
	static cmark_syntax_extension *table;

	if (g_once_init_enter(&once)) {
		cmark_gfm_core_extensions_ensure_registered();
		table = cmark_find_syntax_extension("table");
		g_once_init_leave(&once, 1);
	}
	return table;
}

/*
 * Parse B with the table and footnote extensions; raw HTML stays escaped
 * (no CMARK_OPT_UNSAFE).  Source positions are kept for messages.
 */
cmark_node *
md_parse(const char *src, size_t len)
{
	cmark_syntax_extension *table = table_extension();
	cmark_parser *p;
	cmark_node *doc;

	p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS);
	if (table != NULL)
		cmark_parser_attach_syntax_extension(p, table);
	cmark_parser_feed(p, src, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	return doc;
}

cmark_node *
body_parse(const struct body *b)
{
	return b->src != NULL ? md_parse(b->src, b->len) : NULL;
}

void
body_clear(struct body *b)
{
	if (b->doc != NULL)
		cmark_node_free(b->doc);
	g_free(b->src);
	if (!b->stub)
		g_free(b->hash);
	memset(b, 0, sizeof(*b));
}

/*
 * Plain text: text and code as they are, soft breaks joined without a
 * space (the guideline is Japanese), hard breaks and block ends as
 * newlines, footnote references dropped.
 */
static void
plain(cmark_node *n, GString *out)
{
	cmark_node_type t = cmark_node_get_type(n);

	switch (t) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		g_string_append(out, cmark_node_get_literal(n));
		return;
	case CMARK_NODE_LINEBREAK:
		g_string_append_c(out, '\n');
		return;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_FOOTNOTE_REFERENCE:
	case CMARK_NODE_HTML_INLINE:
		return;
	default:
		break;
	}
	for (cmark_node *c = cmark_node_first_child(n); c != NULL;
	     c = cmark_node_next(c)) {
		plain(c, out);
		if ((cmark_node_get_type(c) & CMARK_NODE_TYPE_BLOCK) &&
		    cmark_node_next(c) != NULL && out->len > 0 &&
		    out->str[out->len - 1] != '\n')
			g_string_append_c(out, '\n');
	}
}

char *
md_plain(cmark_node *n)
{
	GString *s = g_string_new(NULL);

	if (n != NULL)
		plain(n, s);
	while (s->len > 0 && s->str[s->len - 1] == '\n')
		g_string_truncate(s, s->len - 1);
	return g_string_free(s, FALSE);
}

void
md_append_plain(GString *s, cmark_node *n)
{
	char *t = md_plain(n);

	if (s->len > 0)
		g_string_append_c(s, '\n');
	g_string_append(s, t);
	g_free(t);
}

cmark_node *
md_bp_heading(cmark_node *doc)
{
	if (doc == NULL)
		return NULL;
	for (cmark_node *c = cmark_node_first_child(doc); c != NULL;
	     c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_HEADING)
			continue;
		char *t = md_plain(c);
		int is = strstr(t, "ベストプラクティス") != NULL;
		g_free(t);
		if (is)
			return c;
	}
	return NULL;
}

cmark_node *
md_best_practices(cmark_node *doc)
{
	cmark_node *h = md_bp_heading(doc);
	cmark_node *l = h != NULL ? cmark_node_next(h) : NULL;

	if (l != NULL && cmark_node_get_type(l) == CMARK_NODE_LIST)
		return l;
	return NULL;
}

/* The text before the ベストプラクティス heading, footnotes left out. */
static char *
md_control_text(cmark_node *doc)
{
	GString *s = g_string_new(NULL);
	cmark_node *stop = md_bp_heading(doc);

	if (doc == NULL)
		return g_string_free(s, FALSE);
	for (cmark_node *n = cmark_node_first_child(doc);
	     n != NULL && n != stop; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
			md_append_plain(s, n);
	}
	return g_string_free(s, FALSE);
}

/* S in just the memory it needs. */
static char *
fit(char *s)
{
	return g_realloc(s, strlen(s) + 1);
}

void
md_digest(cmark_node *doc, char **text, char **bp_text, bool *bp_not_list)
{
	cmark_node *bp = md_best_practices(doc);

	/* kept for the whole run: without a GString's spare room */
	*text = fit(md_control_text(doc));
	*bp_text = bp != NULL ? fit(md_plain(bp)) : NULL;
	*bp_not_list = bp == NULL && md_bp_heading(doc) != NULL;
}

char *
content_hash(const char *buf, size_t len)
{
	return g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)buf,
					   len);
}

char *
control_text(const struct control *c)
{
	return g_strdup(c->text != NULL ? c->text : "");
}

char *
control_brief(const struct control *c)
{
	char *t, *end, *b;

	if (c->title != NULL)
		return g_strdup(c->title);
	t = control_text(c);
	if ((end = strstr(t, "。")) != NULL)
		*end = '\0';
	if (g_utf8_strlen(t, -1) <= 40)
		return t;
	*g_utf8_offset_to_pointer(t, 39) = '\0';
	b = g_strconcat(t, "…", NULL);
	g_free(t);
	return b;
}

void
key_add(GChecksum *h, const char *s)
{
	if (s != NULL)
		g_checksum_update(h, (const guchar *)s, (gssize)strlen(s) + 1);
	else
		g_checksum_update(h, (const guchar *)"\1", 1);
}

char *
control_items_hash(const struct control *c)
{
	GChecksum *h = g_checksum_new(KEY_CHECKSUM);
	char *s;

	for (guint j = 0; j < c->items->len; j++) {
		const struct item *it = g_ptr_array_index(c->items, j);
		key_add(h, it->key);
		key_add(h, it->label);
		key_add(h, value_better_name(it->better));
		for (int p = 0; p < PATTERNS; p++)
			key_add(h, it->values[p].text);
	}
	s = g_strdup(g_checksum_get_string(h));
	g_checksum_free(h);
	return s;
}

/* The held parse of B: a writer that asks must have loaded the
 * guideline with guideline_load_held. */
static cmark_node *
held(const struct body *b)
{
	g_assert(b->src == NULL || b->doc != NULL);
	return b->doc;
}

cmark_node *
control_bp_heading(const struct control *c)
{
	return md_bp_heading(held(&c->body));
}

cmark_node *
control_best_practices(const struct control *c)
{
	return md_best_practices(held(&c->body));
}
