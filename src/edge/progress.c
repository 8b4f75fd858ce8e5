/* SPDX-License-Identifier: MIT
 *
 * Standard error of a run: a GLib log writer and a progress counter sharing one lock,
 * so a warning printed while the bar is drawn erases the bar, prints its line and
 * draws the bar again below it.  The state is process-wide because GLib's log writer
 * is.  This module does not decide what is an error: callers log, it prints.
 */
#include "progress.h"

#include <unistd.h>

#define BAR_WIDTH 30
#define LINE_EVERY 100

struct _Progress {
	char *noun;
	guint total;
	guint done;
	int drawn_permille; /* last bar drawn, -1 = none */
};

static struct {
	GMutex lock;
	ProgressLevel level;
	FILE *stream;
	gboolean terminal;
	Progress *bar; /* the one being drawn, or NULL */
} out = { .level = PROGRESS_NORMAL };

/* ==== Drawing (under out.lock) ==================================================== */

static void
erase_bar(void)
{
	if (out.bar != NULL && out.bar->drawn_permille >= 0)
		fputs("\r\033[K", out.stream);
}

static void
draw_bar(Progress *p)
{
	int permille = p->total == 0 ? 1000 : (int)((guint64)p->done * 1000 / p->total);
	int filled = permille * BAR_WIDTH / 1000;
	char bar[BAR_WIDTH + 1];

	memset(bar, '#', (gsize)filled);
	memset(bar + filled, '.', (gsize)(BAR_WIDTH - filled));
	bar[BAR_WIDTH] = '\0';
	fprintf(out.stream, "\r%s [%s] %3d%% %u/%u", p->noun, bar, permille / 10, p->done,
		p->total);
	fflush(out.stream);
	p->drawn_permille = permille;
}

/* ==== Log writer =================================================================== */

static const char *
field_text(const GLogField *fields, gsize n, const char *key)
{
	for (gsize i = 0; i < n; i++) {
		if (strcmp(fields[i].key, key) == 0)
			return fields[i].length < 0 ? fields[i].value : NULL;
	}
	return NULL;
}

static GLogWriterOutput
write_log(GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer unused)
{
	const char *message = field_text(fields, n_fields, "MESSAGE");
	const char *domain = field_text(fields, n_fields, "GLIB_DOMAIN");
	gboolean ours = domain != NULL && strcmp(domain, G_LOG_DOMAIN) == 0;
	const char *tag = "";
	g_autofree char *origin = NULL;
	FILE *stream;

	if (level & PROGRESS_LOG_LEVEL_FAIL)
		tag = "error: ";
	else if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
		tag = "internal error: ";
	else if (level & G_LOG_LEVEL_WARNING)
		tag = "warning: ";
	else if (level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO)) {
		if (out.level == PROGRESS_QUIET)
			return G_LOG_WRITER_HANDLED;
	} else if (level & G_LOG_LEVEL_DEBUG) {
		/* GLib's own debugging is for GLib's developers */
		if (out.level != PROGRESS_VERBOSE || !ours)
			return G_LOG_WRITER_HANDLED;
		tag = "debug: ";
	}

	/* another library's message says whose it is */
	origin = ours || domain == NULL ? g_strdup("") : g_strdup_printf("(%s) ", domain);
	g_mutex_lock(&out.lock);
	stream = out.stream != NULL ? out.stream : stderr;
	if (out.stream != NULL)
		erase_bar();
	fprintf(stream, "slareport: %s%s%s\n", tag, origin,
		message != NULL ? message : "(no message)");
	if (out.bar != NULL && out.bar->drawn_permille >= 0)
		draw_bar(out.bar);
	fflush(stream);
	g_mutex_unlock(&out.lock);
	return G_LOG_WRITER_HANDLED;
}

void
progress_log_init_full(ProgressLevel level, FILE *stream, gboolean terminal)
{
	static gsize installed;

	g_mutex_lock(&out.lock);
	out.level = level;
	out.stream = stream;
	out.terminal = terminal;
	g_mutex_unlock(&out.lock);
	/* GLib takes one writer per process */
	if (g_once_init_enter(&installed)) {
		g_log_set_writer_func(write_log, NULL, NULL);
		g_once_init_leave(&installed, 1);
	}
}

void
progress_log_init(ProgressLevel level)
{
	progress_log_init_full(level, stderr, isatty(STDERR_FILENO));
}

/* ==== Progress ===================================================================== */

Progress *
progress_new(const char *noun, guint total)
{
	Progress *p = g_new0(Progress, 1);

	p->noun = g_strdup(noun);
	p->total = total;
	p->drawn_permille = -1;
	g_mutex_lock(&out.lock);
	if (out.bar == NULL && out.terminal && out.level != PROGRESS_QUIET && out.stream != NULL)
		out.bar = p;
	g_mutex_unlock(&out.lock);
	return p;
}

void
progress_step(Progress *p)
{
	g_mutex_lock(&out.lock);
	p->done++;
	if (out.bar == p) {
		int permille = p->total == 0 ? 1000 : (int)((guint64)p->done * 1000 / p->total);

		/* a redraw per visible change, not per item: 10 000 items draw 1 000 times */
		if (permille != p->drawn_permille)
			draw_bar(p);
	} else if (!out.terminal && out.level != PROGRESS_QUIET && out.stream != NULL &&
		   p->done % LINE_EVERY == 0) {
		fprintf(out.stream, "slareport: %u/%u %s\n", p->done, p->total, p->noun);
		fflush(out.stream);
	}
	g_mutex_unlock(&out.lock);
}

void
progress_free(Progress *p)
{
	if (p == NULL)
		return;
	g_mutex_lock(&out.lock);
	if (out.bar == p) {
		if (p->drawn_permille >= 0) {
			fputc('\n', out.stream);
			fflush(out.stream);
		}
		out.bar = NULL;
	}
	g_mutex_unlock(&out.lock);
	g_free(p->noun);
	g_free(p);
}

char *
progress_format_summary(guint statements, gint64 credit_cents, guint rejected_rows,
			gint64 elapsed_us)
{
	gint64 abs_cents = credit_cents < 0 ? -credit_cents : credit_cents;
	gint64 tenths = (elapsed_us + 50000) / 100000;

	return g_strdup_printf("%u statement%s, credit notes %s%" G_GINT64_FORMAT ".%02d in "
			       "total, %u row%s rejected, %" G_GINT64_FORMAT ".%d s",
			       statements, statements == 1 ? "" : "s", credit_cents < 0 ? "-" : "",
			       abs_cents / 100, (int)(abs_cents % 100), rejected_rows,
			       rejected_rows == 1 ? "" : "s", tenths / 10, (int)(tenths % 10));
}

void
progress_summary(guint statements, gint64 credit_cents, guint rejected_rows, gint64 elapsed_us)
{
	g_autofree char *text =
		progress_format_summary(statements, credit_cents, rejected_rows, elapsed_us);

	g_info("%s", text);
}
