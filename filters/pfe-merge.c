/*
 * pfe-merge: merge CSV files that share a header and are each sorted by a
 * key column (USCC by default) into one file sorted by that key, as the
 * outputs of shards run in parallel are put back together.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "err.h"
#include "output.h"
#include "pfe.h"

/* One input file and its current record. */
struct merge_input {
	struct csv_reader *reader;
	struct csv_record *current;	/* owned copy; NULL at the end */
	char *last_key;		/* key of the previous record, for the
				   order check */
	long last_line;
};

/* Advance INPUT to its next record, checking the key order. */
static void
input_advance(struct merge_input *input, size_t key, size_t nfields)
{
	struct csv_record *record;

	csv_record_free(input->current);
	input->current = NULL;
	if (!csv_reader_next(input->reader, &record))
		return;
	if (record->nfields != nfields)
		die_at(csv_reader_name(input->reader), record->line,
		    _("record has %zu fields, the header has %zu"),
		    record->nfields, nfields);
	if (input->last_key != NULL &&
	    strcmp(record->fields[key], input->last_key) < 0)
		die_at(csv_reader_name(input->reader), record->line,
		    _("key '%s' sorts before '%s' on line %ld: sort each input by its key column"),
		    record->fields[key], input->last_key, input->last_line);
	free(input->last_key);
	input->last_key = xstrdup(record->fields[key]);
	input->last_line = record->line;
	input->current = csv_record_copy(record);
}

/* Return 1 when headers A and B have the same fields in the same order. */
static int
same_header(const struct csv_record *a, const struct csv_record *b)
{
	size_t i;

	if (a->nfields != b->nfields)
		return 0;
	for (i = 0; i < a->nfields; i++)
		if (strcmp(a->fields[i], b->fields[i]) != 0)
			return 0;
	return 1;
}

static void
write_record(FILE *out, const struct csv_record *record)
{
	size_t i;

	for (i = 0; i < record->nfields; i++) {
		if (i > 0)
			putc(',', out);
		csv_write_field(out, record->fields[i], record->lengths[i],
		    CSV_WRITE_DATA);
	}
	putc('\n', out);
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s [-q] [-k column] [-o file] file ...\n"),
	    pfe_progname());
	fputs(_("Merge CSV files with one header, each sorted by the key column, into\n"
	    "one file sorted by it. Records with equal keys keep the order of the\n"
	    "files on the command line.\n"
	    "\n"
	    "  -k, --key COLUMN  key column name (default: uscc)\n"
	    "  -o, --output FILE write to FILE atomically (default: standard output)\n"
	    "  -q, --quiet       do not print the count summary\n"
	    "      --help        show this help and exit\n"
	    "      --version     show the version and exit\n"), stream);
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *key_name = "uscc", *output_path = NULL;
	struct merge_input *inputs;
	struct csv_record *header = NULL;
	struct output *out;
	unsigned long written = 0;
	size_t ninputs, key = 0, i;
	int quiet = 0, c;

	pfe_init("pfe-merge");
	/* GB18030 input is converted with iconv: no --encoding here. */
	csv_set_encoding_option(0);

	while ((c = getopt_long(argc, argv, ":k:o:q", options, NULL)) != -1) {
		switch (c) {
		case 'k':
			key_name = optarg;
			break;
		case 'o':
			output_path = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			output_close_stdout();
			return PFE_EXIT_OK;
		case 'V':
			pfe_print_version();
			break;
		default:
			usage_option_error(c, argv, optind, optopt);
		}
	}
	if (optind == argc)
		usage_error(_("missing input files"));

	ninputs = (size_t)(argc - optind);
	inputs = xcalloc(ninputs, sizeof(*inputs));
	for (i = 0; i < ninputs; i++) {
		struct csv_record *record;
		const char *path = argv[optind + (int)i];

		inputs[i].reader = csv_reader_open(path, NULL,
		    CSV_ENCODING_UTF8);
		if (!csv_reader_next(inputs[i].reader, &record))
			die_at(path, 0, _("empty file: a header is expected"));
		if (header == NULL) {
			long k;

			header = csv_record_copy(record);
			k = csv_column(header, key_name);
			if (k < 0)
				die_at(path, 1, _("missing key column '%s'"),
				    key_name);
			key = (size_t)k;
		} else if (!same_header(header, record)) {
			die_at(path, 1, _("header differs from the header of '%s'"),
			    argv[optind]);
		}
	}
	out = output_open(output_path, 0644);

	write_record(output_stream(out), header);
	for (i = 0; i < ninputs; i++)
		input_advance(&inputs[i], key, header->nfields);
	for (;;) {
		struct merge_input *least = NULL;

		/* A linear scan: shard counts are small, and ties go to the
		   earliest file, which keeps the merge stable. */
		for (i = 0; i < ninputs; i++)
			if (inputs[i].current != NULL && (least == NULL ||
			    strcmp(inputs[i].current->fields[key],
			    least->current->fields[key]) < 0))
				least = &inputs[i];
		if (least == NULL)
			break;
		write_record(output_stream(out), least->current);
		written++;
		input_advance(least, key, header->nfields);
	}

	output_commit(out);
	if (!quiet)
		fprintf(stderr, _("%s: read %zu files, wrote %lu records\n"),
		    pfe_progname(), ninputs, written);
	for (i = 0; i < ninputs; i++) {
		csv_reader_close(inputs[i].reader);
		free(inputs[i].last_key);
	}
	free(inputs);
	csv_record_free(header);
	output_close_stdout();
	return PFE_EXIT_OK;
}
