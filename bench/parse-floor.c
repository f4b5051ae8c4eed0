/*
 * parse-floor: the cheapest pass over CSV files with libcsv in the dialect
 * pfe reads (strict mode, no trimming of spaces around fields), counting
 * records and fields. The benchmarks divide the filters' times by this
 * one, measured in the same run on the same files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

struct counts {
	unsigned long long fields;
	unsigned long long records;
};

/* pfe keeps spaces around unquoted fields, so no byte is a space here. */
static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	((struct counts *)data)->fields++;
}

static void
on_record(int c, void *data)
{
	(void)c;
	((struct counts *)data)->records++;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct counts counts = { 0, 0 };
	int i;

	for (i = 1; i < argc; i++) {
		struct csv_parser parser;
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (f == NULL) {
			perror(argv[i]);
			return 2;
		}
		csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI);
		csv_set_space_func(&parser, never_space);
		while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
			if (csv_parse(&parser, buf, n, on_field, on_record,
			    &counts) != n) {
				fprintf(stderr, "%s: %s\n", argv[i],
				    csv_strerror(csv_error(&parser)));
				return 1;
			}
		if (csv_fini(&parser, on_field, on_record, &counts) != 0) {
			fprintf(stderr, "%s: unterminated quote\n", argv[i]);
			return 1;
		}
		csv_free(&parser);
		fclose(f);
	}
	printf("records=%llu fields=%llu\n", counts.records, counts.fields);
	return 0;
}
