/* SPDX-License-Identifier: MIT
 *
 * The output root: its lock, the temporary month folder and its publication.
 * Everything works relative to a descriptor of the root, so a run keeps writing
 * where it started even if the root is renamed under it.  The lock is flock(2) on
 * OUT/.lock: the kernel drops it when the process dies, even by kill -9, so a lock is
 * never stale; only its text (who holds it) may be.  The file is never removed
 * (removing it would let two runs lock two different files).  rename(2) cannot
 * replace a non-empty folder, hence renameat2(RENAME_EXCHANGE) (glib-facts.md).
 */
#include "outdir.h"

#include "digest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

G_DEFINE_QUARK(slareport-outdir-error-quark, outdir_error)

#define LOCK_NAME ".lock"

struct _Outdir {
	char *root;      /* as given, for messages */
	int root_fd;
	int lock_fd;
	gboolean locked;
	char *month;     /* "YYYY-MM" once begun */
	char *temp_name; /* ".YYYY-MM.tmp-PID" once begun */
	int temp_fd;     /* -1 until begun, and after publication */
	GMutex mutex;    /* guards digests: files are written from several threads */
	GArray *digests; /* FileDigest of every file written or carried into the folder */
};

/* ==== Errors ===================================================================== */

static gboolean
fail_errno(GError **error, int errsv, const char *what, const char *path)
{
	g_set_error(error, OUTDIR_ERROR, OUTDIR_ERROR_FAILED, "%s: %s: %s", path, what,
		    g_strerror(errsv));
	return FALSE;
}

/* Same, with the path given as parts under the root. */
static gboolean
fail_at(GError **error, int errsv, const char *what, const Outdir *od, const char *name,
	const char *rel)
{
	g_autofree char *path = g_build_filename(od->root, name, rel, NULL);

	return fail_errno(error, errsv, what, path);
}

/* ==== Trees ====================================================================== */

/* Called after the children of a folder (post-order); @rel is the path from the
 * walk's start, "" for the start itself. */
typedef gboolean (*TreeVisit)(int dirfd, const char *name, const char *rel, gboolean is_dir,
			      gpointer data, GError **error);

typedef struct {
	const char *display; /* the start's path, for messages */
	TreeVisit visit;
	gpointer data;
} Walk;

/* A descriptor of its own for fdopendir: a dup() would share the reading position,
 * and a second walk of the same folder would find it at its end. */
static int
reopen_dir(int fd)
{
	return openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static gboolean walk_at(const Walk *w, int dirfd, const char *name, const char *rel,
			GError **error);

static gboolean
walk_children(const Walk *w, int fd, const char *rel, GError **error)
{
	DIR *dir;
	struct dirent *de;
	gboolean ok = TRUE;
	int dfd = reopen_dir(fd);

	if (dfd < 0 || (dir = fdopendir(dfd)) == NULL) {
		int errsv = errno;
		g_autofree char *path = g_build_filename(w->display, rel, NULL);

		if (dfd >= 0)
			close(dfd);
		return fail_errno(error, errsv, "cannot read folder", path);
	}
	while (ok && (errno = 0, de = readdir(dir)) != NULL) {
		g_autofree char *child = NULL;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		child = *rel ? g_build_filename(rel, de->d_name, NULL) : g_strdup(de->d_name);
		ok = walk_at(w, fd, de->d_name, child, error);
	}
	if (ok && errno != 0) {
		int errsv = errno;
		g_autofree char *path = g_build_filename(w->display, rel, NULL);

		ok = fail_errno(error, errsv, "cannot read folder", path);
	}
	closedir(dir);
	return ok;
}

/* Walks @name in @dirfd without following symbolic links. */
static gboolean
walk_at(const Walk *w, int dirfd, const char *name, const char *rel, GError **error)
{
	struct stat st;
	int fd;
	gboolean ok;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		int errsv = errno;
		g_autofree char *path = g_build_filename(w->display, rel, NULL);

		return fail_errno(error, errsv, "cannot read", path);
	}
	if (!S_ISDIR(st.st_mode))
		return w->visit(dirfd, name, rel, FALSE, w->data, error);
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int errsv = errno;
		g_autofree char *path = g_build_filename(w->display, rel, NULL);

		return fail_errno(error, errsv, "cannot open folder", path);
	}
	ok = walk_children(w, fd, rel, error);
	close(fd);
	return ok && w->visit(dirfd, name, rel, TRUE, w->data, error);
}

static gboolean
walk_tree(int dirfd, const char *name, const char *display, TreeVisit visit, gpointer data,
	  GError **error)
{
	Walk w = { display, visit, data };

	return walk_at(&w, dirfd, name, "", error);
}

static gboolean
visit_remove(int dirfd, const char *name, const char *rel, gboolean is_dir, gpointer data,
	     GError **error)
{
	if (unlinkat(dirfd, name, is_dir ? AT_REMOVEDIR : 0) < 0) {
		int errsv = errno;
		g_autofree char *path = g_build_filename(data, rel, NULL);

		return fail_errno(error, errsv, "cannot remove", path);
	}
	return TRUE;
}

/* Removes @name in @dirfd and everything below it; a missing one is no error. */
static gboolean
remove_tree(int dirfd, const char *name, const char *display, GError **error)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT)
		return TRUE;
	return walk_tree(dirfd, name, display, visit_remove, (gpointer)display, error);
}

static gboolean
visit_sync(int dirfd, const char *name, const char *rel, gboolean is_dir, gpointer data,
	   GError **error)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int errsv;

	/* A symbolic link has no data of its own; its folder's sync covers it. */
	if (fd < 0 && errno == ELOOP)
		return TRUE;
	if (fd < 0 || fsync(fd) < 0) {
		g_autofree char *path = NULL;

		errsv = errno;
		path = g_build_filename(data, rel, NULL);
		if (fd >= 0)
			close(fd);
		return fail_errno(error, errsv, "cannot flush to disk", path);
	}
	close(fd);
	return TRUE;
}

static gboolean
visit_list(int dirfd, const char *name, const char *rel, gboolean is_dir, gpointer data,
	   GError **error)
{
	if (!is_dir)
		g_ptr_array_add(data, g_strdup(rel));
	return TRUE;
}

/* ==== Lock ======================================================================= */

/* ".YYYY-MM.tmp-N" or ".YYYY-MM.old-N": the names only this module gives. */
static gboolean
is_temp_name(const char *s)
{
	static const char shape[] = ".dddd-dd.";

	for (gsize i = 0; i < sizeof shape - 1; i++) {
		if (shape[i] == 'd' ? !g_ascii_isdigit(s[i]) : s[i] != shape[i])
			return FALSE;
	}
	s += sizeof shape - 1;
	if (!g_str_has_prefix(s, "tmp-") && !g_str_has_prefix(s, "old-"))
		return FALSE;
	s += 4;
	if (*s == '\0')
		return FALSE;
	while (g_ascii_isdigit(*s))
		s++;
	return *s == '\0';
}

/* Under the lock every temporary folder belongs to a run that is gone. */
static void
remove_stale(Outdir *od)
{
	DIR *dir;
	struct dirent *de;
	g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func(g_free);
	int dfd = reopen_dir(od->root_fd);

	if (dfd < 0 || (dir = fdopendir(dfd)) == NULL) {
		if (dfd >= 0)
			close(dfd);
		return; /* the run fails soon enough on the same folder */
	}
	while ((de = readdir(dir)) != NULL) {
		if (is_temp_name(de->d_name))
			g_ptr_array_add(stale, g_strdup(de->d_name));
	}
	closedir(dir);
	for (guint i = 0; i < stale->len; i++) {
		g_autoptr(GError) local = NULL;
		g_autofree char *path = g_build_filename(od->root, stale->pdata[i], NULL);

		if (remove_tree(od->root_fd, stale->pdata[i], path, &local))
			g_info("removed %s, left by an interrupted run", path);
		else
			g_warning("%s", local->message);
	}
}

static char *
holder_text(void)
{
	g_autoptr(GDateTime) now = g_date_time_new_now_local();
	g_autofree char *start = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S%:z");

	return g_strdup_printf("%ld %s %s\n", (long)getpid(), g_get_host_name(), start);
}

/* "pid 123 on host, started …" from the lock file's text, as well as it reads. */
static char *
describe_holder(int fd)
{
	char buf[512];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	g_auto(GStrv) parts = NULL;

	if (n <= 0)
		return g_strdup("a run just starting");
	buf[n] = '\0';
	g_strchomp(buf);
	parts = g_strsplit(buf, " ", 3);
	if (g_strv_length(parts) != 3)
		return g_strdup_printf("\"%s\"", buf);
	return g_strdup_printf("pid %s on %s, started %s", parts[0], parts[1], parts[2]);
}

static gboolean
take_lock(Outdir *od, GError **error)
{
	g_autofree char *path = g_build_filename(od->root, LOCK_NAME, NULL);
	g_autofree char *text = NULL;

	od->lock_fd = openat(od->root_fd, LOCK_NAME, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (od->lock_fd < 0)
		return fail_errno(error, errno, "cannot open the lock file", path);
	if (flock(od->lock_fd, LOCK_EX | LOCK_NB) < 0) {
		g_autofree char *holder = NULL;

		if (errno != EWOULDBLOCK)
			return fail_errno(error, errno, "cannot lock", path);
		holder = describe_holder(od->lock_fd);
		g_set_error(error, OUTDIR_ERROR, OUTDIR_ERROR_LOCKED,
			    "%s is in use by another run: %s, lock %s (expected one run at a time "
			    "per output root; run again once it has ended)", od->root, holder, path);
		return FALSE;
	}
	od->locked = TRUE;
	text = holder_text();
	if (ftruncate(od->lock_fd, 0) < 0 ||
	    pwrite(od->lock_fd, text, strlen(text), 0) != (ssize_t)strlen(text))
		return fail_errno(error, errno, "cannot write", path);
	return TRUE;
}

Outdir *
outdir_open(const char *root, GError **error)
{
	g_autoptr(Outdir) od = g_new0(Outdir, 1);

	od->root = g_strdup(root);
	od->root_fd = od->lock_fd = od->temp_fd = -1;
	g_mutex_init(&od->mutex);
	od->digests = file_digest_array_new();
	if (g_mkdir_with_parents(root, 0777) < 0) {
		fail_errno(error, errno, "cannot create the output folder", root);
		return NULL;
	}
	od->root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (od->root_fd < 0) {
		fail_errno(error, errno, "cannot open the output folder", root);
		return NULL;
	}
	if (!take_lock(od, error))
		return NULL;
	remove_stale(od);
	return g_steal_pointer(&od);
}

static void
remove_temp(Outdir *od)
{
	g_autoptr(GError) local = NULL;
	g_autofree char *path = g_build_filename(od->root, od->temp_name, NULL);

	if (!remove_tree(od->root_fd, od->temp_name, path, &local))
		g_warning("%s (the next run removes it)", local->message);
}

void
outdir_free(Outdir *od)
{
	if (od == NULL)
		return;
	if (od->temp_fd >= 0) {
		close(od->temp_fd);
		remove_temp(od);
	}
	if (od->lock_fd >= 0) {
		/* clear who held it, so that the text never outlives the lock */
		if (od->locked && ftruncate(od->lock_fd, 0) < 0)
			g_debug("%s/%s: %s", od->root, LOCK_NAME, g_strerror(errno));
		close(od->lock_fd); /* releases the lock */
	}
	if (od->root_fd >= 0)
		close(od->root_fd);
	g_free(od->root);
	g_free(od->month);
	g_free(od->temp_name);
	g_array_unref(od->digests);
	g_mutex_clear(&od->mutex);
	g_free(od);
}

/* ==== The month folder ============================================================ */

gboolean
outdir_check_no_pdf(const Outdir *od, const char *month, GError **error)
{
	g_autofree char *rel = g_build_filename(month, "statements", NULL);
	int fd = openat(od->root_fd, rel, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;
	struct dirent *de;
	gboolean found = FALSE;

	if (fd < 0)
		return TRUE; /* no statements folder, nothing to lose */
	dir = fdopendir(fd);
	if (dir == NULL) {
		close(fd);
		return TRUE;
	}
	while (!found && (de = readdir(dir)) != NULL)
		found = g_str_has_suffix(de->d_name, ".pdf");
	closedir(dir);
	if (found) {
		g_autofree char *path = g_build_filename(od->root, rel, NULL);

		g_set_error(error, OUTDIR_ERROR, OUTDIR_ERROR_REFUSED,
			    "--no-pdf would drop the statements already in %s; run without it, "
			    "or move the folder away first", path);
		return FALSE;
	}
	return TRUE;
}

gboolean
outdir_begin(Outdir *od, const char *month, gboolean statements, GError **error)
{
	g_return_val_if_fail(od->temp_name == NULL, FALSE);

	od->month = g_strdup(month);
	od->temp_name = g_strdup_printf(".%s.tmp-%ld", month, (long)getpid());
	if (mkdirat(od->root_fd, od->temp_name, 0777) < 0)
		return fail_at(error, errno, "cannot create folder", od, od->temp_name, NULL);
	od->temp_fd = openat(od->root_fd, od->temp_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (od->temp_fd < 0) {
		int errsv = errno;

		fail_at(error, errsv, "cannot open folder", od, od->temp_name, NULL);
		remove_temp(od);
		return FALSE;
	}
	if (statements && mkdirat(od->temp_fd, "statements", 0777) < 0)
		return fail_at(error, errno, "cannot create folder", od, od->temp_name, "statements");
	return TRUE;
}

char *
outdir_path(const Outdir *od, const char *relpath)
{
	g_return_val_if_fail(od->temp_name != NULL, NULL);
	return g_build_filename(od->root, od->temp_name, relpath, NULL);
}

/* Adds @digest (taken) to the folder's list, replacing one of the same name. */
static void
record(const Outdir *od, FileDigest *digest)
{
	Outdir *mutable = (Outdir *)od;

	g_mutex_lock(&mutable->mutex);
	for (guint i = 0; i < od->digests->len; i++) {
		FileDigest *f = &g_array_index(od->digests, FileDigest, i);

		if (strcmp(f->name, digest->name) == 0) {
			file_digest_clear(f);
			*f = *digest;
			g_mutex_unlock(&mutable->mutex);
			return;
		}
	}
	g_array_append_val(mutable->digests, *digest);
	g_mutex_unlock(&mutable->mutex);
}

/* Records the digest of a file put into the folder by other means than writing. */
static gboolean
record_file(const Outdir *od, const char *relpath, GError **error)
{
	g_autofree char *path = g_build_filename(od->root, od->temp_name, relpath, NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) local = NULL;
	FileDigest digest;
	gsize len;

	if (!g_file_get_contents(path, &data, &len, &local)) {
		g_set_error(error, OUTDIR_ERROR, OUTDIR_ERROR_FAILED, "%s", local->message);
		return FALSE;
	}
	file_digest_set(&digest, relpath, data, len);
	record(od, &digest);
	return TRUE;
}

const GArray *
outdir_digests(const Outdir *od)
{
	return od->digests;
}

gboolean
outdir_write_file(const Outdir *od, const char *relpath, const void *data, gsize len,
		  GError **error)
{
	const char *p = data;
	FileDigest digest;
	int fd;

	g_return_val_if_fail(od->temp_fd >= 0, FALSE);
	/* hashed from memory now rather than read back for the manifest later */
	file_digest_set(&digest, relpath, data, len);
	record(od, &digest);
	fd = openat(od->temp_fd, relpath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return fail_at(error, errno, "cannot create", od, od->temp_name, relpath);
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int errsv = errno;

			close(fd);
			return fail_at(error, errsv, "cannot write", od, od->temp_name, relpath);
		}
		p += n;
		len -= (gsize)n;
	}
	if (close(fd) < 0)
		return fail_at(error, errno, "cannot write", od, od->temp_name, relpath);
	return TRUE;
}

static gboolean
copy_statement(const Outdir *od, const char *from, const char *to, GError **error)
{
	g_autofree char *from_path = g_build_filename(od->root, from, NULL);
	g_autofree char *to_path = g_build_filename(od->root, od->temp_name, to, NULL);
	g_autoptr(GFile) src = g_file_new_for_path(from_path);
	g_autoptr(GFile) dst = g_file_new_for_path(to_path);
	g_autoptr(GError) local = NULL;

	if (!g_file_copy(src, dst, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &local)) {
		g_set_error(error, OUTDIR_ERROR, OUTDIR_ERROR_FAILED, "cannot copy %s to %s: %s",
			    from_path, to_path, local->message);
		return FALSE;
	}
	return TRUE;
}

gboolean
outdir_carry_statement(const Outdir *od, const char *customer_id, gboolean *carried,
		       GError **error)
{
	g_autofree char *file = g_strconcat(customer_id, ".pdf", NULL);
	g_autofree char *to = g_build_filename("statements", file, NULL);
	g_autofree char *from = g_build_filename(od->month, to, NULL);

	g_return_val_if_fail(od->temp_fd >= 0, FALSE);
	*carried = FALSE;
	if (linkat(od->root_fd, from, od->temp_fd, to, 0) == 0) {
		*carried = TRUE;
		return record_file(od, to, error);
	}
	switch (errno) {
	case ENOENT:
		return TRUE;
	case EXDEV: case EPERM: case EMLINK: case EOPNOTSUPP:
		/* a file system without hard links: a copy does the same */
		if (!copy_statement(od, from, to, error))
			return FALSE;
		*carried = TRUE;
		return record_file(od, to, error);
	default:
		return fail_at(error, errno, "cannot carry over", od, from, NULL);
	}
}

static int
compare_paths(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *
outdir_list_files(const Outdir *od, GError **error)
{
	g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func(g_free);
	g_autofree char *display = NULL;

	g_return_val_if_fail(od->temp_fd >= 0, NULL);
	display = g_build_filename(od->root, od->temp_name, NULL);
	if (!walk_children(&(Walk){ display, visit_list, files }, od->temp_fd, "", error))
		return NULL;
	g_ptr_array_sort(files, compare_paths);
	return g_steal_pointer(&files);
}

/* Swaps the temporary folder in; on return the old content (if any) is at *old_name
 * (transfer full), still to be removed. */
static gboolean
swap_in(Outdir *od, char **old_name, GError **error)
{
	struct stat st;
	g_autofree char *old = NULL;

	*old_name = NULL;
	if (fstatat(od->root_fd, od->month, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno != ENOENT)
			return fail_at(error, errno, "cannot read", od, od->month, NULL);
		/* first publication: nothing to replace (and the lock keeps others out) */
		if (renameat(od->root_fd, od->temp_name, od->root_fd, od->month) < 0)
			return fail_at(error, errno, "cannot rename into place", od, od->temp_name, NULL);
		return TRUE;
	}
	if (renameat2(od->root_fd, od->temp_name, od->root_fd, od->month, RENAME_EXCHANGE) == 0) {
		*old_name = g_strdup(od->temp_name);
		return TRUE;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return fail_at(error, errno, "cannot swap into place", od, od->temp_name, NULL);
	/* A file system without RENAME_EXCHANGE: two renames, with a moment where the
	 * month is missing but never half-written. */
	old = g_strdup_printf(".%s.old-%ld", od->month, (long)getpid());
	if (renameat(od->root_fd, od->month, od->root_fd, old) < 0)
		return fail_at(error, errno, "cannot move aside", od, od->month, NULL);
	if (renameat(od->root_fd, od->temp_name, od->root_fd, od->month) < 0) {
		int errsv = errno;

		if (renameat(od->root_fd, old, od->root_fd, od->month) < 0)
			g_warning("%s/%s holds the previous %s: %s", od->root, old, od->month,
				  g_strerror(errno));
		return fail_at(error, errsv, "cannot rename into place", od, od->temp_name, NULL);
	}
	*old_name = g_steal_pointer(&old);
	return TRUE;
}

gboolean
outdir_publish(Outdir *od, GError **error)
{
	g_autofree char *display = NULL;
	g_autofree char *old = NULL;

	g_return_val_if_fail(od->temp_fd >= 0, FALSE);
	display = g_build_filename(od->root, od->temp_name, NULL);
	/* A power cut after the rename must not find a folder whose files are still in
	 * the page cache: flush all of it first, with one syncfs for the file system
	 * rather than an fsync per file (ten thousand of them cost seconds); where syncfs
	 * is refused, file by file. */
	if (syncfs(od->temp_fd) < 0 &&
	    (errno != ENOSYS ||
	     !walk_tree(od->root_fd, od->temp_name, display, visit_sync, display, error))) {
		if (errno != ENOSYS)
			return fail_errno(error, errno, "cannot flush to disk", display);
		return FALSE;
	}
	if (!swap_in(od, &old, error))
		return FALSE;
	close(od->temp_fd);
	od->temp_fd = -1;
	/* Published: what follows cannot undo it, so failures are only warnings. */
	if (fsync(od->root_fd) < 0)
		g_warning("%s: cannot flush to disk: %s", od->root, g_strerror(errno));
	if (old != NULL) {
		g_autofree char *path = g_build_filename(od->root, old, NULL);
		g_autoptr(GError) local = NULL;

		if (!remove_tree(od->root_fd, old, path, &local))
			g_warning("%s (the next run removes it)", local->message);
	}
	return TRUE;
}
