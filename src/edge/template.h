/* SPDX-License-Identifier: MIT
 *
 * The statement's wording: templates/LANG.ini, one GKeyFile per language, holding
 * every word the PDF prints (titles, column headers, legal sentences).  Loaded once
 * per run and read-only afterwards, so render threads share it.  A value may name
 * placeholders in braces, `Relevé n° {number}`; each key declares the ones it knows.
 *
 * To add a sentence: 1) a line in TEMPLATE_KEYS below (group, key, placeholders),
 * 2) the same key in templates/fr.ini and templates/en.ini, 3) print it with
 * template_get() or template_format().  A missing, unknown or misspelt key or
 * placeholder is a load error naming the file and the key.
 */
#ifndef SLAREPORT_TEMPLATE_H
#define SLAREPORT_TEMPLATE_H

#include <glib.h>

#include "model.h"

#define TEMPLATE_ERROR (template_error_quark())
GQuark template_error_quark(void);

typedef enum {
	TEMPLATE_ERROR_MISSING,     /* a key the program prints is not in the file */
	TEMPLATE_ERROR_UNKNOWN,     /* a key or group the program does not know */
	TEMPLATE_ERROR_PLACEHOLDER, /* a {name} the key does not provide */
} TemplateError;

/* X(ID, group, key, placeholders): placeholders are comma-separated, "" for none. */
#define TEMPLATE_KEYS(X) \
	X(DOC_TITLE, "document", "title", "") \
	X(DOC_METADATA_TITLE, "document", "metadata_title", "title,customer,month") \
	X(DOC_CONTINUED, "document", "continued", "") \
	X(DOC_NONE, "document", "none", "") \
	X(DOC_TIMES, "document", "times", "zone") \
	X(HEAD_NUMBER, "header", "number", "number") \
	X(HEAD_ISSUED, "header", "issued", "date") \
	X(HEAD_PERIOD, "header", "period", "start,end") \
	X(HEAD_CUSTOMER, "header", "customer", "") \
	X(HEAD_CUSTOMER_REF, "header", "customer_ref", "id") \
	X(HEAD_REJECTED_ONE, "header", "rejected_one", "") \
	X(HEAD_REJECTED_MANY, "header", "rejected_many", "n") \
	X(SUM_TITLE, "summary", "title", "") \
	X(SUM_ALL_MET, "summary", "all_met", "") \
	X(SUM_NOT_MET_ONLY, "summary", "not_met_only", "") \
	X(SUM_NOT_MET_ONE, "summary", "not_met_one", "total") \
	X(SUM_NOT_MET_MANY, "summary", "not_met_many", "n,total") \
	X(SUM_CREDIT_GRANTED, "summary", "credit_granted", "amount,number") \
	X(SUM_CREDIT_ELIGIBLE, "summary", "credit_eligible", "amount,number") \
	X(SUM_NO_CREDIT, "summary", "no_credit", "") \
	X(SUM_COL_SERVICE, "summary", "col_service", "") \
	X(SUM_COL_ID, "summary", "col_id", "") \
	X(SUM_COL_AVAILABILITY, "summary", "col_availability", "") \
	X(SUM_COL_TARGET, "summary", "col_target", "") \
	X(SUM_COL_GTR, "summary", "col_gtr", "") \
	X(SUM_COL_GTI, "summary", "col_gti", "") \
	X(SUM_COL_CREDIT, "summary", "col_credit", "") \
	X(SUM_COL_STATUS, "summary", "col_status", "") \
	X(SUM_MET, "summary", "met", "") \
	X(SUM_NOT_MET, "summary", "not_met", "") \
	X(SUM_NO_COMMITMENT, "summary", "no_commitment", "") \
	X(SVC_HEADING, "service", "heading", "label,id") \
	X(SVC_PLAN, "service", "plan", "plan") \
	X(SVC_NOTHING, "service", "nothing", "") \
	X(AV_TITLE, "availability", "title", "") \
	X(AV_ACHIEVED, "availability", "achieved", "") \
	X(AV_TARGET, "availability", "target", "") \
	X(AV_MET, "availability", "met", "") \
	X(AV_NOT_MET, "availability", "not_met", "") \
	X(AV_NO_TARGET, "availability", "no_target", "") \
	X(AV_PERIOD, "availability", "period", "") \
	X(AV_PERIOD_VALUE, "availability", "period_value", "start,end") \
	X(AV_CALENDAR, "availability", "calendar", "calendar") \
	X(AV_SOURCE_TICKETS, "availability", "source_tickets", "") \
	X(AV_MEASURED, "availability", "measured", "") \
	X(AV_PLANNED, "availability", "planned", "") \
	X(AV_CUSTOMER, "availability", "customer", "") \
	X(AV_DOWNTIME, "availability", "downtime", "") \
	X(AV_ALLOWED, "availability", "allowed", "") \
	X(AV_FORMULA, "availability", "formula", "") \
	X(CHART_DOWNTIME, "chart", "downtime", "") \
	X(CHART_PLANNED, "chart", "planned", "") \
	X(CHART_CUSTOMER, "chart", "customer", "") \
	X(CHART_INACTIVE, "chart", "inactive", "") \
	X(EV_TITLE, "events", "title", "") \
	X(EV_COL_REF, "events", "col_ref", "") \
	X(EV_COL_START, "events", "col_start", "") \
	X(EV_COL_END, "events", "col_end", "") \
	X(EV_COL_DURATION, "events", "col_duration", "") \
	X(EV_COL_DESCRIPTION, "events", "col_description", "") \
	X(EV_ONGOING, "events", "ongoing", "") \
	X(EV_TICKET, "events", "ticket", "id") \
	X(EX_TITLE, "exclusions", "title", "") \
	X(EX_COL_START, "exclusions", "col_start", "") \
	X(EX_COL_END, "exclusions", "col_end", "") \
	X(EX_COL_DURATION, "exclusions", "col_duration", "") \
	X(EX_COL_REASON, "exclusions", "col_reason", "") \
	X(EX_PLANNED, "exclusions", "planned", "id,date") \
	X(EX_CUSTOMER, "exclusions", "customer", "id") \
	X(EX_THIRD_PARTY, "exclusions", "third_party", "id") \
	X(EX_REFUSED_NOTICE, "exclusions", "refused_notice", "id,date") \
	X(EX_REFUSED_UNNOTIFIED, "exclusions", "refused_unnotified", "id") \
	X(EX_NOT_EXCLUDED, "exclusions", "not_excluded", "") \
	X(INC_TITLE, "incidents", "title", "") \
	X(INC_LEGEND, "incidents", "legend", "") \
	X(INC_NONE, "incidents", "none", "") \
	X(INC_COL_TICKET, "incidents", "col_ticket", "") \
	X(INC_COL_GUARANTEE, "incidents", "col_guarantee", "") \
	X(INC_COL_PRIORITY, "incidents", "col_priority", "") \
	X(INC_COL_OPENED, "incidents", "col_opened", "") \
	X(INC_COL_STOPPED, "incidents", "col_stopped", "") \
	X(INC_COL_ELAPSED, "incidents", "col_elapsed", "") \
	X(INC_COL_TARGET, "incidents", "col_target", "") \
	X(INC_COL_OVERRUN, "incidents", "col_overrun", "") \
	X(INC_COL_CREDIT, "incidents", "col_credit", "") \
	X(INC_GTR, "incidents", "gtr", "") \
	X(INC_GTI, "incidents", "gti", "") \
	X(INC_OPEN, "incidents", "open", "") \
	X(INC_OPEN_OVER, "incidents", "open_over", "") \
	X(INC_OPEN_NOTE, "incidents", "open_note", "") \
	X(INC_WITHIN, "incidents", "within", "") \
	X(INC_NA_NOT_INTERRUPTED, "incidents", "na_not_interrupted", "") \
	X(INC_NA_CUSTOMER_CAUSED, "incidents", "na_customer_caused", "") \
	X(INC_NA_NO_TARGET, "incidents", "na_no_target", "") \
	X(INC_NA_CATEGORY, "incidents", "na_category", "") \
	X(INC_NA_CHANNEL, "incidents", "na_channel", "") \
	X(INC_BREACHES, "incidents", "breaches", "gtr,gti") \
	X(INC_COMPLIANCE, "incidents", "compliance", "percent,target,met,judged") \
	X(AL_TITLE, "allowance", "title", "") \
	X(AL_TIME, "allowance", "time", "") \
	X(AL_INCLUDED, "allowance", "included", "") \
	X(AL_USED, "allowance", "used", "") \
	X(AL_UNUSED, "allowance", "unused", "") \
	X(AL_OVERAGE, "allowance", "overage", "") \
	X(AL_OVERAGE_AMOUNT, "allowance", "overage_amount", "") \
	X(AL_UNITS, "allowance", "units", "") \
	X(AL_UNITS_YEAR, "allowance", "units_year", "start,end") \
	X(AL_UNITS_OPENING, "allowance", "units_opening", "") \
	X(AL_UNITS_USED, "allowance", "units_used", "") \
	X(AL_UNITS_CLOSING, "allowance", "units_closing", "") \
	X(AL_UNITS_EXPIRY, "allowance", "units_expiry", "date") \
	X(AL_UNITS_EXPIRED, "allowance", "units_expired", "") \
	X(AL_UNITS_OVERDRAWN, "allowance", "units_overdrawn", "") \
	X(AL_CONTACTS, "allowance", "contacts", "") \
	X(AL_CONTACTS_INCLUDED, "allowance", "contacts_included", "") \
	X(AL_CONTACTS_COUNT, "allowance", "contacts_count", "") \
	X(AL_CONTACTS_OVER, "allowance", "contacts_over", "") \
	X(AL_CONTACTS_AMOUNT, "allowance", "contacts_amount", "") \
	X(CR_TITLE, "credit", "title", "number") \
	X(CR_NONE, "credit", "none", "") \
	X(CR_COL_LINE, "credit", "col_line", "") \
	X(CR_COL_SERVICE, "credit", "col_service", "") \
	X(CR_COL_ITEM, "credit", "col_item", "") \
	X(CR_COL_PERCENT, "credit", "col_percent", "") \
	X(CR_COL_AMOUNT, "credit", "col_amount", "") \
	X(CR_AVAILABILITY, "credit", "availability", "") \
	X(CR_GTR, "credit", "gtr", "ticket") \
	X(CR_GTI, "credit", "gti", "ticket") \
	X(CR_CAP_AVAILABILITY, "credit", "cap_availability", "") \
	X(CR_CAP_GTR, "credit", "cap_gtr", "") \
	X(CR_CAP_GTI, "credit", "cap_gti", "") \
	X(CR_CAP_TOTAL, "credit", "cap_total", "") \
	X(CR_ELIGIBLE, "credit", "eligible", "") \
	X(CR_ELIGIBLE_NOTE, "credit", "eligible_note", "") \
	X(CR_TOTAL, "credit", "total", "") \
	X(CR_VAT, "credit", "vat", "rate") \
	X(CR_TOTAL_WITH_VAT, "credit", "total_with_vat", "") \
	X(CR_NON_CASH, "credit", "non_cash", "") \
	X(CR_REFERENCE, "credit", "reference", "") \
	X(FOOT_PAGE, "footer", "page", "page,pages")

typedef enum {
#define TEMPLATE_ENUM(id, group, key, names) TPL_##id,
	TEMPLATE_KEYS(TEMPLATE_ENUM)
#undef TEMPLATE_ENUM
	TPL_N_KEYS
} TemplateKey;

typedef struct _Template Template;

/* Loads one language's file (transfer full); NULL with an error naming @path and the
 * group and key at fault when a key is missing or unknown, or a value names a
 * placeholder its key does not provide. */
Template *template_load(const char *path, GError **error);
void template_free(Template *tpl);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Template, template_free)

/* The text of @key, borrowed from @tpl. */
const char *template_get(const Template *tpl, TemplateKey key);
/* The text of @key with its placeholders replaced (transfer full).  The variadic
 * arguments are name, value pairs ended by NULL; a placeholder given no value is
 * left out, an unused pair is ignored. */
char *template_format(const Template *tpl, TemplateKey key, ...) G_GNUC_NULL_TERMINATED;

/* Both languages, from DIR/fr.ini and DIR/en.ini. */
typedef struct {
	Template *by_language[2]; /* indexed by Language */
} TemplateSet;

/* Loads every language from @dir (transfer full); NULL on the first error. */
TemplateSet *template_set_load(const char *dir, GError **error);
void template_set_free(TemplateSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(TemplateSet, template_set_free)

#endif
