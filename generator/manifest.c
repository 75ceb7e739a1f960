/*
 * manifest: keep what did not change between two builds.
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "fsio.h"
#include "manifest.h"
#include "stub.h"

/* A page of this build. */
struct page {
	const char *key;       /* a copy, in the manifest's TEXT */
	struct made_from from; /* whose key is KEY; its files borrowed until
				  manifest_write */
};

struct manifest {
	char *old_dir, *new_dir;
	const struct state *old; /* the previous build's, or NULL */
	struct state *own;       /* OLD when read here */
	GHashTable *keys;  /* path → struct state_page, from OLD */
	char *global;      /* this build's global key */
	GHashTable *now;   /* path (copied) → struct page, this build */
	GStringChunk *text; /* the copies: thousands, freed at once */
	GHashTable *search; /* input + 1 → its search text's MD5, in TEXT */
	GHashTable *files; /* what OLD_DIR holds but directories (relative
			      paths) → its fsio_kind + 1; see old_files */
	GThread *listing;  /* making FILES, or NULL */
	struct state_out *out; /* the new state, begun, or NULL */
	GMutex lock;
};

bool
manifest_names(const struct manifest *m, const char *path)
{
	return g_hash_table_contains(m->now, path);
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

GHashTable *
manifest_old_files(const struct manifest *m)
{
	return old_files(m);
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
	m->keys = g_hash_table_new(g_str_hash, g_str_equal);
	m->now = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	m->text = g_string_chunk_new(64 * 1024);
	m->search = g_hash_table_new(g_direct_hash, g_direct_equal);
	g_mutex_init(&m->lock);
	m->old = known != NULL ? known : (m->own = state_read(old_dir));
	for (guint i = 0; m->old != NULL && i < m->old->npages; i++)
		g_hash_table_insert(m->keys, (gpointer)m->old->pages[i].path,
				    (gpointer)&m->old->pages[i]);
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
	g_hash_table_destroy(m->keys);
	g_hash_table_destroy(m->now);
	g_hash_table_destroy(m->search);
	g_string_chunk_free(m->text);
	g_hash_table_destroy(old_files(m));
	state_abandon(m->out);
	state_free(m->own);
	g_free(m->global);
	g_mutex_clear(&m->lock);
	g_free(m->old_dir);
	g_free(m->new_dir);
	g_free(m);
}

void
manifest_record(struct manifest *m, const char *path,
		const struct made_from *f)
{
	struct page *p = g_new(struct page, 1);

	p->from = *f;
	g_mutex_lock(&m->lock);
	p->key = p->from.key = g_string_chunk_insert(m->text, f->key);
	g_hash_table_insert(m->now, g_string_chunk_insert(m->text, path), p);
	g_mutex_unlock(&m->lock);
}

bool
manifest_can_reuse(const struct manifest *m, const char *path,
		   const struct made_from *f)
{
	/* KEYS and FILES are only read once made: no lock; a key kept
	   from the old state (html_incr.c) is its page's */
	const struct state_page *was =
	    f->old != NULL ? f->old : g_hash_table_lookup(m->keys, path);

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

const struct state_page *
manifest_old_page(const struct manifest *m, const char *path)
{
	return m != NULL ? g_hash_table_lookup(m->keys, path) : NULL;
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
manifest_set_global(struct manifest *m, const char *global)
{
	if (m == NULL)
		return;
	g_free(m->global);
	m->global = g_strdup(global);
}

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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

	m->out = state_begin(path, g->dir, g->read_ns, m->global);
	g_free(path);
	if (m->out == NULL)
		return -1;
	write_inputs(m, m->out, g);
	return 0;
}

int
manifest_write(struct manifest *m, const struct guideline *g)
{
	struct state_out *o;
	GPtrArray *paths;
	GHashTableIter it;
	gpointer k;

	if (m->out == NULL && manifest_write_inputs(m, g) < 0)
		return -1;
	o = m->out;
	m->out = NULL;
	/* sorted, so the state itself is reproducible */
	paths = g_ptr_array_sized_new(g_hash_table_size(m->now));
	g_hash_table_iter_init(&it, m->now);
	while (g_hash_table_iter_next(&it, &k, NULL))
		g_ptr_array_add(paths, k);
	g_ptr_array_sort(paths, cmp_str);
	state_count(o, paths->len);
	for (guint i = 0; i < paths->len; i++) {
		const char *p = g_ptr_array_index(paths, i);
		const struct page *pg = g_hash_table_lookup(m->now, p);
		state_add_page(o, p, pg->key, pg->from.deps, pg->from.old,
			       pg->from.whole, pg->from.strong);
	}
	g_ptr_array_free(paths, TRUE);
	return state_finish(o, diag_worst() == DIAG_OK);
}
