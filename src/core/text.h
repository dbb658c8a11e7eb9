/*
 * text.h - UTF-8 validation and Lithuanian-aware text folding, collation
 * and edit distance.
 *
 * Everything here is pure: no allocation that outlives a call, no global
 * state, safe to call from any number of threads at once.
 *
 * Folding turns a name into the ASCII form search compares ("Žilionytė" ->
 * "zilionyte"). Collation keys turn a name into a printable-ASCII string
 * whose byte order is Lithuanian alphabetical order (CLDR "lt"), so the
 * database can ORDER BY a key column with binary collation.
 */
#ifndef PAGALBA_CORE_TEXT_H
#define PAGALBA_CORE_TEXT_H

#include <stddef.h>

/*
 * Returns 1 if the len bytes at s are well-formed UTF-8, else 0.
 * Rejects overlong forms, UTF-16 surrogates (U+D800..U+DFFF), code points
 * above U+10FFFF, truncated sequences and NUL bytes. s may be NULL only
 * when len is 0 (an empty string is valid). Thread-safe.
 */
int utf8_valid(const char *s, size_t len);

/*
 * Folds the NUL-terminated UTF-8 string in for search: lowercases, strips
 * diacritics (all Lithuanian letters, Latin-1 and Latin Extended-A letters;
 * ß -> "ss", æ -> "ae", œ -> "oe", þ -> "th", ĳ -> "ij"), drops combining
 * marks U+0300..U+036F (so decomposed input folds like composed input),
 * turns every run of whitespace, punctuation, hyphens, symbols and letters
 * of other scripts into one space, and trims.
 *
 * Writes NUL-terminated ASCII (only [a-z0-9 ]) to out, which the caller
 * owns and which holds cap bytes. Returns the output length (without the
 * NUL), ERR_INVALID if in is NULL or not valid UTF-8 (out is then set to ""
 * when cap > 0), ERR_TOO_LARGE if out cannot hold the result (out is then
 * unspecified but NUL-terminated when cap > 0). The output is never longer
 * than 2 * strlen(in). Thread-safe.
 */
int text_fold(const char *in, char *out, size_t cap);

/*
 * Writes to out a collation key for the NUL-terminated UTF-8 string in:
 * printable ASCII (0x21..0x7E, no NUL inside), NUL-terminated, such that
 * strcmp/memcmp order of keys is Lithuanian alphabetical order:
 *   A Ą B C Č D E Ę Ė F G H I Į Y J K L M N O P (Q) R S Š T U Ų Ū V (W X) Z Ž
 * Č, Š and Ž are letters of their own (primary level); Ą Ę Ė Į Ų Ū, Y
 * (after I and Į) and foreign accented letters differ from their base
 * letter only at the secondary level; lowercase sorts before uppercase at
 * the tertiary level. Runs of whitespace/punctuation count as one space,
 * which sorts before digits, which sort before letters; characters of other
 * scripts sort after all letters, by code point. Combining marks are
 * ignored. Strings that differ only in punctuation kind may get equal keys.
 *
 * A key is at most 4 * strlen(in) + 3 bytes plus the NUL. Returns the key
 * length, ERR_INVALID if in is NULL or not valid UTF-8, ERR_TOO_LARGE if
 * cap is too small. Thread-safe.
 */
int text_collate_key(const char *in, char *out, size_t cap);

/*
 * Compares two NUL-terminated UTF-8 strings in Lithuanian order (the order
 * of their text_collate_key keys); equal keys are broken by strcmp so the
 * order is total. Invalid UTF-8 sorts after valid strings. NULL sorts
 * first. Returns <0, 0 or >0. May allocate temporarily for long strings;
 * if that fails it falls back to strcmp. Thread-safe.
 */
int text_collate_cmp(const char *a, const char *b);

/*
 * Returns the optimal-string-alignment distance (Levenshtein plus adjacent
 * transposition) between the byte strings a[0..alen) and b[0..blen),
 * comparing bytes, so callers pass folded ASCII. Returns cap + 1 as soon as
 * the distance is known to exceed cap (cheap for small caps). Strings
 * longer than 128 bytes are compared only if a temporary allocation
 * succeeds, else cap + 1 is returned. Thread-safe.
 */
size_t text_edit_distance_capped(const char *a, size_t alen, const char *b,
				 size_t blen, size_t cap);

/* 1 if s has an ASCII control character (below 0x20, or DEL). */
int text_has_control(const char *s);
/* Shape checks for contact data (not deliverability): an e-mail address
 * local@domain.tld without spaces, at most 254 bytes; a phone number of
 * 5-15 digits with spaces, dashes, brackets and one leading '+'. NULL is
 * not valid. */
int text_is_email(const char *s);
int text_is_phone(const char *s);

/*
 * Returns the largest length <= max at which the NUL-terminated UTF-8
 * string s can be cut without splitting a character. Thread-safe.
 */
size_t utf8_cut(const char *s, size_t max);

/* Copies s into out (cap bytes) like snprintf("%s"), but never splits a
 * UTF-8 character. */
void utf8_copy(char *out, size_t cap, const char *s);

#endif
