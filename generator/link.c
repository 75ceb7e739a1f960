/*
 * link: put what the file walk found into one tree — sections into
 * parts, controls into the subsections their sections declare — sorted
 * by ID, not by file name.
 */
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "load.h"

static gint
cmp_part(gconstpointer a, gconstpointer b)
{
	const struct part *x = *(struct part *const *)a;
	const struct part *y = *(struct part *const *)b;
	return x->num - y->num;
}

static gint
cmp_section(gconstpointer a, gconstpointer b)
{
	const struct section *x = *(struct section *const *)a;
	const struct section *y = *(struct section *const *)b;
	return id_cmp(x->num, y->num);
}

static gint
cmp_control(gconstpointer a, gconstpointer b)
{
	const struct control *x = *(struct control *const *)a;
	const struct control *y = *(struct control *const *)b;
	return id_cmp(x->num, y->num);
}

static struct part *
find_part(struct guideline *g, int num)
{
	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);
		if (p->num == num)
			return p;
	}
	return NULL;
}

static struct subsection *
find_sub(GHashTable *sections, const int num[ID_DEPTH], struct section **sec)
{
	char *sid = load_id_string(num, 2);
	struct subsection *found = NULL;

	*sec = g_hash_table_lookup(sections, sid);
	g_free(sid);
	if (*sec == NULL)
		return NULL;
	for (guint i = 0; i < (*sec)->subsections->len; i++) {
		struct subsection *s = g_ptr_array_index((*sec)->subsections, i);
		if (s->num[2] == num[2])
			found = s;
	}
	return found;
}

void
link_model(struct load *ld)
{
	struct guideline *g = ld->g;
	GHashTable *sections = g_hash_table_new(g_str_hash, g_str_equal);
	struct section *sec = NULL;
	struct subsection *sub = NULL;
	int last[3];

	g_ptr_array_sort(g->parts, cmp_part);
	g_ptr_array_sort(ld->sections, cmp_section);
	g_ptr_array_sort(ld->controls, cmp_control);

	for (guint i = 0; i < ld->sections->len; i++) {
		struct section *s = g_ptr_array_index(ld->sections, i);
		struct part *p = find_part(g, s->num[0]);

		if (p == NULL) {
			char *pid = load_id_string(s->num, 1);
			diag(E_ID_PARENT, s->pos.file, s->pos.line, s->pos.col,
			     s->id, pid);
			g_free(pid);
			/* kept, so its controls still find it */
			g_ptr_array_add(g->orphans, s);
			g_hash_table_insert(sections, s->id, s);
			continue;
		}
		s->part = p;
		g_ptr_array_add(p->sections, s);
		g_hash_table_insert(sections, s->id, s);
	}

	/* in ID order, a control is most often in the subsection of the
	   one before: that is looked up once */
	for (guint i = 0; i < ld->controls->len; i++) {
		struct control *c = g_ptr_array_index(ld->controls, i);

		if (i == 0 || memcmp(c->num, last, sizeof last) != 0) {
			sub = find_sub(sections, c->num, &sec);
			memcpy(last, c->num, sizeof last);
		}

		if (sec == NULL) {
			char *sid = load_id_string(c->num, 2);
			diag(E_ID_PARENT, c->pos.file, c->pos.line, c->pos.col,
			     c->id, sid);
			g_free(sid);
			control_free(c);
			continue;
		}
		g_ptr_array_add(g->controls, c);
		g_hash_table_insert(g->by_id, c->id, c);
		if (sub == NULL) {
			char *bid = load_id_string(c->num, 3);
			diag(E_SUB_UNDECLARED, c->pos.file, c->pos.line,
			     c->pos.col, bid, sec->id);
			g_free(bid);
			continue;
		}
		c->sub = sub;
		g_ptr_array_add(sub->controls, c);
	}
	g_hash_table_destroy(sections);
}
