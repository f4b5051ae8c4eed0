/*
 * A string-keyed hash table with open addressing and linear probing,
 * hashed with 64-bit FNV-1a, doubled when it becomes half full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pfe.h"
#include "review_index.h"

static uint64_t
hash_key(const char *key)
{
	uint64_t hash = 14695981039346656037ULL;

	for (; *key != '\0'; key++) {
		hash ^= (unsigned char)*key;
		hash *= 1099511628211ULL;
	}
	return hash;
}

/* Return the slot of KEY, or the empty slot where it would go. */
static struct review_index_slot *
find_slot(const struct review_index *index, const char *key)
{
	size_t mask = index->capacity - 1;
	size_t i = (size_t)hash_key(key) & mask;

	while (index->slots[i].key != NULL &&
	    strcmp(index->slots[i].key, key) != 0)
		i = (i + 1) & mask;
	return &index->slots[i];
}

static void
grow(struct review_index *index)
{
	struct review_index old = *index;
	size_t i;

	index->capacity = old.capacity == 0 ? 64 : old.capacity * 2;
	index->slots = xcalloc(index->capacity, sizeof(*index->slots));
	for (i = 0; i < old.capacity; i++)
		if (old.slots[i].key != NULL)
			*find_slot(index, old.slots[i].key) = old.slots[i];
	free(old.slots);
}

size_t *
review_index_put(struct review_index *index, const char *key, size_t value,
    int *found)
{
	struct review_index_slot *slot;

	if ((index->count + 1) * 2 > index->capacity)
		grow(index);
	slot = find_slot(index, key);
	*found = slot->key != NULL;
	if (!*found) {
		slot->key = xstrdup(key);
		slot->value = value;
		index->count++;
	}
	return &slot->value;
}

size_t *
review_index_get(const struct review_index *index, const char *key)
{
	struct review_index_slot *slot;

	if (index->capacity == 0)
		return NULL;
	slot = find_slot(index, key);
	return slot->key != NULL ? &slot->value : NULL;
}

void
review_index_free(struct review_index *index)
{
	size_t i;

	for (i = 0; i < index->capacity; i++)
		free(index->slots[i].key);
	free(index->slots);
	memset(index, 0, sizeof(*index));
}

char *
review_index_key(size_t n, const char *const *parts)
{
	size_t i, length = 1;
	char *key, *p;

	for (i = 0; i < n; i++)
		length += strlen(parts[i]) + 1;
	key = xmalloc(length);
	p = key;
	for (i = 0; i < n; i++) {
		size_t part = strlen(parts[i]);

		if (i > 0)
			*p++ = '\x1f';
		memcpy(p, parts[i], part);
		p += part;
	}
	*p = '\0';
	return key;
}

/* The element being sorted by review_groups_build, with its key. */
struct keyed_element {
	char *key;
	size_t element;
};

static int
compare_keyed(const void *a, const void *b)
{
	const struct keyed_element *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->element < y->element ? -1 : x->element > y->element;
}

void
review_groups_build(struct review_groups *groups, char **keys, size_t n)
{
	struct keyed_element *sorted = xcalloc(n + 1, sizeof(*sorted));
	size_t i, m = 0;
	int found;

	memset(groups, 0, sizeof(*groups));
	for (i = 0; i < n; i++) {
		if (keys[i] == NULL)
			continue;
		sorted[m].key = keys[i];
		sorted[m++].element = i;
	}
	if (m > 0)
		qsort(sorted, m, sizeof(*sorted), compare_keyed);
	groups->keys = xcalloc(m + 1, sizeof(*groups->keys));
	groups->order = xcalloc(m + 1, sizeof(*groups->order));
	groups->n = m;
	for (i = 0; i < m; i++) {
		groups->keys[i] = sorted[i].key;
		groups->order[i] = sorted[i].element;
		if (i == 0 || strcmp(sorted[i - 1].key, sorted[i].key) != 0)
			review_index_put(&groups->starts, sorted[i].key, i,
			    &found);
	}
	free(sorted);
}

size_t
review_groups_first(const struct review_groups *groups, const char *key)
{
	const size_t *start = review_index_get(&groups->starts, key);

	return start != NULL ? *start : groups->n;
}

int
review_groups_in(const struct review_groups *groups, size_t p,
    const char *key)
{
	return p < groups->n && strcmp(groups->keys[p], key) == 0;
}

void
review_groups_free(struct review_groups *groups)
{
	size_t i;

	for (i = 0; i < groups->n; i++)
		free(groups->keys[i]);
	free(groups->keys);
	free(groups->order);
	review_index_free(&groups->starts);
	memset(groups, 0, sizeof(*groups));
}
