/* Messages on stderr in one shape: "prog: [file:line: ]message". */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "output.h"
#include "pfe.h"

static void (*fatal_hook)(void);

void
set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Run the fatal hook once: a hook that dies does not run again. */
static void
run_fatal_hook(void)
{
	void (*hook)(void) = fatal_hook;

	fatal_hook = NULL;
	if (hook != NULL)
		hook();
}

static void
vmessage(const char *file, long line, const char *fmt, va_list ap,
    const char *suffix)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", pfe_progname());
	if (file != NULL) {
		if (line > 0)
			fprintf(stderr, "%s:%ld: ", file, line);
		else
			fprintf(stderr, "%s: ", file);
	}
	vfprintf(stderr, fmt, ap);
	if (suffix != NULL)
		fprintf(stderr, ": %s", suffix);
	fputc('\n', stderr);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, NULL);
	va_end(ap);
	run_fatal_hook();
	output_discard_all();
	exit(PFE_EXIT_FATAL);
}

void
die_errno(const char *fmt, ...)
{
	va_list ap;
	const char *reason = strerror(errno);

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, reason);
	va_end(ap);
	run_fatal_hook();
	output_discard_all();
	exit(PFE_EXIT_FATAL);
}

void
die_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(file, line, fmt, ap, NULL);
	va_end(ap);
	run_fatal_hook();
	output_discard_all();
	exit(PFE_EXIT_FATAL);
}

void
warn_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, NULL);
	va_end(ap);
}

void
warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(file, line, fmt, ap, NULL);
	va_end(ap);
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(NULL, 0, fmt, ap, NULL);
	va_end(ap);
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
	    pfe_progname());
	output_discard_all();
	exit(PFE_EXIT_FATAL);
}

void
usage_option_error(int c, char *const *argv, int optind, int optopt)
{
	const char *option = argv[optind - 1];
	int is_long = strncmp(option, "--", 2) == 0;

	if (c == ':') {
		if (is_long)
			usage_error(_("option '%s' requires a value"), option);
		usage_error(_("option '-%c' requires a value"), optopt);
	}
	if (is_long)
		usage_error(_("unknown option '%s'"), option);
	usage_error(_("unknown option '-%c'"), optopt);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n == 0 ? 1 : n);

	if (p == NULL)
		die(_("out of memory"));
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n == 0 ? 1 : n, size == 0 ? 1 : size);

	if (p == NULL)
		die(_("out of memory"));
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n == 0 ? 1 : n);
	if (p == NULL)
		die(_("out of memory"));
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		die(_("out of memory"));
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die(_("out of memory"));
	va_end(ap);
	return s;
}
