/*
 * Reviewer decisions read back from a worksheet that a person filled in a
 * spreadsheet program: byte-order mark or not, GB18030 on request,
 * formula guards removed, and identifiers a spreadsheet mangled detected.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "err.h"
#include "money.h"
#include "pfe.h"
#include "review.h"
#include "review_index.h"

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Return 1 when S looks like a number a spreadsheet wrote in scientific
   notation, such as 9.15101E+17. */
static int
scientific_notation(const char *s)
{
	const char *e = strpbrk(s, "Ee");

	if (e == NULL || e == s || (e[1] != '+' && e[1] != '-'))
		return 0;
	for (; s < e; s++)
		if (!isdigit((unsigned char)*s) && *s != '.')
			return 0;
	return all_digits(e + 2);
}

char *
review_uscc_mismatch(const char *given, const char *expected)
{
	size_t n = strlen(given);

	if (strcmp(given, expected) == 0)
		return NULL;
	if (scientific_notation(given))
		return xasprintf("统一社会信用代码 '%s' 被表格软件显示为科学计数法，"
		    "应为 '%s'：请在表格中将该列设为文本格式，重新填入完整代码后保存",
		    given, expected);
	if (n == 18 && all_digits(given) &&
	    strncmp(given, expected, 15) == 0)
		return xasprintf("统一社会信用代码 '%s' 的末几位被表格软件改为 0"
		    "（数字只保留 15 位有效位），应为 '%s'：请将该列设为文本格式，"
		    "重新填入完整代码后保存", given, expected);
	if (n < 18 && all_digits(given) && strlen(expected) == 18 &&
	    strcmp(expected + 18 - n, given) == 0 &&
	    strspn(expected, "0") == 18 - n)
		return xasprintf("统一社会信用代码 '%s' 丢失了前导零，应为 '%s'："
		    "请将该列设为文本格式，重新填入完整代码后保存", given,
		    expected);
	return xasprintf("统一社会信用代码 '%s' 与申请的企业 '%s' 不一致",
	    given, expected);
}

char *
review_lost_zero(const char *given, char *const *ids, size_t n)
{
	size_t i;

	if (!all_digits(given))
		return NULL;
	for (i = 0; i < n; i++) {
		const char *id = ids[i];
		size_t zeros = strspn(id, "0");

		if (zeros > 0 && strcmp(id + zeros, given) == 0)
			return xasprintf("申请编号 '%s' 不存在：表格软件可能去掉了"
			    "前导零，应为 '%s'；请将该列设为文本格式，重新填入"
			    "编号后保存", given, id);
	}
	return NULL;
}

void
review_row_free(struct review_row *row)
{
	free(row->application);
	free(row->uscc);
	free(row->item);
	free(row->question);
	free(row->value);
	free(row->reviewer);
	free(row->reviewed_at);
	free(row->note);
	free(row->reject_reason);
	csv_record_free(row->record);
}

/* Column indexes of a reviews file; -1 for an absent optional column. */
struct review_columns {
	long application, uscc, item, question, decision, value, reviewer,
	    reviewed_at, note;
};

static long
required_column(const struct csv_record *header, const char *file,
    const char *name)
{
	long column = csv_column(header, name);

	if (column < 0)
		die_at(file, header->line,
		    _("missing column '%s': a reviews file needs application, uscc, item, question, decision, reviewer and reviewed_at"),
		    name);
	return column;
}

/* Return a copy of the cell at COLUMN, guard removed and blanks trimmed;
   "" when the record is too short or COLUMN is -1. */
static char *
cell(const struct csv_record *record, long column)
{
	const char *start, *end;
	char *text;

	if (column < 0 || (size_t)column >= record->nfields)
		return xstrdup("");
	start = record->fields[column];
	while (*start == ' ' || *start == '\t')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		end--;
	text = xstrndup(start, (size_t)(end - start));
	csv_unguard(text);
	return text;
}

char *
review_parse_time(const char *s, char **out, int32_t *day)
{
	char date_part[32], rest[32];
	int hour, minute, second = 0, year, month, mday, used = 0;
	const char *sep = strpbrk(s, "T ");
	size_t n;

	if (s[0] != '\0' && strspn(s, "0123456789.") == strlen(s))
		return xasprintf("审核时间 '%s' 被表格软件转换成了数字：请将该列"
		    "设为文本格式，按 2026-06-29 10:30 的形式重新填写", s);
	if (sep == NULL || (size_t)(sep - s) >= sizeof(date_part))
		return xasprintf("审核时间 '%s' 无法识别：应为 "
		    "2026-06-29T10:30:00+08:00 或 2026-06-29 10:30", s);
	n = (size_t)(sep - s);
	memcpy(date_part, s, n);
	date_part[n] = '\0';
	if (date_parse(date_part, day) != 0)
		return xasprintf("审核时间 '%s' 的日期无效", s);
	if (sscanf(sep + 1, "%2d:%2d%n", &hour, &minute, &used) != 2)
		return xasprintf("审核时间 '%s' 缺少时刻（时:分）", s);
	snprintf(rest, sizeof(rest), "%s", sep + 1 + used);
	if (rest[0] == ':') {
		int more = 0;

		if (sscanf(rest, ":%2d%n", &second, &more) != 1)
			return xasprintf("审核时间 '%s' 的秒无效", s);
		memmove(rest, rest + more, strlen(rest + more) + 1);
	}
	if (rest[0] != '\0' && strcmp(rest, "+08:00") != 0)
		return xasprintf("审核时间 '%s' 的时区应为北京时间 +08:00", s);
	if (hour > 23 || minute > 59 || second > 59)
		return xasprintf("审核时间 '%s' 的时刻无效", s);
	date_to_ymd(*day, &year, &month, &mday);
	*out = xasprintf("%04d-%02d-%02dT%02d:%02d:%02d+08:00", year, month,
	    mday, hour, minute, second);
	return NULL;
}

/*
 * Normalize a confirmed VALUE for QUESTION (an override key) into the
 * portrait cell form. Returns NULL, or a newly allocated Chinese reason.
 */
static char *
parse_confirmed_value(const struct dictionary *dict, const char *question,
    const char *value, char **out)
{
	const struct dict_field *field = dict_field(dict, question);
	char buf[MONEY_BUFSIZE];
	int64_t fen;

	if (field == NULL) {
		/* A per-year key ends in _YYYY. */
		size_t n = strlen(question);
		char *id;

		if (n > 5 && question[n - 5] == '_') {
			id = xstrndup(question, n - 5);
			field = dict_field(dict, id);
			free(id);
		}
	}
	if (field == NULL)
		return xasprintf("核定值只能填写在申报值或判断项的问题行，"
		    "问题 '%s' 不接受核定值", question);
	if (field->type != FIELD_MONEY) {
		*out = xstrdup(value);
		return NULL;
	}
	if (money_parse(value, MONEY_YUAN, &fen) != 0 || fen < 0)
		return xasprintf("核定值 '%s' 不是有效的金额（元，最多两位小数）",
		    value);
	*out = xstrdup(money_format(fen, buf));
	return NULL;
}

/*
 * Check RECORD's cells and fill *ROW. Returns NULL, or a newly allocated
 * Chinese reason to reject the record.
 */
static char *
read_row(const struct csv_record *record, const struct review_columns *c,
    int32_t as_of, const struct dictionary *dict, struct review_row *row)
{
	char *decision = cell(record, c->decision);
	char *time = cell(record, c->reviewed_at);
	char *value = cell(record, c->value);
	char *reason = NULL;
	int32_t day;

	row->application = cell(record, c->application);
	row->uscc = cell(record, c->uscc);
	row->item = cell(record, c->item);
	row->question = cell(record, c->question);
	row->reviewer = cell(record, c->reviewer);
	row->note = cell(record, c->note);

	if (strcmp(decision, "同意") == 0)
		row->answer = REVIEW_AGREE;
	else if (strcmp(decision, "不同意") == 0)
		row->answer = REVIEW_DISAGREE;
	else
		reason = xasprintf("审核意见 '%s' 无效：应为“同意”或“不同意”",
		    decision);
	if (reason == NULL && row->application[0] == '\0')
		reason = xstrdup("缺少申请编号");
	if (reason == NULL && row->question[0] == '\0')
		reason = xstrdup("缺少审核问题");
	if (reason == NULL && row->reviewer[0] == '\0')
		reason = xstrdup("缺少审核人：每条审核意见须写明由谁作出");
	if (reason == NULL && time[0] == '\0')
		reason = xstrdup("缺少审核时间：每条审核意见须写明何时作出");
	if (reason == NULL)
		reason = review_parse_time(time, &row->reviewed_at, &day);
	if (reason == NULL && day > as_of)
		reason = xasprintf("审核时间 %s 晚于评估日：该意见在评估日尚未作出",
		    row->reviewed_at);
	if (reason == NULL && value[0] != '\0')
		reason = parse_confirmed_value(dict, row->question, value,
		    &row->value);
	free(decision);
	free(time);
	free(value);
	return reason;
}

/* Return the answer of ROW as Chinese text, newly allocated. */
static char *
answer_text(const struct review_row *row)
{
	const char *decision = row->answer == REVIEW_AGREE ? "同意" : "不同意";

	if (row->value != NULL)
		return xasprintf("%s，核定值 %s 元", decision, row->value);
	return xstrdup(decision);
}

/*
 * Return a newly allocated Chinese reason to reject ROW, on LINE, which
 * answers the same question as FIRST, an earlier row that was usable when
 * it was read. The same answer again is a repeat. A different answer is
 * a conflict: FIRST is rejected too, and so is every later row, so that
 * neither answer decides and the worksheet asks the question again.
 */
static char *
check_second_answer(struct review_row *first, const struct review_row *row,
    long line)
{
	char *mine, *theirs, *reason;

	/* FIRST had no reason when it was read, so one now means that an
	   earlier row conflicted with it. */
	if (first->reject_reason != NULL)
		return xasprintf("申请 %s 的问题 %s 自第%ld行起已有不一致的审核意见，"
		    "本行也不采用：该问题须重新审核", row->application,
		    row->question, first->record->line);
	mine = answer_text(row);
	theirs = answer_text(first);
	if (strcmp(mine, theirs) == 0) {
		reason = xasprintf("第%ld行已对申请 %s 的问题 %s 作出审核意见，"
		    "同一问题只能有一条", first->record->line, row->application,
		    row->question);
	} else {
		reason = xasprintf("第%ld行与第%ld行对申请 %s 的问题 %s 作出了"
		    "不一致的审核意见（%s、%s），均不采用：该问题须重新审核",
		    first->record->line, line, row->application, row->question,
		    theirs, mine);
		first->reject_reason = xstrdup(reason);
	}
	free(mine);
	free(theirs);
	return reason;
}

size_t
review_read_rows(const char *path, enum csv_encoding encoding,
    int32_t as_of, const struct dictionary *dict, struct review_row **rows,
    size_t *nrows)
{
	struct csv_reader *reader = csv_reader_open(path, NULL, encoding);
	const char *file = csv_reader_name(reader);
	struct csv_record *record, *header;
	struct review_columns c;
	struct review_index seen = { NULL, 0, 0 };	/* row text -> line */
	struct review_index answered = { NULL, 0, 0 };	/* question -> row */
	size_t nread = 0, i;

	if (!csv_reader_next(reader, &record))
		die_at(file, 1, _("empty reviews file: expected a header line"));
	header = csv_record_copy(record);
	for (i = 0; i < header->nfields; i++)
		csv_unguard(header->fields[i]);
	c.application = required_column(header, file, "application");
	c.uscc = required_column(header, file, "uscc");
	c.item = required_column(header, file, "item");
	c.question = required_column(header, file, "question");
	c.decision = required_column(header, file, "decision");
	c.reviewer = required_column(header, file, "reviewer");
	c.reviewed_at = required_column(header, file, "reviewed_at");
	c.value = csv_column(header, "value");
	c.note = csv_column(header, "note");

	while (csv_reader_next(reader, &record)) {
		struct review_row row;
		char *text = csv_record_join(record);
		char *decision;
		size_t *first_line;
		int found;

		nread++;
		memset(&row, 0, sizeof(row));
		first_line = review_index_put(&seen, text, (size_t)record->line,
		    &found);
		if (found)
			row.duplicate_of = (long)*first_line;
		free(text);

		/* A row the reviewer has not filled in is no decision yet. */
		decision = cell(record, c.decision);
		if (decision[0] == '\0' && row.duplicate_of == 0) {
			free(decision);
			continue;
		}
		free(decision);

		if (row.duplicate_of == 0)
			row.reject_reason = read_row(record, &c, as_of, dict,
			    &row);
		if (row.reject_reason == NULL && row.duplicate_of == 0) {
			const char *parts[3];
			char *key;
			size_t *first;

			parts[0] = row.application;
			parts[1] = row.uscc;
			parts[2] = row.question;
			key = review_index_key(3, parts);
			first = review_index_put(&answered, key, *nrows, &found);
			if (found)
				row.reject_reason = check_second_answer(
				    &(*rows)[*first], &row, record->line);
			free(key);
		}
		row.record = csv_record_copy(record);
		*rows = xreallocarray(*rows, *nrows + 1, sizeof(**rows));
		(*rows)[(*nrows)++] = row;
	}

	review_index_free(&seen);
	review_index_free(&answered);
	csv_record_free(header);
	csv_reader_close(reader);
	return nread;
}
