/* SPDX-License-Identifier: MIT
 *
 * Lays out one customer's statement from the Report, top to bottom: header, rejected
 * rows warning, summary, a section per service, the credit note; then the footer of
 * every page once the page count is known.  Every word comes from templates/, every
 * figure through format.h, every shape and line of text through layout.h and pdf.h.
 * It computes nothing the ledgers could disagree with: figures are the Report's.
 */
#include "statement.h"

#include "chart.h"
#include "format.h"
#include "layout.h"
#include "pdf.h"
#include "template.h"

#ifndef SLAREPORT_DATADIR
#define SLAREPORT_DATADIR "."
#endif

struct _StatementContext {
	TemplateSet *templates;
	PdfResources *res;
	Day issue_date;
};

#define MARGIN_X 42.0
#define MARGIN_TOP 40.0
#define FOOTER_BOTTOM 28.0
#define LEGAL_SIZE 6.5
#define LEGAL_LINES 3
/* lines a name or an address takes in the first page's header, the last ending in "…"
 * beyond: the header, the customer's box and the period stay on the first page */
#define NAME_LINES 4
#define ADDRESS_LINES 10

static const PdfColor INK = { 0.13, 0.13, 0.13 };
static const PdfColor MUTED = { 0.40, 0.40, 0.40 };
static const PdfColor ACCENT = { 0.106, 0.227, 0.373 };
static const PdfColor GOOD = { 0.16, 0.47, 0.20 };
static const PdfColor BAD = { 0.77, 0.14, 0.14 };
static const PdfColor GOOD_BG = { 0.91, 0.96, 0.91 };
static const PdfColor BAD_BG = { 0.99, 0.92, 0.92 };
static const PdfColor WARN = { 0.62, 0.40, 0.00 };
static const PdfColor WARN_BG = { 1.00, 0.96, 0.86 };
static const PdfColor BOX_BG = { 0.945, 0.953, 0.965 };

const char *
statement_data_dir(void)
{
	const char *dir = g_getenv("SLAREPORT_DATA_DIR");

	return dir != NULL && *dir != '\0' ? dir : SLAREPORT_DATADIR;
}

void
statement_context_free(StatementContext *ctx)
{
	if (ctx == NULL)
		return;
	template_set_free(ctx->templates);
	pdf_resources_free(ctx->res);
	g_free(ctx);
}

StatementContext *
statement_context_new(const char *data_dir, const Provider *provider, Day issue_date,
		      GError **error)
{
	g_autoptr(StatementContext) ctx = g_new0(StatementContext, 1);
	g_autofree char *templates = g_build_filename(data_dir, "templates", NULL);
	g_autofree char *fonts = g_build_filename(data_dir, "fonts", NULL);

	ctx->issue_date = issue_date;
	ctx->templates = template_set_load(templates, error);
	if (ctx->templates == NULL)
		return NULL;
	ctx->res = pdf_resources_new(fonts, provider->logo, error);
	if (ctx->res == NULL)
		return NULL;
	return g_steal_pointer(&ctx);
}

/* ==== Rendering state ============================================================== */

typedef struct {
	const StatementContext *ctx;
	const Report *report;
	const CustomerReport *cr;
	const Provider *provider;
	const Template *tpl;
	Language lang;
	GTimeZone *tz;
	PdfDoc *doc;
	Layout lo;
	char number[96];   /* the statement's number */
	char month[64];    /* "octobre 2026" */
	GPtrArray *legal;  /* footer lines */
	gint64 *midnights; /* of the month's days, for the charts */
	guint n_days;
	double footer_top; /* y of the footer rule */
} Render;

#define T(key) template_get(r->tpl, TPL_##key)

static TextStyle
style(PdfFace face, double size, PdfColor color)
{
	return (TextStyle){ face, size, color };
}

static const char *
service_label(const Service *s)
{
	return s->label != NULL && *s->label != '\0' ? s->label : s->id;
}

/* "du {start} au {end}" for the days an interval of instants covers. */
static char *
period_text(Render *r, TemplateKey key, Interval span)
{
	FormatBuf a, b;

	format_date_range(&a, &b, r->lang, zone_day_of(r->tz, span.start, NULL),
			  zone_day_of(r->tz, span.end - 1, NULL));
	return template_format(r->tpl, key, "start", a.s, "end", b.s, NULL);
}

/* Right-aligned single line ending at @right, cut to @width. */
static void
text_right(Render *r, TextStyle st, double right, double y, double width, const char *text)
{
	g_autofree char *fitted = pdf_text_fit(r->doc, st.face, st.size, text, width);
	double w = pdf_text_width(r->doc, st.face, st.size, fitted);

	pdf_text(r->doc, st.face, st.size, right - w, y + st.size, st.color, fitted);
}

/* A shaded box the content width, holding @text, with a coloured bar on its left. */
static void
banner(Render *r, PdfColor bar, PdfColor background, TextStyle st, const char *text,
       TextStyle st2, const char *text2)
{
	Layout *lo = &r->lo;
	double pad = 7, inner = layout_width(lo) - 2 * pad - 3;
	double h1 = layout_paragraph_height(lo, &st, inner, text);
	double h2 = text2 != NULL ? layout_paragraph_height(lo, &st2, inner, text2) + 2 : 0;
	double h = h1 + h2 + 2 * pad - 3;

	layout_need(lo, h);
	pdf_fill_rect(r->doc, lo->left, lo->y, layout_width(lo), h, background);
	pdf_fill_rect(r->doc, lo->left, lo->y, 3, h, bar);
	layout_text_box(lo, &st, lo->left + 3 + pad, lo->y + pad - 1.5, inner, text);
	if (text2 != NULL)
		layout_text_box(lo, &st2, lo->left + 3 + pad, lo->y + pad - 1.5 + h1 + 2, inner, text2);
	lo->y += h + 8;
}

static void
section_heading(Render *r, const char *text, const char *aside, double keep)
{
	TextStyle st = style(PDF_BOLD, 12, ACCENT);

	layout_space(&r->lo, 6);
	layout_heading(&r->lo, &st, text, aside, keep);
}

static void
caption(Render *r, const char *text, double keep)
{
	Layout *lo = &r->lo;
	TextStyle st = style(PDF_BOLD, 9, ACCENT);
	double lead = layout_leading(st.size);
	g_autofree char *fitted = NULL;

	layout_space(lo, 4);
	layout_need(lo, lead + keep);
	fitted = pdf_text_fit(r->doc, st.face, st.size, text, layout_width(lo));
	pdf_text(r->doc, st.face, st.size, lo->left, lo->y + st.size, st.color, fitted);
	lo->y += lead + 2;
}

static void
note(Render *r, const char *text)
{
	TextStyle st = style(PDF_REGULAR, 7.5, MUTED);

	layout_paragraph(&r->lo, &st, 0, text);
}

/* The height note() takes for @text (none for NULL). */
static double
note_height(Render *r, const char *text)
{
	TextStyle st = style(PDF_REGULAR, 7.5, MUTED);

	return text != NULL ? layout_paragraph_height(&r->lo, &st, layout_width(&r->lo), text) : 0;
}

/* A column whose title is a template key. */
typedef struct {
	TemplateKey title;
	double weight;
	Align align;
	guint max_lines;
} ColumnSpec;

/* Starts a table of @n columns described by @spec, with the caption @caption (or none
 * when TPL_N_KEYS) marked as continued on the pages it runs onto. */
static void
table_begin(Render *r, Table *t, const ColumnSpec *spec, guint n, double size,
	    TemplateKey caption, guint rows)
{
	TableColumn cols[TABLE_MAX_COLUMNS];

	g_return_if_fail(n <= TABLE_MAX_COLUMNS);
	for (guint i = 0; i < n; i++)
		cols[i] = (TableColumn){ template_get(r->tpl, spec[i].title), spec[i].weight,
					 spec[i].align, spec[i].max_lines };
	table_init(t, &r->lo, cols, n, size,
		   caption < TPL_N_KEYS ? template_get(r->tpl, caption) : NULL, T(DOC_CONTINUED),
		   rows);
}

/* ==== Page furniture ================================================================ */

/* On every page after the first: who and what, in small print above a rule. */
static void
running_header(Layout *lo, gpointer user_data)
{
	Render *r = user_data;
	TextStyle st = style(PDF_REGULAR, 7.5, MUTED);
	double half = layout_width(lo) / 2 - 6;
	g_autofree char *left_text = NULL;
	g_autofree char *left = NULL;
	g_autofree char *right = NULL;

	if (pdf_doc_n_pages(r->doc) == 1)
		return;
	left_text = g_strdup_printf("%s — %s", r->provider->name, r->number);
	right = g_strdup_printf("%s — %s", r->cr->customer->name, r->month);
	left = pdf_text_fit(r->doc, st.face, st.size, left_text, half);
	pdf_text(r->doc, st.face, st.size, lo->left, lo->y + st.size, st.color, left);
	text_right(r, st, lo->right, lo->y, half, right);
	lo->y += layout_leading(st.size) + 2;
	pdf_line(r->doc, lo->left, lo->y, lo->right, lo->y, 0.4, LAYOUT_RULE);
	lo->y += 10;
}

/* The provider's legal text and "page X / Y" on every page, once all exist. */
static void
footers(Render *r)
{
	Layout *lo = &r->lo;
	guint pages = pdf_doc_n_pages(r->doc);
	TextStyle st = style(PDF_REGULAR, LEGAL_SIZE, MUTED);
	TextStyle pst = style(PDF_REGULAR, 7.5, MUTED);

	for (guint p = 0; p < pages; p++) {
		char page[16], total[16];
		g_autofree char *label = NULL;

		g_snprintf(page, sizeof page, "%u", p + 1);
		g_snprintf(total, sizeof total, "%u", pages);
		label = template_format(r->tpl, TPL_FOOT_PAGE, "page", page, "pages", total, NULL);
		pdf_doc_set_page(r->doc, p);
		pdf_line(r->doc, lo->left, r->footer_top, lo->right, r->footer_top, 0.4, LAYOUT_RULE);
		for (guint i = 0; i < r->legal->len; i++)
			pdf_text(r->doc, st.face, st.size, lo->left,
				 r->footer_top + 4 + st.size + i * layout_leading(st.size), st.color,
				 g_ptr_array_index(r->legal, i));
		text_right(r, pst, lo->right, r->footer_top + 4, 80, label);
	}
}

/* ==== Header ======================================================================= */

/* @text wrapped to @max_lines lines of @width, the lines joined by line breaks. */
static char *
clip_lines(Render *r, const TextStyle *st, double width, const char *text, guint max_lines)
{
	g_autoptr(GPtrArray) lines = pdf_text_wrap(r->doc, st->face, st->size, text, width,
						   max_lines);

	g_ptr_array_add(lines, NULL);
	return g_strjoinv("\n", (char **)lines->pdata);
}

static void
render_header(Render *r)
{
	Layout *lo = &r->lo;
	const Customer *c = r->cr->customer;
	double w = layout_width(lo), half = w / 2;
	double ly = lo->y, ry = lo->y;
	int logo_w, logo_h;
	FormatBuf b1;
	TextStyle name = style(PDF_BOLD, 11, ACCENT);
	TextStyle small = style(PDF_REGULAR, 8, MUTED);
	TextStyle label = style(PDF_REGULAR, 7, MUTED);
	g_autofree char *number = template_format(r->tpl, TPL_HEAD_NUMBER, "number", r->number, NULL);
	g_autofree char *issued = template_format(r->tpl, TPL_HEAD_ISSUED, "date",
						  format_date(&b1, r->lang, r->ctx->issue_date), NULL);
	g_autofree char *ref = template_format(r->tpl, TPL_HEAD_CUSTOMER_REF, "id", c->id, NULL);
	g_autofree char *period = period_text(r, TPL_HEAD_PERIOD, r->report->span);
	g_autofree char *times = template_format(r->tpl, TPL_DOC_TIMES, "zone",
						 r->provider->timezone, NULL);
	double box_x = lo->left + half + 8, box_w = lo->right - box_x, pad = 8;
	double box_h, left_h;
	TextStyle cname = style(PDF_BOLD, 10.5, INK);
	TextStyle body = style(PDF_REGULAR, 8.5, INK);
	TextStyle per = style(PDF_BOLD, 10, INK);
	g_autofree char *p_name = clip_lines(r, &name, half - 10, r->provider->name, NAME_LINES);
	g_autofree char *p_address = r->provider->address == NULL ? NULL
		: clip_lines(r, &small, half - 10, r->provider->address, ADDRESS_LINES);
	g_autofree char *c_name = clip_lines(r, &cname, box_w - 2 * pad, c->name, NAME_LINES);
	g_autofree char *c_address = c->address == NULL ? NULL
		: clip_lines(r, &body, box_w - 2 * pad, c->address, ADDRESS_LINES);

	/* provider, left */
	if (pdf_resources_logo_size(r->ctx->res, &logo_w, &logo_h) && logo_w > 0 && logo_h > 0) {
		double h = 40, lw = h * logo_w / logo_h;

		if (lw > 160) {
			lw = 160;
			h = lw * logo_h / logo_w;
		}
		pdf_logo(r->doc, lo->left, ly, lw, h);
		ly += h + 6;
	}
	ly += layout_text_box(lo, &name, lo->left, ly, half - 10, p_name);
	if (p_address != NULL)
		ly += layout_text_box(lo, &small, lo->left, ly, half - 10, p_address);

	/* the document, right */
	text_right(r, style(PDF_BOLD, 15, ACCENT), lo->right, ry, half, T(DOC_TITLE));
	ry += layout_leading(15);
	text_right(r, style(PDF_REGULAR, 11.5, INK), lo->right, ry, half, r->month);
	ry += layout_leading(11.5) + 2;
	text_right(r, style(PDF_BOLD, 8.5, INK), lo->right, ry, half, number);
	ry += layout_leading(8.5);
	text_right(r, style(PDF_REGULAR, 8.5, INK), lo->right, ry, half, issued);
	ry += layout_leading(8.5);

	lo->y = MAX(ly, ry) + 12;

	/* the customer in a box, right; the period, left */
	box_h = layout_leading(label.size) +
		layout_paragraph_height(lo, &cname, box_w - 2 * pad, c_name) +
		(c_address != NULL ? layout_paragraph_height(lo, &body, box_w - 2 * pad, c_address) : 0) +
		layout_leading(label.size) + 4 + 2 * pad;
	pdf_fill_rect(r->doc, box_x, lo->y, box_w, box_h, BOX_BG);
	ry = lo->y + pad;
	pdf_text(r->doc, label.face, label.size, box_x + pad, ry + label.size, label.color,
		 T(HEAD_CUSTOMER));
	ry += layout_leading(label.size);
	ry += layout_text_box(lo, &cname, box_x + pad, ry, box_w - 2 * pad, c_name);
	if (c_address != NULL)
		ry += layout_text_box(lo, &body, box_x + pad, ry, box_w - 2 * pad, c_address);
	ry += 4;
	layout_text_box(lo, &label, box_x + pad, ry, box_w - 2 * pad, ref);

	left_h = layout_text_box(lo, &per, lo->left, lo->y + pad, half - 10, period);
	layout_text_box(lo, &small, lo->left, lo->y + pad + left_h + 2, half - 10, times);
	lo->y += box_h + 14;
}

static void
render_rejected(Render *r)
{
	FormatBuf n;
	g_autofree char *text = NULL;

	if (r->cr->rejected_rows == 0)
		return;
	text = r->cr->rejected_rows == 1 ? g_strdup(T(HEAD_REJECTED_ONE))
		: template_format(r->tpl, TPL_HEAD_REJECTED_MANY, "n",
				  format_int(&n, r->lang, r->cr->rejected_rows), NULL);
	banner(r, WARN, WARN_BG, style(PDF_BOLD, 8.5, INK), text, style(PDF_REGULAR, 8.5, INK), NULL);
}

/* ==== Summary ====================================================================== */

typedef enum {
	COMMITMENT_MET,
	COMMITMENT_NOT_MET,
	COMMITMENT_NONE,
} Commitment;

/* Met: availability on target (if any) and no GTR/GTI breach this month. */
static Commitment
commitment(const ServiceReport *sr)
{
	if (!sr->has_target && !sr->plan->gtr.defined && !sr->plan->gti.defined)
		return COMMITMENT_NONE;
	if ((sr->has_target && !sr->met) || sr->gtr_breaches > 0 || sr->gti_breaches > 0)
		return COMMITMENT_NOT_MET;
	return COMMITMENT_MET;
}

static const char *
breaches_text(FormatBuf *b, Render *r, gboolean defined, guint n)
{
	return defined ? format_int(b, r->lang, n) : T(DOC_NONE);
}

/* Credit sentences: what is granted and what may be claimed (credit.mode=on-request). */
static char *
credit_sentence(Render *r)
{
	const CreditNote *note = &r->cr->note;
	const char *currency = r->provider->currency;
	gint64 granted = 0, eligible = 0;
	GString *s = g_string_new(NULL);
	FormatBuf b;

	if (note->n_lines == 0) {
		g_string_append(s, T(SUM_NO_CREDIT));
		return g_string_free(s, FALSE);
	}
	for (guint i = 0; i < note->n_lines; i++) {
		if (note->lines[i].eligible)
			eligible += note->lines[i].amount;
		else
			granted += note->lines[i].amount;
	}
	if (granted != 0 || eligible == 0) {
		g_autofree char *t = template_format(r->tpl, TPL_SUM_CREDIT_GRANTED, "amount",
						     format_money(&b, r->lang, granted, currency),
						     "number", note->id, NULL);

		g_string_append(s, t);
	}
	if (eligible != 0) {
		g_autofree char *t = template_format(r->tpl, TPL_SUM_CREDIT_ELIGIBLE, "amount",
						     format_money(&b, r->lang, eligible, currency),
						     "number", note->id, NULL);

		if (s->len > 0)
			g_string_append_c(s, ' ');
		g_string_append(s, t);
	}
	return g_string_free(s, FALSE);
}

static void
render_summary(Render *r)
{
	static const ColumnSpec columns[] = {
		{ TPL_SUM_COL_SERVICE, 2.0, ALIGN_LEFT, 4 },
		{ TPL_SUM_COL_ID, 0.9, ALIGN_LEFT, 0 }, /* an id wraps, never cut */
		{ TPL_SUM_COL_AVAILABILITY, 1.1, ALIGN_RIGHT, 1 },
		{ TPL_SUM_COL_TARGET, 0.8, ALIGN_RIGHT, 1 },
		{ TPL_SUM_COL_GTR, 0.85, ALIGN_RIGHT, 1 },
		{ TPL_SUM_COL_GTI, 0.85, ALIGN_RIGHT, 1 },
		{ TPL_SUM_COL_CREDIT, 1.05, ALIGN_RIGHT, 2 },
		{ TPL_SUM_COL_STATUS, 1.3, ALIGN_LEFT, 1 },
	};
	const GPtrArray *services = r->cr->services;
	guint not_met = 0;
	g_autofree char *verdict = NULL;
	g_autofree char *credit = credit_sentence(r);
	FormatBuf n, total;
	Table t;

	for (guint i = 0; i < services->len; i++)
		not_met += commitment(g_ptr_array_index(services, i)) == COMMITMENT_NOT_MET;
	if (not_met == 0)
		verdict = g_strdup(T(SUM_ALL_MET));
	else if (services->len == 1)
		verdict = g_strdup(T(SUM_NOT_MET_ONLY));
	else
		verdict = template_format(r->tpl, not_met == 1 ? TPL_SUM_NOT_MET_ONE : TPL_SUM_NOT_MET_MANY,
					  "n", format_int(&n, r->lang, not_met), "total",
					  format_int(&total, r->lang, services->len), NULL);

	section_heading(r, T(SUM_TITLE), NULL, 60);
	banner(r, not_met == 0 ? GOOD : BAD, not_met == 0 ? GOOD_BG : BAD_BG,
	       style(PDF_BOLD, 10, not_met == 0 ? GOOD : BAD), verdict,
	       style(PDF_REGULAR, 9, INK), credit);

	table_begin(r, &t, columns, G_N_ELEMENTS(columns), 8, TPL_N_KEYS, services->len);
	for (guint i = 0; i < services->len; i++) {
		const ServiceReport *sr = g_ptr_array_index(services, i);
		Commitment c = commitment(sr);
		FormatBuf av, tg, gtr, gti, cr;
		const PdfColor *av_color = !sr->has_target ? NULL : sr->met ? &GOOD : &BAD;
		TableCell cells[] = {
			{ .text = service_label(sr->service) },
			{ .text = sr->service->id },
			{ .text = format_percent(&av, r->lang, sr->availability), .color = av_color,
			  .bold = TRUE },
			{ .text = sr->has_target ? format_percent_short(&tg, r->lang, sr->plan->target)
						 : T(DOC_NONE) },
			{ .text = breaches_text(&gtr, r, sr->plan->gtr.defined, sr->gtr_breaches),
			  .color = sr->gtr_breaches > 0 ? &BAD : NULL },
			{ .text = breaches_text(&gti, r, sr->plan->gti.defined, sr->gti_breaches),
			  .color = sr->gti_breaches > 0 ? &BAD : NULL },
			{ .text = format_money(&cr, r->lang, sr->credit, r->provider->currency) },
			{ .text = c == COMMITMENT_MET ? T(SUM_MET)
				: c == COMMITMENT_NOT_MET ? T(SUM_NOT_MET) : T(SUM_NO_COMMITMENT),
			  .color = c == COMMITMENT_MET ? &GOOD : c == COMMITMENT_NOT_MET ? &BAD : &MUTED,
			  .bold = c != COMMITMENT_NONE },
		};

		table_row(&t, cells, NULL);
	}
	table_end(&t);
	note(r, T(AV_FORMULA));
	note(r, T(INC_LEGEND));
}

/* ==== A service ===================================================================== */

static void
render_availability(Render *r, const ServiceReport *sr)
{
	const char *cur = T(DOC_NONE);
	FormatBuf av, tg, me, dt, al, pl, cu;
	g_autofree char *period = period_text(r, TPL_AV_PERIOD_VALUE, sr->period);
	const PdfColor *color = !sr->has_target ? NULL : sr->met ? &GOOD : &BAD;
	LayoutPair pairs[] = {
		{ T(AV_ACHIEVED), format_percent(&av, r->lang, sr->availability), color },
		{ T(AV_TARGET), sr->has_target ? format_percent_short(&tg, r->lang, sr->plan->target) : cur,
		  NULL },
		{ " ", !sr->has_target ? T(AV_NO_TARGET) : sr->met ? T(AV_MET) : T(AV_NOT_MET), color },
		{ T(AV_PERIOD), period, NULL },
		{ T(AV_MEASURED), format_duration(&me, r->lang, sr->eligible_s), NULL },
		{ T(AV_DOWNTIME), format_duration(&dt, r->lang, sr->downtime_s),
		  sr->downtime_s > 0 ? &BAD : NULL },
		{ T(AV_ALLOWED), sr->has_target ? format_duration(&al, r->lang, sr->allowed_downtime_s) : cur,
		  NULL },
		{ T(AV_PLANNED), format_duration(&pl, r->lang, sr->planned_s), NULL },
		{ T(AV_CUSTOMER), format_duration(&cu, r->lang, sr->customer_caused_s), NULL },
	};

	layout_pairs(&r->lo, pairs, G_N_ELEMENTS(pairs), 3);
	if (!sr->plan->availability_calendar->always) {
		g_autofree char *cal = template_format(r->tpl, TPL_AV_CALENDAR, "calendar",
						       sr->plan->availability_calendar->name, NULL);

		note(r, cal);
	}
	if (sr->plan->source_tickets)
		note(r, T(AV_SOURCE_TICKETS));
}

/* The legend, then the month's timeline. */
static void
render_chart(Render *r, const ServiceReport *sr)
{
	Layout *lo = &r->lo;
	TextStyle st = style(PDF_REGULAR, 7.5, INK);
	const struct {
		ChartKind kind;
		const char *label;
		gint64 seconds;
	} items[] = {
		{ CHART_DOWNTIME, T(CHART_DOWNTIME), sr->downtime_s },
		{ CHART_PLANNED, T(CHART_PLANNED), sr->planned_s },
		{ CHART_CUSTOMER, T(CHART_CUSTOMER), sr->customer_caused_s },
		{ CHART_INACTIVE, T(CHART_INACTIVE), -1 },
	};
	gboolean partial = sr->period.start > r->report->span.start ||
			   sr->period.end < r->report->span.end;
	ChartMonth m = {
		.month = r->report->span, .period = sr->period, .downtime = &sr->downtime,
		.planned = &sr->planned, .customer = &sr->customer_caused,
		.midnights = r->midnights, .n_days = r->n_days,
		.first_day = zone_day_of(r->tz, r->report->span.start, NULL),
	};
	double x = lo->left;

	layout_need(lo, layout_leading(st.size) + 4 + CHART_HEIGHT + 6);
	lo->y += 2;
	for (guint i = 0; i < G_N_ELEMENTS(items); i++) {
		FormatBuf b;
		g_autofree char *text = NULL;

		if (items[i].kind == CHART_INACTIVE && !partial)
			continue;
		text = items[i].seconds < 0 ? g_strdup(items[i].label)
			: g_strdup_printf("%s  %s", items[i].label,
					  format_duration(&b, r->lang, items[i].seconds));
		pdf_fill_rect(r->doc, x, lo->y + 1, 7, 7, chart_color(items[i].kind));
		pdf_text(r->doc, st.face, st.size, x + 10, lo->y + st.size, st.color, text);
		x += 10 + pdf_text_width(r->doc, st.face, st.size, text) + 16;
	}
	lo->y += layout_leading(st.size) + 4;
	chart_timeline(r->doc, &m, lo->left, lo->y, layout_width(lo));
	lo->y += CHART_HEIGHT + 6;
}

/* Start and end of something that may still be going on. */
static const char *
end_text(Render *r, FormatBuf *b, gint64 end)
{
	return end == TIME_NONE ? T(EV_ONGOING)
				: format_datetime_short(b, r->lang, r->tz, end, r->report->year);
}

static void
render_events(Render *r, const ServiceReport *sr)
{
	static const ColumnSpec columns[] = {
		/* an id is never cut: room for 13 characters, and a longer one wraps */
		{ TPL_EV_COL_REF, 1.3, ALIGN_LEFT, 0 },
		{ TPL_EV_COL_START, 1.35, ALIGN_LEFT, 1 },
		{ TPL_EV_COL_END, 1.35, ALIGN_LEFT, 1 },
		{ TPL_EV_COL_DURATION, 1.2, ALIGN_RIGHT, 2 },
		{ TPL_EV_COL_DESCRIPTION, 3.0, ALIGN_LEFT, 2 },
	};
	Table t;

	if (sr->events == NULL || sr->events->len == 0)
		return;
	table_begin(r, &t, columns, G_N_ELEMENTS(columns), 7.5, TPL_EV_TITLE, sr->events->len);
	for (guint i = 0; i < sr->events->len; i++) {
		const DowntimeEvent *ev = &g_array_index(sr->events, DowntimeEvent, i);
		const char *ref, *description = NULL;
		gint64 start, end;
		g_autofree char *ticket = NULL;
		g_autofree char *desc = NULL;
		FormatBuf bs, be, bd;

		if (ev->outage != NULL) {
			ref = ev->outage->id;
			start = ev->outage->start;
			end = ev->outage->end;
			description = ev->outage->description;
			if (ev->outage->ticket_id != NULL)
				ticket = template_format(r->tpl, TPL_EV_TICKET, "id", ev->outage->ticket_id,
							 NULL);
		} else {
			ref = ev->ticket->id;
			start = ev->ticket->opened_at;
			end = ev->ticket->restored_at;
			description = ev->ticket->labels->category;
		}
		if (description != NULL && ticket != NULL)
			desc = g_strdup_printf("%s (%s)", description, ticket);
		else
			desc = g_strdup(description != NULL ? description : ticket);
		{
			TableCell cells[] = {
				{ .text = ref, .bold = TRUE },
				{ .text = format_datetime_short(&bs, r->lang, r->tz, start, r->report->year) },
				{ .text = end_text(r, &be, end) },
				{ .text = format_duration(&bd, r->lang, ev->seconds) },
				{ .text = desc, .color = &MUTED },
			};

			table_row(&t, cells, NULL);
		}
	}
	table_end(&t);
}

/* Why some time was (or, for refused windows, was not) left out. */
static char *
exclusion_reason(Render *r, const Exclusion *ex)
{
	const Maintenance *m = ex->maintenance;
	FormatBuf b;
	g_autofree char *head = NULL;
	const char *description = NULL;
	const char *tail = NULL;

	switch (ex->kind) {
	case EXCLUSION_PLANNED:
		head = template_format(r->tpl, TPL_EX_PLANNED, "id", m->id, "date",
				       format_date_at(&b, r->lang, r->tz, m->notified_at), NULL);
		description = m->description;
		break;
	case EXCLUSION_CUSTOMER: {
		const char *id = ex->outage != NULL ? ex->outage->id
				 : ex->ticket != NULL ? ex->ticket->id : "";

		head = template_format(r->tpl, ex->cause == CAUSE_THIRD_PARTY ? TPL_EX_THIRD_PARTY
									       : TPL_EX_CUSTOMER,
				       "id", id, NULL);
		description = ex->outage != NULL ? ex->outage->description : NULL;
		break;
	}
	case EXCLUSION_REFUSED_NOTICE:
		head = template_format(r->tpl, TPL_EX_REFUSED_NOTICE, "id", m->id, "date",
				       format_date_at(&b, r->lang, r->tz, m->notified_at), NULL);
		tail = T(EX_NOT_EXCLUDED);
		break;
	case EXCLUSION_REFUSED_UNNOTIFIED:
		head = template_format(r->tpl, TPL_EX_REFUSED_UNNOTIFIED, "id", m->id, NULL);
		tail = T(EX_NOT_EXCLUDED);
		break;
	}
	return g_strjoin(" — ", head, description != NULL && *description != '\0' ? description : tail,
			 description != NULL && *description != '\0' ? tail : NULL, NULL);
}

static void
render_exclusions(Render *r, const ServiceReport *sr)
{
	static const ColumnSpec columns[] = {
		{ TPL_EX_COL_START, 1.35, ALIGN_LEFT, 1 },
		{ TPL_EX_COL_END, 1.35, ALIGN_LEFT, 1 },
		{ TPL_EX_COL_DURATION, 1.1, ALIGN_RIGHT, 2 },
		{ TPL_EX_COL_REASON, 4.4, ALIGN_LEFT, 3 },
	};
	Table t;

	if (sr->exclusions == NULL || sr->exclusions->len == 0)
		return;
	table_begin(r, &t, columns, G_N_ELEMENTS(columns), 7.5, TPL_EX_TITLE, sr->exclusions->len);
	for (guint i = 0; i < sr->exclusions->len; i++) {
		const Exclusion *ex = &g_array_index(sr->exclusions, Exclusion, i);
		gboolean refused = ex->kind == EXCLUSION_REFUSED_NOTICE ||
				   ex->kind == EXCLUSION_REFUSED_UNNOTIFIED;
		g_autofree char *reason = exclusion_reason(r, ex);
		FormatBuf bs, be, bd;
		TableCell cells[] = {
			{ .text = format_datetime_short(&bs, r->lang, r->tz, ex->span.start, r->report->year) },
			{ .text = format_datetime_short(&be, r->lang, r->tz, ex->span.end, r->report->year) },
			{ .text = format_duration(&bd, r->lang, ex->seconds) },
			{ .text = reason, .color = refused ? &BAD : NULL },
		};

		table_row(&t, cells, NULL);
	}
	table_end(&t);
}

/* Rank of a priority in the plan's list (statements list incidents in that order). */
static guint
priority_rank(const Plan *plan, const char *priority)
{
	guint i = 0;

	if (plan->priorities == NULL || priority == NULL)
		return G_MAXUINT;
	for (; plan->priorities[i] != NULL; i++)
		if (g_ascii_strcasecmp(plan->priorities[i], priority) == 0)
			return i;
	return G_MAXUINT;
}

static gint
compare_judgements(gconstpointer a, gconstpointer b, gpointer plan)
{
	const Judgement *x = *(const Judgement *const *)a;
	const Judgement *y = *(const Judgement *const *)b;
	guint rx = priority_rank(plan, x->priority), ry = priority_rank(plan, y->priority);
	int c;

	if (rx != ry)
		return rx < ry ? -1 : 1;
	c = strcmp(x->ticket->id, y->ticket->id);
	if (c != 0)
		return c;
	return (int)x->guarantee - (int)y->guarantee;
}

static const char *
reason_text(Render *r, JudgementReason reason)
{
	switch (reason) {
	case REASON_NOT_INTERRUPTED:
		return T(INC_NA_NOT_INTERRUPTED);
	case REASON_CUSTOMER_CAUSED:
		return T(INC_NA_CUSTOMER_CAUSED);
	case REASON_NO_TARGET:
		return T(INC_NA_NO_TARGET);
	case REASON_CATEGORY:
		return T(INC_NA_CATEGORY);
	case REASON_CHANNEL:
		return T(INC_NA_CHANNEL);
	case REASON_NONE:
		break;
	}
	return T(DOC_NONE);
}

static void
incident_row(Render *r, Table *t, const Judgement *j)
{
	const char *none = T(DOC_NONE);
	FormatBuf bo, bs, bel, bt, bov, bc;
	gboolean open = j->status == JUDGEMENT_OPEN;
	gboolean na = j->status == JUDGEMENT_NOT_APPLICABLE;
	const char *stopped;
	RowStyle row = { 0 };
	TableCell cells[9] = {
		{ .text = j->ticket->id, .bold = TRUE },
		{ .text = j->guarantee == GUARANTEE_GTR ? T(INC_GTR) : T(INC_GTI) },
		{ .text = j->priority != NULL ? j->priority : none },
		{ .text = format_datetime_short(&bo, r->lang, r->tz, j->ticket->opened_at, r->report->year) },
	};

	if (open)
		stopped = j->breach ? T(INC_OPEN_OVER) : T(INC_OPEN);
	else if (j->stopped_at != TIME_NONE)
		stopped = format_datetime_short(&bs, r->lang, r->tz, j->stopped_at, r->report->year);
	else
		stopped = none;
	cells[4] = (TableCell){ .text = stopped, .bold = open, .color = open && j->breach ? &BAD : NULL };
	if (na) {
		cells[5] = (TableCell){ .text = reason_text(r, j->reason), .color = &MUTED, .span = 4 };
		row.color = &MUTED;
	} else {
		cells[5] = (TableCell){ .text = format_duration(&bel, r->lang, j->elapsed) };
		cells[6] = (TableCell){ .text = format_duration(&bt, r->lang, j->target) };
		/* an open ticket within target is not "met" yet */
		cells[7] = j->breach
			? (TableCell){ .text = format_duration(&bov, r->lang, j->overrun), .color = &BAD,
				       .bold = TRUE }
			: open ? (TableCell){ .text = none }
			       : (TableCell){ .text = T(INC_WITHIN), .color = &GOOD };
		cells[8] = (TableCell){ .text = j->has_credit ? format_money(&bc, r->lang, j->credit,
									     r->provider->currency)
							     : none };
		if (j->breach)
			row.background = open ? &WARN_BG : &BAD_BG;
		else if (open)
			row.background = &WARN_BG;
	}
	table_row(t, cells, &row);
}

/* "Guarantees met since 1 January: …", or NULL without a compliance target. */
static char *
compliance_text(Render *r, const ServiceReport *sr)
{
	const ComplianceResult *c = &sr->compliance;
	FormatBuf p, t, m, j;

	if (!c->defined)
		return NULL;
	return template_format(r->tpl, TPL_INC_COMPLIANCE, "percent",
			       format_percent(&p, r->lang, c->percent), "target",
			       format_percent_short(&t, r->lang, c->target), "met",
			       format_int(&m, r->lang, c->met), "judged", format_int(&j, r->lang, c->judged),
			       NULL);
}

static void
render_incidents(Render *r, const ServiceReport *sr, gboolean nothing)
{
	static const ColumnSpec columns[] = {
		/* figures wrap between their parts rather than be cut; an id is never cut:
		 * room for 13 characters, and a longer one wraps */
		{ TPL_INC_COL_TICKET, 1.35, ALIGN_LEFT, 0 },
		{ TPL_INC_COL_GUARANTEE, 0.9, ALIGN_LEFT, 1 },
		{ TPL_INC_COL_PRIORITY, 0.7, ALIGN_LEFT, 1 },
		{ TPL_INC_COL_OPENED, 1.15, ALIGN_LEFT, 1 },
		{ TPL_INC_COL_STOPPED, 1.25, ALIGN_LEFT, 2 },
		{ TPL_INC_COL_ELAPSED, 1.15, ALIGN_RIGHT, 2 },
		{ TPL_INC_COL_TARGET, 0.8, ALIGN_RIGHT, 2 },
		{ TPL_INC_COL_OVERRUN, 1.3, ALIGN_RIGHT, 2 },
		{ TPL_INC_COL_CREDIT, 0.95, ALIGN_RIGHT, 2 },
	};
	const Plan *plan = sr->plan;
	g_autoptr(GPtrArray) sorted = NULL;
	g_autofree char *breaches = NULL;
	g_autofree char *compliance = NULL;
	gboolean any_open = FALSE;
	FormatBuf g1, g2;
	Table t;

	if (!plan->gtr.defined && !plan->gti.defined)
		return;
	if (sr->judgements == NULL || sr->judgements->len == 0) {
		if (nothing)
			return; /* "nothing to report" said it */
		caption(r, T(INC_TITLE), 10);
		note(r, T(INC_NONE));
		layout_space(&r->lo, 6);
		return;
	}
	sorted = g_ptr_array_sized_new(sr->judgements->len);
	for (guint i = 0; i < sr->judgements->len; i++)
		g_ptr_array_add(sorted, &g_array_index(sr->judgements, Judgement, i));
	g_ptr_array_sort_with_data(sorted, compare_judgements, (gpointer)plan);

	for (guint i = 0; i < sorted->len; i++)
		any_open = any_open || ((const Judgement *)sorted->pdata[i])->status == JUDGEMENT_OPEN;
	breaches = template_format(r->tpl, TPL_INC_BREACHES, "gtr",
				   breaches_text(&g1, r, plan->gtr.defined, sr->gtr_breaches), "gti",
				   breaches_text(&g2, r, plan->gti.defined, sr->gti_breaches), NULL);
	compliance = compliance_text(r, sr);

	table_begin(r, &t, columns, G_N_ELEMENTS(columns), 7.5, TPL_INC_TITLE, sorted->len);
	/* the notes under the table (and render_compliance's) go with its last row */
	t.tail = note_height(r, breaches) + (any_open ? note_height(r, T(INC_OPEN_NOTE)) : 0) +
		 note_height(r, compliance);
	for (guint i = 0; i < sorted->len; i++)
		incident_row(r, &t, g_ptr_array_index(sorted, i));
	table_end(&t);
	note(r, breaches);
	if (any_open)
		note(r, T(INC_OPEN_NOTE));
}

static void
render_compliance(Render *r, const ServiceReport *sr)
{
	g_autofree char *text = compliance_text(r, sr);

	if (text != NULL)
		note(r, text);
}

static void
render_allowances(Render *r, const ServiceReport *sr)
{
	const AllowanceResult *a = &sr->allowance;
	const UnitsResult *u = &sr->units;
	const ContactsResult *c = &sr->contacts;
	const char *cur = r->provider->currency;
	double keep = 2 * layout_leading(9) + 30;

	if (!a->defined && !u->defined && !c->defined)
		return;
	if (a->defined) {
		FormatBuf b1, b2, b3, b4, b5;
		LayoutPair pairs[5] = {
			{ T(AL_INCLUDED), format_duration(&b1, r->lang, a->included), NULL },
			{ T(AL_USED), format_duration(&b2, r->lang, a->used), NULL },
			{ T(AL_UNUSED), format_duration(&b3, r->lang, a->unused), a->unused > 0 ? &WARN : NULL },
			{ T(AL_OVERAGE), format_duration(&b4, r->lang, a->overage), a->overage > 0 ? &BAD : NULL },
			{ T(AL_OVERAGE_AMOUNT), format_money(&b5, r->lang, a->overage_amount, cur), NULL },
		};

		caption(r, T(AL_TIME), keep);
		layout_pairs(&r->lo, pairs, a->has_overage_amount ? 5 : 4, 5);
	}
	if (u->defined) {
		FormatBuf b1, b2, b3, b4, ys, ye;
		g_autofree char *year = template_format(r->tpl, TPL_AL_UNITS_YEAR, "start",
							format_date(&ys, r->lang, u->year_start), "end",
							format_date(&ye, r->lang, u->year_end), NULL);
		g_autofree char *title = g_strdup_printf("%s — %s", T(AL_UNITS), year);
		LayoutPair pairs[4] = {
			{ T(AL_UNITS_OPENING), format_int(&b1, r->lang, u->opening), NULL },
			{ T(AL_UNITS_USED), format_int(&b2, r->lang, u->used), NULL },
			{ T(AL_UNITS_CLOSING), format_int(&b3, r->lang, u->closing), u->overdrawn ? &BAD : NULL },
			{ T(AL_UNITS_EXPIRED), format_int(&b4, r->lang, u->expired), u->expired > 0 ? &WARN : NULL },
		};

		caption(r, title, keep);
		layout_pairs(&r->lo, pairs, u->year_ended_in_month || u->expired > 0 ? 4 : 3, 5);
		if (u->overdrawn) {
			note(r, T(AL_UNITS_OVERDRAWN));
		} else if (u->closing > 0) {
			g_autofree char *expiry = template_format(r->tpl, TPL_AL_UNITS_EXPIRY, "date",
								  format_date(&ye, r->lang, u->year_end), NULL);

			note(r, expiry);
		}
	}
	if (c->defined) {
		FormatBuf b1, b2, b3, b4;
		LayoutPair pairs[4] = {
			{ T(AL_CONTACTS_INCLUDED), format_int(&b1, r->lang, c->included), NULL },
			{ T(AL_CONTACTS_COUNT), format_int(&b2, r->lang, c->count), NULL },
			{ T(AL_CONTACTS_OVER), format_int(&b3, r->lang, c->over), c->over > 0 ? &BAD : NULL },
			{ T(AL_CONTACTS_AMOUNT), format_money(&b4, r->lang, c->overage_amount, cur), NULL },
		};

		caption(r, T(AL_CONTACTS), keep);
		layout_pairs(&r->lo, pairs, c->has_overage_amount ? 4 : 3, 5);
	}
}

/* "{label} ({id})" on at most @max_lines lines of @width: a label too long for them is
 * cut, never the id. */
static char *
service_name(Render *r, const Service *s, PdfFace face, double size, double width,
	     guint max_lines)
{
	g_autofree char *full = template_format(r->tpl, TPL_SVC_HEADING, "label", service_label(s),
						"id", s->id, NULL);
	g_autoptr(GPtrArray) lines = pdf_text_wrap(r->doc, face, size, full, width, max_lines + 1);
	g_autofree char *bare = NULL;
	double room;

	if (lines->len <= max_lines)
		return g_steal_pointer(&full);
	bare = template_format(r->tpl, TPL_SVC_HEADING, "label", "", "id", s->id, NULL);
	room = max_lines * width - pdf_text_width(r->doc, face, size, bare);
	/* the label shortened a quarter line at a time, for what wrapping at spaces wastes */
	for (;; room -= MAX(width / 4, 10)) {
		g_autofree char *label = pdf_text_fit(r->doc, face, size, service_label(s),
						      MAX(room, 40));

		g_free(full);
		full = template_format(r->tpl, TPL_SVC_HEADING, "label", label, "id", s->id, NULL);
		g_ptr_array_unref(lines);
		lines = pdf_text_wrap(r->doc, face, size, full, width, max_lines + 1);
		if (lines->len <= max_lines || room <= 40)
			return g_steal_pointer(&full);
	}
}

static void
render_service(Render *r, const ServiceReport *sr)
{
	g_autofree char *plan = template_format(r->tpl, TPL_SVC_PLAN, "plan", sr->plan->id, NULL);
	double aside = pdf_text_width(r->doc, PDF_REGULAR, 9, plan) + 12;
	g_autofree char *heading = service_name(r, sr->service, PDF_BOLD, 12,
						layout_width(&r->lo) - aside, LAYOUT_HEADING_LINES);
	gboolean nothing = (sr->events == NULL || sr->events->len == 0) &&
			   (sr->exclusions == NULL || sr->exclusions->len == 0) &&
			   (sr->judgements == NULL || sr->judgements->len == 0);

	/* the heading stays with the availability figures and the chart */
	section_heading(r, heading, plan, 3 * 27 + CHART_HEIGHT + 20);
	render_availability(r, sr);
	render_chart(r, sr);
	if (nothing) {
		TextStyle st = style(PDF_REGULAR, 8.5, GOOD);

		layout_paragraph(&r->lo, &st, 0, T(SVC_NOTHING));
		layout_space(&r->lo, 4);
	}
	render_events(r, sr);
	render_exclusions(r, sr);
	render_incidents(r, sr, nothing);
	render_compliance(r, sr);
	render_allowances(r, sr);
}

/* ==== Credit note =================================================================== */

static const char *
credit_item(Render *r, const CreditLine *line, char **owned)
{
	const char *ref = line->reference != NULL ? line->reference : "";

	*owned = NULL;
	switch (line->kind) {
	case CREDIT_AVAILABILITY:
		return T(CR_AVAILABILITY);
	case CREDIT_GTR:
		return *owned = template_format(r->tpl, TPL_CR_GTR, "ticket", ref, NULL);
	case CREDIT_GTI:
		return *owned = template_format(r->tpl, TPL_CR_GTI, "ticket", ref, NULL);
	case CREDIT_CAP_AVAILABILITY:
		return T(CR_CAP_AVAILABILITY);
	case CREDIT_CAP_GTR:
		return T(CR_CAP_GTR);
	case CREDIT_CAP_GTI:
		return T(CR_CAP_GTI);
	case CREDIT_CAP_TOTAL:
		return T(CR_CAP_TOTAL);
	}
	return "";
}

/* The three total lines, the non-cash sentence and up to two notes of two lines under
 * them: kept on the page of the last credit line, so that no sentence of the note is
 * left alone on a page of its own. */
#define TOTALS_HEIGHT (3 * layout_leading(9.5) + 24 + 4 * layout_leading(7.5))

/* A label and an amount, right-aligned under the table's last column. */
static void
total_line(Render *r, const char *label, const char *amount, gboolean bold)
{
	Layout *lo = &r->lo;
	TextStyle st = style(bold ? PDF_BOLD : PDF_REGULAR, bold ? 9.5 : 8.5, INK);
	double col = 220;

	text_right(r, st, lo->right - 110, lo->y, col - 110, label);
	text_right(r, st, lo->right - 3, lo->y, 105, amount);
	lo->y += layout_leading(st.size) + 1;
}

static void
render_credit(Render *r)
{
	static const ColumnSpec columns[] = {
		{ TPL_CR_COL_LINE, 0.55, ALIGN_RIGHT, 1 },
		{ TPL_CR_COL_SERVICE, 2.3, ALIGN_LEFT, 2 },
		{ TPL_CR_COL_ITEM, 2.6, ALIGN_LEFT, 2 },
		{ TPL_CR_COL_PERCENT, 0.9, ALIGN_RIGHT, 1 },
		{ TPL_CR_COL_AMOUNT, 1.25, ALIGN_RIGHT, 2 },
	};
	const CreditNote *note_ = &r->cr->note;
	const char *cur = r->provider->currency;
	g_autofree char *title = NULL;
	g_autofree char *vat = NULL;
	gboolean any_eligible = FALSE;
	FormatBuf b;
	Table t;

	if (note_->n_lines == 0)
		return;
	title = template_format(r->tpl, TPL_CR_TITLE, "number", note_->id, NULL);
	table_begin(r, &t, columns, G_N_ELEMENTS(columns), 8, TPL_N_KEYS, note_->n_lines);
	/* a short note is not split across pages */
	if (note_->n_lines <= 12)
		t.keep = note_->n_lines;
	/* the heading keeps the room the table asks for its start: its header and a short
	 * note whole with its totals, or a long note's first rows (cells of up to two lines) */
	section_heading(r, title, NULL,
			table_lines_height(&t, 2) * (1 + MIN(note_->n_lines, t.keep)) +
				(note_->n_lines <= 12 ? TOTALS_HEIGHT : 0));
	/* the section heading says it on the first page; a caption on the next ones */
	t.caption = title;
	t.caption_continued_only = TRUE;
	t.tail = TOTALS_HEIGHT;
	for (guint i = 0; i < note_->n_lines; i++) {
		const CreditLine *line = &note_->lines[i];
		gboolean cap = line->kind >= CREDIT_CAP_AVAILABILITY;
		g_autofree char *owned = NULL;
		g_autofree char *item = NULL;
		g_autofree char *service = service_name(r, line->service, PDF_REGULAR, t.size,
							table_text_width(&t, 1), 2);
		char num[16];
		FormatBuf p, a;

		item = g_strdup(credit_item(r, line, &owned));
		if (line->eligible) {
			g_autofree char *plain = g_steal_pointer(&item);

			item = g_strdup_printf("%s — %s", plain, T(CR_ELIGIBLE));
			any_eligible = TRUE;
		}
		g_snprintf(num, sizeof num, "%u", line->line);
		{
			TableCell cells[] = {
				{ .text = num },
				{ .text = service },
				{ .text = item },
				{ .text = format_percent_short(&p, r->lang, line->percent) },
				{ .text = format_money(&a, r->lang, line->amount, cur), .bold = !cap },
			};
			RowStyle row = { .color = cap ? &MUTED : NULL };

			table_row(&t, cells, &row);
		}
	}
	table_end(&t);

	vat = template_format(r->tpl, TPL_CR_VAT, "rate",
			      format_percent_short(&b, r->lang, r->provider->vat_rate), NULL);
	layout_need(&r->lo, TOTALS_HEIGHT);
	total_line(r, T(CR_TOTAL), format_money(&b, r->lang, note_->total, cur), FALSE);
	total_line(r, vat, format_money(&b, r->lang, note_->vat, cur), FALSE);
	pdf_line(r->doc, r->lo.right - 220, r->lo.y, r->lo.right, r->lo.y, 0.6, LAYOUT_RULE);
	r->lo.y += 2;
	total_line(r, T(CR_TOTAL_WITH_VAT), format_money(&b, r->lang, note_->total_with_vat, cur), TRUE);
	layout_space(&r->lo, 6);
	{
		TextStyle st = style(PDF_BOLD, 8.5, INK);

		layout_paragraph(&r->lo, &st, 0, T(CR_NON_CASH));
	}
	if (any_eligible)
		note(r, T(CR_ELIGIBLE_NOTE));
	note(r, T(CR_REFERENCE));
}

/* ==== The document ================================================================= */

static void
set_info(Render *r)
{
	int y, m, d;
	gint32 offset = zone_offset_at(r->tz, zone_day_start(r->tz, r->ctx->issue_date));
	g_autofree char *title = template_format(r->tpl, TPL_DOC_METADATA_TITLE, "title", T(DOC_TITLE),
						 "customer", r->cr->customer->name, "month", r->month,
						 NULL);

	day_to_ymd(r->ctx->issue_date, &y, &m, &d);
	pdf_doc_set_info(r->doc, title, r->provider->name, r->month, y, m, d, offset);
}

GBytes *
statement_render_bytes(const StatementContext *ctx, const Report *report,
		       const CustomerReport *customer, GError **error)
{
	g_autoptr(PdfDoc) doc = NULL;
	g_autoptr(GPtrArray) legal = NULL;
	g_autofree gint64 *midnights = NULL;
	const Provider *provider = &report->dataset->plans->provider;
	Language lang = customer->customer->language;
	Render r = {
		.ctx = ctx, .report = report, .cr = customer, .provider = provider,
		.tpl = ctx->templates->by_language[lang], .lang = lang, .tz = provider->tz,
	};
	FormatBuf b;
	double legal_h;

	doc = pdf_doc_new(ctx->res, error);
	if (doc == NULL)
		return NULL;
	r.doc = doc;
	g_strlcpy(r.month, format_month(&b, lang, report->year, report->month), sizeof r.month);
	g_snprintf(r.number, sizeof r.number, "%04d%02d-%s", report->year, report->month,
		   customer->customer->id);
	set_info(&r);

	/* the footer's height decides where content must stop */
	legal = provider->legal != NULL
		? pdf_text_wrap(doc, PDF_REGULAR, LEGAL_SIZE, provider->legal,
				PDF_PAGE_WIDTH - 2 * MARGIN_X - 90, LEGAL_LINES)
		: g_ptr_array_new_with_free_func(g_free);
	r.legal = legal;
	r.midnights = midnights = chart_midnights(report->span, r.tz, &r.n_days);
	legal_h = MAX(1u, legal->len) * layout_leading(LEGAL_SIZE) + 4;
	r.footer_top = PDF_PAGE_HEIGHT - FOOTER_BOTTOM - legal_h;

	layout_init(&r.lo, doc, MARGIN_X, PDF_PAGE_WIDTH - MARGIN_X, MARGIN_TOP, r.footer_top - 10,
		    running_header, &r);
	render_header(&r);
	render_rejected(&r);
	render_summary(&r);
	for (guint i = 0; i < customer->services->len; i++)
		render_service(&r, g_ptr_array_index(customer->services, i));
	render_credit(&r);
	footers(&r);
	return pdf_doc_finish(doc, error);
}

gboolean
statement_render(const StatementContext *ctx, const Report *report,
		 const CustomerReport *customer, const char *path, GError **error)
{
	g_autoptr(GBytes) bytes = statement_render_bytes(ctx, report, customer, error);

	if (bytes == NULL) {
		g_prefix_error(error, "%s: ", path);
		return FALSE;
	}
	return pdf_write_file(path, bytes, error);
}
