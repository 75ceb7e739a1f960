/*
 * model: IDs and freeing.  The bodies are in body.c.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <glib.h>

#include "model.h"
#include "state.h"

static const char *const roman[] = {"", "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ",
				    "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ"};
static const char *const ascii_roman[] = {"", "I", "II", "III", "IV", "V",
					  "VI", "VII", "VIII", "IX"};

/* The part of ID, its numeral's number (1 for "I"), its length in *N;
 * or 0. */
static int
id_part(const char *id, size_t *n)
{
	*n = strcspn(id, ".");
	for (size_t i = 1; i < G_N_ELEMENTS(ascii_roman); i++)
		if (strlen(ascii_roman[i]) == *n &&
		    strncmp(id, ascii_roman[i], *n) == 0)
			return (int)i;
	return 0;
}

int
id_parse(const char *id, int num[ID_DEPTH])
{
	const char *p = id;
	int depth = 0;
	size_t n;

	memset(num, 0, sizeof(int) * ID_DEPTH);
	if ((num[depth++] = id_part(p, &n)) == 0)
		return 0;
	p += n;
	while (*p == '.') {
		long v;
		char *end;
		p++;
		if (depth == ID_DEPTH || !g_ascii_isdigit(*p) || *p == '0')
			return 0;
		v = strtol(p, &end, 10);
		if (v > 9999)
			return 0;
		num[depth++] = (int)v;
		p = end;
	}
	return *p == '\0' ? depth : 0;
}

int
id_cmp(const int a[ID_DEPTH], const int b[ID_DEPTH])
{
	for (int i = 0; i < ID_DEPTH; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/*
 * PART (a part's numeral), then ".N" for each further number of NUM up
 * to DEPTH; a new string.  Written out by hand, not with printf: a site
 * names every ID it has, thousands of them, and vasprintf was 3,000
 * instructions an ID.
 */
static char *
id_join(const char *part, const int num[ID_DEPTH], int depth)
{
	char buf[16 + ID_DEPTH * 12];
	size_t n = strlen(part);

	memcpy(buf, part, n);
	for (int i = 1; i < depth && i < ID_DEPTH; i++) {
		char d[12];
		int k = 0;
		unsigned v = num[i] > 0 ? (unsigned)num[i] : 0;

		do
			d[k++] = (char)('0' + v % 10);
		while ((v /= 10) != 0);
		buf[n++] = '.';
		while (k > 0)
			buf[n++] = d[--k];
	}
	return g_strndup(buf, n);
}

char *
id_format(const int num[ID_DEPTH], int depth, bool display)
{
	int p = num[0] >= 0 && num[0] < (int)G_N_ELEMENTS(roman) ? num[0] : 0;

	return id_join(display ? roman[p] : ascii_roman[p], num, depth);
}

char *
id_display(const char *id)
{
	int num[ID_DEPTH];
	int depth = id_parse(id, num);

	if (depth == 0)
		return g_strdup(id);
	return id_format(num, depth, true);
}

void
id_display_append(GString *b, const char *id)
{
	size_t n;
	int part = id_part(id, &n);

	if (part > 0 && part < (int)G_N_ELEMENTS(roman)) {
		g_string_append(b, roman[part]);
		g_string_append(b, id + n);
	} else {
		g_string_append(b, id);
	}
}

const char *
level_name(enum level l)
{
	switch (l) {
	case LEVEL_BASIC:
		return "基本";
	case LEVEL_RECOMMENDED:
		return "推奨";
	default:
		return "";
	}
}

struct control *
guideline_control(const struct guideline *g, const char *id)
{
	return g_hash_table_lookup(g->by_id, id);
}

static void
item_free(struct item *it)
{
	if (it == NULL)
		return;
	g_free(it->key);
	g_free(it->label);
	for (int i = 0; i < PATTERNS; i++)
		value_clear(&it->values[i]);
	g_free(it);
}

void
xref_free(struct xref *x)
{
	g_free(x->target);
	g_free(x);
}

void
control_free(struct control *c)
{
	if (c == NULL)
		return;
	if (!c->body.stub) {
		g_free(c->id);
		g_free(c->title);
		g_free(c->brief);
		g_free(c->items_hash);
	}
	body_clear(&c->body);
	g_free(c->text);
	g_free(c->bp_text);
	g_strfreev(c->replaces);
	if (c->items != NULL) {
		for (guint i = 0; i < c->items->len; i++)
			item_free(g_ptr_array_index(c->items, i));
		g_ptr_array_free(c->items, TRUE);
	}
	g_free(c);
}

static void
subsection_free(struct subsection *s)
{
	if (s == NULL)
		return;
	g_free(s->id);
	g_free(s->title);
	g_ptr_array_free(s->controls, TRUE);
	g_free(s);
}

void
section_free(struct section *s)
{
	if (s == NULL)
		return;
	g_free(s->id);
	body_clear(&s->body);
	g_free(s->title);
	g_free(s->source);
	for (guint i = 0; i < s->subsections->len; i++)
		subsection_free(g_ptr_array_index(s->subsections, i));
	g_ptr_array_free(s->subsections, TRUE);
	g_free(s);
}

static void
part_free(struct part *p)
{
	if (p == NULL)
		return;
	g_free(p->id);
	body_clear(&p->body);
	g_free(p->title);
	for (guint i = 0; i < p->sections->len; i++)
		section_free(g_ptr_array_index(p->sections, i));
	g_ptr_array_free(p->sections, TRUE);
	g_free(p);
}

static void
inputs_free(GArray *a)
{
	if (a == NULL)
		return;
	for (guint i = 0; i < a->len; i++) {
		struct input *in = &g_array_index(a, struct input, i);

		if (in->rec == NULL) {
			g_free(in->rel);
			g_free(in->hash);
		}
	}
	g_array_free(a, TRUE);
}

void
guideline_free(struct guideline *g)
{
	if (g == NULL)
		return;
	g_free(g->dir);
	g_free(g->hash);
	g_free(g->title);
	g_free(g->edition);
	g_free(g->publisher);
	g_free(g->author);
	g_free(g->attribution);
	for (int i = 0; i < PATTERNS; i++) {
		g_free(g->patterns[i].confidentiality);
		g_free(g->patterns[i].integrity);
		g_free(g->patterns[i].availability);
		g_free(g->patterns[i].description);
	}
	for (guint i = 0; i < g->criteria->len; i++) {
		struct criterion *c = g_ptr_array_index(g->criteria, i);
		g_free(c->aspect);
		g_free(c->level);
		g_strfreev(c->texts);
		g_free(c);
	}
	g_ptr_array_free(g->criteria, TRUE);
	for (guint i = 0; i < g->service_types->len; i++) {
		struct service_type *t = g_ptr_array_index(g->service_types, i);
		g_free(t->name);
		g_free(t);
	}
	g_ptr_array_free(g->service_types, TRUE);
	g_strfreev(g->service_types_note);
	for (guint i = 0; i < g->parts->len; i++)
		part_free(g_ptr_array_index(g->parts, i));
	g_ptr_array_free(g->parts, TRUE);
	for (guint i = 0; i < g->orphans->len; i++)
		section_free(g_ptr_array_index(g->orphans, i));
	g_ptr_array_free(g->orphans, TRUE);
	for (guint i = 0; i < g->controls->len; i++)
		control_free(g_ptr_array_index(g->controls, i));
	g_ptr_array_free(g->controls, TRUE);
	for (guint i = 0; i < g->links->len; i++)
		xref_free(g_ptr_array_index(g->links, i));
	g_ptr_array_free(g->links, TRUE);
	g_hash_table_destroy(g->ids);
	g_string_chunk_free(g->id_text);
	g_ptr_array_free(g->id_pos, TRUE);
	g_hash_table_destroy(g->by_id);
	g_hash_table_destroy(g->renumbered);
	g_string_chunk_free(g->files);
	inputs_free(g->inputs);
	inputs_free(g->dirs);
	state_free(g->state); /* after the stubs, whose strings it holds */
	g_free(g);
}

bool
date_valid(const char *s)
{
	GDateTime *dt;
	char *iso;
	bool ok;

	if (strlen(s) != 10)
		return false;
	iso = g_strconcat(s, "T00:00:00Z", NULL);
	dt = g_date_time_new_from_iso8601(iso, NULL);
	ok = dt != NULL;
	if (dt != NULL)
		g_date_time_unref(dt);
	g_free(iso);
	return ok;
}
