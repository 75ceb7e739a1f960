/*
 * pdf_md: Markdown bodies (cmark-gfm trees) as typesetter blocks, for
 * the book and the report.
 */
#ifndef GP_PDF_MD_H
#define GP_PDF_MD_H

#include <cmark-gfm.h>

#include "model.h"
#include "pdf_layout.h"

/*
 * Append the blocks FIRST up to (not including) STOP — siblings in a
 * body; STOP NULL runs to the end — at INDENT points.  Lists take the
 * guideline's markers by depth: i. ii. / a) b) / 1) 2).  Links whose
 * destination is an ID of G become links to it.  Footnotes are printed
 * at the foot of the page that refers to them (pdf_text_note).
 */
void pdf_md_blocks(struct pdf_doc *d, const struct guideline *g,
		   cmark_node *first, cmark_node *stop, double indent);

/* Append the inline content of N to T with STYLE, for document D. */
void pdf_md_inlines(struct pdf_doc *d, struct pdf_text *t,
		    const struct guideline *g, cmark_node *n, unsigned style);

/* The list marker for item NUM (1-based) at DEPTH (0-based), or the
 * bullet for unordered lists: a new string. */
char *pdf_md_marker(int depth, int num, bool ordered);

/*
 * A reference value as the book prints it: 未収録 (muted) when it is not
 * known (or V is NULL), '-' for the provider's own value, else the
 * printed text, emphasised when required.  A new text.
 */
struct pdf_text *pdf_value_text(const struct value *v);

#endif
