/*
 * html: what every HTML writer shares.  Pages are libxml2 trees made
 * from the theme's XHTML templates, which mark their fill-in places with
 * named slots (data-slot="main"); Markdown bodies are turned from
 * cmark-gfm trees into libxml2 nodes; the result is serialised as HTML5.
 * Text is always a text node and attribute values are set as values, so
 * nothing is ever escaped by hand.
 *
 * The site (html_site.c) uses it; so can any later HTML output, such as
 * a provider's report.
 */
#ifndef GP_HTML_H
#define GP_HTML_H

#include <libxml/tree.h>

struct cmark_node;

struct html_theme;
struct html_page;

/*
 * Load the templates of the theme in DIR (every *.xhtml file, by name
 * without the extension: "page", "home").  Returns the theme (free with
 * html_theme_free), or NULL after reporting.
 */
struct html_theme *html_theme_load(const char *dir);

/* Free T.  Accepts NULL. */
void html_theme_free(struct html_theme *t);

/* Whether T has template NAME. */
int html_theme_has(const struct html_theme *t, const char *name);

/*
 * Copy the theme's assets (*.css, *.js, *.svg) into OUT.  Returns 0, or
 * -1 after reporting.
 */
int html_theme_copy_assets(const struct html_theme *t, const char *out);

/* The names of the theme's assets, sorted (borrowed); and the copy of
 * one, NAME, to the file DST (0, or -1 after reporting). */
const GPtrArray *html_theme_assets(const struct html_theme *t);
int html_theme_copy_asset(const struct html_theme *t, const char *name,
			  const char *dst);

/*
 * A new page from template NAME.  ROOT is the way from the page to the
 * site root ("" or "../"): relative href and src values of the template
 * are written relative to the root and get ROOT put in front.  Returns
 * the page (free with html_page_free), or NULL after reporting that the
 * theme has no such template.
 */
struct html_page *html_page_new(const struct html_theme *t,
				const char *name, const char *root);

/* Free P and its tree.  Accepts NULL. */
void html_page_free(struct html_page *p);

/*
 * The element of P's slot NAME, to add children to, or NULL when the
 * template has no such slot.  The page owns it.
 */
xmlNodePtr html_page_slot(struct html_page *p, const char *name);

/*
 * Copy template NAME (a fragment: the children of its root element) at
 * the end of PARENT, a node of P, and make its slots P's slots.  Returns
 * 0, or -1 after reporting that the theme has no such template.
 */
int html_page_insert(struct html_page *p, const char *name,
		     xmlNodePtr parent);

/*
 * Remove slot NAME from P, with UP of its ancestors (1: its parent),
 * for a template part that makes no sense without the slot's content;
 * slots inside what is removed are forgotten.  Nothing if there is no
 * such slot.
 */
void html_page_drop(struct html_page *p, const char *name, int up);

/*
 * Element EL of P, just made and empty, stands for a piece of P made
 * before: the element of the same start tag in OLD (LEN bytes and a NUL,
 * the text of a page as serialised here, which must outlive P's
 * writing), from there to its end tag (it must hold no element of its
 * own name).  P is
 * written with that text in EL's place; EL gets no more children.
 * Returns 0, or -1 when OLD holds no such element.  Not with
 * html_page_write_stream's AT.
 */
int html_page_piece(struct html_page *p, xmlNodePtr el, const char *old,
		    gsize len);

/*
 * Serialise P as HTML5 (doctype, UTF-8) into PATH, which must not
 * exist yet.  Slots left empty are removed first.  Returns 0, or -1
 * after reporting.
 */
int html_page_write(struct html_page *p, const char *path);

/*
 * The same for a page too long to hold at once: more children of AT,
 * an element of P, are made in pieces.  MORE(ARG, AT) appends the next
 * piece at the end of AT and returns 1, or 0 when there is no more;
 * each piece is written and freed before the next, so the page takes
 * the memory of one piece.
 */
int html_page_write_stream(struct html_page *p, const char *path,
			   xmlNodePtr at,
			   int (*more)(void *arg, xmlNodePtr at), void *arg);

/*
 * Tree building.  html_el appends a new element NAME to PARENT, with
 * TEXT as its text if not NULL, and returns it.  html_text appends a
 * text node.  html_attr sets an attribute (NULL VALUE: none).  html_a
 * appends a link; a NULL HREF makes it plain text in a span.
 */
xmlNodePtr html_el(xmlNodePtr parent, const char *name, const char *text);
void html_text(xmlNodePtr parent, const char *text);
void html_attr(xmlNodePtr n, const char *name, const char *value);
xmlNodePtr html_a(xmlNodePtr parent, const char *href, const char *text);
/* An element with a class, in one call. */
xmlNodePtr html_elc(xmlNodePtr parent, const char *name, const char *cls,
		    const char *text);

/*
 * How Markdown is rendered on one page.
 */
struct html_md {
	/* An ID link target ("II.2.2.1") as an href from this page, a new
	 * string; NULL leaves the link out (the text stays). */
	char *(*xref)(const char *id, void *arg);
	void *arg;
	const char *idp;          /* prefix of footnote ids: unique per body */
	int hshift;               /* added to Markdown heading levels */
	struct cmark_node *bp;    /* the best-practice list, or NULL */
};

/*
 * Append to PARENT the blocks of a Markdown body from FROM up to, not
 * including, STOP (NULL: to the end), leaving out footnote definitions.
 * The best-practice list M->bp and lists inside it get the guideline's
 * markers: i. ii. at depth 1, a) b) at depth 2, 1) 2) at depth 3.
 */
void html_md_blocks(xmlNodePtr parent, struct cmark_node *from,
		    struct cmark_node *stop, const struct html_md *m);

/*
 * Append the footnotes of DOC, the document node of a body, as a
 * section of PARENT; nothing when it has none.
 */
void html_md_footnotes(xmlNodePtr parent, struct cmark_node *doc,
		       const struct html_md *m);

#endif
