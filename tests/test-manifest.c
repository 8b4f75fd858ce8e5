/* SPDX-License-Identifier: MIT */
#include "manifest.h"

#include <ftw.h>

#include <json-glib/json-glib.h>

#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void
rm_rf(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
add_file(GArray *files, const char *name, gint64 size, const char *sha)
{
	FileDigest f = { g_strdup(name), size, "" };

	g_strlcpy(f.sha256, sha, sizeof f.sha256);
	g_array_append_val(files, f);
}

static GArray *
files_new(void)
{
	GArray *files = g_array_new(FALSE, TRUE, sizeof(FileDigest));

	g_array_set_clear_func(files, file_digest_clear);
	return files;
}

static void
test_hash_file(void)
{
	g_autofree char *dir = g_dir_make_tmp("test-manifest-XXXXXX", NULL);
	g_autofree char *abc = g_build_filename(dir, "abc", NULL);
	g_autofree char *empty = g_build_filename(dir, "empty", NULL);
	g_autofree char *missing = g_build_filename(dir, "missing", NULL);
	g_autoptr(GError) error = NULL;
	FileDigest f = { 0 };

	g_assert_true(g_file_set_contents(abc, "abc", 3, NULL));
	g_assert_true(g_file_set_contents(empty, "", 0, NULL));
	g_assert_true(manifest_hash_file(abc, "abc.csv", &f, &error));
	g_assert_cmpstr(f.name, ==, "abc.csv");
	g_assert_cmpint(f.size, ==, 3);
	g_assert_cmpstr(f.sha256, ==, SHA_ABC);
	file_digest_clear(&f);
	g_assert_true(manifest_hash_file(empty, "empty", &f, &error));
	g_assert_cmpint(f.size, ==, 0);
	g_assert_cmpstr(f.sha256, ==, SHA_EMPTY);
	file_digest_clear(&f);
	g_assert_false(manifest_hash_file(missing, "missing", &f, &error));
	g_assert_error(error, MANIFEST_ERROR, MANIFEST_ERROR_READ);
	g_assert_nonnull(strstr(error->message, missing));
	rm_rf(dir);
}

/* The whole text, byte for byte: the layout is a contract with the archive. */
static void
test_json_exact(void)
{
	g_autoptr(GArray) inputs = files_new();
	g_autoptr(GArray) outputs = files_new();
	const char *const customers[] = { "C1", "C10", NULL };
	ManifestInfo info = { "1.2.3", "2026-10", "2026-11-01", TRUE, FALSE, customers, "2025b" };
	g_autofree char *json = NULL;
	g_autofree char *again = NULL;
	g_autofree char *expected = NULL;

	/* given out of order: listed sorted */
	add_file(inputs, "tickets.csv", 3, SHA_ABC);
	add_file(inputs, "customers.csv", 0, SHA_EMPTY);
	add_file(outputs, "summary.csv", 3, SHA_ABC);
	add_file(outputs, "statements/C1.pdf", 0, SHA_EMPTY);
	json = manifest_to_json(&info, inputs, outputs);
	expected = g_strdup(
		"{\n"
		"  \"format\" : 1,\n"
		"  \"program\" : \"slareport\",\n"
		"  \"version\" : \"1.2.3\",\n"
		"  \"month\" : \"2026-10\",\n"
		"  \"options\" : {\n"
		"    \"issue_date\" : \"2026-11-01\",\n"
		"    \"allow_rejects\" : true,\n"
		"    \"no_pdf\" : false,\n"
		"    \"customers\" : [\n"
		"      \"C1\",\n"
		"      \"C10\"\n"
		"    ]\n"
		"  },\n"
		"  \"tzdata\" : \"2025b\",\n"
		"  \"inputs\" : [\n"
		"    {\n"
		"      \"name\" : \"customers.csv\",\n"
		"      \"size\" : 0,\n"
		"      \"sha256\" : \"" SHA_EMPTY "\"\n"
		"    },\n"
		"    {\n"
		"      \"name\" : \"tickets.csv\",\n"
		"      \"size\" : 3,\n"
		"      \"sha256\" : \"" SHA_ABC "\"\n"
		"    }\n"
		"  ],\n"
		"  \"outputs\" : [\n"
		"    {\n"
		"      \"path\" : \"statements/C1.pdf\",\n"
		"      \"size\" : 0,\n"
		"      \"sha256\" : \"" SHA_EMPTY "\",\n"
		"      \"customer\" : \"C1\"\n"
		"    },\n"
		"    {\n"
		"      \"path\" : \"summary.csv\",\n"
		"      \"size\" : 3,\n"
		"      \"sha256\" : \"" SHA_ABC "\"\n"
		"    }\n"
		"  ]\n"
		"}\n");
	g_assert_cmpstr(json, ==, expected);
	again = manifest_to_json(&info, inputs, outputs);
	g_assert_cmpstr(again, ==, json);
}

/* Writes a month in a fresh output root and returns its manifest.json. */
static char *
write_month(const char *root, const GArray *inputs)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	ManifestInfo info = { "1.2.3", "2026-10", "2026-11-01", FALSE, FALSE, NULL, "2025b" };
	g_autofree char *path = NULL;
	char *text = NULL;

	od = outdir_open(root, &error);
	g_assert_no_error(error);
	g_assert_true(outdir_begin(od, "2026-10", TRUE, &error));
	g_assert_true(outdir_write_file(od, "statements/C2.pdf", "%PDF two", 8, &error));
	g_assert_true(outdir_write_file(od, "summary.csv", "abc", 3, &error));
	g_assert_true(outdir_write_file(od, "credits.csv", "", 0, &error));
	g_assert_true(manifest_write(od, &info, inputs, &error));
	g_assert_no_error(error);
	/* written again (a retry): the old manifest is not listed as an output */
	g_assert_true(manifest_write(od, &info, inputs, &error));
	g_assert_true(outdir_publish(od, &error));
	path = g_build_filename(root, "2026-10", "manifest.json", NULL);
	g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
	return text;
}

static void
test_write_hashes_outputs(void)
{
	g_autofree char *dir = g_dir_make_tmp("test-manifest-XXXXXX", NULL);
	g_autofree char *root_a = g_build_filename(dir, "a", NULL);
	g_autofree char *root_b = g_build_filename(dir, "deeper", "b", NULL);
	g_autoptr(GArray) inputs = files_new();
	g_autofree char *a = NULL;
	g_autofree char *b = NULL;
	g_autoptr(JsonParser) parser = json_parser_new();
	g_autoptr(GError) error = NULL;
	JsonArray *outputs;

	add_file(inputs, "plans.ini", 3, SHA_ABC);
	a = write_month(root_a, inputs);
	b = write_month(root_b, inputs);
	/* no path, host or time in it: another --out gives the same bytes */
	g_assert_cmpstr(a, ==, b);
	g_assert_null(strstr(a, dir));

	g_assert_true(json_parser_load_from_data(parser, a, -1, &error));
	outputs = json_object_get_array_member(json_node_get_object(json_parser_get_root(parser)),
					       "outputs");
	g_assert_cmpuint(json_array_get_length(outputs), ==, 3);
	for (guint i = 0; i < 3; i++) {
		JsonObject *o = json_array_get_object_element(outputs, i);
		const char *rel = json_object_get_string_member(o, "path");
		g_autofree char *path = g_build_filename(root_a, "2026-10", rel, NULL);
		FileDigest f = { 0 };

		g_assert_true(manifest_hash_file(path, rel, &f, &error));
		g_assert_cmpstr(json_object_get_string_member(o, "sha256"), ==, f.sha256);
		g_assert_cmpint(json_object_get_int_member(o, "size"), ==, f.size);
		g_assert_cmpint(json_object_has_member(o, "customer"), ==,
				g_str_has_prefix(rel, "statements/"));
		file_digest_clear(&f);
	}
	g_assert_cmpstr(json_object_get_string_member(json_array_get_object_element(outputs, 1),
						      "path"), ==, "statements/C2.pdf");
	g_assert_cmpstr(json_object_get_string_member(json_array_get_object_element(outputs, 1),
						      "customer"), ==, "C2");
	rm_rf(dir);
}

static void
test_tzdata_version(void)
{
	g_autofree char *dir = g_dir_make_tmp("test-manifest-XXXXXX", NULL);
	g_autofree char *zi = g_build_filename(dir, "tzdata.zi", NULL);
	g_autofree char *plus = g_build_filename(dir, "+VERSION", NULL);
	g_autofree char *saved = g_strdup(g_getenv("TZDIR"));
	g_autofree char *v1 = NULL;
	g_autofree char *v2 = NULL;
	g_autofree char *v3 = NULL;

	g_setenv("TZDIR", dir, TRUE);
	v1 = manifest_tzdata_version();
	g_assert_cmpstr(v1, ==, "unknown");
	g_assert_true(g_file_set_contents(plus, "2024a\n", -1, NULL));
	v2 = manifest_tzdata_version();
	g_assert_cmpstr(v2, ==, "2024a");
	g_assert_true(g_file_set_contents(zi, "# version 2031z\n# This zic input file…\n", -1, NULL));
	v3 = manifest_tzdata_version();
	g_assert_cmpstr(v3, ==, "2031z");
	if (saved != NULL)
		g_setenv("TZDIR", saved, TRUE);
	else
		g_unsetenv("TZDIR");
	rm_rf(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/manifest/hash/sha256-and-size", test_hash_file);
	g_test_add_func("/manifest/json/exact-sorted-deterministic", test_json_exact);
	g_test_add_func("/manifest/write/hashes-match-files-whatever-out", test_write_hashes_outputs);
	g_test_add_func("/manifest/tzdata/version-from-tzdir", test_tzdata_version);
	return g_test_run();
}
