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
 * files; a shard of the search index its documents' files; the pattern
 * pages every evaluation item (labels and values); a part page its
 * part's file; home, contents and search nothing more (they show titles
 * and briefs only).  With a previous edition, whose marks follow every
 * control's content, and for any other page: every content file, so it
 * is made again whenever anything changes.
 *
 * A section page's control is one article, a shard's document one
 * entry: a function of that one file and of what every page shows.  So
 * when a rebuild makes such a page again, the parts of files that did
 * not change are taken from the page as the previous build left it
 * (html_site.h, strong), and only the changed files are read.
 *
 * A rebuild's guideline is partial (rebuild.h): every file it did not
 * read is a stub with the hash it had, and every file it read has the
 * record it had, so the controls' labels are as they were (the state
 * keeps their hash).  When what every page shows is as it was too, the
 * only pages that can change are those that show a file read: its
 * control's page, its section's and part's, the shards that hold it.
 * incr_few makes tasks for those alone, and the manifest keeps every
 * other page of the previous build as it is, without a task, a key or
 * a record each.
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

/* Every control's label: its display ID and brief, and its level.  (A
 * label is made only when a page shows it; a rebuild's controls are
 * named then too.) */
static void
add_all_labels(GChecksum *h, const struct guideline *g)
{
	GString *disp = g_string_sized_new(32);

	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);

		g_string_truncate(disp, 0);
		id_display_append(disp, c->id);
		key_add(h, disp->str);
		key_add(h, c->brief);
		key_add(h, level_name(c->level));
	}
	g_string_free(disp, TRUE);
}

/*
 * What every page shows, and in *LABELS what of it is the controls'
 * (new strings).  A partial guideline's labels are the state's: a
 * rebuild loads one only when every file it read has the record it had
 * (rebuild.h), which holds the label.
 */
static char *
global_key(struct site *s, const struct site_opts *o, char **labels)
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
	*labels = g->state != NULL && g->state->labels != NULL
		      ? g_strdup(g->state->labels)
		      : digest(add_all_labels, g);
	key_add(h, *labels);
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


struct keys {
	const struct site *s;
	const char *global;  /* what every page shows */
	bool same;           /* GLOBAL is the previous build's */
	char *content;       /* every content file, or NULL until needed */
	char *items;         /* every evaluation item, the same */
};

/* The key being made of one page: its hash, the content files it covers
 * (their input indexes) and whether any of them is a stub. */
struct pkey {
	GChecksum *h;
	struct site_task *t;
	const struct keys *k;
};

/* Put the hash of body B's file into K, and the file in its task's
 * dependencies.  PIECE: the page can take B's part of itself from its
 * previous build when B did not change (html_site.h, strong); which
 * needs what every page shows to be as it was then. */
static void
add_body(struct pkey *k, const struct body *b, bool piece)
{
	key_add(k->h, b->hash);
	if (b->stub && !(piece && k->k->same))
		k->t->stubs = true;
	if (b->input >= 0) {
		guint32 in = (guint32)b->input;
		g_array_append_val(k->t->deps, in);
	}
}

/* What shard I of the search index is made from: its documents'
 * files, one each (a control's document also holds its subsection's
 * title, which every page shows), any of them a piece. */
static void
add_shard(struct pkey *k, const struct site *s, guint i)
{
	guint n = guide_docs(s);

	k->t->strong = 0;
	for (guint d = i * SEARCH_SHARD_DOCS;
	     d < (i + 1) * SEARCH_SHARD_DOCS && d < n; d++)
		add_body(k, guide_doc_body(s, d), true);
}

/* K's key, done; its task's STRONG no more than its deps. */
static char *
finish(struct pkey *k)
{
	char *key = g_strdup(g_checksum_get_string(k->h));

	g_checksum_free(k->h);
	k->t->strong = MIN(k->t->strong, k->t->deps->len);
	return key;
}

/* The controls of section SEC into K, as pieces. */
static void
add_section_controls(struct pkey *k, const struct section *sec)
{
	for (guint b = 0; b < sec->subsections->len; b++) {
		const struct subsection *sub =
			g_ptr_array_index(sec->subsections, b);
		for (guint j = 0; j < sub->controls->len; j++)
			add_body(k,
				 &((const struct control *)g_ptr_array_index(
					   sub->controls, j))
					  ->body,
				 true);
	}
}

/* The key of task T's page; T's dependencies filled on the way. */
static char *
page_key(struct keys *k, struct site_task *t)
{
	const struct guideline *g = k->s->g;
	struct pkey pk = {g_checksum_new(KEY_CHECKSUM), t, k};
	const struct section *sec;
	char **all;

	t->deps = g_array_new(FALSE, FALSE, sizeof(guint32));
	t->strong = G_MAXUINT32;
	key_add(pk.h, k->global);
	key_add(pk.h, t->path);
	switch (t->kind) {
	case PAGE_CONTROL:
		add_body(&pk,
			 &((const struct control *)g_ptr_array_index(
				   g->controls, t->i))
				  ->body,
			 false);
		return finish(&pk);
	case PAGE_SHARD:
		add_shard(&pk, k->s, t->i);
		return finish(&pk);
	case PAGE_SECTION:
		/* its own file read; its controls' articles are pieces */
		sec = g_ptr_array_index(k->s->sections, t->i);
		add_body(&pk, &sec->body, false);
		t->strong = 1;
		add_section_controls(&pk, sec);
		return finish(&pk);
	/* without a previous edition (whose marks follow every control's
	   content), these show only what every page shows */
	case PAGE_PART:
		if (k->s->diff != NULL)
			break;
		add_body(&pk,
			 &((const struct part *)g_ptr_array_index(g->parts,
								  t->i))
				  ->body,
			 false);
		return finish(&pk);
	case PAGE_TITLES:
		if (k->s->diff != NULL)
			break;
		return finish(&pk);
	case PAGE_ITEMS:
	case PAGE_OTHER:
		break;
	}
	/* the pattern pages (every item) and the rest (every file) are
	   made from the whole guideline: never from stubs */
	t->stubs = g->state != NULL;
	t->whole = true;
	all = t->kind == PAGE_ITEMS ? &k->items : &k->content;
	if (*all == NULL)
		*all = digest(t->kind == PAGE_ITEMS ? add_all_items
						    : add_all_content,
			      g);
	key_add(pk.h, *all);
	return finish(&pk);
}

/*
 * Whether the previous build's page OLD covers a file G read in full
 * (not a stub): 1 yes, 0 no, -1 it names a file G does not have.
 */
static int
covers_read(const struct guideline *g, const struct state_page *old)
{
	int read = 0;

	for (guint32 d = 0; d < old->ndeps; d++) {
		guint32 in = state_dep(old, d);

		if (in >= g->inputs->len)
			return -1;
		if (g_array_index(g->inputs, struct input, in).rec == NULL)
			read = 1;
	}
	return read;
}

/*
 * Whether T's page has the key the previous build gave it, without
 * making it: G is partial (has a state), what every page shows is as
 * it was, and every file its key covers is a stub, so has the hash it
 * had; or it is keyed on every item, and every file's record, which
 * holds the hash of its items, is the one the state has (rebuild.h); or
 * it is a shard, and each of its files that was read holds for the
 * search what the state says it did (its documents are as they were:
 * an edit the search does not see).  Then T keeps that key and those
 * files (manifest.h).
 */
static bool
key_kept(const struct keys *k, struct site_task *t)
{
	const struct guideline *g = k->s->g;
	const struct state_page *old;
	int read;

	if (g->state == NULL || !k->same ||
	    (old = manifest_old_page(k->s->manifest, t->path)) == NULL ||
	    (old->whole && t->kind != PAGE_ITEMS) ||
	    (read = covers_read(g, old)) < 0)
		return false;
	if (read && (t->kind != PAGE_SHARD ||
		     !guide_search_same(k->s, t->i * SEARCH_SHARD_DOCS,
					SEARCH_SHARD_DOCS)))
		return false;
	t->key = (char *)old->key; /* OLD's, not the task's */
	t->old = old;
	/* were it made again (its file is gone), its files are stubs */
	t->stubs = old->ndeps > 0 || old->whole;
	t->whole = old->whole;
	return true;
}

void
incr_begin(struct site *s, const struct site_opts *o)
{
	char *labels;
	char *global = global_key(s, o, &labels);

	manifest_set_global(s->manifest, global, labels);
	g_free(global);
	g_free(labels);
}

/* The keys of S's pages: what every page shows, and whether the
 * previous build's showed the same. */
static struct keys
keys_of(const struct site *s)
{
	const char *was = manifest_old_global(s->manifest);
	const char *global = manifest_global(s->manifest);

	return (struct keys){s, global, was != NULL && strcmp(was, global) == 0,
			     NULL, NULL};
}

/* Key the tasks of TASKS that have paths: a key kept, or a page's. */
static void
key_tasks(struct keys *k, GArray *tasks)
{
	for (guint i = 0; i < tasks->len; i++) {
		struct site_task *t = &g_array_index(tasks, struct site_task, i);
		if (t->path != NULL && !key_kept(k, t))
			t->key = page_key(k, t);
	}
	g_free(k->content);
	g_free(k->items);
}

void
incr_keys(struct site *s, GArray *tasks)
{
	struct keys k = keys_of(s);

	key_tasks(&k, tasks);
}

/*
 * Whether every page of the previous build that TASKS does not make is
 * to be kept as it is; then the manifest is told so.  Each must still be
 * there and cover no file read: then its key is the one it had, as
 * what every page shows did not change and its files are stubs, which
 * have the hashes they had; or it covers every item, which a partial
 * load leaves as they were (rebuild.h).  (A page that covers every
 * file is only made with a previous edition, which every page's key
 * holds: the caller's key would not be the same.)
 */
static bool
others_kept(const struct site *s, const GArray *tasks)
{
	const struct state *st = s->g->state;
	GHashTable *ours = g_hash_table_new(g_str_hash, g_str_equal);
	bool ok = true;

	for (guint i = 0; i < tasks->len; i++)
		g_hash_table_add(ours,
				 (gpointer)g_array_index(tasks, struct site_task,
							 i)
				     .path);
	for (guint i = 0; i < st->npages && ok; i++) {
		const struct state_page *p = &st->pages[i];

		ok = g_hash_table_contains(ours, p->path) ||
		     (manifest_old_there(s->manifest, p->path) &&
		      covers_read(s->g, p) == 0);
	}
	for (guint i = 0; i < st->npages && ok; i++)
		if (!g_hash_table_contains(ours, st->pages[i].path))
			manifest_keep(s->manifest, &st->pages[i]);
	g_hash_table_destroy(ours);
	return ok;
}

bool
incr_few(struct site *s, GArray *tasks)
{
	struct keys k = keys_of(s);

	/* with a previous edition, every control's marks are on pages
	   all over the site */
	if (s->g->state == NULL || s->diff != NULL || !k.same)
		return false;
	guide_read_tasks(s, tasks);
	key_tasks(&k, tasks);
	if (others_kept(s, tasks))
		return true;
	site_tasks_clear(tasks);
	return false;
}
