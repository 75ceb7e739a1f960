/*
 * load_prep: what loading a content file needs nothing else for, done
 * ahead in worker threads: read the file, split off its front matter,
 * load the YAML, hash the file, parse the body and take from the parse
 * its links to IDs and its texts.  Files go to the workers a chunk at a
 * time; one thread then builds the model from the prepared files in
 * their order (load_prepared, load.c) and prints what a worker reported
 * for a file when that file's turn comes, so the model and the messages
 * are those one thread alone would give.
 */
#include <string.h>

#include <cmark-gfm.h>
#include <glib.h>

#include "load.h"

#define CHUNK 32 /* files a worker prepares in one go */
#define AHEAD 4  /* chunks handed out ahead of the one being used */

/*
 * The character column of byte column BCOL (1-based) on body line LINE
 * (1-based).
 */
static int
char_col(const struct source *s, int line, int bcol)
{
	const char *p = s->body, *end = s->body + s->body_len;
	int col = 1;

	for (int l = 1; l < line && p < end; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return bcol;
		p++;
	}
	for (const char *q = p; q < p + bcol - 1 && q < end && *q != '\n';
	     q = g_utf8_next_char(q))
		col++;
	return col;
}

/* Every link of DOC whose destination is an ID, to resolve later. */
static void
collect_links(struct prep *p, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	int num[ID_DEPTH];

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *url;
		struct xref *x;
		cmark_node *blk;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(n);
		if (url == NULL || id_parse(url, num) == 0)
			continue;
		x = g_new0(struct xref, 1);
		x->target = g_strdup(url);
		x->pos.file = p->path;
		blk = n;
		while (blk != NULL && cmark_node_get_start_line(blk) == 0)
			blk = cmark_node_parent(blk);
		if (blk != NULL) {
			int line = cmark_node_get_start_line(blk);
			x->pos.line = line + p->s.body_line - 1;
			x->pos.col = char_col(&p->s, line,
					      cmark_node_get_start_column(blk));
		}
		g_ptr_array_add(p->links, x);
	}
	cmark_iter_free(it);
}

/* Parse P's body, if it has one, and keep its links and texts. */
static void
prep_body(struct prep *p, bool hold)
{
	const char *t = p->s.body;
	size_t n = p->s.body_len;
	cmark_node *doc;

	while (n > 0 && g_ascii_isspace(*t)) {
		t++;
		n--;
	}
	p->blank = n == 0;
	p->links = g_ptr_array_new();
	if (p->blank)
		return;
	doc = md_parse(p->s.body, p->s.body_len);
	collect_links(p, doc);
	md_digest(doc, &p->text, &p->bp_text, &p->bp_not_list);
	if (hold)
		p->doc = doc;
	else
		cmark_node_free(doc);
}

static void
prep_file(struct prep *p, bool hold)
{
	struct source *s = &p->s;

	if (p->path == NULL) /* a directory that could not be listed */
		return;
	diag_capture(&p->diags);
	p->rc = -1;
	if (source_read(s, p->path) == 0 && source_split(s, p->path) == 0 &&
	    ydoc_load(&p->y, p->path, s->front, s->front_len,
		      s->front_line - 1) == 0) {
		p->rc = 0;
		p->hash = content_hash(s->buf, s->len);
		prep_body(p, hold);
	}
	diag_capture(NULL);
}

void
prep_free(struct prep *p)
{
	if (p->doc != NULL)
		cmark_node_free(p->doc);
	ydoc_free(&p->y);
	source_free(&p->s);
	g_free(p->hash);
	g_free(p->rel);
	g_free(p->text);
	g_free(p->bp_text);
	if (p->links != NULL) {
		for (guint i = 0; i < p->links->len; i++)
			xref_free(g_ptr_array_index(p->links, i));
		g_ptr_array_free(p->links, TRUE);
	}
	if (p->diags.text != NULL)
		g_string_free(p->diags.text, TRUE);
	g_free(p);
}

/* Files FROM to TO of a load's list, prepared by one worker. */
struct chunk {
	struct load *ld;
	guint from, to;
	bool done;
};

static void
chunk_run(gpointer data, gpointer unused)
{
	struct chunk *c = data;

	(void)unused;
	for (guint i = c->from; i < c->to; i++)
		prep_file(g_ptr_array_index(c->ld->files, i), c->ld->hold);
	g_mutex_lock(&c->ld->lock);
	c->done = true;
	g_cond_broadcast(&c->ld->done);
	g_mutex_unlock(&c->ld->lock);
}

void
load_files(struct load *ld)
{
	guint n = ld->files->len, nchunks = (n + CHUNK - 1) / CHUNK;
	guint workers = MIN(g_get_num_processors(), 4);
	struct chunk *c = g_new0(struct chunk, nchunks);
	GThreadPool *pool = g_thread_pool_new(chunk_run, NULL, (gint)workers,
					      FALSE, NULL);

	for (guint i = 0; i < nchunks; i++)
		c[i] = (struct chunk){ld, i * CHUNK, MIN(n, (i + 1) * CHUNK),
				      false};
	/* with work of its own to do meanwhile, every chunk at once */
	guint ahead = ld->meanwhile != NULL ? nchunks : AHEAD;

	for (guint i = 0; i < nchunks && i < ahead; i++)
		g_thread_pool_push(pool, &c[i], NULL);
	if (ld->meanwhile != NULL)
		ld->meanwhile(ld, ld->meanwhile_arg);
	for (guint i = 0; i < nchunks; i++) {
		g_mutex_lock(&ld->lock);
		while (!c[i].done)
			g_cond_wait(&ld->done, &ld->lock);
		g_mutex_unlock(&ld->lock);
		if (i + ahead < nchunks)
			g_thread_pool_push(pool, &c[i + ahead], NULL);
		for (guint j = c[i].from; j < c[i].to; j++) {
			struct prep *p = g_ptr_array_index(ld->files, j);
			load_prepared(ld, p);
			prep_free(p);
		}
	}
	g_thread_pool_free(pool, FALSE, TRUE);
	g_free(c);
}
