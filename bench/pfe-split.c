/*
 * pfe-split: split a CSV file sorted by a key column (portraits.csv by
 * uscc) into K shard files of about equal record counts, each with the
 * header, never cutting between two records with the same key.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "err.h"
#include "output.h"
#include "pfe.h"

#define MAX_SHARDS 999

/* Parse a shard count in [2, MAX_SHARDS] or exit with a usage error. */
static int
parse_shards(const char *value)
{
	char *end;
	long number;

	errno = 0;
	number = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || number < 2 ||
	    number > MAX_SHARDS)
		usage_error(_("invalid value '%s' for -n: expected a whole "
		    "number from 2 to %d"), value, MAX_SHARDS);
	return (int)number;
}

/* Return the number of records after the header of PATH. */
static uint64_t
count_records(const char *path)
{
	struct csv_reader *reader = csv_reader_open(path, NULL,
	    CSV_ENCODING_UTF8);
	struct csv_record *record;
	uint64_t count = 0;

	while (csv_reader_next(reader, &record))
		count++;
	csv_reader_close(reader);
	return count > 0 ? count - 1 : 0;
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s [-q] [-k column] -n shards -o prefix "
	    "file\n"), pfe_progname());
	fputs(_("Split a CSV file sorted by a key column into shard files "
	    "PREFIX.1.csv\n"
	    "to PREFIX.N.csv of about equal size, each with the header.\n"
	    "\n"
	    "  -n, --shards N     number of shards, 2 to 999\n"
	    "  -k, --key COLUMN   key column (default uscc); records with the "
	    "same key\n"
	    "                     stay in one shard\n"
	    "  -o, --output PREFIX  prefix of the shard files\n"
	    "  -q, --quiet        no summary on standard error\n"
	    "      --help         show this help and exit\n"
	    "      --version      show the version and exit\n"), stream);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "shards", required_argument, NULL, 'n' },
		{ "key", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *key = "uscc", *prefix = NULL, *path;
	struct output **outputs;
	struct csv_reader *reader;
	struct csv_record *header, *record;
	char *previous_key = NULL;
	uint64_t total, written = 0, *counts;
	bool quiet = false;
	long key_column;
	int shards = 0, opt, shard = 0, k;

	pfe_init("pfe-split");

	while ((opt = getopt_long(argc, argv, "n:k:o:q", options, NULL)) !=
	    -1) {
		switch (opt) {
		case 'n':
			shards = parse_shards(optarg);
			break;
		case 'k':
			key = optarg;
			break;
		case 'o':
			prefix = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout);
			output_close_stdout();
			return PFE_EXIT_OK;
		case 'V':
			pfe_print_version();
			break;
		default:
			usage_error(_("invalid option"));
		}
	}

	if (shards == 0)
		usage_error(_("missing -n shards"));
	if (prefix == NULL)
		usage_error(_("missing -o prefix"));
	if (argc - optind != 1)
		usage_error(_("expected one input file"));
	path = argv[optind];
	if (strcmp(path, "-") == 0)
		usage_error(_("cannot split standard input: it is read twice, "
		    "so name a file"));

	/* The first pass counts the records, so that every shard gets its
	   share. No shard is empty when the keys are unique and at least as
	   many as the shards. */
	total = count_records(path);
	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &record))
		die_at(csv_reader_name(reader), 1,
		    _("empty file: expected a header line"));
	header = csv_record_copy(record);
	key_column = csv_column(header, key);
	if (key_column < 0)
		die_at(csv_reader_name(reader), 1,
		    _("missing key column '%s'"), key);
	outputs = xcalloc((size_t)shards, sizeof(*outputs));
	counts = xcalloc((size_t)shards, sizeof(*counts));
	for (k = 0; k < shards; k++) {
		char *name = xasprintf("%s.%d.csv", prefix, k + 1);

		outputs[k] = output_open(name, 0644);
		csv_write_row(output_stream(outputs[k]), CSV_WRITE_DATA,
		    header->nfields, (const char *const *)header->fields);
		free(name);
	}

	while (csv_reader_next(reader, &record)) {
		const char *value;

		if ((size_t)key_column >= record->nfields)
			die_at(csv_reader_name(reader), record->line,
			    _("missing key field: the record has %zu fields, "
			    "the header %zu"), record->nfields,
			    header->nfields);
		value = record->fields[key_column];
		/* Shard k starts at record k * total / shards, but the
		   records of a key already started stay in its shard. */
		while (shard + 1 < shards && written >= (uint64_t)(shard + 1) *
		    total / (uint64_t)shards && (previous_key == NULL ||
		    strcmp(previous_key, value) != 0))
			shard++;
		csv_write_row(output_stream(outputs[shard]), CSV_WRITE_DATA,
		    record->nfields, (const char *const *)record->fields);
		counts[shard]++;
		written++;
		free(previous_key);
		previous_key = xstrdup(value);
	}
	csv_reader_close(reader);

	for (k = 0; k < shards; k++)
		output_commit(outputs[k]);
	if (!quiet) {
		fprintf(stderr, _("%s: %" PRIu64 " records read, written to %d "
		    "shards:"), pfe_progname(), written, shards);
		for (k = 0; k < shards; k++)
			fprintf(stderr, " %" PRIu64, counts[k]);
		fputc('\n', stderr);
	}
	free(previous_key);
	csv_record_free(header);
	free(outputs);
	free(counts);
	output_close_stdout();
	return PFE_EXIT_OK;
}
