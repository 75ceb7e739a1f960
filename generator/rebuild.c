/*
 * rebuild: a partial load of the content, planned from the state of the
 * previous build (see rebuild.h).
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "diag.h"
#include "fsio.h"
#include "load.h"
#include "manifest.h"
#include "rebuild.h"
#include "state.h"
#include "stub.h"

/*
 * A file or directory written this long before the previous build
 * began may have changed again within the same tick of the file
 * system's clock (a coarse clock; whole seconds on some file systems,
 * two on FAT) with the same size, leaving its stamp as it was: it is
 * read again, however it is stamped.
 */
#define RACY_NS (2 * G_GINT64_CONSTANT(1000000000))

/* Past half the files to read, a whole load is about as quick and sure:
 * a stub is cheap (about 4,000 instructions against 160,000 to read and
 * parse a file, callgrind at 3,000 controls), but the comparison that
 * decides costs a stat a file either way. */
#define MOST 2

struct plan {
	struct state *st;
	const char *dir;         /* the content directory */
	const char *out;         /* the output directory */
	GThread *listing;        /* listing OUT (manifest.h), or NULL */
	guint8 *need;            /* by file: it is read, not a stub */
	struct input *in;        /* the guideline's inputs (same_files), each
				    file's stamp now put in by compare_files */
	guint8 *changed;         /* by file: its bytes changed */
	guint nchanged;
};

/* Whether S, recorded as it was before the build that began at
 * STARTED, is still to be trusted as it is NOW. */
static bool
trusted(const struct fsio_stamp *s, const struct fsio_stamp *now,
	gint64 started)
{
	return fsio_stamp_equal(now, s) && s->mtime_ns < started - RACY_NS;
}

/*
 * Whether every directory of the state is as it was: then the files are
 * the state's, without listing one.  Else the content is walked and must
 * hold the state's files, in the same order (a file renamed over
 * another, as editors save, changes its directory but not the list).
 * Fills LD's directories and inputs.  -1: the files are not
 * the state's.
 */
static int
same_files(struct load *ld, struct plan *pl)
{
	const struct state *st = pl->st;
	struct guideline *g = ld->g;
	bool walked = false;

	for (guint i = 0; i < st->ndirs && !walked; i++) {
		char *p = g_build_filename(g->dir, st->dirs[i].rel, NULL);
		struct input d = {.rel = g_strdup(st->dirs[i].rel)};

		walked = fsio_stamp(p, &d.stamp) < 0 ||
			 !trusted(&st->dirs[i].stamp, &d.stamp, st->started_ns);
		g_array_append_val(g->dirs, d);
		g_free(p);
	}
	if (walked) {
		/* the walk's own stamps and inputs, then, and no preps */
		for (guint i = 0; i < g->dirs->len; i++)
			g_free(g_array_index(g->dirs, struct input, i).rel);
		g_array_set_size(g->dirs, 0);
		load_walk(ld);
		if (ld->files->len != st->nfiles)
			return -1;
		for (guint i = 0; i < st->nfiles; i++) {
			struct prep *p = g_ptr_array_index(ld->files, i);

			if (p->path == NULL ||
			    strcmp(p->rel, st->files[i].rel) != 0)
				return -1;
		}
		for (guint i = 0; i < st->nfiles; i++)
			prep_free(g_ptr_array_index(ld->files, i));
		g_ptr_array_set_size(ld->files, 0);
		return 0;
	}
	/* named by plan_files, which knows which are stubs */
	g_array_set_size(g->inputs, st->nfiles);
	return 0;
}

/* Files FROM to TO, compared by one thread, each stated in its
 * directory (open in DIRFD: the directory part of CUR). */
struct span {
	struct plan *pl;
	guint from, to;
	int rc; /* -1: a file cannot be told */
	guint nchanged;
	int dirfd;
	const char *cur;
	size_t curlen;
};

/* The stamp of file I into its place in NOW; -1 when it has none. */
static int
stamp_file(struct span *sp, guint i)
{
	const char *rel = sp->pl->st->files[i].rel;
	const char *base = strrchr(rel, '/');
	size_t dl = base != NULL ? (size_t)(base - rel) : 0;

	base = base != NULL ? base + 1 : rel;
	if (sp->dirfd < 0 || dl != sp->curlen ||
	    strncmp(rel, sp->cur, dl) != 0) {
		char *sub = g_strndup(rel, dl);
		char *d = g_build_filename(sp->pl->dir, sub, NULL);

		if (sp->dirfd >= 0)
			close(sp->dirfd);
		sp->dirfd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		sp->cur = rel;
		sp->curlen = dl;
		g_free(sub);
		g_free(d);
	}
	return sp->dirfd < 0 ? -1
			     : fsio_stamp_at(sp->dirfd, base, &sp->pl->in[i].stamp);
}

/*
 * Whether file I still has the bytes the state recorded: 1 yes, 0 no,
 * -1 cannot tell (it is gone, or cannot be read).
 */
static int
same_file(struct span *sp, guint i)
{
	const struct state_file *f = &sp->pl->st->files[i];
	char *path, *buf, *md5;
	gsize len;
	int same = -1;

	if (stamp_file(sp, i) < 0)
		return -1;
	if (trusted(&f->stamp, &sp->pl->in[i].stamp, sp->pl->st->started_ns))
		return 1;
	path = g_build_filename(sp->pl->dir, f->rel, NULL);
	if (g_file_get_contents(path, &buf, &len, NULL)) {
		md5 = content_hash(buf, len);
		same = strcmp(md5, f->hash) == 0;
		g_free(md5);
		g_free(buf);
	}
	g_free(path);
	return same;
}

static gpointer
compare_span(gpointer data)
{
	struct span *sp = data;

	for (guint i = sp->from; i < sp->to; i++) {
		int same = same_file(sp, i);

		if (same < 0) {
			sp->rc = -1;
			break;
		}
		sp->pl->changed[i] = !same;
		sp->nchanged += !same;
	}
	if (sp->dirfd >= 0)
		close(sp->dirfd);
	return NULL;
}

/* Compare every file with the state's, in two threads (a stat each is
 * most of the time).  -1 when one cannot be told. */
static int
compare_files(struct plan *pl)
{
	guint n = pl->st->nfiles;
	struct span a = {pl, 0, n / 2, 0, 0, -1, NULL, 0};
	struct span b = {pl, n / 2, n, 0, 0, -1, NULL, 0};
	GThread *t = g_thread_new("compare", compare_span, &b);

	compare_span(&a);
	g_thread_join(t);
	pl->nchanged = a.nchanged + b.nchanged;
	return a.rc < 0 || b.rc < 0 ? -1 : 0;
}

/* The files a page made from a changed file must read to be made again
 * (its first STRONG; its other files, unchanged, it takes as they are in
 * the page), too: set in NEED.  Returns how many files NEED holds. */
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
		for (guint32 d = 0; hit && d < MIN(pg->strong, pg->ndeps); d++)
			need[state_dep(pg, d)] = 1;
	}
	for (guint i = 0; i < st->nfiles; i++)
		n += need[i];
	return n;
}

/* The stubs of every file not to be read: made while the workers
 * read the others (load.h, meanwhile). */
static void
make_stubs(struct load *ld, void *arg)
{
	struct plan *pl = arg;

	/* a stub's place is only for messages, and a partial load that
	   says anything is dropped: its path below the content will do */
	for (guint i = 0; i < pl->st->nfiles; i++)
		if (!pl->need[i])
			load_stub(ld, (int)i, pl->st->files[i].rel,
				  &pl->st->files[i]);
}

/*
 * The files of LD: those PL->need names to be read, every other one a
 * stub.  -1 when a whole load is as good.
 */
static int
plan_files(struct load *ld, struct plan *pl)
{
	const struct state *st = pl->st;
	guint n = st->nfiles;

	if (same_files(ld, pl) < 0 || ld->g->inputs->len != n)
		return -1;
	pl->in = &g_array_index(ld->g->inputs, struct input, 0);
	if (compare_files(pl) < 0 || pl->nchanged * MOST > n ||
	    needed(st, pl->changed, pl->need) * MOST > n)
		return -1;
	/* the output is listed while this thread makes the stubs, which
	   leave the other processor free */
	pl->listing = manifest_list_async(pl->out);
	for (guint i = 0; i < n; i++) {
		struct input *in = &g_array_index(ld->g->inputs, struct input, i);

		/* a stub's path is the state's (model.h), as its record is;
		   a walk's is the same (same_files) */
		if (!pl->need[i]) {
			g_free(in->rel);
			in->rel = (char *)st->files[i].rel;
		} else if (in->rel == NULL) {
			in->rel = g_strdup(st->files[i].rel);
		}
		if (pl->need[i]) {
			struct prep *p = g_new0(struct prep, 1);
			char *path = g_build_filename(pl->dir, st->files[i].rel,
						      NULL);

			p->path = g_string_chunk_insert_const(ld->g->files,
							      path);
			g_free(path);
			p->rel = g_strdup(st->files[i].rel);
			p->input = (int)i;
			g_ptr_array_add(ld->files, p);
		}
	}
	ld->meanwhile = make_stubs;
	ld->meanwhile_arg = pl;
	return 0;
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

/* The partial guideline of LD, begun, after PL, validated, owning PL's
 * state; NULL when a whole load is needed (the state not taken). */
static struct guideline *
load_partial(struct load *ld, struct plan *pl)
{
	struct guideline *g;

	if (plan_files(ld, pl) < 0) {
		load_abort(ld);
		return NULL;
	}
	if ((g = load_end(ld)) == NULL)
		return NULL;
	g->state = pl->st; /* the stubs' records are in it */
	guideline_validate(g);
	return g;
}

static gpointer
read_state(gpointer out)
{
	return state_read(out);
}

struct guideline *
rebuild_load(const char *dir, const char *out, GThread **listing)
{
	/* the state is read while guideline.yaml is */
	GThread *reading = g_thread_new("state", read_state, (gpointer)out);
	struct diag_capture cap = {0};
	struct plan pl = {.dir = dir, .out = out};
	struct guideline *g = NULL;
	struct state *st;
	struct load ld;
	bool begun;

	/* anything to say is said by the whole load that follows */
	diag_capture(&cap);
	begun = load_begin(&ld, dir, false) == 0;
	st = g_thread_join(reading);
	if (st != NULL && st->clean && strcmp(st->content, dir) == 0 &&
	    begun) {
		pl.st = st;
		pl.changed = g_new0(guint8, st->nfiles);
		pl.need = g_new0(guint8, st->nfiles);
		g = load_partial(&ld, &pl);
	} else if (begun) {
		load_abort(&ld);
	}
	diag_capture(NULL);
	if (g == NULL) {
		state_free(st);
	} else if (!quiet(&cap) || !records_same(g, st, pl.changed)) {
		guideline_free(g); /* and ST with it */
		g = NULL;
	}
	if (g == NULL)
		manifest_list_drop(pl.listing);
	else
		*listing = pl.listing;
	if (cap.text != NULL)
		g_string_free(cap.text, TRUE);
	g_free(pl.changed);
	g_free(pl.need);
	return g;
}
