/*
 * pdf_theme: the book's typographic parameters from THEME/book.yaml.
 * Every parameter is required, so a theme states the whole design and
 * nothing falls back to a constant hidden in the code.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fsio.h"
#include "pdf_priv.h"
#include "ydoc.h"

#define OFF(f) offsetof(struct pdf_theme, f)

struct field {
	const char *name;
	size_t off;
};

static const struct field page_f[] = {
	{"width", OFF(page_w)},   {"height", OFF(page_h)},
	{"top", OFF(top)},        {"bottom", OFF(bottom)},
	{"left", OFF(left)},      {"right", OFF(right)},
	{"header", OFF(header)},  {"footer", OFF(footer)},
	{"chrome_size", OFF(chrome_size)}, {NULL, 0},
};

static const struct field spacing_f[] = {
	{"list_indent", OFF(list_indent)}, {"table_padding", OFF(table_pad)},
	{"table_before", OFF(table_before)}, {"table_after", OFF(table_after)},
	{"rule", OFF(rule)}, {"leader_step", OFF(leader_step)},
	{"note_gap", OFF(note_gap)}, {"bar_gap", OFF(bar_gap)},
	{"bar_width", OFF(bar_width)}, {NULL, 0},
};

static const struct field colour_f[] = {
	{"text", OFF(text)},   {"accent", OFF(accent)}, {"emphasis", OFF(em)},
	{"muted", OFF(muted)}, {"link", OFF(link)},     {"line", OFF(line)},
	{"fill", OFF(fill)},   {"chrome", OFF(chrome)}, {NULL, 0},
};

static const char *const role_names[PDF_ROLE__MAX + 1] = {
	"body", "small", "title", "subtitle", "h1", "h2", "h3", "h4",
	"label", "cell", "head", "toc1", "toc2", NULL,
};

/* The names of FIELDS as a NULL-terminated array (g_free the array). */
static const char **
names(const struct field *f)
{
	size_t n = 0;
	const char **v;

	while (f[n].name != NULL)
		n++;
	v = g_new0(const char *, n + 1);
	for (size_t i = 0; i < n; i++)
		v[i] = f[i].name;
	return v;
}

/*
 * The value of KEY in MAP as a scalar, or NULL after reporting a missing
 * key against MAP.  Borrowed.
 */
static const char *
scalar(struct ydoc *y, yaml_node_t *map, const char *key)
{
	yaml_node_t *n = ydoc_get(y, map, key);
	struct pos p = ydoc_pos(y, map);

	if (n == NULL) {
		diag(E_KEY_MISSING, p.file, p.line, p.col, key);
		return NULL;
	}
	return ydoc_str(y, n, key);
}

/* Parse a number of KEY in MAP into *OUT.  Returns 0 or -1 (reported). */
static int
number(struct ydoc *y, yaml_node_t *map, const char *key, double *out)
{
	const char *s = scalar(y, map, key);
	char *end;

	if (s == NULL)
		return -1;
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || *out < 0 || *out > 10000) {
		struct pos p = ydoc_pos(y, ydoc_get(y, map, key));
		diag(E_TYPE, p.file, p.line, p.col, key, "a number of points");
		return -1;
	}
	return 0;
}

/* Parse "#rrggbb" into *C.  Returns 0 or -1 (reported against N). */
static int
colour(struct ydoc *y, yaml_node_t *map, const char *key, struct pdf_rgb *c)
{
	const char *s = scalar(y, map, key);
	unsigned v;
	char *end;

	if (s == NULL)
		return -1;
	v = (unsigned)strtoul(s + (*s == '#'), &end, 16);
	if (*s != '#' || strlen(s) != 7 || *end != '\0') {
		struct pos p = ydoc_pos(y, ydoc_get(y, map, key));
		diag(E_TYPE, p.file, p.line, p.col, key, "a colour #rrggbb");
		return -1;
	}
	c->r = ((v >> 16) & 0xff) / 255.0;
	c->g = ((v >> 8) & 0xff) / 255.0;
	c->b = (v & 0xff) / 255.0;
	return 0;
}

/*
 * Read the group NAME of ROOT: numbers (or colours if COLOURS) into the
 * fields F of T.  Returns 0 or -1 (reported).
 */
static int
group(struct ydoc *y, yaml_node_t *root, const char *name,
      const struct field *f, bool colours, struct pdf_theme *t)
{
	yaml_node_t *map = ydoc_get(y, root, name);
	const char **allowed = names(f);
	int rc = -1;

	if (map == NULL) {
		struct pos p = ydoc_pos(y, root);
		diag(E_KEY_MISSING, p.file, p.line, p.col, name);
		goto out;
	}
	if (ydoc_check_keys(y, map, name, allowed) < 0)
		goto out;
	rc = 0;
	for (size_t i = 0; f[i].name != NULL; i++) {
		char *p = (char *)t + f[i].off;
		if (colours ? colour(y, map, f[i].name, (struct pdf_rgb *)p)
			    : number(y, map, f[i].name, (double *)p))
			rc = -1;
	}
out:
	g_free(allowed);
	return rc;
}

/* The colour named by KEY of MAP (an entry of colours:).  Returns 0 or
 * -1 (reported). */
static int
role_colour(struct ydoc *y, yaml_node_t *map, struct pdf_theme *t,
	    struct pdf_rgb *c)
{
	const char *s = scalar(y, map, "colour");

	if (s == NULL)
		return -1;
	for (size_t i = 0; colour_f[i].name != NULL; i++)
		if (strcmp(s, colour_f[i].name) == 0) {
			*c = *(struct pdf_rgb *)((char *)t + colour_f[i].off);
			return 0;
		}
	struct pos p = ydoc_pos(y, ydoc_get(y, map, "colour"));
	diag(E_TYPE, p.file, p.line, p.col, "colour", "a name under colours");
	return -1;
}

/* Read roles: into T.  Returns 0 or -1 (reported). */
static int
roles(struct ydoc *y, yaml_node_t *root, struct pdf_theme *t)
{
	static const char *const keys[] = {"font", "size", "leading",
					   "before", "after", "colour", NULL};
	yaml_node_t *map = ydoc_get(y, root, "roles");
	int rc = 0;

	if (ydoc_check_keys(y, map, "roles", role_names) < 0)
		return -1;
	for (int i = 0; i < PDF_ROLE__MAX; i++) {
		yaml_node_t *r = ydoc_get(y, map, role_names[i]);
		struct pdf_style *s = &t->role[i];
		const char *font;

		if (r == NULL) {
			struct pos p = ydoc_pos(y, map);
			diag(E_KEY_MISSING, p.file, p.line, p.col,
			     role_names[i]);
			rc = -1;
			continue;
		}
		if (ydoc_check_keys(y, r, role_names[i], keys) < 0 ||
		    (font = scalar(y, r, "font")) == NULL ||
		    number(y, r, "size", &s->size) ||
		    number(y, r, "leading", &s->leading) ||
		    number(y, r, "before", &s->before) ||
		    number(y, r, "after", &s->after) ||
		    role_colour(y, r, t, &s->color)) {
			rc = -1;
			continue;
		}
		s->sans = strcmp(font, "sans") == 0;
	}
	return rc;
}

/*
 * Read T from DIR/book.yaml.  Returns 0, or -1 after reporting; T is
 * then partly filled and pdf_theme_clear frees it.
 */
int
pdf_theme_load(struct pdf_theme *t, const char *dir)
{
	static const char *const top[] = {"page", "fonts", "colours",
					  "spacing", "roles", NULL};
	static const char *const fonts[] = {"serif", "sans", NULL};
	char *path = g_build_filename(dir, "book.yaml", NULL);
	struct ydoc y = {0};
	yaml_node_t *root, *f;
	const char *serif, *sans;
	char *buf = NULL;
	size_t len;
	int rc = -1;

	if (fsio_read(path, &buf, &len) < 0 ||
	    ydoc_load(&y, path, buf, len, 0) < 0)
		goto out;
	root = ydoc_root(&y);
	if (ydoc_check_keys(&y, root, "book.yaml", top) < 0)
		goto out;
	if (group(&y, root, "page", page_f, false, t) < 0 ||
	    group(&y, root, "spacing", spacing_f, false, t) < 0 ||
	    group(&y, root, "colours", colour_f, true, t) < 0 ||
	    roles(&y, root, t) < 0)
		goto out;
	f = ydoc_get(&y, root, "fonts");
	if (ydoc_check_keys(&y, f, "fonts", fonts) < 0 ||
	    (serif = scalar(&y, f, "serif")) == NULL ||
	    (sans = scalar(&y, f, "sans")) == NULL)
		goto out;
	t->serif = g_strdup(serif);
	t->sans = g_strdup(sans);
	rc = 0;
out:
	ydoc_free(&y);
	g_free(buf);
	g_free(path);
	return rc;
}

/* Free the strings T owns. */
void
pdf_theme_clear(struct pdf_theme *t)
{
	g_free(t->serif);
	g_free(t->sans);
	t->serif = t->sans = NULL;
}
