/*
 * xml_floor: how fast could any generator be that makes its pages as
 * libxml2 trees, as issue 3 asks?  It takes the pages a guidepress
 * build wrote, reads each into a tree (not timed), and then times only
 * what such a generator cannot avoid for each page: making the tree
 * (a deep copy, node by node, as building one does), serialising it
 * with the options guidepress uses, writing the file and freeing the
 * tree — on as many threads as processors, no loading, no navigation,
 * no search index.
 *
 *	xml_floor SITE OUT
 *
 * Prints "pages seconds": the wall time of the timed part.  OUT must
 * not exist; the pages are written under it with their paths in SITE.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlsave.h>

struct page {
	char *rel;     /* path under SITE and OUT */
	xmlDocPtr doc; /* as read */
};

struct job {
	GPtrArray *pages;
	const char *out;
	gint next;
	gint failed;
};

static void
collect(GPtrArray *pages, const char *root, const char *rel)
{
	char *dir = g_build_filename(root, rel, NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;

	while (d != NULL && (n = g_dir_read_name(d)) != NULL) {
		char *r = *rel ? g_build_filename(rel, n, NULL) : g_strdup(n);
		char *p = g_build_filename(root, r, NULL);

		if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
			collect(pages, root, r);
			g_free(r);
		} else if (g_str_has_suffix(n, ".html")) {
			struct page *pg = g_new(struct page, 1);
			pg->rel = r;
			pg->doc = htmlReadFile(p, "UTF-8",
					       HTML_PARSE_NOERROR |
						   HTML_PARSE_NOWARNING);
			if (pg->doc == NULL)
				fprintf(stderr, "xml_floor: %s: cannot read "
						"this page\n", p);
			g_ptr_array_add(pages, pg);
		} else {
			g_free(r);
		}
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	g_free(dir);
}

/* Make, serialise, write and free one page. */
static int
one(const struct page *pg, const char *out)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlDocCopyNode(xmlDocGetRootElement(pg->doc), doc, 1);
	xmlBufferPtr b = xmlBufferCreateSize(16384);
	xmlSaveCtxtPtr ctx;
	char *path = g_build_filename(out, pg->rel, NULL);
	int rc;

	xmlDocSetRootElement(doc, root);
	xmlBufferCCat(b, "<!DOCTYPE html>\n");
	ctx = xmlSaveToBuffer(b, "UTF-8", XML_SAVE_XHTML | XML_SAVE_NO_DECL);
	xmlSaveTree(ctx, root);
	xmlSaveClose(ctx);
	xmlBufferCCat(b, "\n");
	FILE *f = fopen(path, "wb");
	rc = f != NULL &&
			     fwrite(xmlBufferContent(b), 1,
				    (size_t)xmlBufferLength(b),
				    f) == (size_t)xmlBufferLength(b)
		     ? 0
		     : -1;
	if (f != NULL && fclose(f) != 0)
		rc = -1;
	g_free(path);
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	return rc;
}

static gpointer
worker(gpointer data)
{
	struct job *j = data;
	guint i;

	while ((i = (guint)g_atomic_int_add(&j->next, 1)) < j->pages->len)
		if (one(g_ptr_array_index(j->pages, i), j->out) < 0)
			g_atomic_int_set(&j->failed, 1);
	return NULL;
}

/* Make OUT's directories for every page. */
static int
make_dirs(GPtrArray *pages, const char *out)
{
	for (guint i = 0; i < pages->len; i++) {
		const struct page *pg = g_ptr_array_index(pages, i);
		char *p = g_build_filename(out, pg->rel, NULL);
		char *d = g_path_get_dirname(p);
		int rc = g_mkdir_with_parents(d, 0755);

		g_free(d);
		g_free(p);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	GPtrArray *pages = g_ptr_array_new();
	guint n = g_get_num_processors();
	GThread **th = g_new(GThread *, n);
	struct job j = {pages, NULL, 0, 0};
	gint64 t0, t1;

	if (argc != 3) {
		fprintf(stderr, "usage: xml_floor SITE OUT\n");
		return 64;
	}
	j.out = argv[2];
	xmlInitParser();
	collect(pages, argv[1], "");
	for (guint i = 0; i < pages->len; i++)
		if (((struct page *)g_ptr_array_index(pages, i))->doc == NULL)
			return 1;
	if (pages->len == 0) {
		fprintf(stderr, "xml_floor: %s: no .html pages; give the "
				"output directory of a build\n", argv[1]);
		return 1;
	}
	if (g_file_test(argv[2], G_FILE_TEST_EXISTS)) {
		fprintf(stderr, "xml_floor: %s: already exists; give a new "
				"directory, so every page is a new file\n",
			argv[2]);
		return 1;
	}
	if (make_dirs(pages, argv[2]) < 0) {
		fprintf(stderr, "xml_floor: %s: cannot make directories: "
				"%s\n", argv[2], g_strerror(errno));
		return 1;
	}
	t0 = g_get_monotonic_time();
	for (guint i = 0; i < n; i++)
		th[i] = g_thread_new("floor", worker, &j);
	for (guint i = 0; i < n; i++)
		g_thread_join(th[i]);
	t1 = g_get_monotonic_time();
	if (j.failed) {
		fprintf(stderr, "xml_floor: %s: a page could not be written "
				"(is the disk full?)\n", argv[2]);
		return 1;
	}
	printf("%u %.3f\n", pages->len, (double)(t1 - t0) / 1e6);
	return 0;
}
