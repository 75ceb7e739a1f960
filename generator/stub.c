/*
 * stub: what the rest of the site shows of a content file, as a record
 * kept in the state file (state.h), and the part, section, page or
 * control a rebuild makes of that record instead of reading the file
 * (rebuild.c).
 *
 * A record holds a kind letter and then, with state_put_str and
 * state_put_u32:
 *
 *   P  part:     ID, title
 *   S  section:  ID, title, subsection count, then each ID and title
 *   G  page:     ID, title, source (Part I)
 *   C  control:  ID, level, title, brief, items hash, count of the IDs
 *                it replaces, then each
 *
 * Two versions of a file with the same record show the same on every
 * page but their own (html_incr.c keys those pages with the file's
 * hash), which is what lets a rebuild read only the files that changed.
 */
#include <string.h>

#include <glib.h>

#include "load.h"
#include "state.h"
#include "stub.h"

static void
record_part(GString *b, const void *e)
{
	const struct part *p = e;

	g_string_append_c(b, 'P');
	state_put_str(b, p->id);
	state_put_str(b, p->title);
}

static void
record_section(GString *b, const void *e)
{
	const struct section *s = e;

	g_string_append_c(b, s->page ? 'G' : 'S');
	state_put_str(b, s->id);
	state_put_str(b, s->title);
	if (s->page) {
		state_put_str(b, s->source);
		return;
	}
	state_put_u32(b, s->subsections->len);
	for (guint i = 0; i < s->subsections->len; i++) {
		const struct subsection *sub =
		    g_ptr_array_index(s->subsections, i);
		state_put_str(b, sub->id);
		state_put_str(b, sub->title);
	}
}

static void
record_control(GString *b, const void *e)
{
	const struct control *c = e;
	guint n = c->replaces != NULL ? g_strv_length(c->replaces) : 0;

	g_string_append_c(b, 'C');
	state_put_str(b, c->id);
	state_put_u32(b, (guint32)c->level);
	state_put_str(b, c->title);
	state_put_str(b, c->brief);
	state_put_str(b, c->items_hash);
	state_put_u32(b, n);
	for (guint i = 0; i < n; i++)
		state_put_str(b, c->replaces[i]);
}

/* Put the record of the file of body B, made by FILL from E, in RECS
 * (unless ONLY leaves it out). */
static void
put(GPtrArray *recs, const guint8 *only, const struct body *b,
    void (*fill)(GString *, const void *), const void *e)
{
	GString *s;

	if (b->input < 0 || (guint)b->input >= recs->len ||
	    (only != NULL && !only[b->input]))
		return;
	s = g_string_new(NULL);
	fill(s, e);
	if (g_ptr_array_index(recs, b->input) != NULL)
		g_string_free(g_ptr_array_index(recs, b->input), TRUE);
	g_ptr_array_index(recs, b->input) = s;
}

GPtrArray *
stub_records(const struct guideline *g, const guint8 *only)
{
	GPtrArray *recs = g_ptr_array_new_full(g->inputs->len, NULL);

	g_ptr_array_set_size(recs, (gint)g->inputs->len);
	for (guint i = 0; i < g->parts->len; i++) {
		const struct part *p = g_ptr_array_index(g->parts, i);

		put(recs, only, &p->body, record_part, p);
		for (guint j = 0; j < p->sections->len; j++) {
			const struct section *s =
			    g_ptr_array_index(p->sections, j);
			put(recs, only, &s->body, record_section, s);
		}
	}
	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);
		put(recs, only, &c->body, record_control, c);
	}
	return recs;
}

void
stub_records_free(GPtrArray *recs)
{
	for (guint i = 0; i < recs->len; i++)
		if (g_ptr_array_index(recs, i) != NULL)
			g_string_free(g_ptr_array_index(recs, i), TRUE);
	g_ptr_array_free(recs, TRUE);
}

/* A copy of a string of the record, NULL kept. */
static char *
dup(struct state_cur *c)
{
	return g_strdup(state_get_str(c));
}

/* What stands in for a content file, read from its record. */
struct stub {
	struct state_cur c;
	const struct state_file *f;
	int input;
	struct pos at;
};

/* A string of the record, in place (model.h, struct body: stub). */
static char *
borrow(struct state_cur *c)
{
	return (char *)state_get_str(c);
}

/* B as the stub of S's file. */
static void
stub_body(struct body *b, const struct stub *s)
{
	b->hash = (char *)s->f->hash;
	b->input = s->input;
	b->stub = true;
}

/* The ID of a record, which must have one: copied, or with BORROWED,
 * in place. */
static char *
get_id(struct state_cur *c, int num[ID_DEPTH], bool borrowed)
{
	char *id = borrowed ? borrow(c) : dup(c);

	if (id == NULL || id_parse(id, num) == 0)
		c->bad = true;
	return id;
}

static void
stub_part(struct load *ld, struct stub *s)
{
	struct state_cur *c = &s->c;
	struct pos at = s->at;
	struct part *pt = g_new0(struct part, 1);
	int num[ID_DEPTH] = {0};

	pt->id = get_id(c, num, false);
	pt->num = num[0];
	pt->title = dup(c);
	pt->pos = at;
	pt->sections = g_ptr_array_new();
	stub_body(&pt->body, s);
	if (pt->id != NULL)
		load_claim_own(ld, pt->id, &pt->pos);
	g_ptr_array_add(ld->g->parts, pt);
}

static void
stub_section(struct load *ld, struct stub *s, bool page)
{
	struct state_cur *c = &s->c;
	struct pos at = s->at;
	struct section *sec = g_new0(struct section, 1);

	sec->id = get_id(c, sec->num, false);
	sec->title = dup(c);
	sec->page = page;
	sec->pos = at;
	sec->subsections = g_ptr_array_new();
	stub_body(&sec->body, s);
	if (page) {
		sec->source = dup(c);
	} else {
		guint32 n = state_get_u32(c);

		for (guint32 i = 0; i < n && !c->bad; i++) {
			struct subsection *sub = g_new0(struct subsection, 1);
			sub->id = get_id(c, sub->num, false);
			sub->title = dup(c);
			sub->controls = g_ptr_array_new();
			sub->section = sec;
			sub->pos = at;
			g_ptr_array_add(sec->subsections, sub);
		}
	}
	if (sec->id != NULL)
		load_claim_own(ld, sec->id, &sec->pos);
	g_ptr_array_add(ld->sections, sec);
}

static void
stub_control(struct load *ld, struct stub *s)
{
	struct state_cur *c = &s->c;
	struct pos at = s->at;
	struct control *k = g_new0(struct control, 1);
	GPtrArray *rep;
	guint32 n;

	/* the strings are the record's: a stub costs few allocations, and
	   a rebuild makes thousands */
	k->id = get_id(c, k->num, true);
	k->level = (enum level)state_get_u32(c);
	k->title = borrow(c);
	k->brief = borrow(c);
	k->items_hash = borrow(c);
	k->items = g_ptr_array_ref(ld->no_items);
	k->pos = at;
	stub_body(&k->body, s);
	n = state_get_u32(c);
	rep = n > 0 ? g_ptr_array_new() : NULL;
	for (guint32 i = 0; i < n && !c->bad; i++) {
		char *old = dup(c);

		if (old == NULL || k->id == NULL) {
			c->bad = true;
			g_free(old);
			break;
		}
		g_ptr_array_add(rep, old);
		g_hash_table_insert(ld->g->renumbered, g_strdup(old),
				    g_strdup(k->id));
	}
	if (rep != NULL) {
		g_ptr_array_add(rep, NULL);
		k->replaces = (char **)g_ptr_array_free(rep, FALSE);
	}
	if (k->id != NULL)
		load_claim_own(ld, k->id, &k->pos);
	g_ptr_array_add(ld->controls, k);
}

void
load_stub(struct load *ld, int in, const char *path,
	  const struct state_file *f)
{
	struct stub s = {{f->rec, f->rec + f->rec_len, false},
			 f,
			 in,
			 {path, 1, 1}};
	struct input *inp = &g_array_index(ld->g->inputs, struct input, in);
	char kind = s.c.p < s.c.end ? *s.c.p++ : '\0';

	inp->rec = f->rec;
	inp->rec_len = f->rec_len;
	inp->hash = (char *)f->hash;
	switch (kind) {
	case 'P':
		stub_part(ld, &s);
		break;
	case 'S':
	case 'G':
		stub_section(ld, &s, kind == 'G');
		break;
	case 'C':
		stub_control(ld, &s);
		break;
	default:
		s.c.bad = true;
	}
	if (s.c.bad || s.c.p != s.c.end)
		ld->stub_failed = true;
}
