/*
 * stale: carry answers across a revision and say what it made stale.
 */
#include <string.h>

#include <glib.h>

#include "stale.h"

static const struct answer *
find(const struct answers *a, const struct control *c)
{
	for (size_t i = 0; i < a->nanswers; i++)
		if (a->answers[i].control == c)
			return &a->answers[i];
	return NULL;
}

/* Copy an old answer onto its successor's: items by key. */
static void
carry(struct answer *to, const struct answer *from)
{
	to->status = from->status;
	to->note = g_strdup(from->note);
	to->evidence = g_strdup(from->evidence);
	to->pos = from->pos;
	for (size_t i = 0; i < to->nitems; i++)
		for (size_t j = 0; j < from->nitems; j++)
			if (strcmp(to->items[i].item->key,
				   from->items[j].item->key) == 0 &&
			    from->items[j].declared.present)
				declared_copy(&to->items[i].declared,
					      &from->items[j].declared);
}

static struct answers *
copy_head(const struct answers *old, const struct guideline *g)
{
	struct answers *a = g_new0(struct answers, 1);

	a->path = g_strdup(old->path);
	a->sha256 = g_strdup(old->sha256);
	a->name = g_strdup(old->name);
	a->service = g_strdup(old->service);
	a->service_type = g_strdup(old->service_type);
	a->disclosure_date = g_strdup(old->disclosure_date);
	a->contact = g_strdup(old->contact);
	a->confidentiality = g_strdup(old->confidentiality);
	a->availability = g_strdup(old->availability);
	a->pattern = old->pattern;
	a->edition = g_strdup(old->edition);
	answers_prepare(a, g);
	return a;
}

static struct stale_move *
move(const char *old_id, const char *new_id)
{
	struct stale_move *m = g_new(struct stale_move, 1);

	m->old_id = old_id;
	m->new_id = new_id;
	return m;
}

struct answers *
stale_carry(const struct answers *old, const struct gdiff *d,
	    struct stale *st)
{
	struct answers *a = copy_head(old, d->new);

	memset(st, 0, sizeof(*st));
	st->from = d->old->edition;
	st->to = d->new->edition;
	st->added = g_ptr_array_new();
	st->renumbered = g_ptr_array_new_with_free_func(g_free);
	st->removed = g_ptr_array_new_with_free_func(g_free);
	st->review = g_ptr_array_new();
	for (size_t i = 0; i < a->nanswers; i++) {
		struct answer *an = &a->answers[i];
		const struct gdiff_control *dc =
			gdiff_by_new(d, an->control->id);
		const struct answer *was;

		if (dc == NULL || dc->old == NULL) {
			g_ptr_array_add(st->added, (gpointer)an->control);
			continue;
		}
		was = find(old, dc->old);
		if (was == NULL || was->status == STATUS_NONE)
			continue;
		carry(an, was);
		if (strcmp(dc->old->id, dc->new->id) != 0)
			g_ptr_array_add(st->renumbered,
					move(dc->old->id, dc->new->id));
		if (gdiff_requirement_changed(dc, a->pattern))
			g_ptr_array_add(st->review, (gpointer)an->control);
	}
	for (guint i = 0; i < d->removed->len; i++) {
		const struct gdiff_control *dc =
			g_ptr_array_index(d->removed, i);
		const struct answer *was = find(old, dc->old);
		if (was != NULL && was->status != STATUS_NONE)
			g_ptr_array_add(st->removed,
					move(dc->old->id, dc->merged
								  ? dc->merged->id
								  : NULL));
	}
	answers_judge(a);
	return a;
}

void
stale_clear(struct stale *st)
{
	if (st == NULL || st->added == NULL)
		return;
	g_ptr_array_free(st->added, TRUE);
	g_ptr_array_free(st->renumbered, TRUE);
	g_ptr_array_free(st->removed, TRUE);
	g_ptr_array_free(st->review, TRUE);
	memset(st, 0, sizeof(*st));
}
