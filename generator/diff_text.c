/*
 * diff_text: the comparison for a terminal.  One heading line per
 * control that changed, then one indented line per change, text
 * changes in wdiff marks ([-deleted-]{+inserted+}) with long unchanged
 * runs elided.
 */
#include <errno.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "diff_priv.h"

#define INDENT "    "

/* Append TEXT, continuing lines indented under the first. */
static void
put_text(GString *s, const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		g_string_append_c(s, *p);
		if (*p == '\n')
			g_string_append(s, INDENT "  ");
	}
	g_string_append_c(s, '\n');
}

/* Append TD, elided, as wdiff. */
static void
put_diff(GString *s, const struct textdiff *td)
{
	struct textdiff *e = textdiff_elide(td, GDIFF_CONTEXT);
	char *w = textdiff_wdiff(e);

	put_text(s, w);
	g_free(w);
	textdiff_free(e);
}

static void
put_value(GString *s, const struct item *it, int p)
{
	const char *t = it != NULL ? it->values[p].text : NULL;

	g_string_append(s, t != NULL ? t : "unknown");
}

static void
put_item(GString *s, const struct gdiff_item *e)
{
	const struct item *it = e->new != NULL ? e->new : e->old;

	if (e->status == GDIFF_ADDED || e->status == GDIFF_REMOVED) {
		g_string_append_printf(s, INDENT "item %s %s: ", it->key,
				       gdiff_status_name(e->status));
		put_text(s, it->label);
		return;
	}
	if (e->label != NULL) {
		g_string_append_printf(s, INDENT "item %s label: ", it->key);
		put_diff(s, e->label);
	}
	for (int p = 0; p < PATTERNS; p++) {
		if (!(e->values & (1u << p)))
			continue;
		g_string_append_printf(s, INDENT "item %s, pattern %d: ",
				       it->key, p + 1);
		put_value(s, e->old, p);
		g_string_append(s, " → ");
		put_value(s, e->new, p);
		g_string_append_c(s, '\n');
	}
}

/* The other end of a move: "Ⅱ.7.1.1 iii". */
static void
put_other(GString *s, const struct gdiff_bp *b, bool to)
{
	const struct control *c = to ? b->other->new : b->other->old;
	char *id = id_display(c->id);

	g_string_append_printf(s, " %s %s %s", to ? "to" : "from", id,
			       gdiff_bp_marker(b->other_index));
	g_free(id);
	/* an old ID the new edition gives to another control */
	if (!to && b->other->new != NULL &&
	    strcmp(b->other->new->id, c->id) != 0) {
		id = id_display(b->other->new->id);
		g_string_append_printf(s, " (now %s)", id);
		g_free(id);
	}
}

static void
put_bp(GString *s, const struct gdiff_control *dc, const struct gdiff_bp *b)
{
	int idx = b->new_index > 0 ? b->new_index : b->old_index;

	if (b->status == GDIFF_BP_SAME ||
	    (dc->status == GDIFF_REMOVED && b->status == GDIFF_BP_REMOVED) ||
	    (dc->status == GDIFF_ADDED && b->status == GDIFF_BP_ADDED))
		return;
	g_string_append_printf(s, INDENT "best practice %s ",
			       gdiff_bp_marker(idx));
	switch (b->status) {
	case GDIFF_BP_ADDED:
		g_string_append(s, "added: ");
		put_text(s, b->new_text);
		return;
	case GDIFF_BP_REMOVED:
		g_string_append(s, "removed: ");
		put_text(s, b->old_text);
		return;
	case GDIFF_BP_CHANGED:
		g_string_append(s, "changed: ");
		put_diff(s, b->diff);
		return;
	default:
		g_string_append(s, "moved");
		put_other(s, b, b->status == GDIFF_BP_MOVED_OUT);
		break;
	}
	g_string_append(s, ": ");
	if (b->diff != NULL)
		put_diff(s, b->diff);
	else
		put_text(s, b->new_text);
}

/* "Ⅲ.3.2.1  renumbered from Ⅲ.3.1.6; changed: text, items". */
static void
put_heading(GString *s, const struct gdiff_control *dc)
{
	char *id = diff_entry_id(dc);
	unsigned rest = dc->aspects & ~(unsigned)GDIFF_RENUMBERED;

	g_string_append_printf(s, "%s  ", id);
	g_free(id);
	if (dc->status == GDIFF_ADDED || dc->status == GDIFF_REMOVED) {
		const struct control *c = dc->new ? dc->new : dc->old;
		g_string_append_printf(s, "%s (%s)",
				       gdiff_status_name(dc->status),
				       level_name(c->level));
		if (dc->merged != NULL) {
			id = id_display(dc->merged->id);
			g_string_append_printf(s, ", merged into %s", id);
			g_free(id);
		}
		g_string_append_c(s, '\n');
		return;
	}
	if (dc->aspects & GDIFF_RENUMBERED) {
		id = id_display(dc->old->id);
		g_string_append_printf(s, "renumbered from %s%s", id,
				       rest ? "; " : "");
		g_free(id);
	}
	if (rest)
		g_string_append(s, "changed:");
	for (unsigned a = GDIFF_TEXT; a <= GDIFF_VALUES; a <<= 1) {
		char *name;
		if (!(rest & a))
			continue;
		name = g_strdup(gdiff_aspect_name((enum gdiff_aspect)a));
		g_string_append_printf(s, "%s %s",
				       (rest & (a - 1)) ? "," : "",
				       g_strdelimit(name, "_", ' '));
		g_free(name);
	}
	g_string_append_c(s, '\n');
}

static void
put_control(GString *s, const struct gdiff_control *dc)
{
	put_heading(s, dc);
	if (dc->status == GDIFF_ADDED || dc->status == GDIFF_REMOVED) {
		char *t = control_text(dc->new != NULL ? dc->new : dc->old);
		g_string_append(s, INDENT "text: ");
		put_text(s, t);
		g_free(t);
	}
	if (dc->aspects & GDIFF_LEVEL)
		g_string_append_printf(s, INDENT "level: %s → %s\n",
				       level_name(dc->old->level),
				       level_name(dc->new->level));
	if (dc->title != NULL) {
		g_string_append(s, INDENT "title: ");
		put_diff(s, dc->title);
	}
	if (dc->text != NULL) {
		g_string_append(s, INDENT "text: ");
		put_diff(s, dc->text);
	}
	for (guint i = 0; i < dc->bps->len; i++)
		put_bp(s, dc, g_ptr_array_index(dc->bps, i));
	if (dc->status != GDIFF_ADDED && dc->status != GDIFF_REMOVED)
		for (guint i = 0; i < dc->items->len; i++)
			put_item(s, g_ptr_array_index(dc->items, i));
}

int
diff_write_text(const struct gdiff *d, FILE *out)
{
	GString *s = g_string_new(NULL);
	int rc = -1;

	g_string_append_printf(s, "%s: %s → %s\n", d->new->title,
			       d->old->edition, d->new->edition);
	g_string_append_printf(s,
			       "added %d, removed %u, renumbered %d, "
			       "changed %d, best practices moved %u\n",
			       d->added, d->removed->len, d->renumbered,
			       d->changed, d->moves->len);
	for (guint i = 0; i < d->controls->len; i++) {
		const struct gdiff_control *dc =
			g_ptr_array_index(d->controls, i);
		if (dc->status == GDIFF_SAME)
			continue;
		g_string_append_c(s, '\n');
		put_control(s, dc);
	}
	for (guint i = 0; i < d->removed->len; i++) {
		g_string_append_c(s, '\n');
		put_control(s, g_ptr_array_index(d->removed, i));
	}
	if (fwrite(s->str, 1, s->len, out) != s->len) {
		diag(S_WRITE, "standard output", 0, 0, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	g_string_free(s, TRUE);
	return rc;
}
