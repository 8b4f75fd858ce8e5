/* SPDX-License-Identifier: MIT
 *
 * Month charts: a column per local day, its hours running down.  cairo builds each
 * colour's shapes as one path on a throw-away 1x1 surface, each event cut at the
 * midnights it crosses; cairo_copy_path hands the path back and it is replayed with
 * the PDF's own path operators.  A raster chart would cost ~35 ms a statement (a PNG
 * encoded by cairo and decoded by libharu); this costs microseconds and prints sharp
 * at any zoom.  It does not read the report: statement.c hands it the sets to draw.
 */
#include "chart.h"

#include <cairo.h>

#include "zone.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_surface_t, cairo_surface_destroy)

#define GRID_HEIGHT 48.0 /* 24 hours: 2 pt an hour */
#define AXIS_WIDTH 22.0  /* "12:00" on the left */
#define MIN_HEIGHT 1.0
#define LABEL_SIZE 6.0

static const PdfColor COLORS[CHART_N_KINDS] = {
	[CHART_DOWNTIME] = { 0.827, 0.184, 0.184 },
	[CHART_PLANNED] = { 0.298, 0.447, 0.690 },
	[CHART_CUSTOMER] = { 0.976, 0.659, 0.145 },
	[CHART_INACTIVE] = { 0.800, 0.800, 0.800 },
};
static const PdfColor AVAILABLE = { 0.800, 0.910, 0.808 };
static const PdfColor WEEKEND = { 0.722, 0.855, 0.737 };
static const PdfColor LABEL = { 0.45, 0.45, 0.45 };
static const PdfColor HOUR_LINE = { 1, 1, 1 };

PdfColor
chart_color(ChartKind kind)
{
	g_return_val_if_fail((guint)kind < CHART_N_KINDS, COLORS[CHART_INACTIVE]);
	return COLORS[kind];
}

typedef enum {
	PAINT_FILL,
	PAINT_STROKE,
} Paint;

/* Replays the current path of @cr into @doc, filled or stroked (0.3 pt) with @color.
 * An empty path draws nothing. */
static void
replay(cairo_t *cr, PdfDoc *doc, Paint paint, PdfColor color)
{
	cairo_path_t *path = cairo_copy_path(cr);
	gboolean empty = TRUE;

	for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
		const cairo_path_data_t *d = &path->data[i];

		if (empty && d->header.type != CAIRO_PATH_CLOSE_PATH) {
			if (paint == PAINT_STROKE)
				pdf_path_begin_stroke(doc, 0.3, color);
			else
				pdf_path_begin(doc, &color);
			empty = FALSE;
		}
		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO:
			pdf_path_move_to(doc, d[1].point.x, d[1].point.y);
			break;
		case CAIRO_PATH_LINE_TO:
			pdf_path_line_to(doc, d[1].point.x, d[1].point.y);
			break;
		case CAIRO_PATH_CURVE_TO:
			pdf_path_curve_to(doc, d[1].point.x, d[1].point.y, d[2].point.x,
					  d[2].point.y, d[3].point.x, d[3].point.y);
			break;
		case CAIRO_PATH_CLOSE_PATH:
			if (!empty)
				pdf_path_close(doc);
			break;
		}
	}
	if (!empty && paint == PAINT_FILL)
		pdf_path_fill(doc);
	else if (!empty)
		pdf_path_stroke(doc);
	cairo_path_destroy(path);
	cairo_new_path(cr);
}

typedef struct {
	const ChartMonth *m;
	double x, y;   /* the grid's top left corner */
	double column; /* a day's width, gap included */
	double gap;
} Grid;

/* Adds to the path the part of [a, b) inside day @i, at least MIN_HEIGHT high. */
static void
add_day_part(cairo_t *cr, const Grid *g, guint i, gint64 a, gint64 b)
{
	gint64 d0 = g->m->midnights[i], d1 = g->m->midnights[i + 1];
	double scale = GRID_HEIGHT / (double)(d1 - d0);
	double y0 = g->y + (double)(MAX(a, d0) - d0) * scale;
	double y1 = g->y + (double)(MIN(b, d1) - d0) * scale;

	if (y1 - y0 < MIN_HEIGHT) {
		y0 = MIN(y0, g->y + GRID_HEIGHT - MIN_HEIGHT);
		y1 = y0 + MIN_HEIGHT;
	}
	cairo_rectangle(cr, g->x + i * g->column, y0, g->column - g->gap, y1 - y0);
}

/* Adds [a, b) to the path, one rectangle per day it touches. */
static void
add_span(cairo_t *cr, const Grid *g, gint64 a, gint64 b)
{
	const gint64 *mid = g->m->midnights;
	guint lo = 0, hi = g->m->n_days;

	/* the day holding a: the last midnight at or before it */
	while (hi - lo > 1) {
		guint half = (lo + hi) / 2;

		if (mid[half] <= a)
			lo = half;
		else
			hi = half;
	}
	for (guint i = lo; i < g->m->n_days && mid[i] < b; i++)
		if (mid[i + 1] > a)
			add_day_part(cr, g, i, a, b);
}

static void
add_set(cairo_t *cr, const Grid *g, const IntervalSet *set)
{
	for (guint i = 0; set != NULL && i < set->n; i++)
		add_span(cr, g, set->v[i].start, set->v[i].end);
}

gint64 *
chart_midnights(Interval month, GTimeZone *tz, guint *n_days)
{
	Day first = zone_day_of(tz, month.start, NULL);
	Day last = zone_day_of(tz, month.end - 1, NULL);
	guint n = (guint)(last - first + 1);
	gint64 *t = g_new(gint64, n + 1);
	/* most months have no clock change: then days are 86,400 s from the first */
	gboolean steady = zone_offset_at(tz, month.start) == zone_offset_at(tz, month.end - 1) &&
			  (gint64)n * 86400 == month.end - month.start;

	for (guint i = 0; i < n; i++)
		t[i] = steady ? month.start + (gint64)i * 86400
			      : MAX(zone_day_start(tz, first + (Day)i), month.start);
	t[n] = month.end;
	*n_days = n;
	return t;
}

static void
label(PdfDoc *doc, double x, double y, const char *text, gboolean right)
{
	double w = pdf_text_width(doc, PDF_REGULAR, LABEL_SIZE, text);

	pdf_text(doc, PDF_REGULAR, LABEL_SIZE, right ? x - w : x - w / 2, y, LABEL, text);
}

void
chart_timeline(PdfDoc *doc, const ChartMonth *m, double x, double y, double width)
{
	g_autoptr(cairo_surface_t) surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	g_autoptr(cairo_t) cr = cairo_create(surface);
	Grid g = { .m = m, .x = x + AXIS_WIDTH, .y = y };
	IntervalSet inactive = INTERVAL_SET_INIT;
	static const struct {
		int hour;
		const char *text;
	} hours[] = { { 0, "00:00" }, { 6, "06:00" }, { 12, "12:00" }, { 18, "18:00" }, { 24, "24:00" } };

	if (m->n_days == 0)
		return;
	g.column = (width - AXIS_WIDTH) / m->n_days;
	g.gap = MIN(1.0, g.column * 0.15);

	/* every day available, weekends a shade darker, then what happened over it */
	for (guint i = 0; i < m->n_days; i++)
		if (day_weekday(m->first_day + (Day)i) < 5)
			add_day_part(cr, &g, i, m->midnights[i], m->midnights[i + 1]);
	replay(cr, doc, PAINT_FILL, AVAILABLE);
	for (guint i = 0; i < m->n_days; i++)
		if (day_weekday(m->first_day + (Day)i) >= 5)
			add_day_part(cr, &g, i, m->midnights[i], m->midnights[i + 1]);
	replay(cr, doc, PAINT_FILL, WEEKEND);
	interval_set_add(&inactive, m->month.start, m->period.start);
	interval_set_add(&inactive, m->period.end, m->month.end);
	add_set(cr, &g, &inactive);
	interval_set_clear(&inactive);
	replay(cr, doc, PAINT_FILL, COLORS[CHART_INACTIVE]);
	add_set(cr, &g, m->planned);
	replay(cr, doc, PAINT_FILL, COLORS[CHART_PLANNED]);
	add_set(cr, &g, m->customer);
	replay(cr, doc, PAINT_FILL, COLORS[CHART_CUSTOMER]);
	add_set(cr, &g, m->downtime);
	replay(cr, doc, PAINT_FILL, COLORS[CHART_DOWNTIME]);

	/* 06:00, 12:00 and 18:00 across the grid, hours on the left */
	for (guint h = 1; h + 1 < G_N_ELEMENTS(hours); h++) {
		double hy = y + GRID_HEIGHT * hours[h].hour / 24;

		cairo_move_to(cr, g.x, hy);
		cairo_line_to(cr, g.x + g.column * m->n_days - g.gap, hy);
	}
	replay(cr, doc, PAINT_STROKE, HOUR_LINE);
	for (guint h = 0; h < G_N_ELEMENTS(hours); h += 2)
		label(doc, g.x - 3, y + GRID_HEIGHT * hours[h].hour / 24 + LABEL_SIZE / 2 -
				       (h == 0 ? -1.5 : h + 1 == G_N_ELEMENTS(hours) ? 2 : 0.5),
		      hours[h].text, TRUE);

	/* the day numbers: all of them when they fit, else 1, 5, 10 … and the last */
	for (guint i = 0; i < m->n_days; i++) {
		char text[8];

		if (g.column < 9 && i != 0 && (i + 1) % 5 != 0 && i + 1 != m->n_days)
			continue;
		g_snprintf(text, sizeof text, "%u", i + 1);
		label(doc, g.x + i * g.column + (g.column - g.gap) / 2, y + GRID_HEIGHT + 8, text,
		      FALSE);
	}
}
