/*
 * report: tallies by part, section and level, and the JSON writer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "diag.h"
#include "fsio.h"
#include "report.h"

const enum status report_status_order[STATUS__MAX] = {
	STATUS_IMPLEMENTED,    STATUS_PARTIAL, STATUS_PLANNED,
	STATUS_NOT_IMPLEMENTED, STATUS_NOT_APPLICABLE, STATUS_NONE,
};

const enum judgement report_judgement_order[JUDGE__MAX] = {
	JUDGE_MEETS,	    JUDGE_FAILS,      JUDGE_BELOW_GUIDE,
	JUDGE_CANNOT_JUDGE, JUDGE_UNANSWERED, JUDGE_NOT_APPLICABLE,
};

const struct value *
report_reference(const struct report *r, const struct answer_item *ai)
{
	return r->pattern ? &ai->item->values[r->pattern->num - 1] : NULL;
}

GArray *
report_shortfalls(const struct report *r)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(struct report_shortfall));
	static const enum judgement want[] = {JUDGE_FAILS, JUDGE_BELOW_GUIDE};

	for (size_t w = 0; w < G_N_ELEMENTS(want); w++)
		for (size_t i = 0; i < r->a->nanswers; i++) {
			const struct answer *an = &r->a->answers[i];
			for (size_t j = 0; j < an->nitems; j++) {
				struct report_shortfall s = {an, &an->items[j]};
				if (an->items[j].judgement == want[w])
					g_array_append_val(a, s);
			}
		}
	return a;
}

void
report_rows(const struct report *r, const char *part,
	    void (*fn)(void *arg, const struct answer *an, size_t j), void *arg)
{
	size_t n = strlen(part);

	for (size_t i = 0; i < r->a->nanswers; i++) {
		const struct answer *an = &r->a->answers[i];
		size_t rows = an->nitems ? an->nitems : 1;
		if (strncmp(an->control->id, part, n) != 0 ||
		    an->control->id[n] != '.')
			continue;
		for (size_t j = 0; j < rows; j++)
			fn(arg, an, j);
	}
}

char *
report_remarks(const struct answer *an)
{
	if (an->note && an->evidence)
		return g_strdup_printf("%s（根拠：%s）", an->note, an->evidence);
	if (an->evidence)
		return g_strdup_printf("根拠：%s", an->evidence);
	return g_strdup(an->note ? an->note : "");
}

char *
report_group_label(const struct report_group *e)
{
	char *disp = id_display(e->id);
	char *s = g_strdup_printf("%s %s", disp, e->title ? e->title : "");

	g_free(disp);
	return s;
}

char *
report_pattern_text(const struct report *r)
{
	const struct pattern *p = r->pattern;

	if (p == NULL)
		return NULL;
	return g_strdup_printf("パターン%d（機密性 %s・完全性 %s・可用性 %s）",
			       p->num, p->confidentiality, p->integrity,
			       p->availability);
}

char *
report_edition_text(const struct report *r)
{
	return g_strdup_printf("「%s」（%s版）", r->g->title, r->a->edition);
}

char *
report_revision_intro(const struct report *r)
{
	const struct stale *st = r->stale;

	return g_strdup_printf(
		"回答は %s 版のガイドラインに対するものです。%s 版への改訂で"
		"新設された対策項目 %u 件、番号が変わった対策項目 %u 件、"
		"削除された対策項目 %u 件、要求（本文、区分、パターン%d の"
		"対策参照値）が変わった対策項目 %u 件があります。",
		st->from, st->to, st->added->len, st->renumbered->len,
		st->removed->len, r->a->pattern, st->review->len);
}

static void
count(struct tally *t, const struct answer *an)
{
	t->controls++;
	t->status[an->status]++;
	for (size_t i = 0; i < an->nitems; i++) {
		t->items++;
		t->judgement[an->items[i].judgement]++;
	}
}

static struct report_group *
group(GArray *a, const char *id, const char *title)
{
	struct report_group g = {id, title, {0}};

	for (guint i = 0; i < a->len; i++) {
		struct report_group *e = &g_array_index(a, struct report_group, i);
		if (strcmp(e->id, id) == 0)
			return e;
	}
	g_array_append_val(a, g);
	return &g_array_index(a, struct report_group, a->len - 1);
}

struct report *
report_new(const struct guideline *g, const struct answers *a)
{
	struct report *r = g_new0(struct report, 1);

	r->g = g;
	r->a = a;
	if (a->pattern >= 1 && a->pattern <= PATTERNS)
		r->pattern = &g->patterns[a->pattern - 1];
	r->parts = g_array_new(FALSE, TRUE, sizeof(struct report_group));
	r->sections = g_array_new(FALSE, TRUE, sizeof(struct report_group));
	for (size_t i = 0; i < a->nanswers; i++) {
		const struct answer *an = &a->answers[i];
		const struct control *c = an->control;
		const struct section *s = c->sub ? c->sub->section : NULL;
		const struct part *p = s ? s->part : NULL;

		count(&r->total, an);
		count(&r->level[c->level], an);
		if (p != NULL)
			count(&group(r->parts, p->id, p->title)->t, an);
		if (s != NULL)
			count(&group(r->sections, s->id, s->title)->t, an);
	}
	return r;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	g_array_free(r->parts, TRUE);
	g_array_free(r->sections, TRUE);
	g_free(r);
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
tally_json(const struct tally *t)
{
	json_t *o = json_object(), *st = json_object(), *ju = json_object();

	json_object_set_new(o, "controls", json_integer(t->controls));
	json_object_set_new(o, "items", json_integer(t->items));
	for (int i = 0; i < STATUS__MAX; i++)
		json_object_set_new(st, status_name(i),
				    json_integer(t->status[i]));
	for (int i = 0; i < JUDGE__MAX; i++)
		json_object_set_new(ju, judgement_name(i),
				    json_integer(t->judgement[i]));
	json_object_set_new(o, "status", st);
	json_object_set_new(o, "judgement", ju);
	return o;
}

static json_t *
groups_json(GArray *a)
{
	json_t *o = json_object();

	for (guint i = 0; i < a->len; i++) {
		const struct report_group *e =
			&g_array_index(a, struct report_group, i);
		json_object_set_new(o, e->id, tally_json(&e->t));
	}
	return o;
}

static json_t *
summary_json(const struct report *r)
{
	json_t *o = tally_json(&r->total), *lv = json_object();

	json_object_set_new(lv, "基本", tally_json(&r->level[LEVEL_BASIC]));
	json_object_set_new(lv, "推奨",
			    tally_json(&r->level[LEVEL_RECOMMENDED]));
	json_object_set_new(o, "by_part", groups_json(r->parts));
	json_object_set_new(o, "by_section", groups_json(r->sections));
	json_object_set_new(o, "by_level", lv);
	return o;
}

static json_t *
items_json(const struct report *r, const struct answer *an)
{
	json_t *a = json_array();

	for (size_t i = 0; i < an->nitems; i++) {
		const struct answer_item *ai = &an->items[i];
		const struct value *ref =
			r->pattern ? &ai->item->values[r->pattern->num - 1]
				   : NULL;
		json_array_append_new(
			a,
			json_pack("{s:s, s:o, s:o, s:b, s:o, s:s}", "key",
				  ai->item->key, "label",
				  jstr(ai->item->label), "reference",
				  jstr(ref ? ref->text : NULL), "required",
				  ref != NULL && ref->required, "declared",
				  jstr(ai->declared.present ? ai->declared.text
							    : NULL),
				  "judgement", judgement_name(ai->judgement)));
	}
	return a;
}

static json_t *
controls_json(const struct report *r)
{
	json_t *a = json_array();

	for (size_t i = 0; i < r->a->nanswers; i++) {
		const struct answer *an = &r->a->answers[i];
		json_t *o = json_pack(
			"{s:s, s:s, s:s, s:s}", "id", an->control->id, "level",
			level_name(an->control->level), "status",
			status_name(an->status), "judgement",
			judgement_name(an->judgement));
		if (an->note != NULL)
			json_object_set_new(o, "note", json_string(an->note));
		if (an->evidence != NULL)
			json_object_set_new(o, "evidence",
					    json_string(an->evidence));
		json_object_set_new(o, "items", items_json(r, an));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
moves_json(GPtrArray *a)
{
	json_t *o = json_array();

	for (guint i = 0; i < a->len; i++) {
		const struct stale_move *m = g_ptr_array_index(a, i);
		json_array_append_new(o, json_pack("{s:s, s:o}", "from",
						   m->old_id, "to",
						   jstr(m->new_id)));
	}
	return o;
}

static json_t *
ids_json(GPtrArray *a)
{
	json_t *o = json_array();

	for (guint i = 0; i < a->len; i++)
		json_array_append_new(
			o, json_string(((const struct control *)
						g_ptr_array_index(a, i))
					       ->id));
	return o;
}

/* What the revision made stale, when the answers are of an older
 * edition. */
static json_t *
revision_json(const struct stale *st)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o}", "from_edition",
			 st->from, "to_edition", st->to, "new_controls",
			 ids_json(st->added), "renumbered",
			 moves_json(st->renumbered), "removed",
			 moves_json(st->removed), "review",
			 ids_json(st->review));
}

static json_t *
report_json(const struct report *r)
{
	const struct answers *a = r->a;
	json_t *o = json_object();

	json_object_set_new(
		o, "provider",
		json_pack("{s:o, s:o, s:o, s:o, s:o}", "name", jstr(a->name),
			  "service", jstr(a->service), "service_type",
			  jstr(a->service_type), "disclosure_date",
			  jstr(a->disclosure_date), "contact",
			  jstr(a->contact)));
	json_object_set_new(o, "classification",
			    json_pack("{s:o, s:o}", "confidentiality",
				      jstr(a->confidentiality), "availability",
				      jstr(a->availability)));
	json_object_set_new(o, "pattern",
			    a->pattern ? json_integer(a->pattern) : json_null());
	json_object_set_new(o, "edition", jstr(a->edition));
	json_object_set_new(o, "answers_sha256", json_string(a->sha256));
	json_object_set_new(o, "summary", summary_json(r));
	if (r->stale != NULL)
		json_object_set_new(o, "revision", revision_json(r->stale));
	json_object_set_new(o, "controls", controls_json(r));
	return o;
}

int
report_write_json(const struct report *r, const char *path)
{
	json_t *o = report_json(r);
	char *s = json_dumps(o, JSON_INDENT(2));
	int rc;

	json_decref(o);
	if (s == NULL)
		g_error("out of memory writing JSON");
	if (strcmp(path, "-") == 0) {
		rc = fputs(s, stdout) < 0 || fputc('\n', stdout) < 0 ? -1 : 0;
		if (rc < 0)
			diag(S_WRITE, "standard output", 0, 0, g_strerror(errno));
	} else {
		char *t = g_strconcat(s, "\n", NULL);
		rc = fsio_write(path, t, strlen(t));
		g_free(t);
	}
	free(s);
	return rc;
}
