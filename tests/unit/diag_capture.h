/*
 * What the units that check messages share: diagnostics captured into
 * memory for the length of one test.  Include after <cmocka.h>.
 */
#ifndef GP_TEST_DIAG_CAPTURE_H
#define GP_TEST_DIAG_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

static char *captured;
static size_t captured_len;
static FILE *capture;

/* cmocka setup: messages go to memory, counts start from zero. */
static int
capture_setup(void **state)
{
	(void)state;
	capture = open_memstream(&captured, &captured_len);
	diag_set_stream(capture);
	diag_reset();
	return 0;
}

/* cmocka teardown: messages go to standard error again. */
static int
capture_teardown(void **state)
{
	(void)state;
	fclose(capture);
	free(captured);
	captured = NULL;
	diag_set_stream(stderr);
	return 0;
}

/* Everything reported since the setup. */
static const char *
messages(void)
{
	fflush(capture);
	return captured;
}

#endif
