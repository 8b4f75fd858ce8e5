/* SPDX-License-Identifier: MIT
 *
 * The input data model: plain structs for plans.ini and the five CSV files, as the
 * core computes on them.  Ingest (src/edge) fills them and guarantees the invariants
 * written here; the core trusts them (a broken invariant is a programming error).
 *
 * Units, everywhere: instants are gint64 seconds since the epoch in UTC (zone.h),
 * durations gint64 seconds, money gint64 cents, percents gint32 thousandths of a
 * percent ("milli-percent": 99.9 % is 99900, 2.5 % is 2500), days are Day numbers.
 *
 * To add a field to an input file: 1) add it to the struct here, 2) read it in
 * src/edge/ingest.c (column table, parser, check), 3) test it in tests/test-ingest.c,
 * 4) document it in README.md if inputs.md does not.
 */
#ifndef SLAREPORT_MODEL_H
#define SLAREPORT_MODEL_H

#include <glib.h>

#include "calendar.h"
#include "zone.h"

/* 100 % in milli-percent */
#define PCT_100 100000

typedef enum {
	LANGUAGE_FR,
	LANGUAGE_EN,
} Language;

typedef enum {
	CAUSE_PROVIDER,
	CAUSE_CUSTOMER,
	CAUSE_THIRD_PARTY,
} Cause;

/* Bit values, so that a plan's `allowance.types` or `contacts.types` is a mask. */
typedef enum {
	TICKET_INCIDENT = 1 << 0,
	TICKET_REQUEST = 1 << 1,
	TICKET_CHANGE = 1 << 2,
} TicketType;

typedef enum {
	CHANNEL_NONE = 0, /* not given */
	CHANNEL_PHONE = 1 << 0,
	CHANNEL_PORTAL = 1 << 1,
	CHANNEL_EMAIL = 1 << 2,
	CHANNEL_CHAT = 1 << 3,
} Channel;

typedef enum {
	PENALTY_NONE,
	PENALTY_FLAT,
	PENALTY_TIERS,
	PENALTY_PER_BLOCK,
} Penalty;

/* ==== plans.ini ================================================================= */

/* A tier.  Guarantee tiers: bound = overrun in seconds, or TIER_STAR for `*`.
 * Availability tiers: bound = threshold in milli-percent. */
#define TIER_STAR G_MAXINT64
typedef struct {
	gint64 bound;
	gint32 percent; /* milli-percent of the monthly fee */
} Tier;

typedef struct {
	char *priority; /* NULL for `*` */
	gint64 target;  /* seconds of the guarantee's calendar */
} PriorityTarget;

typedef struct {
	char *priority;
	const Calendar *calendar;
} PriorityCalendar;

/* One guarantee (`gtr.*` or `gti.*`).  Absent from the plan when !defined. */
typedef struct {
	gboolean defined;         /* `target` was given */
	PriorityTarget *targets;  /* in the order written */
	guint n_targets;
	const Calendar *calendar; /* never NULL: 24x7 by default */
	PriorityCalendar *calendars;
	guint n_calendars;
	char **categories;        /* NULL-terminated; NULL = no filter */
	guint channels;           /* Channel mask; 0 = no filter */
	Penalty penalty;
	gint32 percent;           /* flat */
	Tier *tiers;              /* in the order written */
	guint n_tiers;
	gint64 block;             /* per-block, seconds (default 1 h) */
	gint32 block_percent;
	gint32 cap;               /* default PCT_100 */
} Guarantee;

typedef struct {
	char *impact;
	char *urgency;
	char *priority;
} MatrixEntry;

typedef struct {
	char *id;
	guint line;

	/* availability */
	gboolean has_target;
	gint32 target;
	gboolean source_tickets;               /* availability.source=tickets */
	const Calendar *availability_calendar; /* never NULL */
	Penalty availability_penalty;          /* NONE, PER_BLOCK or TIERS */
	gint64 availability_block;             /* seconds, default 1 h */
	gint32 availability_block_percent;
	gboolean block_completed;              /* block_rounding=completed */
	gboolean counted_excess;               /* counted=excess */
	Tier *availability_tiers;              /* in the order written */
	guint n_availability_tiers;
	gint32 availability_cap;               /* default PCT_100 */
	gint64 notice;                         /* maintenance.notice in seconds … */
	gint64 notice_days;                    /* … or in calendar days when >= 0 */

	/* tickets */
	char **priorities; /* NULL-terminated, most urgent first; NULL when not set */
	MatrixEntry *matrix;
	guint n_matrix;
	Guarantee gtr;
	Guarantee gti;
	gboolean has_compliance;
	gint32 compliance_target;

	/* allowances */
	gboolean has_allowance;
	gint64 allowance;        /* seconds per month */
	guint allowance_types;   /* TicketType mask, default request|change */
	gint64 allowance_increment; /* seconds, default 60 */
	gint64 allowance_minimum;   /* seconds, default 0 */
	gboolean has_overage_rate;
	gint64 overage_rate;     /* cents per hour */
	gboolean has_units;
	gint64 units_annual;
	gboolean has_contacts;
	gint64 contacts_monthly;
	guint contacts_types;    /* TicketType mask, default request|change */
	gboolean has_contacts_fee;
	gint64 contacts_fee;     /* cents per contact */

	/* credits */
	gint32 credit_cap;       /* default PCT_100 */
	gboolean on_request;     /* credit.mode=on-request */
} Plan;

typedef struct {
	char *name;
	char *address;      /* "\n" already turned into line breaks; NULL if absent */
	char *timezone;     /* IANA name */
	GTimeZone *tz;
	Language language;
	char *currency;     /* ISO 4217 */
	gint32 vat_rate;    /* milli-percent */
	char *credit_note_prefix;
	char *logo;         /* path resolved against plans.ini's folder; NULL if absent */
	GBytes *logo_png;   /* its content, read once by ingest (a PNG); NULL if absent */
	char *legal;
} Provider;

/* Everything plans.ini defines.  Calendars include the predefined 24x7. */
typedef struct {
	Provider provider;
	GPtrArray *calendars; /* Calendar*, owned */
	GPtrArray *plans;     /* Plan*, owned */
} Plans;

/* ==== CSV rows ==================================================================
 * Every row keeps its physical line (the line where its record starts), so the
 * statement and the ledgers can point back at it.  Strings belong to the Dataset. */

typedef struct {
	const char *id;
	const char *name;
	const char *email;   /* NULL if not given */
	const char *address; /* NULL if not given; may hold line breaks */
	Language language;   /* provider's language when not given */
	guint line;
} Customer;

typedef struct {
	const char *id;
	const char *customer_id;
	const char *plan_id;
	const char *label;
	gint64 monthly_fee;  /* cents */
	Day start_date;      /* DAY_NONE if not given */
	Day end_date;        /* inclusive; DAY_NONE if not given */
	gint64 units_annual; /* -1 if not given */
	guint line;
	const Customer *customer; /* resolved by ingest */
	const Plan *plan;         /* resolved by ingest */
} Service;

/* What a ticket says of its priority and category.  Millions of tickets share a few
 * of these: each combination is kept once (ingest interns them) and pointed to. */
typedef struct {
	const char *priority; /* NULL if not given; as written */
	const char *impact;   /* NULL if not given */
	const char *urgency;  /* NULL if not given */
	const char *category; /* NULL if not given */
} TicketLabels;

/* A month of a large provider holds millions of tickets: the fields are laid out
 * small (80 bytes a ticket): the service's id is service->id, the words few values
 * share are in @labels, counts are in 32 bits (ingest caps them at
 * PARSE_NUMBER_MAX), enums and flags in bit-fields. */
typedef struct {
	const char *id;
	const Service *service;     /* resolved by ingest */
	const TicketLabels *labels; /* never NULL; shared with other tickets */
	gint64 opened_at;
	gint64 responded_at; /* TIME_NONE if not given */
	gint64 restored_at;  /* TIME_NONE if not given */
	gint64 closed_at;    /* TIME_NONE if not given */
	gint64 work_minutes;   /* 0 if not given */
	gint32 paused_minutes; /* 0 if not given */
	gint32 work_units;     /* 0 if not given */
	guint line;
	TicketType type : 3;
	Channel channel : 4;
	Cause cause : 2;      /* default provider */
	guint interrupted : 1; /* default TRUE for an incident */
	guint excluded : 1;    /* left out of the run (--allow-rejects after a check
				* only the month can make); the core skips it */
} Ticket;

typedef struct {
	const char *id;
	const char *service_id;
	gint64 start;
	gint64 end;          /* TIME_NONE = still down */
	Cause cause;         /* resolved: given, else the ticket's, else provider */
	const char *ticket_id; /* NULL if not given */
	const char *description;
	guint line;
	const Service *service; /* resolved by ingest */
	const Ticket *ticket;   /* resolved by ingest; NULL if none */
} Outage;

typedef struct {
	const char *id;
	const char *service_id;  /* NULL if not given; "*" = every service */
	const char *customer_id; /* NULL if not given */
	gint64 start;
	gint64 end;
	gint64 notified_at;      /* TIME_NONE = never notified */
	const char *description;
	guint line;
} Maintenance;

/* When the GTR clock stops: restored_at, else closed_at (a closed ticket is taken as
 * restored at closing), else TIME_NONE (not yet). */
static inline gint64
ticket_restored_at(const Ticket *t)
{
	return t->restored_at != TIME_NONE ? t->restored_at : t->closed_at;
}

/* When the GTI clock stops: responded_at, else closed_at, else TIME_NONE. */
static inline gint64
ticket_responded_at(const Ticket *t)
{
	return t->responded_at != TIME_NONE ? t->responded_at : t->closed_at;
}

#endif
