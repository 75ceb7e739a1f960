/*
 * ydoc: libyaml's document API with positions and checks.
 */
#include <string.h>

#include <glib.h>
#include <yaml.h>

#include "diag.h"
#include "ydoc.h"

#define YAML_MAX_DEPTH 32

struct pos
ydoc_pos(struct ydoc *y, yaml_node_t *n)
{
	struct pos p = {y->file, 0, 0};

	if (n != NULL) {
		p.line = (int)n->start_mark.line + 1 + y->line_offset;
		p.col = (int)n->start_mark.column + 1;
	}
	return p;
}

yaml_node_t *
ydoc_node(struct ydoc *y, int index)
{
	return yaml_document_get_node(&y->doc, index);
}

static const char *
scalar(yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

bool
ydoc_is_null(yaml_node_t *n)
{
	const char *s;

	if (n == NULL)
		return true;
	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = scalar(n);
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static int walk(struct ydoc *y, yaml_node_t *n, int depth,
		unsigned char *seen);

/* The earlier pair of MAP whose key is KEY's text, or NULL.  Small
 * mappings are searched; large ones are indexed in KEYS (made on first
 * use, freed by the caller). */
static yaml_node_t *
earlier_key(struct ydoc *y, yaml_node_t *map, yaml_node_pair_t *upto,
	    yaml_node_t *key, GHashTable **keys)
{
	if (ydoc_len(map) <= 16) {
		for (yaml_node_pair_t *b = map->data.mapping.pairs.start;
		     b < upto; b++) {
			yaml_node_t *kb = ydoc_node(y, b->key);
			if (kb->type == YAML_SCALAR_NODE &&
			    strcmp(scalar(kb), scalar(key)) == 0)
				return kb;
		}
		return NULL;
	}
	if (*keys == NULL)
		*keys = g_hash_table_new(g_str_hash, g_str_equal);
	yaml_node_t *kb = g_hash_table_lookup(*keys, scalar(key));
	if (kb == NULL)
		g_hash_table_insert(*keys, (gpointer)scalar(key), key);
	return kb;
}

/* Walk the pairs of mapping N; report duplicate keys (the first one
 * counts). */
static int
walk_pairs(struct ydoc *y, yaml_node_t *n, int depth, unsigned char *seen)
{
	GHashTable *keys = NULL;
	int rc = 0;

	for (yaml_node_pair_t *a = n->data.mapping.pairs.start;
	     a < n->data.mapping.pairs.top; a++) {
		yaml_node_t *ka = ydoc_node(y, a->key), *kb;
		if (walk(y, ka, depth + 1, seen) < 0 ||
		    walk(y, ydoc_node(y, a->value), depth + 1, seen) < 0)
			rc = -1;
		if (ka->type != YAML_SCALAR_NODE)
			continue;
		if ((kb = earlier_key(y, n, a, ka, &keys)) != NULL) {
			struct pos p = ydoc_pos(y, ka);
			struct pos q = ydoc_pos(y, kb);
			diag(E_KEY_DUP, p.file, p.line, p.col, scalar(ka),
			     q.line);
		}
	}
	if (keys != NULL)
		g_hash_table_destroy(keys);
	return rc;
}

/*
 * Walk the tree once: report duplicate keys (the first one counts, and
 * the document stays usable), nodes reached twice (the document API
 * resolves an alias to a shared node) and depth, which make it unusable.
 */
static int
walk(struct ydoc *y, yaml_node_t *n, int depth, unsigned char *seen)
{
	int idx = (int)(n - y->doc.nodes.start);
	int rc = 0;

	if (seen[idx] == 2)
		return -1; /* already reported: one message a document */
	if (seen[idx]) {
		struct pos p = ydoc_pos(y, n);
		diag(E_YAML_ALIAS, p.file, p.line, p.col);
		/* mark every node so the rest of the walk stops at once */
		memset(seen, 2, (size_t)(y->doc.nodes.top - y->doc.nodes.start));
		return -1;
	}
	seen[idx] = 1;
	if (depth > YAML_MAX_DEPTH) {
		struct pos p = ydoc_pos(y, n);
		diag(E_YAML_DEPTH, p.file, p.line, p.col, YAML_MAX_DEPTH);
		return -1;
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *i = n->data.sequence.items.start;
		     i < n->data.sequence.items.top; i++)
			if (walk(y, ydoc_node(y, *i), depth + 1, seen) < 0)
				rc = -1;
	} else if (n->type == YAML_MAPPING_NODE) {
		if (walk_pairs(y, n, depth, seen) < 0)
			rc = -1;
	}
	return rc;
}

/* Does the line of mark M end in ": -"?  (libyaml counts the mark's
 * index in characters, so find the line by its number.) */
static bool
dash_value_at(const yaml_parser_t *p, const yaml_mark_t *m)
{
	const char *q = (const char *)p->input.string.start;
	const char *end = (const char *)p->input.string.end, *eol;

	for (size_t l = 0; l < m->line && q != NULL; l++) {
		q = memchr(q, '\n', (size_t)(end - q));
		if (q != NULL)
			q++;
	}
	if (q == NULL || q >= end)
		return false;
	eol = memchr(q, '\n', (size_t)(end - q));
	if (eol == NULL)
		eol = end;
	while (eol > q && (eol[-1] == ' ' || eol[-1] == '\r'))
		eol--;
	return eol - q >= 3 && eol[-1] == '-' && eol[-2] == ' ' &&
	       memchr(q, ':', (size_t)(eol - q)) != NULL;
}

/* libyaml's problem text with its context, as one phrase. */
static void
report_parser(struct ydoc *y, yaml_parser_t *p)
{
	const yaml_mark_t *m = &p->problem_mark;
	char *msg;

	if (p->error == YAML_MEMORY_ERROR)
		g_error("out of memory in libyaml");
	/* "key: -" is a list with an empty entry to YAML, and libyaml
	 * says so in its own terms: say what the writer meant */
	if (p->problem != NULL && strstr(p->problem, "block sequence") &&
	    dash_value_at(p, m)) {
		diag(E_VALUE_DASH_LIST, y->file,
		     (int)m->line + 1 + y->line_offset, (int)m->column + 1);
		return;
	}
	if (p->context != NULL)
		msg = g_strdup_printf("%s %s", p->problem, p->context);
	else
		msg = g_strdup(p->problem != NULL ? p->problem : "error");
	diag(E_YAML, y->file, (int)m->line + 1 + y->line_offset,
	     (int)m->column + 1, msg);
	g_free(msg);
}

int
ydoc_load(struct ydoc *y, const char *file, const char *buf, size_t len,
	  int line_offset)
{
	yaml_parser_t parser;
	yaml_node_t *root;
	unsigned char *seen;
	int rc = -1;

	memset(y, 0, sizeof(*y));
	y->file = file;
	y->line_offset = line_offset;
	y->text = buf;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&parser, &y->doc)) {
		report_parser(y, &parser);
		goto out;
	}
	y->loaded = true;
	root = yaml_document_get_root_node(&y->doc);
	if (root == NULL) {
		rc = 0;
		goto out;
	}
	seen = g_malloc0((size_t)(y->doc.nodes.top - y->doc.nodes.start));
	rc = walk(y, root, 0, seen);
	g_free(seen);
out:
	yaml_parser_delete(&parser);
	return rc;
}

void
ydoc_free(struct ydoc *y)
{
	if (y != NULL && y->loaded) {
		yaml_document_delete(&y->doc);
		y->loaded = false;
	}
}

yaml_node_t *
ydoc_root(struct ydoc *y)
{
	return y->loaded ? yaml_document_get_root_node(&y->doc) : NULL;
}

yaml_node_t *
ydoc_get(struct ydoc *y, yaml_node_t *map, const char *key)
{
	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ydoc_node(y, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp(scalar(k), key) == 0)
			return ydoc_node(y, p->value);
	}
	return NULL;
}

yaml_node_t *
ydoc_seq_at(struct ydoc *y, yaml_node_t *seq, size_t i)
{
	if (seq == NULL || seq->type != YAML_SEQUENCE_NODE ||
	    i >= ydoc_len(seq))
		return NULL;
	return ydoc_node(y, seq->data.sequence.items.start[i]);
}

size_t
ydoc_len(yaml_node_t *n)
{
	if (n == NULL)
		return 0;
	if (n->type == YAML_SEQUENCE_NODE)
		return (size_t)(n->data.sequence.items.top -
				n->data.sequence.items.start);
	if (n->type == YAML_MAPPING_NODE)
		return (size_t)(n->data.mapping.pairs.top -
				n->data.mapping.pairs.start);
	return 0;
}

const char *
ydoc_str(struct ydoc *y, yaml_node_t *n, const char *key)
{
	if (n != NULL && n->type == YAML_SCALAR_NODE)
		return scalar(n);
	if (n != NULL) {
		struct pos p = ydoc_pos(y, n);
		diag(E_TYPE, p.file, p.line, p.col, key, "a string");
	}
	return NULL;
}

/* Levenshtein distance over code points, bounded by the strings' size. */
static size_t
distance(const char *a, const char *b)
{
	glong la, lb;
	gunichar *ua = g_utf8_to_ucs4_fast(a, -1, &la);
	gunichar *ub = g_utf8_to_ucs4_fast(b, -1, &lb);
	size_t *row = g_new(size_t, (size_t)lb + 1);
	size_t d;

	for (glong j = 0; j <= lb; j++)
		row[j] = (size_t)j;
	for (glong i = 1; i <= la; i++) {
		size_t diag_prev = row[0];
		row[0] = (size_t)i;
		for (glong j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag_prev + (ua[i - 1] != ub[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag_prev = up;
		}
	}
	d = row[lb];
	g_free(row);
	g_free(ua);
	g_free(ub);
	return d;
}

const char *
did_you_mean(const char *word, const char *const allowed[])
{
	const char *best = NULL;
	size_t bestd = (size_t)-1;
	size_t len = (size_t)g_utf8_strlen(word, -1);
	size_t limit = len < 4 ? 1 : len / 3 + 1;

	for (size_t i = 0; allowed[i] != NULL; i++) {
		size_t d = distance(word, allowed[i]);
		if (d < bestd) {
			bestd = d;
			best = allowed[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

int
ydoc_check_keys(struct ydoc *y, yaml_node_t *map, const char *what,
		const char *const allowed[])
{
	if (map == NULL || map->type != YAML_MAPPING_NODE) {
		struct pos p = ydoc_pos(y, map);
		diag(E_TYPE, p.file, p.line, p.col, what, "a mapping");
		return -1;
	}
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start;
	     pr < map->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = ydoc_node(y, pr->key);
		const char *name, *near;
		char *hint;
		size_t i;

		if (k->type != YAML_SCALAR_NODE)
			continue;
		name = scalar(k);
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(name, allowed[i]) == 0)
				break;
		if (allowed[i] != NULL)
			continue;
		near = did_you_mean(name, allowed);
		hint = near != NULL ? g_strdup_printf("; did you mean '%s'?",
						      near)
				    : g_strdup("");
		struct pos p = ydoc_pos(y, k);
		diag(E_KEY_UNKNOWN, p.file, p.line, p.col, name, hint);
		g_free(hint);
	}
	return 0;
}

bool
ydoc_is_map(struct ydoc *y, yaml_node_t *n, const char *key,
	    const char *expected)
{
	struct pos p;

	if (n != NULL && n->type == YAML_MAPPING_NODE)
		return true;
	p = ydoc_pos(y, n);
	diag(E_TYPE, p.file, p.line, p.col, key, expected);
	return false;
}

int
ydoc_pattern(const char *s)
{
	if (s != NULL && s[0] >= '1' && s[0] <= '6' && s[1] == '\0')
		return s[0] - '0';
	return 0;
}
