/*
 * html_search: the search index, for the theme's script.
 *
 * Japanese has no spaces between words, so the index is of character
 * bigrams: text is normalised (NFKC, lower case), cut into runs of
 * letters and digits, and every two neighbouring characters of a run
 * (or a run's single character) are a key.  A query matches the pages
 * that hold all of its keys.  The script normalises the same way
 * (String.normalize("NFKC"), toLowerCase, \p{L} and \p{Nd}).
 *
 * The index is JSON (its entries written by jansson, but a gram's,
 * which needs no escape), in shards of up to
 * SEARCH_SHARD_DOCS documents each (sections, then controls, in ID
 * order), so that editing one control rewrites one shard.  Each file
 * is wrapped in a call, so the script can load it with a <script>
 * element, which works from file:// too.  search-index.js lists the
 * shards:
 *
 *   gpSearchIndex({"v":2,"shards":["search/0.js", ...]});
 *
 * and search/K.js holds shard K, its documents numbered from 0, one
 * document or gram a line (see shard_text):
 *
 *   gpSearchShard(K,{"docs":[[path, display id, title, snippet], ...],
 *                    "grams":{"バッ":"0,3,1", ...}});
 *
 * A posting list is the documents' numbers in base 36, each but the
 * first as the difference from the one before.  The script numbers the
 * documents of all shards one after the other.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "diag.h"
#include "fsio.h"
#include "html_site.h"

#define SNIPPET_CHARS 80

struct search {
	json_t *docs;       /* array of [path, id, title, snippet] */
	GHashTable *grams;  /* gram (struct posting's key) → posting */
	guint32 ndocs;
};

struct posting;
static void posting_free(struct posting *p);

struct search *
search_new(void)
{
	struct search *x = g_new0(struct search, 1);

	x->docs = json_array();
	x->grams = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL,
					 (GDestroyNotify)posting_free);
	return x;
}

void
search_free(struct search *x)
{
	if (x == NULL)
		return;
	json_decref(x->docs);
	g_hash_table_destroy(x->grams);
	g_free(x);
}

/*
 * A posting list kept as the text the index will hold: base-36
 * numbers, deltas after the first, comma-separated.  Three bytes a
 * posting rather than a growing array of integers.
 */
struct posting {
	gint64 key;   /* the gram: its characters' code points, 21 bits
			 each, the first in the high bits */
	GString *text;
	guint32 last; /* the last document added */
};

/* Free P and its text. */
static void
posting_free(struct posting *p)
{
	if (p->text != NULL)
		g_string_free(p->text, TRUE);
	g_free(p);
}

static void
append36(GString *s, guint32 d)
{
	char buf[16], *q = buf + sizeof buf - 1;

	*q = '\0';
	do {
		*--q = "0123456789abcdefghijklmnopqrstuvwxyz"[d % 36];
		d /= 36;
	} while (d > 0);
	g_string_append(s, q);
}

/* Record that document DOC holds the gram KEY (gram_key). */
static void
post(struct search *x, gint64 key, guint32 doc)
{
	struct posting *a = g_hash_table_lookup(x->grams, &key);

	if (a == NULL) {
		a = g_new0(struct posting, 1);
		a->key = key;
		a->text = g_string_sized_new(8);
		g_hash_table_insert(x->grams, &a->key, a);
	} else if (a->last == doc) {
		return;
	}
	if (a->text->len > 0)
		g_string_append_c(a->text, ',');
	append36(a->text, doc - a->last);
	a->last = doc;
}

/* The gram of the characters A and B (B 0 for a single character). */
static gint64
gram_key(gunichar a, gunichar b)
{
	return (gint64)a << 21 | (gint64)b;
}

/* The gram KEY as UTF-8 into BUF (at least 13 bytes). */
static const char *
gram_text(gint64 key, char *buf)
{
	gunichar b = (gunichar)(key & 0x1FFFFF);
	int n = g_unichar_to_utf8((gunichar)(key >> 21), buf);

	if (b != 0)
		n += g_unichar_to_utf8(b, buf + n);
	buf[n] = '\0';
	return buf;
}

/* Letters and digits make words; anything else separates them. */
static int
is_word(gunichar c)
{
	return g_unichar_isalpha(c) || g_unichar_isdigit(c);
}

/* Index the bigrams of TEXT (normalised) for document DOC. */
static void
index_text(struct search *x, const char *text, guint32 doc)
{
	gunichar prev = 0;
	int run = 0;

	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!is_word(c)) {
			if (run == 1)
				post(x, gram_key(prev, 0), doc);
			run = 0;
		} else {
			if (run > 0)
				post(x, gram_key(prev, c), doc);
			run++;
			prev = c;
		}
	}
	if (run == 1)
		post(x, gram_key(prev, 0), doc);
}

/* Append the lower case of C, as the script's toLowerCase does. */
static void
append_lower(GString *out, gunichar c)
{
	if (c < 0x80)
		g_string_append_c(out, g_ascii_tolower((gchar)c));
	else
		g_string_append_unichar(out, g_unichar_tolower(c));
}

/* Characters NFKC leaves as they are and lower case does not change:
 * kana, the long-vowel mark, the unified ideographs. */
static int
plain_cjk(gunichar c)
{
	return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) ||
	       c == 0x30FC || (c >= 0x4E00 && c <= 0x9FFF);
}

/* Punctuation, spaces and controls only separate words, before and
 * after NFKC. */
static int
separator(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return t == G_UNICODE_CONTROL ||
	       (t >= G_UNICODE_CONNECT_PUNCTUATION &&
		t <= G_UNICODE_OPEN_PUNCTUATION) ||
	       t >= G_UNICODE_LINE_SEPARATOR;
}

/* Append the NFKC of TEXT (LEN bytes, -1: up to its NUL) in lower case. */
static void
append_folded(GString *out, const char *text, gssize len)
{
	char *n = g_utf8_normalize(text, len, G_NORMALIZE_NFKC);

	for (const char *q = n; q != NULL && *q != '\0';
	     q = g_utf8_next_char(q))
		append_lower(out, g_utf8_get_char(q));
	g_free(n);
}

/* TEXT in NFKC, then lower case, all at once: a new string. */
static char *
normalise_all(const char *text)
{
	GString *out = g_string_sized_new(strlen(text));

	append_folded(out, text, -1);
	return g_string_free(out, FALSE);
}

/*
 * TEXT in NFKC and lower case, a new string, as the script makes a
 * query.  Most characters of the guideline are ASCII, kana or
 * ideographs, which need no work, or punctuation, which only separates
 * words: only the others are normalised, one at a time.  Combining
 * marks and half-width kana compose across characters in NFKC: a text
 * with any is normalised as a whole.
 */
static char *
normalise(const char *text)
{
	GString *out = g_string_sized_new(strlen(text));
	char buf[8];

	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c < 0x80) {
			g_string_append_c(out, g_ascii_tolower((gchar)c));
		} else if (plain_cjk(c)) {
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
		} else if (separator(c)) {
			g_string_append_c(out, ' ');
		} else if (g_unichar_ismark(c) ||
			   (c >= 0xFF61 && c <= 0xFF9F)) {
			g_string_free(out, TRUE);
			return normalise_all(text);
		} else {
			append_folded(out, buf, g_unichar_to_utf8(c, buf));
		}
	}
	return g_string_free(out, FALSE);
}

/*
 * The start of TEXT on one line, about SNIPPET_CHARS long: new.  Only
 * the start is copied: the rest is only looked at to see whether
 * anything but blanks follows.
 */
static char *
snippet(const char *text)
{
	const char *t = text, *e, *rest;
	glong n = 0;
	char *s, *cut;

	while (g_ascii_isspace(*t))
		t++;
	for (e = t; *e != '\0' && n < SNIPPET_CHARS; e = g_utf8_next_char(e))
		n++;
	for (rest = e; g_ascii_isspace(*rest); rest++)
		;
	if (*rest == '\0') {
		s = g_strndup(t, (gsize)(e - t));
		g_strdelimit(s, "\n\t", ' ');
		return g_strchomp(s);
	}
	e = g_utf8_offset_to_pointer(t, SNIPPET_CHARS - 1);
	s = g_strndup(t, (gsize)(e - t));
	g_strdelimit(s, "\n\t", ' ');
	cut = g_strconcat(s, "…", NULL);
	g_free(s);
	return cut;
}

void
search_add(struct search *x, const char *path, const char *id,
	   const char *title, const char *text)
{
	char *all = g_strjoin("\n", id, title != NULL ? title : "", text,
			      NULL);
	char *folded = normalise(all);
	char *snip = snippet(text);

	json_array_append_new(x->docs,
			      json_pack("[s,s,s,s]", path, id,
					title != NULL ? title : "", snip));
	index_text(x, folded, x->ndocs++);
	g_free(snip);
	g_free(folded);
	g_free(all);
}

/*
 * A shard's text, one line a document and one a gram:
 *
 *   gpSearchShard(K,{"docs":[
 *   ["controls/I-1.html","Ⅰ.1","title","snippet"],
 *   ...
 *   ],"grams":{
 *   "バッ":"0,3,1",
 *   ...
 *   }});
 *
 * Each entry is jansson's compact text, which holds no newline, so a
 * shard made again from the previous one is cut into its entries at
 * newlines, not parsed: most of it is copied as it was.  A gram's key
 * is letters and digits (index_text), which JSON writes as they are;
 * its posting list is base-36 digits and commas.
 */
#define SHARD_GRAMS "],\"grams\":{"
#define SHARD_END "}});"

/* A line of a shard: LEN bytes at P, no comma after; in the shard as
 * read, or in OWN, made for it. */
struct span {
	const char *p;
	gsize len;
	char *own;
};

/* A gram's entry: its key (the characters, KEYLEN bytes at KEY) and
 * its line; in the shard as read, or in LINE's own. */
struct gram_line {
	const char *key;
	gsize keylen;
	struct span line;
};

static gint
cmp_gram_line(gconstpointer a, gconstpointer b)
{
	const struct gram_line *x = a, *y = b;
	int c = memcmp(x->key, y->key, MIN(x->keylen, y->keylen));

	return c != 0 ? c : (x->keylen > y->keylen) - (x->keylen < y->keylen);
}

static void
span_clear(gpointer p)
{
	g_free(((struct span *)p)->own);
}

static void
gram_line_clear(gpointer p)
{
	span_clear(&((struct gram_line *)p)->line);
}

/* J as compact JSON, a new string (g_free). */
static char *
json_text(json_t *j)
{
	char *t = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	char *r = g_strdup(t);

	free(t);
	return r;
}

/* A span of its own, J's compact JSON. */
static struct span
json_span(json_t *j)
{
	char *t = json_text(j);

	return (struct span){t, strlen(t), t};
}

/* Whether TEXT (LEN bytes) is written as it is in a JSON string: no
 * quote, backslash or control character. */
static bool
json_plain(const char *text, gsize len)
{
	for (gsize i = 0; i < len; i++)
		if (text[i] == '"' || text[i] == '\\' ||
		    (unsigned char)text[i] < 0x20)
			return false;
	return true;
}

/* The entry of gram KEY whose posting list is LIST (LEN bytes).  A key
 * is letters and digits, a list base-36 digits and commas: written as
 * they are, or by jansson should one not be plain. */
static struct gram_line
gram_entry(const char *key, const char *list, gsize len)
{
	gsize kl = strlen(key);
	struct gram_line g = {NULL, kl, {NULL, 0, NULL}};
	GString *t = g_string_sized_new(kl + len + 8);

	if (json_plain(key, kl) && json_plain(list, len)) {
		g_string_append_c(t, '"');
		g_string_append_len(t, key, (gssize)kl);
		g_string_append(t, "\":\"");
		g_string_append_len(t, list, (gssize)len);
		g_string_append_c(t, '"');
	} else {
		json_t *k = json_string(key), *v = json_stringn(list, len);
		char *kt = json_text(k), *vt = json_text(v);

		g_string_append_printf(t, "%s:%s", kt, vt);
		json_decref(k);
		json_decref(v);
		g_free(kt);
		g_free(vt);
	}
	g_string_append_len(t, key, (gssize)kl); /* the key, after the line */
	g.line.len = t->len - kl;
	g.line.own = g_string_free(t, FALSE);
	g.line.p = g.line.own;
	g.key = g.line.own + g.line.len;
	return g;
}

/* Append the N lines of LINES, at STEP bytes from each other (the
 * first at LINES), to T. */
static void
append_lines(GString *t, const void *lines, guint n, gsize step)
{
	for (guint i = 0; i < n; i++) {
		const struct span *l =
		    (const struct span *)((const char *)lines + i * step);

		g_string_append_len(t, l->p, (gssize)l->len);
		g_string_append(t, i + 1 < n ? ",\n" : "\n");
	}
}

/* Shard K's text: DOCS (struct span) and GRAMS (struct gram_line,
 * sorted by key). */
static GString *
shard_text(int k, const GArray *docs, const GArray *grams)
{
	GString *t = g_string_sized_new(64 * 1024);

	g_string_append_printf(t, "gpSearchShard(%d,{\"docs\":[\n", k);
	append_lines(t, docs->data, docs->len, sizeof(struct span));
	g_string_append(t, SHARD_GRAMS "\n");
	append_lines(t, grams->len > 0
			    ? &g_array_index(grams, struct gram_line, 0).line
			    : NULL,
		     grams->len, sizeof(struct gram_line));
	g_string_append(t, SHARD_END "\n");
	return t;
}

/*
 * A shard as the previous build wrote it, being made again: its lines
 * as read, and the documents made anew.
 */
struct search_old {
	const char *text;      /* the shard as read (borrowed) */
	gsize len;
	GArray *docs;          /* struct span: each document's line */
	GArray *grams;         /* struct span: each gram's line */
	guint32 ndocs;
	struct search **fresh; /* by document: its entry and grams as
				  search_add made them (document 0), or
				  NULL: as it was */
};

void
search_old_free(struct search_old *o)
{
	if (o == NULL)
		return;
	for (guint32 d = 0; d < o->ndocs; d++)
		search_free(o->fresh[d]);
	g_free(o->fresh);
	g_array_free(o->docs, TRUE);
	g_array_free(o->grams, TRUE);
	g_free(o);
}

/* The next line of [*AT, END), its comma after taken off, in *LINE;
 * false at the end. */
static bool
next_line(const char **at, const char *end, struct span *line)
{
	const char *nl = memchr(*at, '\n', (size_t)(end - *at));

	if (nl == NULL)
		return false;
	line->p = *at;
	line->len = (gsize)(nl - *at);
	line->own = NULL;
	if (line->len > 0 && line->p[line->len - 1] == ',')
		line->len--;
	*at = nl + 1;
	return true;
}

static bool
span_is(const struct span *l, const char *s)
{
	return l->len == strlen(s) && memcmp(l->p, s, l->len) == 0;
}

struct search_old *
search_old_read(const char *old, gsize len)
{
	const char *at = old, *end = old + len;
	struct search_old *o = g_new0(struct search_old, 1);
	struct span l;
	GArray *into;

	o->text = old;
	o->len = len;
	o->docs = g_array_new(FALSE, FALSE, sizeof(struct span));
	o->grams = g_array_new(FALSE, FALSE, sizeof(struct span));
	into = o->docs;
	if (!next_line(&at, end, &l) || l.len < 2 ||
	    !g_str_has_prefix(old, "gpSearchShard(") ||
	    memcmp(l.p + l.len - 2, ":[", 2) != 0)
		goto bad;
	while (next_line(&at, end, &l) && !span_is(&l, SHARD_END)) {
		if (span_is(&l, SHARD_GRAMS) && into == o->docs)
			into = o->grams;
		else
			g_array_append_val(into, l);
	}
	if (!span_is(&l, SHARD_END) || at != end || into != o->grams)
		goto bad;
	o->ndocs = o->docs->len;
	o->fresh = g_new0(struct search *, o->ndocs);
	return o;
bad:
	search_old_free(o);
	return NULL;
}

guint32
search_old_count(const struct search_old *o)
{
	return o->ndocs;
}

/* Whether document DOC of O is the page PATH's: its line begins with
 * PATH's string. */
static bool
old_doc_is(const struct search_old *o, guint32 doc, const char *path)
{
	const struct span *l;
	json_t *j;
	char *t;
	bool is;

	if (doc >= o->ndocs)
		return false;
	l = &g_array_index(o->docs, struct span, doc);
	j = json_string(path);
	t = json_text(j);
	is = l->len > strlen(t) + 1 && l->p[0] == '[' &&
	     memcmp(l->p + 1, t, strlen(t)) == 0 && l->p[strlen(t) + 1] == ',';
	g_free(t);
	json_decref(j);
	return is;
}

int
search_old_keep(const struct search_old *o, guint32 doc, const char *path)
{
	return old_doc_is(o, doc, path) ? 0 : -1;
}

int
search_old_set(struct search_old *o, guint32 doc, const char *path,
	       const char *id, const char *title, const char *text)
{
	struct search *x;

	if (!old_doc_is(o, doc, path))
		return -1;
	x = search_new();
	search_add(x, path, id, title, text);
	search_free(o->fresh[doc]);
	o->fresh[doc] = x;
	return 0;
}

/*
 * The documents of posting list LIST into DOCS (cleared first).
 * Returns 0, or -1 when LIST is not a list of O's documents.
 */
static int
unpost(const struct search_old *o, const char *list, GArray *docs)
{
	guint32 doc = 0, v = 0;
	bool digits = false;

	g_array_set_size(docs, 0);
	for (const char *p = list;; p++) {
		int d = g_ascii_digit_value(*p) >= 0
			    ? g_ascii_digit_value(*p)
			    : (*p >= 'a' && *p <= 'z' ? *p - 'a' + 10 : -1);

		if (d >= 0) {
			if (v > G_MAXUINT32 / 36)
				return -1;
			v = v * 36 + (guint32)d;
			digits = true;
			continue;
		}
		if (!digits || (*p != ',' && *p != '\0'))
			return -1;
		doc = docs->len == 0 ? v : doc + v;
		if (doc >= o->ndocs || (docs->len > 0 && v == 0))
			return -1;
		g_array_append_val(docs, doc);
		if (*p == '\0')
			return 0;
		v = 0;
		digits = false;
	}
}

/* DOCS (ascending) as a posting list, into T (cleared first). */
static void
posting_text(GString *t, const GArray *docs)
{
	guint32 last = 0;

	g_string_truncate(t, 0);
	for (guint i = 0; i < docs->len; i++) {
		guint32 d = g_array_index(docs, guint32, i);

		if (i > 0)
			g_string_append_c(t, ',');
		append36(t, d - last);
		last = d;
	}
}

/* Whether the document made anew as document DOC of O holds gram KEY. */
static bool
fresh_holds(const struct search_old *o, guint32 doc, gint64 key)
{
	return g_hash_table_contains(o->fresh[doc]->grams, &key);
}

/*
 * The entry of gram KEY (its characters TEXT) in O made again, from its
 * old documents OLD: those made anew taken out, and put back where they
 * hold it.  Into GRAMS, unless it is empty.  DOCS and T are scratch.
 */
static void
repost(const struct search_old *o, GArray *grams, const char *text,
       gint64 key, const GArray *old, GArray *docs, GString *t)
{
	guint i = 0;

	g_array_set_size(docs, 0);
	for (guint32 d = 0; d < o->ndocs; d++) {
		bool had = i < old->len && g_array_index(old, guint32, i) == d;

		i += had;
		if (o->fresh[d] != NULL ? fresh_holds(o, d, key) : had)
			g_array_append_val(docs, d);
	}
	if (docs->len > 0) {
		struct gram_line g;

		posting_text(t, docs);
		g = gram_entry(text, t->str, t->len);
		g_array_append_val(grams, g);
	}
}

/* The gram written as TEXT (one or two characters), or -1. */
static gint64
text_gram(const char *text)
{
	gunichar a, b = 0;

	if (!g_utf8_validate(text, -1, NULL) || *text == '\0')
		return -1;
	a = g_utf8_get_char(text);
	text = g_utf8_next_char(text);
	if (*text != '\0') {
		b = g_utf8_get_char(text);
		if (*g_utf8_next_char(text) != '\0')
			return -1;
	}
	return gram_key(a, b);
}

/*
 * A gram's line L cut into its key (characters, into KEY) and posting
 * list (into LIST): '"key":"list"', the list holding neither quote nor
 * colon, the key no escape.  False when L is not so.
 */
static bool
cut_gram(const struct span *l, GString *key, GString *list)
{
	const char *q = NULL;

	for (const char *p = l->p; p + 1 < l->p + l->len; p++)
		if (p[0] == ':' && p[1] == '"')
			q = p;
	if (q == NULL || q - l->p < 2 || l->p[0] != '"' || q[-1] != '"' ||
	    l->p[l->len - 1] != '"' || memchr(l->p, '\\', l->len) != NULL)
		return false;
	g_string_assign(key, "");
	g_string_append_len(key, l->p + 1, q - 1 - (l->p + 1));
	g_string_assign(list, "");
	g_string_append_len(list, q + 2, l->p + l->len - 1 - (q + 2));
	return true;
}

/*
 * O's grams made again (struct gram_line, sorted by key; a kept entry's
 * line is the one read): an entry that
 * neither held nor now holds a document made anew is kept as it was;
 * the others are made again, and the grams only new documents hold are
 * added.  NULL when an entry is not one.
 */
static GArray *
grams_again(const struct search_old *o)
{
	GArray *grams = g_array_sized_new(FALSE, FALSE, sizeof(struct gram_line),
					  o->grams->len + 64);
	GArray *old = g_array_new(FALSE, FALSE, sizeof(guint32));
	GArray *docs = g_array_new(FALSE, FALSE, sizeof(guint32));
	GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
	gint64 *keys = g_new(gint64, o->grams->len);
	GString *key = g_string_new(NULL), *list = g_string_new(NULL);
	GString *t = g_string_new(NULL);
	bool bad = false;

	g_array_set_clear_func(grams, gram_line_clear);
	for (guint i = 0; i < o->grams->len && !bad; i++) {
		const struct span *l = &g_array_index(o->grams, struct span, i);
		bool touched = false;

		if (!cut_gram(l, key, list) || (keys[i] = text_gram(key->str)) < 0 ||
		    unpost(o, list->str, old) < 0) {
			bad = true;
			break;
		}
		g_hash_table_add(seen, &keys[i]);
		for (guint j = 0; j < old->len && !touched; j++)
			touched = o->fresh[g_array_index(old, guint32, j)] != NULL;
		for (guint32 d = 0; d < o->ndocs && !touched; d++)
			touched = o->fresh[d] != NULL && fresh_holds(o, d, keys[i]);
		if (touched) {
			repost(o, grams, key->str, keys[i], old, docs, t);
		} else {
			struct gram_line g = {l->p + 1, key->len, *l};
			g_array_append_val(grams, g);
		}
	}
	/* the grams no old document held */
	for (guint32 d = 0; d < o->ndocs && !bad; d++) {
		GHashTableIter it;
		gpointer k;

		if (o->fresh[d] == NULL)
			continue;
		g_hash_table_iter_init(&it, o->fresh[d]->grams);
		while (g_hash_table_iter_next(&it, &k, NULL)) {
			char buf[16];

			if (g_hash_table_contains(seen, k))
				continue;
			g_array_set_size(old, 0);
			repost(o, grams, gram_text(*(gint64 *)k, buf),
			       *(gint64 *)k, old, docs, t);
			g_hash_table_add(seen, k);
		}
	}
	g_hash_table_destroy(seen);
	g_free(keys);
	g_array_free(old, TRUE);
	g_array_free(docs, TRUE);
	g_string_free(key, TRUE);
	g_string_free(list, TRUE);
	g_string_free(t, TRUE);
	if (bad) {
		g_array_free(grams, TRUE);
		return NULL;
	}
	g_array_sort(grams, cmp_gram_line);
	return grams;
}

/* ROOT as CALL(ROOT);, a new string. */
static GString *
call_text(const char *call, json_t *root)
{
	GString *t = g_string_new(call);
	char *json = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);

	g_string_append_c(t, '(');
	g_string_append(t, json);
	g_string_append(t, ");\n");
	free(json);
	return t;
}

/* T to PATH, which must not exist.  0, or -1 after reporting. */
static int
write_text(const char *path, const GString *t)
{
	FILE *f = fopen(path, "wx");

	if (f == NULL) {
		diag(S_WRITE, path, 0, 0, strerror(errno));
		return -1;
	}
	fwrite(t->str, 1, t->len, f);
	return fsio_close(f, path);
}

int
search_write(struct search *x, const char *path, int k)
{
	GArray *docs = g_array_new(FALSE, FALSE, sizeof(struct span));
	GArray *grams = g_array_sized_new(FALSE, FALSE, sizeof(struct gram_line),
					  g_hash_table_size(x->grams));
	GHashTableIter it;
	gpointer key, v;
	GString *t;
	int rc;

	g_array_set_clear_func(docs, span_clear);
	g_array_set_clear_func(grams, gram_line_clear);
	for (guint i = 0; i < json_array_size(x->docs); i++) {
		struct span l = json_span(json_array_get(x->docs, i));
		g_array_append_val(docs, l);
	}
	g_hash_table_iter_init(&it, x->grams);
	while (g_hash_table_iter_next(&it, &key, &v)) {
		struct posting *a = v;
		struct gram_line g;
		char buf[16];

		g = gram_entry(gram_text(a->key, buf), a->text->str,
			       a->text->len);
		g_array_append_val(grams, g);
		/* the index is written once: not two copies at the peak */
		g_string_free(a->text, TRUE);
		a->text = NULL;
	}
	g_array_sort(grams, cmp_gram_line);
	t = shard_text(k, docs, grams);
	rc = write_text(path, t);
	g_string_free(t, TRUE);
	g_array_free(docs, TRUE);
	g_array_free(grams, TRUE);
	return rc;
}

int
search_old_write(const struct search_old *o, const char *path, int k)
{
	GArray *grams = grams_again(o);
	GArray *docs;
	GString *t;
	int rc;

	if (grams == NULL)
		return 1;
	docs = g_array_sized_new(FALSE, FALSE, sizeof(struct span), o->ndocs);
	g_array_set_clear_func(docs, span_clear);
	for (guint32 d = 0; d < o->ndocs; d++) {
		struct span l = o->fresh[d] != NULL
				    ? json_span(json_array_get(o->fresh[d]->docs, 0))
				    : g_array_index(o->docs, struct span, d);

		g_array_append_val(docs, l);
	}
	t = shard_text(k, docs, grams);
	/* the same bytes as before (an edit the search does not see): the
	   shard in the output stays as it is */
	rc = t->len == o->len && memcmp(t->str, o->text, o->len) == 0
		 ? 0
		 : write_text(path, t);
	g_string_free(t, TRUE);
	g_array_free(docs, TRUE);
	g_array_free(grams, TRUE);
	return rc;
}

int
search_write_list(const char *path, const GPtrArray *paths)
{
	json_t *list = json_array();
	json_t *root;
	GString *t;
	int rc;

	for (guint i = 0; i < paths->len; i++)
		json_array_append_new(list,
				      json_string(g_ptr_array_index(paths, i)));
	root = json_pack("{s:i, s:o}", "v", 2, "shards", list);
	t = call_text("gpSearchIndex", root);
	rc = write_text(path, t);
	g_string_free(t, TRUE);
	json_decref(root);
	return rc;
}
