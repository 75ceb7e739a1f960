/*
 * export: the model as JSON.
 */
#ifndef GP_EXPORT_H
#define GP_EXPORT_H

#include <stdio.h>

#include <jansson.h>

#include "model.h"

/* The whole guideline; a new reference the caller decrefs. */
json_t *export_guideline(const struct guideline *g);

/* One control; a new reference. */
json_t *export_control(const struct control *c);

/* One value; a new reference. */
json_t *export_value(const struct value *v);

/* Write the guideline to OUT, indented; 0 or -1. */
int export_json(const struct guideline *g, FILE *out);

#endif
