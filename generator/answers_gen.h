/*
 * answers_gen: a complete answers file to fill in, and a JSON Schema
 * (draft 2020-12) of answers files for editors' YAML tooling.
 */
#ifndef GP_ANSWERS_GEN_H
#define GP_ANSWERS_GEN_H

#include <stdio.h>

#include <jansson.h>

#include "model.h"

/* Print an answers file for PATTERN (1..6) with every control and item,
 * the reference value of that pattern as a comment. */
void answers_init_print(const struct guideline *g, int pattern, FILE *f);

/* The schema; a new reference. */
json_t *answers_schema(const struct guideline *g);

#endif
