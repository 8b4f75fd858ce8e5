/* SPDX-License-Identifier: MIT
 *
 * Flowing content down A4 pages: a cursor that moves to a new page when the next
 * block does not fit, paragraphs that wrap and split across pages, label/value
 * grids, and tables whose rows never split and whose header (and caption, marked as
 * continued) is repeated at the top of every page they run onto.  Nothing is drawn
 * outside the content box: long cells wrap to their column or end in "…".
 */
#ifndef SLAREPORT_LAYOUT_H
#define SLAREPORT_LAYOUT_H

#include <glib.h>

#include "pdf.h"

typedef struct _Layout Layout;

/* Called after each new page is added (the first one too), with the cursor at the
 * top of the content box; it may draw a running header and move the cursor down. */
typedef void (*LayoutPageFunc)(Layout *lo, gpointer user_data);

struct _Layout {
	PdfDoc *doc;
	double left, right;  /* content box, x */
	double top, bottom;  /* content box, y from the page's top */
	double y;            /* the cursor */
	LayoutPageFunc on_page;
	gpointer user_data;
};

/* Colours and sizes shared by the statement's blocks. */
extern const PdfColor LAYOUT_INK;    /* body text */
extern const PdfColor LAYOUT_MUTED;  /* secondary text */
extern const PdfColor LAYOUT_ACCENT; /* headings */
extern const PdfColor LAYOUT_RULE;   /* lines */
extern const PdfColor LAYOUT_ZEBRA;  /* every other table row */

/* A layout over @doc's pages with the given content box; adds the first page. */
void layout_init(Layout *lo, PdfDoc *doc, double left, double right, double top, double bottom,
		 LayoutPageFunc on_page, gpointer user_data);
double layout_width(const Layout *lo);
void layout_new_page(Layout *lo);
/* Starts a new page unless @height fits below the cursor. */
void layout_need(Layout *lo, double height);
/* Moves the cursor down @height, unless that reaches the bottom of the page. */
void layout_space(Layout *lo, double height);

typedef struct {
	PdfFace face;
	double size;
	PdfColor color;
} TextStyle;

/* Line height for text of @size. */
double layout_leading(double size);
/* Wrapped text across the content width (or @indent further right), split across pages
 * at line boundaries. */
void layout_paragraph(Layout *lo, const TextStyle *style, double indent, const char *text);
/* Height of @text wrapped in @width. */
double layout_paragraph_height(Layout *lo, const TextStyle *style, double width,
			       const char *text);
/* Draws @text wrapped in the box at (@x, @y) @width wide, without moving the cursor;
 * returns the height used. */
double layout_text_box(Layout *lo, const TextStyle *style, double x, double y, double width,
		       const char *text);

/* A section heading with a rule under it, kept on the page of the @keep points that
 * follow it; a long one wraps to LAYOUT_HEADING_LINES lines, the last ending in "…",
 * with @aside on the right of the first. */
#define LAYOUT_HEADING_LINES 3
void layout_heading(Layout *lo, const TextStyle *style, const char *text, const char *aside,
		    double keep);

/* ==== Label/value grids ============================================================ */

typedef struct {
	const char *label;
	const char *value;
	const PdfColor *color; /* value colour; NULL = ink */
} LayoutPair;

#define LAYOUT_MAX_PAIR_COLUMNS 8

/* @n pairs in @columns columns (at most LAYOUT_MAX_PAIR_COLUMNS), label above value,
 * moving the cursor under them.  A label may take two lines, a value one (cut with
 * "…" if it must). */
void layout_pairs(Layout *lo, const LayoutPair *pairs, guint n, guint columns);

/* ==== Tables ====================================================================== */

typedef enum {
	ALIGN_LEFT,
	ALIGN_RIGHT,
	ALIGN_CENTER,
} Align;

typedef struct {
	const char *title;
	double weight;    /* share of the table's width */
	Align align;
	guint max_lines;  /* lines a cell may wrap to, the last ending in "…"; 0 = all */
} TableColumn;

typedef struct {
	const char *text;      /* NULL prints as empty */
	const PdfColor *color; /* NULL = the row's */
	gboolean bold;
	guint span;            /* columns covered, 0 or 1 = its own; covered cells are
				* skipped */
	Align align;           /* with span > 1, replaces the column's */
} TableCell;

typedef struct {
	const PdfColor *background; /* NULL = zebra */
	const PdfColor *color;      /* NULL = ink */
	gboolean bold;
} RowStyle;

#define TABLE_MAX_COLUMNS 16

typedef struct {
	Layout *lo;
	TableColumn columns[TABLE_MAX_COLUMNS]; /* a copy: titles are borrowed */
	guint n_columns;
	double widths[TABLE_MAX_COLUMNS];
	const char *caption;   /* drawn above the header; NULL for none */
	const char *continued; /* appended to the caption on the next pages */
	double size;
	guint rows;            /* rows drawn so far */
	guint keep;            /* rows to keep with the header on the first page */
	guint n_rows;
	double tail;           /* room to keep with the last row (totals under it) */
	gboolean caption_continued_only; /* caption only on pages after the first */
	guint page;            /* page the header was last drawn on */
	gboolean started;
	GPtrArray *head[TABLE_MAX_COLUMNS]; /* wrapped header titles, made with the first row */
	double head_height;
} Table;

/* Prepares a table across the content width for @n_rows rows; nothing is drawn until
 * the first row (an empty table draws nothing).  The header starts on a page with room
 * for up to 3 rows, so it is never left alone at the bottom of one. */
void table_init(Table *t, Layout *lo, const TableColumn *columns, guint n_columns, double size,
		const char *caption, const char *continued, guint n_rows);
/* Draws a row of n_columns cells, starting a new page (and repeating the caption and
 * header) when it does not fit. */
void table_row(Table *t, const TableCell *cells, const RowStyle *style);
/* The height of a row whose tallest cell has @lines lines. */
double table_lines_height(const Table *t, guint lines);
/* The width text has in column @i, inside the cell's padding. */
double table_text_width(const Table *t, guint i);
/* Closes the table with a rule and a little space, and frees what it holds. */
void table_end(Table *t);

#endif
