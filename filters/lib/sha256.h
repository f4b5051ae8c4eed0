/* SHA-256 digests as lower-case hex, computed by nettle. */
#ifndef PFE_SHA256_H
#define PFE_SHA256_H

#include <stddef.h>

/* Size of a hex digest with its terminating NUL. */
#define SHA256_HEX_SIZE 65

/* Write the SHA-256 of the LEN bytes at DATA into HEX. Returns HEX. */
char *sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

/*
 * Write the SHA-256 of the file at PATH into HEX. Returns 0, or -1 with
 * errno set when the file cannot be opened or read.
 */
int sha256_file_hex(const char *path, char hex[SHA256_HEX_SIZE]);

/* Return 1 when S is 64 lower-case hex digits. */
int sha256_is_hex(const char *s);

#endif
