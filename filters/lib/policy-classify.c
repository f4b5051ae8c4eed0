/*
 * Review modes: an item is automatic when everything it reads is
 * department data, semi-automatic when a value is declared with evidence,
 * manual when a condition needs a reviewer's judgement. Only the field
 * dictionary decides, never the item's id.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "policy-impl.h"

/* Append FIELD to FIELDS (of *N) unless it is there already. */
static void
add_field(const struct dict_field ***fields, size_t *n, size_t *cap,
    const struct dict_field *field)
{
	size_t i;

	if (field == NULL)
		return;
	for (i = 0; i < *n; i++)
		if ((*fields)[i] == field)
			return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*fields = xreallocarray(*fields, *cap, sizeof(**fields));
	}
	(*fields)[(*n)++] = field;
}

static void
cond_fields(const struct cond *c, const struct dict_field ***fields,
    size_t *n, size_t *cap)
{
	size_t i;

	add_field(fields, n, cap, c->ref.field);
	for (i = 0; i < c->nchildren; i++)
		cond_fields(c->children[i], fields, n, cap);
}

static void
award_fields(const struct award *a, const struct dict_field ***fields,
    size_t *n, size_t *cap)
{
	size_t i;

	add_field(fields, n, cap, a->ref.field);
	for (i = 0; i < a->ntiers; i++)
		award_fields(a->tiers[i].award, fields, n, cap);
	for (i = 0; i < a->nparts; i++)
		award_fields(a->parts[i], fields, n, cap);
}

enum policy_mode
policy_classify(const struct policy_item *item, const struct dictionary *dict,
    char ***reasons, size_t *nreasons)
{
	const struct item_rule *rule = item->impl;
	const struct dict_field **fields = NULL;
	size_t n = 0, cap = 0, i, nout = 0;
	enum policy_mode mode = POLICY_MODE_AUTOMATIC;
	char **out;

	(void)dict;
	for (i = 0; i < rule->nconditions; i++)
		cond_fields(rule->conditions[i], &fields, &n, &cap);
	if (rule->award != NULL)
		award_fields(rule->award, &fields, &n, &cap);

	out = xcalloc(n ? n : 1, sizeof(*out));
	for (i = 0; i < n; i++) {
		const struct dict_field *f = fields[i];

		if (f->authority == AUTHORITY_JUDGEMENT) {
			mode = POLICY_MODE_MANUAL;
			out[nout++] = xasprintf(
			    "%s需审核人员判断：如能改为由部门数据判定的标准，可改为自动审核",
			    f->label);
		} else if (f->authority == AUTHORITY_DECLARED) {
			if (mode == POLICY_MODE_AUTOMATIC)
				mode = POLICY_MODE_SEMI_AUTOMATIC;
			if (f->evidence != NULL)
				out[nout++] = xasprintf(
				    "%s由企业申报，需核验%s：如能从部门数据取得，可改为自动审核",
				    f->label, f->evidence);
			else
				out[nout++] = xasprintf(
				    "%s由企业申报：如能从部门数据取得，可改为自动审核",
				    f->label);
		}
	}
	free(fields);
	if (reasons != NULL) {
		*reasons = out;
		*nreasons = nout;
	} else {
		policy_free_reasons(out, nout);
	}
	return mode;
}

void
policy_free_reasons(char **reasons, size_t nreasons)
{
	size_t i;

	for (i = 0; i < nreasons; i++)
		free(reasons[i]);
	free(reasons);
}

const char *
policy_field_department(const struct dict_field *field)
{
	if (field->authority == AUTHORITY_DECLARED)
		return "企业申报";
	if (field->authority == AUTHORITY_JUDGEMENT)
		return "审核认定";
	if (field->source != NULL)
		return field->source->department;
	return "部门数据计算";
}
