/*
 * load: internal interface between the loader's files (load.c, meta.c,
 * link.c).  Not for the writers: they see model.h only.
 */
#ifndef GP_LOAD_H
#define GP_LOAD_H

#include "diag.h"
#include "model.h"
#include "source.h"
#include "ydoc.h"

struct state_file;

/* What the file walk gathers before the structure is linked. */
struct load {
	struct guideline *g;
	GPtrArray *sections; /* struct section *, not yet in a part */
	GPtrArray *controls; /* struct control *, not yet in a subsection */
	GPtrArray *files;    /* struct prep *: the Markdown files, in order */
	GMutex lock;         /* guards the chunks' done (load_prep.c) */
	GCond done;          /* a chunk was prepared */
	bool hold;           /* keep every body's parse (body.doc) */
	bool stub_failed;    /* a stub record could not be read (stub.c) */
	GPtrArray *no_items; /* every control stub's items: none, in one
				array each holds a reference to */
	/* what the loading thread does while the workers prepare the
	   files, before it builds the model from them; or NULL */
	void (*meanwhile)(struct load *, void *);
	void *meanwhile_arg;
};

/* A Markdown file, read and parsed ahead of its turn (load_prep.c). */
struct prep {
	const char *path;     /* in the guideline's file table; NULL for a
				 directory that could not be listed */
	char *rel;            /* below the content directory */
	int input;            /* its place in the guideline's inputs */
	struct source s;
	struct ydoc y;
	int rc;               /* 0: the front matter is loaded */
	char *hash;           /* MD5 (hex) of the whole file */
	bool blank;           /* the body is empty or blank */
	GPtrArray *links;     /* struct xref *: the body's links to IDs */
	struct cmark_node *doc; /* the body's parse, when held */
	char *text, *bp_text; /* md_digest's, of the body */
	bool bp_not_list;
	struct diag_capture diags; /* what preparing it reported */
};

/*
 * A load in steps, for a rebuild (rebuild.c) to choose which files are
 * read: load_begin makes the guideline of DIR in LD->g and reads its
 * guideline.yaml (-1 when there is none: nothing to free); then files
 * go into LD->files (load_walk: every file of DIR, in order) or become
 * stubs (load_stub); load_end reads and links them and returns the
 * guideline (NULL when a stub record was bad), load_abort frees it all.
 */
int load_begin(struct load *ld, const char *dir, bool hold);
void load_walk(struct load *ld);
struct guideline *load_end(struct load *ld);
void load_abort(struct load *ld);

/* Build the model's part, section, page or control of input IN (file
 * PATH, in the guideline's file table) from its record F in the state
 * of the previous build instead of the file (stub.c). */
void load_stub(struct load *ld, int in, const char *path,
	       const struct state_file *f);

/* Prepare every file of LD->files in worker threads and hand each, in
 * order, to load_prepared. */
void load_files(struct load *ld);

/* Build the model's part, section, page or control from P, in turn. */
void load_prepared(struct load *ld, struct prep *p);

void prep_free(struct prep *p);

/* Read DIR/guideline.yaml into G; -1 if there is no such file. */
int meta_load(struct guideline *g);

/* Put sections into parts and controls into subsections, in ID order;
 * report orphans.  Takes ownership of LD's sections and controls. */
void link_model(struct load *ld);

/* Remember where ID was defined; report it if it was defined before.
 * Returns 0 or -1. */
int load_claim_id(struct load *ld, const char *id, struct pos p);
/* The same for an ID and place the model holds as long as LD's
 * guideline (a stub's): borrowed, not copied. */
int load_claim_own(struct load *ld, const char *id, const struct pos *p);

/* The ASCII ID of the first DEPTH numbers of NUM; a new string. */
char *load_id_string(const int num[ID_DEPTH], int depth);

#endif
