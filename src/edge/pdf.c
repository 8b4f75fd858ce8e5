/* SPDX-License-Identifier: MIT
 *
 * PDF documents over libharu 2.3.0, with the text path chosen for speed and for any
 * Unicode (../shared/notes/pdf-facts.md).  libharu keeps the document structure, the
 * fonts' metrics and subsetting, the xref and compression; around it:
 * - fonts are DejaVu Sans subsets made by the build, read once per run and read by
 *   each document in place (2.3.0 has no public call for that: we use the fontdef
 *   API its installed headers declare).  The Latin fonts are embedded once per run
 *   the way libharu would and deflated then; a document whose glyphs they hold gets
 *   those bytes as they are, which saves a quarter of a statement's time;
 * - text goes through single-byte encodings we build ourselves: Windows-1252 plus
 *   U+202F and a few symbols in its five unused codes, named in a /Differences array
 *   so that every character extracts as itself (libharu's own CP1252 names U+00A0
 *   "space" and cannot name U+202F).  A character outside it gets a code in an extra
 *   encoding, 223 characters each, made on first use; the glyph comes from the Latin
 *   subset when it has one, else from the wide DejaVu font, loaded into the document
 *   only then.  No UTF-8 encoder: it costs 3.5 ms and 128 kB a file and writes a
 *   broken ToUnicode map;
 * - page content is written as PDF operators by us, not through libharu's operator
 *   calls, which clear a buffer each and cost a fifth of a statement's time.
 * It does not lay out anything: see layout.h.
 */
#include "pdf.h"

#include <cairo.h>
#include <gio/gio.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>

/* The encoder and fontdef records used below are libharu 2.3's; 2.4 changed them. */
#if HPDF_MAJOR_VERSION != 2 || HPDF_MINOR_VERSION != 3
#error "pdf.c reaches into libharu 2.3's encoder and fontdef records: check them again"
#endif

G_DEFINE_AUTO_CLEANUP_FREE_FUNC(HPDF_Doc, HPDF_Free, NULL)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_surface_t, cairo_surface_destroy)

G_DEFINE_QUARK(pdf-error-quark, pdf_error)

/* ==== Fonts in memory ============================================================= */

/* Reads run-wide bytes (a font, a deflated image) in place for libharu: each document
 * has its own position. */
typedef struct {
	const guint8 *data;
	gsize len;
	gsize pos;
} MemReader;

/* A libharu stream reading @r (which must outlive it) without copying. */
static HPDF_Stream reader_stream(HPDF_MMgr mmgr, MemReader *r, GBytes *bytes);

/* ==== Resources =================================================================== */

enum { FONT_LATIN, FONT_WIDE, N_FONT_SETS };

static const char *const FONT_FILES[N_FONT_SETS][2] = {
	[FONT_LATIN] = { "DejaVuSans-Latin.ttf", "DejaVuSans-Bold-Latin.ttf" },
	[FONT_WIDE] = { "DejaVuSans-Wide.ttf", "DejaVuSans-Bold-Wide.ttf" },
};

/* Subset tags in the embedded font names, one per font (PDF 9.6.4: six capitals). */
static const char *const FONT_TAGS[N_FONT_SETS][2] = {
	[FONT_LATIN] = { "SLAREG", "SLABLD" },
	[FONT_WIDE] = { "SLAWRG", "SLAWBD" },
};

/*
 * A Latin font as libharu embeds it when a document uses only the glyphs of the
 * primary encoding (Windows-1252 and our five): made once per run, deflated once, and
 * handed to every such document as is.  libharu's own embedding rewrites the font 4
 * bytes at a time for each document: a quarter of a statement's time.
 */
typedef struct {
	GBytes *deflated;
	gsize length;     /* before deflating: the stream's /Length1 */
	guint8 *glyphs;   /* 1 for each glyph it holds, by glyph id */
	guint n_glyphs;
} Prebuilt;

struct _PdfResources {
	GBytes *fonts[N_FONT_SETS][2];
	Prebuilt prebuilt[2];
	int logo_width, logo_height;
	GBytes *logo_rgb;   /* 3 bytes a pixel, deflated once for every document */
	GBytes *logo_alpha; /* 1 byte a pixel, deflated; NULL when opaque */
};

void
pdf_resources_free(PdfResources *res)
{
	if (res == NULL)
		return;
	for (guint s = 0; s < N_FONT_SETS; s++)
		for (guint f = 0; f < 2; f++)
			g_clear_pointer(&res->fonts[s][f], g_bytes_unref);
	for (guint f = 0; f < 2; f++) {
		g_clear_pointer(&res->prebuilt[f].deflated, g_bytes_unref);
		g_free(res->prebuilt[f].glyphs);
	}
	g_clear_pointer(&res->logo_rgb, g_bytes_unref);
	g_clear_pointer(&res->logo_alpha, g_bytes_unref);
	g_free(res);
}

static GBytes *deflate_bytes(const guint8 *data, gsize len, GError **error);

/* Decodes the PNG once, into RGB and alpha planes deflated as PDF images hold them. */
static gboolean
load_logo(PdfResources *res, const char *path, GError **error)
{
	g_autoptr(cairo_surface_t) png = cairo_image_surface_create_from_png(path);
	g_autoptr(cairo_surface_t) argb = NULL;
	g_autofree guint8 *rgb = NULL;
	g_autofree guint8 *alpha = NULL;
	cairo_t *cr;
	gboolean opaque = TRUE;
	int w, h, stride;
	const guint8 *data;

	if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
		g_set_error(error, PDF_ERROR, PDF_ERROR_IMAGE, "%s: cannot read the logo: %s",
			    path, cairo_status_to_string(cairo_surface_status(png)));
		return FALSE;
	}
	w = cairo_image_surface_get_width(png);
	h = cairo_image_surface_get_height(png);
	/* whatever the PNG's format, read it back as ARGB32 */
	argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cr = cairo_create(argb);
	cairo_set_source_surface(cr, png, 0, 0);
	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(argb);

	data = cairo_image_surface_get_data(argb);
	stride = cairo_image_surface_get_stride(argb);
	rgb = g_malloc((gsize)w * h * 3);
	alpha = g_malloc((gsize)w * h);
	res->logo_width = w;
	res->logo_height = h;
	for (int y = 0; y < h; y++) {
		const guint32 *row = (const guint32 *)(data + (gsize)y * stride);

		for (int x = 0; x < w; x++) {
			guint32 p = row[x];
			guint a = p >> 24;
			gsize i = (gsize)y * w + x;

			/* cairo premultiplies; PDF wants straight colour and a soft mask */
			for (int c = 0; c < 3; c++) {
				guint v = (p >> (16 - 8 * c)) & 0xff;

				rgb[i * 3 + c] = a == 0 ? 255 : (guint8)MIN(255u, (v * 255 + a / 2) / a);
			}
			alpha[i] = (guint8)a;
			opaque = opaque && a == 255;
		}
	}
	res->logo_rgb = deflate_bytes(rgb, (gsize)w * h * 3, error);
	if (res->logo_rgb != NULL && !opaque)
		res->logo_alpha = deflate_bytes(alpha, (gsize)w * h, error);
	return res->logo_rgb != NULL && (opaque || res->logo_alpha != NULL);
}

static gboolean prebuild(PdfResources *res, PdfFace face, GError **error);

PdfResources *
pdf_resources_new(const char *font_dir, const char *logo_path, GError **error)
{
	g_autoptr(PdfResources) res = g_new0(PdfResources, 1);

	for (guint s = 0; s < N_FONT_SETS; s++) {
		for (guint f = 0; f < 2; f++) {
			g_autofree char *path = g_build_filename(font_dir, FONT_FILES[s][f], NULL);
			g_autoptr(GError) local = NULL;
			char *data;
			gsize len;

			if (!g_file_get_contents(path, &data, &len, &local)) {
				g_set_error(error, PDF_ERROR, PDF_ERROR_FONT,
					    "%s (the build makes it: run make)", local->message);
				return NULL;
			}
			res->fonts[s][f] = g_bytes_new_take(data, len);
		}
	}
	for (guint f = 0; f < 2; f++)
		if (!prebuild(res, f, error))
			return NULL;
	if (logo_path != NULL && !load_logo(res, logo_path, error))
		return NULL;
	return g_steal_pointer(&res);
}

gboolean
pdf_resources_logo_size(const PdfResources *res, int *width, int *height)
{
	if (res->logo_rgb == NULL)
		return FALSE;
	if (width != NULL)
		*width = res->logo_width;
	if (height != NULL)
		*height = res->logo_height;
	return TRUE;
}

/* ==== Encodings =================================================================== */

/* Windows-1252's 0x80..0x9F, plus our five: U+202F and symbols the statement uses in
 * the codes 1252 leaves empty (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
static const gunichar HIGH_CODES[32] = {
	0x20AC, 0x202F, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x2212, 0x017D, 0x2264,
	0x2265, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x2192, 0x017E, 0x0178,
};

/* Code of @c in the primary encoding, 0 when it has none. */
static guint8
primary_code(gunichar c)
{
	if ((c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c <= 0xFF))
		return (guint8)c;
	for (guint i = 0; i < G_N_ELEMENTS(HIGH_CODES); i++)
		if (HIGH_CODES[i] == c)
			return (guint8)(0x80 + i);
	return 0;
}


/* Codes an extra encoding hands out: 0x21..0xFF (0x20 stays a space for libharu). */
#define EXTRA_FIRST 0x21
#define EXTRA_LAST 0xFF

/* One encoding and the fonts that use it.  Slot 0 is the primary encoding. */
typedef struct {
	char name[16];
	gboolean wide;        /* glyphs from the wide fonts */
	guint next;           /* next free code (extra encodings) */
	HPDF_Encoder encoder; /* owned by the HPDF_Doc */
	HPDF_Font font[2];    /* per face, made on first use */
} Slot;

/*
 * Writes a font's /Encoding from the encoder's map: every code flagged in
 * `differences` is named uniXXXX, which readers map back to the character (PDF 32000
 * 9.10.2); the primary encoding starts from WinAnsiEncoding, an extra one from
 * nothing.  libharu calls this while writing the font dictionary.
 */
static HPDF_STATUS
write_encoding(HPDF_Encoder encoder, HPDF_Stream out)
{
	HPDF_BasicEncoderAttr attr = encoder->attr;
	GString *s = g_string_sized_new(256);
	HPDF_STATUS ret;

	g_string_append(s, "/Encoding <<\012/Type /Encoding\012");
	if (attr->base_encoding[0] != '\0')
		g_string_append_printf(s, "/BaseEncoding /%s\012", attr->base_encoding);
	g_string_append(s, "/Differences [");
	for (guint code = attr->first_char; code <= attr->last_char; code++)
		if (attr->differences[code])
			g_string_append_printf(s, "%u /uni%04X ", code, attr->unicode_map[code]);
	g_string_append(s, "]\012>>\012");
	ret = HPDF_Stream_WriteStr(out, s->str);
	g_string_free(s, TRUE);
	return ret;
}

static HPDF_STATUS
reader_read(HPDF_Stream stream, HPDF_BYTE *buf, HPDF_UINT *size)
{
	MemReader *r = stream->attr;
	gsize n = MIN((gsize)*size, r->len - r->pos);

	memcpy(buf, r->data + r->pos, n);
	r->pos += n;
	if (n < *size) {
		*size = (HPDF_UINT)n;
		return HPDF_STREAM_EOF; /* as libharu's own readers say it */
	}
	return HPDF_OK;
}

static HPDF_STATUS
reader_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode)
{
	MemReader *r = stream->attr;
	gint64 to = mode == HPDF_SEEK_SET ? pos
		: mode == HPDF_SEEK_CUR ? (gint64)r->pos + pos : (gint64)r->len + pos;

	if (to < 0 || to > (gint64)r->len)
		return HPDF_STREAM_EOF;
	r->pos = (gsize)to;
	return HPDF_OK;
}

static HPDF_INT32
reader_tell(HPDF_Stream stream)
{
	return (HPDF_INT32)((MemReader *)stream->attr)->pos;
}

static HPDF_UINT32
reader_size(HPDF_Stream stream)
{
	return (HPDF_UINT32)((MemReader *)stream->attr)->len;
}

static guint
be16(const guint8 *p)
{
	return (guint)p[0] << 8 | p[1];
}

/*
 * Marks for embedding every glyph that a marked composite glyph is built from, to any
 * depth.  libharu 2.3 looks one level down, and only when it first marks a glyph: in
 * DejaVu, "ё" is "е" + "¨" and "е" is "e", so after "ё" an "е" printed empty.  Reads
 * the glyf table from the font's bytes (TrueType spec, 'glyf' composite records).
 */
static void
mark_components(GBytes *font, HPDF_FontDef def)
{
	HPDF_TTFontDefAttr attr = def->attr;
	gsize len;
	const guint8 *data = g_bytes_get_data(font, &len);
	guint scale = attr->header.index_to_loc_format == 0 ? 2 : 1;
	gboolean changed = TRUE;

	while (changed) {
		changed = FALSE;
		for (guint gid = 0; gid < attr->num_glyphs; gid++) {
			gsize p = attr->glyph_tbl.base_offset + (gsize)attr->glyph_tbl.offsets[gid] * scale;
			guint flags;

			if (!attr->glyph_tbl.flgs[gid] || p + 10 > len || be16(data + p) != 0xFFFF)
				continue; /* not marked, or a simple glyph */
			p += 10;
			do {
				guint component;

				if (p + 4 > len)
					break;
				flags = be16(data + p);
				component = be16(data + p + 2);
				p += 4 + (flags & 0x0001 ? 4 : 2) +  /* ARG_1_AND_2_ARE_WORDS */
				     (flags & 0x0008 ? 2 : 0) +      /* WE_HAVE_A_SCALE */
				     (flags & 0x0040 ? 4 : 0) +      /* X_AND_Y_SCALE */
				     (flags & 0x0080 ? 8 : 0);       /* TWO_BY_TWO */
				if (component < attr->num_glyphs && !attr->glyph_tbl.flgs[component]) {
					attr->glyph_tbl.flgs[component] = 1;
					changed = TRUE;
				}
			} while (flags & 0x0020); /* MORE_COMPONENTS */
		}
	}
}

static HPDF_Stream
reader_stream(HPDF_MMgr mmgr, MemReader *r, GBytes *bytes)
{
	r->data = g_bytes_get_data(bytes, &r->len);
	r->pos = 0;
	return HPDF_CallbackReader_New(mmgr, reader_read, reader_seek, reader_tell, reader_size, r);
}

/* A stream dictionary whose data is already deflated: libharu only writes /Filter for
 * what it compresses itself. */
static HPDF_STATUS
write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* The character of a code of the primary encoding. */
static gunichar
primary_char(guint code)
{
	return code >= 0x80 && code < 0xA0 ? HIGH_CODES[code - 0x80] : code;
}

static GBytes *
deflate_bytes(const guint8 *data, gsize len, GError **error)
{
	g_autoptr(GZlibCompressor) z = g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9);
	GByteArray *out = g_byte_array_sized_new((guint)(len / 2 + 64));
	gsize read_total = 0;

	for (;;) {
		guint8 buf[8192];
		gsize read = 0, written = 0;
		GConverterResult r = g_converter_convert(G_CONVERTER(z), data + read_total,
							 len - read_total, buf, sizeof buf,
							 G_CONVERTER_INPUT_AT_END, &read, &written,
							 error);

		if (r == G_CONVERTER_ERROR) {
			g_byte_array_unref(out);
			return NULL;
		}
		read_total += read;
		g_byte_array_append(out, buf, (guint)written);
		if (r == G_CONVERTER_FINISHED)
			break;
	}
	return g_byte_array_free_to_bytes(out);
}

/* Embeds the Latin font of @face the way libharu would for a document using every
 * character of the primary encoding, in a scratch document, and keeps the result. */
static gboolean
prebuild(PdfResources *res, PdfFace face, GError **error)
{
	g_auto(HPDF_Doc) scratch = HPDF_New(NULL, NULL);
	Prebuilt *pre = &res->prebuilt[face];
	MemReader reader;
	HPDF_Stream in, out;
	HPDF_FontDef def;
	HPDF_TTFontDefAttr attr;
	GByteArray *raw;

	if (scratch == NULL || (in = reader_stream(scratch->mmgr, &reader,
						    res->fonts[FONT_LATIN][face])) == NULL ||
	    (def = HPDF_TTFontDef_Load(scratch->mmgr, in, HPDF_TRUE)) == NULL) {
		g_set_error(error, PDF_ERROR, PDF_ERROR_FONT, "%s: libharu cannot read this font",
			    FONT_FILES[FONT_LATIN][face]);
		return FALSE;
	}
	HPDF_TTFontDef_SetTagName(def, (char *)FONT_TAGS[FONT_LATIN][face]);
	for (guint code = 0x20; code <= 0xFF; code++)
		if (code != 0x7F)
			HPDF_TTFontDef_GetCharWidth(def, (HPDF_UNICODE)primary_char(code));
	mark_components(res->fonts[FONT_LATIN][face], def);
	out = HPDF_MemStream_New(scratch->mmgr, 64 * 1024);
	if (out == NULL || HPDF_TTFontDef_SaveFontData(def, out) != HPDF_OK) {
		if (out != NULL)
			HPDF_Stream_Free(out);
		HPDF_FontDef_Free(def);
		g_set_error(error, PDF_ERROR, PDF_ERROR_FONT, "%s: libharu cannot embed this font",
			    FONT_FILES[FONT_LATIN][face]);
		return FALSE;
	}
	raw = g_byte_array_sized_new(out->size);
	for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(out); i++) {
		HPDF_UINT n = 0;
		HPDF_BYTE *buf = HPDF_MemStream_GetBufPtr(out, i, &n);

		g_byte_array_append(raw, buf, n);
	}
	HPDF_Stream_Free(out);
	attr = def->attr;
	pre->n_glyphs = attr->num_glyphs;
	pre->glyphs = g_memdup2(attr->glyph_tbl.flgs, attr->num_glyphs);
	pre->length = raw->len;
	pre->deflated = deflate_bytes(raw->data, raw->len, error);
	g_byte_array_unref(raw);
	HPDF_FontDef_Free(def);
	return pre->deflated != NULL;
}

/* ==== Documents ==================================================================== */

/* A page and the content we write for it.  Operators go to @ops as text and into
 * libharu's content stream at save: libharu's own operator calls clear a 512-byte
 * buffer each and were a fifth of the time of a statement. */
typedef struct {
	HPDF_Page page;
	GString *ops;
	HPDF_Font font;      /* last Tf, to skip repeating it */
	double size;
	gboolean has_fill, has_stroke;
	PdfColor fill, stroke;
	double line_width;
} PageState;

typedef struct {
	guint slot;
	guint start;  /* offset of the run's bytes in PdfDoc.bytes; a NUL follows them */
	guint len;
} Run;

struct _PdfDoc {
	const PdfResources *res;
	HPDF_Doc pdf;
	MemReader readers[N_FONT_SETS][2];
	MemReader prebuilt[2];
	MemReader logo_readers[2];
	HPDF_STATUS error;        /* first libharu error, 0 if none */
	HPDF_STATUS error_detail;
	HPDF_FontDef defs[N_FONT_SETS][2]; /* loaded on first use */
	GArray *slots;            /* Slot */
	GHashTable *extra;        /* character -> slot << 8 | code */
	GArray *pages;            /* PageState */
	guint current;
	HPDF_Image logo;
	GByteArray *bytes;        /* scratch for encode() */
	GArray *runs;
};

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user_data)
{
	PdfDoc *doc = user_data;

	if (doc->error == 0) {
		doc->error = error;
		doc->error_detail = detail;
	}
}

/* Records an error libharu set without calling on_error (internal calls do). */
static void
note_error(PdfDoc *doc)
{
	if (doc->error == 0) {
		doc->error = HPDF_GetError(doc->pdf);
		if (doc->error == 0)
			doc->error = HPDF_FAILD_TO_ALLOC_MEM;
	}
}

void
pdf_doc_free(PdfDoc *doc)
{
	if (doc == NULL)
		return;
	for (guint i = 0; i < doc->pages->len; i++)
		g_string_free(g_array_index(doc->pages, PageState, i).ops, TRUE);
	g_clear_pointer(&doc->pdf, HPDF_Free);
	g_array_unref(doc->slots);
	g_hash_table_unref(doc->extra);
	g_array_unref(doc->pages);
	g_byte_array_unref(doc->bytes);
	g_array_unref(doc->runs);
	g_free(doc);
}

/* The fontdef of a set and face, read on first use straight from the run's copy of
 * the font (no copy per document; libharu 2.3 has no public call for this). */
static HPDF_FontDef
font_def(PdfDoc *doc, guint set, PdfFace face)
{
	MemReader *reader = &doc->readers[set][face];
	HPDF_Stream stream;
	HPDF_FontDef def;
	HPDF_TTFontDefAttr attr;

	if (doc->defs[set][face] != NULL)
		return doc->defs[set][face];
	stream = reader_stream(doc->pdf->mmgr, reader, doc->res->fonts[set][face]);
	if (stream == NULL) {
		note_error(doc);
		return NULL;
	}
	def = HPDF_TTFontDef_Load(doc->pdf->mmgr, stream, HPDF_TRUE); /* owns the stream */
	if (def == NULL) {
		note_error(doc);
		return NULL;
	}
	HPDF_TTFontDef_SetTagName(def, (char *)FONT_TAGS[set][face]);
	/* The Latin and wide fonts share a family name; name each by its tagged name,
	 * which is also what the PDF calls it, so that libharu can tell them apart. */
	attr = def->attr;
	g_strlcpy(def->base_font, attr->base_font, sizeof def->base_font);
	if (HPDF_Doc_RegisterFontDef(doc->pdf, def) != HPDF_OK) { /* frees def */
		note_error(doc);
		return NULL;
	}
	doc->defs[set][face] = def;
	return def;
}

/* A new encoding; @wide = FALSE and no slot yet makes the primary one. */
static Slot *
add_slot(PdfDoc *doc, gboolean wide)
{
	Slot slot = { .wide = wide, .next = EXTRA_FIRST };
	gboolean primary = doc->slots->len == 0;
	HPDF_BasicEncoderAttr attr;

	/* start from libharu's CP1252 record and rewrite what differs */
	slot.encoder = HPDF_BasicEncoder_New(doc->pdf->mmgr, HPDF_ENCODING_CP1252);
	if (slot.encoder == NULL) {
		note_error(doc);
		return NULL;
	}
	g_snprintf(slot.name, sizeof slot.name, "Sla%u", doc->slots->len);
	g_strlcpy(slot.encoder->name, slot.name, sizeof slot.encoder->name);
	slot.encoder->write_fn = write_encoding;
	attr = slot.encoder->attr;
	attr->first_char = 0x20;
	attr->last_char = 0xFF;
	attr->has_differences = HPDF_TRUE;
	memset(attr->differences, 0, sizeof attr->differences);
	if (primary) {
		static const guint8 ours[] = { 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xA0 };

		g_strlcpy(attr->base_encoding, HPDF_ENCODING_WIN_ANSI, sizeof attr->base_encoding);
		for (guint i = 0; i < G_N_ELEMENTS(ours); i++) {
			guint8 code = ours[i];

			attr->unicode_map[code] = code == 0xA0 ? 0xA0 : HIGH_CODES[code - 0x80];
			attr->differences[code] = 1;
		}
	} else {
		attr->base_encoding[0] = '\0';
		memset(attr->unicode_map, 0, sizeof attr->unicode_map);
		attr->unicode_map[0x20] = 0x20;
	}
	if (HPDF_Doc_RegisterEncoder(doc->pdf, slot.encoder) != HPDF_OK) { /* frees it */
		note_error(doc);
		return NULL;
	}
	g_array_append_val(doc->slots, slot);
	return &g_array_index(doc->slots, Slot, doc->slots->len - 1);
}

static HPDF_Font
slot_font(PdfDoc *doc, guint index, PdfFace face)
{
	Slot *slot = &g_array_index(doc->slots, Slot, index);

	if (slot->font[face] == NULL) {
		HPDF_FontDef def = font_def(doc, slot->wide ? FONT_WIDE : FONT_LATIN, face);

		if (def == NULL)
			return NULL;
		slot->font[face] = HPDF_GetFont(doc->pdf, def->base_font, slot->name);
		/* the wide font's tables are large (6,000 glyphs): deflate them, though not
		 * the Latin font, where it would cost 20 % of the time for 7 kB */
		if (slot->wide && slot->font[face] != NULL)
			slot->font[face]->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	}
	return slot->font[face];
}

PdfDoc *
pdf_doc_new(const PdfResources *res, GError **error)
{
	PdfDoc *doc = g_new0(PdfDoc, 1);

	doc->res = res;
	doc->slots = g_array_new(FALSE, FALSE, sizeof(Slot));
	doc->extra = g_hash_table_new(NULL, NULL);
	doc->pages = g_array_new(FALSE, FALSE, sizeof(PageState));
	doc->bytes = g_byte_array_sized_new(256);
	doc->runs = g_array_sized_new(FALSE, FALSE, sizeof(Run), 8);
	doc->pdf = HPDF_New(on_error, doc);
	if (doc->pdf == NULL) {
		g_set_error(error, PDF_ERROR, PDF_ERROR_LIBHARU, "libharu: out of memory");
		pdf_doc_free(doc);
		return NULL;
	}
	/* page content and images deflated; the Latin fonts not (slot_font) */
	HPDF_SetCompressionMode(doc->pdf, HPDF_COMP_TEXT | HPDF_COMP_IMAGE);
	if (add_slot(doc, FALSE) == NULL || font_def(doc, FONT_LATIN, PDF_REGULAR) == NULL ||
	    font_def(doc, FONT_LATIN, PDF_BOLD) == NULL) {
		g_set_error(error, PDF_ERROR, PDF_ERROR_FONT,
			    "cannot load the fonts into the document (libharu error 0x%04X)",
			    (guint)doc->error);
		pdf_doc_free(doc);
		return NULL;
	}
	return doc;
}

/* ==== Document information ========================================================== */

/* libharu writes an information string as UTF-16 through the document's current
 * encoder: give it one whose codes 1..255 stand for the characters the strings use. */
static HPDF_Encoder
info_encoder(PdfDoc *doc, const char *const *texts, guint n, char **encoded)
{
	HPDF_Encoder encoder = HPDF_BasicEncoder_New(doc->pdf->mmgr, HPDF_ENCODING_CP1252);
	g_autoptr(GHashTable) codes = g_hash_table_new(NULL, NULL);
	HPDF_BasicEncoderAttr attr;
	guint next = 1;

	if (encoder == NULL)
		return NULL;
	g_strlcpy(encoder->name, "SlaInfo", sizeof encoder->name);
	attr = encoder->attr;
	memset(attr->unicode_map, 0, sizeof attr->unicode_map);
	for (guint i = 0; i < n; i++) {
		GString *out = g_string_new(NULL);

		for (const char *p = texts[i]; *p != '\0'; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);
			guint code = GPOINTER_TO_UINT(g_hash_table_lookup(codes, GUINT_TO_POINTER(c)));

			if (code == 0 && next <= 0xFF) {
				code = next++;
				attr->unicode_map[code] = c > 0xFFFF ? 0xFFFD : (HPDF_UNICODE)c;
				g_hash_table_insert(codes, GUINT_TO_POINTER(c), GUINT_TO_POINTER(code));
			}
			g_string_append_c(out, code != 0 ? (char)code : '?');
		}
		encoded[i] = g_string_free(out, FALSE);
	}
	if (HPDF_Doc_RegisterEncoder(doc->pdf, encoder) != HPDF_OK)
		return NULL;
	return encoder;
}

/* Characters kept of each document information text (a statement's title holds the
 * customer's name, which may be as long as the file). */
#define PDF_INFO_MAX_CHARS 1000

void
pdf_doc_set_info(PdfDoc *doc, const char *title, const char *author, const char *subject,
		 int year, int month, int day, gint32 utc_offset)
{
	const char *texts[] = { title, author, subject, "slareport " SLAREPORT_VERSION };
	static const HPDF_InfoType types[] = {
		HPDF_INFO_TITLE, HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT, HPDF_INFO_CREATOR,
	};
	char *encoded[G_N_ELEMENTS(texts)] = { NULL };
	char *cut[G_N_ELEMENTS(texts)] = { NULL };
	gint32 off = ABS(utc_offset);
	HPDF_Date date = {
		.year = year, .month = month, .day = day,
		.ind = utc_offset < 0 ? '-' : '+',
		.off_hour = off / 3600, .off_minutes = off / 60 % 60,
	};

	for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
		if (texts[i] == NULL || !g_utf8_validate(texts[i], -1, NULL))
			texts[i] = "";
		/* libharu refuses a string of more than HPDF_LIMIT_MAX_STRING_LEN bytes, and
		 * the names come from the inputs: a title needs no more than this */
		if (strlen(texts[i]) > PDF_INFO_MAX_CHARS)
			texts[i] = cut[i] = g_utf8_substring(texts[i], 0, PDF_INFO_MAX_CHARS);
	}
	if (info_encoder(doc, texts, G_N_ELEMENTS(texts), encoded) == NULL) {
		note_error(doc);
	} else {
		HPDF_SetCurrentEncoder(doc->pdf, "SlaInfo");
		for (guint i = 0; i < G_N_ELEMENTS(texts); i++)
			HPDF_SetInfoAttr(doc->pdf, types[i], encoded[i]);
	}
	for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
		g_free(encoded[i]);
		g_free(cut[i]);
	}
	HPDF_SetInfoDateAttr(doc->pdf, HPDF_INFO_CREATION_DATE, date);
}

/* ==== Pages ======================================================================== */

static PageState *
page_state(PdfDoc *doc)
{
	g_return_val_if_fail(doc->pages->len > 0, NULL);
	return &g_array_index(doc->pages, PageState, doc->current);
}

guint
pdf_doc_add_page(PdfDoc *doc)
{
	PageState ps = { .page = HPDF_AddPage(doc->pdf), .ops = g_string_sized_new(8192) };

	if (ps.page != NULL)
		HPDF_Page_SetSize(ps.page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	else
		note_error(doc); /* the page's text is dropped; the document fails */
	g_array_append_val(doc->pages, ps);
	doc->current = doc->pages->len - 1;
	return doc->current;
}

guint
pdf_doc_n_pages(const PdfDoc *doc)
{
	return doc->pages->len;
}

void
pdf_doc_set_page(PdfDoc *doc, guint index)
{
	g_return_if_fail(index < doc->pages->len);
	doc->current = index;
}

/* Moves the operators written so far into the page's content stream. */
static void
flush(PdfDoc *doc, PageState *ps)
{
	HPDF_PageAttr attr;

	if (ps->ops->len == 0 || ps->page == NULL)
		return;
	attr = ps->page->attr;
	if (HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)ps->ops->str, (HPDF_UINT)ps->ops->len) !=
	    HPDF_OK)
		note_error(doc);
	g_string_truncate(ps->ops, 0);
}

/* Appends @v with at most two decimals, as PDF wants numbers (no exponent).  By hand:
 * printf was a fifth of the time of a statement. */
static void
put_num(GString *out, double v)
{
	gint64 c = (gint64)(v * 100 + (v < 0 ? -0.5 : 0.5));
	guint64 m = c < 0 ? (guint64)-c : (guint64)c;
	char buf[32];
	char *p = buf + sizeof buf;
	guint64 whole = m / 100;
	guint frac = (guint)(m % 100);

	if (frac != 0) {
		if (frac % 10 != 0)
			*--p = (char)('0' + frac % 10);
		*--p = (char)('0' + frac / 10);
		*--p = '.';
	}
	do {
		*--p = (char)('0' + whole % 10);
		whole /= 10;
	} while (whole > 0);
	if (c < 0)
		*--p = '-';
	g_string_append_len(out, p, buf + sizeof buf - p);
}

/* Appends the numbers and the operator: op(ps, "re", 4, x, y, w, h). */
static void
op(PageState *ps, const char *name, guint n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (guint i = 0; i < n; i++) {
		put_num(ps->ops, va_arg(ap, double));
		g_string_append_c(ps->ops, ' ');
	}
	va_end(ap);
	g_string_append(ps->ops, name);
	g_string_append_c(ps->ops, '\n');
}

static gboolean
same_color(PdfColor a, PdfColor b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void
set_fill(PdfDoc *doc, PdfColor c)
{
	PageState *ps = page_state(doc);

	if (ps->has_fill && same_color(ps->fill, c))
		return;
	op(ps, "rg", 3, c.r, c.g, c.b);
	ps->fill = c;
	ps->has_fill = TRUE;
}

static void
set_stroke(PdfDoc *doc, double line_width, PdfColor c)
{
	PageState *ps = page_state(doc);

	if (!ps->has_stroke || !same_color(ps->stroke, c))
		op(ps, "RG", 3, c.r, c.g, c.b);
	if (!ps->has_stroke || ps->line_width != line_width)
		op(ps, "w", 1, line_width);
	ps->stroke = c;
	ps->line_width = line_width;
	ps->has_stroke = TRUE;
}

/* ==== Text ========================================================================== */

/* Valid UTF-8 in NFC for @text: @text itself or a copy left in *owned.  Decomposed
 * accents (e + U+0301) would otherwise print as two glyphs. */
static const char *
prepare(const char *text, char **owned)
{
	const guchar *p = (const guchar *)text;

	*owned = NULL;
	for (; *p != '\0' && *p < 0x80; p++)
		;
	if (*p == '\0')
		return text; /* ASCII: nothing to check */
	if (!g_utf8_validate(text, -1, NULL)) {
		g_autofree char *valid = g_utf8_make_valid(text, -1);

		*owned = g_utf8_normalize(valid, -1, G_NORMALIZE_NFC);
		return *owned;
	}
	/* combining marks U+0300..U+036F are the bytes CC 80 .. CD AF */
	for (; *p != '\0'; p++) {
		if (*p == 0xCC || *p == 0xCD) {
			*owned = g_utf8_normalize(text, -1, G_NORMALIZE_NFC);
			return *owned;
		}
	}
	return text;
}

/* The slot << 8 | code of a character outside the primary encoding, given a code in
 * an extra encoding on first sight. */
static guint
extra_code(PdfDoc *doc, gunichar c)
{
	gpointer found;
	gboolean wide;
	Slot *slot = NULL;
	HPDF_BasicEncoderAttr attr;
	guint index, code;

	/* libharu 2.3 reads only BMP cmaps: beyond it, print U+FFFD */
	if (c > 0xFFFF)
		c = 0xFFFD;
	if (g_hash_table_lookup_extended(doc->extra, GUINT_TO_POINTER(c), NULL, &found))
		return GPOINTER_TO_UINT(found);
	wide = HPDF_TTFontDef_GetGlyphid(doc->defs[FONT_LATIN][PDF_REGULAR], (HPDF_UINT16)c) == 0;
	for (guint i = doc->slots->len; i-- > 1;) {
		Slot *s = &g_array_index(doc->slots, Slot, i);

		if (s->wide == wide && s->next <= EXTRA_LAST) {
			slot = s;
			break;
		}
	}
	if (slot == NULL && (slot = add_slot(doc, wide)) == NULL)
		return 0x20; /* primary space; the error is recorded */
	index = (guint)(slot - &g_array_index(doc->slots, Slot, 0));
	code = slot->next++;
	attr = slot->encoder->attr;
	attr->unicode_map[code] = (HPDF_UNICODE)c;
	attr->differences[code] = 1;
	g_hash_table_insert(doc->extra, GUINT_TO_POINTER(c), GUINT_TO_POINTER(index << 8 | code));
	return index << 8 | code;
}

/* Encodes valid NFC @text into doc->runs and doc->bytes: one run per stretch of
 * characters in the same encoding, each run's bytes followed by a NUL for libharu. */
static void
encode(PdfDoc *doc, const char *text)
{
	Run run = { 0 };
	guint8 *out;
	guint n = 0;

	/* a character is at least one byte of @text, a run adds one NUL */
	g_byte_array_set_size(doc->bytes, (guint)(2 * strlen(text) + 1));
	out = doc->bytes->data;
	g_array_set_size(doc->runs, 0);
	for (const char *p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char(p);
		guint slot = 0;
		guint8 code;

		if (c < 0x20 || (c >= 0x7F && c < 0xA0))
			c = ' '; /* controls, tabs and line breaks print as a space */
		code = primary_code(c);
		if (code == 0) {
			guint sc = extra_code(doc, c);

			slot = sc >> 8;
			code = (guint8)(sc & 0xFF);
		}
		if (run.len > 0 && run.slot != slot) {
			out[n++] = '\0';
			g_array_append_val(doc->runs, run);
			run.len = 0;
		}
		if (run.len == 0) {
			run.slot = slot;
			run.start = n;
		}
		out[n++] = code;
		run.len++;
	}
	if (run.len > 0) {
		out[n++] = '\0';
		g_array_append_val(doc->runs, run);
	}
}

/* Width of @len bytes in @font, in thousandths of the size.  libharu measures at most
 * HPDF_LIMIT_MAX_STRING_LEN bytes at a time and fails the document beyond (a 10 MB
 * description is input like any other), so long runs are measured in pieces; measuring
 * also marks the glyphs to embed. */
static double
font_width(HPDF_Font font, const guint8 *bytes, guint len)
{
	double w = 0;

	for (guint at = 0; at < len; at += HPDF_LIMIT_MAX_STRING_LEN)
		w += HPDF_Font_TextWidth(font, bytes + at, MIN(len - at, HPDF_LIMIT_MAX_STRING_LEN)).width;
	return w;
}

static double
runs_width(PdfDoc *doc, PdfFace face, double size)
{
	double w = 0;

	for (guint i = 0; i < doc->runs->len; i++) {
		const Run *r = &g_array_index(doc->runs, Run, i);
		HPDF_Font font = slot_font(doc, r->slot, face);

		if (font != NULL)
			w += font_width(font, doc->bytes->data + r->start, r->len);
	}
	return w * size / 1000.0;
}

double
pdf_text_width(PdfDoc *doc, PdfFace face, double size, const char *text)
{
	g_autofree char *owned = NULL;

	encode(doc, prepare(text, &owned));
	return runs_width(doc, face, size);
}

void
pdf_text(PdfDoc *doc, PdfFace face, double size, double x, double y, PdfColor color,
	 const char *text)
{
	g_autofree char *owned = NULL;
	PageState *ps = page_state(doc);

	encode(doc, prepare(text, &owned));
	if (doc->runs->len == 0)
		return;
	set_fill(doc, color);
	g_string_append(ps->ops, "BT\n");
	op(ps, "Td", 2, x, PDF_PAGE_HEIGHT - y);
	for (guint i = 0; i < doc->runs->len; i++) {
		const Run *r = &g_array_index(doc->runs, Run, i);
		HPDF_Font font = slot_font(doc, r->slot, face);

		if (font == NULL)
			break;
		/* libharu fills a font's /Widths and marks the glyphs to embed only for
		 * codes it has measured */
		font_width(font, doc->bytes->data + r->start, r->len);
		if (font != ps->font || size != ps->size) {
			/* also lists the font in the page's resources */
			const char *name = ps->page != NULL ? HPDF_Page_GetLocalFontName(ps->page, font)
							    : NULL;

			if (name == NULL) {
				note_error(doc);
				break;
			}
			g_string_append_printf(ps->ops, "/%s ", name);
			op(ps, "Tf", 1, size);
			ps->font = font;
			ps->size = size;
		}
		/* a literal string: our codes are never below 0x20, only ( ) \ need a \ */
		g_string_append_c(ps->ops, '(');
		for (guint b = 0; b < r->len; b++) {
			char c = (char)doc->bytes->data[r->start + b];

			if (c == '(' || c == ')' || c == '\\')
				g_string_append_c(ps->ops, '\\');
			g_string_append_c(ps->ops, c);
		}
		g_string_append(ps->ops, ") Tj\n");
	}
	g_string_append(ps->ops, "ET\n");
}

/* Width of each character of valid NFC @text, in order. */
static GArray *
char_widths(PdfDoc *doc, PdfFace face, double size, const char *text)
{
	GArray *widths = g_array_new(FALSE, FALSE, sizeof(double));

	encode(doc, text);
	for (guint i = 0; i < doc->runs->len; i++) {
		const Run *r = &g_array_index(doc->runs, Run, i);
		HPDF_Font font = slot_font(doc, r->slot, face);

		for (guint b = 0; b < r->len; b++) {
			double w = font != NULL
				? HPDF_Font_TextWidth(font, doc->bytes->data + r->start + b, 1).width
					* size / 1000.0
				: 0;

			g_array_append_val(widths, w);
		}
	}
	return widths;
}

/* Bytes of the longest prefix of valid NFC @text at most @width wide (at least one
 * character when @at_least_one). */
static gsize
fitting_prefix(PdfDoc *doc, PdfFace face, double size, const char *text, double width,
	       gboolean at_least_one)
{
	/* A line holds a few hundred characters: measure a piece of @text that long, a
	 * longer one only when all of it fits, so that cutting a long text into lines costs
	 * its length once rather than once per line. */
	for (gsize chars = 256;; chars *= 4) {
		const char *end = text;
		g_autofree char *piece = NULL;
		g_autoptr(GArray) widths = NULL;
		const char *p = text;
		double w = 0;

		for (gsize n = 0; n < chars && *end != '\0'; n++)
			end = g_utf8_next_char(end);
		piece = g_strndup(text, (gsize)(end - text));
		widths = char_widths(doc, face, size, piece);
		for (guint i = 0; i < widths->len && p < end; i++) {
			w += g_array_index(widths, double, i);
			if (w > width && !(at_least_one && i == 0))
				return (gsize)(p - text);
			p = g_utf8_next_char(p);
		}
		if (*end == '\0')
			return (gsize)(p - text);
	}
}

/* @text cut so that it and "…" fit @width, with the "…" (transfer full). */
static char *
ellipsize(PdfDoc *doc, PdfFace face, double size, const char *text, double width)
{
	static const char ELLIPSIS[] = "…";
	double room = width - pdf_text_width(doc, face, size, ELLIPSIS);
	gsize n = room > 0 ? fitting_prefix(doc, face, size, text, room, FALSE) : 0;
	GString *s;

	while (n > 0 && text[n - 1] == ' ')
		n--;
	s = g_string_new_len(text, (gssize)n);
	g_string_append(s, ELLIPSIS);
	return g_string_free(s, FALSE);
}

char *
pdf_text_fit(PdfDoc *doc, PdfFace face, double size, const char *text, double width)
{
	g_autofree char *owned = NULL;
	const char *t = prepare(text, &owned);

	if (pdf_text_width(doc, face, size, t) <= width)
		return g_strdup(t);
	return ellipsize(doc, face, size, t, width);
}

/* Appends the lines of one paragraph (no line break inside) to @lines, stopping once
 * it holds more than @limit. */
static void
wrap_paragraph(PdfDoc *doc, PdfFace face, double size, const char *para, double width,
	       guint limit, GPtrArray *lines)
{
	double space = pdf_text_width(doc, face, size, " ");
	g_auto(GStrv) words = g_strsplit(para, " ", -1);
	GString *line = g_string_new(NULL);
	double line_w = 0;

	for (guint i = 0; words[i] != NULL && lines->len <= limit; i++) {
		const char *word = words[i];
		double w;

		if (*word == '\0')
			continue; /* runs of spaces collapse */
		w = pdf_text_width(doc, face, size, word);
		if (line->len > 0 && line_w + space + w <= width) {
			g_string_append_c(line, ' ');
			g_string_append(line, word);
			line_w += space + w;
			continue;
		}
		if (line->len > 0) {
			g_ptr_array_add(lines, g_string_free(line, FALSE));
			line = g_string_new(NULL);
		}
		/* a word wider than the line is cut where it must be */
		while (w > width && lines->len <= limit) {
			gsize n = fitting_prefix(doc, face, size, word, width, TRUE);

			if (word[n] == '\0') {
				w = pdf_text_width(doc, face, size, word);
				break;
			}
			g_ptr_array_add(lines, g_strndup(word, n));
			word += n;
		}
		g_string_assign(line, word);
		line_w = w;
	}
	g_ptr_array_add(lines, g_string_free(line, FALSE));
}

GPtrArray *
pdf_text_wrap(PdfDoc *doc, PdfFace face, double size, const char *text, double width,
	      guint max_lines)
{
	g_autofree char *owned = NULL;
	const char *t = prepare(text, &owned);
	g_auto(GStrv) paras = NULL;
	GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);

	/* most cells fit as they are */
	if (strchr(t, '\n') == NULL && pdf_text_width(doc, face, size, t) <= width) {
		g_ptr_array_add(lines, g_strdup(t));
		return lines;
	}
	paras = g_strsplit(t, "\n", -1);
	/* one line more than kept tells that text follows */
	for (guint i = 0; paras[i] != NULL && (max_lines == 0 || lines->len <= max_lines); i++)
		wrap_paragraph(doc, face, size, paras[i], width, max_lines > 0 ? max_lines : G_MAXUINT,
			       lines);
	if (max_lines > 0 && lines->len > max_lines) {
		/* the last line kept says that text follows */
		g_autofree char *joined = g_strconcat(g_ptr_array_index(lines, max_lines - 1), " ",
						      g_ptr_array_index(lines, max_lines), NULL);

		g_ptr_array_set_size(lines, (gint)max_lines);
		g_free(g_ptr_array_index(lines, max_lines - 1));
		g_ptr_array_index(lines, max_lines - 1) = ellipsize(doc, face, size, joined, width);
	}
	return lines;
}

/* ==== Shapes ========================================================================== */

void
pdf_fill_rect(PdfDoc *doc, double x, double y, double w, double h, PdfColor color)
{
	set_fill(doc, color);
	op(page_state(doc), "re f", 4, x, PDF_PAGE_HEIGHT - y - h, w, h);
}

void
pdf_stroke_rect(PdfDoc *doc, double x, double y, double w, double h, double line_width,
		PdfColor color)
{
	set_stroke(doc, line_width, color);
	op(page_state(doc), "re S", 4, x, PDF_PAGE_HEIGHT - y - h, w, h);
}

void
pdf_line(PdfDoc *doc, double x0, double y0, double x1, double y1, double line_width,
	 PdfColor color)
{
	PageState *ps = page_state(doc);

	set_stroke(doc, line_width, color);
	op(ps, "m", 2, x0, PDF_PAGE_HEIGHT - y0);
	op(ps, "l S", 2, x1, PDF_PAGE_HEIGHT - y1);
}

void
pdf_path_begin_stroke(PdfDoc *doc, double line_width, PdfColor color)
{
	set_stroke(doc, line_width, color);
}

void
pdf_path_stroke(PdfDoc *doc)
{
	g_string_append(page_state(doc)->ops, "S\n");
}

void
pdf_path_begin(PdfDoc *doc, const PdfColor *color)
{
	if (color != NULL)
		set_fill(doc, *color);
	else
		g_string_append(page_state(doc)->ops, "q\n");
}

void
pdf_path_move_to(PdfDoc *doc, double x, double y)
{
	op(page_state(doc), "m", 2, x, PDF_PAGE_HEIGHT - y);
}

void
pdf_path_line_to(PdfDoc *doc, double x, double y)
{
	op(page_state(doc), "l", 2, x, PDF_PAGE_HEIGHT - y);
}

void
pdf_path_curve_to(PdfDoc *doc, double x1, double y1, double x2, double y2, double x3,
		  double y3)
{
	op(page_state(doc), "c", 6, x1, PDF_PAGE_HEIGHT - y1, x2, PDF_PAGE_HEIGHT - y2, x3,
	   PDF_PAGE_HEIGHT - y3);
}

void
pdf_path_close(PdfDoc *doc)
{
	g_string_append(page_state(doc)->ops, "h\n");
}

void
pdf_path_fill(PdfDoc *doc)
{
	g_string_append(page_state(doc)->ops, "f\n");
}

void
pdf_path_clip(PdfDoc *doc)
{
	g_string_append(page_state(doc)->ops, "W n\n");
}

void
pdf_clip_end(PdfDoc *doc)
{
	PageState *ps = page_state(doc);

	g_string_append(ps->ops, "Q\n");
	/* Q brings back the colours, line width and font in force at q */
	ps->has_fill = ps->has_stroke = FALSE;
	ps->font = NULL;
}

/* An image XObject whose data is @deflated as is, read in place by @reader. */
static HPDF_Image
deflated_image(PdfDoc *doc, GBytes *deflated, MemReader *reader, const char *space)
{
	HPDF_MMgr mmgr = doc->pdf->mmgr;
	HPDF_Dict img = HPDF_DictStream_New(mmgr, doc->pdf->xref);
	HPDF_STATUS ret = HPDF_OK;

	if (img == NULL)
		return NULL;
	img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT; /* what HPDF_Page_DrawImage checks */
	ret += HPDF_Dict_AddName(img, "Type", "XObject");
	ret += HPDF_Dict_AddName(img, "Subtype", "Image");
	ret += HPDF_Dict_AddNumber(img, "Width", doc->res->logo_width);
	ret += HPDF_Dict_AddNumber(img, "Height", doc->res->logo_height);
	ret += HPDF_Dict_AddName(img, "ColorSpace", space);
	ret += HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
	HPDF_Stream_Free(img->stream);
	img->stream = reader_stream(mmgr, reader, deflated);
	img->write_fn = write_flate_filter;
	return ret == HPDF_OK && img->stream != NULL ? img : NULL;
}

void
pdf_logo(PdfDoc *doc, double x, double y, double w, double h)
{
	const PdfResources *res = doc->res;

	if (res->logo_rgb == NULL)
		return;
	if (doc->logo == NULL) {
		/* deflated once per run: libharu would copy and deflate it for each document */
		doc->logo = deflated_image(doc, res->logo_rgb, &doc->logo_readers[0], "DeviceRGB");
		if (doc->logo != NULL && res->logo_alpha != NULL) {
			HPDF_Image mask = deflated_image(doc, res->logo_alpha, &doc->logo_readers[1],
							 "DeviceGray");

			if (mask == NULL || HPDF_Dict_Add(doc->logo, "SMask", mask) != HPDF_OK)
				doc->logo = NULL;
		}
		if (doc->logo == NULL) {
			note_error(doc);
			return;
		}
	}
	/* libharu writes this one itself: our operators must come first */
	flush(doc, page_state(doc));
	HPDF_Page_DrawImage(page_state(doc)->page, doc->logo, (HPDF_REAL)x,
			    (HPDF_REAL)(PDF_PAGE_HEIGHT - y - h), (HPDF_REAL)w, (HPDF_REAL)h);
}

/* ==== Saving ========================================================================== */

/*
 * Gives the Latin font of @face the run's prebuilt embedding when the document drew no
 * glyph beyond it: a font descriptor set before saving is one libharu keeps (it only
 * makes one when there is none), so it never rewrites the font.
 */
static void
use_prebuilt(PdfDoc *doc, PdfFace face)
{
	HPDF_FontDef def = doc->defs[FONT_LATIN][face];
	const Prebuilt *pre = &doc->res->prebuilt[face];
	HPDF_MMgr mmgr = doc->pdf->mmgr;
	HPDF_TTFontDefAttr attr;
	HPDF_Dict desc, file;
	HPDF_STATUS ret = HPDF_OK;

	if (def == NULL || def->descriptor != NULL)
		return;
	attr = def->attr;
	if (attr->num_glyphs != pre->n_glyphs)
		return;
	for (guint i = 0; i < pre->n_glyphs; i++)
		if (attr->glyph_tbl.flgs[i] && !pre->glyphs[i])
			return; /* a glyph it lacks: libharu embeds this one itself */

	/* the entries libharu's CreateDescriptor (hpdf_font_tt.c) writes */
	desc = HPDF_Dict_New(mmgr);
	if (desc == NULL || HPDF_Xref_Add(doc->pdf->xref, desc) != HPDF_OK) {
		note_error(doc);
		return;
	}
	ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	ret += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	ret += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	ret += HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height);
	ret += HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
	ret += HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mmgr, def->font_bbox));
	ret += HPDF_Dict_AddName(desc, "FontName", attr->base_font);
	ret += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	ret += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	ret += HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
	if (attr->char_set != NULL)
		ret += HPDF_Dict_AddName(desc, "CharSet", attr->char_set);
	file = HPDF_DictStream_New(mmgr, doc->pdf->xref);
	if (ret != HPDF_OK || file == NULL) {
		note_error(doc);
		return;
	}
	HPDF_Stream_Free(file->stream);
	file->stream = reader_stream(mmgr, &doc->prebuilt[face], pre->deflated);
	file->write_fn = write_flate_filter;
	ret += HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)pre->length);
	ret += HPDF_Dict_Add(desc, "FontFile2", file);
	if (ret != HPDF_OK || file->stream == NULL) {
		note_error(doc);
		return;
	}
	def->descriptor = desc;
}

static gboolean
write_all(int fd, const guint8 *data, gsize len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return FALSE;
		}
		data += n;
		len -= (gsize)n;
	}
	return TRUE;
}

GBytes *
pdf_doc_finish(PdfDoc *doc, GError **error)
{
	HPDF_Stream stream;
	GByteArray *out;

	for (guint i = 0; i < doc->pages->len; i++)
		flush(doc, &g_array_index(doc->pages, PageState, i));
	for (guint set = 0; set < N_FONT_SETS; set++)
		for (guint face = 0; face < 2; face++)
			if (doc->defs[set][face] != NULL)
				mark_components(doc->res->fonts[set][face], doc->defs[set][face]);
	use_prebuilt(doc, PDF_REGULAR);
	use_prebuilt(doc, PDF_BOLD);
	if (doc->error == 0 && HPDF_SaveToStream(doc->pdf) != HPDF_OK)
		note_error(doc);
	if (doc->error != 0) {
		g_set_error(error, PDF_ERROR, PDF_ERROR_LIBHARU,
			    "libharu error 0x%04X (detail %u) while building the document",
			    (guint)doc->error, (guint)doc->error_detail);
		return NULL;
	}
	stream = doc->pdf->stream;
	out = g_byte_array_sized_new(HPDF_Stream_Size(stream));
	for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(stream); i++) {
		HPDF_UINT len = 0;
		HPDF_BYTE *buf = HPDF_MemStream_GetBufPtr(stream, i, &len);

		if (buf != NULL)
			g_byte_array_append(out, buf, len);
	}
	return g_byte_array_free_to_bytes(out);
}

gboolean
pdf_write_file(const char *path, GBytes *bytes, GError **error)
{
	gsize len;
	const guint8 *data = g_bytes_get_data(bytes, &len);
	int fd, saved_errno;
	gboolean ok;

	/* not g_file_set_contents: it renames a temporary file into place, and the output
	 * folder is already a temporary one */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		saved_errno = errno;
		g_set_error(error, PDF_ERROR, PDF_ERROR_WRITE, "%s: %s", path, g_strerror(saved_errno));
		return FALSE;
	}
	ok = write_all(fd, data, len);
	saved_errno = errno;
	if (close(fd) != 0 && ok) {
		ok = FALSE;
		saved_errno = errno;
	}
	if (!ok) {
		g_set_error(error, PDF_ERROR, PDF_ERROR_WRITE, "%s: %s", path, g_strerror(saved_errno));
		unlink(path);
	}
	return ok;
}

gboolean
pdf_doc_save(PdfDoc *doc, const char *path, GError **error)
{
	g_autoptr(GBytes) bytes = pdf_doc_finish(doc, error);

	if (bytes == NULL) {
		g_prefix_error(error, "%s: ", path);
		return FALSE;
	}
	return pdf_write_file(path, bytes, error);
}
