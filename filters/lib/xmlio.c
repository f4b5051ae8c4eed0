/*
 * Safe XML through libxml2 2.9: pfe reads every input itself (so gzip is
 * never decompressed behind its back), with a size limit; parses with
 * XML_PARSE_NONET and none of NOENT, DTDLOAD, XINCLUDE or HUGE; refuses
 * documents with a DTD; and loads external entities only from pfe's own
 * schema folder.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "err.h"
#include "pfe.h"
#include "xmlio.h"

static xmlExternalEntityLoader default_loader;

/* Print one libxml2 error as "prog: file:line.col: message". */
static void
print_xml_error(void *data, xmlErrorPtr error)
{
	size_t len;

	(void)data;
	if (error == NULL || error->message == NULL)
		return;
	len = strlen(error->message);
	while (len > 0 && error->message[len - 1] == '\n')
		len--;
	fprintf(stderr, "%s: ", pfe_progname());
	if (error->file != NULL) {
		if (error->int2 > 0)
			fprintf(stderr, "%s:%d.%d: ", error->file,
			    error->line, error->int2);
		else if (error->line > 0)
			fprintf(stderr, "%s:%d: ", error->file, error->line);
		else
			fprintf(stderr, "%s: ", error->file);
	}
	fprintf(stderr, "%.*s\n", (int)len, error->message);
}

/* Return 1 when the local path URL lies inside pfe's schema folder. */
static int
inside_schema_dir(const char *url)
{
	char dir[PATH_MAX], path[PATH_MAX];
	const char *local = url;
	size_t n;

	if (strncmp(local, "file://", 7) == 0)
		local += 7;
	if (strstr(local, "://") != NULL)
		return 0;
	if (realpath(pfe_schema_dir(), dir) == NULL ||
	    realpath(local, path) == NULL)
		return 0;
	n = strlen(dir);
	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

/* Load an external entity only when it is one of pfe's schemas. */
static xmlParserInputPtr
guarded_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	if (url != NULL && inside_schema_dir(url))
		return default_loader(url, id, ctxt);
	fprintf(stderr, _("%s: refused to load external entity '%s'\n"),
	    pfe_progname(), url != NULL ? url : (id != NULL ? id : "?"));
	return NULL;
}

void
xml_init(void)
{
	xmlInitParser();
	default_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(guarded_loader);
	xmlSetStructuredErrorFunc(NULL, print_xml_error);
	xmlKeepBlanksDefault(0);
}

/* Read at most MAX_BYTES of STREAM into a new buffer; -1 if longer. */
static int
read_limited(FILE *stream, size_t max_bytes, char **data, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = xmalloc(cap);

	for (;;) {
		size_t got;

		if (n == cap) {
			if (cap > max_bytes) {
				free(buf);
				return -1;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, cap - n, stream);
		n += got;
		if (n > max_bytes) {
			free(buf);
			return -1;
		}
		if (got == 0)
			break;
	}
	if (ferror(stream)) {
		free(buf);
		return -2;
	}
	*data = buf;
	*len = n;
	return 0;
}

/* Return the line of the first "<!DOCTYPE" in DATA, or 0. */
static long
doctype_line(const char *data, size_t len)
{
	const char *hit = memmem(data, len, "<!DOCTYPE", 9);
	long line = 1;

	if (hit == NULL)
		return 0;
	for (const char *p = data; p < hit; p++)
		line += *p == '\n';
	return line;
}

xmlDocPtr
xml_read(const char *path, const char *name, size_t max_bytes)
{
	FILE *stream;
	char *data;
	size_t len;
	int status;
	xmlDocPtr doc;

	if (path == NULL || strcmp(path, "-") == 0) {
		stream = stdin;
		if (name == NULL)
			name = _("standard input");
	} else {
		stream = fopen(path, "rb");
		if (stream == NULL) {
			warn_msg(_("cannot open '%s': %s"), path,
			    strerror(errno));
			return NULL;
		}
		if (name == NULL)
			name = path;
	}
	status = read_limited(stream, max_bytes, &data, &len);
	if (stream != stdin)
		fclose(stream);
	if (status == -1) {
		warn_msg(_("'%s' is larger than the limit of %zu bytes"),
		    name, max_bytes);
		return NULL;
	}
	if (status == -2) {
		warn_msg(_("cannot read '%s': %s"), name, strerror(errno));
		return NULL;
	}
	if (len > INT_MAX) {
		free(data);
		warn_msg(_("'%s' is larger than the limit of %zu bytes"),
		    name, (size_t)INT_MAX);
		return NULL;
	}

	doc = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET);
	if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)) {
		warn_at(name, doctype_line(data, len),
		    _("document type declarations are not accepted: remove the <!DOCTYPE>"));
		xmlFreeDoc(doc);
		doc = NULL;
	}
	free(data);
	return doc;
}

/* A compiled schema, kept for the life of the program. */
struct schema_cache {
	char *file;
	xmlSchemaPtr schema;
	struct schema_cache *next;
};

static struct schema_cache *schemas;

static xmlSchemaPtr
load_schema(const char *schema_file)
{
	struct schema_cache *c;
	xmlSchemaParserCtxtPtr parser;
	char *path;

	for (c = schemas; c != NULL; c = c->next)
		if (strcmp(c->file, schema_file) == 0)
			return c->schema;

	path = xasprintf("%s/%s", pfe_schema_dir(), schema_file);
	parser = xmlSchemaNewParserCtxt(path);
	if (parser == NULL)
		die(_("cannot load schema '%s'"), path);
	xmlSchemaSetParserStructuredErrors(parser, print_xml_error, NULL);
	c = xcalloc(1, sizeof(*c));
	c->schema = xmlSchemaParse(parser);
	xmlSchemaFreeParserCtxt(parser);
	if (c->schema == NULL)
		die(_("cannot load schema '%s': set PFE_SCHEMAS to pfe's schemas folder"),
		    path);
	free(path);
	c->file = xstrdup(schema_file);
	c->next = schemas;
	schemas = c;
	return c->schema;
}

int
xml_validate(xmlDocPtr doc, const char *name, const char *schema_file)
{
	xmlSchemaPtr schema = load_schema(schema_file);
	xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt(schema);
	const xmlChar *saved_url = doc->URL;
	int status;

	if (valid == NULL)
		die(_("out of memory"));
	/* Without this, the validator reports through its own channel. */
	xmlSchemaSetValidStructuredErrors(valid, print_xml_error, NULL);
	/* Errors name the document by its URL: show NAME there. */
	doc->URL = (const xmlChar *)name;
	status = xmlSchemaValidateDoc(valid, doc);
	doc->URL = saved_url;
	xmlSchemaFreeValidCtxt(valid);
	if (status < 0)
		die(_("cannot validate '%s' against '%s'"), name, schema_file);
	return status == 0 ? 0 : -1;
}

/* The pieces in which a stream check hands a document to its thread:
   at most CHECK_SLOTS * CHECK_SLOT_SIZE bytes wait at any time. */
#define CHECK_SLOT_SIZE (256u * 1024)
#define CHECK_SLOTS 4

/*
 * A check of a document in pieces, parsed and validated in a thread of
 * its own so that the writer and the validator run on two cores. The
 * writer fills the slots of a ring and the thread empties them in order.
 * Each waits on CHANGED while the ring is full or empty.
 */
struct xml_stream_check {
	char *name;		/* for messages */
	char *schema_file;
	xmlSchemaValidCtxtPtr valid;
	xmlSchemaSAXPlugPtr plug;	/* the validator inside the parser */
	xmlSAXHandler sax;	/* no callbacks: nothing is built */
	/* The plug swaps these for its own and restores them when
	   unplugged, so they must live as long as it does. */
	xmlSAXHandlerPtr sax_in_use;
	void *user_data;
	xmlParserCtxtPtr parser;

	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t changed;
	char *slots[CHECK_SLOTS];
	size_t lengths[CHECK_SLOTS];
	size_t head;		/* the oldest full slot */
	size_t full;		/* full slots, from HEAD on */
	int ended;		/* the writer has handed over everything */
	int filling;		/* the writer's slot, or -1 */
	size_t filled;		/* bytes in the writer's slot */
};

/* Tell the validator where the parser is, for its messages. */
static int
stream_check_locator(void *context, const char **file, unsigned long *line)
{
	struct xml_stream_check *check = context;

	if (file != NULL)
		*file = check->name;
	if (line != NULL)
		*line = check->parser != NULL ?
		    (unsigned long)xmlSAX2GetLineNumber(check->parser) : 0;
	return 0;
}

/* The thread: parse each full slot in order until the writer ends. */
static void *
stream_check_run(void *context)
{
	struct xml_stream_check *check = context;

	/* libxml2 keeps its error handler per thread: without this, the
	   parser's own errors (not the validator's) are lost here. */
	xmlSetStructuredErrorFunc(NULL, print_xml_error);
	for (;;) {
		size_t slot;

		pthread_mutex_lock(&check->lock);
		while (check->full == 0 && !check->ended)
			pthread_cond_wait(&check->changed, &check->lock);
		if (check->full == 0) {
			pthread_mutex_unlock(&check->lock);
			break;
		}
		slot = check->head;
		pthread_mutex_unlock(&check->lock);

		xmlParseChunk(check->parser, check->slots[slot],
		    (int)check->lengths[slot], 0);

		pthread_mutex_lock(&check->lock);
		check->head = (check->head + 1) % CHECK_SLOTS;
		check->full--;
		pthread_cond_signal(&check->changed);
		pthread_mutex_unlock(&check->lock);
	}
	xmlParseChunk(check->parser, NULL, 0, 1);
	return NULL;
}

struct xml_stream_check *
xml_stream_check_open(const char *name, const char *schema_file)
{
	struct xml_stream_check *check = xcalloc(1, sizeof *check);
	size_t i;

	check->name = xstrdup(name);
	check->schema_file = xstrdup(schema_file);
	check->valid = xmlSchemaNewValidCtxt(load_schema(schema_file));
	if (check->valid == NULL)
		die(_("out of memory"));
	xmlSchemaSetValidStructuredErrors(check->valid, print_xml_error, NULL);
	xmlSchemaValidateSetLocator(check->valid, stream_check_locator, check);

	/* An empty SAX2 handler: the plug adds the validator's callbacks,
	   and parse errors go to the structured error handler. */
	check->sax.initialized = XML_SAX2_MAGIC;
	check->sax.serror = print_xml_error;
	check->sax_in_use = &check->sax;
	check->plug = xmlSchemaSAXPlug(check->valid, &check->sax_in_use,
	    &check->user_data);
	if (check->plug == NULL)
		die(_("cannot validate '%s' against '%s'"), name, schema_file);
	check->parser = xmlCreatePushParserCtxt(check->sax_in_use,
	    check->user_data, NULL, 0, check->name);
	if (check->parser == NULL)
		die(_("out of memory"));
	/* The same settings as xml_read: no network, no entities, no DTD. */
	xmlCtxtUseOptions(check->parser, XML_PARSE_NONET);

	for (i = 0; i < CHECK_SLOTS; i++)
		check->slots[i] = xmalloc(CHECK_SLOT_SIZE);
	check->filling = -1;
	if (pthread_mutex_init(&check->lock, NULL) != 0 ||
	    pthread_cond_init(&check->changed, NULL) != 0)
		die(_("out of memory"));
	errno = pthread_create(&check->thread, NULL, stream_check_run, check);
	if (errno != 0)
		die_errno(_("cannot validate '%s' against '%s'"), name,
		    schema_file);
	return check;
}

/* Hand the writer's slot, full or last, to the thread. */
static void
stream_check_hand_over(struct xml_stream_check *check)
{
	pthread_mutex_lock(&check->lock);
	check->lengths[check->filling] = check->filled;
	check->full++;
	pthread_cond_signal(&check->changed);
	pthread_mutex_unlock(&check->lock);
	check->filling = -1;
}

void
xml_stream_check_push(struct xml_stream_check *check, const char *data,
    size_t len)
{
	while (len > 0) {
		size_t part;

		if (check->filling < 0) {
			pthread_mutex_lock(&check->lock);
			while (check->full == CHECK_SLOTS)
				pthread_cond_wait(&check->changed,
				    &check->lock);
			check->filling = (int)((check->head + check->full) %
			    CHECK_SLOTS);
			pthread_mutex_unlock(&check->lock);
			check->filled = 0;
		}
		part = CHECK_SLOT_SIZE - check->filled;
		if (part > len)
			part = len;
		memcpy(check->slots[check->filling] + check->filled, data,
		    part);
		check->filled += part;
		data += part;
		len -= part;
		if (check->filled == CHECK_SLOT_SIZE)
			stream_check_hand_over(check);
	}
}

int
xml_stream_check_close(struct xml_stream_check *check)
{
	int well_formed, valid;
	size_t i;

	if (check->filling >= 0)
		stream_check_hand_over(check);
	pthread_mutex_lock(&check->lock);
	check->ended = 1;
	pthread_cond_signal(&check->changed);
	pthread_mutex_unlock(&check->lock);
	errno = pthread_join(check->thread, NULL);
	if (errno != 0)
		die_errno(_("cannot validate '%s' against '%s'"), check->name,
		    check->schema_file);

	well_formed = check->parser->wellFormed;
	/* Before unplugging, which clears the validator's state. */
	valid = xmlSchemaIsValid(check->valid);
	xmlSchemaSAXUnplug(check->plug);
	xmlFreeParserCtxt(check->parser);
	xmlSchemaFreeValidCtxt(check->valid);
	pthread_cond_destroy(&check->changed);
	pthread_mutex_destroy(&check->lock);
	for (i = 0; i < CHECK_SLOTS; i++)
		free(check->slots[i]);
	free(check->name);
	free(check->schema_file);
	free(check);
	return well_formed && valid == 1 ? 0 : -1;
}

long
xml_line(const xmlNode *node)
{
	return node != NULL ? (long)xmlGetLineNo(node) : 0;
}

const char *
xml_attr(xmlNodePtr node, const char *name)
{
	xmlAttrPtr attr;

	for (attr = node->properties; attr != NULL; attr = attr->next)
		if (attr->ns == NULL &&
		    strcmp((const char *)attr->name, name) == 0) {
			if (attr->children != NULL &&
			    attr->children->type == XML_TEXT_NODE &&
			    attr->children->next == NULL)
				return (const char *)attr->children->content;
			return "";
		}
	return NULL;
}

char *
xml_text(const xmlNode *node)
{
	xmlChar *content = xmlNodeGetContent(node);
	const char *start, *end;
	char *text;

	if (content == NULL)
		return xstrdup("");
	start = (const char *)content;
	while (*start == ' ' || *start == '\t' || *start == '\n' ||
	    *start == '\r')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\n' || end[-1] == '\r'))
		end--;
	text = xstrndup(start, (size_t)(end - start));
	xmlFree(content);
	return text;
}

xmlNodePtr
xml_first_element(const xmlNode *node)
{
	xmlNodePtr child;

	for (child = node->children; child != NULL; child = child->next)
		if (child->type == XML_ELEMENT_NODE)
			return child;
	return NULL;
}

xmlNodePtr
xml_next_element(const xmlNode *node)
{
	xmlNodePtr next;

	for (next = node->next; next != NULL; next = next->next)
		if (next->type == XML_ELEMENT_NODE)
			return next;
	return NULL;
}

int
xml_is(const xmlNode *node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)node->name, name) == 0;
}

char *
xml_serialize(xmlDocPtr doc, size_t *len)
{
	xmlChar *mem = NULL;
	int size = 0;
	char *copy;

	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem == NULL)
		die(_("out of memory"));
	copy = xstrndup((const char *)mem, (size_t)size);
	xmlFree(mem);
	*len = (size_t)size;
	return copy;
}
