/* SHA-256 as hex through nettle's sha256 functions. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "sha256.h"

static void
sha256_digest_to_hex(struct sha256_ctx *ctx, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t digest[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_digest(ctx, sizeof digest, digest);
	for (i = 0; i < sizeof digest; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 0x0f];
	}
	hex[2 * sizeof digest] = '\0';
}

char *
sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest_to_hex(&ctx, hex);
	return hex;
}

int
sha256_file_hex(const char *path, char hex[SHA256_HEX_SIZE])
{
	struct sha256_ctx ctx;
	uint8_t buffer[65536];
	size_t n;
	FILE *file;
	int saved_errno;

	file = fopen(path, "rb");
	if (file == NULL)
		return -1;
	sha256_init(&ctx);
	while ((n = fread(buffer, 1, sizeof buffer, file)) > 0)
		sha256_update(&ctx, n, buffer);
	if (ferror(file)) {
		saved_errno = errno;
		fclose(file);
		errno = saved_errno != 0 ? saved_errno : EIO;
		return -1;
	}
	fclose(file);
	sha256_digest_to_hex(&ctx, hex);
	return 0;
}

int
sha256_is_hex(const char *s)
{
	size_t i;

	for (i = 0; i < SHA256_HEX_SIZE - 1; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}
