/*
 * pdf: the guideline typeset as an A4 book with cairo and pango.
 */
#ifndef GP_PDF_H
#define GP_PDF_H

#include "model.h"

struct gdiff;

struct pdf_opts {
	const char *theme_dir; /* themes/default: typographic parameters */
	const char *fonts_dir; /* fonts/: the only fonts used, via a private
				  fontconfig configuration */
	const struct gdiff *diff; /* against the previous edition: change
				     bars and a revision appendix; or NULL */
};

/*
 * Typeset G into the PDF file PATH, written atomically.  Returns 0, or
 * -1 after reporting with diag() (PATH is then as it was).
 */
int pdf_book_write(const struct guideline *g, const char *path,
		   const struct pdf_opts *o);

#endif
