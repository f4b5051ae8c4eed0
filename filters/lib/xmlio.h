/*
 * XML through libxml2 with safe settings: input read by pfe itself (no
 * gzip decompression) with a size limit, no network, no entity
 * substitution, no DTD loading, an external-entity loader that refuses
 * everything outside pfe's schema folder, and errors printed as
 * "prog: file:line.col: message".
 */
#ifndef PFE_XMLIO_H
#define PFE_XMLIO_H

#include <stddef.h>
#include <libxml/tree.h>

/* Default limit on one XML input file. */
#define XML_MAX_INPUT (64u * 1024 * 1024)

/* Install the entity loader and error handler; call once at start. */
void xml_init(void);

/*
 * Read and parse PATH ("-" for stdin), at most MAX_BYTES long. NAME is
 * the file name for messages (NULL: PATH). Returns the document, or NULL
 * after printing every error (malformed, too large, DTD with entities,
 * unreadable).
 */
xmlDocPtr xml_read(const char *path, const char *name, size_t max_bytes);

/*
 * Validate DOC against the schema SCHEMA_FILE in pfe's schema folder
 * ("policy.xsd"). Returns 0 when valid, -1 after printing each error with
 * NAME, line and column. Dies when the schema itself cannot be loaded.
 */
int xml_validate(xmlDocPtr doc, const char *name, const char *schema_file);

/*
 * A check of a document that arrives in pieces, as a program writes it.
 * A thread of its own parses it without building a tree and validates
 * it against a schema as it goes, so its size does not matter. At most
 * 1 MiB of it waits for the thread at any time.
 */
struct xml_stream_check;

/*
 * Start checking a document against the schema SCHEMA_FILE in pfe's
 * schema folder. NAME is the document's name for messages. Dies when the
 * schema cannot be loaded.
 */
struct xml_stream_check *xml_stream_check_open(const char *name,
    const char *schema_file);

/* Parse and validate the next LEN bytes of the document. */
void xml_stream_check_push(struct xml_stream_check *check, const char *data,
    size_t len);

/*
 * End the document and free CHECK. Returns 0 when the document was
 * well-formed and valid, -1 after printing each error with the name, line
 * and column.
 */
int xml_stream_check_close(struct xml_stream_check *check);

/* Return the line of NODE (for messages). */
long xml_line(const xmlNode *node);

/* Return attribute NAME of NODE (no namespace) or NULL; the string lives
   until the document is freed. */
const char *xml_attr(xmlNodePtr node, const char *name);

/* Return the trimmed text content of NODE in a newly allocated string. */
char *xml_text(const xmlNode *node);

/* Return the first element child of NODE, or the next element sibling. */
xmlNodePtr xml_first_element(const xmlNode *node);
xmlNodePtr xml_next_element(const xmlNode *node);

/* Return 1 when NODE is an element named NAME. */
int xml_is(const xmlNode *node, const char *name);

/*
 * Serialize DOC, indented, as UTF-8 with the declaration
 * <?xml version="1.0" encoding="UTF-8"?>, into a newly allocated buffer;
 * sets *LEN.
 */
char *xml_serialize(xmlDocPtr doc, size_t *len);

#endif
