/*
 * Unified social credit codes as GB 32100-2015 defines them, with the
 * GB 11714 organization-code check, and the allow-list of real codes
 * issued before 2016 that fail the mod-31 check.
 */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "date.h"
#include "division.h"
#include "err.h"
#include "pfe.h"
#include "uscc.h"

/* The 31 characters of GB 32100, in the order of their values 0-30. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const int uscc_weights[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

static const int org_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

/*
 * Organization types each registration authority may issue (GB 32100-2015
 * table of authority and type codes: 1 机构编制, 2 外交, 3 司法行政,
 * 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商, A 中央军委改革和编制
 * 办公室, N 农业, Y 其他).
 * NOTE: written from the standard's table as widely reproduced; the text
 * of GB 32100-2015 and its 2016 amendment was not at hand to check it.
 */
static const struct {
	char authority;
	const char *types;
} uscc_types[] = {
	{ '1', "1239" },
	{ '2', "19" },
	{ '3', "123459" },
	{ '4', "19" },
	{ '5', "1239" },
	{ '6', "129" },
	{ '7', "129" },
	{ '8', "19" },
	{ '9', "123" },
	{ 'A', "19" },
	{ 'N', "1239" },
	{ 'Y', "1" }
};

/* Return the value 0-30 of C in the GB 32100 set, or -1. Every code of
   every department row is checked, so this is a table, not a search. */
static int
uscc_value(char c)
{
	/* A-Z without I, O, S, V and Z, which the set leaves out. */
	static const signed char letters[26] = {
		10, 11, 12, 13, 14, 15, 16, 17, -1, 18, 19, 20, 21,
		22, -1, 23, 24, 25, -1, 26, 27, -1, 28, 29, 30, -1
	};

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return letters[c - 'A'];
	return -1;
}

char
uscc_check_char(const char *first17)
{
	int sum = 0, i, value;

	for (i = 0; i < 17; i++) {
		value = uscc_value(first17[i]);
		if (value < 0)
			return 0;
		sum += value * uscc_weights[i];
	}
	return uscc_alphabet[(31 - sum % 31) % 31];
}

char
uscc_org_check_char(const char *body8)
{
	int sum = 0, i, value, check;

	/* GB 11714 gives letters the values 10-35 in alphabet order. */
	for (i = 0; i < 8; i++) {
		char c = body8[i];

		if (c >= '0' && c <= '9')
			value = c - '0';
		else if (c >= 'A' && c <= 'Z')
			value = c - 'A' + 10;
		else
			return 0;
		sum += value * org_weights[i];
	}
	check = 11 - sum % 11;
	if (check == 10)
		return 'X';
	if (check == 11)
		return '0';
	return (char)('0' + check);
}

/*
 * Return 1 when S reads as an 18-character citizen ID number (GB 11643):
 * 17 digits and a digit or X, a province code first (one of DIVISIONS,
 * or 71, 81, 82, 83 for Taiwan, Hong Kong and Macao), a valid birth date
 * in positions 7-14, and a right ISO 7064 MOD 11-2 check character.
 */
static int
looks_like_citizen_id(const char *s, const struct division_table *divisions)
{
	const struct division *division;
	char province_code[7];
	static const int weights[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	char birth[11];
	int32_t days;
	int i, sum = 0, province;

	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		sum += (s[i] - '0') * weights[i];
	}
	if (s[17] != 'X' && (s[17] < '0' || s[17] > '9'))
		return 0;
	if ("10X98765432"[sum % 11] != s[17])
		return 0;
	province = (s[0] - '0') * 10 + (s[1] - '0');
	memcpy(province_code, s, 2);
	memcpy(province_code + 2, "0000", 5);
	division = divisions == NULL ? NULL :
	    division_find(divisions, province_code);
	if ((division == NULL || division->level != DIVISION_PROVINCE) &&
	    province != 71 && province != 81 && province != 82 &&
	    province != 83)
		return 0;
	memcpy(birth, s + 6, 4);
	birth[4] = '-';
	memcpy(birth + 5, s + 10, 2);
	birth[7] = '-';
	memcpy(birth + 8, s + 12, 2);
	birth[10] = '\0';
	if (date_parse(birth, &days) != 0)
		return 0;
	return s[6] == '1' || s[6] == '2';
}

static int
type_allowed(char authority, char type, int *authority_known)
{
	size_t i;

	*authority_known = 0;
	for (i = 0; i < sizeof(uscc_types) / sizeof(uscc_types[0]); i++) {
		if (uscc_types[i].authority != authority)
			continue;
		*authority_known = 1;
		return strchr(uscc_types[i].types, type) != NULL;
	}
	return 0;
}

void
uscc_validate(const char *s, const struct division_table *divisions,
    struct uscc_result *result)
{
	char division[7];
	int i, authority_known;

	result->status = USCC_VALID;
	result->expected = 0;
	result->position = 0;

	if (strlen(s) != USCC_LEN) {
		result->status = USCC_BAD_LENGTH;
		return;
	}
	for (i = 0; i < USCC_LEN; i++) {
		if (uscc_value(s[i]) < 0) {
			result->status = USCC_BAD_CHARACTER;
			result->position = i + 1;
			return;
		}
	}
	if (looks_like_citizen_id(s, divisions)) {
		result->status = USCC_CITIZEN_ID;
		return;
	}
	if (!type_allowed(s[0], s[1], &authority_known)) {
		result->status = authority_known ? USCC_BAD_TYPE :
		    USCC_BAD_AUTHORITY;
		result->position = authority_known ? 2 : 1;
		return;
	}
	memcpy(division, s + 2, 6);
	division[6] = '\0';
	/* NOTE: 100000 for authorities at national level is taken from
	   codes seen in use, not from the standard's text. */
	if (strcmp(division, "100000") != 0 &&
	    (divisions == NULL || division_find(divisions, division) == NULL)) {
		result->status = USCC_UNKNOWN_DIVISION;
		result->position = 3;
		return;
	}
	result->expected = uscc_org_check_char(s + 8);
	if (result->expected != s[16]) {
		result->status = USCC_BAD_ORG_CHECK;
		result->position = 17;
		return;
	}
	result->expected = uscc_check_char(s);
	if (result->expected != s[17]) {
		result->status = USCC_BAD_CHECK;
		result->position = 18;
		return;
	}
	result->expected = 0;
}

char *
uscc_message(const char *s, const struct uscc_result *r)
{
	switch (r->status) {
	case USCC_VALID:
		break;
	case USCC_BAD_LENGTH:
		return xasprintf(_("invalid unified social credit code '%s': expected 18 characters, got %zu bytes"),
		    s, strlen(s));
	case USCC_BAD_CHARACTER:
		return xasprintf(_("invalid unified social credit code '%s': character %d is not a digit or an upper-case letter other than I, O, S, V, Z"),
		    s, r->position);
	case USCC_CITIZEN_ID:
		return xasprintf(_("invalid unified social credit code '%s': this is a citizen ID number, not a code of an enterprise"),
		    s);
	case USCC_BAD_AUTHORITY:
		return xasprintf(_("invalid unified social credit code '%s': '%c' is no registration authority"),
		    s, s[0]);
	case USCC_BAD_TYPE:
		return xasprintf(_("invalid unified social credit code '%s': '%c' is no organization type of registration authority '%c'"),
		    s, s[1], s[0]);
	case USCC_UNKNOWN_DIVISION:
		return xasprintf(_("invalid unified social credit code '%s': unknown division code '%.6s'"),
		    s, s + 2);
	case USCC_BAD_ORG_CHECK:
		return xasprintf(_("invalid unified social credit code '%s': organization code check character should be '%c'"),
		    s, r->expected);
	case USCC_BAD_CHECK:
		return xasprintf(_("invalid unified social credit code '%s': check character should be '%c'"),
		    s, r->expected);
	}
	return xasprintf(_("valid unified social credit code '%s'"), s);
}

char *
uscc_reason(const char *s, const struct uscc_result *r)
{
	switch (r->status) {
	case USCC_VALID:
		break;
	case USCC_BAD_LENGTH:
		return xasprintf("统一社会信用代码'%s'无效：应为18位，实为%zu字节",
		    s, strlen(s));
	case USCC_BAD_CHARACTER:
		return xasprintf("统一社会信用代码'%s'无效：第%d位不是数字或大写字母（不含I、O、S、V、Z）",
		    s, r->position);
	case USCC_CITIZEN_ID:
		return xasprintf("统一社会信用代码'%s'无效：这是公民身份号码，不是企业的代码",
		    s);
	case USCC_BAD_AUTHORITY:
		return xasprintf("统一社会信用代码'%s'无效：第1位'%c'不是登记管理部门代码",
		    s, s[0]);
	case USCC_BAD_TYPE:
		return xasprintf("统一社会信用代码'%s'无效：第2位'%c'不是登记管理部门'%c'的机构类别代码",
		    s, s[1], s[0]);
	case USCC_UNKNOWN_DIVISION:
		return xasprintf("统一社会信用代码'%s'无效：第3-8位'%.6s'不是已知的行政区划代码",
		    s, s + 2);
	case USCC_BAD_ORG_CHECK:
		return xasprintf("统一社会信用代码'%s'无效：第17位（组织机构代码校验码）应为'%c'",
		    s, r->expected);
	case USCC_BAD_CHECK:
		return xasprintf("统一社会信用代码'%s'无效：校验码应为'%c'",
		    s, r->expected);
	}
	return xasprintf("统一社会信用代码'%s'有效", s);
}

struct uscc_allow {
	char (*codes)[USCC_LEN + 1];	/* sorted */
	size_t ncodes;
};

static int
compare_codes(const void *a, const void *b)
{
	return strcmp(a, b);
}

struct uscc_allow *
uscc_allow_load(const char *path, const struct division_table *divisions)
{
	struct uscc_allow *allow = xcalloc(1, sizeof(*allow));
	struct csv_reader *reader;
	struct csv_record *row;
	struct uscc_result result;
	long column;
	size_t cap = 0;

	reader = csv_reader_open(path, NULL, CSV_ENCODING_UTF8);
	if (!csv_reader_next(reader, &row))
		die_at(path, 1, _("missing header"));
	column = csv_column(row, "uscc");
	if (column < 0)
		die_at(path, 1, _("missing column '%s'"), "uscc");
	while (csv_reader_next(reader, &row)) {
		const char *code;

		if ((size_t)column >= row->nfields)
			die_at(path, row->line,
			    _("row has %zu fields, fewer than the header"),
			    row->nfields);
		code = row->fields[column];
		uscc_validate(code, divisions, &result);
		if (result.status == USCC_VALID)
			die_at(path, row->line,
			    _("allow-listed code '%s' is valid: remove it from the list"),
			    code);
		if (result.status != USCC_BAD_CHECK) {
			char *message = uscc_message(code, &result);

			die_at(path, row->line,
			    _("%s; the allow-list accepts only codes whose final check character is wrong"),
			    message);
		}
		if (allow->ncodes == cap) {
			cap = cap * 2 + 16;
			allow->codes = xreallocarray(allow->codes, cap,
			    sizeof(*allow->codes));
		}
		memcpy(allow->codes[allow->ncodes++], code, USCC_LEN + 1);
	}
	csv_reader_close(reader);
	if (allow->ncodes > 0)
		qsort(allow->codes, allow->ncodes, sizeof(*allow->codes),
		    compare_codes);
	return allow;
}

int
uscc_allow_has(const struct uscc_allow *allow, const char *code)
{
	if (allow == NULL || allow->ncodes == 0 || strlen(code) != USCC_LEN)
		return 0;
	return bsearch(code, allow->codes, allow->ncodes,
	    sizeof(*allow->codes), compare_codes) != NULL;
}

void
uscc_allow_free(struct uscc_allow *allow)
{
	if (allow == NULL)
		return;
	free(allow->codes);
	free(allow);
}
