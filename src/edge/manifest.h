/* SPDX-License-Identifier: MIT
 *
 * manifest.json (outputs.md): what a month folder holds and what made it — program
 * version, month, the options that change content, the time-zone database version,
 * and the size and SHA-256 of every input and output file, with each statement's
 * customer.  The bytes depend on nothing else (no clock, host or path), so the same
 * run gives the same manifest.
 */
#ifndef SLAREPORT_MANIFEST_H
#define SLAREPORT_MANIFEST_H

#include <glib.h>

#include "digest.h"
#include "outdir.h"

#define MANIFEST_ERROR (manifest_error_quark())
GQuark manifest_error_quark(void);

typedef enum {
	MANIFEST_ERROR_READ, /* a file to hash cannot be read: exit 4 for outputs */
} ManifestError;

/* Bumped when the manifest's layout changes, for whoever reads archives years on. */
#define MANIFEST_FORMAT 1

/* Reads @path and fills @out with @name, its size and SHA-256. */
gboolean manifest_hash_file(const char *path, const char *name, FileDigest *out,
			    GError **error);

typedef struct {
	const char *version;          /* the program's, SLAREPORT_VERSION */
	const char *month;            /* "YYYY-MM" */
	const char *issue_date;       /* "YYYY-MM-DD", as resolved */
	gboolean allow_rejects;
	gboolean no_pdf;
	const char *const *customers; /* --customer ids, sorted; NULL = all */
	const char *tzdata;           /* manifest_tzdata_version() */
} ManifestInfo;

/* The host's time-zone database version ("2025b"; $TZDIR first, as GLib reads it),
 * or "unknown" (transfer full). */
char *manifest_tzdata_version(void);

/* The manifest's JSON text, newline-terminated; files are listed sorted by name
 * whatever their order in the arrays (FileDigest elements) (transfer full). */
char *manifest_to_json(const ManifestInfo *info, const GArray *inputs, const GArray *outputs);

/* Writes manifest.json into @od's temporary folder, listing every file written or
 * carried into it so far (hashed as they were written: outdir_digests). */
gboolean manifest_write(const Outdir *od, const ManifestInfo *info, const GArray *inputs,
			GError **error);

#endif
