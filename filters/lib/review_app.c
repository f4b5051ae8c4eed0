/*
 * Applications for pfe-review: read through xml_read with a size limit,
 * validated against application.xsd, then checked against the policy set
 * and the field dictionary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "err.h"
#include "money.h"
#include "pfe.h"
#include "review.h"
#include "uscc.h"
#include "xmlio.h"

void
review_reject_xml(struct rejects *rejects, const char *file, long line,
    const char *text, const char *reason)
{
	struct csv_record record;
	char *field = (char *)text;
	size_t length = strlen(text);

	record.nfields = 1;
	record.fields = &field;
	record.lengths = &length;
	record.line = line;
	rejects_add(rejects, file, &record, "%s", reason);
}

void
review_duplicate_xml(struct rejects *rejects, const char *file, long line,
    const char *text, long first_line)
{
	struct csv_record record;
	char *field = (char *)text;
	size_t length = strlen(text);

	record.nfields = 1;
	record.fields = &field;
	record.lengths = &length;
	record.line = line;
	rejects_duplicate(rejects, file, &record, first_line);
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static int
same_evidence(const struct review_evidence *a, size_t na,
    const struct review_evidence *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (!same_text(a[i].material, b[i].material) ||
		    !same_text(a[i].file, b[i].file) ||
		    !same_text(a[i].sha256, b[i].sha256))
			return 0;
	return 1;
}

int
review_applications_equal(const struct review_application *a,
    const struct review_application *b)
{
	size_t i;

	if (!same_text(a->id, b->id) || !same_text(a->item_id, b->item_id) ||
	    !same_text(a->submitted, b->submitted) ||
	    !same_text(a->uscc, b->uscc) || !same_text(a->name, b->name) ||
	    !same_text(a->project_code, b->project_code) ||
	    !same_text(a->project_name, b->project_name) ||
	    a->ndeclared != b->ndeclared ||
	    !same_evidence(a->materials, a->nmaterials, b->materials,
	    b->nmaterials))
		return 0;
	for (i = 0; i < a->ndeclared; i++)
		if (!same_text(a->declared[i].key, b->declared[i].key) ||
		    !same_text(a->declared[i].value, b->declared[i].value) ||
		    !same_evidence(a->declared[i].evidence,
		    a->declared[i].nevidence, b->declared[i].evidence,
		    b->declared[i].nevidence))
			return 0;
	return 1;
}

/* Copy an attribute that the schema makes required. */
static char *
required_attr(xmlNodePtr node, const char *name)
{
	const char *value = xml_attr(node, name);

	return xstrdup(value != NULL ? value : "");
}

static char *
optional_attr(xmlNodePtr node, const char *name)
{
	const char *value = xml_attr(node, name);

	return value != NULL ? xstrdup(value) : NULL;
}

static void
read_evidence(xmlNodePtr node, struct review_evidence *evidence)
{
	evidence->material = optional_attr(node, "material");
	evidence->file = required_attr(node, "file");
	evidence->sha256 = required_attr(node, "sha256");
}

static void
free_evidence(struct review_evidence *evidence, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(evidence[i].material);
		free(evidence[i].file);
		free(evidence[i].sha256);
	}
	free(evidence);
}

void
review_application_free(struct review_application *app)
{
	size_t i;

	free(app->id);
	free(app->item_id);
	free(app->submitted);
	free(app->uscc);
	free(app->name);
	free(app->project_code);
	free(app->project_name);
	for (i = 0; i < app->ndeclared; i++) {
		free(app->declared[i].key);
		free(app->declared[i].value);
		free_evidence(app->declared[i].evidence,
		    app->declared[i].nevidence);
	}
	free(app->declared);
	free_evidence(app->materials, app->nmaterials);
	free(app->file);
}

/*
 * Normalize VALUE of FIELD into the portrait cell form. Returns a newly
 * allocated string, or NULL with *REASON set to a newly allocated Chinese
 * reason.
 */
static char *
normalize_value(const struct dict_field *field, const char *value,
    char **reason)
{
	char buf[MONEY_BUFSIZE];
	int64_t fen;
	char *end;
	long long number;

	switch (field->type) {
	case FIELD_MONEY:
		if (money_parse(value, MONEY_YUAN, &fen) != 0 || fen < 0) {
			*reason = xasprintf("申报值 %s='%s' 不是有效的金额"
			    "（以元为单位，最多两位小数）", field->id, value);
			return NULL;
		}
		return xstrdup(money_format(fen, buf));
	case FIELD_INTEGER:
		number = strtoll(value, &end, 10);
		if (end == value || *end != '\0' || number < 0) {
			*reason = xasprintf("申报值 %s='%s' 不是非负整数",
			    field->id, value);
			return NULL;
		}
		return xasprintf("%lld", number);
	case FIELD_FLAG:
		if (strcmp(value, "1") != 0 && strcmp(value, "0") != 0) {
			*reason = xasprintf("申报值 %s='%s' 应为 1 或 0",
			    field->id, value);
			return NULL;
		}
		return xstrdup(value);
	default:
		return xstrdup(value);
	}
}

/*
 * Read one <declared> element into *DECLARED. Returns NULL, or a newly
 * allocated Chinese reason why the application cannot be used.
 */
static char *
read_declared(xmlNodePtr node, const struct dictionary *dict,
    struct review_declared *declared)
{
	const char *id = xml_attr(node, "field");
	const char *year = xml_attr(node, "year");
	const char *value = xml_attr(node, "value");
	xmlNodePtr child;
	char *reason = NULL;

	memset(declared, 0, sizeof(*declared));
	declared->line = xml_line(node);
	declared->field = dict_field(dict, id);
	if (declared->field == NULL)
		return xasprintf("申报字段 '%s' 不在字段字典中", id);
	if (declared->field->authority != AUTHORITY_DECLARED)
		return xasprintf("字段 '%s'（%s）不由企业申报，不能在申请中填写",
		    id, declared->field->label);
	if (declared->field->per_year && year == NULL)
		return xasprintf("按年度申报的字段 '%s' 缺少 year 属性", id);
	if (!declared->field->per_year && year != NULL)
		return xasprintf("字段 '%s' 不按年度申报，不应有 year 属性",
		    id);
	declared->key = year != NULL ? xasprintf("%s_%s", id, year) :
	    xstrdup(id);
	declared->value = normalize_value(declared->field, value, &reason);
	if (declared->value == NULL)
		return reason;
	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child)) {
		declared->evidence = xreallocarray(declared->evidence,
		    declared->nevidence + 1, sizeof(*declared->evidence));
		read_evidence(child, &declared->evidence[declared->nevidence]);
		declared->nevidence++;
	}
	return NULL;
}

/*
 * Read one <application> element into *APP. Returns NULL, or a newly
 * allocated Chinese reason why it cannot be used.
 */
static char *
read_application(xmlNodePtr node, const char *file,
    const struct policy_set *set, const struct division_table *divisions,
    struct review_application *app)
{
	xmlNodePtr child;
	struct uscc_result check;
	char *reason;
	size_t i;

	memset(app, 0, sizeof(*app));
	app->file = xstrdup(file);
	app->line = xml_line(node);
	app->id = required_attr(node, "id");
	app->item_id = required_attr(node, "item");
	app->submitted = required_attr(node, "submitted");
	app->item = policy_index(set, app->item_id);

	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child)) {
		if (xml_is(child, "enterprise")) {
			app->uscc = required_attr(child, "uscc");
			app->name = required_attr(child, "name");
		} else if (xml_is(child, "project")) {
			app->project_code = required_attr(child, "code");
			app->project_name = required_attr(child, "name");
		} else if (xml_is(child, "declared")) {
			struct review_declared *declared;

			app->declared = xreallocarray(app->declared,
			    app->ndeclared + 1, sizeof(*app->declared));
			declared = &app->declared[app->ndeclared++];
			reason = read_declared(child, set->dict, declared);
			if (reason != NULL)
				return reason;
		} else if (xml_is(child, "material")) {
			app->materials = xreallocarray(app->materials,
			    app->nmaterials + 1, sizeof(*app->materials));
			read_evidence(child, &app->materials[app->nmaterials++]);
		}
	}

	uscc_validate(app->uscc, divisions, &check);
	if (check.status != USCC_VALID)
		return uscc_reason(app->uscc, &check);
	if (app->item < 0)
		return xasprintf("政策事项 '%s' 不在政策文件中", app->item_id);
	for (i = 0; i < app->ndeclared; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (strcmp(app->declared[i].key,
			    app->declared[j].key) == 0)
				return xasprintf("申报字段 '%s' 重复填写",
				    app->declared[i].key);
	}
	return NULL;
}

/* The first error libxml2 reports while a file is parsed. */
struct first_xml_error {
	int seen;
	long line;		/* 0 when libxml2 gave none */
	int column;		/* 0 when libxml2 gave none */
	char *message;		/* libxml2's message, without its line end */
	xmlStructuredErrorFunc chained;	/* the handler that prints it */
	void *chained_context;
};

/* Keep the first error of DATA, a struct first_xml_error, and pass every
   error on to the handler that was installed before. */
static void
keep_first_xml_error(void *data, xmlErrorPtr error)
{
	struct first_xml_error *first = data;

	if (!first->seen && error != NULL && error->message != NULL &&
	    error->level >= XML_ERR_ERROR) {
		size_t length = strlen(error->message);

		while (length > 0 && error->message[length - 1] == '\n')
			length--;
		first->seen = 1;
		first->line = error->line;
		first->column = error->int2;
		first->message = xstrndup(error->message, length);
	}
	if (first->chained != NULL)
		first->chained(first->chained_context, error);
}

/*
 * Parse PATH through xml_read, storing its first error in *FIRST. The
 * errors are still printed by the handler xml_init installed.
 */
static xmlDocPtr
read_keeping_first_error(const char *path, size_t max_bytes,
    struct first_xml_error *first)
{
	xmlDocPtr doc;

	memset(first, 0, sizeof(*first));
	first->chained = xmlStructuredError;
	first->chained_context = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(first, keep_first_xml_error);
	doc = xml_read(path, NULL, max_bytes);
	xmlSetStructuredErrorFunc(first->chained_context, first->chained);
	return doc;
}

/*
 * Find the first "<!DOCTYPE" in the file at PATH, reading at most
 * MAX_BYTES, and store its line and column (in bytes, from 1). Returns 0
 * when found, -1 when there is none or PATH cannot be read again, as
 * standard input cannot. xml_read rejects every document type
 * declaration but does not return where it was.
 */
static int
find_doctype(const char *path, size_t max_bytes, long *line, int *column)
{
	static const char pattern[] = "<!DOCTYPE";
	char buffer[65536];
	size_t n, i, matched = 0, total = 0;
	long at_line = 1;
	int at_column = 0;
	FILE *stream;

	if (strcmp(path, "-") == 0 || (stream = fopen(path, "rb")) == NULL)
		return -1;
	while (total < max_bytes &&
	    (n = fread(buffer, 1, sizeof(buffer), stream)) > 0) {
		for (i = 0; i < n && total + i < max_bytes; i++) {
			char c = buffer[i];

			at_column++;
			/* The pattern repeats no prefix of itself, so a
			   mismatch restarts it at this byte. */
			if (c == pattern[matched])
				matched++;
			else
				matched = c == pattern[0];
			if (matched == sizeof(pattern) - 1) {
				*line = at_line;
				*column = at_column - (int)matched + 1;
				fclose(stream);
				return 0;
			}
			if (c == '\n') {
				at_line++;
				at_column = 0;
			}
		}
		total += n;
	}
	fclose(stream);
	return -1;
}

size_t
review_read_applications(const char *path, size_t max_bytes,
    const struct policy_set *set, const struct division_table *divisions,
    struct review_application **apps, size_t *napps,
    struct rejects *rejects)
{
	struct first_xml_error first;
	xmlDocPtr doc;
	xmlNodePtr root, node;
	size_t nread = 0;
	int batch;

	doc = read_keeping_first_error(path, max_bytes, &first);
	if (doc == NULL) {
		char *reason;

		if (first.seen)
			reason = xasprintf("不是格式正确的 XML：第%ld行第%d列：%s",
			    first.line, first.column, first.message);
		else if (find_doctype(path, max_bytes, &first.line,
		    &first.column) == 0)
			reason = xasprintf("第%ld行第%d列有文档类型声明"
			    "（<!DOCTYPE>）：申请文件不接受文档类型声明和实体定义",
			    first.line, first.column);
		else
			reason = xstrdup("文件无法读取、超过大小限制或含文档类型声明");
		review_reject_xml(rejects, path, first.line, path, reason);
		free(reason);
		free(first.message);
		return 1;
	}
	free(first.message);
	/* NOTE: xml_validate prints each schema error with its line but
	   does not return one, so this reject names line 0. */
	if (xml_validate(doc, path, "application.xsd") != 0) {
		review_reject_xml(rejects, path, 0, path,
		    "文件不符合 application.xsd");
		xmlFreeDoc(doc);
		return 1;
	}

	root = xmlDocGetRootElement(doc);
	batch = xml_is(root, "applications");
	node = batch ? xml_first_element(root) : root;
	for (; node != NULL; node = batch ? xml_next_element(node) : NULL) {
		struct review_application app;
		char *reason;

		nread++;
		reason = read_application(node, path, set, divisions, &app);
		if (reason != NULL) {
			review_reject_xml(rejects, path, app.line, app.id,
			    reason);
			free(reason);
			review_application_free(&app);
			continue;
		}
		*apps = xreallocarray(*apps, *napps + 1, sizeof(**apps));
		(*apps)[(*napps)++] = app;
	}
	xmlFreeDoc(doc);
	return nread;
}
