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
 * The index is JSON written with jansson, in shards of up to
 * SEARCH_SHARD_DOCS documents each (sections, then controls, in ID
 * order), so that editing one control rewrites one shard.  Each file
 * is wrapped in a call, so the script can load it with a <script>
 * element, which works from file:// too.  search-index.js lists the
 * shards:
 *
 *   gpSearchIndex({"v":2,"shards":["search/0.js", ...]});
 *
 * and search/K.js holds shard K, its documents numbered from 0:
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
 * A shard as the previous build wrote it, being made again: its
 * documents and posting lists as read, and the documents made anew.
 */
struct search_old {
	const char *text;      /* the shard as read (borrowed) */
	gsize len;
	json_t *root;
	json_t *docs;          /* [path, id, title, snippet] each */
	json_t *grams;         /* gram → posting list */
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
	json_decref(o->root);
	g_free(o);
}

struct search_old *
search_old_read(const char *old, gsize len)
{
	const char *open = g_strstr_len(old, (gssize)len, ",");
	const char *close = g_strrstr_len(old, (gssize)len, ");");
	struct search_old *o;

	if (open == NULL || close == NULL || close < open ||
	    !g_str_has_prefix(old, "gpSearchShard("))
		return NULL;
	o = g_new0(struct search_old, 1);
	o->text = old;
	o->len = len;
	o->root = json_loadb(open + 1, (size_t)(close - open - 1), 0, NULL);
	o->docs = json_object_get(o->root, "docs");
	o->grams = json_object_get(o->root, "grams");
	if (!json_is_array(o->docs) || !json_is_object(o->grams)) {
		search_old_free(o);
		return NULL;
	}
	o->ndocs = (guint32)json_array_size(o->docs);
	o->fresh = g_new0(struct search *, o->ndocs);
	return o;
}

guint32
search_old_count(const struct search_old *o)
{
	return o->ndocs;
}

/* Whether document DOC of O is the page PATH's. */
static bool
old_doc_is(const struct search_old *o, guint32 doc, const char *path)
{
	json_t *e = doc < o->ndocs ? json_array_get(o->docs, doc) : NULL;

	return json_is_array(e) && json_array_size(e) == 4 &&
	       g_strcmp0(json_string_value(json_array_get(e, 0)), path) == 0;
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
	json_array_set(o->docs, doc, json_array_get(x->docs, 0));
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

/* DOCS (ascending) as a posting list. */
static json_t *
posting_list(const GArray *docs)
{
	GString *t = g_string_sized_new(3 * docs->len);
	guint32 last = 0;
	json_t *j;

	for (guint i = 0; i < docs->len; i++) {
		guint32 d = g_array_index(docs, guint32, i);

		if (i > 0)
			g_string_append_c(t, ',');
		append36(t, d - last);
		last = d;
	}
	j = json_stringn(t->str, t->len);
	g_string_free(t, TRUE);
	return j;
}

/* Whether the document made anew as document DOC of O holds gram KEY. */
static bool
fresh_holds(const struct search_old *o, guint32 doc, gint64 key)
{
	return g_hash_table_contains(o->fresh[doc]->grams, &key);
}

/*
 * The posting list of gram KEY (its text TEXT) in O made again, from
 * its old documents OLD: those made anew taken out, and put back
 * where they hold it.  Into GRAMS, unless it is empty.
 */
static void
repost(const struct search_old *o, json_t *grams, const char *text,
       gint64 key, const GArray *old, GArray *docs)
{
	guint i = 0;

	g_array_set_size(docs, 0);
	for (guint32 d = 0; d < o->ndocs; d++) {
		bool had = i < old->len && g_array_index(old, guint32, i) == d;

		i += had;
		if (o->fresh[d] != NULL ? fresh_holds(o, d, key) : had)
			g_array_append_val(docs, d);
	}
	if (docs->len > 0)
		json_object_set_new(grams, text, posting_list(docs));
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
 * Make O's posting lists again: a list that neither held nor now holds
 * a document made anew is kept as it was; the others are made again,
 * and the grams only new documents hold are added.  Returns the lists,
 * or NULL when a list is not one.
 */
static json_t *
old_grams(const struct search_old *o)
{
	json_t *grams = json_object();
	GArray *old = g_array_new(FALSE, FALSE, sizeof(guint32));
	GArray *docs = g_array_new(FALSE, FALSE, sizeof(guint32));
	GHashTable *seen = g_hash_table_new(g_int64_hash, g_int64_equal);
	gint64 *keys = g_new(gint64, json_object_size(o->grams));
	guint nkeys = 0;
	const char *text;
	json_t *v;
	bool bad = false;

	json_object_foreach(o->grams, text, v) {
		gint64 key = text_gram(text);
		bool touched = false;

		if (key < 0 || !json_is_string(v) ||
		    unpost(o, json_string_value(v), old) < 0) {
			bad = true;
			break;
		}
		keys[nkeys] = key;
		g_hash_table_add(seen, &keys[nkeys++]);
		for (guint i = 0; i < old->len && !touched; i++)
			touched = o->fresh[g_array_index(old, guint32, i)] != NULL;
		for (guint32 d = 0; d < o->ndocs && !touched; d++)
			touched = o->fresh[d] != NULL && fresh_holds(o, d, key);
		if (touched)
			repost(o, grams, text, key, old, docs);
		else
			json_object_set(grams, text, v);
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
			       *(gint64 *)k, old, docs);
			g_hash_table_add(seen, k);
		}
	}
	g_hash_table_destroy(seen);
	g_free(keys);
	g_array_free(old, TRUE);
	g_array_free(docs, TRUE);
	if (bad) {
		json_decref(grams);
		return NULL;
	}
	return grams;
}

/* ROOT as CALL(ROOT);, or CALL(K,ROOT); when K >= 0: a new string. */
static GString *
call_text(const char *call, int k, json_t *root)
{
	GString *t = g_string_new(call);
	char *json = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);

	if (k >= 0)
		g_string_append_printf(t, "(%d,", k);
	else
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

/* Write ROOT to PATH as call_text makes it. */
static int
write_call(const char *path, const char *call, int k, json_t *root)
{
	GString *t = call_text(call, k, root);
	int rc = write_text(path, t);

	g_string_free(t, TRUE);
	return rc;
}

int
search_write(struct search *x, const char *path, int k)
{
	json_t *grams = json_object();
	json_t *root;
	GHashTableIter it;
	gpointer key, v;
	int rc;

	g_hash_table_iter_init(&it, x->grams);
	while (g_hash_table_iter_next(&it, &key, &v)) {
		struct posting *a = v;
		char buf[16];

		json_object_set_new(grams, gram_text(a->key, buf),
				    json_stringn(a->text->str, a->text->len));
		/* the index is written once: not two copies at the peak */
		g_string_free(a->text, TRUE);
		a->text = NULL;
	}
	root = json_pack("{s:O, s:o}", "docs", x->docs, "grams", grams);
	rc = write_call(path, "gpSearchShard", k, root);
	json_decref(root);
	return rc;
}

int
search_old_write(const struct search_old *o, const char *path, int k)
{
	json_t *grams = old_grams(o);
	json_t *root;
	GString *t;
	int rc;

	if (grams == NULL)
		return 1;
	root = json_pack("{s:O, s:o}", "docs", o->docs, "grams", grams);
	t = call_text("gpSearchShard", k, root);
	/* the same bytes as before (an edit the search does not see): the
	   shard in the output stays as it is */
	rc = t->len == o->len && memcmp(t->str, o->text, o->len) == 0
		 ? 0
		 : write_text(path, t);
	g_string_free(t, TRUE);
	json_decref(root);
	return rc;
}

int
search_write_list(const char *path, const GPtrArray *paths)
{
	json_t *list = json_array();
	json_t *root;
	int rc;

	for (guint i = 0; i < paths->len; i++)
		json_array_append_new(list,
				      json_string(g_ptr_array_index(paths, i)));
	root = json_pack("{s:i, s:o}", "v", 2, "shards", list);
	rc = write_call(path, "gpSearchIndex", -1, root);
	json_decref(root);
	return rc;
}
