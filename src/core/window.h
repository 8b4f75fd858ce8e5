/* SPDX-License-Identifier: MIT
 *
 * Maintenance windows: which services a window covers and whether it was notified
 * early enough to excuse downtime (plans.md maintenance.notice, decisions.md 20–21).
 * Shared by availability (planned time) and GTR (planned work stops the clock).
 */
#ifndef SLAREPORT_WINDOW_H
#define SLAREPORT_WINDOW_H

#include <glib.h>

#include "model.h"

typedef enum {
	WINDOW_QUALIFIES,
	WINDOW_NOTICE_TOO_SHORT,
	WINDOW_NOT_NOTIFIED,
} WindowNotice;

/* TRUE when @w covers @service: service `*` or equal, and customer equal; a window
 * giving both applies only where both match. */
gboolean window_applies(const Maintenance *w, const Service *service);
/* Whether @w was notified early enough under @plan's maintenance.notice: whole days
 * compare calendar dates in @tz, hours and minutes compare elapsed time. */
WindowNotice window_notice(const Maintenance *w, const Plan *plan, GTimeZone *tz);

#endif
