/* Test driver for the shared library: one subcommand per function, so
   tests/lib.bats can check each parse and format against exact output. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "err.h"
#include "money.h"
#include "output.h"
#include "pfe.h"
#include "rejects.h"
#include "xmlio.h"

static int64_t
parse_i64(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*end != '\0')
		die("invalid number '%s'", s);
	return v;
}

static int
cmd_money(int argc, char **argv)
{
	char buf[MONEY_BUFSIZE];
	int64_t fen;

	if (strcmp(argv[0], "money-parse") == 0 && argc == 3) {
		if (money_parse(argv[1], parse_i64(argv[2]), &fen) != 0) {
			puts("invalid");
			return 1;
		}
		printf("%" PRId64 "\n", fen);
	} else if (strcmp(argv[0], "money-format") == 0 && argc == 2) {
		puts(money_format(parse_i64(argv[1]), buf));
	} else if (strcmp(argv[0], "money-human") == 0 && argc == 2) {
		puts(money_format_human(parse_i64(argv[1]), buf));
	} else if (strcmp(argv[0], "money-scale") == 0 && argc == 6) {
		printf("%" PRId64 "\n", money_scale(parse_i64(argv[1]),
		    parse_i64(argv[2]), parse_i64(argv[3]), parse_i64(argv[4]),
		    strcmp(argv[5], "half-up") == 0 ? ROUND_HALF_UP :
		    ROUND_DOWN));
	} else {
		die("bad arguments to '%s'", argv[0]);
	}
	return 0;
}

static int
cmd_date(int argc, char **argv)
{
	char buf[DATE_BUFSIZE];
	int32_t a, b;

	if (strcmp(argv[0], "date-parse") == 0 && argc == 2) {
		if (date_parse(argv[1], &a) != 0) {
			puts("invalid");
			return 1;
		}
		printf("%s %" PRId32 "\n", date_format(a, buf), a);
	} else if (strcmp(argv[0], "date-years") == 0 && argc == 3) {
		if (date_parse(argv[1], &a) != 0 || date_parse(argv[2], &b) != 0)
			die("invalid date");
		printf("%d\n", date_years_between(a, b));
	} else {
		die("bad arguments to '%s'", argv[0]);
	}
	return 0;
}

/* Print each record as "LINE: field|field|..." with fields in brackets. */
static int
cmd_csv(int argc, char **argv)
{
	struct csv_reader *reader;
	struct csv_record *record;
	enum csv_encoding encoding = CSV_ENCODING_UTF8;
	size_t i;

	if (argc == 3 && strcmp(argv[2], "gb18030") == 0)
		encoding = CSV_ENCODING_GB18030;
	else if (argc != 2)
		die("bad arguments to '%s'", argv[0]);
	reader = csv_reader_open(argv[1], NULL, encoding);
	while (csv_reader_next(reader, &record)) {
		printf("%ld:", record->line);
		for (i = 0; i < record->nfields; i++)
			printf(" [%s]", record->fields[i]);
		putchar('\n');
	}
	csv_reader_close(reader);
	return 0;
}

/* Count records and fields, as bench/parse-floor does, through csvio. */
static int
cmd_csv_count(int argc, char **argv)
{
	struct csv_reader *reader;
	struct csv_record *record;
	unsigned long long records = 0, fields = 0;

	if (argc != 2)
		die("bad arguments to '%s'", argv[0]);
	reader = csv_reader_open(argv[1], NULL, CSV_ENCODING_UTF8);
	while (csv_reader_next(reader, &record)) {
		records++;
		fields += record->nfields;
	}
	csv_reader_close(reader);
	printf("records=%llu fields=%llu\n", records, fields);
	return 0;
}

/* Print the records after the header, seek back to the first of them,
   and print them again. */
static int
cmd_csv_seek(int argc, char **argv)
{
	struct csv_reader *reader;
	struct csv_record *record;
	uint64_t offset;
	int pass;

	if (argc != 2)
		die("bad arguments to '%s'", argv[0]);
	reader = csv_reader_open(argv[1], NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record))
		die("empty file");
	offset = csv_reader_offset(reader);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			csv_reader_seek(reader, offset, 2);
		while (csv_reader_next(reader, &record))
			printf("%ld: [%s]\n", record->line, record->fields[0]);
	}
	csv_reader_close(reader);
	return 0;
}

/* Copy a CSV file through the writer: data (plain) or people (guarded),
   or people then unguarded (round trip). */
static int
cmd_csv_write(int argc, char **argv)
{
	struct csv_reader *reader;
	struct csv_record *record;
	int flags;
	size_t i;

	if (argc != 3)
		die("bad arguments to '%s'", argv[0]);
	flags = strcmp(argv[1], "people") == 0 ? CSV_WRITE_PEOPLE :
	    CSV_WRITE_DATA;
	reader = csv_reader_open(argv[2], NULL, CSV_ENCODING_UTF8);
	while (csv_reader_next(reader, &record)) {
		for (i = 0; i < record->nfields; i++) {
			if (strcmp(argv[1], "unguard") == 0)
				csv_unguard(record->fields[i]);
			if (i > 0)
				putchar(',');
			csv_write_field(stdout, record->fields[i],
			    strlen(record->fields[i]), flags);
		}
		putchar('\n');
	}
	csv_reader_close(reader);
	return 0;
}

/* Write the arguments to a file atomically, failing midway on request. */
static int
cmd_atomic(int argc, char **argv)
{
	struct output *out;

	if (argc != 3)
		die("bad arguments to '%s'", argv[0]);
	out = output_open(argv[1], 0644);
	fputs("partial\n", output_stream(out));
	if (strcmp(argv[2], "fail") == 0)
		die("failing on request");
	output_commit(out);
	return 0;
}

static int
cmd_xml(int argc, char **argv)
{
	xmlDocPtr doc;

	if (argc < 2 || argc > 3)
		die("bad arguments to '%s'", argv[0]);
	doc = xml_read(argv[1], NULL, 4096);
	if (doc == NULL)
		return 1;
	if (argc == 3 && xml_validate(doc, argv[1], argv[2]) != 0) {
		xmlFreeDoc(doc);
		return 1;
	}
	printf("%s\n", (const char *)xmlDocGetRootElement(doc)->name);
	xmlFreeDoc(doc);
	return 0;
}

int
main(int argc, char **argv)
{
	pfe_init("libtest");
	xml_init();
	if (argc < 2)
		die("usage: libtest COMMAND ARGS...");
	argc--;
	argv++;
	if (strncmp(argv[0], "money-", 6) == 0)
		return cmd_money(argc, argv);
	if (strncmp(argv[0], "date-", 5) == 0)
		return cmd_date(argc, argv);
	if (strcmp(argv[0], "csv") == 0)
		return cmd_csv(argc, argv);
	if (strcmp(argv[0], "csv-seek") == 0)
		return cmd_csv_seek(argc, argv);
	if (strcmp(argv[0], "csv-count") == 0)
		return cmd_csv_count(argc, argv);
	if (strcmp(argv[0], "csv-write") == 0)
		return cmd_csv_write(argc, argv);
	if (strcmp(argv[0], "atomic") == 0)
		return cmd_atomic(argc, argv);
	if (strcmp(argv[0], "xml") == 0)
		return cmd_xml(argc, argv);
	die("unknown command '%s'", argv[0]);
}
