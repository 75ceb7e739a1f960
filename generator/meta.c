/*
 * meta: guideline.yaml — title, edition, publisher, patterns, criteria
 * and the service type → pattern table.
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "load.h"
#include "source.h"
#include "ydoc.h"

static const char *const meta_keys[] = {
	"title",    "edition",       "publisher",     "author",
	"attribution", "patterns",   "criteria",      "service_types",
	"service_types_note", NULL};
static const char *const pattern_keys[] = {"confidentiality", "integrity",
					   "availability", "description",
					   NULL};
static const char *const criteria_keys[] = {"confidentiality", "integrity",
					    "availability", NULL};
static const char *const service_keys[] = {"name", "pattern", NULL};

static char *
str_of(struct ydoc *y, yaml_node_t *map, const char *key, bool required)
{
	yaml_node_t *n = ydoc_get(y, map, key);
	const char *s;

	if (n == NULL || ydoc_is_null(n)) {
		if (required) {
			struct pos p = ydoc_pos(y, n != NULL ? n : map);
			diag(E_KEY_MISSING, p.file, p.line, p.col, key);
		}
		return NULL;
	}
	s = ydoc_str(y, n, key);
	return s != NULL ? g_strdup(s) : NULL;
}

/* A CIA level: 高 or 低, or with MIDDLE also 中. */
static char *
cia(struct ydoc *y, yaml_node_t *map, const char *key, bool middle)
{
	char *s = str_of(y, map, key, true);

	if (s != NULL && strcmp(s, "高") != 0 && strcmp(s, "低") != 0 &&
	    !(middle && strcmp(s, "中") == 0)) {
		struct pos p = ydoc_pos(y, ydoc_get(y, map, key));
		diag(E_CIA_LEVEL, p.file, p.line, p.col, s,
		     middle ? "高, 中 or 低" : "高 or 低");
	}
	return s;
}

static void
load_patterns(struct guideline *g, struct ydoc *y, yaml_node_t *n)
{
	struct pos p = ydoc_pos(y, n);

	if (n == NULL) {
		diag(E_KEY_MISSING, y->file, 1, 1, "patterns");
		return;
	}
	if (!ydoc_is_map(y, n, "patterns",
			 "a mapping of pattern numbers 1 to 6"))
		return;
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start;
	     pr < n->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = ydoc_node(y, pr->key);
		yaml_node_t *v = ydoc_node(y, pr->value);
		const char *ks = ydoc_str(y, k, "pattern");
		struct pos kp = ydoc_pos(y, k);
		struct pattern *pt;

		if (ks == NULL)
			continue;
		if (ydoc_pattern(ks) == 0) {
			diag(E_PATTERN_KEY, kp.file, kp.line, kp.col, ks);
			continue;
		}
		if (ydoc_check_keys(y, v, ks, pattern_keys) < 0)
			continue;
		pt = &g->patterns[ks[0] - '1'];
		pt->num = ks[0] - '0';
		pt->confidentiality = cia(y, v, "confidentiality", false);
		pt->integrity = cia(y, v, "integrity", true);
		pt->availability = cia(y, v, "availability", true);
		pt->description = str_of(y, v, "description", false);
		g->npatterns++;
	}
	if (g->npatterns != PATTERNS)
		diag(E_PATTERNS_COUNT, p.file, p.line, p.col, g->npatterns);
}

/* A list of strings, or NULL after reporting. */
static char **
str_list(struct ydoc *y, yaml_node_t *n, const char *what)
{
	GPtrArray *a;
	struct pos p = ydoc_pos(y, n);

	if (n->type != YAML_SEQUENCE_NODE) {
		diag(E_TYPE, p.file, p.line, p.col, what, "a list of strings");
		return NULL;
	}
	a = g_ptr_array_new();
	for (size_t i = 0; i < ydoc_len(n); i++) {
		const char *s = ydoc_str(y, ydoc_seq_at(y, n, i), what);
		if (s != NULL)
			g_ptr_array_add(a, g_strdup(s));
	}
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static void
add_criterion(struct guideline *g, const char *aspect, const char *level,
	      char **texts)
{
	struct criterion *c = g_new0(struct criterion, 1);

	c->aspect = g_strdup(aspect);
	c->level = g_strdup(level);
	c->texts = texts;
	g_ptr_array_add(g->criteria, c);
}

static void
load_criteria(struct guideline *g, struct ydoc *y, yaml_node_t *n)
{
	if (n == NULL || ydoc_check_keys(y, n, "criteria", criteria_keys) < 0)
		return;
	for (const char *const *a = criteria_keys; *a != NULL; a++) {
		yaml_node_t *v = ydoc_get(y, n, *a);
		char **texts;

		if (v == NULL)
			continue;
		if (v->type == YAML_SEQUENCE_NODE) {
			if ((texts = str_list(y, v, *a)) != NULL)
				add_criterion(g, *a, NULL, texts);
			continue;
		}
		if (v->type != YAML_MAPPING_NODE) {
			struct pos p = ydoc_pos(y, v);
			diag(E_TYPE, p.file, p.line, p.col, *a,
			     "a list, or a mapping of levels to lists");
			continue;
		}
		for (yaml_node_pair_t *pr = v->data.mapping.pairs.start;
		     pr < v->data.mapping.pairs.top; pr++) {
			const char *lv = ydoc_str(y, ydoc_node(y, pr->key), *a);
			yaml_node_t *lst = ydoc_node(y, pr->value);
			if (lv == NULL)
				continue;
			if ((texts = str_list(y, lst, lv)) != NULL)
				add_criterion(g, *a, lv, texts);
		}
	}
}

static void
load_service_types(struct guideline *g, struct ydoc *y, yaml_node_t *n)
{
	struct pos p = ydoc_pos(y, n);

	if (n == NULL)
		return;
	if (n->type != YAML_SEQUENCE_NODE) {
		diag(E_TYPE, p.file, p.line, p.col, "service_types", "a list");
		return;
	}
	for (size_t i = 0; i < ydoc_len(n); i++) {
		yaml_node_t *e = ydoc_seq_at(y, n, i);
		yaml_node_t *pn;
		struct service_type *t;
		char *name;

		if (ydoc_check_keys(y, e, "a service type", service_keys) < 0)
			continue;
		if ((name = str_of(y, e, "name", true)) == NULL)
			continue;
		t = g_new0(struct service_type, 1);
		t->name = name;
		pn = ydoc_get(y, e, "pattern");
		if (pn != NULL && !ydoc_is_null(pn)) {
			const char *s = ydoc_str(y, pn, "pattern");
			struct pos pp = ydoc_pos(y, pn);
			if (ydoc_pattern(s) != 0)
				t->pattern = ydoc_pattern(s);
			else if (s != NULL)
				diag(E_PATTERN_NUM, pp.file, pp.line, pp.col, s);
		}
		g_ptr_array_add(g->service_types, t);
	}
}

/*
 * renumbering.yaml, optional: a mapping of old IDs to new ones, for the
 * comparison with a previous edition.  Both sides must be control IDs.
 */
static void
load_renumbering(struct guideline *g)
{
	char *path = g_build_filename(g->dir, "renumbering.yaml", NULL);
	const char *file;
	struct source s;
	struct ydoc y = {0};
	yaml_node_t *root;

	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_free(path);
		return;
	}
	file = g_string_chunk_insert_const(g->files, path);
	g_free(path);
	if (source_read(&s, file) < 0 ||
	    ydoc_load(&y, file, s.buf, s.len, 0) < 0)
		goto out;
	root = ydoc_root(&y);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		struct pos p = ydoc_pos(&y, root);
		diag(E_TYPE, file, p.line, p.col, "renumbering.yaml",
		     "a mapping of old IDs to new IDs");
		goto out;
	}
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start;
	     pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = ydoc_node(&y, pr->key);
		yaml_node_t *v = ydoc_node(&y, pr->value);
		const char *ks = ydoc_str(&y, k, "old ID");
		const char *vs = ydoc_str(&y, v, ks != NULL ? ks : "new ID");
		int num[ID_DEPTH];

		if (ks == NULL || vs == NULL)
			continue;
		if (id_parse(ks, num) != 4 || id_parse(vs, num) != 4) {
			struct pos p = ydoc_pos(&y, id_parse(ks, num) != 4 ? k : v);
			diag(E_ID_SYNTAX, file, p.line, p.col,
			     id_parse(ks, num) != 4 ? ks : vs);
			continue;
		}
		g_hash_table_insert(g->renumbered, g_strdup(ks), g_strdup(vs));
	}
out:
	ydoc_free(&y);
	source_free(&s);
}

int
meta_load(struct guideline *g)
{
	char *path = g_build_filename(g->dir, "guideline.yaml", NULL);
	const char *file;
	struct source s;
	struct ydoc y = {0};
	yaml_node_t *root, *note;

	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		diag(E_NO_CONTENT, g->dir, 0, 0, g->dir);
		g_free(path);
		return -1;
	}
	file = g_string_chunk_insert_const(g->files, path);
	g_free(path);
	if (source_read(&s, file) < 0 ||
	    ydoc_load(&y, file, s.buf, s.len, 0) < 0)
		goto out;
	g->hash = content_hash(s.buf, s.len);
	root = ydoc_root(&y);
	if (ydoc_check_keys(&y, root, "guideline.yaml", meta_keys) < 0)
		goto out;
	g->title = str_of(&y, root, "title", true);
	g->edition = str_of(&y, root, "edition", true);
	if (g->edition != NULL && !date_valid(g->edition)) {
		struct pos p = ydoc_pos(&y, ydoc_get(&y, root, "edition"));
		diag(E_EDITION, p.file, p.line, p.col, g->edition);
	}
	g->publisher = str_of(&y, root, "publisher", true);
	g->author = str_of(&y, root, "author", false);
	g->attribution = str_of(&y, root, "attribution", false);
	load_patterns(g, &y, ydoc_get(&y, root, "patterns"));
	load_criteria(g, &y, ydoc_get(&y, root, "criteria"));
	load_service_types(g, &y, ydoc_get(&y, root, "service_types"));
	note = ydoc_get(&y, root, "service_types_note");
	if (note != NULL && !ydoc_is_null(note))
		g->service_types_note =
			str_list(&y, note, "service_types_note");
	load_renumbering(g);
out:
	ydoc_free(&y);
	source_free(&s);
	return 0;
}
