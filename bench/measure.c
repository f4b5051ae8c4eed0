/*
 * measure: run a command and print "NAME seconds=S max_rss_kib=K" on
 * stderr, with the wall time from CLOCK_MONOTONIC and the peak resident
 * set of the command and its children from wait4. Standard input and
 * output pass through, so a pipeline stage is measured as it runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec start, end;
	struct rusage usage;
	pid_t pid;
	int status;
	double seconds;

	if (argc < 3) {
		fprintf(stderr, "usage: measure NAME command [argument ...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid < 0) {
		perror("measure: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "measure: cannot run '%s': %s\n", argv[2],
		    strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &status, 0, &usage) < 0) {
		perror("measure: wait4");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	seconds = (double)(end.tv_sec - start.tv_sec) +
	    (double)(end.tv_nsec - start.tv_nsec) / 1e9;
	/* Linux reports ru_maxrss in kibibytes. */
	fprintf(stderr, "%s seconds=%.3f max_rss_kib=%ld\n", argv[1],
	    seconds, usage.ru_maxrss);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
