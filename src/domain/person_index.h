/*
 * person_index.h - the in-memory person search index the server keeps.
 *
 * Holds, per person, the folded name tokens, personal code, birth date and
 * departments, and answers search-as-you-type name queries, personal-code
 * prefix queries and duplicate checks without touching the database.
 * Sized for a million persons (about 200 bytes each, see
 * person_index_memory).
 *
 * Thread-safety: one struct person_index may be used from any number of
 * threads at once. Searches, duplicate checks, count and memory take a
 * shared lock; put and remove take it exclusively. There is no global
 * state. The caller owns the index (person_index_new / person_index_free).
 */
#ifndef PAGALBA_DOMAIN_PERSON_INDEX_H
#define PAGALBA_DOMAIN_PERSON_INDEX_H

#include <stddef.h>
#include <stdint.h>

struct person_index;

struct person_index_entry {
	int64_t id;              /* nonzero; the person's database id */
	const char *given_names; /* UTF-8; NULL = none */
	const char *family_name; /* UTF-8; NULL = none */
	const char *code;        /* 11 digits, NULL or "" = none */
	int birth_date;          /* yyyymmdd, 0 = unknown */
	const int64_t *dept_ids; /* departments the person belongs to */
	size_t n_depts;
};

/* Limits enforced by person_index_put (ERR_TOO_LARGE beyond them). */
#define PERSON_INDEX_MAX_NAME 255  /* folded bytes per name field */
#define PERSON_INDEX_MAX_TOKENS 32 /* distinct name tokens per person */
#define PERSON_INDEX_MAX_DEPTS 1024

/* Returns a new empty index owned by the caller, or NULL if out of
 * memory. Thread-safe. */
struct person_index *person_index_new(void);

/* Frees the index and everything in it; NULL is a no-op. No other thread
 * may be using the index. */
void person_index_free(struct person_index *ix);

/*
 * Inserts the person, or replaces the one with the same id. Names are
 * folded with text_fold and split into tokens on spaces and hyphens; the
 * index copies everything it keeps, so the entry may be freed after the
 * call. Returns 0; ERR_INVALID for id 0, invalid UTF-8, a code that is not
 * 11 digits, a negative birth date or NULL dept_ids with n_depts > 0;
 * ERR_TOO_LARGE beyond the limits above; ERR_NOMEM. On error the index is
 * unchanged (a replaced person keeps its old data). Takes the write lock.
 */
int person_index_put(struct person_index *ix,
		     const struct person_index_entry *e);

/* Removes the person with this id. Returns 0 or ERR_NOT_FOUND. Takes the
 * write lock. */
int person_index_remove(struct person_index *ix, int64_t id);

/*
 * Searches. The query is folded and split into tokens (at most 8 are
 * used; a folded query longer than 255 bytes gives ERR_TOO_LARGE).
 *
 * A query of digits only (spaces ignored) is a personal-code prefix
 * search; results are ordered by code.
 *
 * Otherwise every query token must match some name token of the person:
 * exactly; as a prefix (the last query token at any length, other tokens
 * of 3 or more characters); or within edit distance (with adjacent
 * transposition) 1 for query tokens of 4-7 characters, 2 for 8-32. A
 * person's rank is the worst match any query token needs: all exact first,
 * then those needing a prefix, then those needing a typo match; within a
 * rank the order is that of text_collate_key("<family_name> <given_names>")
 * then id.
 *
 * scope_depts NULL means no restriction; otherwise only persons sharing at
 * least one department with scope_depts[0..n_scope) are returned. Writes
 * up to limit ids to out_ids (caller-owned, may be NULL if limit is 0) and
 * their number to *n_out. Returns 0, ERR_INVALID (NULL arguments or invalid
 * UTF-8), ERR_TOO_LARGE or ERR_NOMEM. Takes the read lock.
 */
int person_index_search(struct person_index *ix, const char *query,
			const int64_t *scope_depts, size_t n_scope,
			size_t limit, int64_t *out_ids, size_t *n_out);

/*
 * Finds persons likely to be the same human as candidate:
 *   score 100: the same personal code;
 *   score 60..90: the same (known) birth date, folded family name within
 *     edit distance 2 and some given-name token within 2; 90 minus 7.5
 *     points per unit of the summed distances;
 *   score 50: the same folded family and given names where either birth
 *     date is unknown.
 * A person matching several rules gets the highest score. candidate->id,
 * if nonzero, is excluded. Results are sorted by score descending, then
 * id; up to limit are written to out_ids / out_scores (caller-owned).
 * Returns 0, ERR_INVALID or ERR_NOMEM. Takes the read lock.
 */
int person_index_find_duplicates(struct person_index *ix,
				 const struct person_index_entry *candidate,
				 size_t limit, int64_t *out_ids,
				 int *out_scores, size_t *n_out);

/* Number of persons in the index (0 for NULL). Takes the read lock. */
size_t person_index_count(struct person_index *ix);

/* Approximate bytes allocated by the index (0 for NULL). Takes the read
 * lock. */
size_t person_index_memory(struct person_index *ix);

/*
 * Sorts everything that puts left unsorted. Optional: searches sort what
 * they need lazily, but calling this after a bulk load keeps the first
 * searches fast. Returns 0 or ERR_NOMEM. Takes the read lock.
 */
int person_index_prepare(struct person_index *ix);

#endif
