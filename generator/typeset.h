/*
 * typeset: the PDF writers (the book, pdf_*.c, and the report,
 * report_pdf.c) are a module of their own, guidepress-pdf.so, loaded
 * the first time a PDF is made.  Linked into the program, the libraries
 * they need (cairo, pango, HarfBuzz, FreeType, fontconfig and theirs:
 * 33 of the program's 50) were loaded and relocated at the start of
 * every command: 7 ms of every run on the development machine, a tenth
 * of a site rebuild.
 *
 * The module is looked for beside the program, then in LIBDIR (the
 * installed one); it takes everything else from the program.
 */
#ifndef GP_TYPESET_H
#define GP_TYPESET_H

#include "model.h"

struct pdf_opts;
struct report;

/* The name of the module file. */
#define TYPESET_MODULE "guidepress-pdf.so"

/* pdf_book_write (pdf.h) and report_write_pdf (report.h), from the
 * module: 0, or -1 after reporting (also when it cannot be loaded). */
int typeset_book(const struct guideline *g, const char *path,
		 const struct pdf_opts *o);
int typeset_report(const struct report *r, const char *path,
		   const struct pdf_opts *o);

#endif
