/*
 * pfe-classify: give each canonical policy item its review mode
 * (automatic, semi-automatic or manual) from the field dictionary alone,
 * and say in Chinese what keeps it from full automation.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "dict.h"
#include "err.h"
#include "output.h"
#include "pfe.h"
#include "policy-impl.h"
#include "xmlio.h"

/* The UTF-8 byte-order mark that spreadsheet programs look for. */
#define UTF8_BOM "\xEF\xBB\xBF"

/* Write modes.csv to OUT: one row per item, for administrators. */
static void
write_modes(const struct policy_set *set, struct output *out)
{
	static const char *const header[] = {
		"item", "title", "mode", "free_of_application", "reasons"
	};
	FILE *f = output_stream(out);
	size_t i, j;

	fputs(UTF8_BOM, f);
	csv_write_row(f, CSV_WRITE_PEOPLE, 5, header);
	for (i = 0; i < set->nitems; i++) {
		const struct policy_item *item = &set->items[i];
		const char *row[5];
		size_t len = 0;
		char *reasons;

		for (j = 0; j < item->nmode_reasons; j++)
			len += strlen(item->mode_reasons[j]) + 3;
		reasons = xcalloc(len + 1, 1);
		for (j = 0; j < item->nmode_reasons; j++) {
			if (j > 0)
				strcat(reasons, "；");
			strcat(reasons, item->mode_reasons[j]);
		}
		row[0] = item->id;
		row[1] = item->title;
		row[2] = policy_mode_name(item->mode);
		row[3] = item->free_of_application ? "1" : "0";
		row[4] = reasons;
		csv_write_row(f, CSV_WRITE_PEOPLE, 5, row);
		free(reasons);
	}
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s -d dictionary [-q] [-o file] [--modes file] [policies.xml]\n"),
	    pfe_progname());
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nGive each policy item its review mode from the field dictionary:\n"
	    "automatic when it reads department data only, semi-automatic when a\n"
	    "value is declared with evidence, manual when a reviewer must judge.\n\n"
	    "  -d, --dictionary file  field dictionary (dictionary.xml)\n"
	    "  -o, --output file      write the policies annotated with their modes\n"
	    "                         to file (default: standard output)\n"
	    "  --modes file           write one row per item with its mode and what\n"
	    "                         blocks full automation to file (CSV)\n"
	    "  -q, --quiet            print no summary\n"
	    "  --help                 print this help and exit\n"
	    "  --version              print the version and exit\n"), stdout);
}

enum long_only_option {
	OPT_MODES = 256,
	OPT_HELP,
	OPT_VERSION
};

int
main(int argc, char *argv[])
{
	static const struct option long_options[] = {
		{ "dictionary", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "modes", required_argument, NULL, OPT_MODES },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *dict_path = NULL, *output = NULL, *modes = NULL;
	const char *input;
	int quiet = 0, c;
	struct dictionary *dict;
	struct policy_set *set;
	struct output *out, *modes_out = NULL;
	size_t counts[4] = { 0, 0, 0, 0 }, i, len;
	char *xml;

	pfe_init("pfe-classify");
	xml_init();

	while ((c = getopt_long(argc, argv, "d:o:q", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			dict_path = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_MODES:
			modes = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_HELP:
			help();
			return PFE_EXIT_OK;
		case OPT_VERSION:
			pfe_print_version();
			break;
		default:
			usage(stderr);
			return PFE_EXIT_FATAL;
		}
	}
	argc -= optind;
	argv += optind;

	if (dict_path == NULL)
		usage_error(_("missing option -d (the field dictionary)"));
	if (argc > 1)
		usage_error(_("too many arguments: give one canonical policies file"));
	input = argc == 1 ? argv[0] : "-";

	dict = dict_load(dict_path);
	set = policy_load_file(input, NULL, dict, 0);

	xml = policy_write(set, 1, &len);
	out = output_open(output, 0644);
	policy_check_output(xml, len, output_name(out));
	if (fwrite(xml, 1, len, output_stream(out)) != len)
		die_errno(_("cannot write '%s'"), output_name(out));
	if (modes != NULL) {
		modes_out = output_open(modes, 0644);
		write_modes(set, modes_out);
	}
	/* Nothing is put in place unless every output was written. */
	output_flush_all();
	if (modes_out != NULL)
		output_commit(modes_out);
	output_commit(out);

	for (i = 0; i < set->nitems; i++)
		counts[set->items[i].mode]++;
	if (!quiet)
		fprintf(stderr, _("%s: read %zu items: %zu automatic, %zu semi-automatic, %zu manual\n"),
		    pfe_progname(), set->nitems,
		    counts[POLICY_MODE_AUTOMATIC],
		    counts[POLICY_MODE_SEMI_AUTOMATIC],
		    counts[POLICY_MODE_MANUAL]);
	free(xml);
	policy_free(set);
	dict_free(dict);
	output_close_stdout();
	return PFE_EXIT_OK;
}
