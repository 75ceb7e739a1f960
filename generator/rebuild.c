/*
 * rebuild: a partial load of the content, planned from the state of the
 * previous build (see rebuild.h).
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "load.h"
#include "rebuild.h"
#include "state.h"
#include "stub.h"

/*
 * A file written this long before the previous build began may have
 * changed again within the same tick of the file system's clock (a
 * coarse clock; whole seconds on some file systems, two on FAT) with
 * the same size, leaving its stamp as it was: such a file is read
 * again, however it is stamped.
 */
#define RACY_NS (2 * G_GINT64_CONSTANT(1000000000))

/* Past half the files to read, a whole load is about as quick (a stub
 * costs a tenth of reading and parsing its file) and sure. */
#define MOST 2

struct plan {
	const struct state *st;
	guint8 *changed; /* by file: its bytes changed */
};

/*
 * Whether the file of P, F in the state, has F's bytes still: 1 yes,
 * 0 no, -1 cannot tell (it is gone, or cannot be read).  Its stamp now
 * in *NOW.
 */
static int
same_file(const struct state *st, const struct prep *p,
	  const struct state_file *f, struct fsio_stamp *now)
{
	char *buf, *md5;
	gsize len;
	int same;

	if (fsio_stamp(p->path, now) < 0)
		return -1;
	if (fsio_stamp_equal(now, &f->stamp) &&
	    f->stamp.mtime_ns < st->started_ns - RACY_NS)
		return 1;
	if (!g_file_get_contents(p->path, &buf, &len, NULL))
		return -1;
	md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)buf,
					  len);
	same = strcmp(md5, f->hash) == 0;
	g_free(md5);
	g_free(buf);
	return same;
}

/* Every file a page made from a changed file is made from, too: set in
 * NEED.  Returns how many files NEED holds. */
static guint
needed(const struct state *st, const guint8 *changed, guint8 *need)
{
	guint n = 0;

	memcpy(need, changed, st->nfiles);
	for (guint i = 0; i < st->npages; i++) {
		const struct state_page *pg = &st->pages[i];
		bool hit = false;

		for (guint32 d = 0; d < pg->ndeps && !hit; d++)
			hit = changed[state_dep(pg, d)];
		for (guint32 d = 0; hit && d < pg->ndeps; d++)
			need[state_dep(pg, d)] = 1;
	}
	for (guint i = 0; i < st->nfiles; i++)
		n += need[i];
	return n;
}

/* Files FROM to TO of a load, compared with the state's by one thread. */
struct span {
	struct load *ld;
	struct plan *pl;
	struct fsio_stamp *now;
	guint from, to;
	int rc;   /* -1: a file cannot be told */
	guint nchanged;
};

static gpointer
compare_span(gpointer data)
{
	struct span *sp = data;
	const struct state *st = sp->pl->st;

	for (guint i = sp->from; i < sp->to && sp->rc == 0; i++) {
		const struct prep *p = g_ptr_array_index(sp->ld->files, i);
		int same;

		if (p->path == NULL || strcmp(p->rel, st->files[i].rel) != 0 ||
		    (same = same_file(st, p, &st->files[i], &sp->now[i])) < 0) {
			sp->rc = -1;
			break;
		}
		sp->pl->changed[i] = !same;
		sp->nchanged += !same;
	}
	return NULL;
}

/*
 * Compare every file of LD with the state's, in two threads (a stat
 * each is most of the time).  Returns how many changed, or -1 when one
 * cannot be told; stamps into NOW.
 */
static int
compare_files(struct load *ld, struct plan *pl, struct fsio_stamp *now)
{
	guint n = ld->files->len;
	struct span a = {ld, pl, now, 0, n / 2, 0, 0};
	struct span b = {ld, pl, now, n / 2, n, 0, 0};
	GThread *t = g_thread_new("compare", compare_span, &b);

	compare_span(&a);
	g_thread_join(t);
	if (a.rc < 0 || b.rc < 0)
		return -1;
	return (int)(a.nchanged + b.nchanged);
}

/*
 * load_guideline's plan: the same files as the state's, each either to
 * read or to stand in for by its stub.  -1 when a whole load is needed.
 */
static int
plan_stubs(struct load *ld, void *arg)
{
	struct plan *pl = arg;
	const struct state *st = pl->st;
	guint n = ld->files->len;
	struct fsio_stamp *now;
	guint8 *need;
	int rc = -1, nchanged;

	if (n != st->nfiles || strcmp(st->content, ld->g->dir) != 0)
		return -1;
	now = g_new0(struct fsio_stamp, n);
	need = g_new0(guint8, n);
	if ((nchanged = compare_files(ld, pl, now)) < 0 ||
	    (guint)nchanged * MOST > n ||
	    needed(st, pl->changed, need) * MOST > n)
		goto out;
	for (guint i = 0; i < n; i++) {
		struct prep *p = g_ptr_array_index(ld->files, i);

		if (need[i])
			continue;
		p->stub = &st->files[i];
		p->hash = g_strdup(st->files[i].hash);
		p->s.stamp = now[i];
	}
	rc = 0;
out:
	g_free(now);
	g_free(need);
	return rc;
}

/* Whether every changed file of G shows the rest of the site what its
 * record in ST says. */
static bool
records_same(const struct guideline *g, const struct state *st,
	     const guint8 *changed)
{
	GPtrArray *recs = stub_records(g, changed);
	bool same = recs->len == st->nfiles;

	for (guint i = 0; same && i < st->nfiles; i++) {
		const GString *r = g_ptr_array_index(recs, i);

		if (changed[i])
			same = r != NULL && r->len == st->files[i].rec_len &&
			       memcmp(r->str, st->files[i].rec, r->len) == 0;
	}
	stub_records_free(recs);
	return same;
}

static bool
quiet(const struct diag_capture *cap)
{
	for (int l = 0; l <= DIAG_SYSERR; l++)
		if (cap->counts[l] != 0)
			return false;
	return true;
}

struct guideline *
rebuild_load(const char *dir, const char *out)
{
	struct state *st = state_read(out);
	struct diag_capture cap = {0};
	struct plan pl = {st, NULL};
	struct guideline *g;

	if (st == NULL || !st->clean) {
		state_free(st);
		return NULL;
	}
	pl.changed = g_new0(guint8, st->nfiles);
	/* anything to say is said by the whole load that follows */
	diag_capture(&cap);
	g = load_guideline(dir, false, plan_stubs, &pl);
	if (g != NULL) {
		g->partial = true;
		g->state = st;
		guideline_validate(g);
	}
	diag_capture(NULL);
	if (g != NULL && (!quiet(&cap) || !records_same(g, st, pl.changed))) {
		guideline_free(g); /* and ST with it */
		g = NULL;
	} else if (g == NULL) {
		state_free(st);
	}
	if (cap.text != NULL)
		g_string_free(cap.text, TRUE);
	g_free(pl.changed);
	return g;
}
