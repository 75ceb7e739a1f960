/*
 * load: walk content/ and build the model from each Markdown file's
 * front matter (libyaml) and body (cmark-gfm), read and parsed ahead by
 * load_prep.c.  Problems in
 * a file are reported and the file is skipped or read as far as it can
 * be; loading goes on so one run shows every problem.
 *
 * Structure (parts, sections, subsections, controls) is linked in
 * link.c; guideline.yaml is read in meta.c.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "fsio.h"
#include "load.h"
#include "source.h"
#include "ydoc.h"

#define MAX_FILES 200000

static const char *const part_keys[] = {"id", "title", NULL};
static const char *const section_keys[] = {"id", "title", "subsections",
					   NULL};
static const char *const page_keys[] = {"id", "title", "source", NULL};
static const char *const control_keys[] = {"id", "level", "title", "items",
					   "replaces", NULL};
static const char *const item_keys[] = {"key", "label", "better", "kind",
					"values", NULL};

/*
 * Keep P's body in B: its file's hash, its text unless blank, its links
 * to IDs (added to G's, to resolve once all is loaded).
 */
static void
keep_body(struct guideline *g, struct body *b, struct prep *p)
{
	b->first_line = p->s.body_line;
	b->input = p->input;
	b->hash = p->hash;
	p->hash = NULL;
	if (!p->blank) {
		b->src = g_strndup(p->s.body, p->s.body_len);
		b->len = p->s.body_len;
	}
	b->doc = p->doc; /* NULL unless the bodies are held */
	p->doc = NULL;
	for (guint i = 0; i < p->links->len; i++)
		g_ptr_array_add(g->links, g_ptr_array_index(p->links, i));
	g_ptr_array_set_size(p->links, 0);
}

/* A copy of scalar N if it is a non-empty string, reporting otherwise. */
static char *
req_str(struct ydoc *y, yaml_node_t *map, const char *key)
{
	yaml_node_t *n = ydoc_get(y, map, key);
	const char *s;

	if (n == NULL) {
		struct pos p = ydoc_pos(y, map);
		diag(E_KEY_MISSING, p.file, p.line, p.col, key);
		return NULL;
	}
	if ((s = ydoc_str(y, n, key)) == NULL)
		return NULL;
	if (*s == '\0' || ydoc_is_null(n)) {
		struct pos p = ydoc_pos(y, n);
		diag(E_EMPTY, p.file, p.line, p.col, key);
		return NULL;
	}
	return g_strdup(s);
}

static char *
opt_str(struct ydoc *y, yaml_node_t *map, const char *key)
{
	yaml_node_t *n = ydoc_get(y, map, key);

	if (n == NULL || ydoc_is_null(n))
		return NULL;
	return g_strdup(ydoc_str(y, n, key));
}

static enum value_better
parse_better(struct ydoc *y, yaml_node_t *n)
{
	const char *s;

	if (n == NULL || (s = ydoc_str(y, n, "better")) == NULL)
		return BETTER_UNSET;
	if (strcmp(s, "lower") == 0)
		return BETTER_LOWER;
	if (strcmp(s, "higher") == 0)
		return BETTER_HIGHER;
	struct pos p = ydoc_pos(y, n);
	diag(E_BETTER, p.file, p.line, p.col, s);
	return BETTER_UNSET;
}

/* A value parsed before, with how the parse went. */
struct parsed {
	struct value v;
	enum value_status st;
	const char *said;
};

static void
parsed_free(gpointer p)
{
	value_clear(&((struct parsed *)p)->v);
	g_free(p);
}

/*
 * value_parse, remembered: a guideline repeats the same few printed
 * values many times, and parsing one (NFKC, regular expressions) is the
 * costliest part of reading an item.  Loading is single-threaded.
 */
static enum value_status
parse_cached(struct value *v, const char *text, enum value_better better,
	     bool free_text, const char **said)
{
	static GHashTable *cache;
	char *key = g_strdup_printf("%d%d%s", (int)better, (int)free_text, text);
	struct parsed *p;

	if (cache == NULL)
		cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      parsed_free);
	p = g_hash_table_lookup(cache, key);
	if (p == NULL) {
		p = g_new0(struct parsed, 1);
		p->st = value_parse(&p->v, text, better, free_text, &p->said);
		g_hash_table_insert(cache, key, p);
	} else {
		g_free(key);
	}
	value_copy(v, &p->v);
	*said = p->said;
	return p->st;
}

/* One pattern's value of an item. */
static void
load_value(struct ydoc *y, yaml_node_t *n, struct item *it, int pat)
{
	struct value *v = &it->values[pat - 1];
	struct pos p = ydoc_pos(y, n);
	const char *said = NULL, *s;

	if (n->type == YAML_SEQUENCE_NODE && ydoc_len(n) == 1 &&
	    ydoc_is_null(ydoc_seq_at(y, n, 0))) {
		diag(E_VALUE_DASH_LIST, p.file, p.line, p.col);
		return;
	}
	if (ydoc_is_null(n)) {
		diag(E_VALUE_EMPTY, p.file, p.line, p.col);
		return;
	}
	if ((s = ydoc_str(y, n, "value")) == NULL)
		return;
	if (strcmp(s, "unknown") == 0 &&
	    n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		value_set_unknown(v);
		return;
	}
	switch (parse_cached(v, s, it->better, it->free, &said)) {
	case VALUE_OK:
		break;
	case VALUE_ERR_EMPTY:
		diag(E_VALUE_EMPTY, p.file, p.line, p.col);
		break;
	case VALUE_ERR_PARSE:
		diag(E_VALUE_PARSE, p.file, p.line, p.col, s);
		break;
	case VALUE_ERR_STAR_DASH:
		diag(E_VALUE_STAR_DASH, p.file, p.line, p.col);
		break;
	case VALUE_ERR_DIRECTION:
		diag(E_VALUE_DIRECTION, p.file, p.line, p.col, s, it->key);
		break;
	case VALUE_ERR_CONFLICT:
		diag(E_VALUE_CONFLICT, p.file, p.line, p.col, s, said, it->key,
		     value_better_name(it->better));
		break;
	}
}

static void
load_values(struct ydoc *y, yaml_node_t *vals, struct item *it)
{
	bool seen[PATTERNS] = {false};
	struct pos p = ydoc_pos(y, vals);

	if (!ydoc_is_map(y, vals, "values", "a mapping of patterns 1 to 6"))
		return;
	for (yaml_node_pair_t *pr = vals->data.mapping.pairs.start;
	     pr < vals->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = ydoc_node(y, pr->key);
		const char *ks = ydoc_str(y, k, "pattern");
		struct pos kp = ydoc_pos(y, k);
		int pat;

		if (ks == NULL)
			continue;
		if ((pat = ydoc_pattern(ks)) == 0) {
			diag(E_PATTERN_KEY, kp.file, kp.line, kp.col, ks);
			continue;
		}
		seen[pat - 1] = true;
		load_value(y, ydoc_node(y, pr->value), it, pat);
	}
	for (int i = 0; i < PATTERNS; i++)
		if (!seen[i])
			diag(E_PATTERN_MISSING, p.file, p.line, p.col, it->key,
			     i + 1);
}

static struct item *
load_item(struct ydoc *y, yaml_node_t *n, size_t index, size_t count)
{
	struct item *it;
	yaml_node_t *k, *kind, *vals;
	struct pos p = ydoc_pos(y, n);

	if (ydoc_check_keys(y, n, "an item", item_keys) < 0)
		return NULL;
	it = g_new0(struct item, 1);
	it->pos = p;
	k = ydoc_get(y, n, "key");
	if (k == NULL) {
		if (count > 1)
			diag(E_ITEM_KEY_MISSING, p.file, p.line, p.col,
			     (int)index + 1);
		it->key = g_strdup("-");
	} else {
		const char *s = ydoc_str(y, k, "key");
		struct pos kp = ydoc_pos(y, k);
		it->key = g_strdup(s != NULL ? s : "?");
		if (s != NULL && !(strlen(s) == 1 && s[0] >= 'a' && s[0] <= 'z'))
			diag(E_ITEM_KEY_SYNTAX, kp.file, kp.line, kp.col, s);
	}
	it->label = req_str(y, n, "label");
	it->better = parse_better(y, ydoc_get(y, n, "better"));
	kind = ydoc_get(y, n, "kind");
	if (kind != NULL) {
		const char *s = ydoc_str(y, kind, "kind");
		struct pos kp = ydoc_pos(y, kind);
		if (s != NULL && strcmp(s, "free") == 0)
			it->free = true;
		else if (s != NULL)
			diag(E_KIND, kp.file, kp.line, kp.col, s);
	}
	vals = ydoc_get(y, n, "values");
	if (vals == NULL || ydoc_is_null(vals))
		diag(E_ITEM_NO_VALUES, p.file, p.line, p.col, it->key);
	else
		load_values(y, vals, it);
	return it;
}

static void
load_items(struct ydoc *y, yaml_node_t *items, struct control *c)
{
	size_t n = ydoc_len(items);
	struct pos p = ydoc_pos(y, items);

	if (items->type != YAML_SEQUENCE_NODE) {
		diag(E_TYPE, p.file, p.line, p.col, "items", "a list");
		return;
	}
	if (n == 0) {
		diag(E_ITEMS_EMPTY, p.file, p.line, p.col);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *in = ydoc_seq_at(y, items, i);
		struct item *it = load_item(y, in, i, ydoc_len(items));

		if (it == NULL)
			continue;
		for (guint j = 0; j < c->items->len; j++) {
			struct item *o = g_ptr_array_index(c->items, j);
			if (strcmp(o->key, it->key) == 0) {
				diag(E_ITEM_KEY_DUP, it->pos.file,
				     it->pos.line, it->pos.col, it->key);
				break;
			}
		}
		g_ptr_array_add(c->items, it);
	}
}

static enum level
parse_level(struct ydoc *y, yaml_node_t *map)
{
	char *s = req_str(y, map, "level");
	enum level l = LEVEL_NONE;

	if (s == NULL)
		return l;
	if (strcmp(s, "基本") == 0)
		l = LEVEL_BASIC;
	else if (strcmp(s, "推奨") == 0)
		l = LEVEL_RECOMMENDED;
	else {
		struct pos p = ydoc_pos(y, ydoc_get(y, map, "level"));
		diag(E_LEVEL, p.file, p.line, p.col, s);
	}
	g_free(s);
	return l;
}

/*
 * 'replaces': the ID, or list of IDs, this control had in the previous
 * edition.  Each is also entered in the guideline's renumbering map.
 */
static char **
load_replaces(struct load *ld, struct ydoc *y, yaml_node_t *n, const char *id)
{
	GPtrArray *a;
	size_t count;

	if (n == NULL || ydoc_is_null(n))
		return NULL;
	a = g_ptr_array_new();
	count = n->type == YAML_SEQUENCE_NODE ? ydoc_len(n) : 1;
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *e = n->type == YAML_SEQUENCE_NODE
					 ? ydoc_seq_at(y, n, i)
					 : n;
		const char *s = ydoc_str(y, e, "replaces");
		int num[ID_DEPTH];
		struct pos p = ydoc_pos(y, e);

		if (s == NULL)
			continue;
		if (id_parse(s, num) != 4) {
			diag(E_ID_SYNTAX, p.file, p.line, p.col, s);
			continue;
		}
		g_ptr_array_add(a, g_strdup(s));
		g_hash_table_insert(ld->g->renumbered, g_strdup(s),
				    g_strdup(id));
	}
	g_ptr_array_add(a, NULL);
	return (char **)g_ptr_array_free(a, FALSE);
}

static void
load_control(struct load *ld, struct ydoc *y, yaml_node_t *root,
	     struct prep *p, const char *id, struct pos idpos)
{
	struct control *c = g_new0(struct control, 1);
	yaml_node_t *items;

	ydoc_check_keys(y, root, "front matter", control_keys);
	c->id = g_strdup(id);
	id_parse(id, c->num);
	c->pos = idpos;
	c->items = g_ptr_array_new();
	c->level = parse_level(y, root);
	c->title = opt_str(y, root, "title");
	items = ydoc_get(y, root, "items");
	if (items != NULL && !ydoc_is_null(items))
		load_items(y, items, c);
	c->replaces = load_replaces(ld, y, ydoc_get(y, root, "replaces"), id);
	keep_body(ld->g, &c->body, p);
	c->text = p->text;
	c->bp_text = p->bp_text;
	c->bp_not_list = p->bp_not_list;
	p->text = p->bp_text = NULL;
	c->brief = control_brief(c);
	c->items_hash = control_items_hash(c);
	g_ptr_array_add(ld->controls, c);
}

static void
load_subsections(struct ydoc *y, yaml_node_t *n, struct section *sec)
{
	if (!ydoc_is_map(y, n, "subsections",
			 "a mapping of subsection IDs to titles"))
		return;
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start;
	     pr < n->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = ydoc_node(y, pr->key);
		yaml_node_t *v = ydoc_node(y, pr->value);
		const char *ks = ydoc_str(y, k, "subsection ID");
		const char *vs = ydoc_str(y, v, ks != NULL ? ks : "title");
		struct pos kp = ydoc_pos(y, k);
		struct subsection *sub;
		int num[ID_DEPTH];

		if (ks == NULL || vs == NULL)
			continue;
		if (id_parse(ks, num) != 3) {
			diag(E_ID_SYNTAX, kp.file, kp.line, kp.col, ks);
			continue;
		}
		if (num[0] != sec->num[0] || num[1] != sec->num[1]) {
			diag(E_SUB_FOREIGN, kp.file, kp.line, kp.col, ks,
			     sec->id);
			continue;
		}
		sub = g_new0(struct subsection, 1);
		sub->id = g_strdup(ks);
		memcpy(sub->num, num, sizeof(num));
		sub->title = g_strdup(vs);
		sub->controls = g_ptr_array_new();
		sub->section = sec;
		sub->pos = kp;
		g_ptr_array_add(sec->subsections, sub);
	}
}

static struct section *
section_new(struct load *ld, struct ydoc *y, yaml_node_t *root,
	    struct prep *p, const char *id, struct pos idpos)
{
	struct section *sec = g_new0(struct section, 1);

	sec->id = g_strdup(id);
	id_parse(id, sec->num);
	sec->pos = idpos;
	sec->title = req_str(y, root, "title");
	sec->subsections = g_ptr_array_new();
	keep_body(ld->g, &sec->body, p);
	g_ptr_array_add(ld->sections, sec);
	return sec;
}

/*
 * Where a node of this depth must live, relative to the content
 * directory, given whether it is a page (Part I style) or an _index.md.
 */
static char *
expected_path(const int num[ID_DEPTH], int depth, bool index)
{
	GString *s = g_string_new(NULL);
	char *id1, *id2;
	int n1[ID_DEPTH] = {num[0], 0, 0, 0};
	int n2[ID_DEPTH] = {num[0], num[1], 0, 0};

	id1 = load_id_string(n1, 1);
	id2 = load_id_string(n2, 2);
	g_string_append(s, id1);
	if (depth == 1) {
		g_string_append(s, "/_index.md");
	} else if (depth == 2 && index) {
		g_string_append_printf(s, "/%s/_index.md", id2);
	} else if (depth == 2) {
		g_string_append_printf(s, "/%s.md", id2);
	} else {
		char *id4 = load_id_string(num, depth);
		g_string_append_printf(s, "/%s/%s.md", id2, id4);
		g_free(id4);
	}
	g_free(id1);
	g_free(id2);
	return g_string_free(s, FALSE);
}

/*
 * Check the ID is the file's: its name and directory.  REL is the path
 * relative to the content directory.
 */
static int
check_place(const char *id, const int num[ID_DEPTH], int depth,
	    const char *rel, struct pos p)
{
	bool index = g_str_has_suffix(rel, "/_index.md") ||
		     strcmp(rel, "_index.md") == 0;
	char *want = expected_path(num, depth, index);
	char *wbase = g_path_get_basename(want);
	char *rbase = g_path_get_basename(rel);
	char *wdir = g_path_get_dirname(want);
	int rc = 0;

	if (strcmp(want, rel) != 0) {
		if (strcmp(wbase, rbase) != 0)
			diag(E_ID_FILE, p.file, p.line, p.col, id, wbase);
		else
			diag(E_ID_DIR, p.file, p.line, p.col, id, wdir);
		rc = -1;
	}
	g_free(want);
	g_free(wbase);
	g_free(rbase);
	g_free(wdir);
	return rc;
}

/* Whether ID is free to claim at P; if not, say where it was first. */
static bool
unclaimed(struct load *ld, const char *id, const struct pos *p)
{
	const struct pos *first = g_hash_table_lookup(ld->g->ids, id);

	if (first != NULL)
		diag(E_ID_DUP, p->file, p->line, p->col, id, first->file,
		     first->line);
	return first == NULL;
}

int
load_claim_id(struct load *ld, const char *id, struct pos p)
{
	struct pos *at;

	if (!unclaimed(ld, id, &p))
		return -1;
	at = g_new(struct pos, 1);
	*at = p;
	g_ptr_array_add(ld->g->id_pos, at);
	g_hash_table_insert(ld->g->ids,
			    g_string_chunk_insert(ld->g->id_text, id), at);
	return 0;
}

int
load_claim_own(struct load *ld, const char *id, const struct pos *p)
{
	if (!unclaimed(ld, id, p))
		return -1;
	g_hash_table_insert(ld->g->ids, (gpointer)id, (gpointer)p);
	return 0;
}

/*
 * The ID of P's front matter ROOT, checked against where the file is
 * and claimed; its depth in *DEPTH and numbers in NUM.  NULL after
 * reporting when the file cannot be used.
 */
static const char *
file_id(struct load *ld, struct prep *p, yaml_node_t *root, int *depth,
	int num[ID_DEPTH], struct pos *idpos)
{
	struct ydoc *y = &p->y;
	yaml_node_t *idn;
	const char *id;

	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		struct pos at = ydoc_pos(y, root);
		diag(E_TYPE, p->path, root ? at.line : p->s.front_line,
		     root ? at.col : 1, "front matter", "a mapping");
		return NULL;
	}
	if ((idn = ydoc_get(y, root, "id")) == NULL) {
		diag(E_KEY_MISSING, p->path, p->s.front_line, 1, "id");
		return NULL;
	}
	if ((id = ydoc_str(y, idn, "id")) == NULL)
		return NULL;
	*idpos = ydoc_pos(y, idn);
	if ((*depth = id_parse(id, num)) == 0) {
		diag(E_ID_SYNTAX, idpos->file, idpos->line, idpos->col, id);
		return NULL;
	}
	if (*depth == 3) {
		diag(E_ID_KIND, idpos->file, idpos->line, idpos->col, id,
		     "a part, section, page or control; declare subsections "
		     "in their section's 'subsections'");
		return NULL;
	}
	if (check_place(id, num, *depth, p->rel, *idpos) < 0 ||
	    load_claim_id(ld, id, *idpos) < 0)
		return NULL;
	return id;
}

void
load_prepared(struct load *ld, struct prep *pr)
{
	struct ydoc *y = &pr->y;
	yaml_node_t *root;
	const char *id;
	struct pos idpos;
	int num[ID_DEPTH], depth;

	if (pr->path != NULL) {
		struct input *in =
		    &g_array_index(ld->g->inputs, struct input, pr->input);
		in->stamp = pr->s.stamp;
		in->hash = g_strdup(pr->hash);
	}
	diag_replay(&pr->diags);
	if (pr->rc < 0)
		return;
	root = ydoc_root(y);
	if ((id = file_id(ld, pr, root, &depth, num, &idpos)) == NULL)
		return;
	if (depth == 1) {
		struct part *p = g_new0(struct part, 1);
		ydoc_check_keys(y, root, "front matter", part_keys);
		p->id = g_strdup(id);
		p->num = num[0];
		p->pos = idpos;
		p->title = req_str(y, root, "title");
		p->sections = g_ptr_array_new();
		keep_body(ld->g, &p->body, pr);
		g_ptr_array_add(ld->g->parts, p);
	} else if (depth == 2 && g_str_has_suffix(pr->rel, "_index.md")) {
		struct section *sec;
		yaml_node_t *subs = ydoc_get(y, root, "subsections");
		ydoc_check_keys(y, root, "front matter", section_keys);
		sec = section_new(ld, y, root, pr, id, idpos);
		if (subs != NULL && !ydoc_is_null(subs))
			load_subsections(y, subs, sec);
	} else if (depth == 2) {
		struct section *sec;
		ydoc_check_keys(y, root, "front matter", page_keys);
		sec = section_new(ld, y, root, pr, id, idpos);
		sec->page = true;
		sec->source = opt_str(y, root, "source");
	} else {
		load_control(ld, y, root, pr, id, idpos);
	}
}

char *
load_id_string(const int num[ID_DEPTH], int depth)
{
	return id_format(num, depth, false);
}

/*
 * List DIR (REL below the content directory) in sorted order into
 * LD->files: .md files are taken, directories entered; hidden entries
 * are skipped.
 */
static void
walk(struct load *ld, const char *dir, const char *rel)
{
	struct input here = {.rel = g_strdup(rel)};
	GArray *names = fsio_list_stamped(dir, true, &here.stamp);

	if (names == NULL) {
		/* reported in its turn, among the files' messages */
		struct prep *p = g_new0(struct prep, 1);
		p->rc = -1;
		diag_capture(&p->diags);
		diag(S_DIR, dir, 0, 0, g_strerror(errno));
		diag_capture(NULL);
		g_ptr_array_add(ld->files, p);
		g_free(here.rel);
		return;
	}
	g_array_append_val(ld->g->dirs, here);
	for (guint i = 0; i < names->len && ld->files->len < MAX_FILES; i++) {
		const struct fsio_entry *e =
		    &g_array_index(names, struct fsio_entry, i);
		const char *n = e->name;
		char *path, *r;

		if (n[0] == '.' ||
		    (e->kind != FSIO_DIR && !g_str_has_suffix(n, ".md")))
			continue;
		path = g_build_filename(dir, n, NULL);
		r = *rel ? g_strconcat(rel, "/", n, NULL) : g_strdup(n);
		if (e->kind == FSIO_DIR) {
			walk(ld, path, r);
		} else {
			struct prep *p = g_new0(struct prep, 1);
			struct input in = {.rel = g_strdup(r)};
			p->path = g_string_chunk_insert_const(ld->g->files,
							      path);
			p->rel = g_strdup(r);
			p->input = (int)ld->g->inputs->len;
			g_array_append_val(ld->g->inputs, in);
			g_ptr_array_add(ld->files, p);
		}
		g_free(path);
		g_free(r);
	}
	fsio_list_free(names);
}

int
load_begin(struct load *ld, const char *dir, bool hold)
{
	struct guideline *g = g_new0(struct guideline, 1);

	memset(ld, 0, sizeof(*ld));
	ld->hold = hold;
	g->dir = g_strdup(dir);
	g->criteria = g_ptr_array_new();
	g->service_types = g_ptr_array_new();
	g->parts = g_ptr_array_new();
	g->controls = g_ptr_array_new();
	g->orphans = g_ptr_array_new();
	g->links = g_ptr_array_new();
	g->ids = g_hash_table_new(g_str_hash, g_str_equal);
	g->id_text = g_string_chunk_new(4096);
	g->id_pos = g_ptr_array_new_with_free_func(g_free);
	g->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	g->renumbered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free);
	g->files = g_string_chunk_new(4096);
	g->inputs = g_array_new(FALSE, TRUE, sizeof(struct input));
	g->dirs = g_array_new(FALSE, TRUE, sizeof(struct input));
	g->read_ns = fsio_now_ns();
	if (meta_load(g) < 0) {
		guideline_free(g);
		return -1;
	}
	ld->g = g;
	ld->sections = g_ptr_array_new();
	ld->controls = g_ptr_array_new();
	ld->files = g_ptr_array_new();
	ld->no_items = g_ptr_array_new();
	g_mutex_init(&ld->lock);
	g_cond_init(&ld->done);
	return 0;
}

void
load_walk(struct load *ld)
{
	walk(ld, ld->g->dir, "");
}

/* Free what LD holds but its guideline. */
static void
load_clear(struct load *ld)
{
	for (guint i = 0; i < ld->files->len; i++)
		prep_free(g_ptr_array_index(ld->files, i));
	g_ptr_array_free(ld->files, TRUE);
	g_ptr_array_free(ld->sections, TRUE);
	g_ptr_array_free(ld->controls, TRUE);
	g_ptr_array_unref(ld->no_items);
	g_mutex_clear(&ld->lock);
	g_cond_clear(&ld->done);
}

struct guideline *
load_end(struct load *ld)
{
	struct guideline *g = ld->g;

	load_files(ld);
	g_ptr_array_set_size(ld->files, 0); /* freed by load_files */
	link_model(ld);
	load_clear(ld);
	if (ld->stub_failed) {
		guideline_free(g);
		g = NULL;
	}
	return g;
}

void
load_abort(struct load *ld)
{
	for (guint i = 0; i < ld->sections->len; i++)
		section_free(g_ptr_array_index(ld->sections, i));
	for (guint i = 0; i < ld->controls->len; i++)
		control_free(g_ptr_array_index(ld->controls, i));
	load_clear(ld);
	guideline_free(ld->g);
}

static struct guideline *
load_dir(const char *dir, bool hold)
{
	struct load ld;

	if (load_begin(&ld, dir, hold) < 0)
		return NULL;
	load_walk(&ld);
	return load_end(&ld);
}

struct guideline *
guideline_load(const char *dir)
{
	return load_dir(dir, false);
}

struct guideline *
guideline_load_held(const char *dir)
{
	return load_dir(dir, true);
}
