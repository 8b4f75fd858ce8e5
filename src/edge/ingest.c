/* SPDX-License-Identifier: MIT
 *
 * The input folder into a Dataset.  Each file is read once (its size and SHA-256
 * taken on the way for the manifest): plans.ini whole, the CSV files in blocks
 * (see "Blocks").  Rows are checked in file order against the files before them: a
 * row naming a rejected row is rejected with its own reason, and a rejected row
 * knows its customer at once.  What a value means for the month is the core's.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest.h"

#include "csv-reader.h"
#include "import.h"
#include "parse.h"
#include "plans.h"

G_DEFINE_QUARK(slareport-ingest-error-quark, ingest_error)

/* The rows of one file by id: for duplicates, and for the files that refer to it.
 * A file that later files look up often (customers, services) keeps a hash table of
 * its ids.  One looked up rarely (tickets: only outages name one) keeps none while
 * its ids come in byte order, as exports usually do: a new id is then simply greater
 * than the last one, and a row is found by binary search.  Millions of tickets so
 * cost neither the memory of a table nor a lookup each. */
typedef struct {
	const char *file;     /* "customers.csv" */
	const char *what;     /* "customer" */
	GArray *rows;         /* the dataset's array of kept rows (each starts with its id) */
	gsize line_offset;    /* of the `line` field in a row */
	GHashTable *kept;     /* id -> GUINT_TO_POINTER(index in @rows + 1); NULL while
			       * the ids come in order in a table without one */
	const char *last;     /* without @kept: the last id filed, kept or rejected */
	GHashTable *rejected; /* id of a rejected row -> GUINT_TO_POINTER(its line) */
	GHashTable *owner;    /* id of a rejected row -> its customer id (NULL: unknown) */
	gboolean complete;    /* the file was read to its end: an id not found is unknown */
} Table;

/* table_id reads a row's id at its very start. */
G_STATIC_ASSERT(G_STRUCT_OFFSET(Customer, id) == 0 && G_STRUCT_OFFSET(Service, id) == 0 &&
		G_STRUCT_OFFSET(Ticket, id) == 0 && G_STRUCT_OFFSET(Outage, id) == 0 &&
		G_STRUCT_OFFSET(Maintenance, id) == 0);

typedef struct _Reading Reading;

typedef struct {
	DiagList *diags;
	Dataset *ds;
	ParseZone zone;        /* a model: each block works on a copy, and the last
				* block done hands its day cache on */
	const char *zone_name;
	gboolean plans_known;  /* plans.ini was read: plan ids can be checked */
	gboolean fatal;
	gsize block_size;
	const char *file;      /* the file being read */
	const Reading *reading;
	GPtrArray *spare;      /* Block*: done with, for the next blocks of the file */
	GHashTable *labels;    /* TicketLabels kept, each once (the dataset owns them) */
	Table customers;
	Table services;
	Table tickets;
	Table outages;     /* for duplicate ids only */
	Table maintenance; /* for duplicate ids only */
	GHashTable *folded;    /* lower-case customer id -> GUINT_TO_POINTER(first line) */
	GHashTable *folded_id; /* lower-case customer id -> the id as first written */
	ImportSet *import;     /* import.ini: files read from the provider's own exports */
} Ingest;

/* The problems of the row being read: on a worker thread, into its block's list;
 * back in file order, into the run's. */
typedef struct {
	Ingest *in;          /* read only, on a worker thread */
	const CsvRecord *rec; /* NULL back in file order */
	const CsvColumn *columns;
	DiagList *diags;
	GStringChunk *strings; /* where the row's strings go */
	ParseZone *zone;
	gint *last_ref;      /* per column: the row the last reference found, or -1 */
	GHashTable *labels;  /* BlockLabels met in the block, owned, each once */
	guint line;
	const char *raw;
	gsize raw_len;
	char *text;          /* the raw row as UTF-8, made at its first problem */
	gboolean rejected;
} Row;

/* What the worker found of a row, for the check in file order. */
typedef struct {
	guint line;
	const char *raw;     /* in the reader's text, alive until the block is done */
	gsize raw_len;
	gboolean broken;
	gboolean rejected;
	const char *id;      /* its own id, in the block's strings; NULL if not readable */
	guint key_at;        /* its problems before the check of its id, in the block's
			      * list (those before it are the earlier rows') */
	guint end;           /* and where they end */
	const char *customer_id; /* whose row it is, when known (for rejects) */
	gboolean everyone;   /* a window of every service: every customer's */
} Mark;

/* A CSV file type: its columns and how a row is read. */
typedef struct {
	const char *name;
	const CsvColumn *columns;
	guint n_columns;
	gsize size;         /* of its row struct (model.h) */
	int key;            /* the column of the row's own id */
	gboolean customers; /* customers.csv: the row is its own customer, ids checked for case */
	void (*read)(Row *r, gpointer row, Mark *m); /* on a worker thread */
	void (*keep)(gpointer row);                  /* in file order, a row kept; may be NULL */
} Kind;

/* The file being read. */
struct _Reading {
	const Kind *kind;
	Table *table;
	GArray *rows;  /* the dataset's */
};

/* A block of rows, read on a worker thread. */
typedef struct {
	Ingest *in;
	const Reading *reading;
	GArray *rows;          /* the kind's row struct, one per record */
	GArray *marks;         /* Mark, one per record */
	GStringChunk *strings; /* handed to the dataset once the block is done */
	ParseZone zone;        /* its own: parse_timestamp fills its day cache */
	gint last_ref[CSV_MAX_COLUMNS]; /* see table_ref */
	GHashTable *labels;    /* BlockLabels: see row_labels */
} Block;

/* @hashed: later files look the ids up often (see Table). */
static void
table_init(Table *t, const char *file, const char *what, GArray *rows, gsize line_offset,
	   gboolean hashed)
{
	t->file = file;
	t->what = what;
	t->rows = rows;
	t->line_offset = line_offset;
	t->kept = hashed ? g_hash_table_new(g_str_hash, g_str_equal) : NULL;
	t->rejected = g_hash_table_new(g_str_hash, g_str_equal);
	t->owner = g_hash_table_new(g_str_hash, g_str_equal);
}

static void
table_clear(Table *t)
{
	g_clear_pointer(&t->kept, g_hash_table_unref);
	g_hash_table_unref(t->rejected);
	g_hash_table_unref(t->owner);
}

/* The line of kept row @index. */
static guint
table_line(const Table *t, guint index)
{
	const char *row = t->rows->data + (gsize)index * g_array_get_element_size(t->rows);

	return *(const guint *)(const void *)(row + t->line_offset);
}

static const char *
table_id(const Table *t, guint index)
{
	return *(const char *const *)(const void *)(t->rows->data +
						    (gsize)index * g_array_get_element_size(t->rows));
}

/* The index of the kept row @id, or -1. */
static gint
table_find(const Table *t, const char *id)
{
	guint lo = 0, hi = t->rows->len;

	if (t->kept != NULL)
		return (gint)GPOINTER_TO_UINT(g_hash_table_lookup(t->kept, id)) - 1;
	while (lo < hi) {
		guint mid = lo + (hi - lo) / 2;
		int c = strcmp(id, table_id(t, mid));

		if (c == 0)
			return (gint)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* A table without a hash table meets an id out of order: it needs one from now on. */
static void
table_hash(Table *t)
{
	t->kept = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < t->rows->len; i++)
		g_hash_table_insert(t->kept, (gpointer)table_id(t, i), GUINT_TO_POINTER(i + 1));
}

/* ==== Rows ====================================================================== */

/* A row on a worker thread, for @rec of @b. */
static void
row_init(Row *r, Block *b, const CsvRecord *rec)
{
	*r = (Row){
		.in = b->in, .rec = rec, .columns = b->reading->kind->columns, .diags = rec->diags,
		.strings = b->strings, .zone = &b->zone, .last_ref = b->last_ref, .labels = b->labels,
		.line = rec->line,
		.raw = rec->raw, .raw_len = rec->raw_len, .rejected = rec->problem,
	};
}

/* Reports a problem of the row, under column @col (-1: the whole row). */
static void G_GNUC_PRINTF(3, 4)
row_problem(Row *r, int col, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list ap;

	va_start(ap, format);
	message = g_strdup_vprintf(format, ap);
	va_end(ap);
	if (r->text == NULL) {
		CsvRecord rec = { .raw = r->raw, .raw_len = r->raw_len };

		r->text = csv_reader_record_text(&rec);
	}
	diag_add(r->diags, DIAG_ERROR, r->in->file, r->line, col >= 0 ? r->columns[col].name : NULL,
		 r->text, "%s", message);
	r->rejected = TRUE;
}

static gboolean
row_fail(Row *r, int col, const GError *error)
{
	row_problem(r, col, "%s", error->message);
	return FALSE;
}

static void
count_reject(GHashTable *counts, const char *customer_id)
{
	guint n = GPOINTER_TO_UINT(g_hash_table_lookup(counts, customer_id));

	g_hash_table_insert(counts, (gpointer)customer_id, GUINT_TO_POINTER(n + 1));
}

/* Counts a rejected row against @customer_id (NULL: unknown; @everyone: a window for
 * every service) and names the customer in its problems, from @first of the run's
 * list on.  Frees the row's text. */
static void
row_finish(Row *r, guint first, const char *customer_id, gboolean everyone)
{
	Dataset *ds = r->in->ds;

	if (r->rejected) {
		if (customer_id != NULL)
			customer_id = g_string_chunk_insert_const(ds->strings, customer_id);
		for (guint i = first; i < diag_count(r->in->diags); i++)
			if (diag_get(r->in->diags, i)->severity == DIAG_ERROR)
				diag_set_customer(r->in->diags, i, customer_id);
		if (everyone)
			for (guint i = 0; i < ds->customers->len; i++)
				count_reject(ds->rejected_by_customer, dataset_customer(ds, i)->id);
		else if (customer_id != NULL)
			count_reject(ds->rejected_by_customer, customer_id);
	}
	g_clear_pointer(&r->text, g_free);
}

/* The value of column @col, NULL when not given or not text (already reported). */
static const char *
row_get(Row *r, int col, gboolean required)
{
	const char *v = r->rec->values[col];

	if (r->rec->bad & (G_GUINT64_CONSTANT(1) << col))
		return NULL;
	if (v == NULL && required)
		row_problem(r, col, "empty (expected a value: the column is required)");
	return v;
}

/* An id, valid during the callback only (row_key or row_ref keep it); NULL when not
 * given or wrong (reported). */
static const char *
row_id(Row *r, int col, gboolean required)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, required);

	if (v == NULL)
		return NULL;
	if (!parse_id(v, &error)) {
		row_fail(r, col, error);
		return NULL;
	}
	return v;
}

/* @s kept once in the block's strings (words many rows share); NULL stays NULL. */
static const char *
intern(Row *r, const char *s)
{
	return s != NULL ? g_string_chunk_insert_const(r->strings, s) : NULL;
}

/* Free text, copied into the block's strings. */
static const char *
row_text(Row *r, int col, gboolean required)
{
	const char *v = row_get(r, col, required);

	return v != NULL ? g_string_chunk_insert(r->strings, v) : NULL;
}

static guint
labels_hash(gconstpointer p)
{
	const TicketLabels *l = p;
	const char *const words[] = { l->priority, l->impact, l->urgency, l->category };
	guint h = 0;

	for (gsize i = 0; i < G_N_ELEMENTS(words); i++)
		h = h * 31 + (words[i] != NULL ? g_str_hash(words[i]) : 0);
	return h;
}

static gboolean
labels_equal(gconstpointer pa, gconstpointer pb)
{
	const TicketLabels *a = pa, *b = pb;

	return g_strcmp0(a->priority, b->priority) == 0 && g_strcmp0(a->impact, b->impact) == 0 &&
	       g_strcmp0(a->urgency, b->urgency) == 0 && g_strcmp0(a->category, b->category) == 0;
}

/* Labels as a block keeps them, each once; back in file order they are looked up
 * once among the run's, and the block's tickets pointed at those. */
typedef struct {
	TicketLabels labels; /* first: a ticket's labels point here until kept */
	const TicketLabels *kept;
} BlockLabels;

/* The labels @words (the row's values), as the block keeps them once. */
static const TicketLabels *
row_labels(Row *r, const TicketLabels *words)
{
	BlockLabels *l = g_hash_table_lookup(r->labels, words);

	if (l != NULL)
		return &l->labels;
	l = g_new0(BlockLabels, 1);
	l->labels.priority = intern(r, words->priority);
	l->labels.impact = intern(r, words->impact);
	l->labels.urgency = intern(r, words->urgency);
	l->labels.category = intern(r, words->category);
	g_hash_table_add(r->labels, l);
	return &l->labels;
}

/* In file order: the run's copy of each of the block's labels. */
static void
keep_labels(Ingest *in, GHashTable *block)
{
	GHashTableIter iter;
	gpointer p;

	g_hash_table_iter_init(&iter, block);
	while (g_hash_table_iter_next(&iter, &p, NULL)) {
		BlockLabels *l = p;
		TicketLabels *kept = g_hash_table_lookup(in->labels, &l->labels);

		if (kept == NULL) {
			kept = g_memdup2(&l->labels, sizeof *kept);
			dataset_add_labels(in->ds, kept);
			g_hash_table_add(in->labels, kept);
		}
		l->kept = kept;
	}
}

/* A ticket kept: it points at the run's labels, not its block's. */
static void
keep_ticket(gpointer row)
{
	Ticket *t = row;

	if (t->labels != NULL)
		t->labels = ((const BlockLabels *)(gconstpointer)t->labels)->kept;
}

static void
warn_repeated(Row *r, int col, const char *v, gint64 t)
{
	gint32 offset = zone_offset_at(r->zone->tz, t);

	diag_add(r->diags, DIAG_WARNING, r->in->file, r->line, r->columns[col].name, NULL,
		 "\"%s\" occurs twice in %s (the clocks go back): taken as its first occurrence, "
		 "%s%c%02d:%02d", v, r->in->zone_name, v, offset < 0 ? '-' : '+',
		 ABS(offset) / 3600, ABS(offset) / 60 % 60);
}

/* A timestamp; TIME_NONE when not given or wrong (reported). */
static gint64
row_time(Row *r, int col, gboolean required)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, required);
	ZoneLocalKind kind;
	gint64 t;

	if (v == NULL)
		return TIME_NONE;
	if (!parse_timestamp(v, r->zone, &t, &kind, &error)) {
		row_fail(r, col, error);
		return TIME_NONE;
	}
	if (kind == ZONE_LOCAL_REPEATED)
		warn_repeated(r, col, v, t);
	return t;
}

static Day
row_date(Row *r, int col)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, FALSE);
	Day d;

	if (v == NULL)
		return DAY_NONE;
	if (!parse_date(v, &d, &error)) {
		row_fail(r, col, error);
		return DAY_NONE;
	}
	return d;
}

typedef gboolean (*NumberParser)(const char *s, gint64 *out, GError **error);

/* A number read by @parse; @absent when not given or wrong (reported). */
static gint64
row_number(Row *r, int col, gboolean required, NumberParser parse, gint64 absent)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, required);
	gint64 n;

	if (v == NULL)
		return absent;
	if (!parse(v, &n, &error)) {
		row_fail(r, col, error);
		return absent;
	}
	return n;
}

/* The index of a word of @words; @absent when not given or wrong (reported). */
static int
row_enum(Row *r, int col, const char *const *words, int absent)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, FALSE);
	int w;

	if (v == NULL)
		return absent;
	if (!parse_enum(v, words, &w, &error)) {
		row_fail(r, col, error);
		return absent;
	}
	return w;
}

static gboolean
row_bool(Row *r, int col, gboolean absent)
{
	g_autoptr(GError) error = NULL;
	const char *v = row_get(r, col, FALSE);
	gboolean b;

	if (v == NULL)
		return absent;
	if (!parse_bool(v, &b, &error)) {
		row_fail(r, col, error);
		return absent;
	}
	return b;
}

/* Checks that @b, when given, is not before @a; @b_col is reported. */
static void
row_order(Row *r, int a_col, gint64 a, int b_col, gint64 b)
{
	if (a == TIME_NONE || b == TIME_NONE || b >= a)
		return;
	row_problem(r, b_col, "\"%s\" is before %s \"%s\" (expected %s not before %s)",
		    r->rec->values[b_col], r->columns[a_col].name, r->rec->values[a_col],
		    r->columns[b_col].name, r->columns[a_col].name);
}

/* ==== Keys and references ======================================================= */

/* On a worker thread: the row's own id @id (NULL: none readable), kept in the
 * block's strings for the check in file order, which goes here among its problems. */
static const char *
row_own_id(Row *r, Mark *m, const char *id)
{
	m->id = id != NULL ? g_string_chunk_insert(r->strings, id) : NULL;
	m->key_at = diag_count(r->diags);
	return m->id;
}

/* In file order: checks the row's own id @id (NULL: none readable) against the rows
 * before it.  Returns FALSE, after reporting unless the row is @broken, for a
 * duplicate: the first row keeps the id. */
static gboolean
row_key(Row *r, int col, Table *t, const char *id, gboolean broken)
{
	gpointer v;
	guint line;
	gint index;

	if (id == NULL)
		return FALSE;
	if (t->kept == NULL && (t->last == NULL || strcmp(id, t->last) > 0))
		return TRUE;
	if (t->kept == NULL)
		table_hash(t);
	if ((index = table_find(t, id)) >= 0)
		line = table_line(t, (guint)index);
	else if (g_hash_table_size(t->rejected) > 0 &&
		 g_hash_table_lookup_extended(t->rejected, id, NULL, &v))
		line = GPOINTER_TO_UINT(v);
	else
		return TRUE;
	if (!broken)
		row_problem(r, col, "\"%s\" is already the %s of line %u (expected each %s once)", id,
			    r->columns[col].name, line, r->columns[col].name);
	return FALSE;
}

/* Files a row under its own @id when it is @new: kept at @index, or rejected along
 * with the customer it belongs to. */
static void
table_add(Table *t, const Row *r, const char *id, gboolean new, guint index,
	  const char *customer_id)
{
	if (!new)
		return;
	if (t->kept == NULL)
		t->last = id;
	if (!r->rejected) {
		if (t->kept != NULL)
			g_hash_table_insert(t->kept, (gpointer)id, GUINT_TO_POINTER(index + 1));
		return;
	}
	g_hash_table_insert(t->rejected, (gpointer)id, GUINT_TO_POINTER(r->line));
	g_hash_table_insert(t->owner, (gpointer)id, (gpointer)customer_id);
}

/* Looks up the reference *@id in @t, a file read before.  Returns the index of the
 * kept row, or -1 after reporting a rejected or unknown one (unknown only when @t's
 * file was read whole).  *@id becomes the id as kept in the dataset's strings (or
 * the block's).  @quiet: report nothing. */
static gint
table_ref(Row *r, int col, const Table *t, const char **id, gboolean quiet)
{
	gpointer key, v;
	gint index;

	if (*id == NULL)
		return -1;
	/* rows often name the row the row before named (tickets of a service in a row):
	 * one comparison, no lookup */
	index = r->last_ref[col];
	if (index >= 0 && strcmp(*id, table_id(t, (guint)index)) == 0) {
		*id = table_id(t, (guint)index);
		return index;
	}
	if ((index = table_find(t, *id)) >= 0) {
		*id = table_id(t, (guint)index);
		r->last_ref[col] = index;
		return index;
	}
	if (g_hash_table_lookup_extended(t->rejected, *id, &key, &v)) {
		*id = key;
		if (!quiet)
			row_problem(r, col, "%s \"%s\" is itself rejected (%s:%u)", t->what, *id, t->file,
				    GPOINTER_TO_UINT(v));
		return -1;
	}
	if (t->complete && !quiet)
		row_problem(r, col, "unknown %s \"%s\" (expected a %s of %s)", t->what, *id,
			    r->columns[col].name, t->file);
	*id = intern(r, *id);
	return -1;
}

static gint
row_ref(Row *r, int col, const Table *t, const char **id)
{
	return table_ref(r, col, t, id, FALSE);
}

/* The customer of the service *@id names (kept at @index, or rejected); NULL when
 * unknown. */
static const char *
service_owner(const Ingest *in, gint index, const char *service_id)
{
	if (index >= 0)
		return dataset_service(in->ds, index)->customer_id;
	return service_id != NULL ? g_hash_table_lookup(in->services.owner, service_id) : NULL;
}

/* The id in column @col if it is one, without a word: to file a broken row, and say
 * whose it was. */
static const char *
quiet_id(Row *r, int col)
{
	const char *v = r->rec->values[col];

	return v != NULL && parse_id(v, NULL) ? v : NULL;
}

/* ==== customers.csv ============================================================= */

enum { CU_ID, CU_NAME, CU_EMAIL, CU_LANGUAGE, CU_ADDRESS };
static const CsvColumn customer_columns[] = {
	{ "customer_id", TRUE }, { "name", TRUE }, { "email", FALSE }, { "language", FALSE },
	{ "address", FALSE },
};

static const char *const language_words[] = { "fr", "en", NULL };
static const char *const cause_words[] = { "provider", "customer", "third_party", NULL };
static const char *const type_words[] = { "incident", "request", "change", NULL };
static const char *const channel_words[] = { "phone", "portal", "email", "chat", NULL };

/* Customer ids that differ only by case would give statements that collide on a
 * case-insensitive disk. */
static void
check_case(Ingest *in, Row *r, const char *id)
{
	g_autofree char *folded = g_ascii_strdown(id, -1);
	gpointer line;

	if (g_hash_table_lookup_extended(in->folded, folded, NULL, &line)) {
		const char *first = g_hash_table_lookup(in->folded_id, folded);

		if (strcmp(first, id) != 0)
			row_problem(r, CU_ID, "\"%s\" differs only in case from \"%s\" on line %u (expected "
				    "ids that differ in more than case: their statements would share a "
				    "file name on a case-insensitive disk)", id, first, GPOINTER_TO_UINT(line));
		return;
	}
	g_hash_table_insert(in->folded_id, g_strdup(folded), (gpointer)id);
	g_hash_table_insert(in->folded, g_steal_pointer(&folded), GUINT_TO_POINTER(r->line));
}

static void
read_customer(Row *r, gpointer row, Mark *m)
{
	Customer *c = row;

	if (r->rec->broken) {
		c->id = row_own_id(r, m, quiet_id(r, CU_ID));
		return;
	}
	c->id = row_own_id(r, m, row_id(r, CU_ID, TRUE));
	c->name = row_text(r, CU_NAME, TRUE);
	c->email = row_text(r, CU_EMAIL, FALSE);
	c->language = (Language)row_enum(r, CU_LANGUAGE, language_words,
					 (int)r->in->ds->plans->provider.language);
	c->address = row_text(r, CU_ADDRESS, FALSE);
	c->line = r->line;
}

static const Kind customers_kind = {
	"customers.csv", customer_columns, G_N_ELEMENTS(customer_columns), sizeof(Customer), CU_ID,
	TRUE, read_customer, NULL,
};

/* ==== services.csv ============================================================== */

enum { SE_ID, SE_CUSTOMER, SE_PLAN, SE_LABEL, SE_FEE, SE_START, SE_END, SE_UNITS };
static const CsvColumn service_columns[] = {
	{ "service_id", TRUE }, { "customer_id", TRUE }, { "plan_id", TRUE }, { "label", TRUE },
	{ "monthly_fee", TRUE }, { "start_date", FALSE }, { "end_date", FALSE },
	{ "units_annual", FALSE },
};

static void
check_plan(Ingest *in, Row *r, const char *plan_id)
{
	const Plans *plans = in->ds->plans;
	g_autoptr(GString) names = NULL;

	if (plan_id == NULL || !in->plans_known || plans_find_plan(plans, plan_id) != NULL)
		return;
	names = g_string_new(NULL);
	for (guint i = 0; i < plans->plans->len && i < 10; i++)
		g_string_append_printf(names, "%s%s", i ? ", " : "",
				       ((const Plan *)g_ptr_array_index(plans->plans, i))->id);
	if (plans->plans->len > 10)
		g_string_append(names, ", …");
	row_problem(r, SE_PLAN, "unknown plan \"%s\" (expected a [plan NAME] of plans.ini%s%s)",
		    plan_id, names->len ? ": " : "", names->str);
}

static void
read_service(Row *r, gpointer row, Mark *m)
{
	Ingest *in = r->in;
	const CsvRecord *rec = r->rec;
	Service *s = row;

	if (rec->broken) {
		s->id = row_own_id(r, m, quiet_id(r, SE_ID));
		s->customer_id = quiet_id(r, SE_CUSTOMER);
		table_ref(r, SE_CUSTOMER, &in->customers, &s->customer_id, TRUE);
	} else {
		s->id = row_own_id(r, m, row_id(r, SE_ID, TRUE));
		s->customer_id = row_id(r, SE_CUSTOMER, TRUE);
		row_ref(r, SE_CUSTOMER, &in->customers, &s->customer_id);
		s->plan_id = row_id(r, SE_PLAN, TRUE);
		check_plan(in, r, s->plan_id);
		s->plan_id = intern(r, s->plan_id);
		s->label = row_text(r, SE_LABEL, TRUE);
		s->monthly_fee = row_number(r, SE_FEE, TRUE, parse_money, 0);
		s->start_date = row_date(r, SE_START);
		s->end_date = row_date(r, SE_END);
		s->units_annual = row_number(r, SE_UNITS, FALSE, parse_count, -1);
		s->line = rec->line;
		if (s->start_date != DAY_NONE && s->end_date != DAY_NONE && s->end_date < s->start_date)
			row_problem(r, SE_END, "\"%s\" is before start_date \"%s\" (expected end_date not "
				    "before start_date)", rec->values[SE_END], rec->values[SE_START]);
	}
	m->customer_id = s->customer_id;
}

static const Kind services_kind = {
	"services.csv", service_columns, G_N_ELEMENTS(service_columns), sizeof(Service), SE_ID,
	FALSE, read_service, NULL,
};

/* ==== tickets.csv =============================================================== */

enum {
	TI_ID, TI_SERVICE, TI_TYPE, TI_OPENED, TI_RESPONDED, TI_RESTORED, TI_CLOSED, TI_PRIORITY,
	TI_IMPACT, TI_URGENCY, TI_INTERRUPTED, TI_CAUSE, TI_CATEGORY, TI_CHANNEL, TI_PAUSED,
	TI_WORK, TI_UNITS,
};
static const CsvColumn ticket_columns[] = {
	{ "ticket_id", TRUE }, { "service_id", TRUE }, { "type", TRUE }, { "opened_at", TRUE },
	{ "responded_at", FALSE }, { "restored_at", FALSE }, { "closed_at", FALSE },
	{ "priority", FALSE }, { "impact", FALSE }, { "urgency", FALSE },
	{ "interrupted", FALSE }, { "cause", FALSE }, { "category", FALSE },
	{ "channel", FALSE }, { "paused_minutes", FALSE }, { "work_minutes", FALSE },
	{ "work_units", FALSE },
};

static void
read_ticket(Row *r, gpointer row, Mark *m)
{
	Ingest *in = r->in;
	Ticket *t = row;
	const char *service_id;
	int type, channel;
	gint service;

	if (r->rec->broken) {
		t->id = row_own_id(r, m, quiet_id(r, TI_ID));
		service_id = quiet_id(r, TI_SERVICE);
		service = table_ref(r, TI_SERVICE, &in->services, &service_id, TRUE);
	} else {
		t->id = row_own_id(r, m, row_id(r, TI_ID, TRUE));
		service_id = row_id(r, TI_SERVICE, TRUE);
		service = row_ref(r, TI_SERVICE, &in->services, &service_id);
		type = row_get(r, TI_TYPE, TRUE) != NULL ? row_enum(r, TI_TYPE, type_words, 0) : 0;
		t->type = (TicketType)(1 << type);
		t->opened_at = row_time(r, TI_OPENED, TRUE);
		t->responded_at = row_time(r, TI_RESPONDED, FALSE);
		t->restored_at = row_time(r, TI_RESTORED, FALSE);
		t->closed_at = row_time(r, TI_CLOSED, FALSE);
		t->interrupted = row_bool(r, TI_INTERRUPTED, t->type == TICKET_INCIDENT);
		t->cause = (Cause)row_enum(r, TI_CAUSE, cause_words, CAUSE_PROVIDER);
		t->labels = row_labels(r, &(TicketLabels){
			row_get(r, TI_PRIORITY, FALSE), row_get(r, TI_IMPACT, FALSE),
			row_get(r, TI_URGENCY, FALSE), row_get(r, TI_CATEGORY, FALSE) });
		channel = row_enum(r, TI_CHANNEL, channel_words, -1);
		t->channel = channel < 0 ? CHANNEL_NONE : (Channel)(1 << channel);
		t->paused_minutes = (gint32)row_number(r, TI_PAUSED, FALSE, parse_minutes, 0);
		t->work_minutes = row_number(r, TI_WORK, FALSE, parse_minutes, 0);
		t->work_units = (gint32)row_number(r, TI_UNITS, FALSE, parse_count, 0);
		t->line = r->line;
		row_order(r, TI_OPENED, t->opened_at, TI_RESPONDED, t->responded_at);
		row_order(r, TI_OPENED, t->opened_at, TI_RESTORED, t->restored_at);
		row_order(r, TI_OPENED, t->opened_at, TI_CLOSED, t->closed_at);
		row_order(r, TI_RESTORED, t->restored_at, TI_CLOSED, t->closed_at);
	}
	/* services.csv is read whole: its rows stay where they are */
	t->service = service >= 0 ? dataset_service(in->ds, service) : NULL;
	m->customer_id = service_owner(in, service, service_id);
}

static const Kind tickets_kind = {
	"tickets.csv", ticket_columns, G_N_ELEMENTS(ticket_columns), sizeof(Ticket), TI_ID, FALSE,
	read_ticket, keep_ticket,
};

/* ==== outages.csv =============================================================== */

enum { OU_ID, OU_SERVICE, OU_START, OU_END, OU_CAUSE, OU_TICKET, OU_DESCRIPTION };
static const CsvColumn outage_columns[] = {
	{ "outage_id", TRUE }, { "service_id", TRUE }, { "start", TRUE }, { "end", FALSE },
	{ "cause", FALSE }, { "ticket_id", FALSE }, { "description", FALSE },
};

static void
read_outage(Row *r, gpointer row, Mark *m)
{
	Ingest *in = r->in;
	Outage *o = row;
	int cause;
	gint ticket, service;

	if (r->rec->broken) {
		o->id = row_own_id(r, m, quiet_id(r, OU_ID));
		o->service_id = quiet_id(r, OU_SERVICE);
		service = table_ref(r, OU_SERVICE, &in->services, &o->service_id, TRUE);
	} else {
		o->id = row_own_id(r, m, row_id(r, OU_ID, TRUE));
		o->service_id = row_id(r, OU_SERVICE, TRUE);
		service = row_ref(r, OU_SERVICE, &in->services, &o->service_id);
		o->start = row_time(r, OU_START, TRUE);
		o->end = row_time(r, OU_END, FALSE);
		cause = row_enum(r, OU_CAUSE, cause_words, -1);
		o->ticket_id = row_id(r, OU_TICKET, FALSE);
		ticket = row_ref(r, OU_TICKET, &in->tickets, &o->ticket_id);
		o->description = row_text(r, OU_DESCRIPTION, FALSE);
		o->line = r->line;
		row_order(r, OU_START, o->start, OU_END, o->end);
		/* an empty cause is the linked ticket's, else the provider's */
		o->cause = cause >= 0 ? (Cause)cause :
			   ticket >= 0 ? dataset_ticket(in->ds, ticket)->cause : CAUSE_PROVIDER;
		o->ticket = ticket >= 0 ? dataset_ticket(in->ds, ticket) : NULL;
	}
	o->service = service >= 0 ? dataset_service(in->ds, service) : NULL;
	m->customer_id = service_owner(in, service, o->service_id);
}

static const Kind outages_kind = {
	"outages.csv", outage_columns, G_N_ELEMENTS(outage_columns), sizeof(Outage), OU_ID, FALSE,
	read_outage, NULL,
};

/* ==== maintenance.csv =========================================================== */

enum { MA_ID, MA_SERVICE, MA_CUSTOMER, MA_START, MA_END, MA_NOTIFIED, MA_DESCRIPTION };
static const CsvColumn maintenance_columns[] = {
	{ "maintenance_id", TRUE }, { "service_id", FALSE }, { "customer_id", FALSE },
	{ "start", TRUE }, { "end", TRUE }, { "notified_at", FALSE }, { "description", FALSE },
};

static void
read_maintenance(Row *r, gpointer row, Mark *m)
{
	Ingest *in = r->in;
	const CsvRecord *rec = r->rec;
	Maintenance *w = row;
	gboolean every_service = g_strcmp0(rec->values[MA_SERVICE], "*") == 0;
	gint service;

	if (rec->broken) {
		w->id = row_own_id(r, m, quiet_id(r, MA_ID));
		w->service_id = every_service ? NULL : quiet_id(r, MA_SERVICE);
		service = table_ref(r, MA_SERVICE, &in->services, &w->service_id, TRUE);
		w->customer_id = quiet_id(r, MA_CUSTOMER);
		table_ref(r, MA_CUSTOMER, &in->customers, &w->customer_id, TRUE);
	} else {
		w->id = row_own_id(r, m, row_id(r, MA_ID, TRUE));
		w->service_id = every_service ? NULL : row_id(r, MA_SERVICE, FALSE);
		service = row_ref(r, MA_SERVICE, &in->services, &w->service_id);
		w->customer_id = row_id(r, MA_CUSTOMER, FALSE);
		row_ref(r, MA_CUSTOMER, &in->customers, &w->customer_id);
		w->start = row_time(r, MA_START, TRUE);
		w->end = row_time(r, MA_END, TRUE);
		w->notified_at = row_time(r, MA_NOTIFIED, FALSE);
		w->description = row_text(r, MA_DESCRIPTION, FALSE);
		w->line = r->line;
		if (rec->values[MA_SERVICE] == NULL && rec->values[MA_CUSTOMER] == NULL &&
		    !(rec->bad & ((1u << MA_SERVICE) | (1u << MA_CUSTOMER))))
			row_problem(r, MA_SERVICE, "empty, and so is customer_id (expected a service_id, "
				    "* for every service, or a customer_id)");
		row_order(r, MA_START, w->start, MA_END, w->end);
		if (every_service)
			w->service_id = intern(r, "*");
	}
	/* a window of every service with no customer named concerns every customer */
	m->customer_id = w->customer_id != NULL ? w->customer_id :
			 service_owner(in, service, w->service_id);
	m->everyone = every_service && w->customer_id == NULL;
}

static const Kind maintenance_kind = {
	"maintenance.csv", maintenance_columns, G_N_ELEMENTS(maintenance_columns),
	sizeof(Maintenance), MA_ID, FALSE, read_maintenance, NULL,
};

/* ==== Blocks ====================================================================
 * A row is checked in two steps.  On a worker thread, with the other rows of its
 * block (on_record, the kinds' read_*): its values, and its references to the
 * files before it, which nothing writes any more; its problems go to the block's
 * list, its strings to the block's chunk (the dataset takes it over).  Back in file
 * order (block_done): its own id against the rows before it (duplicates, case),
 * its problems moved to the run's list where they would have been, kept or not. */

static gpointer
block_new(gpointer data)
{
	Ingest *in = data;
	Block *b = in->spare->len > 0 ? g_ptr_array_steal_index_fast(in->spare, in->spare->len - 1)
				      : g_new0(Block, 1);

	b->in = in;
	b->reading = in->reading;
	if (b->rows == NULL) {
		b->rows = g_array_new(FALSE, TRUE, (guint)in->reading->kind->size);
		b->marks = g_array_new(FALSE, TRUE, sizeof(Mark));
		b->labels = g_hash_table_new_full(labels_hash, labels_equal, g_free, NULL);
	}
	b->strings = g_string_chunk_new(4096);
	b->zone = in->zone;
	for (guint i = 0; i < G_N_ELEMENTS(b->last_ref); i++)
		b->last_ref[i] = -1;
	return b;
}

static void
block_free(gpointer data)
{
	Block *b = data;

	g_array_unref(b->rows);
	g_array_unref(b->marks);
	g_hash_table_unref(b->labels);
	if (b->strings != NULL)
		g_string_chunk_free(b->strings);
	g_free(b);
}

/* A block done with keeps its arrays for the next one of the file: a file read
 * without freeing large buffers keeps the allocator from raising its threshold for
 * mapping them, and so from keeping later large buffers once freed. */
static void
block_spare(gpointer data)
{
	Block *b = data;
	Ingest *in = b->in;

	if (b->strings != NULL)
		g_string_chunk_free(g_steal_pointer(&b->strings));
	g_array_set_size(b->rows, 0);
	g_array_set_size(b->marks, 0);
	g_hash_table_remove_all(b->labels);
	g_ptr_array_add(in->spare, b);
}

/* On a worker thread: reads a record's values into a row of its block. */
static void
on_record(const CsvRecord *rec, gpointer data)
{
	Block *b = data;
	Mark m = { 0 };
	Row r;

	row_init(&r, b, rec);
	g_array_set_size(b->rows, b->rows->len + 1);
	b->reading->kind->read(&r, b->rows->data + (gsize)(b->rows->len - 1) * b->reading->kind->size,
			       &m);
	m.line = rec->line;
	m.raw = rec->raw;
	m.raw_len = rec->raw_len;
	m.broken = rec->broken;
	m.rejected = r.rejected;
	m.end = diag_count(rec->diags);
	g_array_append_val(b->marks, m);
	g_clear_pointer(&r.text, g_free);
}

/* Moves the problems @from to @to of a block's list to the run's; returns @to. */
static guint
move_diags(DiagList *diags, const DiagList *block, guint from, guint to)
{
	for (guint i = from; i < to; i++)
		diag_add_copy(diags, diag_get(block, i));
	return to;
}

/* In file order: checks each row of the block against the rows before it, and keeps
 * or rejects it, its problems in the place they have in the file. */
static void
block_done(gpointer data, DiagList *block_diags, gpointer user_data)
{
	Block *b = data;
	Ingest *in = user_data;
	const Reading *reading = b->reading;
	const Kind *kind = reading->kind;
	guint moved = 0;

	keep_labels(in, b->labels);
	for (guint i = 0; i < b->marks->len; i++) {
		const Mark *m = &g_array_index(b->marks, Mark, i);
		gpointer row = b->rows->data + (gsize)i * kind->size;
		Row r = {
			.in = in, .columns = kind->columns, .diags = in->diags, .line = m->line,
			.raw = m->raw, .raw_len = m->raw_len, .rejected = m->rejected,
		};
		guint first = diag_count(in->diags);
		const char *customer_id = kind->customers ? m->id : m->customer_id;
		gboolean new;

		moved = move_diags(in->diags, block_diags, moved, m->key_at);
		new = row_key(&r, kind->key, reading->table, m->id, m->broken);
		if (new && kind->customers && !m->broken)
			check_case(in, &r, m->id);
		moved = move_diags(in->diags, block_diags, moved, m->end);
		table_add(reading->table, &r, m->id, new, reading->rows->len, customer_id);
		if (!r.rejected && kind->keep != NULL)
			kind->keep(row);
		if (!r.rejected)
			g_array_append_vals(reading->rows, row, 1);
		row_finish(&r, first, customer_id, m->everyone);
	}
	move_diags(in->diags, block_diags, moved, diag_count(block_diags));
	dataset_add_strings(in->ds, g_steal_pointer(&b->strings));

	/* the blocks to come start from the days this one has looked up */
	in->zone = b->zone;
}

static const CsvBlockFuncs block_funcs = { block_new, on_record, block_done, block_spare };

/* ==== Files ===================================================================== */

/* Opens @name of the input folder; reports and returns -1 when it cannot. */
static int
open_input(Ingest *in, const char *dir, const char *name)
{
	const char *expect = g_str_has_suffix(name, ".csv") ? "the file, with at least its header row" :
			     "the file, with at least [provider] and its name";
	g_autofree char *path = g_build_filename(dir, name, NULL);
	struct stat st;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		return fd;
	err = errno;
	if (fd >= 0)
		close(fd);
	if (fd >= 0 && S_ISDIR(st.st_mode))
		diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL, "is a folder (expected a file)");
	else if (fd >= 0)
		diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL,
			 "is not a regular file (expected a file)");
	else if (err == ENOENT)
		diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL,
			 "missing from the input folder (expected %s)", expect);
	else
		diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL,
			 "cannot be read: %s (expected a file this user may read)", g_strerror(err));
	in->fatal = TRUE;
	return -1;
}

/* The size and SHA-256 of a file read, for the manifest. */
static void
add_digest(GArray *files, const char *name, gsize size, GChecksum *checksum)
{
	FileDigest f = { g_strdup(name), (gint64)size, "" };

	g_strlcpy(f.sha256, g_checksum_get_string(checksum), sizeof(f.sha256));
	g_array_append_val(files, f);
}

/* Reads @name of the input folder whole; reports and returns FALSE when it cannot. */
static gboolean
read_input(Ingest *in, const char *dir, const char *name, char **data, gsize *len,
	   GArray *files)
{
	g_autofree char *buf = NULL;
	gsize size = 0, alloc = 0;
	struct stat st;
	int fd = open_input(in, dir, name);

	if (fd < 0)
		return FALSE;
	/* read to the end, whatever the size said: the file may be growing */
	alloc = (fstat(fd, &st) == 0 ? (gsize)st.st_size : 0) + 1;
	buf = g_malloc(alloc);
	for (;;) {
		ssize_t n;

		if (size + 1 >= alloc) {
			alloc *= 2;
			buf = g_realloc(buf, alloc);
		}
		n = read(fd, buf + size, alloc - size - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag_add(in->diags, DIAG_ERROR, name, 0, NULL, NULL,
				 "cannot be read: %s (expected a file this user may read)",
				 g_strerror(errno));
			close(fd);
			in->fatal = TRUE;
			return FALSE;
		}
		if (n == 0)
			break;
		size += (gsize)n;
	}
	close(fd);
	buf[size] = '\0';
	if (files != NULL) {
		FileDigest f;

		file_digest_set(&f, name, buf, size);
		g_array_append_val(files, f);
	}
	*data = g_steal_pointer(&buf);
	*len = size;
	return TRUE;
}

/* A file read through import.ini: its records come as one block, once the source's
 * rows of an id are reduced to one; the block keeps their raw text, which the
 * import frees as it goes. */
typedef struct {
	gpointer block;
	GStringChunk *raws;
} Mapped;

static void
on_mapped_record(const CsvRecord *rec, gpointer data)
{
	Mapped *m = data;
	CsvRecord copy = *rec;

	copy.raw = g_string_chunk_insert_len(m->raws, rec->raw, (gssize)rec->raw_len);
	on_record(&copy, m->block);
}

/* Reads input file @kind from @source through its import mapping. */
static gboolean
read_mapped(Ingest *in, const char *dir, const Kind *kind, Table *table, const char *source,
	    GArray *files)
{
	g_autofree char *data = NULL;
	g_autoptr(DiagList) block_diags = diag_list_new();
	Reading reading = { kind, table, table->rows };
	Mapped m = { NULL, NULL };
	CsvReadStatus status;
	gsize len;

	if (!read_input(in, dir, source, &data, &len, files))
		return FALSE;
	in->file = kind->name;
	in->reading = &reading;
	m.block = block_new(in);
	m.raws = g_string_chunk_new(4096);
	status = import_set_read(in->import, kind->name, data, len, kind->columns, kind->n_columns,
				 on_mapped_record, &m, block_diags);
	/* the checks in file order report under the source's names too */
	diag_list_copy_aliases(in->diags, block_diags);
	block_done(m.block, block_diags, in);
	block_free(m.block);
	g_string_chunk_free(m.raws);
	in->reading = NULL;
	if (status != CSV_READ_OK)
		in->fatal = TRUE;
	return status == CSV_READ_OK;
}

/* Reads one CSV file of the folder into @rows, block by block; returns whether it
 * was read whole. */
static gboolean
read_csv(Ingest *in, const char *dir, const Kind *kind, Table *table, GArray *files)
{
	g_autoptr(GChecksum) checksum = files != NULL ? g_checksum_new(G_CHECKSUM_SHA256) : NULL;
	CsvFileOptions opts = { .block_size = in->block_size, .checksum = checksum };
	Reading reading = { kind, table, table->rows };
	CsvReadStatus status;
	const char *source = import_set_source(in->import, kind->name);
	int fd;

	if (source != kind->name)
		return read_mapped(in, dir, kind, table, source, files);
	fd = open_input(in, dir, kind->name);
	if (fd < 0)
		return FALSE;
	in->file = kind->name;
	in->reading = &reading;
	status = csv_reader_read_file(kind->name, fd, kind->columns, kind->n_columns, &block_funcs,
				      in, &opts, in->diags);
	close(fd);
	in->reading = NULL;
	g_ptr_array_set_size(in->spare, 0);
	if (status != CSV_READ_OK)
		in->fatal = TRUE;
	if (files != NULL && opts.whole)
		add_digest(files, kind->name, opts.size, checksum);
	return status == CSV_READ_OK;
}

static Plans *
read_plans(Ingest *in, const char *dir, GArray *files)
{
	g_autofree char *data = NULL;
	gsize len;
	guint before = diag_count_errors(in->diags);
	Plans *plans;

	if (!read_input(in, dir, "plans.ini", &data, &len, files))
		return plans_new_default(); /* the CSV files are still checked, in its zone */
	plans = plans_parse("plans.ini", data, len, dir, in->diags);
	in->plans_known = TRUE;
	if (diag_count_errors(in->diags) > before)
		in->fatal = TRUE;
	if (plans->provider.logo_png != NULL && files != NULL) {
		FileDigest f;
		gsize size;
		gconstpointer bytes = g_bytes_get_data(plans->provider.logo_png, &size);
		const char *logo = plans->provider.logo;
		g_autofree char *name = NULL;
		gsize n = strlen(dir);

		while (n > 1 && dir[n - 1] == G_DIR_SEPARATOR)
			n--;

		/* named as plans.ini names it, relative to the folder: no host path in the
		 * manifest (an absolute path keeps its file name only) */
		if (strncmp(logo, dir, n) == 0 && logo[n] == G_DIR_SEPARATOR) {
			while (logo[n] == G_DIR_SEPARATOR)
				n++;
			name = g_strdup(logo + n);
		} else {
			name = g_path_get_basename(logo);
		}
		file_digest_set(&f, name, bytes, size);
		g_array_append_val(files, f);
	}
	return plans;
}

/* Points every service at its customer and plan, once the arrays have stopped
 * growing; tickets and outages were pointed at their rows as they were read. */
static void
resolve(Dataset *ds)
{
	dataset_index(ds);
	for (guint i = 0; i < ds->services->len; i++) {
		Service *s = dataset_service(ds, i);

		s->customer = g_hash_table_lookup(ds->customer_by_id, s->customer_id);
		s->plan = g_hash_table_lookup(ds->plan_by_id, s->plan_id);
	}
}

Dataset *
ingest_folder(const char *dir, const IngestOptions *opts, DiagList *diags, GArray *files,
	      GError **error)
{
	return ingest_folder_by_blocks(dir, opts, 0, diags, files, error);
}

Dataset *
ingest_folder_by_blocks(const char *dir, const IngestOptions *opts, gsize block_size,
			DiagList *diags, GArray *files, GError **error)
{
	g_autoptr(Dataset) ds = NULL;
	g_autoptr(GHashTable) folded = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GHashTable) folded_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GPtrArray) spare = g_ptr_array_new_with_free_func(block_free);
	g_autoptr(GHashTable) labels = g_hash_table_new(labels_hash, labels_equal);
	Ingest in = { 0 };
	guint errors;

	in.diags = diags;
	in.block_size = block_size;
	in.spare = spare;
	in.labels = labels;
	in.folded = folded;
	in.folded_id = folded_id;
	ds = dataset_new(read_plans(&in, dir, files));
	in.ds = ds;
	errors = diag_count_errors(diags);
	in.import = import_set_load(dir, ds->plans->provider.tz, diags, files);
	in.fatal |= diag_count_errors(diags) > errors;
	table_init(&in.customers, import_set_source(in.import, "customers.csv"), "customer",
		   ds->customers, G_STRUCT_OFFSET(Customer, line), TRUE);
	table_init(&in.services, import_set_source(in.import, "services.csv"), "service",
		   ds->services, G_STRUCT_OFFSET(Service, line), TRUE);
	table_init(&in.tickets, import_set_source(in.import, "tickets.csv"), "ticket", ds->tickets,
		   G_STRUCT_OFFSET(Ticket, line), FALSE);
	table_init(&in.outages, import_set_source(in.import, "outages.csv"), "outage", ds->outages,
		   G_STRUCT_OFFSET(Outage, line), FALSE);
	table_init(&in.maintenance, import_set_source(in.import, "maintenance.csv"),
		   "maintenance window", ds->maintenance, G_STRUCT_OFFSET(Maintenance, line), FALSE);
	parse_zone_init(&in.zone, ds->plans->provider.tz);
	in.zone_name = ds->plans->provider.timezone;

	in.customers.complete = read_csv(&in, dir, &customers_kind, &in.customers, files);
	in.services.complete = read_csv(&in, dir, &services_kind, &in.services, files);
	in.tickets.complete = read_csv(&in, dir, &tickets_kind, &in.tickets, files);
	read_csv(&in, dir, &outages_kind, &in.outages, files);
	read_csv(&in, dir, &maintenance_kind, &in.maintenance, files);

	table_clear(&in.customers);
	table_clear(&in.services);
	table_clear(&in.tickets);
	table_clear(&in.outages);
	table_clear(&in.maintenance);
	import_set_free(in.import);
	errors = diag_count_errors(diags);
	if (in.fatal || (errors > 0 && !opts->allow_rejects)) {
		g_set_error(error, INGEST_ERROR, INGEST_ERROR_INVALID, "%u problem%s in the input files",
			    errors, errors == 1 ? "" : "s");
		return NULL;
	}
	resolve(ds);
	return g_steal_pointer(&ds);
}
