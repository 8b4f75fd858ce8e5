/* SPDX-License-Identifier: MIT */
#include "outdir.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Each test works in a fresh folder; `root` is OUT inside it. */
typedef struct {
	char *dir;
	char *root;
} Fixture;

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	chmod(path, 0700); /* the permission test leaves a read-only folder */
	return remove(path);
}

static void
setup(Fixture *f, gconstpointer data)
{
	f->dir = g_dir_make_tmp("test-outdir-XXXXXX", NULL);
	g_assert_nonnull(f->dir);
	f->root = g_build_filename(f->dir, "out", NULL);
}

static void
teardown(Fixture *f, gconstpointer data)
{
	chmod(f->root, 0700);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	g_free(f->root);
	g_free(f->dir);
}

/* Writes @text at @rel under the root, creating folders. */
static void
put(const Fixture *f, const char *rel, const char *text)
{
	g_autofree char *path = g_build_filename(f->root, rel, NULL);
	g_autofree char *dir = g_path_get_dirname(path);

	g_assert_cmpint(g_mkdir_with_parents(dir, 0755), ==, 0);
	g_assert_true(g_file_set_contents(path, text, -1, NULL));
}

/* The text at @rel under the root, or NULL when there is no such file. */
static char *
get(const Fixture *f, const char *rel)
{
	g_autofree char *path = g_build_filename(f->root, rel, NULL);
	char *text = NULL;

	if (!g_file_get_contents(path, &text, NULL, NULL))
		return NULL;
	return text;
}

static gboolean
has(const Fixture *f, const char *rel)
{
	g_autofree char *path = g_build_filename(f->root, rel, NULL);

	return g_file_test(path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

static int
compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The root's entries but .lock, sorted and joined by spaces. */
static char *
entries(const Fixture *f)
{
	g_autoptr(GDir) dir = g_dir_open(f->root, 0, NULL);
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	const char *name;

	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL) {
		if (strcmp(name, ".lock") != 0)
			g_ptr_array_add(names, (gpointer)name);
	}
	g_ptr_array_sort(names, compare_names);
	g_ptr_array_add(names, NULL);
	return g_strjoinv(" ", (char **)names->pdata);
}

static void
write_rel(Outdir *od, const char *rel, const char *text)
{
	g_autoptr(GError) error = NULL;

	g_assert_true(outdir_write_file(od, rel, text, strlen(text), &error));
	g_assert_no_error(error);
}

/* Opens the root and begins 2026-10, with statements/. */
static Outdir *
open_begun(const Fixture *f)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;

	od = outdir_open(f->root, &error);
	g_assert_no_error(error);
	g_assert_true(outdir_begin(od, "2026-10", TRUE, &error));
	g_assert_no_error(error);
	return g_steal_pointer(&od);
}

/* The root holds the month folder only, with @summary in its summary.csv. */
static void
assert_only_month(const Fixture *f, const char *summary)
{
	g_autofree char *text = get(f, "2026-10/summary.csv");
	g_autofree char *left = entries(f);

	g_assert_cmpstr(text, ==, summary);
	g_assert_cmpstr(left, ==, "2026-10");
}

/* ==== Lock ========================================================================= */

static void
test_lock_second_fd(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) first = NULL;
	g_autoptr(Outdir) again = NULL;
	g_autoptr(Outdir) second = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *lock_text = NULL;
	g_autofree char *pid = g_strdup_printf("pid %ld on %s, started ", (long)getpid(),
					       g_get_host_name());

	first = outdir_open(f->root, &error);
	g_assert_no_error(error);
	/* flock belongs to the open file description: a second open in the same process
	 * is refused like another process */
	second = outdir_open(f->root, &error);
	g_assert_null(second);
	g_assert_error(error, OUTDIR_ERROR, OUTDIR_ERROR_LOCKED);
	g_assert_nonnull(strstr(error->message, pid));
	g_assert_nonnull(strstr(error->message, f->root));
	g_clear_error(&error);
	/* a refused run leaves the holder's text alone */
	g_clear_pointer(&second, outdir_free);
	second = outdir_open(f->root, &error);
	g_assert_error(error, OUTDIR_ERROR, OUTDIR_ERROR_LOCKED);
	g_assert_nonnull(strstr(error->message, pid));
	g_clear_error(&error);

	g_clear_pointer(&first, outdir_free);
	lock_text = get(f, ".lock");
	g_assert_cmpstr(lock_text, ==, ""); /* released: nobody named */
	again = outdir_open(f->root, &error);
	g_assert_no_error(error);
	g_assert_nonnull(again);
}

static void
test_lock_other_process(Fixture *f, gconstpointer data)
{
	int ready[2], go[2];
	pid_t child;
	char c = 0;
	int status;
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *holder = NULL;

	g_assert_cmpint(pipe(ready), ==, 0);
	g_assert_cmpint(pipe(go), ==, 0);
	child = fork();
	g_assert_cmpint(child, >=, 0);
	if (child == 0) {
		Outdir *mine = outdir_open(f->root, NULL);

		(void)!write(ready[1], mine != NULL ? "y" : "n", 1);
		(void)!read(go[0], &c, 1);
		outdir_free(mine);
		_exit(0);
	}
	g_assert_cmpint(read(ready[0], &c, 1), ==, 1);
	g_assert_cmpint(c, ==, 'y');

	od = outdir_open(f->root, &error);
	g_assert_null(od);
	g_assert_error(error, OUTDIR_ERROR, OUTDIR_ERROR_LOCKED);
	holder = g_strdup_printf("pid %ld on ", (long)child);
	g_assert_nonnull(strstr(error->message, holder));
	g_clear_error(&error);

	g_assert_cmpint(write(go[1], "x", 1), ==, 1);
	g_assert_cmpint(waitpid(child, &status, 0), ==, child);
	od = outdir_open(f->root, &error);
	g_assert_no_error(error);
	close(ready[0]); close(ready[1]); close(go[0]); close(go[1]);
}

/* kill -9 in the middle of a run: the kernel drops the lock, the next run removes
 * the temporary folder, the previous month is as it was. */
static void
test_killed_run(Fixture *f, gconstpointer data)
{
	int ready[2];
	pid_t child;
	char c = 0;
	int status;
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *left = NULL;

	put(f, "2026-10/summary.csv", "old\n");
	g_assert_cmpint(pipe(ready), ==, 0);
	child = fork();
	g_assert_cmpint(child, >=, 0);
	if (child == 0) {
		Outdir *mine = outdir_open(f->root, NULL);

		if (mine != NULL && outdir_begin(mine, "2026-10", TRUE, NULL))
			outdir_write_file(mine, "summary.csv", "half", 4, NULL);
		(void)!write(ready[1], "y", 1);
		pause();
		_exit(0);
	}
	g_assert_cmpint(read(ready[0], &c, 1), ==, 1);
	left = g_strdup_printf(".2026-10.tmp-%ld", (long)child);
	g_assert_true(has(f, left));
	kill(child, SIGKILL);
	g_assert_cmpint(waitpid(child, &status, 0), ==, child);

	od = outdir_open(f->root, &error);
	g_assert_no_error(error);
	assert_only_month(f, "old\n");
	close(ready[0]); close(ready[1]);
}

/* ==== Stale temporary folders ====================================================== */

static void
test_stale_removed(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *outside = g_build_filename(f->dir, "outside", NULL);
	g_autofree char *outside_file = g_build_filename(outside, "keep.txt", NULL);
	g_autofree char *link = g_build_filename(f->root, ".2026-09.old-7", "link", NULL);
	g_autofree char *left = NULL;

	put(f, ".2026-10.tmp-999999/statements/C1.pdf", "x");
	put(f, ".2026-10.tmp-999999/summary.csv", "x");
	put(f, ".2026-09.old-7/summary.csv", "x");
	/* not ours: kept */
	put(f, ".2026-10.tmp-/x", "x");
	put(f, ".2026-10.tmp-12a/x", "x");
	put(f, "notes.tmp-1", "x");
	put(f, ".keep", "x");
	put(f, "2026-09/summary.csv", "x");
	/* a link inside a stale folder is removed, never followed */
	g_assert_cmpint(g_mkdir_with_parents(outside, 0755), ==, 0);
	g_assert_true(g_file_set_contents(outside_file, "mine", -1, NULL));
	g_assert_cmpint(symlink(outside, link), ==, 0);

	od = outdir_open(f->root, &error);
	g_assert_no_error(error);
	left = entries(f);
	g_assert_cmpstr(left, ==, ".2026-10.tmp- .2026-10.tmp-12a .keep 2026-09 notes.tmp-1");
	g_assert_true(g_file_test(outside_file, G_FILE_TEST_IS_REGULAR));
}

/* ==== Publication ================================================================== */

static void
test_publish_first(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *text = NULL;

	od = open_begun(f);
	write_rel(od, "summary.csv", "new\n");
	write_rel(od, "statements/C1.pdf", "%PDF-1\n");
	g_assert_false(has(f, "2026-10"));
	g_assert_true(outdir_publish(od, &error));
	g_assert_no_error(error);
	text = get(f, "2026-10/statements/C1.pdf");
	g_assert_cmpstr(text, ==, "%PDF-1\n");
	assert_only_month(f, "new\n");
}

static void
test_publish_replaces(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *text = NULL;

	put(f, "2026-10/summary.csv", "old\n");
	put(f, "2026-10/statements/GONE.pdf", "old");
	od = open_begun(f);
	write_rel(od, "summary.csv", "new\n");
	/* readers see the old month until the swap */
	text = get(f, "2026-10/summary.csv");
	g_assert_cmpstr(text, ==, "old\n");
	g_clear_pointer(&text, g_free);

	g_assert_true(outdir_publish(od, &error));
	g_assert_no_error(error);
	assert_only_month(f, "new\n");
	/* replaced as a whole: nothing of the old folder survives */
	g_assert_false(has(f, "2026-10/statements/GONE.pdf"));
}

static void
test_abort_keeps_previous(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;

	put(f, "2026-10/summary.csv", "old\n");
	od = open_begun(f);
	write_rel(od, "summary.csv", "new\n");
	g_clear_pointer(&od, outdir_free); /* a failed run: never published */
	assert_only_month(f, "old\n");
}

/* A write that fails half-way (EFBIG here, as ENOSPC would on a full disk) is an
 * output error naming the file, and the previous month survives it. */
static void
test_write_failure(Fixture *f, gconstpointer data)
{
	if (g_test_subprocess()) {
		g_autoptr(Outdir) od = NULL;
		g_autoptr(GError) error = NULL;
		g_autofree char *big = g_malloc0(100000);
		struct rlimit rl = { 4096, RLIM_INFINITY };

		put(f, "2026-10/summary.csv", "old\n");
		od = open_begun(f);
		signal(SIGXFSZ, SIG_IGN);
		g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &rl), ==, 0);
		g_assert_false(outdir_write_file(od, "statements/C1.pdf", big, 100000, &error));
		g_assert_error(error, OUTDIR_ERROR, OUTDIR_ERROR_FAILED);
		g_assert_nonnull(strstr(error->message, "statements/C1.pdf: cannot write: "));
		g_assert_nonnull(strstr(error->message, g_strerror(EFBIG)));
		g_clear_pointer(&od, outdir_free);
		assert_only_month(f, "old\n");
		return;
	}
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
}

/* A root the run may not write to: an output error with the path and the reason.  As
 * root the check runs as "nobody", since root writes anywhere. */
static void
test_permission_denied(Fixture *f, gconstpointer data)
{
	if (g_test_subprocess()) {
		g_autoptr(Outdir) od = NULL;
		g_autoptr(GError) error = NULL;

		if (geteuid() == 0 && setuid(65534) != 0) {
			g_test_skip("cannot drop root privileges");
			return;
		}
		od = outdir_open(f->root, &error);
		g_assert_null(od);
		g_assert_error(error, OUTDIR_ERROR, OUTDIR_ERROR_FAILED);
		g_assert_nonnull(strstr(error->message, f->root));
		g_assert_nonnull(strstr(error->message, g_strerror(EACCES)));
		return;
	}
	g_assert_cmpint(g_mkdir_with_parents(f->root, 0755), ==, 0);
	g_assert_cmpint(chmod(f->dir, 0755), ==, 0);
	g_assert_cmpint(chmod(f->root, 0555), ==, 0);
	g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
	g_test_trap_assert_passed();
}

static void
test_begin_twice_same_pid(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *stale = g_strdup_printf(".2026-10.tmp-%ld/x", (long)getpid());

	/* a folder left by a dead run whose pid this process now has */
	put(f, stale, "x");
	od = outdir_open(f->root, &error);
	g_assert_true(outdir_begin(od, "2026-10", FALSE, &error));
	g_assert_no_error(error);
	g_assert_false(has(f, stale));
}

/* ==== --no-pdf, --customer, listing ================================================ */

static void
test_no_pdf_check(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;

	od = outdir_open(f->root, &error);
	g_assert_true(outdir_check_no_pdf(od, "2026-10", &error)); /* no month yet */
	put(f, "2026-10/summary.csv", "x");
	g_assert_true(outdir_check_no_pdf(od, "2026-10", &error)); /* no statements */
	put(f, "2026-10/statements/C1.pdf", "x");
	g_assert_false(outdir_check_no_pdf(od, "2026-10", &error));
	g_assert_error(error, OUTDIR_ERROR, OUTDIR_ERROR_REFUSED);
	g_assert_nonnull(strstr(error->message, "2026-10/statements"));
	g_clear_error(&error);
	g_assert_true(outdir_check_no_pdf(od, "2026-09", &error));
}

static void
test_carry_statement(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *text = NULL;
	gboolean carried = TRUE;

	put(f, "2026-10/statements/C1.pdf", "C1 as archived");
	put(f, "2026-10/statements/C2.pdf", "C2 old");
	od = open_begun(f);
	g_assert_true(outdir_carry_statement(od, "C1", &carried, &error));
	g_assert_true(carried);
	g_assert_true(outdir_carry_statement(od, "C3", &carried, &error));
	g_assert_false(carried); /* absent: the caller renders it */
	write_rel(od, "statements/C2.pdf", "C2 new");
	write_rel(od, "statements/C3.pdf", "C3 new");
	g_assert_true(outdir_publish(od, &error));
	g_assert_no_error(error);
	text = get(f, "2026-10/statements/C1.pdf");
	g_assert_cmpstr(text, ==, "C1 as archived");
	g_clear_pointer(&text, g_free);
	text = get(f, "2026-10/statements/C2.pdf");
	g_assert_cmpstr(text, ==, "C2 new");
}

static void
test_list_files(Fixture *f, gconstpointer data)
{
	g_autoptr(Outdir) od = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) files = NULL;
	static const char *const expected[] = {
		"credits.csv", "statements/C1.pdf", "statements/C10.pdf", "statements/C2.pdf",
		"summary.csv",
	};

	od = open_begun(f);
	for (gsize i = G_N_ELEMENTS(expected); i-- > 0;)
		write_rel(od, expected[i], "x");
	/* twice: a listing leaves nothing behind that changes the next one */
	for (int round = 0; round < 2; round++) {
		files = outdir_list_files(od, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(files->len, ==, G_N_ELEMENTS(expected));
		for (gsize i = 0; i < G_N_ELEMENTS(expected); i++)
			g_assert_cmpstr(files->pdata[i], ==, expected[i]);
		g_clear_pointer(&files, g_ptr_array_unref);
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, setup, fn, teardown)
	ADD("/outdir/lock/refuses-second-open-file", test_lock_second_fd);
	ADD("/outdir/lock/refuses-other-process-naming-it", test_lock_other_process);
	ADD("/outdir/lock/killed-run-leaves-previous-and-no-temp", test_killed_run);
	ADD("/outdir/stale/removed-on-open-links-not-followed", test_stale_removed);
	ADD("/outdir/stale/removes-leftover-with-own-pid", test_begin_twice_same_pid);
	ADD("/outdir/publish/first-is-rename", test_publish_first);
	ADD("/outdir/publish/replaces-whole-folder", test_publish_replaces);
	ADD("/outdir/abort/leaves-previous-intact", test_abort_keeps_previous);
	ADD("/outdir/write/failure-is-output-error", test_write_failure);
	ADD("/outdir/open/permission-denied-is-output-error", test_permission_denied);
	ADD("/outdir/no-pdf/refused-over-statements", test_no_pdf_check);
	ADD("/outdir/customer/carries-other-statements", test_carry_statement);
	ADD("/outdir/list/sorted-relative-paths", test_list_files);
#undef ADD
	return g_test_run();
}
