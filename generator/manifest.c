/*
 * manifest: keep what did not change between two builds.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>

#include "diag.h"
#include "fsio.h"
#include "manifest.h"

struct manifest {
	char *old_dir, *new_dir;
	GHashTable *old; /* path → key, from the previous build */
	GHashTable *now; /* path → key, this build */
	GHashTable *files; /* the regular files of OLD_DIR (relative paths) */
	GMutex lock;
};

/* Read DIR's manifest into T (path → key); nothing if it has none. */
static void
read_manifest(GHashTable *t, const char *dir)
{
	char *path = g_build_filename(dir, MANIFEST_FILE, NULL);
	json_t *root = NULL;
	const char *k;
	json_t *v;
	char *buf;
	gsize len;

	/* read whole: jansson reading a FILE takes a character at a time */
	if (g_file_get_contents(path, &buf, &len, NULL)) {
		root = json_loadb(buf, len, 0, NULL);
		g_free(buf);
	}
	g_free(path);
	if (root == NULL || !json_is_object(root)) {
		json_decref(root);
		return;
	}
	json_object_foreach(root, k, v) {
		if (json_is_string(v))
			g_hash_table_insert(t, g_strdup(k),
					    g_strdup(json_string_value(v)));
	}
	json_decref(root);
}

GHashTable *
manifest_paths(const char *dir)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      g_free);

	read_manifest(t, dir);
	return t;
}

/* Add the regular files below DIR/REL to T, as paths relative to DIR. */
static void
list_files(GHashTable *t, const char *dir, const char *rel)
{
	GArray *a = fsio_list_below(dir, rel, false);

	for (guint i = 0; i < a->len; i++) {
		struct fsio_entry *e = &g_array_index(a, struct fsio_entry, i);

		if (e->kind == FSIO_DIR) {
			list_files(t, dir, e->name);
		} else if (e->kind == FSIO_FILE) {
			g_hash_table_add(t, e->name);
			e->name = NULL; /* now T's */
		}
	}
	fsio_list_free(a);
}

struct manifest *
manifest_open(const char *old_dir, const char *new_dir)
{
	struct manifest *m = g_new0(struct manifest, 1);

	m->old_dir = g_strdup(old_dir);
	m->new_dir = g_strdup(new_dir);
	m->old = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	m->now = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	m->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_mutex_init(&m->lock);
	read_manifest(m->old, old_dir);
	/* listed once, so that taking a page over costs no stat */
	if (g_hash_table_size(m->old) > 0)
		list_files(m->files, old_dir, "");
	return m;
}

void
manifest_free(struct manifest *m)
{
	if (m == NULL)
		return;
	g_hash_table_destroy(m->old);
	g_hash_table_destroy(m->now);
	g_hash_table_destroy(m->files);
	g_mutex_clear(&m->lock);
	g_free(m->old_dir);
	g_free(m->new_dir);
	g_free(m);
}

bool
manifest_reuse(struct manifest *m, const char *path, const char *key)
{
	const char *was;
	bool ok;

	g_mutex_lock(&m->lock);
	was = g_hash_table_lookup(m->old, path);
	g_mutex_unlock(&m->lock);
	if (was == NULL || strcmp(was, key) != 0)
		return false;
	/* M->files is only read once made: no lock */
	ok = g_hash_table_contains(m->files, path);
	if (ok) {
		g_mutex_lock(&m->lock);
		g_hash_table_insert(m->now, g_strdup(path), g_strdup(key));
		g_mutex_unlock(&m->lock);
	}
	return ok;
}

void
manifest_record(struct manifest *m, const char *path, const char *key)
{
	g_mutex_lock(&m->lock);
	g_hash_table_insert(m->now, g_strdup(path), g_strdup(key));
	g_mutex_unlock(&m->lock);
}

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
manifest_write(struct manifest *m)
{
	json_t *root = json_object();
	GPtrArray *keys = g_ptr_array_new();
	GHashTableIter it;
	gpointer k, v;
	char *path, *s;
	int rc;

	/* sorted, so the manifest itself is reproducible */
	g_hash_table_iter_init(&it, m->now);
	while (g_hash_table_iter_next(&it, &k, &v))
		g_ptr_array_add(keys, k);
	g_ptr_array_sort(keys, cmp_str);
	for (guint i = 0; i < keys->len; i++)
		json_object_set_new(
			root, g_ptr_array_index(keys, i),
			json_string(g_hash_table_lookup(
				m->now, g_ptr_array_index(keys, i))));
	g_ptr_array_free(keys, TRUE);
	s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(root);
	path = g_build_filename(m->new_dir, MANIFEST_FILE, NULL);
	rc = fsio_write(path, s, strlen(s));
	free(s);
	g_free(path);
	return rc;
}
