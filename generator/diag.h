/*
 * diag: one enum of messages ordered by severity, one table of texts,
 * one reporter.  Every message is documented in guidepress.1.
 *
 * A diagnostic is printed as
 *	guidepress: FILE:LINE:COL: LEVEL: MESSAGE
 * with LINE and COL 1-based (COL counts characters, not bytes) in the
 * original file.  A zero LINE prints FILE: only; a NULL FILE prints the
 * program name only.
 */
#ifndef GP_DIAG_H
#define GP_DIAG_H

#include <stdio.h>

enum diag_level {
	DIAG_OK = 0,
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG_SYSERR, /* the system failed us: cannot read, cannot write */
};

/*
 * Messages, grouped by level.  Each has a printf format in diag.c taking
 * the arguments named in the comment.  Keep diag.c and guidepress.1 in
 * step with this list.
 */
enum diag_code {
	/* warnings */
	W_SECTION_EMPTY,      /* section id */
	W_SUBSECTION_EMPTY,   /* subsection id */
	W_BP_NOT_LIST,        /* (none) */
	W_SERVICE_PATTERN,    /* service type, its pattern, the answers' pattern */
	W_SERVICE_UNKNOWN,    /* service type */
	W_RENUMBER_UNKNOWN,   /* old id */
	/* errors */
	E_UTF8,               /* (none) */
	E_NUL,                /* (none) */
	E_TOO_BIG,            /* size limit in bytes */
	E_FM_MISSING,         /* (none) */
	E_FM_UNCLOSED,        /* (none) */
	E_YAML,               /* libyaml's problem text */
	E_YAML_DEPTH,         /* limit */
	E_YAML_ALIAS,         /* (none) */
	E_KEY_UNKNOWN,        /* key, did-you-mean suffix */
	E_KEY_DUP,            /* key, first line */
	E_KEY_MISSING,        /* key */
	E_TYPE,               /* key, expected type */
	E_EMPTY,              /* key */
	E_ID_SYNTAX,          /* id */
	E_ID_KIND,            /* id, what the file should hold */
	E_ID_DUP,             /* id, first file, first line */
	E_ID_FILE,            /* id, expected file name */
	E_ID_DIR,             /* id, expected directory */
	E_ID_PARENT,          /* id, parent id */
	E_SUB_UNDECLARED,     /* subsection id, section id */
	E_SUB_FOREIGN,        /* subsection id, section id */
	E_LEVEL,              /* level */
	E_ITEMS_EMPTY,        /* (none) */
	E_ITEM_KEY_MISSING,   /* item number */
	E_ITEM_KEY_DUP,       /* key */
	E_ITEM_KEY_SYNTAX,    /* key */
	E_ITEM_NO_VALUES,     /* item key */
	E_PATTERN_KEY,        /* key */
	E_PATTERN_MISSING,    /* item key, pattern */
	E_VALUE_EMPTY,        /* (none) */
	E_VALUE_DASH_LIST,    /* (none) */
	E_VALUE_PARSE,        /* value */
	E_VALUE_STAR_DASH,    /* (none) */
	E_VALUE_DIRECTION,    /* value, item key */
	E_VALUE_CONFLICT,     /* value, its own bound, item key, better */
	E_BETTER,             /* text */
	E_KIND,               /* text */
	E_CONTROL_EMPTY,      /* id */
	E_XREF,               /* target */
	E_EDITION,            /* text */
	E_CIA_LEVEL,          /* text, allowed */
	E_PATTERN_NUM,        /* text */
	E_PATTERNS_COUNT,     /* count */
	E_NO_CONTENT,         /* directory */
	E_MISSING_PART,       /* part id */
	E_THEME,              /* libxml2's message */
	E_THEME_TEMPLATE,     /* template name */
	/* answers files */
	E_ANS_CONTROL,        /* id, did-you-mean suffix */
	E_ANS_ITEM,           /* key, control id, the keys it has */
	E_ANS_STATUS,         /* status */
	E_ANS_VALUE,          /* text, what the item expects */
	E_ANS_OPTION,         /* label, item key, the options */
	E_ANS_PATTERN,        /* explicit pattern, classification pattern */
	E_ANS_NO_PATTERN,     /* (none) */
	E_ANS_EDITION,        /* answers edition, content edition */
	E_ANS_DATE,           /* key, text */
	E_ANS_VALUE_SINGLE,   /* control id, number of items */
	E_ANS_NO_ITEMS,       /* control id */
	E_ANS_BOTH,           /* (none) */
	E_ANS_TOO_MANY,       /* limit */
	/* system errors */
	S_READ,               /* strerror */
	S_WRITE,              /* strerror */
	S_DIR,                /* strerror */
	S_MODULE,             /* the dynamic loader's message */
	DIAG__MAX
};

/* The level a message is reported at. */
enum diag_level diag_level_of(enum diag_code);

/* The message's printf format (for documentation and tests). */
const char *diag_format(enum diag_code);

/*
 * Report one message.  FILE may be NULL; LINE and COL are 1-based, 0 for
 * unknown.  Arguments follow the message's format.
 */
void diag(enum diag_code, const char *file, int line, int col, ...);

/*
 * Messages of work done ahead in another thread, kept until their turn:
 * between diag_capture(CAP) and diag_capture(NULL), diag() in the
 * calling thread adds to CAP (zeroed by the caller) instead of printing
 * and counting; diag_replay(CAP), in the thread that reports, prints
 * and counts them and empties CAP (or, when that thread is capturing
 * itself, adds them to its capture).
 */
struct diag_capture {
	struct _GString *text;
	int counts[DIAG_SYSERR + 1];
};

void diag_capture(struct diag_capture *cap);
void diag_replay(struct diag_capture *cap);

/* The worst level reported since start or the last diag_reset(). */
enum diag_level diag_worst(void);

/* Counts of warnings and errors (system errors count as errors). */
int diag_count(enum diag_level);

/* Forget counts and the worst level. */
void diag_reset(void);

/* Where messages go; stderr unless changed.  NULL silences them. */
void diag_set_stream(FILE *);

/* Program name printed first; "guidepress" unless changed. */
void diag_set_progname(const char *);

/*
 * Print the one-line summary, "N errors, M warnings", to the stream,
 * prefixed with WHAT (e.g. "check: content/").
 */
void diag_summary(const char *what);

/*
 * Exit status for the worst level: 0 ok, 1 warnings, 2 errors,
 * 3 system errors.
 */
int diag_exit_status(void);

#endif
