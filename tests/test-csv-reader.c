/* SPDX-License-Identifier: MIT */
#include <unistd.h>

#include <glib/gstdio.h>

#include "csv-reader.h"

static const CsvColumn columns[] = {
	{ "id", TRUE },
	{ "name", TRUE },
	{ "note", FALSE },
};

typedef struct {
	guint line;
	char *raw;
	char *values[G_N_ELEMENTS(columns)];
	guint64 bad;
	gboolean broken;
	gboolean problem;
} Row;

static void
row_free(gpointer p)
{
	Row *row = p;

	g_free(row->raw);
	for (guint i = 0; i < G_N_ELEMENTS(columns); i++)
		g_free(row->values[i]);
	g_free(row);
}

typedef struct {
	GPtrArray *rows;
	DiagList *diags;
	CsvReadStatus status;
	char *messages; /* every diagnostic, formatted, one a line */
} Result;

static void
result_clear(Result *res)
{
	g_ptr_array_unref(res->rows);
	diag_list_free(res->diags);
	g_free(res->messages);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(Result, result_clear)

static void
collect_row(GPtrArray *rows, const CsvRecord *rec)
{
	Row *row = g_new0(Row, 1);

	row->line = rec->line;
	row->raw = g_strndup(rec->raw, rec->raw_len);
	for (guint i = 0; i < G_N_ELEMENTS(columns); i++)
		row->values[i] = g_strdup(rec->values[i]);
	row->bad = rec->bad;
	row->broken = rec->broken;
	row->problem = rec->problem;
	g_ptr_array_add(rows, row);
}

static void
collect(const CsvRecord *rec, gpointer data)
{
	Result *res = data;

	collect_row(res->rows, rec);
}

static void
read_text(Result *res, const char *data, gsize len)
{
	res->rows = g_ptr_array_new_with_free_func(row_free);
	res->diags = diag_list_new();
	res->status = csv_reader_read("t.csv", data, len, columns, G_N_ELEMENTS(columns), collect,
				      res, res->diags);
	res->messages = diag_format_all(res->diags);
}

static Row *
row_at(Result *res, guint i)
{
	g_assert_cmpuint(i, <, res->rows->len);
	return g_ptr_array_index(res->rows, i);
}

/* Checks row @i: its line and its three values (NULL = not given). */
static void
assert_row(Result *res, guint i, guint line, const char *id, const char *name, const char *note)
{
	Row *row = row_at(res, i);

	g_assert_cmpuint(row->line, ==, line);
	g_assert_cmpstr(row->values[0], ==, id);
	g_assert_cmpstr(row->values[1], ==, name);
	g_assert_cmpstr(row->values[2], ==, note);
}

static void
test_comma(void)
{
	g_auto(Result) res = { 0 };
	const char *text = "id,name,note\nA1,Alpha,first\n  A2 , Beta ,\nA3,\"Gamma, Inc.\",\"say \"\"hi\"\"\"\n";

	read_text(&res, text, strlen(text));
	g_assert_cmpint(res.status, ==, CSV_READ_OK);
	g_assert_cmpstr(res.messages, ==, "");
	g_assert_cmpuint(res.rows->len, ==, 3);
	assert_row(&res, 0, 2, "A1", "Alpha", "first");
	assert_row(&res, 1, 3, "A2", "Beta", NULL);
	assert_row(&res, 2, 4, "A3", "Gamma, Inc.", "say \"hi\"");
	g_assert_cmpstr(row_at(&res, 1)->raw, ==, "  A2 , Beta ,");
}

static void
test_semicolon_bom_crlf_any_order(void)
{
	g_auto(Result) res = { 0 };
	const char *text = "\xEF\xBB\xBF Note ; NAME;Id\r\nx,y;Dupont;C1\r\n;Durand;C2";

	read_text(&res, text, strlen(text));
	g_assert_cmpint(res.status, ==, CSV_READ_OK);
	g_assert_cmpstr(res.messages, ==, "");
	g_assert_cmpuint(res.rows->len, ==, 2);
	assert_row(&res, 0, 2, "C1", "Dupont", "x,y");
	assert_row(&res, 1, 3, "C2", "Durand", NULL);
	g_assert_cmpstr(row_at(&res, 0)->raw, ==, "x,y;Dupont;C1");
}

static void
test_delimiter_outside_quotes(void)
{
	g_auto(Result) res = { 0 };
	/* three ',' inside quotes, two ';' outside: ';' wins */
	const char *text = "\"id,,,\";name;note\nA;B;C\n";
	static const CsvColumn one[] = { { "id,,,", TRUE }, { "name", TRUE }, { "note", FALSE } };

	res.rows = g_ptr_array_new_with_free_func(row_free);
	res.diags = diag_list_new();
	res.status = csv_reader_read("t.csv", text, strlen(text), one, 3, collect, &res, res.diags);
	res.messages = diag_format_all(res.diags);
	g_assert_cmpstr(res.messages, ==, "");
	assert_row(&res, 0, 2, "A", "B", "C");
}

static void
test_line_numbers(void)
{
	g_auto(Result) res = { 0 };
	/* a quoted field over three lines, blank and delimiter-only lines, a lone CR,
	 * mixed CRLF and LF */
	const char *text = "id,name,note\n"            /* 1 */
			   "\n"                        /* 2 */
			   "A1,\"line one\n"           /* 3 */
			   "line two\r\n"              /* 4 */
			   "line three\",n\n"          /* 5 */
			   ",,\n"                      /* 6 */
			   " ;  , ,  \r\n"             /* 7: not our delimiter, so a value */
			   "  \t \n"                   /* 8 */
			   "A2,B\rA3,C\r\n"            /* 9, 10 */
			   "\"A4\",D\n";               /* 11 */

	read_text(&res, text, strlen(text));
	g_assert_cmpint(res.status, ==, CSV_READ_OK);
	g_assert_cmpuint(res.rows->len, ==, 5);
	assert_row(&res, 0, 3, "A1", "line one\nline two\r\nline three", "n");
	g_assert_cmpstr(row_at(&res, 0)->raw, ==, "A1,\"line one\nline two\r\nline three\",n");
	assert_row(&res, 1, 7, ";", NULL, NULL);
	assert_row(&res, 2, 9, "A2", "B", NULL);
	assert_row(&res, 3, 10, "A3", "C", NULL);
	assert_row(&res, 4, 11, "A4", "D", NULL);
}

static void
test_header_problems(void)
{
	static const struct { const char *text; CsvReadStatus status; const char *messages; } cases[] = {
		{ "", CSV_READ_FAILED,
		  "t.csv: empty file (expected a header row: id, name, note)\n" },
		{ "\xEF\xBB\xBF", CSV_READ_FAILED,
		  "t.csv: empty file (expected a header row: id, name, note)\n" },
		{ "\n\r\n  \n", CSV_READ_FAILED,
		  "t.csv:1: no header row, only blank lines (expected a header row: id, name, note)\n" },
		{ "id,name,note", CSV_READ_OK, "" },
		{ "id,note\nA,B\n", CSV_READ_FAILED,
		  "t.csv:1: column name: missing from the header (expected a column named name)\n" },
		{ "id,name,ID\n", CSV_READ_FAILED,
		  "t.csv:1: column id: appears twice in the header, fields 1 and 3 (expected each "
		  "column once)\n" },
		{ "\n,,\nid,name,colour,size\n", CSV_READ_OK,
		  "t.csv:3: warning: unknown columns \"colour\", \"size\" ignored (expected id, name, note)\n" },
		{ "id,name,Extra\n", CSV_READ_OK,
		  "t.csv:1: warning: unknown column \"Extra\" ignored (expected id, name, note)\n" },
		{ "\xFF\xFEi\0d\0", CSV_READ_FAILED,
		  "t.csv: is UTF-16 text (expected UTF-8: save the file as CSV UTF-8)\n" },
		{ "id,n\xE9me\n", CSV_READ_FAILED,
		  "t.csv:1: header field 2: byte 0xE9 after \"n\" is not UTF-8 (expected UTF-8 text: "
		  "Windows-1252? Save the file as CSV UTF-8)\n" },
		{ "id,\"name\n", CSV_READ_FAILED,
		  "t.csv:1: quoted field never closed: line 1 cannot be read (expected a closing quote)\n" },
		{ "id,na\"me\n", CSV_READ_FAILED,
		  "t.csv:1: a quote inside a field that does not start with one (expected the whole "
		  "field in quotes, each quote inside it doubled: \"19\"\" rack\")\n" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_auto(Result) res = { 0 };
		gsize len = strlen(cases[i].text);

		if (cases[i].text[0] == '\xFF')
			len = 6;
		read_text(&res, cases[i].text, len);
		g_assert_cmpstr(res.messages, ==, cases[i].messages);
		g_assert_cmpint(res.status, ==, cases[i].status);
		g_assert_cmpuint(res.rows->len, ==, 0);
	}
}

static void
test_row_problems(void)
{
	static const struct {
		const char *text;
		const char *messages;
		guint64 bad;
		gboolean broken;
		const char *next_id; /* id of the row after the bad one */
	} cases[] = {
		{ "id,name,note\nA1,Dupr\xE9,x\nA2,b\n",
		  "t.csv:2: column name: byte 0xE9 after \"Dupr\" is not UTF-8 (expected UTF-8 text: "
		  "Windows-1252? Save the file as CSV UTF-8)\n", 2, FALSE, "A2" },
		{ "id,name,note\nA1,\xE9t\xE9,x\nA2,b\n",
		  "t.csv:2: column name: byte 0xE9 at the start is not UTF-8 *", 2, FALSE, "A2" },
		{ "id,name,note\nA1,b,n\0te\nA2,b\n",
		  "t.csv:2: column note: holds a NUL byte (expected text, not binary data)\n", 4, FALSE, "A2" },
		{ "id,name,note\n\xEF\xBB\xBF" "A1,b\nA2,b\n",
		  "t.csv:2: column id: holds a byte-order mark (expected one only at the very start "
		  "of the file: were two files joined?)\n", 1, FALSE, "A2" },
		{ "id,name,note\nA1,b,c,d\nA2,b\n",
		  "t.csv:2: value \"d\" in field 4, which has no column in the header (expected at "
		  "most the header's 3 values; a value holding ',' must be quoted)\n", 0, FALSE, "A2" },
		{ "id,name,note\nA1,b,c,,,\nA2,b\n", "", 0, FALSE, "A2" },
		{ "id;name;;note;\nA1;b;x;c;;\nA2;b\n",
		  "t.csv:2: value \"x\" in field 3, which has no column in the header (expected at "
		  "most the header's 3 values; a value holding ';' must be quoted)\n", 0, FALSE, "A2" },
		{ "id,name,colour\nA1,b,r\xE9\nA2,b\n",
		  "t.csv:1: warning: unknown column \"colour\" ignored (expected id, name, note)\n"
		  "t.csv:2: column colour: byte 0xE9 after \"r\" is not UTF-8 *", 0, FALSE, "A2" },
		{ "id,name,note\nA1,Baie 19\" rack,x\nA2,b\n",
		  "t.csv:2: column name: a quote inside a field that does not start with one (expected "
		  "the whole field in quotes, each quote inside it doubled: \"19\"\" rack\")\n", 0, TRUE, "A2" },
		{ "id,name,note\nA1,\"multi\nline\"x,y\nA2,b\n",
		  "t.csv:2: column name: text after the closing quote of a quoted field (expected the "
		  "field to end at its closing quote; a quote inside it is written \"\")\n", 0, TRUE, "A2" },
	};

	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_auto(Result) res = { 0 };
		gsize len = strlen(cases[i].text);
		const char *expected = cases[i].messages;
		Row *bad;

		if (i == 2)
			len = 28; /* past the NUL */
		read_text(&res, cases[i].text, len);
		g_assert_cmpint(res.status, ==, CSV_READ_OK);
		if (g_str_has_suffix(expected, "*")) {
			g_autofree char *prefix = g_strndup(expected, strlen(expected) - 1);

			g_assert_true(g_str_has_prefix(res.messages, prefix));
		} else
			g_assert_cmpstr(res.messages, ==, expected);
		g_assert_cmpuint(res.rows->len, ==, 2);
		bad = row_at(&res, 0);
		g_assert_cmpuint(bad->bad, ==, cases[i].bad);
		g_assert_cmpint(bad->broken, ==, cases[i].broken);
		g_assert_cmpint(bad->problem, ==, strstr(expected, "t.csv:2:") != NULL);
		g_assert_cmpstr(row_at(&res, 1)->values[0], ==, cases[i].next_id);
		g_assert_false(row_at(&res, 1)->problem);
	}
}

static void
test_unterminated_quote(void)
{
	g_auto(Result) res = { 0 };
	const char *text = "id,name,note\nA1,a\nA2,\"b\nA3,c\nA4,d\n";

	read_text(&res, text, strlen(text));
	g_assert_cmpint(res.status, ==, CSV_READ_PARTIAL);
	g_assert_cmpstr(res.messages, ==,
			"t.csv:3: column name: quoted field never closed: lines 3 to 5 cannot be "
			"read (expected a closing quote)\n");
	g_assert_cmpuint(res.rows->len, ==, 1);
	assert_row(&res, 0, 2, "A1", "a", NULL);
}

static void
test_record_text_is_utf8(void)
{
	const char raw[] = "A1,Dupr\xE9,\0x";
	CsvRecord rec = { .raw = raw, .raw_len = sizeof raw - 1 };
	g_autofree char *text = csv_reader_record_text(&rec);

	g_assert_true(g_utf8_validate(text, -1, NULL));
	g_assert_true(g_str_has_prefix(text, "A1,Dupr\xEF\xBF\xBD,"));
}

static void
test_huge_field(void)
{
	g_auto(Result) res = { 0 };
	gsize big = 10 * 1024 * 1024;
	GString *s = g_string_new("id,name,note\nA1,\"");

	for (gsize i = 0; i < big; i++)
		g_string_append_c(s, i % 1000 == 999 ? '\n' : 'x');
	g_string_append(s, "\",n\nA2,b\n");
	read_text(&res, s->str, s->len);
	g_assert_cmpint(res.status, ==, CSV_READ_OK);
	g_assert_cmpuint(res.rows->len, ==, 2);
	g_assert_cmpuint(strlen(row_at(&res, 0)->values[1]), ==, big);
	g_assert_cmpuint(row_at(&res, 1)->line, ==, 3 + big / 1000);
	g_string_free(s, TRUE);
}

static void
test_many_columns(void)
{
	g_auto(Result) res = { 0 };
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < 100000; i++)
		g_string_append_printf(s, "c%u,", i);
	g_string_append(s, "id,name\n");
	for (guint i = 0; i < 100000; i++)
		g_string_append(s, "v,");
	g_string_append(s, "A1,b\n");
	for (guint i = 0; i < 100010; i++)
		g_string_append(s, ",");
	g_string_append(s, "x\n");
	read_text(&res, s->str, s->len);
	g_assert_cmpint(res.status, ==, CSV_READ_OK);
	g_assert_cmpuint(res.rows->len, ==, 2);
	assert_row(&res, 0, 2, "A1", "b", NULL);
	g_assert_true(g_str_has_prefix(res.messages,
				       "t.csv:1: warning: unknown columns \"c0\", \"c1\", \"c2\", \"c3\", "
				       "\"c4\" and 99995 more ignored"));
	g_assert_nonnull(strstr(res.messages, "t.csv:3: value \"x\" in field 100011"));
	g_string_free(s, TRUE);
}

/* Fills @buf (at least 8 bytes) with a random length of bytes CSV finds hard, after a
 * good header half the time; returns the length. */
static int
random_text(GRand *rand, char *buf, int size)
{
	static const char alphabet[] = "id,name;note\"\r\n \xE9\xEF\xBB\xBF\0xA";
	int len = g_rand_int_range(rand, 0, size);

	memcpy(buf, "id,name\n", 8);
	for (int k = g_rand_boolean(rand) ? 8 : 0; k < len; k++)
		buf[k] = alphabet[g_rand_int_range(rand, 0, sizeof alphabet - 1)];
	return len;
}

/* No byte sequence crashes the reader; every record it hands over is on a real line. */
static void
test_random_bytes(void)
{
	GRand *rand = g_rand_new_with_seed(7);

	for (int i = 0; i < 3000; i++) {
		g_auto(Result) res = { 0 };
		char buf[200];
		int len = random_text(rand, buf, sizeof buf);

		read_text(&res, buf, len);
		g_assert_true(g_utf8_validate(res.messages, -1, NULL));
		for (guint r = 0; r < res.rows->len; r++) {
			Row *row = row_at(&res, r);

			g_assert_cmpuint(row->line, >=, 1);
			g_assert_cmpuint(row->line, <=, (guint)len + 1);
		}
	}
	g_rand_free(rand);
}

/* ==== Files, block by block ===================================================== */

static gpointer
block_new(gpointer data)
{
	return g_ptr_array_new_with_free_func(row_free);
}

static void
block_record(const CsvRecord *rec, gpointer block)
{
	collect_row(block, rec);
}

static void
block_done(gpointer block, DiagList *diags, gpointer data)
{
	Result *res = data;
	GPtrArray *rows = block;

	for (guint i = 0; i < rows->len; i++)
		g_ptr_array_add(res->rows, rows->pdata[i]);
	g_ptr_array_set_free_func(rows, NULL);
	for (guint i = 0; i < diag_count(diags); i++) {
		const Diag *d = diag_get(diags, i);

		diag_add(res->diags, d->severity, d->file, d->line, d->column, d->row, "%s", d->message);
	}
}

static void
block_free(gpointer block)
{
	g_ptr_array_unref(block);
}

/* Reads @data as a file, @block bytes at a time; checks the size and checksum. */
static void
read_file(Result *res, const char *data, gsize len, gsize block)
{
	static const CsvBlockFuncs funcs = { block_new, block_record, block_done, block_free };
	g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_autofree char *path = NULL;
	g_autofree char *expected = NULL;
	CsvFileOptions opts = { .block_size = block, .checksum = sum };
	int fd = g_file_open_tmp("csv-reader-XXXXXX", &path, NULL);

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(write(fd, data, len), ==, (gssize)len);
	g_assert_cmpint(lseek(fd, 0, SEEK_SET), ==, 0);
	res->rows = g_ptr_array_new_with_free_func(row_free);
	res->diags = diag_list_new();
	res->status = csv_reader_read_file("t.csv", fd, columns, G_N_ELEMENTS(columns), &funcs, res,
					   &opts, res->diags);
	res->messages = diag_format_all(res->diags);
	close(fd);
	g_unlink(path);
	expected = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
	g_assert_cmpstr(g_checksum_get_string(sum), ==, expected);
	g_assert_cmpuint(opts.size, ==, len);
	g_assert_true(opts.whole);
}

static void
assert_same(const Result *a, const Result *b)
{
	g_assert_cmpint(a->status, ==, b->status);
	g_assert_cmpstr(a->messages, ==, b->messages);
	g_assert_cmpuint(a->rows->len, ==, b->rows->len);
	for (guint i = 0; i < a->rows->len; i++) {
		const Row *x = a->rows->pdata[i], *y = b->rows->pdata[i];

		g_assert_cmpuint(x->line, ==, y->line);
		g_assert_cmpstr(x->raw, ==, y->raw);
		for (guint c = 0; c < G_N_ELEMENTS(columns); c++)
			g_assert_cmpstr(x->values[c], ==, y->values[c]);
		g_assert_cmpuint(x->bad, ==, y->bad);
		g_assert_cmpint(x->broken, ==, y->broken);
		g_assert_cmpint(x->problem, ==, y->problem);
	}
}

/* @data read as a file in blocks of every size in @blocks reads as it does whole. */
static void
assert_blocks_read_as_whole(const char *data, gsize len, const gsize *blocks, gsize n)
{
	g_auto(Result) whole = { 0 };

	read_text(&whole, data, len);
	for (gsize i = 0; i < n; i++) {
		g_auto(Result) res = { 0 };

		read_file(&res, data, len, blocks[i]);
		assert_same(&whole, &res);
	}
}

static void
test_blocks_tricky(void)
{
	static const char *const texts[] = {
		"id,name,note\nA1,\"line one\nline two\r\nline three\",n\n,,\n ;  , ,  \r\n  \t \n"
		"A2,B\rA3,C\r\n\"A4\",D\n",
		"\n\n,,\n\xEF\xBB\xBF" "id,name,note\r\nA1,b\r\n\r\nA2,c",
		"\xEF\xBB\xBF" "id;\"na\nme\";note\nA1;b;\"x\ny\"\nA2;c;\"\"\"q\"\"\"\n",
		"id,name,note\nA1,\"a\"\"b\nc\",d\nA2,\"e\"x,f\nA3,g\"h,i\nA4,\"j\nk\nl\"\nA5,m\n",
		"id,name,note\nA1,a\nA2,\"b\nA3,c\nA4,d\n",
		"id,name,note\nA1,a\nA2,\"b\nA3,\"c\"\nA4,d\n\"\nA5,e\n",
		"id,name,note\nA1,Dupr\xE9,x\nA2,b,\xEF\xBB\xBFz\nA3,\"c\xE9\nd\",e\n",
		"id,name,note\nA1,b,c,d\nA2,b\nA3,\"x\",y,z,w\n",
		"id,name,note\n\"A1\",\"b",
		"\n\r\n  \n",
		"id,n\xE9me\nA1,b\n",
		"id,note\nA1,b\n",
		"id,\"name\n",
		"id\r,name\rA1,b\rA2,c\r",
	};
	static const gsize blocks[] = { 1, 2, 3, 5, 8, 13, 64, 4096 };

	for (gsize i = 0; i < G_N_ELEMENTS(texts); i++)
		assert_blocks_read_as_whole(texts[i], strlen(texts[i]), blocks, G_N_ELEMENTS(blocks));
}

/* A quoted field of ten megabytes spans thousands of blocks: read as one record. */
static void
test_blocks_huge_field(void)
{
	static const gsize blocks[] = { 4096, 65536 };
	GString *s = g_string_new("id,name,note\nA0,\"\"\"\",x\nA1,\"");

	for (gsize i = 0; i < 10 * 1024 * 1024; i++)
		g_string_append_c(s, i % 1000 == 999 ? '\n' : i % 7 == 0 ? '"' : 'x');
	g_string_append(s, "\",n\nA2,b\n");
	assert_blocks_read_as_whole(s->str, s->len, blocks, G_N_ELEMENTS(blocks));
	g_string_free(s, TRUE);
}

/* No cut of any byte sequence reads differently from the whole. */
static void
test_blocks_random_bytes(void)
{
	GRand *rand = g_rand_new_with_seed(17);

	for (int i = 0; i < 500; i++) {
		char buf[300];
		int len = random_text(rand, buf, sizeof buf);
		gsize block = (gsize)g_rand_int_range(rand, 1, 40);

		assert_blocks_read_as_whole(buf, (gsize)len, &block, 1);
	}
	g_rand_free(rand);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/csv-reader/dialect/comma-quotes-trim", test_comma);
	g_test_add_func("/csv-reader/dialect/semicolon-bom-crlf-any-order", test_semicolon_bom_crlf_any_order);
	g_test_add_func("/csv-reader/dialect/delimiter-counted-outside-quotes", test_delimiter_outside_quotes);
	g_test_add_func("/csv-reader/lines/physical-line-of-record-start", test_line_numbers);
	g_test_add_func("/csv-reader/header/problems", test_header_problems);
	g_test_add_func("/csv-reader/row/problems", test_row_problems);
	g_test_add_func("/csv-reader/row/unterminated-quote-reported-once", test_unterminated_quote);
	g_test_add_func("/csv-reader/row/text-is-made-utf8", test_record_text_is_utf8);
	g_test_add_func("/csv-reader/hostile/ten-megabyte-field", test_huge_field);
	g_test_add_func("/csv-reader/hostile/hundred-thousand-columns", test_many_columns);
	g_test_add_func("/csv-reader/hostile/random-bytes", test_random_bytes);
	g_test_add_func("/csv-reader/blocks/tricky-texts-as-whole", test_blocks_tricky);
	g_test_add_func("/csv-reader/blocks/huge-field-as-whole", test_blocks_huge_field);
	g_test_add_func("/csv-reader/blocks/random-bytes-as-whole", test_blocks_random_bytes);
	return g_test_run();
}
