/* SPDX-License-Identifier: MIT
 *
 * Scope and notice of maintenance windows.  A notice in days is counted the way the
 * contracts word it ("8 jours calendaires avant la date prévue"): dates, not hours,
 * in the provider's zone.
 */
#include "window.h"

gboolean
window_applies(const Maintenance *w, const Service *service)
{
	if (w->service_id != NULL && strcmp(w->service_id, "*") != 0 &&
	    strcmp(w->service_id, service->id) != 0)
		return FALSE;
	if (w->customer_id != NULL && strcmp(w->customer_id, service->customer_id) != 0)
		return FALSE;
	return w->service_id != NULL || w->customer_id != NULL;
}

WindowNotice
window_notice(const Maintenance *w, const Plan *plan, GTimeZone *tz)
{
	if (w->notified_at == TIME_NONE)
		return WINDOW_NOT_NOTIFIED;
	if (plan->notice_days >= 0) {
		gint64 days = (gint64)zone_day_of(tz, w->start, NULL) -
			      zone_day_of(tz, w->notified_at, NULL);

		return days >= plan->notice_days ? WINDOW_QUALIFIES : WINDOW_NOTICE_TOO_SHORT;
	}
	return w->start - w->notified_at >= plan->notice ? WINDOW_QUALIFIES
							 : WINDOW_NOTICE_TOO_SHORT;
}
