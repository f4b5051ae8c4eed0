/*
 * pfe-policy: check authored policy files against policy-source.xsd and
 * the field dictionary, and write them as one canonical policies file
 * (fen, exact rates, items sorted by id) that validates against policy.xsd.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "dict.h"
#include "err.h"
#include "output.h"
#include "pfe.h"
#include "policy-impl.h"
#include "xmlio.h"

/*
 * Read one policies file (authored or canonical) into SET. Returns the
 * number of errors, each already printed, and sets *UNREADABLE when the
 * file could not be read at all (an error, not an invalid file).
 */
static unsigned long
read_file(struct policy_set *set, const char *path, int *unreadable)
{
	const char *name = strcmp(path, "-") == 0 ? _("standard input") : path;
	xmlDocPtr doc;
	xmlNodePtr root;
	const char *ns, *schema;
	unsigned long errors;

	switch (policy_input_check(path, name, POLICY_SOURCE_NS)) {
	case POLICY_INPUT_OK:
		break;
	case POLICY_INPUT_UNREADABLE:
		*unreadable = 1;
		return 1;
	case POLICY_INPUT_EMPTY:
		return 1;
	}
	doc = xml_read(path, name, XML_MAX_INPUT);
	if (doc == NULL)
		return 1;
	root = xmlDocGetRootElement(doc);
	ns = root != NULL && root->ns != NULL ?
	    (const char *)root->ns->href : "";
	if (strcmp(ns, POLICY_SOURCE_NS) == 0)
		schema = "policy-source.xsd";
	else if (strcmp(ns, POLICY_NS) == 0)
		schema = "policy.xsd";
	else {
		warn_at(name, xml_line(root),
		    _("not a policies file: expected <policies xmlns=\"%s\">"),
		    POLICY_SOURCE_NS);
		xmlFreeDoc(doc);
		return 1;
	}
	if (xml_validate(doc, name, schema) != 0) {
		xmlFreeDoc(doc);
		return 1;
	}
	errors = policy_read_doc(set, doc, name, 0);
	xmlFreeDoc(doc);
	return errors;
}

static void
usage(FILE *stream)
{
	fprintf(stream, _("usage: %s -d dictionary [-q] [-o file] [file ...]\n"
	    "       %s -d dictionary --check [-q] [file ...]\n"),
	    pfe_progname(), pfe_progname());
}

static void
help(void)
{
	usage(stdout);
	fputs(_("\nCheck authored policy files against the schema and the field dictionary\n"
	    "and write them as one canonical policies file. Canonical input is\n"
	    "accepted too and comes out unchanged.\n\n"
	    "  -d, --dictionary file  field dictionary (dictionary.xml)\n"
	    "  --check                only check the files: exit 0 when they are\n"
	    "                         valid, 1 when one is not, 2 when one cannot\n"
	    "                         be read; write nothing\n"
	    "  -o, --output file      write the canonical policies to file\n"
	    "                         (default: standard output)\n"
	    "  -q, --quiet            print no summary\n"
	    "  --help                 print this help and exit\n"
	    "  --version              print the version and exit\n"), stdout);
}

enum long_only_option {
	OPT_CHECK = 256,
	OPT_HELP,
	OPT_VERSION
};

int
main(int argc, char *argv[])
{
	static const struct option long_options[] = {
		{ "dictionary", required_argument, NULL, 'd' },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *dict_path = NULL, *output = NULL;
	int quiet = 0, check = 0, unreadable = 0, c, i, nfiles;
	struct dictionary *dict;
	struct policy_set *set;
	struct output *out;
	unsigned long errors = 0;
	char *xml;
	size_t len;

	pfe_init("pfe-policy");
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
		case 'q':
			quiet = 1;
			break;
		case OPT_CHECK:
			check = 1;
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
	if (check && output != NULL)
		usage_error(_("--check and -o exclude each other"));

	dict = dict_load(dict_path);
	set = policy_set_new(dict);

	nfiles = argc > 0 ? argc : 1;
	for (i = 0; i < nfiles; i++)
		errors += read_file(set, argc > 0 ? argv[i] : "-", &unreadable);
	if (errors == 0)
		errors += policy_set_finish(set);
	if (check) {
		/* A predicate: 0 valid, 1 invalid, 2 a file could not be
		   read (or a usage error). */
		if (!quiet)
			fprintf(stderr, _("%s: files checked: %d, items: %zu, errors: %lu\n"),
			    pfe_progname(), nfiles,
			    set->nitems, errors);
		policy_free(set);
		dict_free(dict);
		if (unreadable)
			return PFE_EXIT_FATAL;
		return errors == 0 ? PFE_EXIT_OK : PFE_EXIT_REJECTS;
	}
	if (errors != 0)
		die(errors == 1 ? _("%lu error: nothing written") :
		    _("%lu errors: nothing written"), errors);

	xml = policy_write(set, 0, &len);
	out = output_open(output, 0644);
	policy_check_output(xml, len, output_name(out));
	if (fwrite(xml, 1, len, output_stream(out)) != len)
		die_errno(_("cannot write '%s'"), output_name(out));
	output_commit(out);

	if (!quiet)
		fprintf(stderr, ngettext("%s: read %d file: wrote %zu items\n",
		    "%s: read %d files: wrote %zu items\n", nfiles),
		    pfe_progname(), nfiles, set->nitems);
	free(xml);
	policy_free(set);
	dict_free(dict);
	output_close_stdout();
	return PFE_EXIT_OK;
}
