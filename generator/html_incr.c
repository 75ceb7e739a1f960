/*
 * html_incr: incremental builds of the site.  Every page gets a key, the
 * hash (KEY_CHECKSUM) of what it is made from; a page whose key is the
 * one the previous build recorded (manifest.h) is taken over from the
 * previous output instead of being made again.  Each key also names the
 * content files it covers, which the state keeps (state.h): a rebuild
 * reads the files of the pages an edit touches (rebuild.h), and keeps,
 * without hashing them again, the keys of pages made only of files it
 * did not read.
 *
 * What a page is made from: the parts of the site every page shows (the
 * guideline's facts, every ID with its title or brief — navigation,
 * breadcrumbs, the pager —, the theme, the options, the previous edition
 * and this program's source, GP_SOURCE_ID, which the Makefile sets), and
 * then its own content: a control page its
 * control's file, a section page its section's file and its controls'
 * files; a shard of the search index its documents' files (and their
 * sections'); the pattern pages every evaluation item (labels and values);
 * a part page its part's file; home, contents and search nothing more
 * (they show titles and briefs only).  With a previous edition, whose
 * marks follow every control's content, and for any other page: every
 * content file, so it is made again whenever anything changes.
 */
#include <string.h>

#ifndef GP_SOURCE_ID
#error "GP_SOURCE_ID: the SHA-256 of generator/*.[ch], set by the Makefile"
#endif

#include <glib.h>

#include "diff.h"
#include "html_site.h"
#include "manifest.h"
#include "state.h"

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hash the bytes of every regular file of DIR, in name order. */
static void
hash_dir(GChecksum *h, const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;

	while (d != NULL && (n = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(n));
	if (d != NULL)
		g_dir_close(d);
	g_ptr_array_sort(names, cmp_str);
	for (guint i = 0; i < names->len; i++) {
		char *p = g_build_filename(dir, g_ptr_array_index(names, i),
					   NULL);
		char *buf;
		gsize len;
		if (g_file_get_contents(p, &buf, &len, NULL)) {
			g_checksum_update(h, (const guchar *)p, -1);
			g_checksum_update(h, (const guchar *)buf, (gssize)len);
			g_free(buf);
		}
		g_free(p);
	}
	g_ptr_array_free(names, TRUE);
}

/* Every content file's hash, in ID order: what any change changes. */
static void
add_all_content(GChecksum *h, const struct guideline *g)
{
	for (guint i = 0; i < g->parts->len; i++) {
		const struct part *p = g_ptr_array_index(g->parts, i);
		key_add(h, p->body.hash);
		for (guint j = 0; j < p->sections->len; j++)
			key_add(h, ((const struct section *)g_ptr_array_index(
					p->sections, j))->body.hash);
	}
	for (guint i = 0; i < g->controls->len; i++)
		key_add(h, ((const struct control *)g_ptr_array_index(g->controls,
								   i))
			       ->body.hash);
}

/* What every page shows.  A new string. */
static char *
global_key(struct site *s, const struct site_opts *o)
{
	const struct guideline *g = s->g;
	GChecksum *h = g_checksum_new(KEY_CHECKSUM);
	char *key;

	key_add(h, GP_SOURCE_ID);
	hash_dir(h, o->theme_dir);
	key_add(h, g->hash);
	key_add(h, s->base);
	if (o->diff != NULL)
		add_all_content(h, o->diff->old);
	for (guint i = 0; i < g->parts->len; i++) {
		const struct part *p = g_ptr_array_index(g->parts, i);
		key_add(h, site_label(s, p->id));
		for (guint j = 0; j < p->sections->len; j++) {
			const struct section *sec =
				g_ptr_array_index(p->sections, j);
			key_add(h, site_label(s, sec->id));
			for (guint k = 0; k < sec->subsections->len; k++)
				key_add(h, site_label(
					       s, ((const struct subsection *)
							   g_ptr_array_index(
								   sec->subsections,
								   k))
							  ->id));
		}
	}
	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);
		key_add(h, site_label(s, c->id));
		key_add(h, level_name(c->level));
	}
	key = g_strdup(g_checksum_get_string(h));
	g_checksum_free(h);
	return key;
}

/* What the pages that hold evaluation items are made from: every
 * control's items, in ID order. */
static void
add_all_items(GChecksum *h, const struct guideline *g)
{
	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);
		key_add(h, c->id);
		key_add(h, c->items_hash);
	}
}

/* The hash of the hashes ADD puts in, as a string to add.  New string. */
static char *
digest(void (*fill)(GChecksum *, const struct guideline *),
       const struct guideline *g)
{
	GChecksum *h = g_checksum_new(KEY_CHECKSUM);
	char *s;

	fill(h, g);
	s = g_strdup(g_checksum_get_string(h));
	g_checksum_free(h);
	return s;
}

struct keys {
	const struct site *s;
	const char *global;  /* what every page shows */
	char *content;       /* every content file */
	char *items;         /* every evaluation item */
	GHashTable *controls, *sections; /* page path → control, section */
	GHashTable *shards;  /* shard path → its number + 1 */
	GHashTable *parts;   /* page path → part */
};

/* The key being made of one page: its hash, the content files it covers
 * (their input indexes) and whether any of them is a stub. */
struct pkey {
	GChecksum *h;
	struct site_task *t;
};

/* Put the hash of body B's file into K, and the file in its task's
 * dependencies. */
static void
add_body(struct pkey *k, const struct body *b)
{
	key_add(k->h, b->hash);
	if (b->stub)
		k->t->stubs = true;
	if (b->input >= 0) {
		guint32 in = (guint32)b->input;
		g_array_append_val(k->t->deps, in);
	}
}

/* What shard I of the search index is made from: its documents' files,
 * and for a control the file of its section too (subsection titles). */
static void
add_shard(struct pkey *k, const struct site *s, guint i)
{
	guint ns = s->sections->len, n = guide_docs(s);

	for (guint d = i * SEARCH_SHARD_DOCS;
	     d < (i + 1) * SEARCH_SHARD_DOCS && d < n; d++) {
		if (d < ns) {
			add_body(k, &((const struct section *)g_ptr_array_index(
					  s->sections, d))
					->body);
		} else {
			const struct control *c =
			    g_ptr_array_index(s->g->controls, d - ns);
			add_body(k, &c->body);
			add_body(k, &c->sub->section->body);
		}
	}
}

static char *
finish(GChecksum *h)
{
	char *key = g_strdup(g_checksum_get_string(h));

	g_checksum_free(h);
	return key;
}

/* The key of task T's page; T's dependencies filled on the way. */
static char *
page_key(struct keys *k, struct site_task *t)
{
	const char *path = t->path;
	struct pkey pk = {g_checksum_new(KEY_CHECKSUM), t};
	GChecksum *h = pk.h;
	const struct control *c;
	const struct section *sec;
	guint shard;

	t->deps = g_array_new(FALSE, FALSE, sizeof(guint32));
	key_add(h, k->global);
	key_add(h, path);
	if ((c = g_hash_table_lookup(k->controls, path)) != NULL) {
		add_body(&pk, &c->body);
		return finish(h);
	}
	if ((shard = GPOINTER_TO_UINT(
		 g_hash_table_lookup(k->shards, path))) != 0) {
		add_shard(&pk, k->s, shard - 1);
		return finish(h);
	}
	if ((sec = g_hash_table_lookup(k->sections, path)) != NULL) {
		add_body(&pk, &sec->body);
		for (guint b = 0; b < sec->subsections->len; b++) {
			const struct subsection *sub =
				g_ptr_array_index(sec->subsections, b);
			for (guint j = 0; j < sub->controls->len; j++)
				add_body(&pk, &((const struct control *)
							g_ptr_array_index(
								sub->controls,
								j))
						   ->body);
		}
		return finish(h);
	}
	/* without a previous edition (whose marks follow every control's
	   content), these show only what every page shows */
	if (k->s->diff == NULL) {
		const struct part *pt;

		if ((pt = g_hash_table_lookup(k->parts, path)) != NULL) {
			add_body(&pk, &pt->body);
			return finish(h);
		}
		if (t->titles)
			return finish(h);
	}
	/* the pattern pages (every item) and the rest (every file) are
	   made from the whole guideline: never from stubs */
	t->stubs = k->s->g->state != NULL;
	t->whole = true;
	key_add(h, g_str_has_prefix(path, "patterns/") ? k->items : k->content);
	return finish(h);
}

/* The lookups page_key needs, made at its first use. */
static void
make_tables(struct keys *k)
{
	const struct site *s = k->s;
	const struct guideline *g = s->g;

	if (k->controls != NULL)
		return;
	k->content = digest(add_all_content, g);
	k->items = digest(add_all_items, g);
	k->controls = g_hash_table_new(g_str_hash, g_str_equal);
	k->sections = g_hash_table_new(g_str_hash, g_str_equal);
	k->parts = g_hash_table_new(g_str_hash, g_str_equal);
	k->shards = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);
		g_hash_table_insert(k->controls, (gpointer)site_path(s, c->id),
				    (gpointer)c);
	}
	for (guint i = 0; i < s->sections->len; i++) {
		const struct section *sec = g_ptr_array_index(s->sections, i);
		g_hash_table_insert(k->sections,
				    (gpointer)site_path(s, sec->id),
				    (gpointer)sec);
	}
	for (guint i = 0; i < g->parts->len; i++) {
		const struct part *pt = g_ptr_array_index(g->parts, i);
		g_hash_table_insert(k->parts, (gpointer)site_path(s, pt->id),
				    (gpointer)pt);
	}
	for (guint i = 0; i < s->shards->len; i++)
		g_hash_table_insert(k->shards, g_ptr_array_index(s->shards, i),
				    GUINT_TO_POINTER(i + 1));
}

/*
 * Whether T's page has the key the previous build gave it, without
 * making it: G is partial (has a state), what every page shows is as it was (GLOBAL
 * unchanged), and every file its key covers is a stub, so has the hash
 * it had.  Then T keeps that key and those files (manifest.h).
 */
static bool
key_kept(const struct keys *k, struct site_task *t, bool global_same)
{
	const struct guideline *g = k->s->g;
	const struct state_page *old;

	if (g->state == NULL || !global_same ||
	    (old = manifest_old_page(k->s->manifest, t->path)) == NULL ||
	    old->whole)
		return false;
	for (guint32 d = 0; d < old->ndeps; d++) {
		guint32 in = state_dep(old, d);
		if (in >= g->inputs->len ||
		    g_array_index(g->inputs, struct input, in).rec == NULL)
			return false;
	}
	t->key = g_strdup(old->key);
	t->old = old;
	/* were it made again (its file is gone), its files are stubs */
	t->stubs = old->ndeps > 0;
	return true;
}

void
incr_keys(struct site *s, GArray *tasks, const struct site_opts *o)
{
	char *global = global_key(s, o);
	const char *was = manifest_old_global(s->manifest);
	bool same = was != NULL && strcmp(was, global) == 0;
	struct keys k = {s, global, NULL, NULL, NULL, NULL, NULL, NULL};

	manifest_set_global(s->manifest, global);
	for (guint i = 0; i < tasks->len; i++) {
		struct site_task *t = &g_array_index(tasks, struct site_task, i);
		if (t->path == NULL || key_kept(&k, t, same))
			continue;
		make_tables(&k);
		t->key = page_key(&k, t);
	}
	g_free(global);
	g_free(k.content);
	g_free(k.items);
	if (k.controls != NULL) {
		g_hash_table_destroy(k.controls);
		g_hash_table_destroy(k.sections);
		g_hash_table_destroy(k.shards);
		g_hash_table_destroy(k.parts);
	}
}
