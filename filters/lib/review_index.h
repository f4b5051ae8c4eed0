/*
 * A string-keyed hash table for pfe-review, so that finding an earlier
 * row, decision or application by its key takes constant time on average
 * and a run stays linear in the number of rows.
 */
#ifndef PFE_REVIEW_INDEX_H
#define PFE_REVIEW_INDEX_H

#include <stddef.h>

struct review_index_slot {
	char *key;		/* owned copy; NULL for an empty slot */
	size_t value;
};

struct review_index {
	struct review_index_slot *slots;
	size_t capacity;	/* a power of two, or 0 before the first
				   insertion */
	size_t count;
};

/*
 * Return the value stored under KEY, inserting VALUE first when KEY is
 * absent. Sets *FOUND to 1 when KEY was already there, else 0. The
 * pointer is valid until the next insertion.
 */
size_t *review_index_put(struct review_index *index, const char *key,
    size_t value, int *found);

/* Return the value stored under KEY, or NULL when there is none. */
size_t *review_index_get(const struct review_index *index, const char *key);

/* Free the keys and slots of INDEX and leave it empty. */
void review_index_free(struct review_index *index);

/*
 * Return a newly allocated key made of the N strings in PARTS joined by
 * the unit separator (0x1F). NOTE: parts are not escaped, so parts that
 * contain 0x1F themselves could give two different tuples one key.
 */
char *review_index_key(size_t n, const char *const *parts);

/*
 * Elements 0 to N-1 grouped by a string key, so that the members of one
 * group can be walked in element order without scanning every element.
 */
struct review_groups {
	struct review_index starts;	/* key -> first position in order */
	char **keys;		/* owned, in the order below */
	size_t *order;		/* element numbers sorted by key, then
				   element number */
	size_t n;		/* elements with a key */
};

/*
 * Group the N elements by KEYS[i], a newly allocated string that GROUPS
 * takes over, or NULL to leave element i out.
 */
void review_groups_build(struct review_groups *groups, char **keys,
    size_t n);

/*
 * Return the position in GROUPS->order of the first element whose key is
 * KEY, or GROUPS->n when there is none. The members follow it while
 * GROUPS->keys[position] equals KEY.
 */
size_t review_groups_first(const struct review_groups *groups,
    const char *key);

/* Return 1 when position P of GROUPS still belongs to the group KEY. */
int review_groups_in(const struct review_groups *groups, size_t p,
    const char *key);

void review_groups_free(struct review_groups *groups);

#endif
