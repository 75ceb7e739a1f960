/*
 * guidepress: publish a security guideline and the reports made against
 * it.  This file holds the commands and their options; each command
 * exits with the worst diagnostic level it saw (see diag.h).
 */
#include <errno.h>
#include <unistd.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib.h>

#include "diag.h"
#include "diff.h"
#include "answers.h"
#include "answers_gen.h"
#include "export.h"
#include "report.h"
#include "fsio.h"
#include "manifest.h"
#include "model.h"
#include "pdf.h"
#include "publish.h"
#include "rebuild.h"
#include "site.h"
#include "stale.h"
#include "typeset.h"

#define VERSION "0.1.0"
#define EXIT_USAGE 64

/* malloc: free memory kept before any is given back; heap growth step */
#define TRIM_THRESHOLD (512 * 1024 * 1024)
#define TOP_PAD (64 * 1024 * 1024)

/* Options; each command accepts the ones its mask names. */
enum {
	O_CONTENT = 1 << 0,
	O_OUT = 1 << 1,
	O_OUTFILE = 1 << 2,
	O_FORMAT = 1 << 3,
	O_BASEURL = 1 << 4,
	O_THEME = 1 << 5,
	O_FONTS = 1 << 6,
	O_HTML = 1 << 7,
	O_JSON = 1 << 8,
	O_PATTERN = 1 << 9,
	O_PREVIOUS = 1 << 10,
	O_NOPDF = 1 << 11,
};

struct opts {
	const char *content;
	const char *out;
	const char *outfile;
	const char *format;
	const char *base_url;
	const char *theme;
	const char *fonts;
	const char *html;
	const char *json;
	int pattern;
	const char *previous;
	bool no_pdf;
	char **args; /* positional arguments */
	int nargs;
};

struct command {
	const char *name;
	int (*run)(const struct opts *);
	unsigned options;
	int min_args, max_args; /* positional arguments */
	const char *synopsis;
	const char *help;
};

static int cmd_check(const struct opts *);
static int cmd_export(const struct opts *);
static int cmd_build(const struct opts *);
static int cmd_pdf(const struct opts *);
static int cmd_diff(const struct opts *);
static int cmd_report(const struct opts *);
static int cmd_init_answers(const struct opts *);
static int cmd_schema(const struct opts *);

static const struct command commands[] = {
	{"build", cmd_build,
	 O_CONTENT | O_OUT | O_BASEURL | O_THEME | O_FONTS | O_PREVIOUS |
		 O_NOPDF,
	 0, 0,
	 "build [--content DIR] [--out DIR] [--base-url URL]\n"
	 "                  [--previous OLD_CONTENT] [--no-pdf]",
	 "Check the guideline in DIR and publish it into the output\n"
	 "directory (default: public): the website and guideline.pdf.  The\n"
	 "output is built beside the old one; a first build is swapped in\n"
	 "whole, a rebuild puts in only the files whose bytes changed (and\n"
	 "with --no-pdf reads only the content files that changed, as the\n"
	 "output's .guidepress-state tells).  When the content has errors\n"
	 "nothing is written.\n"},
	{"check", cmd_check, O_CONTENT, 0, 64,
	 "check [--content DIR] [ANSWERS.yaml ...]",
	 "Load the guideline in DIR (default: content), and each answers\n"
	 "file given, and report every problem found as\n"
	 "FILE:LINE:COL: LEVEL: MESSAGE, then a summary.\n"
	 "Writes nothing.  Exit status: 0 clean, 1 warnings, 2 errors,\n"
	 "3 a file could not be read or written, 64 a usage error.\n"},
	{"diff", cmd_diff, O_FORMAT, 2, 2,
	 "diff OLD_CONTENT NEW_CONTENT [--format text|html|json]",
	 "Compare two editions of the guideline and print what changed:\n"
	 "controls added, removed and renumbered (as declared by 'replaces'\n"
	 "or renumbering.yaml), and changes of text, level, title, best\n"
	 "practices, evaluation items and reference values per pattern.\n"
	 "Text changes are shown character by character.  Exit status 0\n"
	 "whether or not the editions differ; 2 if either has errors.\n"},
	{"export", cmd_export, O_CONTENT | O_FORMAT, 0, 0,
	 "export --format json [--content DIR]",
	 "Write the whole guideline as JSON on standard output: guideline,\n"
	 "patterns, service_types, parts and controls with their items and\n"
	 "typed reference values (schema in README.md).  Nothing is written\n"
	 "when the content has errors.\n"},
	{"init-answers", cmd_init_answers, O_CONTENT | O_PATTERN, 0, 0,
	 "init-answers --pattern N [--content DIR]",
	 "Print an answers file to fill in for pattern N (1 to 6): every\n"
	 "control and every evaluation item, with the reference value of\n"
	 "pattern N as a comment.\n"},
	{"pdf", cmd_pdf, O_CONTENT | O_OUTFILE | O_THEME | O_FONTS | O_PREVIOUS,
	 0, 0, "pdf [--content DIR] [-o FILE] [--previous OLD_CONTENT]",
	 "Typeset only the book, into FILE (default: public/guideline.pdf),\n"
	 "written atomically.\n"},
	{"report", cmd_report,
	 O_CONTENT | O_OUTFILE | O_HTML | O_JSON | O_THEME | O_FONTS |
		 O_PREVIOUS,
	 1, 1,
	 "report ANSWERS.yaml [-o FILE.pdf] [--html DIR] [--json FILE]\n"
	 "                  [--previous OLD_CONTENT]",
	 "Judge a provider's answers against the reference values of its\n"
	 "pattern and write the disclosure report: PDF (-o), HTML (--html)\n"
	 "and JSON (--json; - for standard output).  Without any of them,\n"
	 "the PDF goes beside the answers file (ANSWERS.pdf).  When the\n"
	 "answers or the content have errors nothing is written and existing\n"
	 "reports are left as they were.  With --previous, the answers are of\n"
	 "that older edition: they are carried to the current one and the\n"
	 "report lists what the revision made stale.\n"},
	{"schema", cmd_schema, O_CONTENT, 0, 0, "schema [--content DIR]",
	 "Print a JSON Schema (draft 2020-12) for answers files, for the\n"
	 "YAML tooling of editors.\n"},
};

static const struct {
	unsigned mask;
	const char *text;
} option_help[] = {
	{O_CONTENT, "  --content DIR    the content directory (default: content)\n"},
	{O_OUT, "  --out DIR        the output directory (default: public)\n"},
	{O_OUTFILE, "  -o FILE          the output file\n"},
	{O_FORMAT, "  --format FORMAT  the output format: json for export; text\n"
		   "                   (default), html or json for diff\n"},
	{O_BASEURL, "  --base-url URL   the site's public address, for canonical\n"
		    "                   links and sitemap.xml (default: none)\n"},
	{O_THEME, "  --theme DIR      the theme (default: themes/default)\n"},
	{O_FONTS, "  --fonts DIR      the fonts for the PDF (default: fonts)\n"},
	{O_HTML, "  --html DIR       also write the report as HTML into DIR\n"},
	{O_JSON, "  --json FILE      also write the report as JSON into FILE\n"},
	{O_PATTERN, "  --pattern N      the provider's pattern, 1 to 6\n"},
	{O_PREVIOUS, "  --previous DIR   the content of the previous edition\n"},
	{O_NOPDF, "  --no-pdf         the website only, without guideline.pdf\n"},
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: guidepress COMMAND [OPTIONS]\n"
		   "       guidepress --help | --version\n\ncommands:\n");
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		fprintf(f, "  guidepress %s\n", commands[i].synopsis);
	fprintf(f, "\n'guidepress COMMAND --help' describes one command; "
		   "man guidepress describes them all.\n");
}

static void
command_help(const struct command *c)
{
	printf("usage: guidepress %s\n\n%s\noptions:\n", c->synopsis, c->help);
	for (size_t i = 0; i < G_N_ELEMENTS(option_help); i++)
		if (c->options & option_help[i].mask)
			fputs(option_help[i].text, stdout);
	printf("  --help           this text\n");
}

#ifndef DATADIR
#define DATADIR "/usr/local/share/guidepress"
#endif

/*
 * Where the theme and the fonts are found when no option names them:
 * NAME in the current directory (a checkout), else below
 * $GUIDEPRESS_DATADIR, else below DATADIR (an installed guidepress).
 * Returns a string that lives as long as the program.
 */
static const char *
data_path(const char *name)
{
	static GStringChunk *chunk;
	const char *env = getenv("GUIDEPRESS_DATADIR");
	char *p;
	const char *r;

	if (g_file_test(name, G_FILE_TEST_IS_DIR))
		return name;
	if (chunk == NULL)
		chunk = g_string_chunk_new(256);
	p = g_build_filename(env != NULL && *env ? env : DATADIR, name, NULL);
	r = g_file_test(p, G_FILE_TEST_IS_DIR)
		    ? g_string_chunk_insert_const(chunk, p)
		    : name;
	g_free(p);
	return r;
}

/* The options: long name, argument, the letter getopt returns, and the
 * mask a command must have for it. */
static const struct optdef {
	const char *name;
	int arg;
	int ch;
	unsigned mask;
} optdefs[] = {
	{"content", required_argument, 'c', O_CONTENT},
	{"out", required_argument, 'd', O_OUT},
	{"o", required_argument, 'o', O_OUTFILE},
	{"format", required_argument, 'f', O_FORMAT},
	{"base-url", required_argument, 'u', O_BASEURL},
	{"theme", required_argument, 't', O_THEME},
	{"fonts", required_argument, 'F', O_FONTS},
	{"html", required_argument, 'H', O_HTML},
	{"json", required_argument, 'J', O_JSON},
	{"pattern", required_argument, 'P', O_PATTERN},
	{"previous", required_argument, 'V', O_PREVIOUS},
	{"no-pdf", no_argument, 'N', O_NOPDF},
};

/*
 * Store option CH (argument ARG) in O for command C.  Returns 0, or -1
 * after saying why it is refused.
 */
static int
set_opt(const struct command *c, struct opts *o, int ch, char *arg)
{
	for (size_t i = 0; i < G_N_ELEMENTS(optdefs); i++)
		if (optdefs[i].ch == ch && !(c->options & optdefs[i].mask)) {
			fprintf(stderr, "guidepress %s: option '%s%s' does not "
					"apply to this command\n",
				c->name, ch == 'o' ? "-" : "--",
				optdefs[i].name);
			return -1;
		}
	switch (ch) {
	case 'c': o->content = arg; break;
	case 'd': o->out = arg; break;
	case 'o': o->outfile = arg; break;
	case 'f': o->format = arg; break;
	case 'u': o->base_url = arg; break;
	case 't': o->theme = arg; break;
	case 'F': o->fonts = arg; break;
	case 'H': o->html = arg; break;
	case 'J': o->json = arg; break;
	case 'V': o->previous = arg; break;
	case 'N': o->no_pdf = true; break;
	case 'P':
		if (strlen(arg) != 1 || arg[0] < '1' || arg[0] > '6') {
			fprintf(stderr, "guidepress %s: --pattern %s: expected "
					"1 to 6\n",
				c->name, arg);
			return -1;
		}
		o->pattern = arg[0] - '0';
		break;
	}
	return 0;
}

/*
 * Parse the options of command C.  Returns 0, 1 if help was printed, or
 * -1 on a usage error (already reported).
 */
static int
parse_opts(const struct command *c, int argc, char **argv, struct opts *o)
{
	struct option longs[G_N_ELEMENTS(optdefs) + 2] = {{0}};
	size_t n = 0;
	int ch;

	for (size_t i = 0; i < G_N_ELEMENTS(optdefs); i++)
		if (optdefs[i].ch != 'o')
			longs[n++] = (struct option){optdefs[i].name,
						     optdefs[i].arg, NULL,
						     optdefs[i].ch};
	longs[n] = (struct option){"help", no_argument, NULL, 'h'};
	memset(o, 0, sizeof(*o));
	o->content = "content";
	o->out = "public";
	o->theme = data_path("themes/default");
	o->fonts = data_path("fonts");
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:h", longs, NULL)) != -1) {
		if (ch == 'h') {
			command_help(c);
			return 1;
		}
		if (ch == '?' || ch == ':') {
			fprintf(stderr, "guidepress %s: %s option '%s'\n",
				c->name,
				ch == ':' ? "missing argument to" : "unknown",
				argv[optind - 1]);
			goto usage;
		}
		if (set_opt(c, o, ch, optarg) < 0)
			goto usage;
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->nargs > c->max_args) {
		fprintf(stderr, "guidepress %s: unexpected argument '%s'\n",
			c->name, argv[optind + c->max_args]);
		goto usage;
	}
	if (o->nargs < c->min_args) {
		fprintf(stderr, "guidepress %s: missing argument\n", c->name);
		goto usage;
	}
	return 0;
usage:
	fprintf(stderr, "usage: guidepress %s\n", c->synopsis);
	return -1;
}

/*
 * Load and validate.  Returns the guideline, or NULL when it has errors
 * (after printing the summary naming WHAT) or no guideline.yaml.
 */
static struct guideline *
load_checked(const char *dir, const char *what, bool hold)
{
	struct guideline *g = hold ? guideline_load_held(dir)
				   : guideline_load(dir);

	if (g != NULL)
		guideline_validate(g);
	if (g == NULL || diag_worst() >= DIAG_ERROR) {
		diag_summary(what);
		guideline_free(g);
		return NULL;
	}
	return g;
}

static struct guideline *
load_ok(const char *dir, const char *what)
{
	return load_checked(dir, what, false);
}

static int
cmd_check(const struct opts *o)
{
	struct guideline *g = guideline_load(o->content);
	char *what = g_strdup_printf("check: %s", o->content);

	if (g != NULL)
		guideline_validate(g);
	/* answers are checked against a guideline that loaded cleanly */
	for (int i = 0; i < o->nargs; i++) {
		if (g == NULL || diag_worst() >= DIAG_ERROR) {
			fprintf(stderr, "guidepress: %s: not checked: the "
					"guideline has errors\n",
				o->args[i]);
			continue;
		}
		answers_free(answers_load(o->args[i], g));
	}
	diag_summary(what);
	g_free(what);
	guideline_free(g);
	return diag_exit_status();
}

static int
cmd_export(const struct opts *o)
{
	struct guideline *g;

	if (o->format == NULL || strcmp(o->format, "json") != 0) {
		fprintf(stderr, "guidepress export: %s: the only format is "
				"json (--format json)\n",
			o->format == NULL ? "no format given" : o->format);
		return EXIT_USAGE;
	}
	if ((g = load_ok(o->content, "export: nothing written")) == NULL)
		return diag_exit_status();
	if (export_json(g, stdout) == 0)
		fsio_close(stdout, "standard output");
	else
		diag(S_WRITE, "standard output", 0, 0, "JSON output failed");
	guideline_free(g);
	return diag_exit_status();
}

/*
 * The guideline of O's content, and with --previous the previous edition
 * and the comparison of the two.  Returns the guideline, or NULL when
 * either edition has errors (WHAT names the command in the summary).
 * BOOK: a book will be made, so its bodies are held (parsed while
 * loading, in the loading threads).
 */
static struct guideline *
load_editions(const struct opts *o, const char *what, bool book,
	      struct guideline **old, struct gdiff **d)
{
	struct guideline *g;

	*old = NULL;
	*d = NULL;
	if ((g = load_checked(o->content, what, book)) == NULL)
		return NULL;
	if (o->previous == NULL)
		return g;
	if ((*old = load_ok(o->previous, what)) == NULL) {
		guideline_free(g);
		return NULL;
	}
	*d = gdiff_new(*old, g);
	return g;
}

/* The exit status after a command that wrote (RC 0) or failed to. */
static int
written_status(int rc)
{
	if (rc == 0 || diag_exit_status() != 0)
		return diag_exit_status();
	return 3;
}

/*
 * Put the finished build TMP in the place of OUT: with MERGE, merged
 * into a previous build (only changed files are replaced), else swapped
 * in whole.  Returns 0; -1 when OUT is as it was; -2 when a merge
 * stopped half way (reported).
 */
static int
publish_build(const char *tmp, const char *out, const struct manifest *m,
	      bool merge)
{
	if (merge)
		return publish_merge(tmp, out, m) < 0 ? -2 : 0;
	publish_keep_unchanged(tmp, out);
	if (publish_commit(tmp, out) < 0) {
		publish_abort(tmp);
		return -1;
	}
	return 0;
}

/*
 * Write the site (and unless O says not, the book) of G into a new
 * directory beside O's output, for a MERGE into it (publish_merge: the
 * files go flat in the directory) or not; its path in *TMP, and the
 * build's manifest in *M.  Returns 0, -1 after reporting (nothing left
 * behind), or SITE_NEEDS_ALL (nothing left behind: G is partial and a
 * page needs what it lacks).
 */
static int
write_outputs(const struct opts *o, const struct guideline *g,
	      const struct gdiff *d, bool merge, char **tmp,
	      struct manifest **m, GThread **listing)
{
	struct site_opts so = {.theme_dir = o->theme, .base_url = o->base_url,
			       .diff = d, .flat = merge};
	struct pdf_opts po = {.theme_dir = o->theme, .fonts_dir = o->fonts,
			      .diff = d};
	char *pdf;
	int rc;

	if ((*tmp = publish_begin(o->out)) == NULL)
		return -1;
	so.manifest = *m = manifest_open(o->out, *tmp, g->state, *listing);
	*listing = NULL;
	pdf = g_build_filename(*tmp, "guideline.pdf", NULL);
	if ((rc = site_write(g, *tmp, &so)) == 0 && !o->no_pdf &&
	    typeset_book(g, pdf, &po) < 0)
		rc = -1;
	g_free(pdf);
	if (rc < 0) {
		publish_abort(*tmp);
		g_free(*tmp);
		*tmp = NULL;
		manifest_free(*m);
		*m = NULL;
	}
	return rc;
}

/* What a build made of its content, freed in a thread while its output
 * is put in place: the merge asks only the manifest what the old output
 * held that the new one does not (manifest_strays), which points into
 * neither the model nor the state a rebuild read.  (Freeing that state
 * deletes the file it was read from, replaced by the merge.) */
struct made {
	struct guideline *g, *old;
	struct gdiff *d;
};

static gpointer
free_made(gpointer arg)
{
	struct made *md = arg;

	gdiff_free(md->d);
	guideline_free(md->old);
	guideline_free(md->g);
	return NULL;
}

static int
cmd_build(const struct opts *o)
{
	struct guideline *g = NULL, *old;
	struct gdiff *d = NULL;
	struct manifest *m = NULL;
	bool merge;
	char *tmp = NULL, *what;
	GThread *listing = NULL, *freeing;
	struct made md;
	int rc = -1;

	if (publish_check_out(o->out, o->content) < 0)
		return EXIT_USAGE;
	merge = publish_can_merge(o->out);
	/* the site alone, again: read only what changed (rebuild.h); the
	   previous output is listed meanwhile (rebuild_load) */
	if (o->no_pdf && o->previous == NULL && merge) {
		if ((g = rebuild_load(o->content, o->out, &listing)) != NULL) {
			old = NULL;
			rc = write_outputs(o, g, d, merge, &tmp, &m, &listing);
			if (rc != SITE_NEEDS_ALL)
				goto publish;
			guideline_free(g);
		}
	}
	g = load_editions(o, "build: nothing written", !o->no_pdf, &old, &d);
	if (g == NULL) {
		manifest_list_drop(listing);
		return diag_exit_status();
	}
	rc = write_outputs(o, g, d, merge, &tmp, &m, &listing);
publish:
	manifest_list_drop(listing);
	md = (struct made){g, old, d};
	freeing = g_thread_new("free", free_made, &md);
	if (rc == 0)
		rc = publish_build(tmp, o->out, m, merge);
	manifest_free(m);
	g_thread_join(freeing);
	what = g_strdup_printf("build: %s%s", o->out,
			       rc == 0    ? ""
			       : rc == -2 ? ": partly updated; the next build "
					    "rewrites it whole"
					  : ": nothing written");
	diag_summary(what);
	g_free(what);
	g_free(tmp);
	return written_status(rc);
}

static int
cmd_pdf(const struct opts *o)
{
	const char *path = o->outfile ? o->outfile : "public/guideline.pdf";
	struct guideline *g, *old;
	struct gdiff *d;
	char *dir;
	int rc;

	if ((g = load_editions(o, "pdf: nothing written", true, &old, &d)) ==
	    NULL)
		return diag_exit_status();
	struct pdf_opts po = {.theme_dir = o->theme, .fonts_dir = o->fonts,
			      .diff = d};
	dir = g_path_get_dirname(path);
	g_mkdir_with_parents(dir, 0755);
	g_free(dir);
	rc = typeset_book(g, path, &po);
	gdiff_free(d);
	guideline_free(old);
	guideline_free(g);
	return written_status(rc);
}

static int
cmd_diff(const struct opts *o)
{
	const char *fmt = o->format ? o->format : "text";
	struct guideline *old = NULL, *new = NULL;
	struct gdiff *d;
	int rc;

	if (strcmp(fmt, "text") != 0 && strcmp(fmt, "html") != 0 &&
	    strcmp(fmt, "json") != 0) {
		fprintf(stderr, "guidepress diff: %s: the formats are text, "
				"html and json\n",
			fmt);
		return EXIT_USAGE;
	}
	if ((old = load_ok(o->args[0], "diff: old edition")) == NULL ||
	    (new = load_ok(o->args[1], "diff: new edition")) == NULL) {
		guideline_free(old);
		return diag_exit_status();
	}
	d = gdiff_new(old, new);
	if (strcmp(fmt, "json") == 0)
		rc = diff_write_json(d, stdout);
	else if (strcmp(fmt, "html") == 0)
		rc = diff_write_html(d, stdout);
	else
		rc = diff_write_text(d, stdout);
	if (rc == 0)
		fsio_close(stdout, "standard output");
	gdiff_free(d);
	guideline_free(old);
	guideline_free(new);
	return diag_exit_status();
}

static int
cmd_init_answers(const struct opts *o)
{
	struct guideline *g;

	if (o->pattern == 0) {
		fprintf(stderr, "guidepress init-answers: give --pattern N "
				"(1 to 6)\n");
		return EXIT_USAGE;
	}
	if ((g = load_ok(o->content, "init-answers: nothing written")) == NULL)
		return diag_exit_status();
	answers_init_print(g, o->pattern, stdout);
	fsio_close(stdout, "standard output");
	guideline_free(g);
	return diag_exit_status();
}

static int
cmd_schema(const struct opts *o)
{
	struct guideline *g;
	json_t *s;

	if ((g = load_ok(o->content, "schema: nothing written")) == NULL)
		return diag_exit_status();
	s = answers_schema(g);
	if (json_dumpf(s, stdout, JSON_INDENT(2)) == 0)
		fputc('\n', stdout);
	fsio_close(stdout, "standard output");
	json_decref(s);
	guideline_free(g);
	return diag_exit_status();
}


/* ANSWERS.yaml → ANSWERS.pdf; a new string. */
static char *
default_pdf(const char *answers)
{
	const char *dot = strrchr(answers, '.');
	const char *slash = strrchr(answers, '/');

	if (dot != NULL && (slash == NULL || dot > slash))
		return g_strdup_printf("%.*s.pdf", (int)(dot - answers), answers);
	return g_strconcat(answers, ".pdf", NULL);
}

/*
 * The answers of the report: read against the guideline, or with
 * --previous against the previous edition and carried over to G
 * (filling *ST).  NULL when they have errors.
 */
static struct answers *
report_answers(const struct opts *o, const struct guideline *g,
	       struct guideline **old, struct gdiff **d, struct stale *st)
{
	struct answers *a, *carried;

	if (o->previous == NULL) {
		a = answers_load(o->args[0], g);
		if (a != NULL && diag_worst() >= DIAG_ERROR) {
			answers_free(a);
			a = NULL;
		}
		return a;
	}
	if ((*old = load_ok(o->previous, "report: nothing written")) == NULL)
		return NULL;
	a = answers_load(o->args[0], *old);
	if (a == NULL || diag_worst() >= DIAG_ERROR) {
		answers_free(a);
		return NULL;
	}
	*d = gdiff_new(*old, g);
	carried = stale_carry(a, *d, st);
	answers_free(a);
	return carried;
}

/*
 * Write the report's outputs all or none: the PDF and the JSON file are
 * written beside their places first, the HTML directory is swapped in,
 * and only then are the two files renamed into place.  Returns 0, or -1
 * after reporting (the old outputs are then as they were).
 */
static int
report_outputs(const struct opts *o, const struct report *r, const char *pdf)
{
	struct pdf_opts po = {.theme_dir = o->theme, .fonts_dir = o->fonts};
	struct site_opts so = {.theme_dir = o->theme};
	char *pdf_new = pdf ? g_strconcat(pdf, ".new", NULL) : NULL;
	bool json_file = o->json != NULL && strcmp(o->json, "-") != 0;
	char *json_new = json_file ? g_strconcat(o->json, ".new", NULL) : NULL;
	int rc = -1;

	if ((pdf != NULL && typeset_report(r, pdf_new, &po) < 0) ||
	    (json_file && report_write_json(r, json_new) < 0) ||
	    (o->html != NULL && report_write_html(r, o->html, &so) < 0))
		goto out;
	if ((pdf != NULL && rename(pdf_new, pdf) < 0) ||
	    (json_file && rename(json_new, o->json) < 0)) {
		diag(S_WRITE, pdf != NULL ? pdf : o->json, 0, 0,
		     g_strerror(errno));
		goto out;
	}
	if (o->json != NULL && !json_file && report_write_json(r, "-") < 0)
		goto out;
	rc = 0;
out:
	if (pdf_new != NULL)
		unlink(pdf_new);
	if (json_new != NULL)
		unlink(json_new);
	g_free(pdf_new);
	g_free(json_new);
	return rc;
}

static int
cmd_report(const struct opts *o)
{
	struct guideline *g, *old = NULL;
	struct gdiff *d = NULL;
	struct stale st = {0};
	struct answers *a = NULL;
	struct report *r = NULL;
	char *pdf = NULL;
	int rc = -1;

	if ((g = load_ok(o->content, "report: nothing written")) == NULL)
		return diag_exit_status();
	if ((a = report_answers(o, g, &old, &d, &st)) == NULL)
		goto out;
	r = report_new(g, a);
	if (o->previous != NULL)
		r->stale = &st;
	if (o->outfile != NULL || (o->html == NULL && o->json == NULL))
		pdf = o->outfile ? g_strdup(o->outfile) : default_pdf(o->args[0]);
	if (report_outputs(o, r, pdf) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		diag_summary("report: nothing written");
	report_free(r);
	answers_free(a);
	stale_clear(&st);
	gdiff_free(d);
	guideline_free(old);
	guideline_free(g);
	g_free(pdf);
	return written_status(rc);
}

/*
 * The typesetter's and the site's threads allocate and free many small
 * blocks.  By default glibc hands freed memory back to the system as soon
 * as 128 kB lie free at the top of a heap, and takes it again moments
 * later; with several threads each round trip is an mprotect or munmap
 * and a TLB flush on every processor.  Keep what was freed, and grow the
 * main heap in larger steps: the book of bench/pdf.py's 3,000 controls
 * drops from 0.88 to 0.81 s (median of 15 alternating runs) and its
 * peak memory does not grow (bench/README.md).
 */
static void
tune_malloc(void)
{
#ifdef __GLIBC__
	mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD);
	mallopt(M_TOP_PAD, TOP_PAD);
#endif
}

int
main(int argc, char **argv)
{
	tune_malloc();
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("guidepress %s\n", VERSION);
		return 0;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
		{
			struct opts o;
			int rc = parse_opts(&commands[i], argc - 1, argv + 1, &o);
			if (rc != 0)
				return rc < 0 ? EXIT_USAGE : 0;
			return commands[i].run(&o);
		}
	fprintf(stderr, "guidepress: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
