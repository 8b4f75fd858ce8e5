/* SPDX-License-Identifier: MIT
 *
 * The main() a fuzz target gets outside libFuzzer: runs it once on each file named,
 * or on each file of each folder named, in name order, and says how many it ran.  This
 * is how the seeds and the regression inputs of tests/fuzz/ run in every build (gcc,
 * ASan, valgrind) without clang.  A failed check aborts with the input's name printed.
 */
#include <glib.h>

#include "fuzz.h"

/* libFuzzer's optional hook: a target that has no set-up does not define it. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static void
run_file(const char *path, guint *count)
{
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	gsize len;

	if (!g_file_get_contents(path, &data, &len, &error)) {
		g_printerr("%s\n", error->message);
		exit(2);
	}
	g_printerr("%s\n", path); /* the culprit, when what follows aborts */
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	(*count)++;
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_folder(const char *path, guint *count)
{
	g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *name;

	while (dir != NULL && (name = g_dir_read_name(dir)) != NULL)
		g_ptr_array_add(names, g_build_filename(path, name, NULL));
	g_ptr_array_sort(names, compare_names);
	for (guint i = 0; i < names->len; i++)
		if (g_file_test(names->pdata[i], G_FILE_TEST_IS_REGULAR))
			run_file(names->pdata[i], count);
}

int
main(int argc, char **argv)
{
	guint count = 0;

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		if (g_file_test(argv[i], G_FILE_TEST_IS_DIR))
			run_folder(argv[i], &count);
		else
			run_file(argv[i], &count);
	}
	g_print("%u inputs\n", count);
	return 0;
}
