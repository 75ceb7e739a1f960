/*
 * stub: the records a state file keeps of each content file (what the
 * rest of the site shows of it), see stub.c.
 */
#ifndef GP_STUB_H
#define GP_STUB_H

#include <glib.h>

#include "model.h"

/*
 * The record of every input of G that made a part, section, page or
 * control: a new array, by input index, of GString * (NULL for an input
 * that made none, or that ONLY, when not NULL, leaves out: those whose
 * byte in ONLY, by input index, is 0).  Free with stub_records_free.
 */
GPtrArray *stub_records(const struct guideline *g, const guint8 *only);
void stub_records_free(GPtrArray *recs);

#endif
