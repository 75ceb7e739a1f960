/*
 * answers_gen: what helps a provider write an answers file — a complete
 * file to fill in (init-answers) and a JSON Schema for editors.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "answers.h"
#include "answers_gen.h"

/* The first LIMIT characters of S, with … when cut; a new string. */
static char *
clip(const char *s, long limit)
{
	char *flat = g_strdup(s);
	glong n;

	for (char *p = flat; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	n = g_utf8_strlen(flat, -1);
	if (n <= limit)
		return flat;
	char *cut = g_utf8_substring(flat, 0, limit);
	char *r = g_strconcat(cut, "…", NULL);
	g_free(cut);
	g_free(flat);
	return r;
}

/* "20分以内* (required)", "未収録 (unknown)", …: a reference value as a
 * comment says it.  New string. */
static char *
ref_comment(const struct value *v)
{
	switch (v->kind) {
	case VALUE_UNKNOWN:
		return g_strdup("未収録 (not known for this pattern)");
	case VALUE_PROVIDER:
		return g_strdup("- (you set your own value)");
	default:
		return g_strdup_printf("%s%s", v->text,
				       v->required ? " (required)" : "");
	}
}

static const char *
example(enum value_kind k)
{
	switch (k) {
	case VALUE_FREQUENCY:
		return "e.g. 1/5min";
	case VALUE_WITHIN:
	case VALUE_AT_LEAST:
		return "e.g. 30min, 24h, 3d, 6mo, 2y";
	case VALUE_PERCENTAGE:
		return "e.g. 99.9%";
	case VALUE_COUNT:
		return "e.g. 7";
	case VALUE_DONE:
		return "yes or no";
	case VALUE_ONE_OF:
	case VALUE_ALL_OF:
		return "a list of";
	default:
		return "text";
	}
}

static void
print_item(FILE *f, const struct item *it, int pattern, bool single)
{
	const struct value *v = &it->values[pattern - 1];
	enum value_kind k = item_kind(it);
	char *ref = ref_comment(v), *label = clip(it->label, 40);

	if (single)
		fprintf(f, "    value:      # %s\n", label);
	else
		fprintf(f, "      %s:       # %s\n", it->key, label);
	fprintf(f, "%s#   パターン%d: %s; %s", single ? "      " : "        ",
		pattern, ref, example(k));
	if (k == VALUE_ONE_OF || k == VALUE_ALL_OF) {
		for (int p = 0; p < PATTERNS; p++)
			if (it->values[p].options != NULL) {
				char *o = g_strjoinv(", ", it->values[p].options);
				fprintf(f, " [%s]", o);
				g_free(o);
				break;
			}
	}
	fputc('\n', f);
	g_free(ref);
	g_free(label);
}

void
answers_init_print(const struct guideline *g, int pattern, FILE *f)
{
	const struct pattern *p = &g->patterns[pattern - 1];

	fprintf(f, "# Answers to 「%s」 (%s), pattern %d.\n"
		   "# Fill in the provider, then each control's status and "
		   "values;\n"
		   "# check with: guidepress check ANSWERS.yaml\n"
		   "# status: implemented | partial | planned | "
		   "not_implemented | not_applicable\n",
		g->title, g->edition, pattern);
	fprintf(f, "provider:\n"
		   "  name:               # required\n"
		   "  service:            # required\n"
		   "  service_type:       # optional: a service type of the "
		   "guideline's table\n"
		   "  disclosure_date:    # required, YYYY-MM-DD\n"
		   "  contact:            # optional\n");
	fprintf(f, "classification:       # gives pattern %d\n"
		   "  confidentiality: %s\n  availability: %s\n",
		pattern, p->confidentiality, p->availability);
	fprintf(f, "pattern: %d\nedition: %s\nanswers:\n", pattern, g->edition);
	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);
		char *disp = id_display(c->id), *text = control_text(c);
		char *t = clip(text, 48);

		fprintf(f, "  # %s【%s】%s\n  %s:\n    status:\n", disp,
			level_name(c->level), t, c->id);
		if (c->items->len == 1)
			print_item(f, g_ptr_array_index(c->items, 0), pattern,
				   true);
		else if (c->items->len > 1) {
			fprintf(f, "    values:\n");
			for (guint j = 0; j < c->items->len; j++)
				print_item(f, g_ptr_array_index(c->items, j),
					   pattern, false);
		}
		fprintf(f, "    note:\n");
		g_free(disp);
		g_free(text);
		g_free(t);
	}
}

/* The unit syntax of declared values, as regular expressions. */
#define UNITS "(s|sec|min|h|d|w|mo|y|秒|分|時間|日|週間|週|ヶ月|か月|カ月|月|年間|年)"
#define SPAN "^\\s*[0-9]+(\\.[0-9]+)?\\s*" UNITS "\\s*$"
#define FREQ "^\\s*[0-9]+(\\.[0-9]+)?\\s*回?\\s*/\\s*([0-9]+(\\.[0-9]+)?)?\\s*" UNITS "\\s*$"

static json_t *
value_schema(const struct item *it)
{
	enum value_kind k = item_kind(it);
	json_t *s = json_object();
	GString *desc = g_string_new(it->label);

	g_string_append(desc, "\n対策参照値:");
	for (int p = 0; p < PATTERNS; p++) {
		char *c = ref_comment(&it->values[p]);
		g_string_append_printf(desc, "\nパターン%d: %s", p + 1, c);
		g_free(c);
	}
	json_object_set_new(s, "description", json_string(desc->str));
	g_string_free(desc, TRUE);
	switch (k) {
	case VALUE_FREQUENCY:
		json_object_set_new(s, "anyOf", json_pack("[{s:s, s:s}, {s:s, s:s}]",
			"type", "string", "pattern", FREQ, "type", "string",
			"pattern", SPAN));
		break;
	case VALUE_WITHIN:
	case VALUE_AT_LEAST:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "pattern", json_string(SPAN));
		break;
	case VALUE_PERCENTAGE:
		json_object_set_new(s, "type", json_pack("[s, s]", "string",
							 "number"));
		json_object_set_new(s, "pattern",
				    json_string("^\\s*[0-9]+(\\.[0-9]+)?\\s*%?\\s*$"));
		break;
	case VALUE_COUNT:
		json_object_set_new(s, "type", json_pack("[s, s]", "string",
							 "integer"));
		break;
	case VALUE_DONE:
		json_object_set_new(s, "type", json_pack("[s, s]", "string",
							 "boolean"));
		break;
	case VALUE_ONE_OF:
	case VALUE_ALL_OF: {
		json_t *e = json_array();
		for (int p = 0; p < PATTERNS; p++)
			for (char **o = it->values[p].options;
			     o != NULL && *o != NULL; o++) {
				bool dup = false;
				size_t i;
				json_t *x;
				json_array_foreach(e, i, x) dup |=
					strcmp(json_string_value(x), *o) == 0;
				if (!dup)
					json_array_append_new(e, json_string(*o));
			}
		json_object_set_new(s, "type", json_string("array"));
		json_object_set_new(s, "items", json_pack("{s:o}", "enum", e));
		break;
	}
	default:
		json_object_set_new(s, "type", json_pack("[s, s]", "string",
							 "number"));
		break;
	}
	return s;
}

static json_t *
control_schema(const struct control *c)
{
	char *disp = id_display(c->id), *text = control_text(c);
	char *desc = g_strdup_printf("%s【%s】%s", disp, level_name(c->level),
				     text);
	json_t *props = json_pack(
		"{s:{s:[s,s,s,s,s,n]}, s:{s:s}, s:{s:s}}", "status", "enum",
		"implemented", "partial", "planned", "not_implemented",
		"not_applicable", "note", "type", "string", "evidence", "type",
		"string");
	json_t *s = json_pack("{s:s, s:s, s:b}", "type", "object", "description",
			      desc, "additionalProperties", 0);

	if (c->items->len == 1) {
		json_object_set_new(props, "value",
				    value_schema(g_ptr_array_index(c->items, 0)));
	} else if (c->items->len > 1) {
		json_t *vp = json_object();
		for (guint i = 0; i < c->items->len; i++) {
			const struct item *it = g_ptr_array_index(c->items, i);
			json_object_set_new(vp, it->key, value_schema(it));
		}
		json_object_set_new(props, "values",
				    json_pack("{s:s, s:o, s:b}", "type", "object",
					      "properties", vp,
					      "additionalProperties", 0));
	}
	json_object_set_new(s, "properties", props);
	g_free(disp);
	g_free(text);
	g_free(desc);
	return s;
}

json_t *
answers_schema(const struct guideline *g)
{
	json_t *controls = json_object(), *level;
	json_t *root;

	for (guint i = 0; i < g->controls->len; i++) {
		const struct control *c = g_ptr_array_index(g->controls, i);
		json_object_set_new(controls, c->id, control_schema(c));
	}
	level = json_pack("{s:[s,s,s,s,s,s]}", "enum", "高", "中", "低", "high",
			  "medium", "low");
	root = json_pack(
		"{s:s, s:s, s:s, s:s, s:[s,s,s,s], s:b, s:{"
		"s:{s:s, s:[s,s,s], s:b, s:{s:{s:s, s:i}, s:{s:s, s:i},"
		" s:{s:s}, s:{s:s, s:s}, s:{s:s}}},"
		"s:{s:s, s:[s,s], s:b, s:{s:{s:[s,s,s,s]}, s:o}},"
		"s:{s:s, s:i, s:i},"
		"s:{s:s, s:s},"
		"s:{s:s, s:o, s:b}}}",
		"$schema", "https://json-schema.org/draft/2020-12/schema",
		"$id", "https://guidepress.invalid/answers.schema.json",
		"title", "guidepress answers file",
		"description", g->title,
		"required", "provider", "classification", "edition", "answers",
		"additionalProperties", 0,
		"properties",
		"provider", "type", "object", "required", "name", "service",
		"disclosure_date", "additionalProperties", 0, "properties",
		"name", "type", "string", "minLength", 1,
		"service", "type", "string", "minLength", 1,
		"service_type", "type", "string",
		"disclosure_date", "type", "string", "format", "date",
		"contact", "type", "string",
		"classification", "type", "object", "required",
		"confidentiality", "availability", "additionalProperties", 0,
		"properties", "confidentiality", "enum", "高", "低", "high",
		"low", "availability", level,
		"pattern", "type", "integer", "minimum", 1, "maximum", 6,
		"edition", "type", "string", "format", "date",
		"answers", "type", "object", "properties", controls,
		"additionalProperties", 0);
	g_assert(root != NULL);
	return root;
}
