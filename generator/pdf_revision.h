/*
 * pdf_revision: the book's revision appendix (付録3 改訂履歴), from the
 * comparison with the previous edition.
 */
#ifndef GP_PDF_REVISION_H
#define GP_PDF_REVISION_H

#include "diff.h"
#include "pdf_layout.h"

#define REVISION_DEST "appendix-3"
#define REVISION_TITLE "付録3　改訂履歴"

/* Append the appendix for D: every control added, changed, renumbered
 * or removed, with its changes shown inside the text. */
void pdf_revision(struct pdf_doc *d, const struct gdiff *diff);

#endif
