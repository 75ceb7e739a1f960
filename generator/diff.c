/*
 * diff: the comparison of two editions — controls paired by ID or by
 * declared renumbering, then compared aspect by aspect.  Best practices
 * are paired in diff_bp.c; the writers are diff_text.c, diff_json.c
 * and diff_html.c.
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "diff_priv.h"

/* A new entry for OLD and NEW (either may be NULL); the gdiff's arrays
 * own it and free it with entry_free. */
static struct gdiff_control *
entry_new(const struct control *old, const struct control *new)
{
	struct gdiff_control *dc = g_new0(struct gdiff_control, 1);

	dc->old = old;
	dc->new = new;
	dc->status = old == NULL ? GDIFF_ADDED
		     : new == NULL ? GDIFF_REMOVED
				   : GDIFF_SAME;
	dc->bps = g_ptr_array_new_with_free_func((GDestroyNotify)diff_bp_free);
	dc->items = g_ptr_array_new_with_free_func(g_free);
	return dc;
}

static void
entry_free(struct gdiff_control *dc)
{
	if (dc == NULL)
		return;
	textdiff_free(dc->text);
	textdiff_free(dc->title);
	for (guint i = 0; i < dc->items->len; i++)
		textdiff_free(((struct gdiff_item *)g_ptr_array_index(
				       dc->items, i))->label);
	g_ptr_array_free(dc->items, TRUE);
	g_ptr_array_free(dc->bps, TRUE);
	g_free(dc);
}

static gint
cmp_ids(gconstpointer a, gconstpointer b)
{
	int x[ID_DEPTH], y[ID_DEPTH];

	id_parse(*(char *const *)a, x);
	id_parse(*(char *const *)b, y);
	return id_cmp(x, y);
}

/* Old IDs NEW's renumbering maps to ID, sorted; a new array of borrowed
 * strings. */
static GPtrArray *
old_ids_of(const struct guideline *new, const char *id)
{
	GPtrArray *a = g_ptr_array_new();
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, new->renumbered);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (strcmp(v, id) == 0)
			g_ptr_array_add(a, k);
	g_ptr_array_sort(a, cmp_ids);
	return a;
}

/* Where control C's renumbering to OLD_ID was declared. */
static void
unknown_old(const struct guideline *new, const struct control *c,
	    const char *old_id)
{
	char *path;

	for (char **r = c->replaces; r != NULL && *r != NULL; r++)
		if (strcmp(*r, old_id) == 0) {
			diag(W_RENUMBER_UNKNOWN, c->pos.file, c->pos.line,
			     c->pos.col, old_id);
			return;
		}
	path = g_build_filename(new->dir, "renumbering.yaml", NULL);
	diag(W_RENUMBER_UNKNOWN, path, 0, 0, old_id);
	g_free(path);
}

/*
 * The old control new control C succeeds: the first old control the
 * renumbering maps to it, else the old control of the same ID unless
 * that one was renumbered away.  Other old controls mapped to C are
 * added to MERGED.  A mapped old ID the old edition lacks is warned
 * about only when the old edition lacks C's ID too: otherwise the old
 * edition is simply not the one the renumbering was declared against
 * (an edition compared with itself, or with a later one).
 */
static const struct control *
predecessor(const struct gdiff *d, const struct control *c, GPtrArray *merged)
{
	GPtrArray *ids = old_ids_of(d->new, c->id);
	const struct control *o = NULL;
	const struct control *same = guideline_control(d->old, c->id);

	for (guint i = 0; i < ids->len; i++) {
		const char *id = g_ptr_array_index(ids, i);
		const struct control *x = guideline_control(d->old, id);
		if (x == NULL && same == NULL)
			unknown_old(d->new, c, id);
		else if (x != NULL && o == NULL)
			o = x;
		else if (x != NULL)
			g_ptr_array_add(merged, (gpointer)x);
	}
	if (o == NULL && !g_hash_table_contains(d->new->renumbered, c->id))
		o = same;
	g_ptr_array_free(ids, TRUE);
	return o;
}

static gint
cmp_entries_old(gconstpointer a, gconstpointer b)
{
	const struct gdiff_control *x = *(struct gdiff_control *const *)a;
	const struct gdiff_control *y = *(struct gdiff_control *const *)b;

	return id_cmp(x->old->num, y->old->num);
}

/* Pair the controls of both editions into d->controls and d->removed. */
static void
pair_controls(struct gdiff *d)
{
	GPtrArray *merged = g_ptr_array_new();

	for (guint i = 0; i < d->new->controls->len; i++) {
		const struct control *c =
			g_ptr_array_index(d->new->controls, i);
		struct gdiff_control *dc;

		g_ptr_array_set_size(merged, 0);
		dc = entry_new(predecessor(d, c, merged), c);
		g_ptr_array_add(d->controls, dc);
		g_hash_table_insert(d->by_new, c->id, dc);
		if (dc->old != NULL)
			g_hash_table_insert(d->by_old, dc->old->id, dc);
		for (guint j = 0; j < merged->len; j++) {
			struct gdiff_control *m =
				entry_new(g_ptr_array_index(merged, j), NULL);
			m->merged = c;
			g_ptr_array_add(d->removed, m);
			g_hash_table_insert(d->by_old, m->old->id, m);
		}
	}
	for (guint i = 0; i < d->old->controls->len; i++) {
		const struct control *o =
			g_ptr_array_index(d->old->controls, i);
		struct gdiff_control *dc;

		if (g_hash_table_contains(d->by_old, o->id))
			continue;
		dc = entry_new(o, NULL);
		g_ptr_array_add(d->removed, dc);
		g_hash_table_insert(d->by_old, o->id, dc);
	}
	g_ptr_array_sort(d->removed, cmp_entries_old);
	g_ptr_array_free(merged, TRUE);
}

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Reference values are the same when printed alike and of one kind. */
static bool
same_value(const struct value *a, const struct value *b)
{
	return a->kind == b->kind && same_str(a->text, b->text);
}

/*
 * Compare item O with N (either may be NULL), append the result to
 * DC's items (which own it) and set DC's aspects.  Returns the entry.
 */
static struct gdiff_item *
item_entry(struct gdiff_control *dc, const struct item *o,
	   const struct item *n)
{
	struct gdiff_item *e = g_new0(struct gdiff_item, 1);

	e->old = o;
	e->new = n;
	e->status = o == NULL ? GDIFF_ADDED
		    : n == NULL ? GDIFF_REMOVED
				: GDIFF_SAME;
	g_ptr_array_add(dc->items, e);
	if (o == NULL || n == NULL) {
		dc->aspects |= GDIFF_ITEMS;
		return e;
	}
	if (!same_str(o->label, n->label)) {
		e->label = textdiff_new(o->label, n->label, 0);
		dc->aspects |= GDIFF_ITEMS;
	}
	for (int p = 0; p < PATTERNS; p++)
		if (!same_value(&o->values[p], &n->values[p]))
			e->values |= 1u << p;
	if (e->values != 0)
		dc->aspects |= GDIFF_VALUES;
	if (e->label != NULL || e->values != 0)
		e->status = GDIFF_CHANGED;
	return e;
}

static const struct item *
item_by_key(const struct control *c, const char *key)
{
	for (guint i = 0; c != NULL && i < c->items->len; i++) {
		const struct item *it = g_ptr_array_index(c->items, i);
		if (strcmp(it->key, key) == 0)
			return it;
	}
	return NULL;
}

/* Pair evaluation items by key: the new ones in order, then those
 * removed. */
static void
compare_items(struct gdiff_control *dc)
{
	const struct control *o = dc->old, *n = dc->new;

	for (guint i = 0; n != NULL && i < n->items->len; i++) {
		const struct item *it = g_ptr_array_index(n->items, i);
		item_entry(dc, item_by_key(o, it->key), it);
	}
	for (guint i = 0; o != NULL && i < o->items->len; i++) {
		const struct item *it = g_ptr_array_index(o->items, i);
		if (item_by_key(n, it->key) == NULL)
			item_entry(dc, it, NULL);
	}
}

/* Compare the aspects of an entry with both sides, except best
 * practices. */
static void
compare_control(struct gdiff_control *dc)
{
	char *a, *b;

	if (strcmp(dc->old->id, dc->new->id) != 0)
		dc->aspects |= GDIFF_RENUMBERED;
	if (dc->old->level != dc->new->level)
		dc->aspects |= GDIFF_LEVEL;
	if (!same_str(dc->old->title, dc->new->title)) {
		dc->title = textdiff_new(dc->old->title, dc->new->title, 0);
		dc->aspects |= GDIFF_TITLE;
	}
	a = control_text(dc->old);
	b = control_text(dc->new);
	if (strcmp(a, b) != 0) {
		dc->text = textdiff_new(a, b, 0);
		dc->aspects |= GDIFF_TEXT;
	}
	g_free(a);
	g_free(b);
}

struct gdiff *
gdiff_new(const struct guideline *old, const struct guideline *new)
{
	struct gdiff *d = g_new0(struct gdiff, 1);

	d->old = old;
	d->new = new;
	d->controls =
		g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
	d->removed = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
	d->moves = g_ptr_array_new();
	d->by_new = g_hash_table_new(g_str_hash, g_str_equal);
	d->by_old = g_hash_table_new(g_str_hash, g_str_equal);
	pair_controls(d);
	for (guint i = 0; i < d->controls->len; i++) {
		struct gdiff_control *dc = g_ptr_array_index(d->controls, i);
		if (dc->old != NULL)
			compare_control(dc);
		compare_items(dc);
	}
	diff_bp_compare(d);
	for (guint i = 0; i < d->controls->len; i++) {
		struct gdiff_control *dc = g_ptr_array_index(d->controls, i);
		if (dc->status == GDIFF_SAME && dc->aspects != 0)
			dc->status = GDIFF_CHANGED;
		if (dc->status == GDIFF_ADDED)
			d->added++;
		else if (gdiff_content_changed(dc))
			d->changed++;
		if (dc->aspects & GDIFF_RENUMBERED)
			d->renumbered++;
	}
	return d;
}

void
gdiff_free(struct gdiff *d)
{
	if (d == NULL)
		return;
	g_ptr_array_free(d->moves, TRUE);
	g_ptr_array_free(d->controls, TRUE);
	g_ptr_array_free(d->removed, TRUE);
	g_hash_table_destroy(d->by_new);
	g_hash_table_destroy(d->by_old);
	g_free(d);
}

const struct gdiff_control *
gdiff_by_new(const struct gdiff *d, const char *new_id)
{
	return g_hash_table_lookup(d->by_new, new_id);
}

const struct gdiff_control *
gdiff_by_old(const struct gdiff *d, const char *old_id)
{
	return g_hash_table_lookup(d->by_old, old_id);
}

bool
gdiff_content_changed(const struct gdiff_control *dc)
{
	return dc->status == GDIFF_ADDED || dc->status == GDIFF_REMOVED ||
	       (dc->aspects & ~(unsigned)GDIFF_RENUMBERED) != 0;
}

bool
gdiff_requirement_changed(const struct gdiff_control *dc, int p)
{
	g_return_val_if_fail(p >= 1 && p <= PATTERNS, false);
	if (dc->status == GDIFF_ADDED || dc->status == GDIFF_REMOVED ||
	    (dc->aspects & (GDIFF_TEXT | GDIFF_LEVEL)))
		return true;
	for (guint i = 0; i < dc->items->len; i++) {
		const struct gdiff_item *e = g_ptr_array_index(dc->items, i);
		if (e->status == GDIFF_ADDED || e->status == GDIFF_REMOVED ||
		    e->label != NULL || (e->values & (1u << (p - 1))))
			return true;
	}
	return false;
}

const char *
gdiff_status_name(enum gdiff_status s)
{
	static const char *const names[] = {"same", "changed", "added",
					    "removed"};

	return (size_t)s < G_N_ELEMENTS(names) ? names[s] : "?";
}

const char *
gdiff_bp_status_name(enum gdiff_bp_status s)
{
	static const char *const names[] = {"same",    "changed",  "added",
					    "removed", "moved_in", "moved_out"};

	return (size_t)s < G_N_ELEMENTS(names) ? names[s] : "?";
}

const char *
gdiff_aspect_name(enum gdiff_aspect a)
{
	switch (a) {
	case GDIFF_RENUMBERED:
		return "renumbered";
	case GDIFF_TEXT:
		return "text";
	case GDIFF_LEVEL:
		return "level";
	case GDIFF_TITLE:
		return "title";
	case GDIFF_BP:
		return "best_practices";
	case GDIFF_ITEMS:
		return "items";
	case GDIFF_VALUES:
		return "values";
	}
	return "?";
}

const char *
gdiff_bp_marker(int index)
{
	static const char *const m[] = {
		"i",   "ii",   "iii",   "iv",   "v",   "vi",   "vii",   "viii",
		"ix",  "x",    "xi",    "xii",  "xiii", "xiv", "xv",    "xvi",
		"xvii", "xviii", "xix", "xx",   "xxi", "xxii", "xxiii", "xxiv",
		"xxv", "xxvi", "xxvii", "xxviii", "xxix", "xxx"};

	return index >= 1 && index <= (int)G_N_ELEMENTS(m) ? m[index - 1]
							    : "?";
}

char *
diff_entry_id(const struct gdiff_control *dc)
{
	return id_display(dc->new != NULL ? dc->new->id : dc->old->id);
}

const char *
gdiff_label(const struct gdiff_control *dc)
{
	switch (dc->status) {
	case GDIFF_ADDED:
		return "追加";
	case GDIFF_REMOVED:
		return "削除";
	default:
		return gdiff_content_changed(dc) ? "変更" : "番号変更";
	}
}
