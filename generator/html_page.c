/*
 * html_page: theme templates, their slots, and HTML5 serialisation.
 *
 * A template is an XHTML file, parsed with libxml2 once per build.  Its
 * XHTML namespace is dropped so the tree is plain HTML; elements with a
 * data-slot attribute are the places a writer fills.  A page is a copy
 * of a template in its own HTML document, written with libxml2's HTML
 * serialiser after a "<!DOCTYPE html>".
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include "diag.h"
#include "fsio.h"
#include "html.h"


struct html_theme {
	char *dir;
	GHashTable *tmpl; /* name → xmlDocPtr, owned */
	GPtrArray *assets; /* file names, sorted */
};

struct html_page {
	xmlDocPtr doc;
	const struct html_theme *theme;
	char *root;
	GHashTable *slots; /* name → xmlNodePtr of doc */
	GArray *pieces;    /* struct piece, in the order of the page */
	const char *old, *old_at; /* the text the last piece was taken
				     from, and where it ended there */
};

/* An element of the page taken as a previous build wrote it. */
struct piece {
	char *stand;       /* what stands for it: the element, serialised
			      with a comment naming the piece (a new
			      string) */
	const char *text;  /* the element as it was (borrowed) */
	gsize len;
};

static void report_template(const char *dir, const char *name);

/* Forget the XHTML namespace on N and below: the tree becomes HTML. */
static void
strip_ns(xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n->ns = NULL;
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
			a->ns = NULL;
		strip_ns(n->children);
	}
}

/*
 * Parse the template PATH.  Returns the document with namespaces
 * dropped, or NULL after reporting E_THEME with libxml2's message.
 */
static xmlDocPtr
parse_template(const char *path)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	const xmlError *e;

	doc = xmlReadFile(path, "UTF-8",
			  XML_PARSE_NONET | XML_PARSE_NOERROR |
			      XML_PARSE_NOWARNING | XML_PARSE_NOENT);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		e = xmlGetLastError();
		diag(E_THEME, path, e != NULL ? e->line : 0, 0,
		     e != NULL && e->message != NULL ? g_strchomp(e->message)
						     : "empty document");
		xmlFreeDoc(doc);
		return NULL;
	}
	strip_ns(root);
	xmlFreeNsList(root->nsDef);
	root->nsDef = NULL;
	return doc;
}

/* Whether NAME ends with one of the NULL-terminated SFX. */
static int
has_suffix(const char *name, const char *const *sfx)
{
	for (; *sfx != NULL; sfx++)
		if (g_str_has_suffix(name, *sfx))
			return 1;
	return 0;
}

/*
 * Read the names in DIR into a sorted array (caller frees).  Returns NULL
 * after reporting.
 */
static GPtrArray *
list_dir(const char *dir)
{
	GError *err = NULL;
	GDir *d = g_dir_open(dir, 0, &err);
	GPtrArray *names;
	const char *n;

	if (d == NULL) {
		diag(S_DIR, dir, 0, 0, err->message);
		g_error_free(err);
		return NULL;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((n = g_dir_read_name(d)) != NULL)
		if (n[0] != '.')
			g_ptr_array_add(names, g_strdup(n));
	g_dir_close(d);
	g_ptr_array_sort(names, (GCompareFunc)g_ascii_strcasecmp);
	return names;
}

/*
 * Templates are *.xhtml files; assets (*.css, *.js, *.svg) are copied.
 * Returns the theme or NULL after reporting; the caller frees.
 */
struct html_theme *
html_theme_load(const char *dir)
{
	static const char *const asset[] = {".css", ".js", ".svg", NULL};
	struct html_theme *t = g_new0(struct html_theme, 1);
	GPtrArray *names;
	int bad = 0;

	t->dir = g_strdup(dir);
	t->tmpl = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					(GDestroyNotify)xmlFreeDoc);
	t->assets = g_ptr_array_new_with_free_func(g_free);
	if ((names = list_dir(dir)) == NULL) {
		html_theme_free(t);
		return NULL;
	}
	for (guint i = 0; i < names->len; i++) {
		const char *n = g_ptr_array_index(names, i);
		char *path = g_build_filename(dir, n, NULL);
		xmlDocPtr doc;

		if (g_str_has_suffix(n, ".xhtml")) {
			if ((doc = parse_template(path)) == NULL)
				bad = 1;
			else
				g_hash_table_insert(
				    t->tmpl,
				    g_strndup(n, strlen(n) - strlen(".xhtml")),
				    doc);
		} else if (has_suffix(n, asset)) {
			g_ptr_array_add(t->assets, g_strdup(n));
		}
		g_free(path);
	}
	g_ptr_array_free(names, TRUE);
	if (bad) {
		html_theme_free(t);
		return NULL;
	}
	return t;
}

void
html_theme_free(struct html_theme *t)
{
	if (t == NULL)
		return;
	g_hash_table_destroy(t->tmpl);
	g_ptr_array_free(t->assets, TRUE);
	g_free(t->dir);
	g_free(t);
}

/* Copy every asset of T into OUT.  Returns 0 or -1 after reporting. */
int
html_theme_copy_assets(const struct html_theme *t, const char *out)
{
	for (guint i = 0; i < t->assets->len; i++) {
		const char *name = g_ptr_array_index(t->assets, i);
		char *dst = g_build_filename(out, name, NULL);
		int rc = html_theme_copy_asset(t, name, dst);

		g_free(dst);
		if (rc < 0)
			return -1;
	}
	return 0;
}

const GPtrArray *
html_theme_assets(const struct html_theme *t)
{
	return t->assets;
}

int
html_theme_copy_asset(const struct html_theme *t, const char *name,
		      const char *dst)
{
	char *src = g_build_filename(t->dir, name, NULL);
	char *buf = NULL;
	size_t len;
	int ok = fsio_read(src, &buf, &len) == 0 &&
		 fsio_write(dst, buf, len) == 0;

	g_free(buf);
	g_free(src);
	return ok ? 0 : -1;
}

/* Whether an href or src value is relative to the template's root. */
static int
is_root_relative(const char *v)
{
	const char *p;

	if (v[0] == '\0' || v[0] == '#' || v[0] == '/')
		return 0;
	for (p = v; g_ascii_isalnum(*p) || *p == '+' || *p == '-' || *p == '.';
	     p++)
		;
	return *p != ':';
}

/*
 * Prepare the copied tree N for page P: register and drop its slots, and
 * put P's root in front of relative links.
 */
static void
adopt(struct html_page *p, xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* attributes are looked at in place: no copies */
		for (xmlAttrPtr a = n->properties, next; a != NULL; a = next) {
			const char *v = a->children != NULL
					    ? (const char *)a->children->content
					    : NULL;
			const char *name = (const char *)a->name;

			next = a->next;
			if (v == NULL)
				continue;
			if (strcmp(name, "data-slot") == 0) {
				g_hash_table_insert(p->slots, g_strdup(v), n);
				xmlRemoveProp(a);
			} else if (p->root[0] != '\0' && is_root_relative(v) &&
				   (strcmp(name, "href") == 0 ||
				    strcmp(name, "src") == 0 ||
				    strcmp(name, "action") == 0)) {
				char *w = g_strconcat(p->root, v, NULL);
				xmlSetProp(n, a->name, BAD_CAST w);
				g_free(w);
			}
		}
		adopt(p, n->children);
	}
}

/*
 * Names of elements and attributes are kept in a dictionary, one per
 * thread (libxml2 dictionaries are not locked), shared by the pages the
 * thread writes: fewer allocations than a copy of "li" per element.
 */
static GPrivate thread_dict = G_PRIVATE_INIT((GDestroyNotify)xmlDictFree);

static xmlDictPtr
page_dict(void)
{
	xmlDictPtr d = g_private_get(&thread_dict);

	if (d == NULL) {
		d = xmlDictCreate();
		g_private_set(&thread_dict, d);
	}
	xmlDictReference(d);
	return d;
}

struct html_page *
html_page_new(const struct html_theme *t, const char *name, const char *root)
{
	xmlDocPtr tmpl = g_hash_table_lookup(t->tmpl, name);
	struct html_page *p;
	xmlNodePtr r;

	if (tmpl == NULL) {
		report_template(t->dir, name);
		return NULL;
	}
	p = g_new0(struct html_page, 1);
	p->theme = t;
	p->root = g_strdup(root);
	p->slots = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	p->doc = htmlNewDocNoDtD(NULL, NULL);
	p->doc->dict = page_dict();
	p->doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
	xmlCreateIntSubset(p->doc, BAD_CAST "html", NULL, NULL);
	r = xmlDocCopyNode(xmlDocGetRootElement(tmpl), p->doc, 1);
	xmlDocSetRootElement(p->doc, r);
	adopt(p, r);
	return p;
}

void
html_page_free(struct html_page *p)
{
	if (p == NULL)
		return;
	xmlFreeDoc(p->doc);
	g_hash_table_destroy(p->slots);
	for (guint i = 0; p->pieces != NULL && i < p->pieces->len; i++)
		g_free(g_array_index(p->pieces, struct piece, i).stand);
	if (p->pieces != NULL)
		g_array_free(p->pieces, TRUE);
	g_free(p->root);
	g_free(p);
}

xmlNodePtr
html_page_slot(struct html_page *p, const char *name)
{
	return g_hash_table_lookup(p->slots, name);
}

int
html_page_insert(struct html_page *p, const char *name, xmlNodePtr parent)
{
	xmlDocPtr tmpl = g_hash_table_lookup(p->theme->tmpl, name);
	xmlNodePtr copy, first;

	if (tmpl == NULL) {
		report_template(p->theme->dir, name);
		return -1;
	}
	copy = xmlDocCopyNodeList(p->doc,
				  xmlDocGetRootElement(tmpl)->children);
	first = copy;
	xmlAddChildList(parent, copy);
	adopt(p, first);
	return 0;
}

/* Remove the slots nothing was put in, so no empty nav is written. */
static void
drop_empty_slots(struct html_page *p)
{
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, p->slots);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		xmlNodePtr n = v;

		if (n->children == NULL &&
		    strcmp((char *)n->name, "title") != 0) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			g_hash_table_iter_remove(&it);
		}
	}
}

int
html_page_write(struct html_page *p, const char *path)
{
	return html_page_write_stream(p, path, NULL, NULL, NULL);
}

/*
 * Serialise N, or the whole page when N is NULL, into B.  libxml2's
 * XHTML writer is used: HTML5 in its XML-compatible syntax (void
 * elements closed with " />", boolean attributes written out, xml:lang
 * beside lang), which browsers and the Nu checker read as HTML and
 * which costs a fifth less than the HTML writer, whose element lookups
 * are linear.  It treats a "<!DOCTYPE html>" without identifiers as not
 * XHTML, so the doctype and the root are written separately.
 */
static void
serialise(xmlBufferPtr b, xmlDocPtr doc, xmlNodePtr n)
{
	xmlSaveCtxtPtr ctx = xmlSaveToBuffer(b, "UTF-8",
					     XML_SAVE_XHTML | XML_SAVE_NO_DECL);

	if (n == NULL) {
		xmlSaveTree(ctx, (xmlNodePtr)doc->intSubset);
		xmlSaveFlush(ctx);
		xmlBufferCCat(b, "\n");
		n = xmlDocGetRootElement(doc);
	}
	xmlSaveTree(ctx, n);
	xmlSaveClose(ctx);
	if (n == xmlDocGetRootElement(doc))
		xmlBufferCCat(b, "\n");
}

/*
 * The pieces of a page stand in it as their elements holding a comment
 * alone, whose text cannot come out of anything else (STREAM_MARK).  An
 * element serialises the same alone as in its page: what stands for a
 * piece is found by its text.
 */
#define PIECE_MARK "guidepress:piece "

int
html_page_piece(struct html_page *p, xmlNodePtr el, const char *old,
		gsize len)
{
	xmlBufferPtr b = xmlBufferCreate();
	char *etag = g_strdup_printf("</%s>", (const char *)el->name);
	const char *t, *gt, *start = NULL, *end = NULL;
	char name[32];
	struct piece pc;
	int rc = -1;

	if (p->pieces == NULL)
		p->pieces = g_array_new(FALSE, FALSE, sizeof(struct piece));
	snprintf(name, sizeof name, PIECE_MARK "%u", p->pieces->len);
	xmlAddChild(el, xmlNewDocComment(p->doc, BAD_CAST name));
	serialise(b, p->doc, el);
	t = (const char *)xmlBufferContent(b);
	/* pieces come in the order of the page they are taken from: look
	   after the last one first */
	g_assert(old[len] == '\0');
	if ((gt = strchr(t, '>')) != NULL) {
		char *stag = g_strndup(t, (gsize)(gt + 1 - t));

		if (p->old != old || (start = strstr(p->old_at, stag)) == NULL)
			start = strstr(old, stag);
		g_free(stag);
	}
	if (start != NULL && (end = strstr(start, etag)) != NULL) {
		pc.stand = g_strdup(t);
		pc.text = start;
		pc.len = (gsize)(end - start) + strlen(etag);
		g_array_append_val(p->pieces, pc);
		p->old = old;
		p->old_at = start + pc.len;
		rc = 0;
	}
	xmlBufferFree(b);
	g_free(etag);
	return rc;
}

/* Write ALL (LEN bytes) to F, each of PIECES (or NULL) in place of what
 * stands for it. */
static void
write_pieces(FILE *f, const char *all, size_t len, const GArray *pieces)
{
	const char *at = all, *end = all + len;

	for (guint i = 0; pieces != NULL && i < pieces->len; i++) {
		const struct piece *pc = &g_array_index(pieces, struct piece, i);
		const char *s = strstr(at, pc->stand);

		g_assert(s != NULL);
		fwrite(at, 1, (size_t)(s - at), f);
		fwrite(pc->text, 1, pc->len, f);
		at = s + strlen(pc->stand);
	}
	fwrite(at, 1, (size_t)(end - at), f);
}

/*
 * Pages are written by several threads, and diag() keeps counts: the
 * writers report through this lock.
 */
static GMutex report_lock;

static void
report_write(const char *path, int err)
{
	g_mutex_lock(&report_lock);
	diag(S_WRITE, path, 0, 0, strerror(err));
	g_mutex_unlock(&report_lock);
}

static void
report_template(const char *dir, const char *name)
{
	g_mutex_lock(&report_lock);
	diag(E_THEME_TEMPLATE, dir, 0, 0, name);
	g_mutex_unlock(&report_lock);
}

/*
 * Flush and close F, which was written in full: returns 0, or the errno
 * of the first failure (a full disk shows here, not as a short file).
 */
static int
close_page(FILE *f)
{
	int bad = fflush(f) != 0 || ferror(f);
	int err = errno;

	if (fclose(f) != 0 && !bad) {
		bad = 1;
		err = errno;
	}
	return bad ? (err != 0 ? err : EIO) : 0;
}

/*
 * The page is serialised with a comment in AT; the text before the
 * comment is written, then each piece, then the text after it.  The
 * comment's text cannot come out of anything else: in text and in
 * attribute values the serialiser escapes '<'.
 */
#define STREAM_MARK "<!--guidepress:stream-->"

int
html_page_write_stream(struct html_page *p, const char *path, xmlNodePtr at,
		       int (*more)(void *arg, xmlNodePtr at), void *arg)
{
	xmlBufferPtr b = xmlBufferCreate(), piece = NULL;
	const char *all, *mark;
	xmlNodePtr c = NULL, keep = at != NULL ? at->last : NULL;
	FILE *f;
	int rc = -1;
	int err;

	drop_empty_slots(p);
	if ((f = fopen(path, "wx")) == NULL) {
		report_write(path, errno);
		goto out;
	}
	if (at != NULL) {
		c = xmlNewDocComment(p->doc, BAD_CAST "guidepress:stream");
		xmlAddChild(at, c);
	}
	serialise(b, p->doc, NULL);
	all = (const char *)xmlBufferContent(b);
	if (at == NULL) {
		write_pieces(f, all, (size_t)xmlBufferLength(b), p->pieces);
		goto close;
	}
	g_assert(p->pieces == NULL);
	xmlUnlinkNode(c);
	xmlFreeNode(c);
	mark = strstr(all, STREAM_MARK);
	assert(mark != NULL);
	fwrite(all, 1, (size_t)(mark - all), f);
	piece = xmlBufferCreate();
	while (more(arg, at)) {
		while ((c = keep != NULL ? keep->next : at->children) != NULL) {
			xmlBufferEmpty(piece);
			serialise(piece, p->doc, c);
			fwrite(xmlBufferContent(piece), 1,
			       (size_t)xmlBufferLength(piece), f);
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	fputs(mark + strlen(STREAM_MARK), f);
close:
	if ((err = close_page(f)) != 0) {
		report_write(path, err);
		goto out;
	}
	rc = 0;
out:
	xmlBufferFree(b);
	if (piece != NULL)
		xmlBufferFree(piece);
	return rc;
}

xmlNodePtr
html_el(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewDocNode(parent->doc, NULL, BAD_CAST name, NULL);

	if (text != NULL)
		xmlAddChild(n, xmlNewDocText(parent->doc, BAD_CAST text));
	return xmlAddChild(parent, n);
}

xmlNodePtr
html_elc(xmlNodePtr parent, const char *name, const char *cls,
	 const char *text)
{
	xmlNodePtr n = html_el(parent, name, text);

	html_attr(n, "class", cls);
	return n;
}

void
html_text(xmlNodePtr parent, const char *text)
{
	xmlAddChild(parent, xmlNewDocText(parent->doc, BAD_CAST text));
}

void
html_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value != NULL)
		xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

xmlNodePtr
html_a(xmlNodePtr parent, const char *href, const char *text)
{
	xmlNodePtr a = html_el(parent, href != NULL ? "a" : "span", text);

	html_attr(a, "href", href);
	return a;
}

/* Whether N is ROOT or inside it. */
static int
inside(xmlNodePtr n, xmlNodePtr root)
{
	for (; n != NULL; n = n->parent)
		if (n == root)
			return 1;
	return 0;
}

void
html_page_drop(struct html_page *p, const char *name, int up)
{
	xmlNodePtr n = html_page_slot(p, name);
	GHashTableIter it;
	gpointer k, v;

	if (n == NULL)
		return;
	for (; up > 0 && n->parent != NULL &&
	       n->parent->type == XML_ELEMENT_NODE;
	     up--)
		n = n->parent;
	g_hash_table_iter_init(&it, p->slots);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (inside(v, n))
			g_hash_table_iter_remove(&it);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

int
html_theme_has(const struct html_theme *t, const char *name)
{
	return g_hash_table_contains(t->tmpl, name);
}
