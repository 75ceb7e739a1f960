/*
 * model: the guideline as loaded from content/.
 *
 * One guideline owns everything below it; guideline_free releases it
 * all.  Strings are UTF-8 and owned by the structure that holds them.
 * Markdown bodies are kept as written; a writer parses one with
 * body_parse when it walks it, or the guideline is loaded with them all
 * held (guideline_load_held).
 */
#ifndef GP_MODEL_H
#define GP_MODEL_H

#include <stdbool.h>

#include <glib.h>

#include "fsio.h"
#include "value.h"

struct cmark_node;
struct state;

#define PATTERNS 6
#define ID_DEPTH 4 /* part . section . subsection . control */

/* Where something was written: file and 1-based line, column. */
struct pos {
	const char *file; /* borrowed from the guideline's file table */
	int line;
	int col;
};

/* A Markdown body: its text, and the file line its first line is on. */
struct body {
	char *src;              /* the Markdown as written; NULL when the
				   file has no body */
	size_t len;
	struct cmark_node *doc; /* its parse when held (guideline_load_held),
				   else NULL */
	int first_line;
	char *hash;             /* MD5 (hex) of the whole source file: what
				   incremental builds compare (a change
				   detector, not a seal: MD5 is cheap) */
	int input;              /* its file in the guideline's inputs, or
				   -1 (a body not read from a file) */
	bool stub;              /* a rebuild did not read the file: only
				   hash, input and what the rest of the
				   site shows of it are known (rebuild.h);
				   src is NULL.  Its hash, and a control
				   stub's ID, title, brief and items hash,
				   are its record's, in the guideline's
				   state: not its own (stub.c) */
};

struct item {
	char *key;   /* "a", "b", … or "-" for a single unnumbered item */
	char *label; /* 評価項目 as printed */
	enum value_better better;
	bool free;   /* kind: free */
	struct value values[PATTERNS];
	struct pos pos;
};

enum level {
	LEVEL_NONE = 0,
	LEVEL_BASIC,       /* 基本 */
	LEVEL_RECOMMENDED, /* 推奨 */
};

struct control {
	char *id;              /* ASCII: "III.4.2.1" */
	int num[ID_DEPTH];     /* 3, 4, 2, 1 */
	enum level level;
	char *title;           /* NULL: the guideline prints none */
	char *brief;           /* the title, or the start of the text: for
				  tables of contents and search results */
	struct body body;
	char *text;            /* the text before the best practices, plain
				  (control_text) */
	char *bp_text;         /* the best practices, plain, or NULL */
	bool bp_not_list;      /* a ベストプラクティス heading, no list */
	GPtrArray *items;      /* struct item * */
	char *items_hash;      /* KEY_CHECKSUM (hex) of every item's key, label,
				  direction and values: what the pattern
				  pages show of this control */
	char **replaces;       /* IDs in the previous edition; NULL-terminated
				  or NULL (front matter 'replaces') */
	struct subsection *sub;
	struct pos pos;
};

struct subsection {
	char *id;
	int num[ID_DEPTH];
	char *title;
	GPtrArray *controls; /* struct control *, borrowed, in ID order */
	struct section *section;
	struct pos pos;
};

/* A section of Part II or III, or a prose page of Part I. */
struct section {
	char *id;
	int num[ID_DEPTH];
	char *title;
	char *source;           /* Part I pages: the report section(s) */
	bool page;              /* a prose page (<id>.md), not a section */
	struct body body;
	GPtrArray *subsections; /* struct subsection *, owned */
	struct part *part;
	struct pos pos;
};

struct part {
	char *id; /* "I", "II", "III" */
	int num;
	char *title;
	struct body body;
	GPtrArray *sections; /* struct section *, owned, in ID order */
	struct pos pos;
};

struct pattern {
	int num;
	char *confidentiality, *integrity, *availability; /* 高, 中, 低 */
	char *description;
};

struct service_type {
	char *name;
	int pattern; /* 0: cannot be fixed in general (※) */
};

/* Judging criteria for one aspect and level (report 3.2.3【1】①). */
struct criterion {
	char *aspect; /* confidentiality, integrity, availability */
	char *level;  /* 高, 中, 低, or NULL for integrity */
	char **texts; /* NULL-terminated */
};

/* A Markdown link whose destination is an ID. */
struct xref {
	char *target;
	struct pos pos;
};

struct guideline {
	char *dir; /* the content directory as given */
	char *hash; /* MD5 (hex) of guideline.yaml, as body.hash */
	char *title, *edition, *publisher, *author, *attribution;
	struct pattern patterns[PATTERNS];
	int npatterns;
	GPtrArray *criteria;      /* struct criterion * */
	GPtrArray *service_types; /* struct service_type * */
	char **service_types_note;
	GPtrArray *parts;    /* struct part *, owned, in ID order */
	GPtrArray *controls; /* struct control *, owned, in ID order */
	GPtrArray *orphans;  /* struct section * whose part is missing */
	GHashTable *renumbered; /* old ID → new ID, from renumbering.yaml
				   and the controls' 'replaces' */
	GHashTable *ids;     /* ID → struct pos * of its definition; both
				in the model: a stub's own, or copies in
				ID_TEXT and ID_POS */
	GStringChunk *id_text;
	GPtrArray *id_pos;   /* struct pos *, owned */
	GHashTable *by_id;   /* ID → struct control *, borrowed */
	GStringChunk *files; /* file names that struct pos points into */
	GPtrArray *links;    /* struct xref *: links to IDs, to resolve */
	GArray *inputs;      /* struct input: the content files, in the
			        order they were walked */
	GArray *dirs;        /* struct input (no hash): the directories
				walked, stamped before they were listed */
	struct state *state; /* a rebuild's: the previous build's state, whose
				records some bodies are stubs of, owned; NULL
				when every file was read (rebuild.h) */
	gint64 read_ns;      /* when loading began, by the clock file times
				come from (fsio_now_ns) */
};

/* A content file as it was when it was read. */
struct input {
	char *rel;              /* below the content directory; the state's
				   when REC is not NULL */
	struct fsio_stamp stamp;
	char *hash;             /* MD5 (hex) of its bytes, or NULL when it
				   could not be read; the state's when REC
				   is not NULL */
	const char *rec;        /* not NULL: the file was not read, and this
				   is its stub record, REC_LEN bytes in the
				   guideline's state */
	size_t rec_len;
};

/* Load DIR (content/).  Problems are reported with diag(); the model is
 * returned even when some files were bad, as far as it could be read.
 * Returns NULL only when DIR holds no guideline.yaml.  Free with
 * guideline_free. */
struct guideline *guideline_load(const char *dir);

/* The same, with every body's parse kept in body.doc (held), parsed by
 * the loading threads: for the book, which walks them many times. */
struct guideline *guideline_load_held(const char *dir);

/* Free G and everything in it.  Accepts NULL. */
void guideline_free(struct guideline *g);

/* Free one control or section (with its subsections) not yet linked
 * into a guideline.  Accept NULL. */
void control_free(struct control *c);
void xref_free(struct xref *x);
void section_free(struct section *s);

/* Cross-file checks: IDs, parents, links, emptiness.  Reports with
 * diag(). */
void guideline_validate(struct guideline *g);

/* The control with ID, or NULL. */
struct control *guideline_control(const struct guideline *g, const char *id);

/* Parse an ASCII ID into NUM (zero-filled); returns its depth 1..4, or 0
 * if malformed. */
int id_parse(const char *id, int num[ID_DEPTH]);

/* Compare two parsed IDs, for sorting. */
int id_cmp(const int a[ID_DEPTH], const int b[ID_DEPTH]);

/* The first DEPTH numbers of NUM as an ID: "III.4.2" (ASCII), or with
 * DISPLAY "Ⅲ.4.2".  A new string. */
char *id_format(const int num[ID_DEPTH], int depth, bool display);

/* The display form: "Ⅲ.4.2.1".  Returns a new string. */
char *id_display(const char *id);
/* The same appended to B, for an ID that is valid (id_parse): the
 * part's numeral and the rest as it is, without parsing the numbers. */
void id_display_append(GString *b, const char *id);

/* "基本", "推奨". */
const char *level_name(enum level);

/* Parse the Markdown SRC (LEN bytes) with the GFM table and footnote
 * extensions: a new tree.  Safe to call from several threads. */
struct cmark_node *md_parse(const char *src, size_t len);

/* Parse B: a new tree the caller frees with cmark_node_free, or NULL
 * when B is empty.  Safe to call from several threads. */
struct cmark_node *body_parse(const struct body *b);

/* Free what B holds and zero it. */
void body_clear(struct body *b);

/* What a control keeps of its parsed body DOC: the plain text before the
 * best practices, the best practices' plain text (NULL if none), and
 * whether a ベストプラクティス heading has no list after it. */
void md_digest(struct cmark_node *doc, char **text, char **bp_text,
	       bool *bp_not_list);

/* The control text (before the ベストプラクティス heading) as plain
 * text; a new string. */
char *control_text(const struct control *c);

/* The hash of a content file's LEN bytes at BUF (struct body's hash,
 * which a rebuild compares with the state's): a new string. */
char *content_hash(const char *buf, size_t len);

/* C's title, or the first sentence of its text cut to about 40
 * characters; a new string. */
char *control_brief(const struct control *c);

/* The KEY_CHECKSUM (hex) of C's items (struct control's items_hash); a new
 * string. */
char *control_items_hash(const struct control *c);

/* The ベストプラクティス heading of a body's tree, or NULL. */
struct cmark_node *md_bp_heading(struct cmark_node *doc);

/* The ordered list of best practices in a body's tree, or NULL. */
struct cmark_node *md_best_practices(struct cmark_node *doc);

/* The same for C's held body (guideline_load_held). */
struct cmark_node *control_bp_heading(const struct control *c);
struct cmark_node *control_best_practices(const struct control *c);

/* The checksum of page keys and item hashes: MD5, a change detector
 * like the bodies' hashes (not a seal), and four times as quick as
 * SHA-256, which was a fifth of a rebuild's instructions. */
#define KEY_CHECKSUM G_CHECKSUM_MD5

/* Put S into the key being made in H, NUL included (so "ab", "c" and
 * "a", "bc" differ); NULL as a byte no string holds. */
void key_add(GChecksum *h, const char *s);

/* Is S a valid calendar date written YYYY-MM-DD? */
bool date_valid(const char *s);

/* Plain text of a cmark node and its children; a new string. */
char *md_plain(struct cmark_node *n);

/* Append N's plain text to S, on a line of its own if S is not empty. */
void md_append_plain(GString *s, struct cmark_node *n);

#endif
