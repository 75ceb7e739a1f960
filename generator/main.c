/*
 * guidepress: publish a security guideline and the reports made against
 * it.  This file holds the commands and their options; each command
 * exits with the worst diagnostic level it saw (see diag.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "export.h"
#include "fsio.h"
#include "model.h"

#define VERSION "0.1.0"
#define EXIT_USAGE 64

struct command {
	const char *name;
	int (*run)(int, char **);
	const char *synopsis;
	const char *help;
};

static int cmd_check(int, char **);
static int cmd_export(int, char **);

static const struct command commands[] = {
	{"check", cmd_check, "check [--content DIR]",
	 "Load the guideline in DIR (default: content) and report every\n"
	 "problem found as FILE:LINE:COL: LEVEL: MESSAGE, then a summary.\n"
	 "Writes nothing.  Exit status: 0 clean, 1 warnings, 2 errors,\n"
	 "3 a file could not be read.\n"},
	{"export", cmd_export, "export --format json [--content DIR]",
	 "Write the whole guideline as JSON on standard output: guideline,\n"
	 "patterns, service_types, parts and controls with their items and\n"
	 "typed reference values (schema in README.md).  Nothing is written\n"
	 "when the content has errors.\n"},
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
	printf("usage: guidepress %s\n\n%s", c->synopsis, c->help);
	printf("\noptions:\n"
	       "  --content DIR   the content directory (default: content)\n"
	       "  --help          this text\n");
	if (strcmp(c->name, "export") == 0)
		printf("  --format json   the output format (only json)\n");
}

/*
 * Options shared by the commands that read content: --content DIR,
 * --format F, --help.  Returns 0, 1 if help was printed, or -1 on a
 * usage error (already reported).
 */
struct opts {
	const char *content;
	const char *format;
};

static int
parse_opts(const struct command *c, int argc, char **argv, struct opts *o)
{
	static const struct option longs[] = {
		{"content", required_argument, NULL, 'c'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch;

	o->content = "content";
	o->format = NULL;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "c:f:h", longs, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->content = optarg;
			break;
		case 'f':
			if (strcmp(c->name, "export") != 0)
				goto bad;
			o->format = optarg;
			break;
		case 'h':
			command_help(c);
			return 1;
		default:
			goto bad;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "guidepress %s: unexpected argument '%s'\n",
			c->name, argv[optind]);
		goto usage;
	}
	return 0;
bad:
	if (optopt != 0 && optopt != '?')
		fprintf(stderr, "guidepress %s: bad option '-%c'\n", c->name,
			optopt);
	else
		fprintf(stderr, "guidepress %s: bad option '%s'\n", c->name,
			argv[optind - 1]);
usage:
	fprintf(stderr, "usage: guidepress %s\n", c->synopsis);
	return -1;
}

/* Load and validate; NULL if the directory holds no guideline. */
static struct guideline *
load_checked(const char *dir)
{
	struct guideline *g = guideline_load(dir);

	if (g != NULL)
		guideline_validate(g);
	return g;
}

static int
cmd_check(int argc, char **argv)
{
	struct opts o;
	struct guideline *g;
	char *what;
	int rc = parse_opts(&commands[0], argc, argv, &o);

	if (rc != 0)
		return rc < 0 ? EXIT_USAGE : 0;
	g = load_checked(o.content);
	what = g_strdup_printf("check: %s", o.content);
	diag_summary(what);
	g_free(what);
	guideline_free(g);
	return diag_exit_status();
}

static int
cmd_export(int argc, char **argv)
{
	struct opts o;
	struct guideline *g;
	int rc = parse_opts(&commands[1], argc, argv, &o);

	if (rc != 0)
		return rc < 0 ? EXIT_USAGE : 0;
	if (o.format == NULL || strcmp(o.format, "json") != 0) {
		fprintf(stderr, "guidepress export: %s: the only format is "
				"json (--format json)\n",
			o.format == NULL ? "no format given" : o.format);
		return EXIT_USAGE;
	}
	g = load_checked(o.content);
	if (g == NULL || diag_worst() >= DIAG_ERROR) {
		diag_summary("export: nothing written");
		guideline_free(g);
		return diag_exit_status();
	}
	if (export_json(g, stdout) < 0 ||
	    fsio_close(stdout, "standard output") < 0) {
		guideline_free(g);
		return diag_exit_status();
	}
	guideline_free(g);
	return diag_exit_status();
}

int
main(int argc, char **argv)
{
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
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "guidepress: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
