/* SPDX-License-Identifier: MIT
 *
 * A Dataset is one input folder in memory: plans.ini and the rows of the five CSV
 * files, with their cross-references resolved.  Ingest (src/edge/ingest.c) builds it;
 * the core only reads it.  Rows are stored in arrays of plain structs (model.h) and
 * their strings in string chunks, so a large month costs few allocations.
 */
#ifndef SLAREPORT_DATASET_H
#define SLAREPORT_DATASET_H

#include <glib.h>

#include "model.h"

typedef struct {
	Plans *plans;          /* owned */
	GStringChunk *strings; /* row strings … */
	GPtrArray *chunks;     /* … and GStringChunk*: those of rows read in blocks */
	GPtrArray *labels;     /* TicketLabels*, owned: the tickets point to them */
	GArray *customers;     /* Customer */
	GArray *services;      /* Service */
	GArray *tickets;       /* Ticket */
	GArray *outages;       /* Outage */
	GArray *maintenance;   /* Maintenance */
	/* id -> row pointer; filled by dataset_index once the arrays stop growing (tickets
	 * have none: ingest resolves the outages' references as it reads them) */
	GHashTable *customer_by_id;
	GHashTable *service_by_id;
	GHashTable *plan_by_id;
	GHashTable *calendar_by_name;
	/* customer id -> GUINT_TO_POINTER(rows rejected), with --allow-rejects */
	GHashTable *rejected_by_customer;
} Dataset;

/* An empty dataset owning @plans (transfer full; may be NULL until set). */
Dataset *dataset_new(Plans *plans);
void dataset_free(Dataset *ds);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Dataset, dataset_free)

/* Frees a Plans and everything it owns. */
void plans_free(Plans *plans);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Plans, plans_free)
/* A plan named @id holding plans.md's defaults (transfer full): calendars 24x7
 * (@always), caps 100 %, blocks 1 h, increment 1 min, allowance and contact types
 * request and change, notice 0 (elapsed), no guarantee, no target. */
Plan *plan_new(const char *id, const Calendar *always);
/* Frees a plan and everything it owns. */
void plan_free(Plan *plan);

/* Copies a string into the dataset's chunk (NULL stays NULL). */
const char *dataset_intern(Dataset *ds, const char *s);
/* Keeps @chunk, the strings of some rows, as long as the dataset (transfer full). */
void dataset_add_strings(Dataset *ds, GStringChunk *chunk);
/* Keeps @labels (g_malloc'd, transfer full) as long as the dataset; its strings
 * must be the dataset's already. */
void dataset_add_labels(Dataset *ds, TicketLabels *labels);

/* Rebuilds the id tables from the arrays; pointers into the arrays are stable after
 * this as long as no row is added. */
void dataset_index(Dataset *ds);

#define dataset_customer(ds, i) (&g_array_index((ds)->customers, Customer, (i)))
#define dataset_service(ds, i) (&g_array_index((ds)->services, Service, (i)))
#define dataset_ticket(ds, i) (&g_array_index((ds)->tickets, Ticket, (i)))
#define dataset_outage(ds, i) (&g_array_index((ds)->outages, Outage, (i)))
#define dataset_maintenance(ds, i) (&g_array_index((ds)->maintenance, Maintenance, (i)))

#endif
