/* SPDX-License-Identifier: MIT
 *
 * Page flow for the statement.  Blocks measure themselves first and ask for room
 * (layout_need), so a page break never cuts a table row, a label/value grid or a
 * heading from what follows it.  Only paragraphs split, between lines.  Knows nothing
 * of SLAs: statement.c decides what goes where.
 */
#include "layout.h"

const PdfColor LAYOUT_INK = { 0.13, 0.13, 0.13 };
const PdfColor LAYOUT_MUTED = { 0.40, 0.40, 0.40 };
const PdfColor LAYOUT_ACCENT = { 0.106, 0.227, 0.373 };
const PdfColor LAYOUT_RULE = { 0.75, 0.77, 0.80 };
const PdfColor LAYOUT_ZEBRA = { 0.957, 0.965, 0.976 };

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5

void
layout_init(Layout *lo, PdfDoc *doc, double left, double right, double top, double bottom,
	    LayoutPageFunc on_page, gpointer user_data)
{
	*lo = (Layout){
		.doc = doc, .left = left, .right = right, .top = top, .bottom = bottom,
		.on_page = on_page, .user_data = user_data,
	};
	layout_new_page(lo);
}

double
layout_width(const Layout *lo)
{
	return lo->right - lo->left;
}

void
layout_new_page(Layout *lo)
{
	pdf_doc_add_page(lo->doc);
	lo->y = lo->top;
	if (lo->on_page != NULL)
		lo->on_page(lo, lo->user_data);
}

void
layout_need(Layout *lo, double height)
{
	/* a block taller than a page gets a page of its own and runs off no further */
	if (lo->y + height > lo->bottom && lo->y > lo->top)
		layout_new_page(lo);
}

void
layout_space(Layout *lo, double height)
{
	if (lo->y + height >= lo->bottom)
		layout_new_page(lo);
	else if (lo->y > lo->top)
		lo->y += height;
}

double
layout_leading(double size)
{
	return size * 1.3;
}

static double
x_for(Layout *lo, const TextStyle *st, Align align, double x, double width, const char *text)
{
	if (align == ALIGN_LEFT)
		return x;
	double w = pdf_text_width(lo->doc, st->face, st->size, text);

	return align == ALIGN_RIGHT ? x + width - w : x + (width - w) / 2;
}

void
layout_paragraph(Layout *lo, const TextStyle *st, double indent, const char *text)
{
	g_autoptr(GPtrArray) lines = pdf_text_wrap(lo->doc, st->face, st->size, text,
						   layout_width(lo) - indent, 0);
	double lead = layout_leading(st->size);

	for (guint i = 0; i < lines->len; i++) {
		layout_need(lo, lead);
		pdf_text(lo->doc, st->face, st->size, lo->left + indent, lo->y + st->size, st->color,
			 g_ptr_array_index(lines, i));
		lo->y += lead;
	}
}

double
layout_paragraph_height(Layout *lo, const TextStyle *st, double width, const char *text)
{
	g_autoptr(GPtrArray) lines = pdf_text_wrap(lo->doc, st->face, st->size, text, width, 0);

	return lines->len * layout_leading(st->size);
}

double
layout_text_box(Layout *lo, const TextStyle *st, double x, double y, double width,
		const char *text)
{
	g_autoptr(GPtrArray) lines = pdf_text_wrap(lo->doc, st->face, st->size, text, width, 0);
	double lead = layout_leading(st->size);

	for (guint i = 0; i < lines->len; i++)
		pdf_text(lo->doc, st->face, st->size, x, y + st->size + i * lead, st->color,
			 g_ptr_array_index(lines, i));
	return lines->len * lead;
}

void
layout_heading(Layout *lo, const TextStyle *st, const char *text, const char *aside,
	       double keep)
{
	double lead = layout_leading(st->size);
	TextStyle small = { PDF_REGULAR, st->size * 0.75, LAYOUT_MUTED };
	double aside_w = aside != NULL ? pdf_text_width(lo->doc, small.face, small.size, aside) : 0;
	double room = layout_width(lo) - (aside_w > 0 ? aside_w + 12 : 0);
	g_autoptr(GPtrArray) lines = pdf_text_wrap(lo->doc, st->face, st->size, text, room,
						   LAYOUT_HEADING_LINES);

	layout_need(lo, lines->len * lead + 4 + keep);
	if (aside_w > 0)
		pdf_text(lo->doc, small.face, small.size, lo->right - aside_w, lo->y + st->size,
			 small.color, aside);
	for (guint i = 0; i < lines->len; i++) {
		pdf_text(lo->doc, st->face, st->size, lo->left, lo->y + st->size, st->color,
			 g_ptr_array_index(lines, i));
		lo->y += lead;
	}
	lo->y += 1;
	pdf_line(lo->doc, lo->left, lo->y, lo->right, lo->y, 0.6, st->color);
	lo->y += 4;
}

/* ==== Label/value grids ============================================================ */

void
layout_pairs(Layout *lo, const LayoutPair *pairs, guint n, guint columns)
{
	const TextStyle label = { PDF_REGULAR, 7, LAYOUT_MUTED };
	const TextStyle value = { PDF_BOLD, 9.5, LAYOUT_INK };
	double col_w = layout_width(lo) / columns;

	g_return_if_fail(columns > 0 && columns <= LAYOUT_MAX_PAIR_COLUMNS);
	for (guint i = 0; i < n; i += columns) {
		GPtrArray *labels[LAYOUT_MAX_PAIR_COLUMNS];
		guint most = 1;
		double label_h, row_h;

		/* a label may take two lines; the values of a row stay aligned */
		for (guint c = 0; c < columns; c++) {
			labels[c] = i + c < n ? pdf_text_wrap(lo->doc, label.face, label.size,
							      pairs[i + c].label, col_w - 8, 2)
					      : NULL;
			if (labels[c] != NULL)
				most = MAX(most, labels[c]->len);
		}
		label_h = most * layout_leading(label.size);
		row_h = label_h + layout_leading(value.size) + 3;
		layout_need(lo, row_h);
		for (guint c = 0; c < columns && i + c < n; c++) {
			const LayoutPair *p = &pairs[i + c];
			double x = lo->left + c * col_w;
			g_autofree char *v = pdf_text_fit(lo->doc, value.face, value.size, p->value,
							  col_w - 8);

			for (guint l = 0; l < labels[c]->len; l++)
				pdf_text(lo->doc, label.face, label.size, x,
					 lo->y + label.size + l * layout_leading(label.size), label.color,
					 g_ptr_array_index(labels[c], l));
			pdf_text(lo->doc, value.face, value.size, x, lo->y + label_h + value.size,
				 p->color != NULL ? *p->color : value.color, v);
		}
		for (guint c = 0; c < columns; c++)
			if (labels[c] != NULL)
				g_ptr_array_unref(labels[c]);
		lo->y += row_h;
	}
}

/* ==== Tables ====================================================================== */

void
table_init(Table *t, Layout *lo, const TableColumn *columns, guint n_columns, double size,
	   const char *caption, const char *continued, guint n_rows)
{
	double total = 0;

	g_return_if_fail(n_columns <= G_N_ELEMENTS(t->widths));
	*t = (Table){
		.lo = lo, .n_columns = n_columns, .size = size,
		.caption = caption, .continued = continued, .keep = MIN(MAX(n_rows, 1u), 3u),
		.n_rows = n_rows,
	};
	memcpy(t->columns, columns, n_columns * sizeof *columns);
	for (guint i = 0; i < n_columns; i++)
		total += columns[i].weight;
	for (guint i = 0; i < n_columns; i++)
		t->widths[i] = layout_width(lo) * columns[i].weight / total;
}

static const TextStyle *
caption_style(void)
{
	static const TextStyle st = { PDF_BOLD, 9, { 0.106, 0.227, 0.373 } };

	return &st;
}

/* Wraps the header titles once, on the first row. */
static void
wrap_header(Table *t)
{
	double size = t->size - 0.5;
	guint most = 1;

	for (guint i = 0; i < t->n_columns; i++) {
		t->head[i] = pdf_text_wrap(t->lo->doc, PDF_BOLD, size, t->columns[i].title,
					   t->widths[i] - 2 * CELL_PAD_X, 2);
		most = MAX(most, t->head[i]->len);
	}
	t->head_height = most * layout_leading(size) + 2 * CELL_PAD_Y;
}

static gboolean
has_caption(const Table *t)
{
	return t->caption != NULL && (t->rows > 0 || !t->caption_continued_only);
}

static double
caption_height(const Table *t)
{
	return has_caption(t) ? layout_leading(caption_style()->size) + 2 : 0;
}

/* Draws the caption and the header row at the cursor. */
static void
draw_header(Table *t)
{
	GPtrArray **lines = t->head;
	Layout *lo = t->lo;
	double size = t->size - 0.5;
	double x = lo->left;

	if (has_caption(t)) {
		const TextStyle *cs = caption_style();
		g_autofree char *text = t->rows > 0 && t->continued != NULL
			? g_strdup_printf("%s %s", t->caption, t->continued)
			: g_strdup(t->caption);
		g_autofree char *fitted = pdf_text_fit(lo->doc, cs->face, cs->size, text,
						       layout_width(lo));

		pdf_text(lo->doc, cs->face, cs->size, lo->left, lo->y + cs->size, cs->color, fitted);
		lo->y += caption_height(t);
	}
	for (guint i = 0; i < t->n_columns; i++) {
		const TableColumn *c = &t->columns[i];
		const TextStyle st = { PDF_BOLD, size, LAYOUT_MUTED };

		for (guint l = 0; l < lines[i]->len; l++) {
			const char *text = g_ptr_array_index(lines[i], l);
			double tx = x_for(lo, &st, c->align, x + CELL_PAD_X,
					  t->widths[i] - 2 * CELL_PAD_X, text);

			pdf_text(lo->doc, st.face, st.size, tx,
				 lo->y + CELL_PAD_Y + size + l * layout_leading(size), st.color, text);
		}
		x += t->widths[i];
	}
	lo->y += t->head_height;
	pdf_line(lo->doc, lo->left, lo->y, lo->right, lo->y, 0.6, LAYOUT_RULE);
	t->page = pdf_doc_n_pages(lo->doc);
}

/* Width of @cells[i] with the columns it spans. */
static double
cell_width(const Table *t, const TableCell *cells, guint i)
{
	guint span = MAX(cells[i].span, 1u);
	double w = 0;

	for (guint j = i; j < i + span && j < t->n_columns; j++)
		w += t->widths[j];
	return w;
}

static Align
cell_align(const Table *t, const TableCell *cells, guint i)
{
	return cells[i].span > 1 ? cells[i].align : t->columns[i].align;
}

void
table_row(Table *t, const TableCell *cells, const RowStyle *style)
{
	Layout *lo = t->lo;
	GPtrArray *lines[G_N_ELEMENTS(t->widths)] = { NULL };
	double lead = layout_leading(t->size);
	double height, tail, x = lo->left;
	guint most = 1;

	for (guint i = 0; i < t->n_columns; i += MAX(cells[i].span, 1u)) {
		PdfFace face = cells[i].bold || (style != NULL && style->bold) ? PDF_BOLD : PDF_REGULAR;

		lines[i] = pdf_text_wrap(lo->doc, face, t->size,
					 cells[i].text != NULL ? cells[i].text : "",
					 cell_width(t, cells, i) - 2 * CELL_PAD_X,
					 t->columns[i].max_lines);
		most = MAX(most, lines[i]->len);
	}
	height = most * lead + 2 * CELL_PAD_Y;
	if (!t->started)
		wrap_header(t);

	/* the header goes on top of every page the table reaches, with a first row */
	/* room for what follows the table, with its last row or with the whole table
	 * when it is kept in one piece */
	tail = t->rows + 1 == t->n_rows || (!t->started && t->keep >= t->n_rows) ? t->tail : 0;
	if (!t->started || lo->y + height + tail > lo->bottom) {
		/* rows are about as tall as this one */
		layout_need(lo, caption_height(t) + t->head_height +
				(t->started ? 1 : t->keep) * height + tail);
		if (!t->started || t->page != pdf_doc_n_pages(lo->doc))
			draw_header(t);
		t->started = TRUE;
	}
	if (style != NULL && style->background != NULL)
		pdf_fill_rect(lo->doc, lo->left, lo->y, layout_width(lo), height, *style->background);
	else if (t->rows % 2 == 1)
		pdf_fill_rect(lo->doc, lo->left, lo->y, layout_width(lo), height, LAYOUT_ZEBRA);

	for (guint i = 0; i < t->n_columns; i += MAX(cells[i].span, 1u)) {
		PdfFace face = cells[i].bold || (style != NULL && style->bold) ? PDF_BOLD : PDF_REGULAR;
		const PdfColor *color = cells[i].color != NULL ? cells[i].color
			: style != NULL && style->color != NULL ? style->color : &LAYOUT_INK;
		const TextStyle st = { face, t->size, *color };
		double w = cell_width(t, cells, i);

		for (guint l = 0; l < lines[i]->len; l++) {
			const char *text = g_ptr_array_index(lines[i], l);
			double tx = x_for(lo, &st, cell_align(t, cells, i), x + CELL_PAD_X,
					  w - 2 * CELL_PAD_X, text);

			pdf_text(lo->doc, face, t->size, tx, lo->y + CELL_PAD_Y + t->size + l * lead,
				 *color, text);
		}
		x += w;
		g_ptr_array_unref(lines[i]);
	}
	lo->y += height;
	t->rows++;
}

double
table_lines_height(const Table *t, guint lines)
{
	return lines * layout_leading(t->size) + 2 * CELL_PAD_Y;
}

double
table_text_width(const Table *t, guint i)
{
	g_return_val_if_fail(i < t->n_columns, 0);
	return t->widths[i] - 2 * CELL_PAD_X;
}

void
table_end(Table *t)
{
	Layout *lo = t->lo;

	if (!t->started)
		return;
	pdf_line(lo->doc, lo->left, lo->y, lo->right, lo->y, 0.6, LAYOUT_RULE);
	lo->y += 8;
	for (guint i = 0; i < t->n_columns; i++)
		g_clear_pointer(&t->head[i], g_ptr_array_unref);
	t->started = FALSE;
}
