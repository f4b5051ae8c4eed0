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

char *
portrait_trim(const char *s)
{
	const char *end;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	end = s + strlen(s);
	for (;;) {
		if (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if (end - s >= 3 && strncmp(end - 3, "\xE3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	return xstrndup(s, (size_t)(end - s));
}

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
	*value = xasprintf("%lld", (long long)(hundredths / 100));
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
	*value = xstrdup(division->successor != NULL ? division->successor :
	    division->code);
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
	*value = xasprintf("%c%s", class->section, class->code);
	return 0;
}

static int
parse_flag_value(const char *column, const char *cell, char **value,
    struct portrait_problem *problem)
{
	if (strcmp(cell, "1") == 0 || strcmp(cell, "是") == 0)
		*value = xstrdup("1");
	else if (strcmp(cell, "0") == 0 || strcmp(cell, "否") == 0)
		*value = xstrdup("0");
	else
		return problem_set(problem,
		    xasprintf(_("invalid flag '%s' in column '%s': expected 1, 0, 是 or 否"),
		    cell, column),
		    xasprintf("%s'%s'无效（应为1、0、是或否）", column, cell));
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
	char *text = portrait_trim(cell);
	const struct dict_code *code;
	int status = 0;

	*value = NULL;
	if (text[0] == '\0') {
		*value = text;
		return 0;
	}
	switch (field->type) {
	case FIELD_TEXT:
		*value = text;
		return 0;
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
		else
			*value = xstrdup(code->id);
		break;
	case FIELD_LIST:
		die(_("internal error: list field '%s' read as a cell"),
		    field->id);
	}
	free(text);
	return status;
}

int
portrait_parse_list_item(const struct dict_field *field, const char *cell,
    const char *date_cell, char **item, struct portrait_problem *problem)
{
	const struct dict_code *code;
	char *label, *date;
	int status;

	*item = NULL;
	if (field->column == NULL) {
		code = &field->codes[0];
	} else {
		label = portrait_trim(cell);
		code = code_by_label(NULL, field, label);
		if (code == NULL) {
			status = unknown_code(field, field->column, label,
			    problem);
			free(label);
			return status;
		}
		free(label);
	}

	date = portrait_trim(date_cell);
	if (date[0] == '\0') {
		free(date);
		return problem_set(problem,
		    xasprintf(_("missing date in column '%s'"),
		    field->date_column),
		    xasprintf("%s为空", field->date_column));
	}
	status = parse_date_value(field->date_column, date, &label, problem);
	free(date);
	if (status != 0)
		return status;
	*item = xasprintf("%s@%s", code->id, label);
	free(label);
	return 0;
}

int
portrait_parse_amount(const char *column, const char *cell, int64_t *fen,
    struct portrait_problem *problem)
{
	char *text = portrait_trim(cell);
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
	free(text);
	return status;
}

int
portrait_parse_year(const char *column, const char *cell,
    struct portrait_problem *problem)
{
	char *text = portrait_trim(cell);
	size_t len = strlen(text);
	int64_t hundredths;
	int year = -1;

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
