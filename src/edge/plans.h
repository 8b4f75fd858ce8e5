/* SPDX-License-Identifier: MIT
 *
 * plans.ini (plans.md) into a Plans (model.h): provider, calendars, plans, every key
 * parsed, range-checked and defaulted, calendar names resolved, the logo read.
 *
 * GKeyFile reads the values; a light pre-scan beside it gives what GKeyFile does not:
 * the line of every group and key, and duplicate or unknown groups and keys as errors
 * (a typo in a contract term must not pass silently).
 */
#ifndef SLAREPORT_PLANS_H
#define SLAREPORT_PLANS_H

#include <glib.h>

#include "dataset.h"
#include "diag.h"
#include "model.h"

/* The zone used when plans.ini names none, or names one this system does not know. */
#define PLANS_DEFAULT_TIMEZONE "Europe/Paris"

/*
 * Parses the text of a plans.ini (@len bytes of @data) named @name in diagnostics
 * ("plans.ini:LINE: key KEY: …").  The logo is read relative to @dir (NULL: not
 * read, for tests).  Always returns the plans (transfer full): a key with a problem
 * keeps its default and a broken group still defines its calendar or plan, so that the
 * CSV files can be checked against it; the caller stops the run when @diags got an
 * error.  Provider.tz is never NULL.
 */
Plans *plans_parse(const char *name, const char *data, gsize len, const char *dir,
		   DiagList *diags);

/* Plans with the defaults of plans.md, the 24x7 calendar and no plan (transfer full). */
Plans *plans_new_default(void);

/* The calendar named @name in @plans, or NULL. */
const Calendar *plans_find_calendar(const Plans *plans, const char *name);
/* The plan with id @id in @plans, or NULL. */
const Plan *plans_find_plan(const Plans *plans, const char *id);

#endif
