/*
 * answers: read a provider's answers file and check it against the
 * guideline.  Every problem is reported at its key or value, and
 * reading goes on, so one run shows them all.  The result holds one
 * answer per control of the guideline, judged (judge.c).
 */
#include <string.h>

#include <glib.h>

#include "answers.h"
#include "diag.h"
#include "source.h"
#include "ydoc.h"

static const char *const top_keys[] = {"provider", "classification",
				       "pattern",  "edition",
				       "answers",  NULL};
static const char *const provider_keys[] = {"name", "service",
					    "service_type", "disclosure_date",
					    "contact", NULL};
static const char *const class_keys[] = {"confidentiality", "availability",
					 NULL};
static const char *const answer_keys[] = {"status", "values", "value",
					  "note", "evidence", NULL};

struct reader {
	struct ydoc y;
	const struct guideline *g;
	struct answers *a;
	const char **ids; /* the guideline's control IDs, for did-you-mean */
};

static char *
str_at(struct reader *r, yaml_node_t *map, const char *key, bool required)
{
	yaml_node_t *n = ydoc_get(&r->y, map, key);
	const char *s;

	if (n == NULL || ydoc_is_null(n)) {
		struct pos p = ydoc_pos(&r->y, n != NULL ? n : map);
		if (required && n == NULL)
			diag(E_KEY_MISSING, p.file, p.line, p.col, key);
		else if (required)
			diag(E_EMPTY, p.file, p.line, p.col, key);
		return NULL;
	}
	s = ydoc_str(&r->y, n, key);
	if (s != NULL && *s == '\0' && required) {
		struct pos p = ydoc_pos(&r->y, n);
		diag(E_EMPTY, p.file, p.line, p.col, key);
	}
	return s != NULL ? g_strdup(s) : NULL;
}

static void
read_date(struct reader *r, yaml_node_t *map, const char *key, char **out)
{
	*out = str_at(r, map, key, true);
	if (*out != NULL && !date_valid(*out)) {
		struct pos p = ydoc_pos(&r->y, ydoc_get(&r->y, map, key));
		diag(E_ANS_DATE, p.file, p.line, p.col, key, *out);
	}
}

static void
read_provider(struct reader *r, yaml_node_t *root)
{
	yaml_node_t *p = ydoc_get(&r->y, root, "provider");
	struct answers *a = r->a;

	if (p == NULL) {
		diag(E_KEY_MISSING, a->path, 1, 1, "provider");
		return;
	}
	if (ydoc_check_keys(&r->y, p, "provider", provider_keys) < 0)
		return;
	a->name = str_at(r, p, "name", true);
	a->service = str_at(r, p, "service", true);
	a->service_type = str_at(r, p, "service_type", false);
	read_date(r, p, "disclosure_date", &a->disclosure_date);
	a->contact = str_at(r, p, "contact", false);
}

/* 高/中/低, or high/medium/low; NULL after reporting otherwise. */
static char *
level_word(struct reader *r, yaml_node_t *map, const char *key, bool middle)
{
	static const struct {
		const char *word, *level;
	} words[] = {{"高", "高"}, {"high", "高"}, {"中", "中"},
		     {"medium", "中"}, {"低", "低"}, {"low", "低"}};
	char *s = str_at(r, map, key, true);

	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (g_ascii_strcasecmp(s, words[i].word) == 0 &&
		    (middle || strcmp(words[i].level, "中") != 0)) {
			g_free(s);
			return g_strdup(words[i].level);
		}
	struct pos p = ydoc_pos(&r->y, ydoc_get(&r->y, map, key));
	diag(E_CIA_LEVEL, p.file, p.line, p.col, s,
	     middle ? "高, 中 or 低 (high, medium, low)" : "高 or 低 (high, low)");
	g_free(s);
	return NULL;
}

static void
read_pattern(struct reader *r, yaml_node_t *root)
{
	struct answers *a = r->a;
	yaml_node_t *c = ydoc_get(&r->y, root, "classification");
	yaml_node_t *pn = ydoc_get(&r->y, root, "pattern");

	if (c == NULL) {
		diag(E_ANS_NO_PATTERN, a->path, 1, 1);
	} else if (ydoc_check_keys(&r->y, c, "classification", class_keys) ==
		   0) {
		a->confidentiality = level_word(r, c, "confidentiality", false);
		a->availability = level_word(r, c, "availability", true);
		a->pattern = pattern_for(r->g, a->confidentiality,
					 a->availability);
	}
	if (pn != NULL && !ydoc_is_null(pn)) {
		const char *s = ydoc_str(&r->y, pn, "pattern");
		struct pos p = ydoc_pos(&r->y, pn);
		int n = ydoc_pattern(s);
		if (s != NULL && n == 0)
			diag(E_PATTERN_KEY, p.file, p.line, p.col, s);
		else if (n != 0 && a->pattern != 0 && n != a->pattern)
			diag(E_ANS_PATTERN, p.file, p.line, p.col, n,
			     a->pattern);
		else if (n != 0 && a->confidentiality == NULL && c != NULL)
			a->pattern = 0; /* classification was bad */
	}
}

/* Warn when the service type's pattern in the guideline's table differs. */
static void
check_service_type(struct reader *r, yaml_node_t *root)
{
	struct answers *a = r->a;
	yaml_node_t *prov = ydoc_get(&r->y, root, "provider");
	struct pos p;

	if (a->service_type == NULL || a->pattern == 0)
		return;
	p = ydoc_pos(&r->y, ydoc_get(&r->y, prov, "service_type"));
	for (guint i = 0; i < r->g->service_types->len; i++) {
		const struct service_type *t =
			g_ptr_array_index(r->g->service_types, i);
		if (strcmp(t->name, a->service_type) != 0)
			continue;
		if (t->pattern != 0 && t->pattern != a->pattern)
			diag(W_SERVICE_PATTERN, p.file, p.line, p.col, t->name,
			     t->pattern, a->pattern);
		return;
	}
	diag(W_SERVICE_UNKNOWN, p.file, p.line, p.col, a->service_type);
}

static void
read_edition(struct reader *r, yaml_node_t *root)
{
	struct answers *a = r->a;

	read_date(r, root, "edition", &a->edition);
	if (a->edition != NULL && r->g->edition != NULL &&
	    date_valid(a->edition) &&
	    strcmp(a->edition, r->g->edition) != 0) {
		struct pos p = ydoc_pos(&r->y, ydoc_get(&r->y, root, "edition"));
		diag(E_ANS_EDITION, p.file, p.line, p.col, a->edition,
		     r->g->edition);
	}
}

static enum status
parse_status(struct reader *r, yaml_node_t *n)
{
	const char *s = n != NULL && !ydoc_is_null(n)
				? ydoc_str(&r->y, n, "status")
				: NULL;

	if (s == NULL)
		return STATUS_NONE;
	for (int i = 1; i < STATUS__MAX; i++)
		if (strcmp(s, status_name(i)) == 0)
			return i;
	struct pos p = ydoc_pos(&r->y, n);
	diag(E_ANS_STATUS, p.file, p.line, p.col, s);
	return STATUS_NONE;
}

/* "a, b, c": the keys of a control's items, for messages. */
static char *
item_keys(const struct control *c)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < c->items->len; i++) {
		const struct item *it = g_ptr_array_index(c->items, i);
		g_string_append_printf(s, "%s%s", i ? ", " : "", it->key);
	}
	if (s->len == 0)
		g_string_append(s, "none");
	return g_string_free(s, FALSE);
}

static const char *
expects(enum value_kind k)
{
	switch (k) {
	case VALUE_FREQUENCY:
		return "a frequency such as 1/5min or 2/1d";
	case VALUE_WITHIN:
	case VALUE_AT_LEAST:
		return "a duration such as 30min, 24h, 3d, 6mo or 2y";
	case VALUE_PERCENTAGE:
		return "a percentage such as 99.9%";
	case VALUE_COUNT:
		return "a count such as 7";
	default:
		return "text";
	}
}

/* A reference set's options, "A, B or C", for messages. */
static char *
options_text(const struct item *it)
{
	for (int p = 0; p < PATTERNS; p++)
		if (it->values[p].options != NULL)
			return g_strjoinv(", ", it->values[p].options);
	return g_strdup("");
}

static bool
is_option(const struct item *it, const char *label)
{
	for (int p = 0; p < PATTERNS; p++)
		for (char **o = it->values[p].options; o != NULL && *o != NULL;
		     o++)
			if (strcmp(*o, label) == 0)
				return true;
	return false;
}

/* A set declared as a YAML list (or one label): every label must be one
 * of the guideline's options. */
static void
read_set(struct reader *r, yaml_node_t *n, struct answer_item *ai,
	 enum value_kind kind)
{
	GPtrArray *labels = g_ptr_array_new();
	size_t count = n->type == YAML_SEQUENCE_NODE ? ydoc_len(n) : 1;

	for (size_t i = 0; i < count; i++) {
		yaml_node_t *e = n->type == YAML_SEQUENCE_NODE
					 ? ydoc_seq_at(&r->y, n, i)
					 : n;
		const char *s = ydoc_str(&r->y, e, ai->item->key);
		struct pos p = ydoc_pos(&r->y, e);

		if (s == NULL)
			continue;
		if (!is_option(ai->item, s)) {
			char *opts = options_text(ai->item);
			diag(E_ANS_OPTION, p.file, p.line, p.col, s,
			     ai->item->key, opts);
			g_free(opts);
			continue;
		}
		g_ptr_array_add(labels, g_strdup(s));
	}
	g_ptr_array_add(labels, NULL);
	ai->declared.present = true;
	ai->declared.kind = kind;
	ai->declared.options = (char **)g_ptr_array_free(labels, FALSE);
	ai->declared.text = g_strjoinv("、", ai->declared.options);
}

static void
read_value(struct reader *r, yaml_node_t *n, struct answer_item *ai)
{
	enum value_kind kind = item_kind(ai->item);
	struct pos p = ydoc_pos(&r->y, n);
	const char *s;

	if (ydoc_is_null(n))
		return;
	if (kind == VALUE_ONE_OF || kind == VALUE_ALL_OF) {
		read_set(r, n, ai, kind);
		return;
	}
	if ((s = ydoc_str(&r->y, n, ai->item->key)) == NULL)
		return;
	if (declared_parse(&ai->declared, s, kind) < 0)
		diag(E_ANS_VALUE, p.file, p.line, p.col, s, expects(kind));
}

static struct answer_item *
find_item(struct answer *an, const char *key)
{
	for (size_t i = 0; i < an->nitems; i++)
		if (strcmp(an->items[i].item->key, key) == 0)
			return &an->items[i];
	return NULL;
}

static void
read_values(struct reader *r, yaml_node_t *vals, yaml_node_t *val,
	    struct answer *an)
{
	const struct control *c = an->control;

	if (vals != NULL && val != NULL) {
		struct pos p = ydoc_pos(&r->y, val);
		diag(E_ANS_BOTH, p.file, p.line, p.col);
		return;
	}
	if ((vals != NULL || val != NULL) && an->nitems == 0) {
		struct pos p = ydoc_pos(&r->y, vals != NULL ? vals : val);
		diag(E_ANS_NO_ITEMS, p.file, p.line, p.col, c->id);
		return;
	}
	if (val != NULL) {
		if (an->nitems != 1) {
			struct pos p = ydoc_pos(&r->y, val);
			diag(E_ANS_VALUE_SINGLE, p.file, p.line, p.col, c->id,
			     (int)an->nitems);
			return;
		}
		read_value(r, val, &an->items[0]);
		return;
	}
	if (vals == NULL)
		return;
	if (!ydoc_is_map(&r->y, vals, "values",
			 "a mapping of item keys to values"))
		return;
	for (yaml_node_pair_t *pr = vals->data.mapping.pairs.start;
	     pr < vals->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = ydoc_node(&r->y, pr->key);
		const char *ks = ydoc_str(&r->y, k, "item key");
		struct answer_item *ai;

		if (ks == NULL)
			continue;
		if ((ai = find_item(an, ks)) == NULL) {
			struct pos p = ydoc_pos(&r->y, k);
			char *keys = item_keys(c);
			diag(E_ANS_ITEM, p.file, p.line, p.col, ks, c->id, keys);
			g_free(keys);
			continue;
		}
		read_value(r, ydoc_node(&r->y, pr->value), ai);
	}
}

static void
read_answer(struct reader *r, yaml_node_t *k, yaml_node_t *v)
{
	const char *id = ydoc_str(&r->y, k, "control ID");
	struct pos p = ydoc_pos(&r->y, k);
	const struct control *c;
	struct answer *an = NULL;

	if (id == NULL)
		return;
	c = guideline_control(r->g, id);
	if (c == NULL) {
		const char *near = did_you_mean(id, r->ids);
		char *hint = near ? g_strdup_printf("; did you mean %s?", near)
				  : g_strdup("");
		diag(E_ANS_CONTROL, p.file, p.line, p.col, id, hint);
		g_free(hint);
		return;
	}
	for (size_t i = 0; i < r->a->nanswers; i++)
		if (r->a->answers[i].control == c)
			an = &r->a->answers[i];
	an->pos = p;
	if (ydoc_check_keys(&r->y, v, id, answer_keys) < 0)
		return;
	/* no status, or an empty one as init-answers writes it: the
	 * control is not answered yet */
	an->status = parse_status(r, ydoc_get(&r->y, v, "status"));
	g_free(an->note);
	an->note = str_at(r, v, "note", false);
	g_free(an->evidence);
	an->evidence = str_at(r, v, "evidence", false);
	read_values(r, ydoc_get(&r->y, v, "values"),
		    ydoc_get(&r->y, v, "value"), an);
}

static void
read_answers(struct reader *r, yaml_node_t *root)
{
	yaml_node_t *n = ydoc_get(&r->y, root, "answers");
	struct pos p = ydoc_pos(&r->y, n);

	if (n == NULL || ydoc_is_null(n))
		return;
	if (!ydoc_is_map(&r->y, n, "answers",
			 "a mapping of control IDs to answers"))
		return;
	if (ydoc_len(n) > ANSWERS_MAX) {
		diag(E_ANS_TOO_MANY, p.file, p.line, p.col, ANSWERS_MAX);
		return;
	}
	for (yaml_node_pair_t *pr = n->data.mapping.pairs.start;
	     pr < n->data.mapping.pairs.top; pr++)
		read_answer(r, ydoc_node(&r->y, pr->key),
			    ydoc_node(&r->y, pr->value));
}

void
answers_prepare(struct answers *a, const struct guideline *g)
{
	a->nanswers = g->controls->len;
	a->answers = g_new0(struct answer, a->nanswers);
	for (size_t i = 0; i < a->nanswers; i++) {
		struct answer *an = &a->answers[i];
		an->control = g_ptr_array_index(g->controls, i);
		an->nitems = an->control->items->len;
		an->items = g_new0(struct answer_item, an->nitems);
		for (size_t j = 0; j < an->nitems; j++)
			an->items[j].item =
				g_ptr_array_index(an->control->items, j);
	}
}

void
answers_judge(struct answers *a)
{
	for (size_t i = 0; i < a->nanswers; i++) {
		struct answer *an = &a->answers[i];
		an->judgement = an->status == STATUS_NOT_APPLICABLE
					? JUDGE_NOT_APPLICABLE
					: JUDGE_MEETS;
		for (size_t j = 0; j < an->nitems; j++) {
			struct answer_item *ai = &an->items[j];
			if (an->status == STATUS_NOT_APPLICABLE)
				ai->judgement = JUDGE_NOT_APPLICABLE;
			else if (a->pattern == 0)
				ai->judgement = JUDGE_CANNOT_JUDGE;
			else
				ai->judgement = judge_value(
					&ai->item->values[a->pattern - 1],
					&ai->declared);
			if (ai->judgement > an->judgement)
				an->judgement = ai->judgement;
		}
		if (an->status == STATUS_NONE && an->nitems == 0)
			an->judgement = JUDGE_UNANSWERED;
	}
}

struct answers *
answers_load(const char *path, const struct guideline *g)
{
	struct reader r = {0};
	struct source s;
	yaml_node_t *root;
	struct answers *a = NULL;

	if (source_read(&s, path) < 0 ||
	    ydoc_load(&r.y, path, s.buf, s.len, 0) < 0)
		goto out;
	root = ydoc_root(&r.y);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		diag(E_TYPE, path, 1, 1, "the answers file", "a mapping");
		goto out;
	}
	a = g_new0(struct answers, 1);
	a->path = g_strdup(path);
	a->sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
						(const guchar *)s.buf, s.len);
	r.g = g;
	r.a = a;
	r.ids = g_new0(const char *, g->controls->len + 1);
	for (guint i = 0; i < g->controls->len; i++)
		r.ids[i] = ((struct control *)g_ptr_array_index(g->controls,
								 i))->id;
	answers_prepare(a, g);
	ydoc_check_keys(&r.y, root, "the answers file", top_keys);
	read_provider(&r, root);
	read_pattern(&r, root);
	check_service_type(&r, root);
	read_edition(&r, root);
	read_answers(&r, root);
	answers_judge(a);
	g_free(r.ids);
out:
	ydoc_free(&r.y);
	source_free(&s);
	return a;
}

void
answers_free(struct answers *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->nanswers; i++) {
		struct answer *an = &a->answers[i];
		for (size_t j = 0; j < an->nitems; j++)
			declared_clear(&an->items[j].declared);
		g_free(an->items);
		g_free(an->note);
		g_free(an->evidence);
	}
	g_free(a->answers);
	g_free(a->path);
	g_free(a->sha256);
	g_free(a->name);
	g_free(a->service);
	g_free(a->service_type);
	g_free(a->disclosure_date);
	g_free(a->contact);
	g_free(a->confidentiality);
	g_free(a->availability);
	g_free(a->edition);
	g_free(a);
}
