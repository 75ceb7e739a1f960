/*
 * load: internal interface between the loader's files (load.c, meta.c,
 * link.c).  Not for the writers: they see model.h only.
 */
#ifndef GP_LOAD_H
#define GP_LOAD_H

#include "model.h"

/* What the file walk gathers before the structure is linked. */
struct load {
	struct guideline *g;
	GPtrArray *sections; /* struct section *, not yet in a part */
	GPtrArray *controls; /* struct control *, not yet in a subsection */
	long nfiles;
};

/* Load one Markdown file at PATH (REL below the content directory). */
void load_md(struct load *ld, const char *path, const char *rel);

/* Read DIR/guideline.yaml into G; -1 if there is no such file. */
int meta_load(struct guideline *g);

/* Put sections into parts and controls into subsections, in ID order;
 * report orphans.  Takes ownership of LD's sections and controls. */
void link_model(struct load *ld);

/* The ASCII ID of the first DEPTH numbers of NUM; a new string. */
char *load_id_string(const int num[ID_DEPTH], int depth);

#endif
