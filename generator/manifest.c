/*
 * manifest: keep what did not change between two builds.
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "fsio.h"
#include "manifest.h"
#include "stub.h"

struct manifest {
	char *old_dir, *new_dir;
	const struct state *old; /* the previous build's, or NULL */
	struct state *own;       /* OLD when read here */
	char *global;      /* this build's global key */
	char *labels;      /* and its controls' part */
	GHashTable *now;   /* path (copied) → struct made_from, its key
			      copied into TEXT, its files borrowed until
			      manifest_write: a page of this build, but
			      for the pages in KEPT */
	guint8 *kept;      /* by page of OLD: taken over with its key and
			      files, and so of this build too */
	GPtrArray *strays; /* what FILES has that this build does not name:
			      its paths, borrowed */
	GStringChunk *text; /* the copies: thousands, freed at once */
	GHashTable *search; /* input + 1 → its search text's MD5, in TEXT */
	GHashTable *files; /* what OLD_DIR holds but directories (relative
			      paths) → its fsio_kind + 1; see old_files */
	GThread *listing;  /* making FILES, or NULL */
	struct state_out *out; /* the new state, begun, or NULL */
	bool pages_written;    /* and its pages are in it */
	GMutex lock;
};

/* The index in M's old state of its page P, or -1 when P is not one. */
static gssize
old_index(const struct manifest *m, const struct state_page *p)
{
	if (m->old == NULL || p < m->old->pages ||
	    p >= m->old->pages + m->old->npages)
		return -1;
	return p - m->old->pages;
}

/* Whether this build's manifest names PATH: a page made or kept. */
static bool
names(const struct manifest *m, const char *path)
{
	const struct state_page *was;

	if (g_hash_table_contains(m->now, path))
		return true;
	was = m->old != NULL ? state_page(m->old, path) : NULL;
	return was != NULL && m->kept[old_index(m, was)];
}

/* M's FILES, the listing joined at its first use. */
static GHashTable *
old_files(const struct manifest *m)
{
	struct manifest *w = (struct manifest *)m;

	g_mutex_lock(&w->lock);
	if (w->listing != NULL) {
		w->files = g_thread_join(w->listing);
		w->listing = NULL;
	}
	g_mutex_unlock(&w->lock);
	return w->files;
}

const GPtrArray *
manifest_strays(const struct manifest *m)
{
	return m->strays;
}

/* Add what DIR/REL holds but directories (theirs, in turn) to T, as
 * paths relative to DIR, each with its fsio_kind + 1. */
static void
list_files(GHashTable *t, const char *dir, const char *rel)
{
	GArray *a = fsio_list_below(dir, rel, false);

	for (guint i = 0; i < a->len; i++) {
		struct fsio_entry *e = &g_array_index(a, struct fsio_entry, i);

		if (e->kind == FSIO_DIR) {
			list_files(t, dir, e->name);
		} else {
			g_hash_table_insert(t, e->name,
					    GINT_TO_POINTER(e->kind + 1));
			e->name = NULL; /* now T's */
		}
	}
	fsio_list_free(a);
}

/* Whether the previous output still holds PATH, a file. */
static bool
old_file_there(const struct manifest *m, const char *path)
{
	return GPOINTER_TO_INT(g_hash_table_lookup(old_files(m), path)) ==
	       FSIO_FILE + 1;
}

/* What OLD_DIR holds but directories, as manifest.h says, if it holds a
 * state; else an empty table. */
static GHashTable *
list_old(const char *old_dir)
{
	GHashTable *t =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	if (state_present(old_dir))
		list_files(t, old_dir, "");
	return t;
}

static gpointer
list_run(gpointer dir)
{
	GHashTable *t = list_old(dir);

	g_free(dir);
	return t;
}

GThread *
manifest_list_async(const char *old_dir)
{
	return g_thread_new("list", list_run, g_strdup(old_dir));
}

void
manifest_list_drop(GThread *listing)
{
	if (listing != NULL)
		g_hash_table_destroy(g_thread_join(listing));
}

struct manifest *
manifest_open(const char *old_dir, const char *new_dir,
	      const struct state *known, GThread *listing)
{
	struct manifest *m = g_new0(struct manifest, 1);

	m->old_dir = g_strdup(old_dir);
	m->new_dir = g_strdup(new_dir);
	m->now = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	m->text = g_string_chunk_new(64 * 1024);
	m->search = g_hash_table_new(g_direct_hash, g_direct_equal);
	g_mutex_init(&m->lock);
	m->old = known != NULL ? known : (m->own = state_read(old_dir));
	m->kept = g_new0(guint8, m->old != NULL ? m->old->npages : 0);
	m->strays = g_ptr_array_new();
	/* listed once, so that taking a page over costs no stat, and the
	   merge prunes from the list (publish_merge) */
	if ((m->listing = listing) == NULL)
		m->files = list_old(old_dir);
	return m;
}

void
manifest_free(struct manifest *m)
{
	if (m == NULL)
		return;
	g_hash_table_destroy(m->now);
	g_free(m->kept);
	g_ptr_array_free(m->strays, TRUE);
	g_hash_table_destroy(m->search);
	g_string_chunk_free(m->text);
	g_hash_table_destroy(old_files(m));
	state_abandon(m->out);
	state_free(m->own);
	g_free(m->global);
	g_free(m->labels);
	g_mutex_clear(&m->lock);
	g_free(m->old_dir);
	g_free(m->new_dir);
	g_free(m);
}

void
manifest_record(struct manifest *m, const char *path,
		const struct made_from *f)
{
	gssize old = f->old != NULL ? old_index(m, f->old) : -1;
	struct made_from *p;

	/* a page of the old state, key and all, is marked, not copied: a
	   rebuild keeps thousands */
	if (old >= 0 && f->key == f->old->key &&
	    strcmp(path, f->old->path) == 0) {
		m->kept[old] = 1; /* one byte each: no lock */
		return;
	}
	p = g_new(struct made_from, 1);
	*p = *f;
	g_mutex_lock(&m->lock);
	p->key = g_string_chunk_insert(m->text, f->key);
	g_hash_table_insert(m->now, g_string_chunk_insert(m->text, path), p);
	g_mutex_unlock(&m->lock);
}

bool
manifest_can_reuse(const struct manifest *m, const char *path,
		   const struct made_from *f)
{
	/* OLD and FILES are only read once made: no lock; a key kept
	   from the old state (html_incr.c) is its page's */
	const struct state_page *was =
	    f->old != NULL ? f->old : manifest_old_page(m, path);

	return was != NULL && strcmp(was->key, f->key) == 0 &&
	       old_file_there(m, path);
}

bool
manifest_reuse(struct manifest *m, const char *path,
	       const struct made_from *f)
{
	if (!manifest_can_reuse(m, path, f))
		return false;
	manifest_record(m, path, f);
	return true;
}

bool
manifest_old_there(const struct manifest *m, const char *path)
{
	return old_file_there(m, path);
}

void
manifest_keep(struct manifest *m, const struct state_page *p)
{
	gssize i = old_index(m, p);

	g_assert(i >= 0);
	m->kept[i] = 1;
}

const struct state_page *
manifest_old_page(const struct manifest *m, const char *path)
{
	return m != NULL && m->old != NULL ? state_page(m->old, path) : NULL;
}

char *
manifest_old_bytes(const struct manifest *m, const char *path, gsize *len)
{
	char *file, *buf = NULL;

	if (manifest_old_page(m, path) == NULL || !old_file_there(m, path))
		return NULL;
	file = g_build_filename(m->old_dir, path, NULL);
	if (!g_file_get_contents(file, &buf, len, NULL))
		buf = NULL;
	g_free(file);
	return buf;
}

const char *
manifest_old_global(const struct manifest *m)
{
	return m != NULL && m->old != NULL ? m->old->global : NULL;
}

void
manifest_set_search(struct manifest *m, int input, const char *md5)
{
	if (m == NULL || input < 0)
		return;
	g_mutex_lock(&m->lock);
	g_hash_table_insert(m->search, GINT_TO_POINTER(input + 1),
			    g_string_chunk_insert(m->text, md5));
	g_mutex_unlock(&m->lock);
}

const char *
manifest_global(const struct manifest *m)
{
	return m != NULL ? m->global : NULL;
}

void
manifest_set_global(struct manifest *m, const char *global,
		    const char *labels)
{
	if (m == NULL)
		return;
	g_free(m->global);
	g_free(m->labels);
	m->global = g_strdup(global);
	m->labels = g_strdup(labels);
}

/* The directories and files of G into O. */
static void
write_inputs(struct manifest *m, struct state_out *o,
	     const struct guideline *g)
{
	guint n = g->inputs->len;
	guint8 *read = g_new(guint8, n);
	GPtrArray *recs;

	state_count(o, g->dirs->len);
	for (guint i = 0; i < g->dirs->len; i++) {
		const struct input *d = &g_array_index(g->dirs, struct input, i);
		state_add_dir(o, d->rel, &d->stamp);
	}
	/* a stub's record is the one it was made from: copied, not made */
	for (guint i = 0; i < n; i++)
		read[i] = g_array_index(g->inputs, struct input, i).rec == NULL;
	recs = stub_records(g, read);
	state_count(o, n);
	for (guint i = 0; i < n; i++) {
		const struct input *in =
		    &g_array_index(g->inputs, struct input, i);
		const GString *r = g_ptr_array_index(recs, i);
		const char *hash = in->hash != NULL ? in->hash : "";
		const char *search;

		g_mutex_lock(&m->lock);
		search = g_hash_table_lookup(m->search, GUINT_TO_POINTER(i + 1));
		g_mutex_unlock(&m->lock);
		if (search == NULL && !read[i] && g->state != NULL &&
		    i < g->state->nfiles)
			search = g->state->files[i].search;
		if (!read[i])
			state_add_file(o, in->rel, &in->stamp, hash, search,
				       in->rec, in->rec_len);
		else
			state_add_file(o, in->rel, &in->stamp, hash, search,
				       r != NULL ? r->str : "",
				       r != NULL ? r->len : 0);
	}
	stub_records_free(recs);
	g_free(read);
}

int
manifest_write_inputs(struct manifest *m, const struct guideline *g)
{
	char *path = g_build_filename(m->new_dir, MANIFEST_FILE, NULL);

	m->out = state_begin(path, g->dir, g->read_ns, m->global, m->labels);
	g_free(path);
	if (m->out == NULL)
		return -1;
	write_inputs(m, m->out, g);
	return 0;
}

/* A page of the new state: recorded, or kept from the old one. */
struct entry {
	const char *path;
	const struct made_from *pg;  /* or NULL, and then */
	const struct state_page *sp; /* this is it */
};

static gint
cmp_entry(gconstpointer a, gconstpointer b)
{
	return strcmp(((const struct entry *)a)->path,
		      ((const struct entry *)b)->path);
}

/*
 * Every page of this build, sorted by path, so the state itself is
 * reproducible: those recorded, sorted, merged with those kept, which
 * come sorted in the old state (written by this function).  A new
 * array.
 */
static GArray *
pages_sorted(const struct manifest *m)
{
	GArray *now = g_array_sized_new(FALSE, FALSE, sizeof(struct entry),
					g_hash_table_size(m->now));
	guint n = m->old != NULL ? m->old->npages : 0;
	GArray *all = g_array_sized_new(FALSE, FALSE, sizeof(struct entry),
					now->len + n);
	GHashTableIter it;
	gpointer k, v;
	guint i = 0, j = 0;

	g_hash_table_iter_init(&it, m->now);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		struct entry e = {k, v, NULL};
		g_array_append_val(now, e);
	}
	g_array_sort(now, cmp_entry);
	while (i < n || j < now->len) {
		struct entry e;

		if (i < n && !m->kept[i]) {
			i++;
			continue;
		}
		if (j < now->len &&
		    (i == n || strcmp(g_array_index(now, struct entry, j).path,
				      m->old->pages[i].path) < 0)) {
			e = g_array_index(now, struct entry, j++);
		} else {
			e = (struct entry){m->old->pages[i].path, NULL,
					   &m->old->pages[i]};
			i++;
		}
		g_array_append_val(all, e);
	}
	g_array_free(now, TRUE);
	/* an old state out of order would leave this so */
	for (i = 1; i < all->len; i++)
		if (cmp_entry(&g_array_index(all, struct entry, i - 1),
			      &g_array_index(all, struct entry, i)) > 0) {
			g_array_sort(all, cmp_entry);
			break;
		}
	return all;
}

static gint
cmp_path(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * M's strays (manifest_strays), from the listing of the old output; ALL
 * the pages of this build (struct entry).  Most builds have none: when
 * the old output holds each of the pages and nothing else (but the
 * manifest), no file is looked for in the manifest.
 */
static void
find_strays(struct manifest *m, const GArray *all)
{
	GHashTable *files = old_files(m);
	guint there = g_hash_table_contains(files, MANIFEST_FILE) ? 1 : 0;
	GHashTableIter it;
	gpointer rel;

	for (guint i = 0; i < all->len; i++)
		there += g_hash_table_contains(
		    files, g_array_index(all, struct entry, i).path);
	if (there == g_hash_table_size(files))
		return;
	g_hash_table_iter_init(&it, files);
	while (g_hash_table_iter_next(&it, &rel, NULL))
		if (strcmp(rel, MANIFEST_FILE) != 0 && !names(m, rel))
			g_ptr_array_add(m->strays, rel);
	/* in a reproducible order */
	g_ptr_array_sort(m->strays, cmp_path);
}

void
manifest_write_pages(struct manifest *m)
{
	GArray *all = pages_sorted(m);

	g_assert(m->out != NULL && !m->pages_written);
	state_count(m->out, all->len);
	for (guint i = 0; i < all->len; i++) {
		const struct entry *e = &g_array_index(all, struct entry, i);

		if (e->pg != NULL)
			state_add_page(m->out, e->path, e->pg->key, e->pg->deps,
				       e->pg->old, e->pg->whole, e->pg->strong);
		else
			state_add_page(m->out, e->path, e->sp->key, NULL, e->sp,
				       e->sp->whole, e->sp->strong);
	}
	find_strays(m, all);
	g_array_free(all, TRUE);
	m->pages_written = true;
}

int
manifest_write(struct manifest *m, const struct guideline *g)
{
	struct state_out *o;

	if (m->out == NULL && manifest_write_inputs(m, g) < 0)
		return -1;
	if (!m->pages_written)
		manifest_write_pages(m);
	o = m->out;
	m->out = NULL;
	return state_finish(o, diag_worst() == DIAG_OK);
}
