/* SPDX-License-Identifier: MIT
 *
 * Credit lines and caps.  Every amount is fee × percent rounded half up (money.h);
 * a cap that bites adds a line equal to (cap − what it cuts), so the lines of a note
 * always add up to its total, which is what a finance import checks.
 */
#include "credit.h"

#include "availability.h"
#include "guarantee.h"
#include "money.h"

static void
add_line(GArray *lines, const ServiceReport *sr, CreditKind kind, const char *reference,
	 gint64 percent, gint64 amount)
{
	CreditLine l = { 0 };

	l.service = sr->service;
	l.kind = kind;
	l.reference = reference;
	l.percent = percent;
	l.amount = amount;
	l.eligible = sr->plan->on_request;
	g_array_append_val(lines, l);
}

/* Adds @cap_kind's adjustment when the lines of @kinds (from @first on) exceed @cap. */
static void
apply_cap(GArray *lines, guint first, const ServiceReport *sr, CreditKind kind,
	  CreditKind cap_kind, gint32 cap)
{
	gint64 sum = 0, percents = 0, cap_cents;

	for (guint i = first; i < lines->len; i++) {
		const CreditLine *l = &g_array_index(lines, CreditLine, i);

		if (cap_kind == CREDIT_CAP_TOTAL || l->kind == kind) {
			sum += l->amount;
			percents += l->percent;
		}
	}
	cap_cents = money_percent_of(sr->service->monthly_fee, cap);
	if (sum > cap_cents)
		add_line(lines, sr, cap_kind, NULL, MIN(0, cap - percents), cap_cents - sum);
}

static void
service_lines(GArray *lines, ServiceReport *sr)
{
	guint first = lines->len;
	gint64 percent = availability_credit_percent(sr->plan, sr);
	gint64 total = 0;

	if (percent > 0)
		add_line(lines, sr, CREDIT_AVAILABILITY, NULL, percent,
			 money_percent_of(sr->service->monthly_fee, percent));
	for (GuaranteeKind kind = GUARANTEE_GTR; kind <= GUARANTEE_GTI; kind++) {
		/* judgements are sorted by ticket id: the reference order of the ledger */
		for (guint i = 0; i < sr->judgements->len; i++) {
			const Judgement *j = &g_array_index(sr->judgements, Judgement, i);

			if (j->guarantee == kind && j->has_credit)
				add_line(lines, sr, kind == GUARANTEE_GTR ? CREDIT_GTR : CREDIT_GTI,
					 j->ticket->id, j->credit_percent, j->credit);
		}
	}
	apply_cap(lines, first, sr, CREDIT_AVAILABILITY, CREDIT_CAP_AVAILABILITY,
		  sr->plan->availability_cap);
	apply_cap(lines, first, sr, CREDIT_GTR, CREDIT_CAP_GTR, sr->plan->gtr.cap);
	apply_cap(lines, first, sr, CREDIT_GTI, CREDIT_CAP_GTI, sr->plan->gti.cap);
	apply_cap(lines, first, sr, CREDIT_CAP_TOTAL, CREDIT_CAP_TOTAL, sr->plan->credit_cap);
	for (guint i = first; i < lines->len; i++)
		total += g_array_index(lines, CreditLine, i).amount;
	sr->credit = total;
}

void
credit_build_note(const Provider *provider, const char *yyyymm, const Customer *customer,
		  GPtrArray *services, CreditNote *out)
{
	g_autoptr(GArray) lines = g_array_new(FALSE, TRUE, sizeof(CreditLine));
	gint64 vat_sum = 0;

	memset(out, 0, sizeof(*out));
	for (guint i = 0; i < services->len; i++)
		service_lines(lines, g_ptr_array_index(services, i));
	if (lines->len == 0)
		return;

	for (guint i = 0; i < lines->len; i++) {
		CreditLine *l = &g_array_index(lines, CreditLine, i);

		l->line = i + 1;
		out->total += l->amount;
	}
	out->vat = money_percent_of(out->total, provider->vat_rate);
	for (guint i = 0; i + 1 < lines->len; i++) {
		CreditLine *l = &g_array_index(lines, CreditLine, i);

		l->vat = money_percent_of(l->amount, provider->vat_rate);
		vat_sum += l->vat;
	}
	/* the last line takes what per-line rounding left over */
	g_array_index(lines, CreditLine, lines->len - 1).vat = out->vat - vat_sum;
	out->total_with_vat = out->total + out->vat;
	out->id = g_strdup_printf("%s-%s-%s", provider->credit_note_prefix, yyyymm, customer->id);
	out->n_lines = lines->len;
	out->lines = (CreditLine *)g_array_free(g_steal_pointer(&lines), FALSE);
}

void
credit_note_clear(CreditNote *note)
{
	g_free(note->id);
	g_free(note->lines);
	memset(note, 0, sizeof(*note));
}
