/* SPDX-License-Identifier: MIT
 *
 * A thin PDF writer over libharu 2.3.0: embedded DejaVu fonts with any Unicode text,
 * text measuring, wrapping and ellipsis, filled shapes and paths, a logo, document
 * metadata, and saving to a file with every error reported.
 *
 * Coordinates are PostScript points with the origin at the TOP-left corner of the
 * page and y growing downwards, as layout thinks; text is placed by its baseline.
 *
 * Threads: PdfResources is built once per run and only read afterwards, so render
 * threads share it; a PdfDoc belongs to one thread.
 */
#ifndef SLAREPORT_PDF_H
#define SLAREPORT_PDF_H

#include <glib.h>

#define PDF_ERROR (pdf_error_quark())
GQuark pdf_error_quark(void);

typedef enum {
	PDF_ERROR_FONT,    /* a font file is missing or unreadable */
	PDF_ERROR_IMAGE,   /* the logo is not a readable PNG */
	PDF_ERROR_LIBHARU, /* libharu reported an error while building the document */
	PDF_ERROR_WRITE,   /* the file could not be written (errno in the message) */
} PdfError;

/* A4 portrait */
#define PDF_PAGE_WIDTH 595.276
#define PDF_PAGE_HEIGHT 841.89

typedef enum {
	PDF_REGULAR,
	PDF_BOLD,
} PdfFace;

typedef struct {
	double r, g, b; /* 0..1 */
} PdfColor;

/* ==== Run-wide resources ======================================================== */

typedef struct _PdfResources PdfResources;

/*
 * Reads the fonts from @font_dir (DejaVuSans{,-Bold}-{Latin,Wide}.ttf, made by the
 * build) and decodes the PNG at @logo_path (may be NULL) once (transfer full).
 */
PdfResources *pdf_resources_new(const char *font_dir, const char *logo_path, GError **error);
void pdf_resources_free(PdfResources *res);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PdfResources, pdf_resources_free)

/* TRUE when a logo was loaded; *width and *height (may be NULL) get its pixel size. */
gboolean pdf_resources_logo_size(const PdfResources *res, int *width, int *height);

/* ==== A document ================================================================= */

typedef struct _PdfDoc PdfDoc;

/* A new empty document using @res, which must outlive it (transfer full). */
PdfDoc *pdf_doc_new(const PdfResources *res, GError **error);
void pdf_doc_free(PdfDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PdfDoc, pdf_doc_free)

/* Document information (UTF-8).  The creation date is midnight of @year-@month-@day
 * at @utc_offset seconds east of UTC: a date the caller chose, never the clock. */
void pdf_doc_set_info(PdfDoc *doc, const char *title, const char *author, const char *subject,
		      int year, int month, int day, gint32 utc_offset);
/* Appends an A4 page and makes it current; returns its index from 0. */
guint pdf_doc_add_page(PdfDoc *doc);
guint pdf_doc_n_pages(const PdfDoc *doc);
/* Makes an existing page current again (to write page numbers once all exist). */
void pdf_doc_set_page(PdfDoc *doc, guint index);
/* The document's bytes (transfer full); NULL on any libharu error met while building
 * it.  The document cannot be drawn on afterwards. */
GBytes *pdf_doc_finish(PdfDoc *doc, GError **error);
/* Writes the document to @path (created or truncated); fails on any libharu error met
 * while building it and on any write error (disk full included). */
gboolean pdf_doc_save(PdfDoc *doc, const char *path, GError **error);
/* Writes @bytes to @path (created or truncated), removing it on a write error. */
gboolean pdf_write_file(const char *path, GBytes *bytes, GError **error);

/* ==== Text ======================================================================== */

/* Width in points of UTF-8 @text in @face at @size. */
double pdf_text_width(PdfDoc *doc, PdfFace face, double size, const char *text);
/* Draws @text with its baseline's left end at (@x, @y), in @color. */
void pdf_text(PdfDoc *doc, PdfFace face, double size, double x, double y, PdfColor color,
	      const char *text);
/* @text cut to fit @width with a trailing "…" when it does not (transfer full). */
char *pdf_text_fit(PdfDoc *doc, PdfFace face, double size, const char *text, double width);
/*
 * Splits @text into lines no wider than @width, breaking at spaces and at line
 * breaks, and inside a word only when the word alone is too wide (transfer full:
 * array of strings).  With @max_lines > 0 the last kept line ends in "…" when text
 * was left out.
 */
GPtrArray *pdf_text_wrap(PdfDoc *doc, PdfFace face, double size, const char *text,
			 double width, guint max_lines);

/* ==== Shapes ======================================================================= */

void pdf_fill_rect(PdfDoc *doc, double x, double y, double w, double h, PdfColor color);
void pdf_stroke_rect(PdfDoc *doc, double x, double y, double w, double h, double line_width,
		     PdfColor color);
void pdf_line(PdfDoc *doc, double x0, double y0, double x1, double y1, double line_width,
	      PdfColor color);
/* A path: pdf_path_begin with its fill colour, pieces, then pdf_path_fill (non-zero
 * rule); or begin with no colour, pieces, pdf_path_clip, drawing, pdf_clip_end.
 * Nothing else may be drawn between begin and fill or clip. */
void pdf_path_begin(PdfDoc *doc, const PdfColor *color);
void pdf_path_move_to(PdfDoc *doc, double x, double y);
void pdf_path_line_to(PdfDoc *doc, double x, double y);
void pdf_path_curve_to(PdfDoc *doc, double x1, double y1, double x2, double y2, double x3,
		       double y3);
void pdf_path_close(PdfDoc *doc);
void pdf_path_fill(PdfDoc *doc);
/* A path of lines: pdf_path_begin_stroke, pieces, pdf_path_stroke. */
void pdf_path_begin_stroke(PdfDoc *doc, double line_width, PdfColor color);
void pdf_path_stroke(PdfDoc *doc);
/* Makes the path the clip for what is drawn until pdf_clip_end. */
void pdf_path_clip(PdfDoc *doc);
void pdf_clip_end(PdfDoc *doc);
/* Draws the resources' logo in the box (@x, @y, @w, @h); nothing without a logo. */
void pdf_logo(PdfDoc *doc, double x, double y, double w, double h);

#endif
