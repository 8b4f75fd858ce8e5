/* SPDX-License-Identifier: MIT
 *
 * manifest.json with json-glib.  Outputs are hashed from the files on disk in the
 * temporary month folder just before publication, so the manifest proves what was
 * written, whatever module wrote it; inputs are hashed by ingest as it reads them.
 * Only values that follow from the inputs and the content options go in: --jobs,
 * --out, the clock and the host do not, so manifests of identical runs are identical.
 */
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

G_DEFINE_QUARK(slareport-manifest-error-quark, manifest_error)

#define HASH_BLOCK 16384

/* Feeds the rest of @fd to @sum; FALSE with errno set on a read error. */
static gboolean
hash_fd(int fd, GChecksum *sum, gint64 *size)
{
	guchar buf[HASH_BLOCK];
	ssize_t n;

	*size = 0;
	while ((n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return FALSE;
		g_checksum_update(sum, buf, n);
		*size += n;
	}
	return TRUE;
}

gboolean
manifest_hash_file(const char *path, const char *name, FileDigest *out, GError **error)
{
	g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
	gint64 size;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || !hash_fd(fd, sum, &size)) {
		int errsv = errno;

		if (fd >= 0)
			close(fd);
		g_set_error(error, MANIFEST_ERROR, MANIFEST_ERROR_READ, "%s: cannot read: %s", path,
			    g_strerror(errsv));
		return FALSE;
	}
	close(fd);
	out->name = g_strdup(name);
	out->size = size;
	g_strlcpy(out->sha256, g_checksum_get_string(sum), sizeof out->sha256);
	return TRUE;
}

/* "# version 2025b" on the first line of tzdata.zi (the tz project's own text), or the
 * "+VERSION" file some systems ship. */
char *
manifest_tzdata_version(void)
{
	const char *dir = g_getenv("TZDIR");
	g_autofree char *zi = NULL;
	g_autofree char *plus = NULL;
	g_autofree char *text = NULL;

	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	zi = g_build_filename(dir, "tzdata.zi", NULL);
	plus = g_build_filename(dir, "+VERSION", NULL);
	if (g_file_get_contents(zi, &text, NULL, NULL) && g_str_has_prefix(text, "# version ")) {
		char *v = text + strlen("# version ");

		v[strcspn(v, "\r\n")] = '\0';
		if (*v != '\0')
			return g_strdup(g_strstrip(v));
	}
	g_clear_pointer(&text, g_free);
	if (g_file_get_contents(plus, &text, NULL, NULL) && *g_strstrip(text) != '\0')
		return g_steal_pointer(&text);
	return g_strdup("unknown");
}

static int
compare_files(gconstpointer a, gconstpointer b)
{
	const FileDigest *x = *(const FileDigest *const *)a;
	const FileDigest *y = *(const FileDigest *const *)b;

	return strcmp(x->name, y->name);
}

/* A statement's customer: its file name less ".pdf" ("statements/C1.pdf" -> C1). */
static char *
statement_customer(const char *path)
{
	if (!g_str_has_prefix(path, "statements/") || !g_str_has_suffix(path, ".pdf") ||
	    strchr(path + strlen("statements/"), '/') != NULL)
		return NULL;
	return g_strndup(path + strlen("statements/"),
			 strlen(path) - strlen("statements/") - strlen(".pdf"));
}

static void
add_string(JsonBuilder *b, const char *key, const char *value)
{
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(b, value);
}

static void
add_int(JsonBuilder *b, const char *key, gint64 value)
{
	json_builder_set_member_name(b, key);
	json_builder_add_int_value(b, value);
}

static void
add_bool(JsonBuilder *b, const char *key, gboolean value)
{
	json_builder_set_member_name(b, key);
	json_builder_add_boolean_value(b, value);
}

static void
add_files(JsonBuilder *b, const char *member, const char *key, const GArray *files,
	  gboolean outputs)
{
	g_autoptr(GPtrArray) sorted = g_ptr_array_new();

	for (guint i = 0; files != NULL && i < files->len; i++) {
		FileDigest *f = &g_array_index(files, FileDigest, i);

		/* the manifest does not describe itself (nor one an earlier attempt wrote) */
		if (!outputs || strcmp(f->name, "manifest.json") != 0)
			g_ptr_array_add(sorted, f);
	}
	g_ptr_array_sort(sorted, compare_files);

	json_builder_set_member_name(b, member);
	json_builder_begin_array(b);
	for (guint i = 0; i < sorted->len; i++) {
		const FileDigest *f = sorted->pdata[i];
		g_autofree char *customer = outputs ? statement_customer(f->name) : NULL;

		json_builder_begin_object(b);
		add_string(b, key, f->name);
		add_int(b, "size", f->size);
		add_string(b, "sha256", f->sha256);
		if (customer != NULL)
			add_string(b, "customer", customer);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
}

char *
manifest_to_json(const ManifestInfo *info, const GArray *inputs, const GArray *outputs)
{
	g_autoptr(JsonBuilder) b = json_builder_new();
	g_autoptr(JsonGenerator) gen = json_generator_new();
	g_autoptr(JsonNode) root = NULL;
	g_autofree char *text = NULL;

	json_builder_begin_object(b);
	add_int(b, "format", MANIFEST_FORMAT);
	add_string(b, "program", "slareport");
	add_string(b, "version", info->version);
	add_string(b, "month", info->month);

	json_builder_set_member_name(b, "options");
	json_builder_begin_object(b);
	add_string(b, "issue_date", info->issue_date);
	add_bool(b, "allow_rejects", info->allow_rejects);
	add_bool(b, "no_pdf", info->no_pdf);
	/* an empty list: every customer's statement was rendered by this run */
	json_builder_set_member_name(b, "customers");
	json_builder_begin_array(b);
	for (guint i = 0; info->customers != NULL && info->customers[i] != NULL; i++)
		json_builder_add_string_value(b, info->customers[i]);
	json_builder_end_array(b);
	json_builder_end_object(b);

	add_string(b, "tzdata", info->tzdata);
	add_files(b, "inputs", "name", inputs, FALSE);
	add_files(b, "outputs", "path", outputs, TRUE);
	json_builder_end_object(b);

	root = json_builder_get_root(b);
	json_generator_set_root(gen, root);
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_indent(gen, 2);
	text = json_generator_to_data(gen, NULL);
	return g_strconcat(text, "\n", NULL);
}

gboolean
manifest_write(const Outdir *od, const ManifestInfo *info, const GArray *inputs,
	       GError **error)
{
	g_autofree char *json = NULL;

	/* the folder's files were hashed as they were written: nothing is read back */
	json = manifest_to_json(info, inputs, outdir_digests(od));
	return outdir_write_file(od, "manifest.json", json, strlen(json), error);
}
