/* SPDX-License-Identifier: MIT
 *
 * A file's name, size and SHA-256: what the manifest records of every input and
 * output, computed once on the bytes already in memory (nothing is read twice).
 */
#ifndef SLAREPORT_DIGEST_H
#define SLAREPORT_DIGEST_H

#include <glib.h>

typedef struct {
	char *name;      /* an input's name in the input folder ("tickets.csv"), or an
			  * output's path in the month folder ("statements/C1.pdf") */
	gint64 size;     /* bytes */
	char sha256[65]; /* lower-case hex */
} FileDigest;

/* Fills @out with a copy of @name, @len and the SHA-256 of @data. */
void file_digest_set(FileDigest *out, const char *name, const void *data, gsize len);
/* Frees the name; for g_array_set_clear_func. */
void file_digest_clear(gpointer digest);
/* A GArray of FileDigest that clears its elements (transfer full). */
GArray *file_digest_array_new(void);

#endif
