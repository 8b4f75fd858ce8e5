/* SPDX-License-Identifier: MIT */
#include "digest.h"

static void
test_set(void)
{
	g_autoptr(GArray) files = file_digest_array_new();
	FileDigest f;

	file_digest_set(&f, "a.csv", "abc", 3);
	g_array_append_val(files, f);
	g_assert_cmpstr(g_array_index(files, FileDigest, 0).name, ==, "a.csv");
	g_assert_cmpint(g_array_index(files, FileDigest, 0).size, ==, 3);
	g_assert_cmpstr(g_array_index(files, FileDigest, 0).sha256, ==,
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	file_digest_set(&f, "empty", "", 0);
	g_assert_cmpstr(f.sha256, ==,
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	file_digest_clear(&f);
	g_assert_null(f.name);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/digest/set/sha256-and-size", test_set);
	return g_test_run();
}
