/* SPDX-License-Identifier: MIT */
#include "pdf.h"
#include "statement.h"

static PdfResources *res;

static PdfDoc *
new_doc(void)
{
	g_autoptr(GError) error = NULL;
	PdfDoc *doc = pdf_doc_new(res, &error);

	g_assert_no_error(error);
	pdf_doc_add_page(doc);
	return doc;
}

static void
assert_lines_fit(PdfDoc *doc, GPtrArray *lines, double width)
{
	for (guint i = 0; i < lines->len; i++)
		g_assert_cmpfloat(pdf_text_width(doc, PDF_REGULAR, 10, g_ptr_array_index(lines, i)),
				  <=, width);
}

static void
test_width(void)
{
	g_autoptr(PdfDoc) doc = new_doc();
	double a = pdf_text_width(doc, PDF_REGULAR, 10, "a");
	double bold = pdf_text_width(doc, PDF_BOLD, 10, "a");

	/* DejaVu Sans: "a" is 613/1000 em, 675 in bold */
	g_assert_cmpfloat_with_epsilon(a, 6.13, 0.01);
	g_assert_cmpfloat_with_epsilon(bold, 6.75, 0.01);
	g_assert_cmpfloat_with_epsilon(pdf_text_width(doc, PDF_REGULAR, 20, "aa"), 4 * a, 0.01);
	g_assert_cmpfloat(pdf_text_width(doc, PDF_REGULAR, 10, ""), ==, 0);
	/* decomposed accents measure as the composed letter */
	g_assert_cmpfloat_with_epsilon(pdf_text_width(doc, PDF_REGULAR, 10, "e\xcc\x81"),
				       pdf_text_width(doc, PDF_REGULAR, 10, "é"), 0.001);
}

static void
test_wrap(void)
{
	g_autoptr(PdfDoc) doc = new_doc();
	double w = MAX(pdf_text_width(doc, PDF_REGULAR, 10, "alpha beta"),
		       pdf_text_width(doc, PDF_REGULAR, 10, "gamma delta"));
	g_autoptr(GPtrArray) lines = pdf_text_wrap(doc, PDF_REGULAR, 10,
						   "alpha beta gamma  delta\nepsilon", w, 0);
	g_autoptr(GPtrArray) cut = NULL;
	g_autoptr(GPtrArray) two = NULL;

	g_assert_cmpuint(lines->len, ==, 3);
	g_assert_cmpstr(g_ptr_array_index(lines, 0), ==, "alpha beta");
	g_assert_cmpstr(g_ptr_array_index(lines, 1), ==, "gamma delta");
	g_assert_cmpstr(g_ptr_array_index(lines, 2), ==, "epsilon");

	/* a word wider than the line is cut where it must be */
	cut = pdf_text_wrap(doc, PDF_REGULAR, 10, "Supercalifragilisticexpialidocious", 40, 0);
	g_assert_cmpuint(cut->len, >, 1);
	assert_lines_fit(doc, cut, 40);

	/* at most two lines, the second ending in an ellipsis */
	two = pdf_text_wrap(doc, PDF_REGULAR, 10, "one two three four five six seven eight",
			    pdf_text_width(doc, PDF_REGULAR, 10, "one two three"), 2);
	g_assert_cmpuint(two->len, ==, 2);
	g_assert_true(g_str_has_suffix(g_ptr_array_index(two, 1), "…"));
	assert_lines_fit(doc, two, pdf_text_width(doc, PDF_REGULAR, 10, "one two three"));
}

static void
test_fit(void)
{
	g_autoptr(PdfDoc) doc = new_doc();
	g_autofree char *same = pdf_text_fit(doc, PDF_BOLD, 9, "Serveur 1", 200);
	g_autofree char *cut = pdf_text_fit(doc, PDF_BOLD, 9, "Serveur dédié de production", 60);
	g_autofree char *nothing = pdf_text_fit(doc, PDF_BOLD, 9, "Serveur", 2);

	g_assert_cmpstr(same, ==, "Serveur 1");
	g_assert_true(g_str_has_suffix(cut, "…"));
	g_assert_true(g_str_has_prefix(cut, "Serveur"));
	g_assert_cmpfloat(pdf_text_width(doc, PDF_BOLD, 9, cut), <=, 60);
	g_assert_cmpstr(nothing, ==, "…");
}

/* Text from the inputs may be as long as the file: libharu measures at most 65535
 * bytes at a time (and used to void the document, then crash on its next page).
 * tests/data/hostile/field-10mb-description times the cutting of a long word. */
static void
test_long_text(void)
{
	g_autoptr(PdfDoc) doc = new_doc();
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) bytes = NULL;
	gsize n = 300 * 1000;
	g_autofree char *word = g_strnfill(n, 'x');
	double x = pdf_text_width(doc, PDF_REGULAR, 10, "x");
	g_autoptr(GPtrArray) lines = pdf_text_wrap(doc, PDF_REGULAR, 10, word, 100, 0);
	g_autoptr(GPtrArray) three = pdf_text_wrap(doc, PDF_REGULAR, 10, word, 100, 3);
	g_autofree char *fit = pdf_text_fit(doc, PDF_REGULAR, 10, word, 100);
	gsize chars = 0;

	g_assert_cmpfloat_with_epsilon(pdf_text_width(doc, PDF_REGULAR, 10, word), n * x, 0.5);
	for (guint i = 0; i < lines->len; i++)
		chars += strlen(g_ptr_array_index(lines, i));
	g_assert_cmpuint(chars, ==, n);
	assert_lines_fit(doc, lines, 100);
	g_assert_cmpuint(three->len, ==, 3);
	g_assert_true(g_str_has_suffix(g_ptr_array_index(three, 2), "…"));
	g_assert_true(g_str_has_suffix(fit, "…"));
	pdf_text(doc, PDF_REGULAR, 10, 40, 40, (PdfColor){ 0, 0, 0 }, word);
	pdf_doc_add_page(doc);
	pdf_text(doc, PDF_REGULAR, 10, 40, 40, (PdfColor){ 0, 0, 0 }, "next page");
	bytes = pdf_doc_finish(doc, &error);
	g_assert_no_error(error);
	g_assert_nonnull(bytes);
}

/* With SLAREPORT_KEEP_PDF=DIR, a copy of @path in DIR for a look. */
static void
keep(const char *path, const char *name)
{
	const char *dir = g_getenv("SLAREPORT_KEEP_PDF");
	g_autofree char *data = NULL;
	g_autofree char *copy = NULL;
	gsize len;

	if (dir == NULL)
		return;
	copy = g_build_filename(dir, name, NULL);
	g_assert_true(g_file_get_contents(path, &data, &len, NULL));
	g_assert_true(g_file_set_contents(copy, data, (gssize)len, NULL));
}

/* Text in every script the encodings handle extracts as written. */
static void
test_extracts(void)
{
	static const char *const texts[] = {
		"Disponibilité 99,912 % — « œuvre » l’été… 1 234,50 €",
		"Łódź Dvořák Şirketi Ærøskøbing ș ț",
		"Ωμέγα Жёлтый Ђурђевић",
		"e\xcc\x81te\xcc\x81",
	};
	g_autoptr(PdfDoc) doc = new_doc();
	g_autoptr(GError) error = NULL;
	g_autofree char *path = NULL;
	g_autofree char *out = NULL;
	g_autofree char *text = NULL;
	g_autofree char *prog = g_find_program_in_path("pdftotext");
	const char *argv[] = { "pdftotext", "-enc", "UTF-8", NULL, "-", NULL };
	GString *many = g_string_new(NULL);
	int status;

	if (prog == NULL) {
		g_test_skip("pdftotext is not installed");
		g_string_free(many, TRUE);
		return;
	}
	for (guint i = 0; i < G_N_ELEMENTS(texts); i++)
		pdf_text(doc, i % 2 ? PDF_BOLD : PDF_REGULAR, 10, 40, 60 + 20 * i,
			 (PdfColor){ 0, 0, 0 }, texts[i]);
	/* more distinct characters than one extra encoding holds (223), 100 a line */
	for (guint line = 0; line < 3; line++) {
		g_string_truncate(many, 0);
		for (gunichar c = 0x0410 + 100 * line; c < 0x0410 + 100 * (line + 1); c++)
			g_string_append_unichar(many, c);
		pdf_text(doc, PDF_REGULAR, 6, 40, 200 + 10 * line, (PdfColor){ 0, 0, 0 }, many->str);
	}

	g_assert_cmpint(g_mkdir_with_parents(g_get_user_cache_dir(), 0700), ==, 0);
	path = g_build_filename(g_get_user_cache_dir(), "text.pdf", NULL);
	g_assert_true(pdf_doc_save(doc, path, &error));
	g_assert_no_error(error);
	keep(path, "text.pdf");
	argv[3] = path;
	g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
				   NULL, &status, &error));
	g_assert_no_error(error);
	/* poppler writes U+00A0 and U+202F as spaces */
	text = g_strdup(out);
	g_assert_nonnull(strstr(text, "Disponibilité 99,912 % — « œuvre » l’été… 1 234,50 €"));
	g_assert_nonnull(strstr(text, "Łódź Dvořák Şirketi Ærøskøbing ș ț"));
	g_assert_nonnull(strstr(text, "Ωμέγα Жёлтый Ђурђевић"));
	g_assert_nonnull(strstr(text, "été"));
	g_assert_nonnull(strstr(text, "АБВГ"));
	g_assert_nonnull(strstr(text, "ԛԜԝ")); /* the last ones, past 223 */
	g_string_free(many, TRUE);
}

static void
test_identical(void)
{
	g_autofree char *a = g_build_filename(g_get_user_cache_dir(), "a.pdf", NULL);
	g_autofree char *b = g_build_filename(g_get_user_cache_dir(), "b.pdf", NULL);
	g_autofree char *da = NULL;
	g_autofree char *db = NULL;
	gsize la, lb;

	g_assert_cmpint(g_mkdir_with_parents(g_get_user_cache_dir(), 0700), ==, 0);
	for (guint i = 0; i < 2; i++) {
		g_autoptr(PdfDoc) doc = new_doc();

		pdf_doc_set_info(doc, "Titre é", "Auteur", "juin 2026", 2026, 7, 1, 7200);
		pdf_text(doc, PDF_REGULAR, 10, 40, 60, (PdfColor){ 0, 0, 0 }, "Łódź");
		g_assert_true(pdf_doc_save(doc, i == 0 ? a : b, NULL));
	}
	g_assert_true(g_file_get_contents(a, &da, &la, NULL));
	g_assert_true(g_file_get_contents(b, &db, &lb, NULL));
	g_assert_cmpmem(da, la, db, lb);
	g_assert_nonnull(g_strstr_len(da, (gssize)la, "/CreationDate (D:20260701000000+02'00')"));
}

int
main(int argc, char **argv)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *fonts = NULL;
	int rc;

	g_test_init(&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
	fonts = g_build_filename(statement_data_dir(), "fonts", NULL);
	res = pdf_resources_new(fonts, NULL, &error);
	g_assert_no_error(error);

	g_test_add_func("/pdf/text/width", test_width);
	g_test_add_func("/pdf/text/wrap", test_wrap);
	g_test_add_func("/pdf/text/fit-ellipsis", test_fit);
	g_test_add_func("/pdf/text/as-long-as-the-file", test_long_text);
	g_test_add_func("/pdf/text/extracts-as-written", test_extracts);
	g_test_add_func("/pdf/save/identical-bytes", test_identical);

	rc = g_test_run();
	pdf_resources_free(res);
	return rc;
}
