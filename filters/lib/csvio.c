/*
 * CSV on libcsv in strict mode. Input is fed to libcsv one physical line
 * at a time, so the line where each record starts is known; each line is
 * checked as UTF-8 (or converted from GB18030) before libcsv sees it.
 * Every record comes from libcsv: pfe keeps no CSV parser of its own.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "csvio.h"
#include "err.h"
#include "pfe.h"

/* A record being built or waiting to be returned. */
struct record_buffer {
	char *text;		/* fields, each NUL-terminated */
	size_t text_len;
	size_t text_cap;
	size_t *offsets;	/* start of each field in text */
	size_t *lengths;
	char **fields;		/* pointers into text, built on return */
	size_t nfields;
	size_t fields_cap;
	long line;
};

/* Completed records not yet returned; libcsv may end two records on one
   physical line when a bare CR terminates the first. */
#define QUEUE_MAX 64

struct csv_reader {
	FILE *stream;		/* NULL when reading from memory */
	int owns_stream;
	char *name;
	enum csv_encoding encoding;
	iconv_t to_utf8;	/* GB18030 input only */
	char *converted;	/* conversion buffer */
	size_t converted_cap;
	struct csv_parser parser;
	char *buf;		/* input read ahead, or the caller's bytes
				   when reading from memory */
	size_t pos;		/* start of the unread part of buf */
	size_t len;		/* bytes in buf */
	size_t cap;		/* size of buf */
	int eof;		/* the stream is exhausted */
	long line;		/* physical line being fed */
	uint64_t offset;	/* bytes consumed */
	int at_end;
	struct record_buffer building;
	struct record_buffer queue[QUEUE_MAX];
	size_t queue_head;
	size_t queue_len;
	struct csv_record current;
};

/* Whether the program has an --encoding option to suggest for GB18030. */
static int encoding_option = 1;

void
csv_set_encoding_option(int offered)
{
	encoding_option = offered;
}

static int
never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
buffer_append_field(struct record_buffer *b, const char *s, size_t len)
{
	if (b->nfields == b->fields_cap) {
		b->fields_cap = b->fields_cap ? b->fields_cap * 2 : 16;
		b->offsets = xreallocarray(b->offsets, b->fields_cap,
		    sizeof(*b->offsets));
		b->lengths = xreallocarray(b->lengths, b->fields_cap,
		    sizeof(*b->lengths));
		b->fields = xreallocarray(b->fields, b->fields_cap,
		    sizeof(*b->fields));
	}
	if (b->text_len + len + 1 > b->text_cap) {
		while (b->text_len + len + 1 > b->text_cap)
			b->text_cap = b->text_cap ? b->text_cap * 2 : 256;
		b->text = xrealloc(b->text, b->text_cap);
	}
	b->offsets[b->nfields] = b->text_len;
	b->lengths[b->nfields] = len;
	if (len > 0)
		memcpy(b->text + b->text_len, s, len);
	b->text[b->text_len + len] = '\0';
	b->text_len += len + 1;
	b->nfields++;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csv_reader *r = data;

	buffer_append_field(&r->building, s != NULL ? s : "", len);
}

static void
on_record(int terminator, void *data)
{
	struct csv_reader *r = data;
	struct record_buffer tmp;
	size_t slot;

	(void)terminator;
	if (r->queue_len == QUEUE_MAX)
		die_at(r->name, r->line, _("too many records on one line"));
	slot = (r->queue_head + r->queue_len) % QUEUE_MAX;

	/* Swap buffers so both keep their allocations for reuse. */
	tmp = r->queue[slot];
	r->queue[slot] = r->building;
	r->building = tmp;
	r->building.text_len = 0;
	r->building.nfields = 0;
	/* A record after a bare CR starts on this same line. */
	r->building.line = r->line;
	r->queue_len++;
}

static struct csv_reader *
reader_new(FILE *stream, int owns, const char *name,
    enum csv_encoding encoding)
{
	struct csv_reader *r = xcalloc(1, sizeof(*r));

	r->stream = stream;
	r->owns_stream = owns;
	r->name = xstrdup(name);
	r->encoding = encoding;
	r->to_utf8 = (iconv_t)-1;
	if (encoding == CSV_ENCODING_GB18030) {
		r->to_utf8 = iconv_open("UTF-8", "GB18030");
		if (r->to_utf8 == (iconv_t)-1)
			die_errno(_("cannot convert from GB18030"));
	}
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die(_("out of memory"));
	csv_set_space_func(&r->parser, never_space);
	return r;
}

struct csv_reader *
csv_reader_open(const char *path, const char *name,
    enum csv_encoding encoding)
{
	FILE *stream;

	if (path == NULL || strcmp(path, "-") == 0)
		return csv_reader_from_stream(stdin,
		    name != NULL ? name : _("standard input"), encoding);
	stream = fopen(path, "rb");
	if (stream == NULL)
		die(_("cannot open '%s': %s"), path, strerror(errno));
	return reader_new(stream, 1, name != NULL ? name : path, encoding);
}

struct csv_reader *
csv_reader_from_stream(FILE *stream, const char *name,
    enum csv_encoding encoding)
{
	return reader_new(stream, 0, name, encoding);
}

struct csv_reader *
csv_reader_from_memory(const char *data, size_t len, const char *name,
    enum csv_encoding encoding)
{
	struct csv_reader *r = reader_new(NULL, 0, name, encoding);

	csv_reader_restart(r, data, len, 0, 1);
	return r;
}

/*
 * Return the length of the valid UTF-8 prefix of S (LEN bytes). Overlong
 * forms, surrogates and code points above U+10FFFF are invalid.
 */
static size_t
utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		unsigned long cp;

		/* Most department data is ASCII: skip it eight bytes at a
		   time. */
		if (c < 0x80) {
			uint64_t word;

			i++;
			while (i + 8 <= len) {
				memcpy(&word, s + i, 8);
				if (word & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			continue;
		}
		/* Lead bytes E1-EC and EE-EF (most Chinese text) take any two
		   continuation bytes: they can be neither overlong nor
		   surrogates. */
		if (c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < len &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (i + n >= len)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return i;
}

/* Return 1 when the LEN bytes at S decode as GB18030. */
static int
looks_like_gb18030(const char *s, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char out[4096];
	char *in = (char *)s;
	size_t in_left = len;
	int ok = 1;

	if (cd == (iconv_t)-1)
		return 0;
	while (in_left > 0) {
		char *o = out;
		size_t out_left = sizeof(out);

		if (iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1 &&
		    errno != E2BIG) {
			ok = 0;
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

/* Convert one GB18030 line to UTF-8 into the reader's buffer. */
static void
convert_line(struct csv_reader *r, const char *s, size_t len,
    const char **out, size_t *out_len)
{
	char *in = (char *)s;
	size_t in_left = len;
	size_t used = 0;

	if (r->converted_cap < len * 2 + 16) {
		r->converted_cap = len * 2 + 16;
		r->converted = xrealloc(r->converted, r->converted_cap);
	}
	while (in_left > 0) {
		char *o = r->converted + used;
		size_t out_left = r->converted_cap - used;

		if (iconv(r->to_utf8, &in, &in_left, &o, &out_left) ==
		    (size_t)-1) {
			used = r->converted_cap - out_left;
			if (errno == E2BIG) {
				r->converted_cap *= 2;
				r->converted = xrealloc(r->converted,
				    r->converted_cap);
				continue;
			}
			die_at(r->name, r->line,
			    _("invalid GB18030 byte sequence at byte %zu of the line"),
			    len - in_left + 1);
		}
		used = r->converted_cap - out_left;
	}
	*out = r->converted;
	*out_len = used;
}

/* Check one physical line and feed it to libcsv. */
static void
feed_line(struct csv_reader *r, const char *s, size_t len)
{
	size_t valid;

	if (memchr(s, '\0', len) != NULL)
		die_at(r->name, r->line,
		    _("NUL byte in the input: the file is binary or UTF-16, not CSV"));

	if (r->encoding == CSV_ENCODING_GB18030)
		convert_line(r, s, len, &s, &len);
	if (r->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	if (r->encoding == CSV_ENCODING_UTF8) {
		valid = utf8_valid_prefix((const unsigned char *)s, len);
		if (valid < len) {
			if (looks_like_gb18030(s, len) && encoding_option)
				die_at(r->name, r->line,
				    _("the file is not UTF-8 but looks like GB18030 (GBK), as Chinese spreadsheet programs save CSV: pass --encoding gb18030, or convert it with 'iconv -f GB18030 -t UTF-8'"));
			if (looks_like_gb18030(s, len))
				die_at(r->name, r->line,
				    _("the file is not UTF-8 but looks like GB18030 (GBK), as Chinese spreadsheet programs save CSV: convert it with 'iconv -f GB18030 -t UTF-8'"));
			die_at(r->name, r->line,
			    _("invalid UTF-8 at byte %zu of the line"),
			    valid + 1);
		}
	}

	/* A record starts on this line when libcsv is between records. */
	if (r->parser.pstate == 0 && r->building.nfields == 0)
		r->building.line = r->line;
	if (csv_parse(&r->parser, s, len, on_field, on_record, r) != len)
		die_at(r->name, r->line,
		    _("malformed CSV: a quote inside an unquoted field or after a closing quote; quote a field that holds a quote, comma or line break, and double the quotes inside it (RFC 4180)"));
}

/*
 * Return the length of the next physical line in the buffer, with its
 * terminator (LF, CRLF or a bare CR), reading more input as needed; 0 at
 * the end of the input. Splitting at a bare CR too keeps line numbers
 * right in files saved with old Mac line ends.
 */
static size_t
next_line(struct csv_reader *r)
{
	for (;;) {
		char *start = r->buf + r->pos;
		size_t avail = r->len - r->pos;
		char *lf = avail > 0 ? memchr(start, '\n', avail) : NULL;
		size_t scan = lf != NULL ? (size_t)(lf - start) : avail;
		char *cr = scan > 0 ? memchr(start, '\r', scan) : NULL;
		size_t got;

		if (cr != NULL) {
			size_t at = (size_t)(cr - start);

			if (at + 1 < avail)
				return at + 1 + (start[at + 1] == '\n');
			if (r->eof)
				return at + 1;
			/* Read on to learn whether an LF follows the CR. */
		} else if (lf != NULL) {
			return scan + 1;
		} else if (r->eof) {
			return avail;
		}

		if (r->pos > 0) {
			memmove(r->buf, start, avail);
			r->pos = 0;
			r->len = avail;
		}
		if (r->len == r->cap) {
			r->cap = r->cap > 0 ? r->cap * 2 : 65536;
			r->buf = xrealloc(r->buf, r->cap);
		}
		got = fread(r->buf + r->len, 1, r->cap - r->len, r->stream);
		if (got == 0) {
			if (ferror(r->stream))
				die(_("cannot read '%s': %s"), r->name,
				    strerror(errno));
			r->eof = 1;
		}
		r->len += got;
	}
}

/* Drop the parser's state and the records not yet returned. */
static void
reader_reset(struct csv_reader *r)
{
	r->at_end = 0;
	csv_free(&r->parser);
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		die(_("out of memory"));
	csv_set_space_func(&r->parser, never_space);
	r->queue_head = 0;
	r->queue_len = 0;
	r->building.nfields = 0;
	r->building.text_len = 0;
}

void
csv_reader_seek(struct csv_reader *r, uint64_t offset, long line)
{
	if (fseeko(r->stream, (off_t)offset, SEEK_SET) != 0)
		die(_("cannot seek in '%s': %s"), r->name, strerror(errno));
	r->pos = 0;
	r->len = 0;
	r->eof = 0;
	r->offset = offset;
	r->line = line - 1;
	reader_reset(r);
}

void
csv_reader_restart(struct csv_reader *r, const char *data, size_t len,
    uint64_t offset, long line)
{
	/* With eof set, next_line only scans buf: it never reads into it
	   or moves it, so the caller's bytes stay as they are. */
	r->buf = (char *)(data != NULL ? data : "");
	r->pos = 0;
	r->len = len;
	r->cap = len;
	r->eof = 1;
	r->offset = offset;
	r->line = line - 1;
	reader_reset(r);
}

int
csv_reader_next(struct csv_reader *r, struct csv_record **record)
{
	struct record_buffer *b;
	size_t i;

	while (r->queue_len == 0) {
		size_t n;

		if (r->at_end)
			return 0;
		n = next_line(r);
		if (n == 0) {
			r->at_end = 1;
			if (csv_fini(&r->parser, on_field, on_record, r) != 0)
				die_at(r->name, r->building.line,
				    _("malformed CSV: a quoted field is not closed before the end of the file"));
			continue;
		}
		r->line++;
		r->offset += (uint64_t)n;
		feed_line(r, r->buf + r->pos, n);
		r->pos += n;
	}

	b = &r->queue[r->queue_head];
	r->queue_head = (r->queue_head + 1) % QUEUE_MAX;
	r->queue_len--;
	for (i = 0; i < b->nfields; i++)
		b->fields[i] = b->text + b->offsets[i];
	r->current.nfields = b->nfields;
	r->current.fields = b->fields;
	r->current.lengths = b->lengths;
	r->current.line = b->line;
	*record = &r->current;
	return 1;
}

const char *
csv_reader_name(const struct csv_reader *r)
{
	return r->name;
}

uint64_t
csv_reader_offset(const struct csv_reader *r)
{
	return r->offset;
}

static void
buffer_free(struct record_buffer *b)
{
	free(b->text);
	free(b->offsets);
	free(b->lengths);
	free(b->fields);
}

void
csv_reader_close(struct csv_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->owns_stream)
		fclose(r->stream);
	if (r->to_utf8 != (iconv_t)-1)
		iconv_close(r->to_utf8);
	csv_free(&r->parser);
	buffer_free(&r->building);
	for (i = 0; i < QUEUE_MAX; i++)
		buffer_free(&r->queue[i]);
	if (r->stream != NULL)
		free(r->buf);
	free(r->converted);
	free(r->name);
	free(r);
}

long
csv_column(const struct csv_record *header, const char *name)
{
	size_t i;

	for (i = 0; i < header->nfields; i++)
		if (strcmp(header->fields[i], name) == 0)
			return (long)i;
	return -1;
}

struct csv_record *
csv_record_copy(const struct csv_record *record)
{
	struct csv_record *copy = xcalloc(1, sizeof(*copy));
	size_t i;

	copy->nfields = record->nfields;
	copy->line = record->line;
	copy->fields = xcalloc(record->nfields, sizeof(*copy->fields));
	copy->lengths = xcalloc(record->nfields, sizeof(*copy->lengths));
	for (i = 0; i < record->nfields; i++) {
		copy->fields[i] = xstrndup(record->fields[i],
		    record->lengths[i]);
		copy->lengths[i] = record->lengths[i];
	}
	return copy;
}

void
csv_record_free(struct csv_record *record)
{
	size_t i;

	if (record == NULL)
		return;
	for (i = 0; i < record->nfields; i++)
		free(record->fields[i]);
	free(record->fields);
	free(record->lengths);
	free(record);
}

/* Return 1 when a text cell starting with C would start a formula. */
static int
starts_formula(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' ||
	    c == '\r' || c == '\n';
}

/* Largest encoding of a field of LEN bytes: every byte a doubled quote,
   plus the guard and the two enclosing quotes. */
#define ENCODED_MAX(len) (2 * (len) + 3)

/*
 * Write FIELD (LEN bytes) as csv_write_field does into DST, which has
 * room for ENCODED_MAX(LEN) bytes. Returns the number of bytes written.
 */
static size_t
encode_field(char *dst, const char *field, size_t len, int flags)
{
	int guard = (flags & CSV_WRITE_PEOPLE) && len > 0 &&
	    starts_formula(field[0]);
	int quote = 0;
	size_t i, at = 0;

	/* A loop suits short fields; memchr, which scans many bytes at a
	   time, suits long ones such as pfe-match's explanations. */
	if (len < 32) {
		for (i = 0; i < len && !quote; i++)
			quote = field[i] == ',' || field[i] == '"' ||
			    field[i] == '\n' || field[i] == '\r';
	} else {
		quote = memchr(field, ',', len) != NULL ||
		    memchr(field, '"', len) != NULL ||
		    memchr(field, '\n', len) != NULL ||
		    memchr(field, '\r', len) != NULL;
	}

	if (quote)
		dst[at++] = '"';
	if (guard)
		dst[at++] = '\'';
	if (!quote) {
		memcpy(dst + at, field, len);
		return at + len;
	}
	for (i = 0; i < len; i++) {
		if (field[i] == '"')
			dst[at++] = '"';
		dst[at++] = field[i];
	}
	dst[at++] = '"';
	return at;
}

void
csv_write_field(FILE *out, const char *field, size_t len, int flags)
{
	char buf[4096];
	char *dst = len <= (sizeof(buf) - 3) / 2 ? buf :
	    xmalloc(ENCODED_MAX(len));

	fwrite(dst, 1, encode_field(dst, field, len, flags), out);
	if (dst != buf)
		free(dst);
}

void
csv_write_row(FILE *out, int flags, size_t n, const char *const *fields)
{
	/* The row is built here and written with one call, not one or two
	   per field. */
	char buf[4096];
	size_t i, len, used = 0;

	for (i = 0; i < n; i++) {
		const char *f = fields[i] != NULL ? fields[i] : "";

		len = strlen(f);
		/* Room for the comma, the field and the line end. */
		if (len > (sizeof(buf) - 5) / 2 ||
		    used + 1 + ENCODED_MAX(len) + 1 > sizeof(buf)) {
			fwrite(buf, 1, used, out);
			used = 0;
		}
		if (i > 0)
			buf[used++] = ',';
		if (len > (sizeof(buf) - 5) / 2) {
			fwrite(buf, 1, used, out);
			used = 0;
			csv_write_field(out, f, len, flags);
			continue;
		}
		used += encode_field(buf + used, f, len, flags);
	}
	buf[used++] = '\n';
	fwrite(buf, 1, used, out);
}

void
csv_text_add_row(struct csv_text *text, int flags, size_t n,
    const char *const *fields)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *f = fields[i] != NULL ? fields[i] : "";
		size_t len = strlen(f);
		size_t need = text->len + 1 + ENCODED_MAX(len) + 1;

		if (need > text->cap) {
			text->cap = need > 2 * text->cap ? need : 2 * text->cap;
			text->data = xrealloc(text->data, text->cap);
		}
		if (i > 0)
			text->data[text->len++] = ',';
		text->len += encode_field(text->data + text->len, f, len,
		    flags);
	}
	if (text->len + 1 > text->cap) {
		text->cap = text->cap > 0 ? 2 * text->cap : 64;
		text->data = xrealloc(text->data, text->cap);
	}
	text->data[text->len++] = '\n';
}

char *
csv_record_join(const struct csv_record *record)
{
	char *text = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&text, &size);
	size_t i;

	if (mem == NULL)
		die(_("out of memory"));
	for (i = 0; i < record->nfields; i++) {
		if (i > 0)
			putc(',', mem);
		csv_write_field(mem, record->fields[i], record->lengths[i],
		    CSV_WRITE_DATA);
	}
	if (fclose(mem) != 0)
		die(_("out of memory"));
	return text;
}

void
csv_unguard(char *field)
{
	if (field[0] == '\'' && starts_formula(field[1]))
		memmove(field, field + 1, strlen(field));
}
