/*
 * Department cells read as portrait values: dates, amounts, counts,
 * division and industry codes, declared codes and list items, each
 * rejected with an English message and a Chinese reason when unusable.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "division.h"
#include "err.h"
#include "industry.h"
#include "money.h"
#include "pfe.h"
#include "portrait.h"

void
portrait_problem_clear(struct portrait_problem *problem)
{
	free(problem->message);
	free(problem->reason);
	problem->message = NULL;
	problem->reason = NULL;
}

/* Store MESSAGE and REASON (both newly allocated) and return -1. */
static int
problem_set(struct portrait_problem *problem, char *message, char *reason)
{
	portrait_problem_clear(problem);
	problem->message = message;
	problem->reason = reason;
	return -1;
}

/* Return the start of S without surrounding blanks and store the end in
   *END. */
static const char *
trim_bounds(const char *s, const char **end)
{
	const char *e;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - s >= 3 && strncmp(e - 3, "\xE3\x80\x80", 3) == 0)
			e -= 3;
		else
			break;
	}
	*end = e;
	return s;
}

const char *
portrait_trim_span(const char *s, size_t *len)
{
	const char *end;

	s = trim_bounds(s, &end);
	*len = (size_t)(end - s);
	return s;
}

char *
portrait_trim(const char *s)
{
	const char *end;

	s = trim_bounds(s, &end);
	return xstrndup(s, (size_t)(end - s));
}

/*
 * Return CELL trimmed as portrait_trim does. Most cells have no trailing
 * blank, so the result points into CELL; otherwise it is a copy, also
 * stored in *COPY for the caller to free (else *COPY is NULL).
 */
static const char *
trim_cell(const char *cell, char **copy)
{
	const char *end;
	const char *text = trim_bounds(cell, &end);

	*copy = NULL;
	if (*end == '\0')
		return text;
	*copy = xstrndup(text, (size_t)(end - text));
	return *copy;
}

char *
portrait_integer_text(int64_t n)
{
	char digits[INTEGER_BUFSIZE];

	return xstrdup(integer_format(n, digits));
}

/* The parsers below store the value in *VALUE, unless VALUE is NULL
   (the cell is only checked). */

static int
parse_date_value(const char *column, const char *cell, char **value,
    struct portrait_problem *problem)
{
	int32_t days;
	char buf[DATE_BUFSIZE];

	if (date_parse(cell, &days) != 0)
		return problem_set(problem,
		    xasprintf(_("invalid date '%s' in column '%s': expected 2021-06-01, 2021/6/1 or 2021年6月1日"),
		    cell, column),
		    xasprintf("%s'%s'不是有效日期（应为2021-06-01、2021/6/1或2021年6月1日）",
		    column, cell));
	if (value != NULL)
		*value = xstrdup(date_format(days, buf));
	return 0;
}

static int
parse_money_value(const struct dict_field *field, const char *column,
    const char *cell, char **value, struct portrait_problem *problem)
{
	int64_t fen;
	char buf[MONEY_BUFSIZE];

	if (money_parse(cell, field->column_unit, &fen) != 0)
		return problem_set(problem,
		    xasprintf(_("invalid amount '%s' in column '%s': expected a number such as 1234.50, 1,234.50 or 12.5万"),
		    cell, column),
		    xasprintf("%s'%s'不是有效金额（应如1234.50、1,234.50或12.5万）",
		    column, cell));
	if (fen < 0)
		return problem_set(problem,
		    xasprintf(_("negative amount '%s' in column '%s'"),
		    cell, column),
		    xasprintf("%s'%s'为负数", column, cell));
	if (value != NULL)
		*value = xstrdup(money_format(fen, buf));
	return 0;
}

/* Counts are read through money_parse, so grouping, 万 and full-width
   digits work as for amounts; a fraction is rejected. */
static int
parse_integer_value(const char *column, const char *cell, char **value,
    struct portrait_problem *problem)
{
	int64_t hundredths;

	if (money_parse(cell, MONEY_YUAN, &hundredths) != 0 ||
	    hundredths % 100 != 0)
		return problem_set(problem,
		    xasprintf(_("invalid count '%s' in column '%s': expected a whole number"),
		    cell, column),
		    xasprintf("%s'%s'不是有效整数", column, cell));
	if (hundredths < 0)
		return problem_set(problem,
		    xasprintf(_("negative count '%s' in column '%s'"),
		    cell, column),
		    xasprintf("%s'%s'为负数", column, cell));
	if (value != NULL)
		*value = portrait_integer_text(hundredths / 100);
	return 0;
}

/* A division that was abolished is written as the code that replaced it
   (510122 双流县 becomes 510116 双流区). */
static int
parse_division_value(const struct portrait_tables *tables, const char *column,
    const char *cell, char **value, struct portrait_problem *problem)
{
	const struct division *division;

	division = division_find(tables->divisions, cell);
	if (division == NULL)
		return problem_set(problem,
		    xasprintf(_("unknown division code '%s' in column '%s': expected a 6-digit GB/T 2260 code"),
		    cell, column),
		    xasprintf("%s'%s'不是已知的行政区划代码（GB/T 2260，6位数字）",
		    column, cell));
	if (value != NULL)
		*value = xstrdup(division->successor != NULL ?
		    division->successor : division->code);
	return 0;
}

static int
parse_industry_value(const struct portrait_tables *tables,
    const char *column, const char *cell, char **value,
    struct portrait_problem *problem)
{
	const struct industry *class;

	class = industry_find_class(tables->industries, cell);
	if (class == NULL)
		return problem_set(problem,
		    xasprintf(_("unknown industry code '%s' in column '%s': expected a GB/T 4754-2017 class such as C3972"),
		    cell, column),
		    xasprintf("%s'%s'不是已知的国民经济行业代码（GB/T 4754-2017小类，如C3972）",
		    column, cell));
	if (value != NULL) {
		size_t len = strlen(class->code);

		*value = xmalloc(len + 2);
		(*value)[0] = class->section;
		memcpy(*value + 1, class->code, len + 1);
	}
	return 0;
}

static int
parse_flag_value(const char *column, const char *cell, char **value,
    struct portrait_problem *problem)
{
	const char *flag;

	if (strcmp(cell, "1") == 0 || strcmp(cell, "是") == 0)
		flag = "1";
	else if (strcmp(cell, "0") == 0 || strcmp(cell, "否") == 0)
		flag = "0";
	else
		return problem_set(problem,
		    xasprintf(_("invalid flag '%s' in column '%s': expected 1, 0, 是 or 否"),
		    cell, column),
		    xasprintf("%s'%s'无效（应为1、0、是或否）", column, cell));
	if (value != NULL)
		*value = xstrdup(flag);
	return 0;
}

/* Return the code of FIELD whose label is LABEL. A functional zone may
   also be written by its full name (四川天府新区成都直管区). */
static const struct dict_code *
code_by_label(const struct portrait_tables *tables,
    const struct dict_field *field, const char *label)
{
	const struct division_zone *zone;
	size_t i;

	for (i = 0; i < field->ncodes; i++)
		if (strcmp(field->codes[i].label, label) == 0)
			return &field->codes[i];
	if (tables != NULL && tables->divisions != NULL) {
		zone = division_zone_find(tables->divisions, label);
		if (zone != NULL)
			return dict_code(field, zone->id);
	}
	return NULL;
}

/* Return the labels of FIELD joined by "、" (newly allocated). */
static char *
code_labels(const struct dict_field *field)
{
	size_t i, len = 1;
	char *out;

	for (i = 0; i < field->ncodes; i++)
		len += strlen(field->codes[i].label) + 3;
	out = xmalloc(len);
	out[0] = '\0';
	for (i = 0; i < field->ncodes; i++) {
		if (i > 0)
			strcat(out, "、");
		strcat(out, field->codes[i].label);
	}
	return out;
}

static int
unknown_code(const struct dict_field *field, const char *column,
    const char *cell, struct portrait_problem *problem)
{
	char *labels = code_labels(field);
	int status;

	status = problem_set(problem,
	    xasprintf(_("unknown value '%s' in column '%s': expected one of %s"),
	    cell, column, labels),
	    xasprintf("%s'%s'不是已知的取值（应为%s之一）", column, cell,
	    labels));
	free(labels);
	return status;
}

int
portrait_parse_cell(const struct portrait_tables *tables,
    const struct dict_field *field, const char *column, const char *cell,
    char **value, struct portrait_problem *problem)
{
	char *copy;
	const char *text = trim_cell(cell, &copy);
	const struct dict_code *code;
	int status = 0;

	if (value != NULL)
		*value = NULL;
	if (text[0] == '\0' || field->type == FIELD_TEXT) {
		if (value != NULL)
			*value = copy != NULL ? copy : xstrdup(text);
		else
			free(copy);
		return 0;
	}
	switch (field->type) {
	case FIELD_TEXT:
		break;
	case FIELD_DATE:
		status = parse_date_value(column, text, value, problem);
		break;
	case FIELD_MONEY:
		status = parse_money_value(field, column, text, value, problem);
		break;
	case FIELD_INTEGER:
		status = parse_integer_value(column, text, value, problem);
		break;
	case FIELD_DIVISION:
		status = parse_division_value(tables, column, text, value,
		    problem);
		break;
	case FIELD_INDUSTRY:
		status = parse_industry_value(tables, column, text, value,
		    problem);
		break;
	case FIELD_FLAG:
		status = parse_flag_value(column, text, value, problem);
		break;
	case FIELD_CODE:
		code = code_by_label(tables, field, text);
		if (code == NULL)
			status = unknown_code(field, column, text, problem);
		else if (value != NULL)
			*value = xstrdup(code->id);
		break;
	case FIELD_LIST:
		die(_("internal error: list field '%s' read as a cell"),
		    field->id);
	}
	free(copy);
	return status;
}

int
portrait_parse_list_item(const struct dict_field *field, const char *cell,
    const char *date_cell, char **item, struct portrait_problem *problem)
{
	const struct dict_code *code;
	const char *label, *date;
	char *copy, *day;
	size_t id_len, day_len;
	int status;

	if (item != NULL)
		*item = NULL;
	if (field->column == NULL) {
		code = &field->codes[0];
	} else {
		label = trim_cell(cell, &copy);
		code = code_by_label(NULL, field, label);
		if (code == NULL) {
			status = unknown_code(field, field->column, label,
			    problem);
			free(copy);
			return status;
		}
		free(copy);
	}

	date = trim_cell(date_cell, &copy);
	if (date[0] == '\0') {
		free(copy);
		return problem_set(problem,
		    xasprintf(_("missing date in column '%s'"),
		    field->date_column),
		    xasprintf("%s为空", field->date_column));
	}
	status = parse_date_value(field->date_column, date,
	    item != NULL ? &day : NULL, problem);
	free(copy);
	if (status != 0 || item == NULL)
		return status;
	/* CODE@DATE */
	id_len = strlen(code->id);
	day_len = strlen(day);
	*item = xmalloc(id_len + day_len + 2);
	memcpy(*item, code->id, id_len);
	(*item)[id_len] = '@';
	memcpy(*item + id_len + 1, day, day_len + 1);
	free(day);
	return 0;
}

int
portrait_parse_amount(const char *column, const char *cell, int64_t *fen,
    struct portrait_problem *problem)
{
	char *copy;
	const char *text = trim_cell(cell, &copy);
	int status = 0;

	if (text[0] == '\0')
		status = problem_set(problem,
		    xasprintf(_("missing amount in column '%s'"), column),
		    xasprintf("%s为空", column));
	else if (money_parse(text, MONEY_YUAN, fen) != 0)
		status = problem_set(problem,
		    xasprintf(_("invalid amount '%s' in column '%s': expected a number such as 1234.50, 1,234.50 or 12.5万"),
		    text, column),
		    xasprintf("%s'%s'不是有效金额（应如1234.50、1,234.50或12.5万）",
		    column, text));
	else if (*fen < 0)
		status = problem_set(problem,
		    xasprintf(_("negative amount '%s' in column '%s'"),
		    text, column),
		    xasprintf("%s'%s'为负数", column, text));
	free(copy);
	return status;
}

int
portrait_parse_year(const char *column, const char *cell,
    struct portrait_problem *problem)
{
	char *text;
	size_t len;
	int64_t hundredths;
	int year = -1;

	/* Most years are four plain digits. */
	if (cell[0] >= '1' && cell[0] <= '2' && cell[1] >= '0' &&
	    cell[1] <= '9' && cell[2] >= '0' && cell[2] <= '9' &&
	    cell[3] >= '0' && cell[3] <= '9' && cell[4] == '\0') {
		year = (cell[0] - '0') * 1000 + (cell[1] - '0') * 100 +
		    (cell[2] - '0') * 10 + (cell[3] - '0');
		if (year >= 1900)
			return year;
		year = -1;
	}
	text = portrait_trim(cell);
	len = strlen(text);
	if (len > 3 && strcmp(text + len - 3, "年") == 0)
		text[len - 3] = '\0';
	/* money_parse folds full-width digits; a year has no grouping. */
	if (strchr(text, ',') == NULL && strchr(text, '.') == NULL &&
	    money_parse(text, MONEY_YUAN, &hundredths) == 0 &&
	    hundredths >= 190000 && hundredths <= 299900 &&
	    hundredths % 100 == 0)
		year = (int)(hundredths / 100);
	if (year < 0)
		problem_set(problem,
		    xasprintf(_("invalid year '%s' in column '%s': expected a year such as 2025"),
		    cell, column),
		    xasprintf("%s'%s'不是有效年度（应如2025）", column, cell));
	free(text);
	return year;
}
