/* SPDX-License-Identifier: MIT
 *
 * What every fuzz target shares: the two entry points libFuzzer calls (replay.c calls
 * them too, so the same target runs its seeds and regression inputs in every build),
 * and the checks on messages.  A target checks properties, not only the absence of a
 * crash: a failed check aborts, which libFuzzer reports as a crash with its input.
 */
#ifndef SLAREPORT_FUZZ_H
#define SLAREPORT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "diag.h"

/* Runs the target once on @size bytes of @data; returns 0 (libFuzzer's contract). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional set-up before the first input; returns 0. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The property that failed, then abort(): libFuzzer keeps the input as a crash. */
#define FUZZ_CHECK(cond, ...)                                                       \
	do {                                                                        \
		if (!(cond)) {                                                      \
			g_printerr("fuzz: %s:%d: %s failed: ", __FILE__, __LINE__, #cond); \
			g_printerr(__VA_ARGS__);                                    \
			g_printerr("\n");                                           \
			abort();                                                    \
		}                                                                   \
	} while (0)

/* Every diagnostic prints as one line of valid UTF-8, whatever bytes the input held,
 * and a problem ends with its "(expected …)": the messages are what the user reads
 * (and what --validate's callers parse line by line). */
static inline void
fuzz_check_diags(DiagList *diags)
{
	for (guint i = 0; i < diag_count(diags); i++) {
		const Diag *d = diag_get(diags, i);
		g_autofree char *line = diag_format(d);

		FUZZ_CHECK(g_utf8_validate(line, -1, NULL), "%s", line);
		FUZZ_CHECK(strpbrk(line, "\n\r") == NULL, "%s", line);
		/* a problem ends with what was expected, or with where its cause is */
		FUZZ_CHECK(d->severity == DIAG_WARNING || g_str_has_suffix(d->message, ")"),
			   "no (expected …) in %s", line);
		FUZZ_CHECK(d->row == NULL || g_utf8_validate(d->row, -1, NULL), "%s", line);
	}
}

#endif
