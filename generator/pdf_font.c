/*
 * pdf_font: the fonts of the PDF, from the fonts directory only.
 *
 * A private fontconfig configuration holds the font files of DIR and
 * nothing else (no system configuration is loaded), so the fonts
 * installed on the machine can never change the book.  DIR/fonts.conf,
 * if present, adds rules (aliases, no hinting).
 */
#include <errno.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "diag.h"
#include "pdf_priv.h"

/* strcmp for g_ptr_array_sort, whose items are char **. */
static int
cmp_names(const char **a, const char **b)
{
	return strcmp(*a, *b);
}

/*
 * Add the font files of DIR (.ttf, .otf, .ttc) to C, in name order.
 * File by file rather than FcConfigAppFontAddDir, which wants to write a
 * cache.  Returns 0, or -1 after reporting against REL.
 */
static int
add_files(FcConfig *c, const char *dir, const char *rel)
{
	GError *err = NULL;
	GDir *dp = g_dir_open(dir, 0, &err);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *n;
	int rc = 0;

	if (dp == NULL) {
		diag(S_READ, rel, 0, 0, err->message);
		g_error_free(err);
		g_ptr_array_free(names, TRUE);
		return -1;
	}
	while ((n = g_dir_read_name(dp)) != NULL)
		if (g_str_has_suffix(n, ".ttf") ||
		    g_str_has_suffix(n, ".otf") ||
		    g_str_has_suffix(n, ".ttc"))
			g_ptr_array_add(names, g_build_filename(dir, n, NULL));
	g_dir_close(dp);
	g_ptr_array_sort(names, (GCompareFunc)cmp_names);
	for (guint i = 0; i < names->len; i++) {
		const char *f = g_ptr_array_index(names, i);
		if (!FcConfigAppFontAddFile(c, (const FcChar8 *)f)) {
			diag(S_READ, f, 0, 0, "not a font fontconfig can read");
			rc = -1;
		}
	}
	g_ptr_array_free(names, TRUE);
	return rc;
}

/*
 * A fontconfig configuration of the fonts in DIR, or NULL after
 * reporting.  The caller destroys it.
 */
static FcConfig *
private_config(const char *rel)
{
	/* fontconfig takes relative names as relative to its own
	 * configuration directory */
	char *dir = g_canonicalize_filename(rel, NULL);
	char *conf = g_build_filename(dir, "fonts.conf", NULL);
	FcConfig *c = FcConfigCreate();
	FcFontSet *set;

	if (c == NULL)
		g_error("fontconfig: out of memory");
	if (g_file_test(conf, G_FILE_TEST_EXISTS) &&
	    !FcConfigParseAndLoad(c, (const FcChar8 *)conf, FcTrue)) {
		diag(S_READ, conf, 0, 0, "fontconfig cannot load it");
		goto fail;
	}
	if (add_files(c, dir, rel) < 0)
		goto fail;
	set = FcConfigGetFonts(c, FcSetApplication);
	if (set == NULL || set->nfont == 0) {
		diag(S_READ, rel, 0, 0, "no font files in the fonts directory");
		goto fail;
	}
	g_free(conf);
	g_free(dir);
	return c;
fail:
	g_free(conf);
	g_free(dir);
	FcConfigDestroy(c);
	return NULL;
}

/*
 * A pango context on a cairo font map restricted to DIR's fonts: 72 dpi
 * (a size in points is a size in PDF units), no hinting, unrounded
 * glyph positions, so the layout is exact and the same everywhere.
 * Returns NULL after reporting; the caller unrefs it.
 */
PangoContext *
pdf_font_context(const char *dir)
{
	FcConfig *c = private_config(dir);
	PangoFontMap *fm;
	PangoContext *ctx;
	cairo_font_options_t *fo;

	if (c == NULL)
		return NULL;
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (fm == NULL || !PANGO_IS_FC_FONT_MAP(fm))
		g_error("pango: no fontconfig font map");
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), c);
	FcConfigDestroy(c); /* the font map holds a reference */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	ctx = pango_font_map_create_context(fm);
	g_object_unref(fm); /* the context holds a reference */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(ctx, 72.0);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_language(ctx, pango_language_from_string("ja"));
	return ctx;
}
