/* Atomic output files: temporary file in the target's folder, then rename. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "output.h"
#include "pfe.h"

struct output {
	char *path;		/* target, NULL for stdout */
	char *temp;		/* temporary file beside the target */
	FILE *stream;
	struct output *next;	/* list of pending outputs */
};

static struct output *pending;

/* The signals that end a program, whose handler removes the temporary
   files first, and the signals blocked while the list of them changes. */
static const int ending_signals[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };
static sigset_t ending_set;
static int handlers_installed;

/* Remove every pending temporary file, then end as SIG would. Only
   unlink, signal and raise run here: all three are async-signal-safe. */
static void
remove_temporary_files(int sig)
{
	struct output *out;

	for (out = pending; out != NULL; out = out->next)
		if (out->temp != NULL)
			unlink(out->temp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Install remove_temporary_files for each ending signal that is not
   ignored: a run started under nohup or with SIGPIPE ignored keeps that. */
static void
install_handlers(void)
{
	struct sigaction action, old;
	size_t i;

	if (handlers_installed)
		return;
	handlers_installed = 1;
	sigemptyset(&ending_set);
	memset(&action, 0, sizeof(action));
	action.sa_handler = remove_temporary_files;
	sigemptyset(&action.sa_mask);
	for (i = 0; i < sizeof(ending_signals) / sizeof(ending_signals[0]);
	    i++) {
		sigaddset(&ending_set, ending_signals[i]);
		sigaddset(&action.sa_mask, ending_signals[i]);
	}
	for (i = 0; i < sizeof(ending_signals) / sizeof(ending_signals[0]);
	    i++) {
		if (sigaction(ending_signals[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(ending_signals[i], &action, NULL);
	}
}

/* Block the ending signals while the list of pending outputs changes,
   so that the handler never walks a half-linked list. */
static void
block_ending_signals(sigset_t *saved)
{
	install_handlers();
	pthread_sigmask(SIG_BLOCK, &ending_set, saved);
}

static void
restore_signals(const sigset_t *saved)
{
	pthread_sigmask(SIG_SETMASK, saved, NULL);
}

static void
unlink_pending(struct output *out)
{
	struct output **p;
	sigset_t saved;

	block_ending_signals(&saved);
	for (p = &pending; *p != NULL; p = &(*p)->next)
		if (*p == out) {
			*p = out->next;
			break;
		}
	restore_signals(&saved);
}

static void
add_pending(struct output *out)
{
	sigset_t saved;

	block_ending_signals(&saved);
	out->next = pending;
	pending = out;
	restore_signals(&saved);
}

static void
free_output(struct output *out)
{
	free(out->path);
	free(out->temp);
	free(out);
}

struct output *
output_open(const char *path, mode_t mode)
{
	struct output *out = xcalloc(1, sizeof(*out));
	const char *slash;
	struct stat st;
	sigset_t saved;
	mode_t mask;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		out->stream = stdout;
		return out;
	}

	/* A symbolic link is followed, so the rename replaces the file it
	   names and not the link: -o /dev/stdout must not turn that link
	   into a regular file when standard output is one. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		char *target = realpath(path, NULL);

		if (target == NULL)
			die_errno(_("cannot resolve '%s'"), path);
		out->path = target;
	} else {
		out->path = xstrdup(path);
	}
	path = out->path;

	/* A device or FIFO (-o /dev/null, a pipe) is written in place:
	   renaming a temporary file over it would replace the node itself,
	   and as root that turns /dev/null into a regular file. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		out->stream = fopen(path, "w");
		if (out->stream == NULL)
			die_errno(_("cannot open '%s'"), path);
		add_pending(out);
		return out;
	}

	/* A folder cannot be replaced by a file: fail now, before anything
	   is written, and not at the rename that would commit the file. */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		die(_("cannot write '%s': %s"), path, strerror(EISDIR));

	slash = strrchr(path, '/');
	if (slash == NULL)
		out->temp = xasprintf(".%s.XXXXXX", path);
	else
		out->temp = xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path),
		    path, slash + 1);
	/* The file is on the pending list from the moment it exists. */
	block_ending_signals(&saved);
	fd = mkstemp(out->temp);
	if (fd >= 0) {
		out->next = pending;
		pending = out;
	}
	restore_signals(&saved);
	if (fd < 0)
		die(_("cannot create a temporary file for '%s': %s"), path,
		    strerror(errno));

	/* mkstemp creates mode 0600; widen to MODE as umask allows. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, mode & ~mask) != 0) {
		int saved = errno;

		close(fd);
		unlink(out->temp);
		die(_("cannot set the mode of '%s': %s"), out->temp,
		    strerror(saved));
	}
	out->stream = fdopen(fd, "w");
	if (out->stream == NULL) {
		close(fd);
		unlink(out->temp);
		die_errno(_("cannot open '%s'"), out->temp);
	}
	return out;
}

FILE *
output_stream(struct output *out)
{
	return out->stream;
}

const char *
output_name(const struct output *out)
{
	return out->path != NULL ? out->path : _("standard output");
}

void
output_commit(struct output *out)
{
	int failed;

	if (out->path == NULL) {
		if (fflush(stdout) != 0 || ferror(stdout))
			die_errno(_("cannot write to standard output"));
		free_output(out);
		return;
	}

	failed = fflush(out->stream) != 0 || ferror(out->stream);
	if (!failed && out->temp != NULL)
		failed = fsync(fileno(out->stream)) != 0;
	if (fclose(out->stream) != 0)
		failed = 1;
	out->stream = NULL;
	if (failed) {
		int saved = errno;

		if (out->temp != NULL)
			unlink(out->temp);
		unlink_pending(out);
		errno = saved;
		die_errno(_("cannot write '%s'"), out->path);
	}
	if (out->temp != NULL && rename(out->temp, out->path) != 0) {
		int saved = errno;

		unlink(out->temp);
		unlink_pending(out);
		errno = saved;
		die_errno(_("cannot rename '%s' to '%s'"), out->temp,
		    out->path);
	}
	unlink_pending(out);
	free_output(out);
}

void
output_discard(struct output *out)
{
	if (out->path != NULL) {
		if (out->stream != NULL)
			fclose(out->stream);
		if (out->temp != NULL)
			unlink(out->temp);
		unlink_pending(out);
	}
	free_output(out);
}

void
output_flush_all(void)
{
	struct output *out;

	for (out = pending; out != NULL; out = out->next)
		if (out->stream != NULL &&
		    (fflush(out->stream) != 0 || ferror(out->stream)))
			die_errno(_("cannot write '%s'"), out->path);
}

void
output_discard_all(void)
{
	struct output *out;
	sigset_t saved;

	block_ending_signals(&saved);
	while ((out = pending) != NULL) {
		pending = out->next;
		if (out->stream != NULL)
			fclose(out->stream);
		if (out->temp != NULL)
			unlink(out->temp);
		free_output(out);
	}
	restore_signals(&saved);
}

void
output_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		output_discard_all();
		fprintf(stderr, "%s: %s: %s\n", pfe_progname(),
		    _("cannot write to standard output"), strerror(errno));
		exit(PFE_EXIT_FATAL);
	}
}

void
output_write_file(const char *path, mode_t mode, const void *data,
    size_t len)
{
	struct output *out = output_open(path, mode);

	if (len > 0 && fwrite(data, 1, len, out->stream) != len)
		die_errno(_("cannot write '%s'"), output_name(out));
	output_commit(out);
}
