/* Error and warning messages: "pfe-x: file:line: what failed". */
#ifndef PFE_ERR_H
#define PFE_ERR_H

#include <stddef.h>

#if defined(__GNUC__)
#define PFE_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PFE_NORETURN __attribute__((noreturn))
#else
#define PFE_PRINTF(f, a)
#define PFE_NORETURN
#endif

/* Print "prog: message" on stderr, remove every pending output file, and
   exit with status 2. */
PFE_NORETURN void die(const char *fmt, ...) PFE_PRINTF(1, 2);

/* Like die, with ": strerror(errno)" appended. */
PFE_NORETURN void die_errno(const char *fmt, ...) PFE_PRINTF(1, 2);

/* Like die, prefixed with "file:line: " (line 0 omits the line). */
PFE_NORETURN void die_at(const char *file, long line, const char *fmt, ...)
    PFE_PRINTF(3, 4);

/*
 * Have die, die_errno and die_at call HOOK (NULL: none) after printing
 * the message and before removing the pending outputs, once. A program
 * that keeps finished work in memory can then write it out first.
 */
void set_fatal_hook(void (*hook)(void));

/* Print "prog: message" on stderr and return. */
void warn_msg(const char *fmt, ...) PFE_PRINTF(1, 2);

/* Print "prog: file:line: message" on stderr and return. */
void warn_at(const char *file, long line, const char *fmt, ...)
    PFE_PRINTF(3, 4);

/* Print "prog: message" and "Try 'prog --help' ..." on stderr, exit 2. */
PFE_NORETURN void usage_error(const char *fmt, ...) PFE_PRINTF(1, 2);

/*
 * Report the getopt_long error C for the option at ARGV[OPTIND - 1] as a
 * usage error and exit 2. C is ':' for a missing value (the option string
 * must start with ':'), anything else for an unknown option.
 */
PFE_NORETURN void usage_option_error(int c, char *const *argv, int optind,
    int optopt);

/* Allocation that dies on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Return a newly allocated string formatted like printf. */
char *xasprintf(const char *fmt, ...) PFE_PRINTF(1, 2);

#endif
