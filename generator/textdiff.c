/*
 * textdiff: Myers' shortest edit script over Unicode characters, with a
 * bound on the work, a semantic clean-up and elision for display.
 */
#include <string.h>

#include <glib.h>

#include "textdiff.h"

/*
 * A stretch of the alignment: equal (alen == blen, the same characters)
 * or an edit (A's characters [a0, a0+alen) replaced by B's [b0, b0+blen)).
 */
struct hunk {
	bool eq;
	long a0, alen, b0, blen;
};

struct seq {
	gunichar *a, *b;
	long n, m;
};

/* Append a hunk to H, joining it to the last one if of the same kind;
 * an empty one is dropped. */
static void
hunk_add(GArray *h, bool eq, long a0, long alen, long b0, long blen)
{
	struct hunk *last;

	if (alen == 0 && blen == 0)
		return;
	last = h->len > 0 ? &g_array_index(h, struct hunk, h->len - 1) : NULL;
	if (last != NULL && last->eq == eq) {
		last->alen += alen;
		last->blen += blen;
		return;
	}
	g_array_append_val(h, ((struct hunk){eq, a0, alen, b0, blen}));
}

/*
 * Myers' forward search on A[lo, lo+n) and B[lo, lo+m), keeping each
 * round's frontier so the path can be walked back.  Appends to OPS the
 * script in reverse order ('=' keep, '-' delete, '+' insert) and returns
 * the edit distance, or -1 if it exceeds MAX_D.  Memory is O(MAX_D²).
 */
static long
myers(const gunichar *a, long n, const gunichar *b, long m, long max_d,
      GByteArray *ops)
{
	long off, d, found = -1, x, y;
	gint *v, *trace;
	GArray *tr = g_array_new(FALSE, FALSE, sizeof(gint));

	if (max_d > n + m)
		max_d = n + m;
	off = max_d + 1;
	v = g_new0(gint, 2 * max_d + 3);
	for (d = 0; d <= max_d && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			if (k == -d ||
			    (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && a[x] == b[y])
				x++, y++;
			v[off + k] = (gint)x;
			if (x >= n && y >= m)
				found = d;
		}
		g_array_append_vals(tr, v + off - d, (guint)(2 * d + 1));
	}
	g_free(v);
	if (found < 0) {
		g_array_free(tr, TRUE);
		return -1;
	}
	trace = (gint *)(void *)tr->data;
	x = n, y = m;
	for (d = found; d > 0; d--) {
		const gint *prev = trace + (d - 1) * (d - 1) + (d - 1);
		long k = x - y, pk, px, py;

		if (k == -d || (k != d && prev[k - 1] < prev[k + 1]))
			pk = k + 1;
		else
			pk = k - 1;
		px = prev[pk];
		py = px - pk;
		for (; x > px && y > py; x--, y--)
			g_byte_array_append(ops, (const guint8 *)"=", 1);
		g_byte_array_append(ops, (const guint8 *)(x == px ? "+" : "-"),
				    1);
		x = px, y = py;
	}
	for (; x > 0; x--)
		g_byte_array_append(ops, (const guint8 *)"=", 1);
	g_array_free(tr, TRUE);
	return found;
}

/*
 * The alignment of the middle A[lo, lo+n), B[lo, lo+m) as hunks, or one
 * edit hunk when the bound is reached.  Returns the common characters
 * found.
 */
static long
align_middle(const struct seq *s, long lo, long n, long m, long max_d,
	     GArray *h, bool *gave_up)
{
	GByteArray *ops = g_byte_array_new();
	long d = myers(s->a + lo, n, s->b + lo, m, max_d, ops);
	long x = lo, y = lo;

	if (d < 0) {
		*gave_up = true;
		hunk_add(h, false, lo, n, lo, m);
		g_byte_array_free(ops, TRUE);
		return 0;
	}
	for (guint i = ops->len; i-- > 0;) {
		switch (ops->data[i]) {
		case '=':
			hunk_add(h, true, x++, 1, y++, 1);
			break;
		case '-':
			hunk_add(h, false, x++, 1, y, 0);
			break;
		default:
			hunk_add(h, false, x, 0, y++, 1);
			break;
		}
	}
	g_byte_array_free(ops, TRUE);
	return (n + m - d) / 2;
}

static long
max_l(long a, long b)
{
	return a > b ? a : b;
}

/*
 * Fold into the edits around it every equal hunk no longer than the
 * edits on either side (the rule of diff-match-patch's semantic
 * clean-up), until none is left: "発見{+、もしくは遮断+}する" stays, but
 * a lone "の" matched inside two rewritten phrases does not.
 */
static void
cleanup(GArray *h)
{
	bool again = true;

	while (again) {
		again = false;
		for (guint i = 1; i + 1 < h->len; i++) {
			struct hunk *p = &g_array_index(h, struct hunk, i - 1);
			struct hunk *e = p + 1, *q = p + 2;

			if (!e->eq || p->eq || q->eq ||
			    e->alen > max_l(p->alen, p->blen) ||
			    e->alen > max_l(q->alen, q->blen))
				continue;
			p->alen += e->alen + q->alen;
			p->blen += e->blen + q->blen;
			g_array_remove_range(h, i, 2);
			again = true;
			break;
		}
	}
}

/* How good a place for an edit to begin or end the boundary between
 * L and R is (0: none, the edge of the text). */
static int
boundary(gunichar l, gunichar r)
{
	if (l == 0 || r == 0)
		return 5;
	if (g_unichar_isspace(l) || g_unichar_isspace(r))
		return 3;
	if (g_unichar_ispunct(l) || g_unichar_ispunct(r))
		return 2;
	if (g_unichar_get_script(l) != g_unichar_get_script(r) ||
	    g_unichar_isalnum(l) != g_unichar_isalnum(r))
		return 1;
	return 0;
}

/*
 * Slide a pure insertion or deletion E between the equal hunks P and Q
 * to where it reads best: the same edit "IDS {+/IPS +}の" may come out
 * of the search as "ID{+S /IP+}S の".  Ties go to the rightmost place.
 */
static void
slide(const struct seq *s, struct hunk *p, struct hunk *e, struct hunk *q)
{
	const gunichar *t = e->alen > 0 ? s->a : s->b;
	long *t0 = e->alen > 0 ? &e->a0 : &e->b0;
	long len = e->alen > 0 ? e->alen : e->blen;
	long lo = 0, hi = 0, best = 0, best_score = -1;

	/* the text around E on its own side, as offsets from *t0 */
	while (lo < p->alen && t[*t0 - lo - 1] == t[*t0 + len - lo - 1])
		lo++;
	while (hi < q->alen && t[*t0 + hi] == t[*t0 + len + hi])
		hi++;
	for (long sh = -lo; sh <= hi; sh++) {
		long b = *t0 + sh, end = b + len;
		long total = (e->alen > 0 ? s->n : s->m);
		int sc = boundary(b > 0 ? t[b - 1] : 0, t[b]) +
			 boundary(t[end - 1], end < total ? t[end] : 0);
		if (sc >= best_score)
			best_score = sc, best = sh;
	}
	p->alen += best, p->blen += best;
	e->a0 += best, e->b0 += best;
	q->a0 += best, q->b0 += best;
	q->alen -= best, q->blen -= best;
}

static void
slide_all(const struct seq *s, GArray *h)
{
	GArray *copy;

	for (guint i = 1; i + 1 < h->len; i++) {
		struct hunk *e = &g_array_index(h, struct hunk, i);
		if (!e->eq && (e->alen == 0 || e->blen == 0))
			slide(s, e - 1, e, e + 1);
	}
	/* an equal hunk slid to nothing: join the edits either side */
	copy = g_array_copy(h);
	g_array_set_size(h, 0);
	for (guint i = 0; i < copy->len; i++) {
		struct hunk *k = &g_array_index(copy, struct hunk, i);
		hunk_add(h, k->eq, k->a0, k->alen, k->b0, k->blen);
	}
	g_array_free(copy, TRUE);
}

static void
seg_add(GArray *segs, enum textdiff_op op, const gunichar *s, long len)
{
	struct textdiff_seg g = {op, NULL, len};

	if (len == 0)
		return;
	g.text = g_ucs4_to_utf8(s, len, NULL, NULL, NULL);
	g_assert(g.text != NULL);
	g_array_append_val(segs, g);
}

/* The segments of the hunks H over S: a new diff, without its counts of
 * common characters. */
static struct textdiff *
from_hunks(const struct seq *s, GArray *h)
{
	struct textdiff *td = g_new0(struct textdiff, 1);
	GArray *segs = g_array_new(FALSE, FALSE, sizeof(struct textdiff_seg));

	for (guint i = 0; i < h->len; i++) {
		const struct hunk *k = &g_array_index(h, struct hunk, i);
		if (k->eq) {
			seg_add(segs, TEXTDIFF_EQUAL, s->a + k->a0, k->alen);
			continue;
		}
		seg_add(segs, TEXTDIFF_DELETE, s->a + k->a0, k->alen);
		seg_add(segs, TEXTDIFF_INSERT, s->b + k->b0, k->blen);
	}
	td->nsegs = segs->len;
	td->segs = (struct textdiff_seg *)(void *)g_array_free(segs, FALSE);
	td->old_chars = s->n;
	td->new_chars = s->m;
	return td;
}

struct textdiff *
textdiff_new(const char *old, const char *new, long max_edits)
{
	struct seq s;
	struct textdiff *td;
	GArray *h = g_array_new(FALSE, FALSE, sizeof(struct hunk));
	long pre = 0, suf = 0, common;
	bool gave_up = false;

	s.a = g_utf8_to_ucs4_fast(old != NULL ? old : "", -1, &s.n);
	s.b = g_utf8_to_ucs4_fast(new != NULL ? new : "", -1, &s.m);
	while (pre < s.n && pre < s.m && s.a[pre] == s.b[pre])
		pre++;
	while (suf < s.n - pre && suf < s.m - pre &&
	       s.a[s.n - 1 - suf] == s.b[s.m - 1 - suf])
		suf++;
	hunk_add(h, true, 0, pre, 0, pre);
	common = pre + suf;
	if (s.n - pre - suf > 0 && s.m - pre - suf > 0)
		common += align_middle(
			&s, pre, s.n - pre - suf, s.m - pre - suf,
			max_edits > 0 ? max_edits : TEXTDIFF_MAX_EDITS, h,
			&gave_up);
	else
		hunk_add(h, false, pre, s.n - pre - suf, pre,
			 s.m - pre - suf);
	hunk_add(h, true, s.n - suf, suf, s.m - suf, suf);
	cleanup(h);
	slide_all(&s, h);
	td = from_hunks(&s, h);
	td->common = common;
	td->gave_up = gave_up;
	g_array_free(h, TRUE);
	g_free(s.a);
	g_free(s.b);
	return td;
}

void
textdiff_free(struct textdiff *td)
{
	if (td == NULL)
		return;
	for (size_t i = 0; i < td->nsegs; i++)
		g_free(td->segs[i].text);
	g_free(td->segs);
	g_free(td);
}

bool
textdiff_same(const struct textdiff *td)
{
	for (size_t i = 0; i < td->nsegs; i++)
		if (td->segs[i].op == TEXTDIFF_DELETE ||
		    td->segs[i].op == TEXTDIFF_INSERT)
			return false;
	return true;
}

double
textdiff_similarity(const struct textdiff *td)
{
	long total = td->old_chars + td->new_chars;

	return total == 0 ? 1.0 : 2.0 * (double)td->common / (double)total;
}

/* Append LEN characters of TEXT from character FROM as an EQUAL. */
static void
eq_part(GArray *segs, const char *text, long from, long len)
{
	const char *s = g_utf8_offset_to_pointer(text, from);
	const char *e = g_utf8_offset_to_pointer(s, len);
	struct textdiff_seg g = {TEXTDIFF_EQUAL, g_strndup(s, (gsize)(e - s)),
				 len};

	if (len > 0)
		g_array_append_val(segs, g);
}

static void
elided(GArray *segs, long len)
{
	struct textdiff_seg g = {TEXTDIFF_ELIDED, g_strdup("…"), len};

	g_array_append_val(segs, g);
}

struct textdiff *
textdiff_elide(const struct textdiff *td, long context)
{
	struct textdiff *e = g_new0(struct textdiff, 1);
	GArray *segs = g_array_new(FALSE, FALSE, sizeof(struct textdiff_seg));
	bool whole = textdiff_same(td);

	*e = *td;
	for (size_t i = 0; i < td->nsegs; i++) {
		const struct textdiff_seg *g = &td->segs[i];
		bool first = i == 0, last = i + 1 == td->nsegs;
		long keep = (first ? 0 : context) + (last ? 0 : context);
		struct textdiff_seg c = {g->op, g_strdup(g->text), g->chars};

		if (whole || g->op != TEXTDIFF_EQUAL || g->chars <= keep + 1) {
			g_array_append_val(segs, c);
			continue;
		}
		g_free(c.text);
		if (!first)
			eq_part(segs, g->text, 0, context);
		elided(segs, g->chars - keep);
		if (!last)
			eq_part(segs, g->text, g->chars - context, context);
	}
	e->nsegs = segs->len;
	e->segs = (struct textdiff_seg *)(void *)g_array_free(segs, FALSE);
	return e;
}

char *
textdiff_wdiff(const struct textdiff *td)
{
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < td->nsegs; i++) {
		const struct textdiff_seg *g = &td->segs[i];
		switch (g->op) {
		case TEXTDIFF_DELETE:
			g_string_append_printf(s, "[-%s-]", g->text);
			break;
		case TEXTDIFF_INSERT:
			g_string_append_printf(s, "{+%s+}", g->text);
			break;
		default:
			g_string_append(s, g->text);
			break;
		}
	}
	return g_string_free(s, FALSE);
}
