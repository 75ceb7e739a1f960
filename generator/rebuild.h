/*
 * rebuild: load only what changed.  A build of the site leaves its state
 * in the output (state.h): every content file's stamp, hash and stub
 * record, and every page's key with the files it covers.  The next build
 * of the same content into the same output stats every file, reads only
 * those whose stamp changed, and of those parses only the ones whose
 * bytes changed, with the files the pages they touch must read to be
 * made again (a section page its own; the articles of its unchanged
 * controls, and a shard's unchanged documents, are taken from the pages
 * as they are: html_incr.c); every other file becomes a stub, made from
 * its record (stub.c).  The site writer then makes again only the pages
 * whose keys changed, and never one that needs a stub read
 * (site.h, SITE_NEEDS_ALL).
 *
 * It gives up, and the caller loads everything as usual, whenever it
 * cannot be sure of the result: no usable state, files added, removed
 * or renamed, the previous build reported something, this load reported
 * anything, or a changed file's record differs (an ID, title, brief,
 * level or item changed: pages all over the site show those).
 */
#ifndef GP_REBUILD_H
#define GP_REBUILD_H

#include "model.h"

/*
 * The guideline of DIR, partial (with G->state), for a build of the site
 * into OUT; or NULL, having reported nothing, when it has to be loaded
 * whole.  The result is validated.  Free with guideline_free.  With a
 * guideline, *LISTING is OUT being listed for the build's manifest
 * (manifest_list_async), begun once the content was compared.
 */
struct guideline *rebuild_load(const char *dir, const char *out,
			       GThread **listing);

#endif
