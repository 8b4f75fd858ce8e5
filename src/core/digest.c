/* SPDX-License-Identifier: MIT
 *
 * SHA-256 through GChecksum; no hashing of our own.
 */
#include "digest.h"

void
file_digest_set(FileDigest *out, const char *name, const void *data, gsize len)
{
	g_autofree char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);

	out->name = g_strdup(name);
	out->size = (gint64)len;
	g_strlcpy(out->sha256, sum, sizeof(out->sha256));
}

void
file_digest_clear(gpointer digest)
{
	FileDigest *f = digest;

	g_clear_pointer(&f->name, g_free);
}

GArray *
file_digest_array_new(void)
{
	GArray *array = g_array_new(FALSE, TRUE, sizeof(FileDigest));

	g_array_set_clear_func(array, file_digest_clear);
	return array;
}
