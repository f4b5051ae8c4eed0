/*
 * The field dictionary: dictionary.xml validated against dictionary.xsd,
 * then checked for rules a schema cannot express (a per-year field needs a
 * source with a year column, a list field a list source, and so on).
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dict.h"
#include "err.h"
#include "pfe.h"
#include "xmlio.h"

struct name_value {
	const char *name;
	int value;
};

static const struct name_value type_names[] = {
	{ "text", FIELD_TEXT },
	{ "date", FIELD_DATE },
	{ "money", FIELD_MONEY },
	{ "integer", FIELD_INTEGER },
	{ "division", FIELD_DIVISION },
	{ "industry", FIELD_INDUSTRY },
	{ "flag", FIELD_FLAG },
	{ "code", FIELD_CODE },
	{ "list", FIELD_LIST },
	{ NULL, 0 }
};

static const struct name_value authority_names[] = {
	{ "department", AUTHORITY_DEPARTMENT },
	{ "declared", AUTHORITY_DECLARED },
	{ "judgement", AUTHORITY_JUDGEMENT },
	{ NULL, 0 }
};

static const struct name_value kind_names[] = {
	{ "master", SOURCE_MASTER },
	{ "yearly", SOURCE_YEARLY },
	{ "list", SOURCE_LIST },
	{ "rows", SOURCE_ROWS },
	{ NULL, 0 }
};

/* Return the value named NAME in TABLE; the schema has already limited
   NAME to the table's names, so a miss is a bug in this file. */
static int
lookup(const struct name_value *table, const char *name)
{
	size_t i;

	for (i = 0; table[i].name != NULL; i++)
		if (strcmp(table[i].name, name) == 0)
			return table[i].value;
	die(_("internal error: dictionary value '%s' has no meaning"), name);
}

/* Return the name TABLE gives VALUE, as the dictionary file writes it. */
static const char *
name_of(const struct name_value *table, int value)
{
	size_t i;

	for (i = 0; table[i].name != NULL; i++)
		if (table[i].value == value)
			return table[i].name;
	return "?";
}

static char *
copy_attr(xmlNodePtr node, const char *name)
{
	const char *value = xml_attr(node, name);

	return value == NULL ? NULL : xstrdup(value);
}

static int
bool_attr(xmlNodePtr node, const char *name)
{
	const char *value = xml_attr(node, name);

	return value != NULL &&
	    (strcmp(value, "true") == 0 || strcmp(value, "1") == 0);
}

/* Return the fen in one unit of a money column ("万元" -> 1000000). */
static int64_t
unit_fen(const char *unit)
{
	if (unit == NULL || strcmp(unit, "元") == 0)
		return 100;
	if (strcmp(unit, "万元") == 0)
		return INT64_C(1000000);
	if (strcmp(unit, "亿元") == 0)
		return INT64_C(10000000000);
	die(_("internal error: money unit '%s' has no meaning"), unit);
}

static void
load_codes(struct dict_field *field, xmlNodePtr node)
{
	xmlNodePtr child;
	size_t n = 0;

	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child))
		if (xml_is(child, "code"))
			n++;
	field->codes = n > 0 ? xcalloc(n, sizeof(*field->codes)) : NULL;
	for (child = xml_first_element(node); child != NULL;
	    child = xml_next_element(child)) {
		if (!xml_is(child, "code"))
			continue;
		field->codes[field->ncodes].id = copy_attr(child, "id");
		field->codes[field->ncodes].label = copy_attr(child, "label");
		field->ncodes++;
	}
}

/* Return 1 when ID is one of the space-separated words of LIST. */
static int
word_listed(const char *list, const char *id)
{
	size_t len = strlen(id);
	const char *p = list;

	while (p != NULL && *p != '\0') {
		while (*p == ' ')
			p++;
		if (strncmp(p, id, len) == 0 && (p[len] == ' ' || p[len] == '\0'))
			return 1;
		p = strchr(p, ' ');
	}
	return 0;
}

/* Check one field from source data against its source; dies on error. */
static void
check_source_field(const struct dictionary *dict, const struct dict_field *f)
{
	const struct dict_source *s = f->source;

	if (f->authority != AUTHORITY_DEPARTMENT)
		die_at(dict->path, f->line,
		    _("field '%s' has a source but its authority is '%s': only department data comes from a source"),
		    f->id, name_of(authority_names, (int)f->authority));
	if (f->type == FIELD_LIST) {
		if (s->kind != SOURCE_LIST)
			die_at(dict->path, f->line,
			    _("list field '%s' needs a source of kind 'list', not '%s'"),
			    f->id, s->id);
		if (f->date_column == NULL)
			die_at(dict->path, f->line,
			    _("list field '%s' has no date-column"), f->id);
		if (f->column == NULL && f->ncodes != 1)
			die_at(dict->path, f->line,
			    _("list field '%s' has no column, so it needs exactly one code"),
			    f->id);
		if (f->per_year)
			die_at(dict->path, f->line,
			    _("list field '%s' cannot be per-year"), f->id);
		return;
	}
	if (f->column == NULL)
		die_at(dict->path, f->line,
		    _("field '%s' names source '%s' but no column"),
		    f->id, s->id);
	if (s->kind == SOURCE_LIST || s->kind == SOURCE_ROWS)
		die_at(dict->path, f->line,
		    _("field '%s' of type '%s' cannot come from source '%s' of kind list or rows"),
		    f->id, name_of(type_names, (int)f->type), s->id);
	if (f->per_year && s->kind != SOURCE_YEARLY)
		die_at(dict->path, f->line,
		    _("per-year field '%s' needs a yearly source, and '%s' is not one"),
		    f->id, s->id);
	if (!f->per_year && s->kind == SOURCE_YEARLY)
		die_at(dict->path, f->line,
		    _("field '%s' comes from yearly source '%s', so it must be per-year"),
		    f->id, s->id);
}

/* Check the parts of a derived field its rule needs; dies on error. */
static void
check_derived(const struct dictionary *dict, const struct dict_field *f)
{
	static const char *const sme_inputs[] = {
		"industry", "employees", "revenue", "total_assets"
	};
	const struct dict_field *of;
	size_t i;

	if (strcmp(f->rule, "sum-per-year") == 0) {
		if (f->source == NULL || f->source->kind != SOURCE_ROWS ||
		    f->column == NULL || !f->per_year ||
		    f->type != FIELD_MONEY)
			die_at(dict->path, f->line,
			    _("derived field '%s' with rule sum-per-year needs a source of kind rows, a column, type money and per-year"),
			    f->id);
		if (f->source->year_column == NULL)
			die_at(dict->path, f->line,
			    _("source '%s' of derived field '%s' has no year column"),
			    f->source->id, f->id);
		return;
	}
	if (f->source != NULL)
		die_at(dict->path, f->line,
		    _("derived field '%s' with rule %s takes no source"),
		    f->id, f->rule);
	if (f->of == NULL)
		die_at(dict->path, f->line,
		    _("derived field '%s' with rule %s needs the attribute 'of'"),
		    f->id, f->rule);
	if (strcmp(f->rule, "sme-2011") == 0) {
		for (i = 0; i < sizeof(sme_inputs) / sizeof(sme_inputs[0]); i++)
			if (!word_listed(f->of, sme_inputs[i]) ||
			    dict_field(dict, sme_inputs[i]) == NULL)
				die_at(dict->path, f->line,
				    _("derived field '%s' with rule sme-2011 needs field '%s' in the dictionary and in 'of'"),
				    f->id, sme_inputs[i]);
		return;
	}
	of = dict_field(dict, f->of);
	if (of == NULL || of->derived)
		die_at(dict->path, f->line,
		    _("derived field '%s' is computed from unknown field '%s'"),
		    f->id, f->of);
	if (strcmp(f->rule, "growth") == 0 && (!of->per_year ||
	    (of->type != FIELD_MONEY && of->type != FIELD_INTEGER) ||
	    !f->per_year || f->type != FIELD_INTEGER))
		die_at(dict->path, f->line,
		    _("derived field '%s' with rule growth needs a per-year money or integer field, and must be per-year of type integer"),
		    f->id);
	if (strcmp(f->rule, "years-since") == 0 && of->type != FIELD_DATE)
		die_at(dict->path, f->line,
		    _("derived field '%s' with rule years-since needs a date field, and '%s' is not one"),
		    f->id, f->of);
	if (strcmp(f->rule, "gbt4754-section") == 0 &&
	    of->type != FIELD_INDUSTRY)
		die_at(dict->path, f->line,
		    _("derived field '%s' with rule gbt4754-section needs an industry field, and '%s' is not one"),
		    f->id, f->of);
}

/* Fill FIELD from the <field> or <derived> element NODE. */
static void
load_field(struct dictionary *dict, struct dict_field *field, xmlNodePtr node)
{
	const char *source;

	field->id = copy_attr(node, "id");
	field->label = copy_attr(node, "label");
	field->type = lookup(type_names, xml_attr(node, "type"));
	field->unit = copy_attr(node, "unit");
	field->column = copy_attr(node, "column");
	field->per_year = bool_attr(node, "per-year");
	field->line = xml_line(node);
	field->derived = xml_is(node, "derived");
	if (field->derived) {
		field->authority = AUTHORITY_DEPARTMENT;
		field->rule = copy_attr(node, "rule");
		field->of = copy_attr(node, "of");
		field->column_unit = 100;
	} else {
		field->authority = lookup(authority_names,
		    xml_attr(node, "authority"));
		field->evidence = copy_attr(node, "evidence");
		field->date_column = copy_attr(node, "date-column");
		field->column_unit = unit_fen(xml_attr(node, "column-unit"));
	}
	load_codes(field, node);

	source = xml_attr(node, "source");
	if (source != NULL) {
		field->source = dict_source(dict, source);
		if (field->source == NULL)
			die_at(dict->path, field->line,
			    _("field '%s' names unknown source '%s'"),
			    field->id, source);
	}
}

/* Check what the schema cannot: duplicates, codes, sources, rules. */
static void
check_dictionary(const struct dictionary *dict)
{
	size_t i, j, masters = 0;
	const struct dict_field *f;

	for (i = 0; i < dict->nsources; i++) {
		const struct dict_source *s = &dict->sources[i];

		if (s->kind == SOURCE_MASTER)
			masters++;
		if ((s->kind == SOURCE_YEARLY || s->kind == SOURCE_ROWS) &&
		    s->year_column == NULL)
			die_at(dict->path, s->line,
			    _("source '%s' of kind yearly or rows has no year column"),
			    s->id);
		for (j = 0; j < i; j++)
			if (strcmp(dict->sources[j].id, s->id) == 0)
				die_at(dict->path, s->line,
				    _("duplicate source id '%s'"), s->id);
	}
	if (masters != 1)
		die_at(dict->path, 0,
		    _("the dictionary needs exactly one source of kind master (the registry), not %zu"),
		    masters);

	for (i = 0; i < dict->nfields; i++) {
		f = &dict->fields[i];
		for (j = 0; j < i; j++)
			if (strcmp(dict->fields[j].id, f->id) == 0)
				die_at(dict->path, f->line,
				    _("duplicate field id '%s'"), f->id);
		if ((f->type == FIELD_CODE || f->type == FIELD_LIST) &&
		    f->ncodes == 0)
			die_at(dict->path, f->line,
			    _("field '%s' of type %s declares no codes"),
			    f->id, name_of(type_names, (int)f->type));
		if (f->type != FIELD_CODE && f->type != FIELD_LIST &&
		    f->ncodes > 0)
			die_at(dict->path, f->line,
			    _("field '%s' declares codes but its type is %s, not code or list"),
			    f->id, name_of(type_names, (int)f->type));
		for (j = 0; j < f->ncodes; j++) {
			size_t k;

			for (k = 0; k < j; k++)
				if (strcmp(f->codes[k].label,
				    f->codes[j].label) == 0)
					die_at(dict->path, f->line,
					    _("field '%s' declares label '%s' twice"),
					    f->id, f->codes[j].label);
		}
		if (f->derived) {
			check_derived(dict, f);
			continue;
		}
		if (f->source != NULL)
			check_source_field(dict, f);
		else if (f->authority == AUTHORITY_DEPARTMENT)
			die_at(dict->path, f->line,
			    _("department field '%s' names no source"), f->id);
		else if (f->per_year || f->type == FIELD_LIST)
			die_at(dict->path, f->line,
			    _("declared or judgement field '%s' cannot be per-year or a list"),
			    f->id);
	}
}

struct dictionary *
dict_load(const char *path)
{
	struct dictionary *dict;
	xmlDocPtr doc;
	xmlNodePtr root, node;
	const char *window;
	size_t nfields = 0;
	char *end;
	long value;

	doc = xml_read(path, NULL, XML_MAX_INPUT);
	if (doc == NULL)
		die(_("cannot read the field dictionary '%s'"), path);
	if (xml_validate(doc, path, "dictionary.xsd") != 0)
		die(_("invalid field dictionary '%s'"), path);
	root = xmlDocGetRootElement(doc);

	dict = xcalloc(1, sizeof(*dict));
	dict->path = xstrdup(path);
	window = xml_attr(root, "window");
	value = strtol(window, &end, 10);
	/* The schema limits the window to 1..30. */
	if (*end != '\0' || value < 1 || value > 30)
		die_at(path, xml_line(root),
		    _("invalid window '%s': expected 1 to 30 years"), window);
	dict->window = (int)value;

	/* Sources first, in one array, so fields can point into it. */
	for (node = xml_first_element(root); node != NULL;
	    node = xml_next_element(node)) {
		if (xml_is(node, "source"))
			dict->nsources++;
		else
			nfields++;
	}
	dict->sources = xcalloc(dict->nsources, sizeof(*dict->sources));
	dict->fields = xcalloc(nfields, sizeof(*dict->fields));
	dict->nsources = 0;
	for (node = xml_first_element(root); node != NULL;
	    node = xml_next_element(node)) {
		struct dict_source *s;

		if (!xml_is(node, "source"))
			continue;
		s = &dict->sources[dict->nsources++];
		s->id = copy_attr(node, "id");
		s->file = copy_attr(node, "file");
		s->department = copy_attr(node, "department");
		s->key_column = copy_attr(node, "key");
		s->year_column = copy_attr(node, "year");
		s->name_column = copy_attr(node, "name");
		s->encoding = copy_attr(node, "encoding");
		s->kind = lookup(kind_names, xml_attr(node, "kind"));
		s->line = xml_line(node);
	}
	/* The schema puts every <field> before every <derived>. */
	for (node = xml_first_element(root); node != NULL;
	    node = xml_next_element(node)) {
		if (xml_is(node, "field") || xml_is(node, "derived"))
			load_field(dict, &dict->fields[dict->nfields++], node);
	}
	xmlFreeDoc(doc);

	check_dictionary(dict);
	return dict;
}

void
dict_free(struct dictionary *dict)
{
	size_t i, j;

	if (dict == NULL)
		return;
	for (i = 0; i < dict->nsources; i++) {
		struct dict_source *s = &dict->sources[i];

		free(s->id);
		free(s->file);
		free(s->department);
		free(s->key_column);
		free(s->year_column);
		free(s->name_column);
		free(s->encoding);
	}
	for (i = 0; i < dict->nfields; i++) {
		struct dict_field *f = &dict->fields[i];

		free(f->id);
		free(f->label);
		free(f->unit);
		free(f->evidence);
		free(f->column);
		free(f->date_column);
		for (j = 0; j < f->ncodes; j++) {
			free(f->codes[j].id);
			free(f->codes[j].label);
		}
		free(f->codes);
		free(f->rule);
		free(f->of);
	}
	free(dict->sources);
	free(dict->fields);
	free(dict->path);
	free(dict);
}

const struct dict_field *
dict_field(const struct dictionary *dict, const char *id)
{
	size_t i;

	for (i = 0; i < dict->nfields; i++)
		if (strcmp(dict->fields[i].id, id) == 0)
			return &dict->fields[i];
	return NULL;
}

const struct dict_source *
dict_source(const struct dictionary *dict, const char *id)
{
	size_t i;

	for (i = 0; i < dict->nsources; i++)
		if (strcmp(dict->sources[i].id, id) == 0)
			return &dict->sources[i];
	return NULL;
}

const struct dict_code *
dict_code(const struct dict_field *field, const char *id)
{
	size_t i;

	for (i = 0; i < field->ncodes; i++)
		if (strcmp(field->codes[i].id, id) == 0)
			return &field->codes[i];
	return NULL;
}

int
dict_last_year(int32_t as_of)
{
	return date_year(as_of) - 1;
}

const char *
dict_type_name(enum field_type type)
{
	switch (type) {
	case FIELD_TEXT:
		return "文本";
	case FIELD_DATE:
		return "日期";
	case FIELD_MONEY:
		return "金额";
	case FIELD_INTEGER:
		return "整数";
	case FIELD_DIVISION:
		return "行政区划代码";
	case FIELD_INDUSTRY:
		return "行业代码";
	case FIELD_FLAG:
		return "是否";
	case FIELD_CODE:
		return "代码";
	case FIELD_LIST:
		return "名单";
	}
	return "?";
}

const char *
dict_authority_name(enum field_authority authority)
{
	switch (authority) {
	case AUTHORITY_DEPARTMENT:
		return "部门数据";
	case AUTHORITY_DECLARED:
		return "企业申报";
	case AUTHORITY_JUDGEMENT:
		return "审核判断";
	}
	return "?";
}
