/* SPDX-License-Identifier: MIT
 *
 * The command line (outputs.md, "Command line") and the exit status of a run
 * (outputs.md, "Exit status").  Parsing checks the syntax of every value; what needs
 * the inputs (the default month, in the provider's zone) is resolved afterwards by
 * options_resolve_month().
 */
#ifndef SLAREPORT_OPTIONS_H
#define SLAREPORT_OPTIONS_H

#include <glib.h>

#include "zone.h"

/* The program's exit status, exactly as outputs.md lists them. */
typedef enum {
	EXIT_OK = 0,     /* all statements written */
	EXIT_USAGE = 1,  /* bad option */
	EXIT_DATA = 2,   /* bad input, nothing written */
	EXIT_LOCKED = 3, /* another run holds the lock */
	EXIT_OUTPUT = 4, /* disk full, permission, interrupted: previous month untouched */
} ExitStatus;

#define OPTIONS_ERROR (options_error_quark())
GQuark options_error_quark(void);

typedef enum {
	OPTIONS_ERROR_BAD_VALUE, /* an option's value does not parse */
	OPTIONS_ERROR_CONFLICT,  /* options that do not go together */
} OptionsError;

typedef struct {
	char *input;            /* input folder; default "samples" */
	char *out;              /* output root; default "out" */
	gboolean month_given;   /* --month given; else options_resolve_month() picks it */
	int year, month;        /* the month to report, once given or resolved */
	char month_text[8];     /* "YYYY-MM", once given or resolved */
	char **customers;       /* --customer ids, sorted byte-wise, unique; NULL = all */
	guint jobs;             /* >= 1; default g_get_num_processors() */
	gboolean allow_rejects;
	gboolean validate;
	gboolean no_pdf;
	Day issue_date;         /* DAY_NONE until given or resolved */
	gboolean version;
	gboolean quiet;
	gboolean verbose;
} Options;

/* Sets every field to its default. */
void options_init(Options *opts);
/* Frees what the fields own; the struct can be initialised again. */
void options_clear(Options *opts);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Options, options_clear)

/*
 * Parses argv (argv[0] is the program name) into @opts, which must have been
 * initialised.  `--help` prints the help, exit codes included, and exits 0 (GOption
 * does it).  Fails with G_OPTION_ERROR or OPTIONS_ERROR (exit status EXIT_USAGE) on an
 * unknown option, a bad value, a positional argument or conflicting options.
 */
gboolean options_parse(Options *opts, int argc, char **argv, GError **error);

/*
 * The month to report by default for a run at instant @now: the month before the one
 * holding @now in @tz (a run at 00:30 on 1 November in Paris reports October).
 */
void options_default_month(GTimeZone *tz, gint64 now, int *year, int *month);

/*
 * Completes @opts once the provider's zone is known: the month (default above) and the
 * issue date (default: the first day after the month).  Warns when an explicit month
 * has not ended yet at @now in @tz (its figures would be partial).
 */
void options_resolve_month(Options *opts, GTimeZone *tz, gint64 now);

/* Formats a day as "YYYY-MM-DD" into @buf. */
void options_format_day(Day d, char buf[static 11]);

/*
 * The exit status for an error from the runner's modules: usage errors (G_OPTION_ERROR,
 * OPTIONS_ERROR, OUTDIR_ERROR_REFUSED) 1, OUTDIR_ERROR_LOCKED 3, the other OUTDIR_ERROR
 * codes, MANIFEST_ERROR and BATCH_ERROR (interrupted) 4; any other domain gives
 * @fallback (an item's own error from batch_run keeps its domain).
 */
ExitStatus options_exit_status(const GError *error, ExitStatus fallback);

#endif
