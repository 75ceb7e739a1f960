/*
 * ydoc: a YAML document loaded with libyaml, with positions mapped back
 * to the file it came from and the checks every reader wants: duplicate
 * keys, aliases, nesting depth, unknown keys with a did-you-mean.
 */
#ifndef GP_YDOC_H
#define GP_YDOC_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "model.h"

struct ydoc {
	yaml_document_t doc;
	bool loaded;
	const char *file;  /* for diagnostics; borrowed */
	int line_offset;   /* file line of the YAML's first line, minus 1 */
	const char *text;  /* the YAML text, for columns; borrowed */
};

/*
 * Load the YAML in BUF (LEN bytes), which starts on line LINE_OFFSET+1 of
 * FILE.  Reports syntax errors, duplicate keys, aliases and excessive
 * nesting; returns 0 when the document can be used, -1 when not.  Call
 * ydoc_free in either case.
 */
int ydoc_load(struct ydoc *y, const char *file, const char *buf, size_t len,
	      int line_offset);

void ydoc_free(struct ydoc *y);

/* The root node, or NULL for an empty document. */
yaml_node_t *ydoc_root(struct ydoc *y);

/* The value of KEY in mapping MAP, or NULL.  *KEYNODE gets the key node
 * if KEYNODE is not NULL. */
yaml_node_t *ydoc_get(struct ydoc *y, yaml_node_t *map, const char *key);

/* The n-th entry of a sequence, or NULL. */
yaml_node_t *ydoc_seq_at(struct ydoc *y, yaml_node_t *seq, size_t i);

/* Number of entries in a sequence or pairs in a mapping. */
size_t ydoc_len(yaml_node_t *n);

/* A node by its libyaml index. */
yaml_node_t *ydoc_node(struct ydoc *y, int index);

/* Position of N in the original file. */
struct pos ydoc_pos(struct ydoc *y, yaml_node_t *n);

/* True for a plain scalar ~, null or nothing. */
bool ydoc_is_null(yaml_node_t *n);

/* The text of scalar N; reports E_TYPE naming KEY and returns NULL if N is
 * not a scalar.  Borrowed. */
const char *ydoc_str(struct ydoc *y, yaml_node_t *n, const char *key);

/* Require MAP to be a mapping (else E_TYPE naming WHAT) and every key to
 * be one of ALLOWED (NULL-terminated; else E_KEY_UNKNOWN with the
 * closest allowed key).  Returns 0 if MAP is a mapping. */
int ydoc_check_keys(struct ydoc *y, yaml_node_t *map, const char *what,
		    const char *const allowed[]);

/*
 * Is N a mapping?  If not, report E_TYPE: KEY must be EXPECTED.  For
 * the loops over a mapping's pairs.
 */
bool ydoc_is_map(struct ydoc *y, yaml_node_t *n, const char *key,
		 const char *expected);

/* The pattern number a scalar "1" … "6" names, or 0. */
int ydoc_pattern(const char *s);

/* The string of ALLOWED nearest to WORD by edit distance, or NULL if none
 * is near enough to be a likely typo. */
const char *did_you_mean(const char *word, const char *const allowed[]);

#endif
