/*
 * diag: the message table and the reporter.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "diag.h"

struct diag_msg {
	enum diag_level level;
	const char *fmt;
};

static const struct diag_msg msgs[DIAG__MAX] = {
	[W_SECTION_EMPTY] = {DIAG_WARNING, "section %s has no controls"},
	[W_SUBSECTION_EMPTY] = {DIAG_WARNING,
				"subsection %s has no controls"},
	[W_BP_NOT_LIST] = {DIAG_WARNING,
			   "the ベストプラクティス heading is not followed by "
			   "a list: the best practices are not recognised"},

	[W_SERVICE_PATTERN] = {DIAG_WARNING,
			       "service type %s is pattern %d in the "
			       "guideline's table, not pattern %d"},
	[W_SERVICE_UNKNOWN] = {DIAG_WARNING,
			       "service type %s is not in the guideline's "
			       "table"},
	[W_RENUMBER_UNKNOWN] = {DIAG_WARNING,
				"renumbered from %s, which the old edition "
				"does not have"},

	[E_UTF8] = {DIAG_ERROR, "invalid UTF-8: the file must be UTF-8 "
				"encoded"},
	[E_NUL] = {DIAG_ERROR, "NUL byte in a text file"},
	[E_TOO_BIG] = {DIAG_ERROR, "file is larger than %ld bytes"},
	[E_FM_MISSING] = {DIAG_ERROR,
			  "no front matter: the file must begin with a "
			  "line '---'"},
	[E_FM_UNCLOSED] = {DIAG_ERROR,
			   "front matter is not closed: add a line '---' "
			   "after it"},
	[E_YAML] = {DIAG_ERROR, "YAML: %s"},
	[E_YAML_DEPTH] = {DIAG_ERROR, "YAML nested deeper than %d levels"},
	[E_YAML_ALIAS] = {DIAG_ERROR, "YAML aliases (*name) are not "
				      "allowed here"},
	[E_KEY_UNKNOWN] = {DIAG_ERROR, "unknown key '%s'%s"},
	[E_KEY_DUP] = {DIAG_ERROR, "duplicate key '%s' (first at line %d)"},
	[E_KEY_MISSING] = {DIAG_ERROR, "missing required key '%s'"},
	[E_TYPE] = {DIAG_ERROR, "'%s' must be %s"},
	[E_EMPTY] = {DIAG_ERROR, "'%s' is empty"},
	[E_ID_SYNTAX] = {DIAG_ERROR,
			 "malformed ID '%s': expected an ASCII ID such as "
			 "III.4.2.1"},
	[E_ID_KIND] = {DIAG_ERROR, "ID %s: this file must hold %s"},
	[E_ID_DUP] = {DIAG_ERROR, "duplicate ID %s (first in %s:%d)"},
	[E_ID_FILE] = {DIAG_ERROR, "ID %s does not match the file name: "
				   "expected %s"},
	[E_ID_DIR] = {DIAG_ERROR, "ID %s is in the wrong directory: "
				  "expected %s"},
	[E_ID_PARENT] = {DIAG_ERROR, "ID %s has no parent: %s is not "
				     "defined"},
	[E_SUB_UNDECLARED] = {DIAG_ERROR,
			      "subsection %s is not declared in the "
			      "'subsections' of section %s"},
	[E_SUB_FOREIGN] = {DIAG_ERROR,
			   "subsection %s does not belong to section %s"},
	[E_LEVEL] = {DIAG_ERROR, "bad level '%s': expected 基本 or 推奨"},
	[E_ITEMS_EMPTY] = {DIAG_ERROR, "'items' is an empty list: remove "
				       "it or give the items"},
	[E_ITEM_KEY_MISSING] = {DIAG_ERROR,
				"item %d has no 'key': only a control with "
				"a single item may omit it"},
	[E_ITEM_KEY_DUP] = {DIAG_ERROR, "duplicate item key '%s'"},
	[E_ITEM_KEY_SYNTAX] = {DIAG_ERROR,
			       "bad item key '%s': expected a lower-case "
			       "letter a to z"},
	[E_ITEM_NO_VALUES] = {DIAG_ERROR, "item %s has no 'values'"},
	[E_PATTERN_KEY] = {DIAG_ERROR, "'%s' is not a pattern: expected 1 "
				       "to 6"},
	[E_PATTERN_MISSING] = {DIAG_ERROR,
			       "item %s has no value for pattern %d: write "
			       "'unknown' if it is not known"},
	[E_VALUE_EMPTY] = {DIAG_ERROR, "empty value: write the printed "
				       "value, \"-\" or 'unknown'"},
	[E_VALUE_DASH_LIST] = {DIAG_ERROR,
			       "an unquoted '-' starts a YAML list: write "
			       "\"-\" in quotes"},
	[E_VALUE_PARSE] = {DIAG_ERROR,
			   "value '%s' does not parse as a frequency, "
			   "duration, percentage or count; if it is free "
			   "text, add 'kind: free' to the item"},
	[E_VALUE_STAR_DASH] = {DIAG_ERROR,
			       "'*' on '-': a value the provider sets "
			       "cannot be required"},
	[E_VALUE_DIRECTION] = {DIAG_ERROR,
			       "value '%s' says neither 以内 nor 以上: add "
			       "'better: lower' or 'better: higher' to "
			       "item %s"},
	[E_VALUE_CONFLICT] = {DIAG_ERROR,
			      "value '%s' says %s but item %s has "
			      "'better: %s'"},
	[E_BETTER] = {DIAG_ERROR, "bad 'better' value '%s': expected lower "
				  "or higher"},
	[E_KIND] = {DIAG_ERROR, "bad 'kind' value '%s': expected free"},
	[E_CONTROL_EMPTY] = {DIAG_ERROR, "control %s has no text"},
	[E_XREF] = {DIAG_ERROR, "link to %s: no such part, section or "
				"control"},
	[E_EDITION] = {DIAG_ERROR, "edition '%s' is not a date YYYY-MM-DD"},
	[E_CIA_LEVEL] = {DIAG_ERROR, "bad level '%s': expected %s"},
	[E_PATTERN_NUM] = {DIAG_ERROR, "bad pattern '%s': expected 1 to 6 "
				       "or ~ (cannot be fixed)"},
	[E_PATTERNS_COUNT] = {DIAG_ERROR, "'patterns' defines %d of the 6 "
					  "patterns: define all six"},
	[E_NO_CONTENT] = {DIAG_ERROR, "no guideline.yaml: %s is not a "
				      "content directory"},
	[E_MISSING_PART] = {DIAG_ERROR, "part %s is missing: add %s"},
	[E_THEME] = {DIAG_ERROR, "theme template is not well-formed XHTML: %s"},
	[E_THEME_TEMPLATE] = {DIAG_ERROR, "the theme has no template %s.xhtml"},

	[E_ANS_CONTROL] = {DIAG_ERROR, "no control %s in the guideline%s"},
	[E_ANS_ITEM] = {DIAG_ERROR, "no item '%s' in control %s (it has "
				    "%s)"},
	[E_ANS_STATUS] = {DIAG_ERROR,
			  "bad status '%s': expected implemented, partial, "
			  "planned, not_implemented or not_applicable"},
	[E_ANS_VALUE] = {DIAG_ERROR, "value '%s' does not parse: expected "
				     "%s"},
	[E_ANS_OPTION] = {DIAG_ERROR, "'%s' is not an option of item %s: "
				      "expected %s"},
	[E_ANS_PATTERN] = {DIAG_ERROR,
			   "pattern %d disagrees with the classification, "
			   "which gives pattern %d"},
	[E_ANS_NO_PATTERN] = {DIAG_ERROR,
			      "no pattern: give 'classification' "
			      "(confidentiality and availability)"},
	[E_ANS_EDITION] = {DIAG_ERROR,
			   "answers are for edition %s but the guideline is "
			   "edition %s"},
	[E_ANS_DATE] = {DIAG_ERROR, "%s '%s' is not a date YYYY-MM-DD"},
	[E_ANS_VALUE_SINGLE] = {DIAG_ERROR,
				"control %s has %d items: use 'values' with "
				"their keys"},
	[E_ANS_NO_ITEMS] = {DIAG_ERROR,
			    "control %s has no evaluation items: remove the "
			    "values"},
	[E_ANS_BOTH] = {DIAG_ERROR, "give 'value' or 'values', not both"},
	[E_ANS_TOO_MANY] = {DIAG_ERROR, "more than %d answers: refusing the "
					"file"},

	[S_READ] = {DIAG_SYSERR, "cannot read: %s"},
	[S_WRITE] = {DIAG_SYSERR, "cannot write: %s"},
	[S_DIR] = {DIAG_SYSERR, "cannot list directory: %s"},
	[S_MODULE] = {DIAG_SYSERR,
		      "cannot load the PDF writer: %s (it is looked for "
		      "beside the program, then here; ./build.sh install "
		      "puts it here)"},
};

static const char *const level_names[] = {
	[DIAG_OK] = "ok",
	[DIAG_WARNING] = "warning",
	[DIAG_ERROR] = "error",
	[DIAG_SYSERR] = "error",
};

static FILE *stream;
static int stream_set;
static const char *progname = "guidepress";
static enum diag_level worst;
static int counts[DIAG_SYSERR + 1];

enum diag_level
diag_level_of(enum diag_code c)
{
	return msgs[c].level;
}

const char *
diag_format(enum diag_code c)
{
	return msgs[c].fmt;
}

void
diag_set_stream(FILE *f)
{
	stream = f;
	stream_set = 1;
}

void
diag_set_progname(const char *p)
{
	progname = p;
}

static FILE *
out(void)
{
	return stream_set ? stream : stderr;
}

/* The capture of the calling thread, if any (diag_capture). */
static GPrivate capturing;

/* Count N messages of level L. */
static void
count(enum diag_level l, int n)
{
	if (n > 0 && l > worst)
		worst = l;
	counts[l] += n;
}

void
diag(enum diag_code c, const char *file, int line, int col, ...)
{
	const struct diag_msg *m = &msgs[c];
	struct diag_capture *cap = g_private_get(&capturing);
	GString *text;
	va_list ap;

	if (cap != NULL) {
		cap->counts[m->level]++;
	} else {
		count(m->level, 1);
		if (out() == NULL)
			return;
	}
	text = cap != NULL ? cap->text : g_string_new(NULL);
	g_string_append_printf(text, "%s: ", progname);
	if (file != NULL) {
		g_string_append(text, file);
		if (line > 0) {
			g_string_append_printf(text, ":%d", line);
			if (col > 0)
				g_string_append_printf(text, ":%d", col);
		}
		g_string_append(text, ": ");
	}
	g_string_append_printf(text, "%s: ", level_names[m->level]);
	va_start(ap, col);
	g_string_append_vprintf(text, m->fmt, ap);
	va_end(ap);
	g_string_append_c(text, '\n');
	if (cap == NULL) {
		fputs(text->str, out());
		g_string_free(text, TRUE);
	}
}

void
diag_capture(struct diag_capture *cap)
{
	if (cap != NULL && cap->text == NULL)
		cap->text = g_string_new(NULL);
	g_private_set(&capturing, cap);
}

void
diag_replay(struct diag_capture *cap)
{
	struct diag_capture *into = g_private_get(&capturing);
	FILE *f = out();

	/* replayed inside another capture: kept on in that one */
	if (into != NULL && into != cap) {
		for (int l = 0; l <= DIAG_SYSERR; l++)
			into->counts[l] += cap->counts[l];
		if (cap->text != NULL) {
			g_string_append(into->text, cap->text->str);
			g_string_free(cap->text, TRUE);
		}
		memset(cap, 0, sizeof(*cap));
		return;
	}

	for (int l = 0; l <= DIAG_SYSERR; l++)
		count((enum diag_level)l, cap->counts[l]);
	if (f != NULL && cap->text != NULL)
		fputs(cap->text->str, f);
	if (cap->text != NULL)
		g_string_free(cap->text, TRUE);
	memset(cap, 0, sizeof(*cap));
}

enum diag_level
diag_worst(void)
{
	return worst;
}

int
diag_count(enum diag_level l)
{
	if (l == DIAG_ERROR)
		return counts[DIAG_ERROR] + counts[DIAG_SYSERR];
	return counts[l];
}

void
diag_reset(void)
{
	worst = DIAG_OK;
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		counts[i] = 0;
}

void
diag_summary(const char *what)
{
	FILE *f = out();
	int e = diag_count(DIAG_ERROR), w = diag_count(DIAG_WARNING);

	if (f == NULL)
		return;
	fprintf(f, "%s: %s: %d error%s, %d warning%s\n", progname, what, e,
		e == 1 ? "" : "s", w, w == 1 ? "" : "s");
}

int
diag_exit_status(void)
{
	switch (worst) {
	case DIAG_OK:
		return 0;
	case DIAG_WARNING:
		return 1;
	case DIAG_ERROR:
		return 2;
	default:
		return 3;
	}
}
