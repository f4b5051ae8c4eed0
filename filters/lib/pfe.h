/* Definitions every pfe program shares: exit statuses, gettext, start-up. */
#ifndef PFE_H
#define PFE_H

#include <libintl.h>

#define _(msgid) gettext(msgid)
#define N_(msgid) (msgid)

/* Exit statuses, the same for every program (see DESIGN.md). */
enum pfe_exit {
	PFE_EXIT_OK = 0,	/* done */
	PFE_EXIT_REJECTS = 1,	/* done, but some records were rejected;
				   for a predicate mode: invalid */
	PFE_EXIT_FATAL = 2	/* usage or fatal error; no output written */
};

/*
 * Set the program name used in messages, the locale for messages and
 * character types only (numbers, collation and times stay "C" so files
 * never depend on LANG), and the gettext domain.
 */
void pfe_init(const char *progname);

/* Print "NAME (pfe) VERSION" on stdout and exit 0. */
void pfe_print_version(void);

/* Return the program name given to pfe_init. */
const char *pfe_progname(void);

/*
 * Return the folder holding pfe's schemas: $PFE_SCHEMAS if set, else
 * ../schemas beside the running executable, else the installed path.
 */
const char *pfe_schema_dir(void);

/* Return the folder holding pfe's reference tables (divisions, GB/T 4754),
   found the same way as the schemas ($PFE_DATA, ../data). */
const char *pfe_data_dir(void);

#endif
