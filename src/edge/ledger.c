/* SPDX-License-Identifier: MIT
 *
 * CSV ledgers: UTF-8, comma, "\n", a header row, RFC 4180 quoting where a field needs
 * it (libcsv's csv_write does the quoting), empty fields for figures that do not
 * apply.  Rows come out in the report's order, which is the ledgers' key order.
 */
#include "ledger.h"

#include <csv.h>

static const char SUMMARY_HEADER[] =
	"month,customer_id,service_id,plan_id,period_s,planned_s,customer_caused_s,"
	"downtime_s,eligible_s,availability_pct,target_pct,met,allowed_downtime_s,"
	"gtr_breaches,gti_breaches,credit_cents,allowance_s,allowance_used_s,"
	"allowance_unused_s,allowance_overage_s,allowance_overage_cents,units_opening,"
	"units_used,units_closing,units_expired,contacts,contacts_over,"
	"contacts_overage_cents,compliance_pct\n";
static const char TICKETS_HEADER[] =
	"month,customer_id,service_id,ticket_id,guarantee,priority,status,opened_at,"
	"stopped_at,elapsed_s,target_s,overrun_s,breach,credit_cents,reason\n";
static const char CREDITS_HEADER[] =
	"month,customer_id,credit_note_id,line,service_id,kind,reference,percent,"
	"amount_cents,vat_cents,status\n";

/* ---- Fields --------------------------------------------------------------------- */

/* A ledger being written: the text and how many fields the current row has. */
typedef struct {
	GString *s;
	guint fields;
} Csv;

/* Appends @len bytes that need no quoting (a number, a time) as a field. */
static void
field_plain(Csv *csv, const char *text, gsize len)
{
	if (csv->fields++ > 0)
		g_string_append_c(csv->s, ',');
	g_string_append_len(csv->s, text, (gssize)len);
}

/* Appends a text field, quoted only when it holds a comma, a quote or a line end. */
static void
field(Csv *csv, const char *text)
{
	gsize len, need, at;

	if (text != NULL && strpbrk(text, ",\"\r\n") == NULL) {
		field_plain(csv, text, strlen(text));
		return;
	}
	if (csv->fields++ > 0)
		g_string_append_c(csv->s, ',');
	if (text == NULL)
		return;
	len = strlen(text);
	need = csv_write(NULL, 0, text, len);
	at = csv->s->len;
	g_string_set_size(csv->s, at + need);
	csv_write(csv->s->str + at, need, text, len);
}

/* An integer in decimal, written here: the ledgers hold hundreds of thousands, and
 * g_snprintf costs more than the rest of a row. */
static void
field_int(Csv *row, gint64 value)
{
	char buf[24];
	char *p = buf + sizeof buf;
	guint64 v = value < 0 ? (guint64)(-(value + 1)) + 1 : (guint64)value;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (value < 0)
		*--p = '-';
	field_plain(row, p, (gsize)(buf + sizeof buf - p));
}

static void
field_int_if(Csv *row, gboolean given, gint64 value)
{
	if (given)
		field_int(row, value);
	else
		field(row, NULL);
}

static void
field_percent_if(Csv *row, gboolean given, gint64 milli)
{
	char buf[32];

	if (!given) {
		field(row, NULL);
		return;
	}
	ledger_format_percent(milli, buf);
	field(row, buf);
}

static void
field_time(Csv *row, gint64 t)
{
	char buf[21];

	if (t == TIME_NONE) {
		field(row, NULL);
		return;
	}
	zone_format_utc(t, buf);
	field_plain(row, buf, strlen(buf));
}

static void
end_row(Csv *csv)
{
	g_string_append_c(csv->s, '\n');
	csv->fields = 0;
}

void
ledger_format_percent(gint64 milli, char buf[static 32])
{
	guint64 abs = milli < 0 ? (guint64)(-(milli + 1)) + 1 : (guint64)milli;

	g_snprintf(buf, 32, "%s%" G_GUINT64_FORMAT ".%03u", milli < 0 ? "-" : "", abs / 1000,
		   (guint)(abs % 1000));
}

const char *
ledger_credit_kind(CreditKind kind)
{
	static const char *const names[] = {
		[CREDIT_AVAILABILITY] = "availability",
		[CREDIT_GTR] = "gtr",
		[CREDIT_GTI] = "gti",
		[CREDIT_CAP_AVAILABILITY] = "cap-availability",
		[CREDIT_CAP_GTR] = "cap-gtr",
		[CREDIT_CAP_GTI] = "cap-gti",
		[CREDIT_CAP_TOTAL] = "cap-total",
	};

	return names[kind];
}

const char *
ledger_status(JudgementStatus status)
{
	static const char *const names[] = {
		[JUDGEMENT_JUDGED] = "judged",
		[JUDGEMENT_OPEN] = "open",
		[JUDGEMENT_NOT_APPLICABLE] = "not-applicable",
	};

	return names[status];
}

const char *
ledger_reason(JudgementReason reason)
{
	static const char *const names[] = {
		[REASON_NONE] = NULL,
		[REASON_NOT_INTERRUPTED] = "not-interrupted",
		[REASON_CUSTOMER_CAUSED] = "customer-caused",
		[REASON_NO_TARGET] = "no-target",
		[REASON_CATEGORY] = "category",
		[REASON_CHANNEL] = "channel",
	};

	return names[reason];
}

/* ---- Files ---------------------------------------------------------------------- */

static void
summary_row(Csv *out, const Report *report, const ServiceReport *sr)
{
	const Plan *plan = sr->plan;

	field(out, report->month_text);
	field(out, sr->service->customer_id);
	field(out, sr->service->id);
	field(out, plan->id);
	field_int(out, sr->period_s);
	field_int(out, sr->planned_s);
	field_int(out, sr->customer_caused_s);
	field_int(out, sr->downtime_s);
	field_int(out, sr->eligible_s);
	field_percent_if(out, TRUE, sr->availability);
	field_percent_if(out, sr->has_target, plan->target);
	field(out, sr->has_target ? (sr->met ? "yes" : "no") : NULL);
	field_int_if(out, sr->has_target, sr->allowed_downtime_s);
	field_int_if(out, plan->gtr.defined, sr->gtr_breaches);
	field_int_if(out, plan->gti.defined, sr->gti_breaches);
	field_int(out, sr->credit);
	field_int_if(out, sr->allowance.defined, sr->allowance.included);
	field_int_if(out, sr->allowance.defined, sr->allowance.used);
	field_int_if(out, sr->allowance.defined, sr->allowance.unused);
	field_int_if(out, sr->allowance.defined, sr->allowance.overage);
	field_int_if(out, sr->allowance.defined && sr->allowance.has_overage_amount,
		     sr->allowance.overage_amount);
	field_int_if(out, sr->units.defined, sr->units.opening);
	field_int_if(out, sr->units.defined, sr->units.used);
	field_int_if(out, sr->units.defined, sr->units.closing);
	field_int_if(out, sr->units.defined, sr->units.expired);
	field_int_if(out, sr->contacts.defined, sr->contacts.count);
	field_int_if(out, sr->contacts.defined, sr->contacts.over);
	field_int_if(out, sr->contacts.defined && sr->contacts.has_overage_amount,
		     sr->contacts.overage_amount);
	field_percent_if(out, sr->compliance.defined, sr->compliance.percent);
	end_row(out);
}

/* Calls @fn for every service report of the month, in key order. */
static GString *
each_service(const Report *report, const char *header, gsize row_bytes,
	     gsize (*rows)(const ServiceReport *),
	     void (*fn)(Csv *, const Report *, const ServiceReport *))
{
	gsize n = 0;
	Csv out;

	for (guint c = 0; c < report->customers->len; c++) {
		const CustomerReport *cr = report->customers->pdata[c];

		for (guint s = 0; s < cr->services->len; s++)
			n += rows(cr->services->pdata[s]);
	}
	out = (Csv){ g_string_sized_new(strlen(header) + n * row_bytes), 0 };
	g_string_append(out.s, header);

	for (guint c = 0; c < report->customers->len; c++) {
		const CustomerReport *cr = report->customers->pdata[c];

		for (guint s = 0; s < cr->services->len; s++)
			fn(&out, report, cr->services->pdata[s]);
	}
	return out.s;
}

static gsize
one_row(const ServiceReport *sr)
{
	return 1;
}

GString *
ledger_summary(const Report *report)
{
	return each_service(report, SUMMARY_HEADER, 192, one_row, summary_row);
}

static void
ticket_rows(Csv *out, const Report *report, const ServiceReport *sr)
{
	for (guint i = 0; i < sr->judgements->len; i++) {
		const Judgement *j = &g_array_index(sr->judgements, Judgement, i);
		gboolean figures = j->status != JUDGEMENT_NOT_APPLICABLE;

		field(out, report->month_text);
		field(out, sr->service->customer_id);
		field(out, sr->service->id);
		field(out, j->ticket->id);
		field(out, j->guarantee == GUARANTEE_GTR ? "gtr" : "gti");
		field(out, j->priority);
		field(out, ledger_status(j->status));
		field_time(out, j->ticket->opened_at);
		field_time(out, j->stopped_at);
		field_int_if(out, figures, j->elapsed);
		field_int_if(out, figures, j->target);
		field_int_if(out, figures, j->overrun);
		field(out, figures ? (j->breach ? "yes" : "no") : NULL);
		field_int_if(out, j->status == JUDGEMENT_JUDGED && j->has_credit, j->credit);
		field(out, ledger_reason(j->reason));
		end_row(out);
	}
}

static gsize
judgement_rows(const ServiceReport *sr)
{
	return sr->judgements->len;
}

GString *
ledger_tickets(const Report *report)
{
	return each_service(report, TICKETS_HEADER, 160, judgement_rows, ticket_rows);
}

GString *
ledger_credits(const Report *report)
{
	Csv csv = { g_string_new(CREDITS_HEADER), 0 };
	Csv *out = &csv;

	for (guint c = 0; c < report->customers->len; c++) {
		const CustomerReport *cr = report->customers->pdata[c];

		for (guint i = 0; i < cr->note.n_lines; i++) {
			const CreditLine *l = &cr->note.lines[i];
			char percent[32];

			ledger_format_percent(l->percent, percent);
			field(out, report->month_text);
			field(out, cr->customer->id);
			field(out, cr->note.id);
			field_int(out, l->line);
			field(out, l->service->id);
			field(out, ledger_credit_kind(l->kind));
			field(out, l->reference);
			field(out, percent);
			field_int(out, l->amount);
			field_int(out, l->vat);
			field(out, l->eligible ? "eligible" : "granted");
			end_row(out);
		}
	}
	return csv.s;
}

GString *
ledger_rejects(DiagList *diags, guint *rows)
{
	Csv csv = { g_string_new("file,line,column,reason,row\n"), 0 };
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	diag_sort(diags);
	for (guint i = 0; i < diag_count(diags); i++) {
		const Diag *d = diag_get(diags, i);

		if (d->severity != DIAG_ERROR)
			continue;
		field(&csv, d->file);
		field_int(&csv, d->line);
		field(&csv, d->column);
		field(&csv, d->message);
		field(&csv, d->row);
		end_row(&csv);
		g_hash_table_add(seen, g_strdup_printf("%s:%u", d->file, d->line));
	}
	*rows = g_hash_table_size(seen);
	return csv.s;
}
