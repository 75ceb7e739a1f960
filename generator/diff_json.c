/*
 * diff_json: the comparison as one JSON object, for tools.  Text diffs
 * are given whole (not elided) as a list of {op, text}; only what
 * changed is listed.  The shape is in README.md.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "diag.h"
#include "diff_priv.h"

static json_t *
str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* {"old": …, "new": …, "diff": [{"op": "equal", "text": …}, …]} */
static json_t *
j_textdiff(const char *old, const char *new, const struct textdiff *td)
{
	static const char *const ops[] = {"equal", "delete", "insert",
					  "elided"};
	json_t *o = json_object(), *a = json_array();

	json_object_set_new(o, "old", str_or_null(old));
	json_object_set_new(o, "new", str_or_null(new));
	for (size_t i = 0; td != NULL && i < td->nsegs; i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "op",
						   ops[td->segs[i].op], "text",
						   td->segs[i].text));
	json_object_set_new(o, "diff", a);
	return o;
}

/* Each j_* function returns a new reference for the caller to own. */
static json_t *
j_item(const struct gdiff_item *e)
{
	const struct item *it = e->new != NULL ? e->new : e->old;
	json_t *o = json_pack("{s:s, s:s}", "key", it->key, "status",
			      gdiff_status_name(e->status));
	json_t *vals = json_array();

	if (e->label != NULL)
		json_object_set_new(o, "label",
				    j_textdiff(e->old->label, e->new->label,
					       e->label));
	else
		json_object_set_new(o, "label", json_string(it->label));
	for (int p = 0; p < PATTERNS; p++)
		if (e->values & (1u << p))
			json_array_append_new(
				vals,
				json_pack("{s:i, s:o, s:o}", "pattern", p + 1,
					  "old",
					  str_or_null(e->old->values[p].text),
					  "new",
					  str_or_null(e->new->values[p].text)));
	if (json_array_size(vals) > 0)
		json_object_set_new(o, "values", vals);
	else
		json_decref(vals);
	return o;
}

static json_t *
j_bp(const struct gdiff_bp *b)
{
	json_t *o = json_pack("{s:s}", "status",
			      gdiff_bp_status_name(b->status));

	if (b->old_index > 0)
		json_object_set_new(o, "old_index", json_integer(b->old_index));
	if (b->new_index > 0)
		json_object_set_new(o, "new_index", json_integer(b->new_index));
	if (b->status == GDIFF_BP_MOVED_OUT) {
		json_object_set_new(o, "to", json_string(b->other->new->id));
		json_object_set_new(o, "to_index",
				    json_integer(b->other_index));
	} else if (b->status == GDIFF_BP_MOVED_IN) {
		json_object_set_new(o, "from", json_string(b->other->old->id));
		json_object_set_new(o, "from_index",
				    json_integer(b->other_index));
	}
	if (b->diff != NULL)
		json_object_set_new(o, "text",
				    j_textdiff(b->old_text, b->new_text,
					       b->diff));
	else
		json_object_set_new(o, "text",
				    json_string(b->new_text ? b->new_text
							    : b->old_text));
	return o;
}

static json_t *
j_aspects(unsigned aspects)
{
	json_t *a = json_array();

	for (unsigned x = GDIFF_RENUMBERED; x <= GDIFF_VALUES; x <<= 1)
		if (aspects & x)
			json_array_append_new(
				a, json_string(gdiff_aspect_name(
					   (enum gdiff_aspect)x)));
	return a;
}

/* The patterns whose requirement changed: what a provider reviews. */
static json_t *
j_patterns(const struct gdiff_control *dc)
{
	json_t *a = json_array();

	for (int p = 1; p <= PATTERNS; p++)
		if (gdiff_requirement_changed(dc, p))
			json_array_append_new(a, json_integer(p));
	return a;
}

/* The lists of an entry's changed best practices and items. */
static void
j_lists(json_t *o, const struct gdiff_control *dc)
{
	json_t *bps = json_array(), *items = json_array();

	for (guint i = 0; i < dc->bps->len; i++) {
		const struct gdiff_bp *b = g_ptr_array_index(dc->bps, i);
		if (b->status != GDIFF_BP_SAME)
			json_array_append_new(bps, j_bp(b));
	}
	for (guint i = 0; i < dc->items->len; i++) {
		const struct gdiff_item *e = g_ptr_array_index(dc->items, i);
		if (e->status != GDIFF_SAME)
			json_array_append_new(items, j_item(e));
	}
	json_object_set_new(o, "best_practices", bps);
	json_object_set_new(o, "items", items);
}

static json_t *
j_control(const struct gdiff_control *dc)
{
	const struct control *c = dc->new != NULL ? dc->new : dc->old;
	json_t *o = json_object();
	char *t;

	json_object_set_new(o, "id", str_or_null(dc->new ? dc->new->id : NULL));
	json_object_set_new(o, "old_id",
			    str_or_null(dc->old ? dc->old->id : NULL));
	json_object_set_new(o, "status",
			    json_string(gdiff_status_name(dc->status)));
	if (dc->merged != NULL)
		json_object_set_new(o, "merged_into",
				    json_string(dc->merged->id));
	json_object_set_new(o, "aspects", j_aspects(dc->aspects));
	if (dc->aspects & GDIFF_LEVEL)
		json_object_set_new(o, "level",
				    json_pack("{s:s, s:s}", "old",
					      level_name(dc->old->level), "new",
					      level_name(dc->new->level)));
	else
		json_object_set_new(o, "level",
				    json_string(level_name(c->level)));
	if (dc->title != NULL)
		json_object_set_new(o, "title",
				    j_textdiff(dc->old->title, dc->new->title,
					       dc->title));
	if (dc->text != NULL) {
		char *a = control_text(dc->old), *b = control_text(dc->new);
		json_object_set_new(o, "text", j_textdiff(a, b, dc->text));
		g_free(a);
		g_free(b);
	} else if (dc->status == GDIFF_ADDED) {
		t = control_text(dc->new);
		json_object_set_new(o, "text", json_string(t));
		g_free(t);
	}
	j_lists(o, dc);
	json_object_set_new(o, "requirement_changed", j_patterns(dc));
	return o;
}

static json_t *
j_edition(const struct guideline *g)
{
	return json_pack("{s:o, s:o}", "title", str_or_null(g->title),
			 "edition", str_or_null(g->edition));
}

int
diff_write_json(const struct gdiff *d, FILE *out)
{
	json_t *root = json_object(), *controls = json_array();
	json_t *removed = json_array(), *moves = json_array();
	int rc;

	json_object_set_new(root, "old", j_edition(d->old));
	json_object_set_new(root, "new", j_edition(d->new));
	json_object_set_new(
		root, "summary",
		json_pack("{s:i, s:i, s:i, s:i, s:i}", "added", d->added,
			  "removed", (int)d->removed->len, "renumbered",
			  d->renumbered, "changed", d->changed,
			  "best_practices_moved", (int)d->moves->len));
	for (guint i = 0; i < d->controls->len; i++) {
		const struct gdiff_control *dc =
			g_ptr_array_index(d->controls, i);
		if (dc->status != GDIFF_SAME)
			json_array_append_new(controls, j_control(dc));
	}
	for (guint i = 0; i < d->removed->len; i++)
		json_array_append_new(
			removed, j_control(g_ptr_array_index(d->removed, i)));
	for (guint i = 0; i < d->moves->len; i++) {
		const struct gdiff_bp *b = g_ptr_array_index(d->moves, i);
		json_array_append_new(moves,
				      json_pack("{s:s, s:i, s:s, s:i}", "from",
						b->other->old->id, "from_index",
						b->other_index, "to",
						b->owner->new->id, "to_index",
						b->new_index));
	}
	json_object_set_new(root, "controls", controls);
	json_object_set_new(root, "removed", removed);
	json_object_set_new(root, "moves", moves);
	rc = json_dumpf(root, out, JSON_INDENT(2));
	if (rc == 0 && fputc('\n', out) == EOF)
		rc = -1;
	if (rc != 0)
		diag(S_WRITE, "standard output", 0, 0, strerror(errno));
	json_decref(root);
	return rc == 0 ? 0 : -1;
}
