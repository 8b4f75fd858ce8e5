/* SPDX-License-Identifier: MIT
 *
 * Ownership and lookup tables of a Dataset.  Nothing here validates: ingest has.
 */
#include "dataset.h"

Dataset *
dataset_new(Plans *plans)
{
	Dataset *ds = g_new0(Dataset, 1);

	ds->plans = plans;
	ds->strings = g_string_chunk_new(64 * 1024);
	ds->chunks = g_ptr_array_new_with_free_func((GDestroyNotify)g_string_chunk_free);
	ds->labels = g_ptr_array_new_with_free_func(g_free);
	ds->customers = g_array_new(FALSE, TRUE, sizeof(Customer));
	ds->services = g_array_new(FALSE, TRUE, sizeof(Service));
	ds->tickets = g_array_new(FALSE, TRUE, sizeof(Ticket));
	ds->outages = g_array_new(FALSE, TRUE, sizeof(Outage));
	ds->maintenance = g_array_new(FALSE, TRUE, sizeof(Maintenance));
	ds->rejected_by_customer = g_hash_table_new(g_str_hash, g_str_equal);
	return ds;
}

static void
drop_table(GHashTable **table)
{
	g_clear_pointer(table, g_hash_table_unref);
}

void
dataset_free(Dataset *ds)
{
	if (ds == NULL)
		return;
	drop_table(&ds->customer_by_id);
	drop_table(&ds->service_by_id);
	drop_table(&ds->plan_by_id);
	drop_table(&ds->calendar_by_name);
	drop_table(&ds->rejected_by_customer);
	g_array_unref(ds->customers);
	g_array_unref(ds->services);
	g_array_unref(ds->tickets);
	g_array_unref(ds->outages);
	g_array_unref(ds->maintenance);
	g_string_chunk_free(ds->strings);
	g_ptr_array_unref(ds->chunks);
	g_ptr_array_unref(ds->labels);
	plans_free(ds->plans);
	g_free(ds);
}

static void
guarantee_defaults(Guarantee *g, const Calendar *always)
{
	g->calendar = always;
	g->block = 3600;
	g->cap = PCT_100;
}

Plan *
plan_new(const char *id, const Calendar *always)
{
	Plan *plan = g_new0(Plan, 1);

	plan->id = g_strdup(id);
	plan->availability_calendar = always;
	plan->availability_block = 3600;
	plan->availability_cap = PCT_100;
	plan->notice = 0;
	plan->notice_days = -1;
	guarantee_defaults(&plan->gtr, always);
	guarantee_defaults(&plan->gti, always);
	plan->allowance_types = TICKET_REQUEST | TICKET_CHANGE;
	plan->allowance_increment = 60;
	plan->contacts_types = TICKET_REQUEST | TICKET_CHANGE;
	plan->credit_cap = PCT_100;
	return plan;
}

static void
guarantee_clear(Guarantee *g)
{
	for (guint i = 0; i < g->n_targets; i++)
		g_free(g->targets[i].priority);
	g_free(g->targets);
	for (guint i = 0; i < g->n_calendars; i++)
		g_free(g->calendars[i].priority);
	g_free(g->calendars);
	g_strfreev(g->categories);
	g_free(g->tiers);
}

void
plan_free(Plan *plan)
{
	if (plan == NULL)
		return;
	g_free(plan->id);
	g_free(plan->availability_tiers);
	g_strfreev(plan->priorities);
	for (guint i = 0; i < plan->n_matrix; i++) {
		g_free(plan->matrix[i].impact);
		g_free(plan->matrix[i].urgency);
		g_free(plan->matrix[i].priority);
	}
	g_free(plan->matrix);
	guarantee_clear(&plan->gtr);
	guarantee_clear(&plan->gti);
	g_free(plan);
}

void
plans_free(Plans *plans)
{
	Provider *p;

	if (plans == NULL)
		return;
	p = &plans->provider;
	g_free(p->name);
	g_free(p->address);
	g_free(p->timezone);
	g_clear_pointer(&p->tz, g_time_zone_unref);
	g_free(p->currency);
	g_free(p->credit_note_prefix);
	g_free(p->logo);
	g_clear_pointer(&p->logo_png, g_bytes_unref);
	g_free(p->legal);
	g_clear_pointer(&plans->calendars, g_ptr_array_unref);
	g_clear_pointer(&plans->plans, g_ptr_array_unref);
	g_free(plans);
}

const char *
dataset_intern(Dataset *ds, const char *s)
{
	return s == NULL ? NULL : g_string_chunk_insert(ds->strings, s);
}

void
dataset_add_strings(Dataset *ds, GStringChunk *chunk)
{
	g_ptr_array_add(ds->chunks, chunk);
}

void
dataset_add_labels(Dataset *ds, TicketLabels *labels)
{
	g_ptr_array_add(ds->labels, labels);
}

static GHashTable *
index_array(GArray *array, gsize elem_size, gsize id_offset)
{
	GHashTable *table = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < array->len; i++) {
		char *row = array->data + (gsize)i * elem_size;
		const char *id = *(const char **)(row + id_offset);

		g_hash_table_insert(table, (gpointer)id, row);
	}
	return table;
}

void
dataset_index(Dataset *ds)
{
	drop_table(&ds->customer_by_id);
	drop_table(&ds->service_by_id);
	drop_table(&ds->plan_by_id);
	drop_table(&ds->calendar_by_name);
	ds->customer_by_id = index_array(ds->customers, sizeof(Customer), G_STRUCT_OFFSET(Customer, id));
	ds->service_by_id = index_array(ds->services, sizeof(Service), G_STRUCT_OFFSET(Service, id));
	ds->plan_by_id = g_hash_table_new(g_str_hash, g_str_equal);
	ds->calendar_by_name = g_hash_table_new(g_str_hash, g_str_equal);
	if (ds->plans == NULL)
		return;
	for (guint i = 0; i < ds->plans->plans->len; i++) {
		Plan *plan = g_ptr_array_index(ds->plans->plans, i);

		g_hash_table_insert(ds->plan_by_id, plan->id, plan);
	}
	for (guint i = 0; i < ds->plans->calendars->len; i++) {
		Calendar *cal = g_ptr_array_index(ds->plans->calendars, i);

		g_hash_table_insert(ds->calendar_by_name, cal->name, cal);
	}
}
