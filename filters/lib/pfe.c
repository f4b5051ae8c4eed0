/* Program start-up shared by every pfe filter: locale, gettext, paths. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "pfe.h"

#ifndef PFE_VERSION
#define PFE_VERSION "0.1.0"
#endif
#ifndef PFE_LOCALEDIR
#define PFE_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef PFE_SHAREDIR
#define PFE_SHAREDIR "/usr/local/share/pfe"
#endif

static const char *program_name = "pfe";

/*
 * Return a newly allocated path to SUB beside the running executable's
 * folder ("../SUB" relative to bin/), or NULL when it does not exist.
 */
static char *
path_beside_executable(const char *sub)
{
	char exe[PATH_MAX];
	ssize_t n;
	char *slash, *path;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	path = xasprintf("%s/../%s", exe, sub);
	if (access(path, R_OK | X_OK) != 0) {
		free(path);
		return NULL;
	}
	return path;
}

/* Return $VARIABLE, else SUB beside the executable, else the installed
   folder; the result is cached in *CACHE. */
static const char *
locate_folder(char **cache, const char *variable, const char *sub)
{
	const char *value;

	if (*cache != NULL)
		return *cache;
	value = getenv(variable);
	if (value != NULL && value[0] != '\0')
		*cache = xstrdup(value);
	else if ((*cache = path_beside_executable(sub)) == NULL)
		*cache = xasprintf("%s/%s", PFE_SHAREDIR, sub);
	return *cache;
}

/*
 * Open /dev/null on each standard descriptor that is closed. Otherwise the
 * first file a program opens would get descriptor 1 or 2, and messages
 * meant for standard error would be written into it.
 */
static void
open_standard_descriptors(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* open returns the lowest free descriptor: FD itself. */
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			exit(PFE_EXIT_FATAL);
	}
}

void
pfe_init(const char *progname)
{
	const char *localedir;

	program_name = progname;
	open_standard_descriptors();

	/* Messages and character classes follow the user; numbers, dates
	   and collation stay "C" so that no file depends on LANG. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_COLLATE, "C");
	setlocale(LC_TIME, "C");
	setlocale(LC_MONETARY, "C");

	localedir = getenv("PFE_LOCALEDIR");
	if (localedir == NULL || localedir[0] == '\0') {
		static char *beside;

		beside = path_beside_executable("locale");
		localedir = beside != NULL ? beside : PFE_LOCALEDIR;
	}
	bindtextdomain("pfe", localedir);
	bind_textdomain_codeset("pfe", "UTF-8");
	textdomain("pfe");
}

const char *
pfe_progname(void)
{
	return program_name;
}

void
pfe_print_version(void)
{
	printf("%s (pfe) %s\n", program_name, PFE_VERSION);
	if (fflush(stdout) != 0 || ferror(stdout))
		die_errno(_("cannot write to standard output"));
	exit(PFE_EXIT_OK);
}

const char *
pfe_schema_dir(void)
{
	static char *cache;

	return locate_folder(&cache, "PFE_SCHEMAS", "schemas");
}

const char *
pfe_data_dir(void)
{
	static char *cache;

	return locate_folder(&cache, "PFE_DATA", "data");
}
