/*
 * export: the whole model as JSON (jansson), for other tools.  The
 * schema is documented in README.md.
 */
#include <stdio.h>
#include <string.h>

#include <cmark-gfm.h>
#include <glib.h>
#include <jansson.h>

#include "export.h"
#include "model.h"

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* A number: an integer when it is whole, so 5世代 exports as 5. */
static json_t *
jnum(double d)
{
	if (d == (double)(json_int_t)d)
		return json_integer((json_int_t)d);
	return json_real(d);
}

/* A duration or period as {amount, unit}. */
static json_t *
span(double amount, enum value_unit u)
{
	return json_pack("{s:o, s:s}", "amount", jnum(amount), "unit",
			 value_unit_name(u));
}

json_t *
export_value(const struct value *v)
{
	json_t *o = json_object();
	const char *b;

	json_object_set_new(o, "text", jstr(v->text));
	json_object_set_new(o, "known", json_boolean(v->kind != VALUE_UNKNOWN));
	json_object_set_new(o, "required", json_boolean(v->required));
	json_object_set_new(o, "kind", json_string(value_kind_name(v->kind)));
	switch (v->kind) {
	case VALUE_FREQUENCY:
		json_object_set_new(o, "times", jnum(v->number));
		json_object_set_new(o, "per", span(v->amount, v->unit));
		break;
	case VALUE_WITHIN:
	case VALUE_AT_LEAST:
		json_object_set_new(o, "amount", jnum(v->amount));
		json_object_set_new(o, "unit",
				    json_string(value_unit_name(v->unit)));
		if (v->event != NULL)
			json_object_set_new(o, "from", json_string(v->event));
		break;
	case VALUE_PERCENTAGE:
	case VALUE_COUNT:
		json_object_set_new(o, v->kind == VALUE_COUNT ? "count"
							      : "percent",
				    jnum(v->number));
		if (v->counter != NULL)
			json_object_set_new(o, "counter",
					    json_string(v->counter));
		b = value_bound_name(v->bound);
		if (b != NULL)
			json_object_set_new(o, "bound", json_string(b));
		break;
	case VALUE_ONE_OF:
	case VALUE_ALL_OF: {
		json_t *a = json_array();
		for (char **p = v->options; p != NULL && *p != NULL; p++)
			json_array_append_new(a, json_string(*p));
		json_object_set_new(o, "options", a);
		break;
	}
	default:
		break;
	}
	return o;
}

static const char *
marker_style(int depth)
{
	static const char *const styles[] = {"lower-roman", "lower-alpha",
					     "decimal"};
	return styles[(depth - 1) % 3];
}

/*
 * A list as [{marker, text, items}]: the text of an item is its
 * paragraphs; nested lists become its items.
 */
static json_t *
list_json(cmark_node *list, int depth)
{
	json_t *a = json_array();
	int i = 0;

	for (cmark_node *it = cmark_node_first_child(list); it != NULL;
	     it = cmark_node_next(it), i++) {
		json_t *o = json_object();
		GString *text = g_string_new(NULL);
		json_t *sub = NULL;

		for (cmark_node *b = cmark_node_first_child(it); b != NULL;
		     b = cmark_node_next(b)) {
			if (cmark_node_get_type(b) == CMARK_NODE_LIST) {
				sub = list_json(b, depth + 1);
				continue;
			}
			md_append_plain(text, b);
		}
		json_object_set_new(o, "marker",
				    json_string(marker_style(depth)));
		json_object_set_new(o, "text", json_string(text->str));
		g_string_free(text, TRUE);
		if (sub != NULL)
			json_object_set_new(o, "items", sub);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
items_json(const struct control *c)
{
	json_t *a = json_array();

	for (guint i = 0; i < c->items->len; i++) {
		const struct item *it = g_ptr_array_index(c->items, i);
		json_t *o = json_object(), *vals = json_object();
		const char *b = value_better_name(it->better);

		json_object_set_new(o, "key", json_string(it->key));
		json_object_set_new(o, "label", jstr(it->label));
		if (b != NULL)
			json_object_set_new(o, "better", json_string(b));
		for (int p = 0; p < PATTERNS; p++) {
			char k[2] = {(char)('1' + p), '\0'};
			json_object_set_new(vals, k,
					    export_value(&it->values[p]));
		}
		json_object_set_new(o, "values", vals);
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
export_control(const struct control *c)
{
	json_t *o = json_object();
	char *part = g_strdup(c->id), *sec, *sub, *disp, *text;
	cmark_node *doc = body_parse(&c->body);
	cmark_node *bp = md_best_practices(doc);

	*strchr(part, '.') = '\0';
	sec = g_strdup_printf("%s.%d", part, c->num[1]);
	sub = g_strdup_printf("%s.%d.%d", part, c->num[1], c->num[2]);
	disp = id_display(c->id);
	text = control_text(c);
	json_object_set_new(o, "id", json_string(c->id));
	json_object_set_new(o, "display_id", json_string(disp));
	json_object_set_new(o, "part", json_string(part));
	json_object_set_new(o, "section", json_string(sec));
	json_object_set_new(o, "subsection", json_string(sub));
	json_object_set_new(o, "level", json_string(level_name(c->level)));
	if (c->title != NULL)
		json_object_set_new(o, "title", json_string(c->title));
	json_object_set_new(o, "text", json_string(text));
	json_object_set_new(o, "best_practices",
			    bp != NULL ? list_json(bp, 1) : json_array());
	json_object_set_new(o, "items", items_json(c));
	if (doc != NULL)
		cmark_node_free(doc);
	g_free(part);
	g_free(sec);
	g_free(sub);
	g_free(disp);
	g_free(text);
	return o;
}

static json_t *
structure_json(const struct guideline *g)
{
	json_t *parts = json_array();

	for (guint i = 0; i < g->parts->len; i++) {
		const struct part *p = g_ptr_array_index(g->parts, i);
		json_t *po = json_object(), *secs = json_array();

		json_object_set_new(po, "id", json_string(p->id));
		json_object_set_new(po, "title", jstr(p->title));
		for (guint j = 0; j < p->sections->len; j++) {
			const struct section *s =
				g_ptr_array_index(p->sections, j);
			json_t *so = json_object(), *subs = json_array();

			json_object_set_new(so, "id", json_string(s->id));
			json_object_set_new(so, "title", jstr(s->title));
			if (s->source != NULL)
				json_object_set_new(so, "source",
						    json_string(s->source));
			for (guint k = 0; k < s->subsections->len; k++) {
				const struct subsection *b =
					g_ptr_array_index(s->subsections, k);
				json_array_append_new(
					subs, json_pack("{s:s, s:s}", "id",
							b->id, "title",
							b->title));
			}
			json_object_set_new(so, "subsections", subs);
			json_array_append_new(secs, so);
		}
		json_object_set_new(po, "sections", secs);
		json_array_append_new(parts, po);
	}
	return parts;
}

json_t *
export_guideline(const struct guideline *g)
{
	json_t *root = json_object(), *pats = json_array(), *types = json_array();
	json_t *ctls = json_array();

	json_object_set_new(
		root, "guideline",
		json_pack("{s:o, s:o, s:o, s:o, s:o}", "title", jstr(g->title),
			  "edition", jstr(g->edition), "publisher",
			  jstr(g->publisher), "author", jstr(g->author),
			  "attribution", jstr(g->attribution)));
	for (int i = 0; i < PATTERNS; i++) {
		const struct pattern *p = &g->patterns[i];
		if (p->num == 0)
			continue;
		json_array_append_new(
			pats, json_pack("{s:i, s:o, s:o, s:o, s:o}", "number",
					p->num, "confidentiality",
					jstr(p->confidentiality), "integrity",
					jstr(p->integrity), "availability",
					jstr(p->availability), "description",
					jstr(p->description)));
	}
	json_object_set_new(root, "patterns", pats);
	for (guint i = 0; i < g->service_types->len; i++) {
		const struct service_type *t =
			g_ptr_array_index(g->service_types, i);
		json_array_append_new(
			types, json_pack("{s:s, s:o}", "name", t->name,
					 "pattern",
					 t->pattern ? json_integer(t->pattern)
						    : json_null()));
	}
	json_object_set_new(root, "service_types", types);
	json_object_set_new(root, "parts", structure_json(g));
	for (guint i = 0; i < g->controls->len; i++)
		json_array_append_new(
			ctls, export_control(g_ptr_array_index(g->controls, i)));
	json_object_set_new(root, "controls", ctls);
	return root;
}

int
export_json(const struct guideline *g, FILE *out)
{
	json_t *root = export_guideline(g);
	int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(10));

	if (rc == 0)
		fputc('\n', out);
	json_decref(root);
	return rc == 0 ? 0 : -1;
}
