/* SPDX-License-Identifier: MIT
 *
 * The month's results: what the core computes from a Dataset, and all that the
 * ledgers and statements print.  Pure: report_compute reads the dataset and the
 * month and nothing else (no clock, no file, no global), and cannot fail — ingest
 * has validated the data.  The report borrows from the dataset: keep the dataset
 * alive as long as the report.
 *
 * To add a figure: 1) a field in the right struct below, 2) compute it in the module
 * that owns the rule (availability.c, guarantee.c, credit.c, allowance.c), 3) a test
 * named after the rule, 4) print it in src/edge/ledger.c and the statement.
 */
#ifndef SLAREPORT_REPORT_H
#define SLAREPORT_REPORT_H

#include <glib.h>

#include "dataset.h"
#include "diag.h"
#include "interval.h"
#include "model.h"

/* ==== Availability ============================================================== */

typedef enum {
	EXCLUSION_PLANNED,           /* inside a qualifying maintenance window */
	EXCLUSION_CUSTOMER,          /* customer- or third-party-caused interruption */
	EXCLUSION_REFUSED_NOTICE,    /* a window notified too late: not excluded */
	EXCLUSION_REFUSED_UNNOTIFIED /* a window never notified: not excluded */
} ExclusionKind;

/* One row of the statement's "excluded time" list: why some time was (or, for the
 * REFUSED kinds, was not) left out, and which input row says so. */
typedef struct {
	ExclusionKind kind;
	const Maintenance *maintenance; /* PLANNED and REFUSED_*: the window */
	const Outage *outage;           /* CUSTOMER: the outage (source=outages) */
	const Ticket *ticket;           /* CUSTOMER: the incident (source=tickets) */
	Cause cause;                    /* CUSTOMER: customer or third party */
	Interval span;                  /* the window or the interruption, cut to the period */
	gint64 seconds;                 /* time it excludes (REFUSED: downtime it would have) */
} Exclusion;

/* One interruption the provider answers for, as counted in downtime. */
typedef struct {
	const Outage *outage;  /* source=outages */
	const Ticket *ticket;  /* source=tickets */
	Interval span;         /* cut to the period */
	gint64 seconds;        /* its part of downtime_s (overlaps counted once, in the
				* earliest event) */
} DowntimeEvent;

/* ==== Guarantees ================================================================ */

typedef enum {
	GUARANTEE_GTR,
	GUARANTEE_GTI,
} GuaranteeKind;

typedef enum {
	JUDGEMENT_JUDGED,
	JUDGEMENT_OPEN,
	JUDGEMENT_NOT_APPLICABLE,
} JudgementStatus;

/* In the order they are checked (decisions.md 25). */
typedef enum {
	REASON_NONE,
	REASON_NOT_INTERRUPTED,
	REASON_CUSTOMER_CAUSED,
	REASON_NO_TARGET,
	REASON_CATEGORY,
	REASON_CHANNEL,
} JudgementReason;

/* One row of tickets.csv (72 bytes: a month of a large provider has many). */
typedef struct {
	const Ticket *ticket;
	const char *priority;     /* plan spelling; NULL when it cannot be known */
	gint64 stopped_at;        /* TIME_NONE when open */
	gint64 elapsed;           /* seconds in the guarantee's hours (judged, open) */
	gint64 target;
	gint64 overrun;
	gint64 credit_percent;    /* milli-percent (may exceed 100 %: blocks add up) */
	gint64 credit;            /* cents, before caps */
	GuaranteeKind guarantee : 2;
	JudgementStatus status : 2;
	JudgementReason reason : 3;
	guint breach : 1;         /* judged: breached; open: already over target */
	guint has_credit : 1;     /* judged with a credit line (percent > 0) */
} Judgement;

/* ==== Credits =================================================================== */

/* In ledger order within a service (outputs.md, credits.csv). */
typedef enum {
	CREDIT_AVAILABILITY,
	CREDIT_GTR,
	CREDIT_GTI,
	CREDIT_CAP_AVAILABILITY,
	CREDIT_CAP_GTR,
	CREDIT_CAP_GTI,
	CREDIT_CAP_TOTAL,
} CreditKind;

typedef struct {
	guint line;               /* from 1 within the note */
	const Service *service;
	CreditKind kind;
	const char *reference;    /* ticket id of a breach; NULL otherwise */
	gint64 percent;           /* milli-percent; negative for caps */
	gint64 amount;            /* cents; negative for caps */
	gint64 vat;               /* cents */
	gboolean eligible;        /* credit.mode=on-request: to be claimed */
} CreditLine;

typedef struct {
	char *id;                 /* PREFIX-YYYYMM-CUSTOMER_ID; NULL when no line */
	CreditLine *lines;
	guint n_lines;
	gint64 total;             /* HT, cents */
	gint64 vat;               /* TVA, cents */
	gint64 total_with_vat;    /* TTC, cents */
} CreditNote;

/* ==== Allowances, units, contacts, compliance =================================== */

/* A ticket counted by one of the figures below, with what it counted for. */
typedef struct {
	const Ticket *ticket;
	gint64 counted;           /* allowance: seconds counted; units: units */
} CountedTicket;

typedef struct {
	gboolean defined;         /* plan has allowance.monthly */
	gint64 included;          /* seconds */
	gint64 used;
	gint64 unused;            /* lost at month end */
	gint64 overage;
	gboolean has_overage_amount;
	gint64 overage_amount;    /* cents */
	GArray *tickets;          /* CountedTicket, by closed_at then id */
} AllowanceResult;

typedef struct {
	gboolean defined;         /* plan has units.annual or service has units_annual */
	gint64 annual;
	Day year_start;           /* the service year in force at the month's end */
	Day year_end;             /* its last day */
	gint64 opening;
	gint64 used;
	gint64 closing;           /* negative: work beyond the book */
	gint64 expired;           /* lost from a year that ended inside the month */
	gboolean year_ended_in_month;
	gboolean overdrawn;
	GArray *tickets;          /* CountedTicket: the month's use, by closed_at then id */
} UnitsResult;

typedef struct {
	gboolean defined;         /* plan has contacts.monthly */
	gint64 included;
	gint64 count;
	gint64 over;
	gboolean has_overage_amount;
	gint64 overage_amount;    /* cents */
	GArray *tickets;          /* CountedTicket (counted = 1), by opened_at then id */
} ContactsResult;

typedef struct {
	gboolean defined;         /* plan has compliance.target */
	gint32 target;            /* milli-percent */
	guint judged;
	guint met;
	gint32 percent;           /* milli-percent, truncated; 100000 when judged == 0 */
	gboolean meets_target;
} ComplianceResult;

/* ==== Per service, per customer, the month ====================================== */

typedef struct {
	const Service *service;
	const Plan *plan;
	Interval period;          /* the month cut to the service's active days */

	/* availability (summary.csv period_s … allowed_downtime_s) */
	gint64 period_s;
	gint64 planned_s;
	gint64 customer_caused_s;
	gint64 downtime_s;
	gint64 eligible_s;
	gint32 availability;      /* milli-percent, truncated */
	gboolean has_target;
	gboolean met;
	gint64 allowed_downtime_s; /* truncated */
	IntervalSet downtime;     /* for the chart: normal sets inside period */
	IntervalSet planned;
	IntervalSet customer_caused;
	GArray *exclusions;       /* Exclusion, by span start */
	GArray *events;           /* DowntimeEvent, by span start */

	/* guarantees */
	GArray *judgements;       /* Judgement, by ticket id, gtr before gti */
	guint gtr_breaches;
	guint gti_breaches;

	gint64 credit;            /* cents, after every cap */
	AllowanceResult allowance;
	UnitsResult units;
	ContactsResult contacts;
	ComplianceResult compliance;
} ServiceReport;

typedef struct {
	const Customer *customer;
	GPtrArray *services;      /* ServiceReport*, by service id (byte order) */
	CreditNote note;
	guint rejected_rows;      /* rows of this customer's data left out (--allow-rejects) */
} CustomerReport;

typedef struct {
	int year;
	int month;
	char month_text[8];       /* "YYYY-MM" */
	Interval span;            /* the month in UTC */
	const Dataset *dataset;
	GPtrArray *customers;     /* CustomerReport*, by customer id; only customers with
				   * a service active in the month */
} Report;

/*
 * Adds to @diags the incidents that need a priority they cannot get (decisions.md
 * 17): those the month @year-@month evaluates, or every one when @year is 0 (for
 * --validate).  Returns how many it added.
 */
guint report_check(const Dataset *ds, int year, int month, DiagList *diags);

/* Computes the month @year-@month of @ds (transfer full).  Tickets marked
 * `excluded` are left out. */
Report *report_compute(const Dataset *ds, int year, int month);
void report_free(Report *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Report, report_free)

#endif
