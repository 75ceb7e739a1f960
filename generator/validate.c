/*
 * validate: the checks that need the whole guideline — parts present,
 * links that resolve, controls with text, sections with controls, best
 * practices in the shape the writers expect.  Per-file checks happen as
 * files are read (load.c).
 */
#include <string.h>

#include <cmark-gfm.h>
#include <glib.h>

#include "diag.h"
#include "model.h"

static void
check_parts(struct guideline *g)
{
	static const char *const need[] = {"I", "II", "III"};

	for (size_t i = 0; i < G_N_ELEMENTS(need); i++) {
		bool found = false;
		for (guint j = 0; j < g->parts->len; j++) {
			struct part *p = g_ptr_array_index(g->parts, j);
			if (strcmp(p->id, need[i]) == 0)
				found = true;
		}
		if (!found) {
			char *want = g_strdup_printf("%s/_index.md", need[i]);
			diag(E_MISSING_PART, g->dir, 0, 0, need[i], want);
			g_free(want);
		}
	}
}

static bool
is_subsection(struct guideline *g, const char *id)
{
	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);
		for (guint j = 0; j < p->sections->len; j++) {
			struct section *s = g_ptr_array_index(p->sections, j);
			for (guint k = 0; k < s->subsections->len; k++) {
				struct subsection *b =
					g_ptr_array_index(s->subsections, k);
				if (strcmp(b->id, id) == 0)
					return true;
			}
		}
	}
	return false;
}

static void
check_links(struct guideline *g)
{
	for (guint i = 0; i < g->links->len; i++) {
		struct xref *x = g_ptr_array_index(g->links, i);
		if (!g_hash_table_contains(g->ids, x->target) &&
		    !is_subsection(g, x->target))
			diag(E_XREF, x->pos.file, x->pos.line, x->pos.col,
			     x->target);
	}
}

static void
check_controls(struct guideline *g)
{
	for (guint i = 0; i < g->controls->len; i++) {
		struct control *c = g_ptr_array_index(g->controls, i);
		char *text;

		if (c->body.stub) /* checked when it was read */
			continue;
		text = control_text(c);
		if (*g_strstrip(text) == '\0')
			diag(E_CONTROL_EMPTY, c->pos.file, c->pos.line,
			     c->pos.col, c->id);
		g_free(text);
		if (c->bp_not_list)
			diag(W_BP_NOT_LIST, c->pos.file, c->pos.line,
			     c->pos.col);
	}
}

static void
check_empty(struct guideline *g)
{
	for (guint i = 0; i < g->parts->len; i++) {
		struct part *p = g_ptr_array_index(g->parts, i);
		for (guint j = 0; j < p->sections->len; j++) {
			struct section *s = g_ptr_array_index(p->sections, j);
			guint n = 0;
			if (s->page)
				continue;
			for (guint k = 0; k < s->subsections->len; k++) {
				struct subsection *b =
					g_ptr_array_index(s->subsections, k);
				n += b->controls->len;
				if (b->controls->len == 0)
					diag(W_SUBSECTION_EMPTY, b->pos.file,
					     b->pos.line, b->pos.col, b->id);
			}
			if (n == 0 && s->subsections->len == 0)
				diag(W_SECTION_EMPTY, s->pos.file, s->pos.line,
				     s->pos.col, s->id);
		}
	}
}

static gint
cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The new side of every renumbering must be a control of this edition. */
static void
check_renumbering(struct guideline *g)
{
	GHashTableIter it;
	gpointer k, val;
	GPtrArray *bad = g_ptr_array_new();

	g_hash_table_iter_init(&it, g->renumbered);
	while (g_hash_table_iter_next(&it, &k, &val))
		if (guideline_control(g, val) == NULL)
			g_ptr_array_add(bad, val);
	g_ptr_array_sort(bad, cmp_str);
	for (guint i = 0; i < bad->len; i++) {
		char *path = g_build_filename(g->dir, "renumbering.yaml", NULL);
		diag(E_XREF, path, 0, 0, (char *)g_ptr_array_index(bad, i));
		g_free(path);
	}
	g_ptr_array_free(bad, TRUE);
}

void
guideline_validate(struct guideline *g)
{
	check_renumbering(g);
	check_parts(g);
	check_links(g);
	check_controls(g);
	/* a file that failed to load leaves its subsection empty: say
	 * nothing of emptiness until the errors are fixed */
	if (diag_worst() < DIAG_ERROR)
		check_empty(g);
}
