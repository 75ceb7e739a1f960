/*
 * diff_bp: best practices paired across two editions.
 *
 * A best practice has no ID of its own: it is known by its text and
 * its place in its control's list.  The pairing goes from the surest to
 * the loosest, each step taking only what the earlier ones left:
 *   1. the same text in the same control (SAME);
 *   2. nearly the same text in the same control (CHANGED);
 *   3. the same or nearly the same text in another control (MOVED);
 *   4. loosely alike text in the same control (CHANGED);
 *   5. what is left was ADDED or REMOVED.
 * Within a step the most alike pairs go first.
 *
 * Measuring how alike two texts are costs a character diff; past
 * GDIFF_MAX_COMPARISONS of them (a revision that rewrote thousands of
 * practices) the remaining steps pair identical texts only, so the
 * comparison stays bounded.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <glib.h>

#include "diff_priv.h"

/* The best practices of one side of one control. */
struct side {
	char **t;   /* plain texts, owned */
	long *len;  /* their lengths in characters */
	int n;
	bool *used; /* already paired */
};

/* One entry of the comparison while it is paired. */
struct work {
	struct gdiff_control *dc;
	struct side o, n;
};

/* The comparisons left for the whole diff. */
struct budget {
	long left;
};

struct cand {
	double sim;
	guint wo, wn; /* indexes of the works */
	int i, j;     /* of the old and the new practice */
};

/* Fill S with the plain texts of C's best practices (none if C is
 * NULL or has none); free with side_free. */
static void
side_load(struct side *s, const struct control *c)
{
	cmark_node *doc = c != NULL ? body_parse(&c->body) : NULL;
	cmark_node *l = md_best_practices(doc);
	GPtrArray *a = g_ptr_array_new();

	for (cmark_node *it = l != NULL ? cmark_node_first_child(l) : NULL;
	     it != NULL; it = cmark_node_next(it))
		g_ptr_array_add(a, md_plain(it));
	if (doc != NULL)
		cmark_node_free(doc);
	s->n = (int)a->len;
	s->len = g_new0(long, s->n + 1);
	for (int i = 0; i < s->n; i++)
		s->len[i] = g_utf8_strlen(g_ptr_array_index(a, i), -1);
	g_ptr_array_add(a, NULL);
	s->t = (char **)g_ptr_array_free(a, FALSE);
	s->used = g_new0(bool, s->n + 1);
}

static void
side_free(struct side *s)
{
	g_strfreev(s->t);
	g_free(s->len);
	g_free(s->used);
}

void
diff_bp_free(struct gdiff_bp *b)
{
	if (b == NULL)
		return;
	g_free(b->old_text);
	g_free(b->new_text);
	textdiff_free(b->diff);
	g_free(b);
}

/*
 * Append a new entry to DC's bps (which own it and free it with
 * diff_bp_free), with copies of OT and NT and their diff if they
 * differ.  Returns the entry.
 */
static struct gdiff_bp *
bp_add(struct gdiff_control *dc, enum gdiff_bp_status st, int oi, int ni,
       const char *ot, const char *nt)
{
	struct gdiff_bp *b = g_new0(struct gdiff_bp, 1);

	b->status = st;
	b->owner = dc;
	b->old_index = oi;
	b->new_index = ni;
	b->old_text = g_strdup(ot);
	b->new_text = g_strdup(nt);
	if (ot != NULL && nt != NULL && strcmp(ot, nt) != 0)
		b->diff = textdiff_new(ot, nt, 0);
	g_ptr_array_add(dc->bps, b);
	return b;
}

/* Pair practice I of WO's old side with J of WN's new side. */
static void
pair(struct gdiff *d, struct work *wo, int i, struct work *wn, int j)
{
	const char *ot = wo->o.t[i], *nt = wn->n.t[j];
	struct gdiff_bp *out, *in;

	wo->o.used[i] = wn->n.used[j] = true;
	if (wo == wn) {
		bp_add(wo->dc, strcmp(ot, nt) == 0 ? GDIFF_BP_SAME
						   : GDIFF_BP_CHANGED,
		       i + 1, j + 1, ot, nt);
		return;
	}
	out = bp_add(wo->dc, GDIFF_BP_MOVED_OUT, i + 1, 0, ot, nt);
	in = bp_add(wn->dc, GDIFF_BP_MOVED_IN, 0, j + 1, ot, nt);
	out->other = wn->dc;
	out->other_index = j + 1;
	in->other = wo->dc;
	in->other_index = i + 1;
	g_ptr_array_add(d->moves, in);
}

/*
 * Similarity of A and B (LA and LB characters long), or 0 when their
 * lengths alone rule out MIN or the budget BU is spent.
 */
static double
alike(const char *a, long la, const char *b, long lb, double min,
      struct budget *bu)
{
	long lo = la < lb ? la : lb;
	struct textdiff *td;
	double s;

	if (strcmp(a, b) == 0)
		return 1;
	if (la + lb > 0 && 2.0 * (double)lo / (double)(la + lb) < min)
		return 0;
	if (bu->left <= 0)
		return 0;
	bu->left--;
	/* alike enough only if the edit distance is at most
	 * (1 - min)(la + lb): search no further */
	td = textdiff_new(a, b, (long)((1.0 - min) * (double)(la + lb)) + 1);
	s = textdiff_similarity(td);
	textdiff_free(td);
	return s;
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	if (x->wo != y->wo)
		return x->wo < y->wo ? -1 : 1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	if (x->wn != y->wn)
		return x->wn < y->wn ? -1 : 1;
	return x->j < y->j ? -1 : (x->j > y->j);
}

/* Append to C every pair of WO's unpaired old and WN's unpaired new
 * practices at least MIN alike. */
static void
candidates(GArray *c, GPtrArray *ws, guint wo, guint wn, double min,
	   struct budget *bu)
{
	struct work *a = g_ptr_array_index(ws, wo);
	struct work *b = g_ptr_array_index(ws, wn);

	for (int i = 0; i < a->o.n; i++) {
		if (a->o.used[i])
			continue;
		for (int j = 0; j < b->n.n; j++) {
			double s;
			if (b->n.used[j])
				continue;
			s = min >= 1.0 ? strcmp(a->o.t[i], b->n.t[j]) == 0
				       : alike(a->o.t[i], a->o.len[i],
					       b->n.t[j], b->n.len[j], min, bu);
			if (s >= min)
				g_array_append_val(
					c, ((struct cand){s, wo, wn, i, j}));
		}
	}
}

/*
 * Moves of identical texts only, found through a hash table: what the
 * step across controls falls back to when measuring every pair would
 * exceed the budget.
 */
static void
match_identical(struct gdiff *d, GPtrArray *ws)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
					      (GDestroyNotify)g_array_unref);

	for (guint b = 0; b < ws->len; b++) {
		struct work *w = g_ptr_array_index(ws, b);
		for (int j = 0; j < w->n.n; j++) {
			GArray *a = g_hash_table_lookup(h, w->n.t[j]);
			gint64 at = ((gint64)b << 32) | (guint32)j;
			if (w->n.used[j])
				continue;
			if (a == NULL) {
				a = g_array_new(FALSE, FALSE, sizeof(gint64));
				g_hash_table_insert(h, w->n.t[j], a);
			}
			g_array_append_val(a, at);
		}
	}
	for (guint k = 0; k < ws->len; k++) {
		struct work *wo = g_ptr_array_index(ws, k);
		for (int i = 0; i < wo->o.n; i++) {
			GArray *a = g_hash_table_lookup(h, wo->o.t[i]);
			for (guint x = 0; !wo->o.used[i] && a != NULL &&
					  x < a->len;
			     x++) {
				gint64 at = g_array_index(a, gint64, x);
				struct work *wn = g_ptr_array_index(
					ws, (guint)(at >> 32));
				int j = (int)(at & 0xffffffff);
				if (wn != wo && !wn->n.used[j])
					pair(d, wo, i, wn, j);
			}
		}
	}
	g_hash_table_destroy(h);
}

/* Practices not yet paired on each side, over all works. */
static void
unpaired(GPtrArray *ws, long *old, long *new)
{
	*old = *new = 0;
	for (guint k = 0; k < ws->len; k++) {
		struct work *w = g_ptr_array_index(ws, k);
		for (int i = 0; i < w->o.n; i++)
			*old += !w->o.used[i];
		for (int j = 0; j < w->n.n; j++)
			*new += !w->n.used[j];
	}
}

/*
 * One step: pair practices at least MIN alike (1: identical), within a
 * control or, if ACROSS, between different controls; best first.
 */
static void
match(struct gdiff *d, GPtrArray *ws, double min, bool across,
      struct budget *bu)
{
	GArray *c;
	long no, nn;

	if (across) {
		unpaired(ws, &no, &nn);
		if (no > 0 && nn > bu->left / no) {
			match_identical(d, ws);
			return;
		}
	}
	c = g_array_new(FALSE, FALSE, sizeof(struct cand));
	for (guint a = 0; a < ws->len; a++) {
		if (!across) {
			candidates(c, ws, a, a, min, bu);
			continue;
		}
		for (guint b = 0; b < ws->len; b++)
			if (a != b)
				candidates(c, ws, a, b, min, bu);
	}
	if (c->len > 1)
		qsort(c->data, c->len, sizeof(struct cand), cmp_cand);
	for (guint k = 0; k < c->len; k++) {
		struct cand *x = &g_array_index(c, struct cand, k);
		struct work *wo = g_ptr_array_index(ws, x->wo);
		struct work *wn = g_ptr_array_index(ws, x->wn);
		if (!wo->o.used[x->i] && !wn->n.used[x->j])
			pair(d, wo, x->i, wn, x->j);
	}
	g_array_free(c, TRUE);
}

struct keyed {
	struct gdiff_bp *b;
	int k1, k2;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->k1 != y->k1)
		return x->k1 < y->k1 ? -1 : 1;
	return x->k2 < y->k2 ? -1 : (x->k2 > y->k2);
}

/*
 * Order an entry's practices as a reader meets them: the new list in
 * order, each practice that left placed after the one that preceded it
 * in the old list.
 */
static void
order(struct gdiff_control *dc)
{
	guint n = dc->bps->len;
	struct keyed *k = g_new0(struct keyed, n + 1);

	for (guint i = 0; i < n; i++) {
		struct gdiff_bp *b = g_ptr_array_index(dc->bps, i);
		k[i].b = b;
		if (b->new_index > 0) {
			k[i].k1 = b->new_index;
			continue;
		}
		k[i].k2 = b->old_index;
		for (guint j = 0; j < n; j++) {
			struct gdiff_bp *p = g_ptr_array_index(dc->bps, j);
			if (p->old_index > 0 && p->new_index > 0 &&
			    p->old_index < b->old_index &&
			    p->new_index > k[i].k1)
				k[i].k1 = p->new_index;
		}
	}
	qsort(k, n, sizeof *k, cmp_keyed);
	for (guint i = 0; i < n; i++) {
		dc->bps->pdata[i] = k[i].b;
		if (k[i].b->status != GDIFF_BP_SAME)
			dc->aspects |= GDIFF_BP;
	}
	g_free(k);
}

static void
work_add(GPtrArray *ws, struct gdiff_control *dc)
{
	struct work *w = g_new0(struct work, 1);

	w->dc = dc;
	side_load(&w->o, dc->old);
	side_load(&w->n, dc->new);
	g_ptr_array_add(ws, w);
}

void
diff_bp_compare(struct gdiff *d)
{
	GPtrArray *ws = g_ptr_array_new();
	struct budget bu = {GDIFF_MAX_COMPARISONS};

	for (guint i = 0; i < d->controls->len; i++)
		work_add(ws, g_ptr_array_index(d->controls, i));
	for (guint i = 0; i < d->removed->len; i++)
		work_add(ws, g_ptr_array_index(d->removed, i));
	match(d, ws, 1.0, false, &bu);
	match(d, ws, GDIFF_NEAR, false, &bu);
	match(d, ws, GDIFF_NEAR, true, &bu);
	match(d, ws, GDIFF_LOOSE, false, &bu);
	for (guint k = 0; k < ws->len; k++) {
		struct work *w = g_ptr_array_index(ws, k);
		for (int i = 0; i < w->o.n; i++)
			if (!w->o.used[i])
				bp_add(w->dc, GDIFF_BP_REMOVED, i + 1, 0,
				       w->o.t[i], NULL);
		for (int j = 0; j < w->n.n; j++)
			if (!w->n.used[j])
				bp_add(w->dc, GDIFF_BP_ADDED, 0, j + 1, NULL,
				       w->n.t[j]);
		order(w->dc);
		side_free(&w->o);
		side_free(&w->n);
		g_free(w);
	}
	g_ptr_array_free(ws, TRUE);
	/* the moves in the order of the controls they went to */
	g_ptr_array_set_size(d->moves, 0);
	for (guint i = 0; i < d->controls->len; i++) {
		struct gdiff_control *dc = g_ptr_array_index(d->controls, i);
		for (guint j = 0; j < dc->bps->len; j++) {
			struct gdiff_bp *b = g_ptr_array_index(dc->bps, j);
			if (b->status == GDIFF_BP_MOVED_IN)
				g_ptr_array_add(d->moves, b);
		}
	}
}
