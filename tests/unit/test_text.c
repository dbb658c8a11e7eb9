/*
 * test_text.c - unit tests for core/text.c: UTF-8 validation, folding,
 * Lithuanian collation keys and capped edit distance.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/err.h"
#include "core/text.h"

#define V(lit) utf8_valid(lit, sizeof(lit) - 1)

static void test_utf8_valid_accepts(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(NULL, 0), 1);
	assert_int_equal(V(""), 1);
	assert_int_equal(V("plain ascii"), 1);
	assert_int_equal(V("Žilionytė ąčęėįšųūž"), 1);
	assert_int_equal(V("\xC2\x80"), 1);         /* U+0080 */
	assert_int_equal(V("\xDF\xBF"), 1);         /* U+07FF */
	assert_int_equal(V("\xE0\xA0\x80"), 1);     /* U+0800 */
	assert_int_equal(V("\xED\x9F\xBF"), 1);     /* U+D7FF */
	assert_int_equal(V("\xEE\x80\x80"), 1);     /* U+E000 */
	assert_int_equal(V("\xEF\xBF\xBF"), 1);     /* U+FFFF */
	assert_int_equal(V("\xF0\x90\x80\x80"), 1); /* U+10000 */
	assert_int_equal(V("\xF4\x8F\xBF\xBF"), 1); /* U+10FFFF */
}

static void test_utf8_valid_rejects(void **state)
{
	(void)state;
	assert_int_equal(utf8_valid(NULL, 1), 0);
	assert_int_equal(V("a\0b"), 0);               /* NUL byte */
	assert_int_equal(V("\x80"), 0);               /* lone continuation */
	assert_int_equal(V("\xBF"), 0);
	assert_int_equal(V("\xC0\x80"), 0);           /* overlong NUL */
	assert_int_equal(V("\xC1\xBF"), 0);           /* overlong */
	assert_int_equal(V("\xE0\x9F\xBF"), 0);       /* overlong 3-byte */
	assert_int_equal(V("\xF0\x8F\xBF\xBF"), 0);   /* overlong 4-byte */
	assert_int_equal(V("\xED\xA0\x80"), 0);       /* U+D800 */
	assert_int_equal(V("\xED\xBF\xBF"), 0);       /* U+DFFF */
	assert_int_equal(V("\xF4\x90\x80\x80"), 0);   /* U+110000 */
	assert_int_equal(V("\xF5\x80\x80\x80"), 0);
	assert_int_equal(V("\xFF"), 0);
	assert_int_equal(V("\xC5"), 0);               /* truncated */
	assert_int_equal(V("\xE2\x82"), 0);           /* truncated */
	assert_int_equal(V("\xC5\x41"), 0);           /* bad continuation */
	assert_int_equal(V("ok\xF0\x9F\x98"), 0);     /* truncated at end */
	/* Valid prefix, the length cuts a sequence in half. */
	assert_int_equal(utf8_valid("\xC5\xBD", 1), 0);
}

static void check_fold(const char *in, const char *want)
{
	char out[128];
	int n = text_fold(in, out, sizeof out);
	assert_int_equal(n, (int)strlen(want));
	assert_string_equal(out, want);
}

static void test_fold_samples(void **state)
{
	(void)state;
	check_fold("Žilionytė", "zilionyte");
	check_fold("ĄČĘĖĮŠŲŪŽ ąčęėįšųūž", "aceeisuuz aceeisuuz");
	check_fold("  Jonas   Petraitis  ", "jonas petraitis");
	check_fold("Marija-Ona", "marija ona");
	check_fold("O'Brien", "o brien");
	check_fold("Müller Straße", "muller strasse");
	check_fold("Łukasz Wałęsa", "lukasz walesa");
	check_fold("Ñúñez Érdős Ø Æsa Œuvre", "nunez erdos o aesa oeuvre");
	check_fold("Ångström ÿ Ý ß", "angstrom y y ss");
	check_fold("Ștefan Țurcanu", "stefan turcanu");
	check_fold("--,;.!", "");
	check_fold("", "");
	check_fold("A1 b2\t\n c3", "a1 b2 c3");
	/* Decomposed input (Z + combining caron) folds like composed. */
	check_fold("Z\xCC\x8C" "emaite\xCC\x87", "zemaite");
	/* NBSP and en dash are separators; other scripts too. */
	check_fold("Ona\xC2\xA0Jonaitė\xE2\x80\x93Kazlauskienė",
		   "ona jonaite kazlauskiene");
	check_fold("Иван Petrov", "petrov");
	check_fold("ab\xE4\xB8\xAD" "cd", "ab cd");
}

static void test_fold_errors(void **state)
{
	char out[16];
	char tiny[4];
	(void)state;
	assert_int_equal(text_fold(NULL, out, sizeof out), ERR_INVALID);
	assert_int_equal(text_fold("a\xC0\x80", out, sizeof out), ERR_INVALID);
	assert_string_equal(out, "");
	assert_int_equal(text_fold("\xED\xA0\x80", out, sizeof out),
			 ERR_INVALID);
	/* "abc" needs 4 bytes. */
	assert_int_equal(text_fold("abc", tiny, 4), 3);
	assert_int_equal(text_fold("abcd", tiny, 4), ERR_TOO_LARGE);
	assert_int_equal(tiny[3], 0);
	assert_int_equal(text_fold("ab ß", tiny, 4), ERR_TOO_LARGE);
	assert_int_equal(text_fold("a", tiny, 0), ERR_TOO_LARGE);
	assert_int_equal(text_fold("", tiny, 1), 0);
	assert_int_equal(text_fold("ß", tiny, 2), ERR_TOO_LARGE);
	assert_int_equal(text_fold("ß", tiny, 3), 2);
	assert_string_equal(tiny, "ss");
}

static int key_is_printable(const char *k)
{
	for (; *k; k++)
		if ((unsigned char)*k < 0x21 || (unsigned char)*k > 0x7E)
			return 0;
	return 1;
}

static int cmp_keyed(const void *a, const void *b)
{
	char ka[256], kb[256];
	const char *sa = *(const char *const *)a;
	const char *sb = *(const char *const *)b;
	assert_true(text_collate_key(sa, ka, sizeof ka) > 0);
	assert_true(text_collate_key(sb, kb, sizeof kb) > 0);
	assert_true(key_is_printable(ka));
	assert_true(key_is_printable(kb));
	return strcmp(ka, kb);
}

static void check_sorted(const char *const *want, size_t n)
{
	const char **got = malloc(n * sizeof *got);
	assert_non_null(got);
	/* Reverse, then sort by key; must give the expected order back. */
	for (size_t i = 0; i < n; i++)
		got[i] = want[n - 1 - i];
	qsort(got, n, sizeof *got, cmp_keyed);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
	for (size_t i = 0; i + 1 < n; i++) {
		assert_true(text_collate_cmp(want[i], want[i + 1]) < 0);
		assert_true(text_collate_cmp(want[i + 1], want[i]) > 0);
	}
	free(got);
}

static void test_collate_alphabet(void **state)
{
	static const char *const alphabet[] = {
		"a", "ą", "b", "c", "č", "d", "e", "ę", "ė", "f", "g", "h",
		"i", "į", "y", "j", "k", "l", "m", "n", "o", "p", "r", "s",
		"š", "t", "u", "ų", "ū", "v", "z", "ž",
	};
	static const char *const upper[] = {
		"A", "Ą", "B", "C", "Č", "D", "E", "Ę", "Ė", "F", "G", "H",
		"I", "Į", "Y", "J", "K", "L", "M", "N", "O", "P", "R", "S",
		"Š", "T", "U", "Ų", "Ū", "V", "Z", "Ž",
	};
	(void)state;
	check_sorted(alphabet, sizeof alphabet / sizeof *alphabet);
	check_sorted(upper, sizeof upper / sizeof *upper);
}

static void test_collate_names(void **state)
{
	static const char *const names[] = {
		"Adomaitis",
		"Azuolas",
		"Azzuolas", /* Ž is after Z at the primary level */
		"Ažuolas",
		"Ąžuolas",  /* Ą differs from A only at the secondary level */
		"Butkus",
		"Cvirka",
		"Čiurlionis",
		"Dainius",
		"Ignas",
		"Įgnas",
		"Ygnas",
		"Igno",
		"Jonaitis",
		"Jonas",
		"Jonas Petraitis",
		"Jonas2",
		"Jonasas",
		"Sutkus",
		"Šarūnas",
		"Tamošiūnas",
		"Zujus",
		"Žukauskas",
		"Жуков", /* other scripts after all letters */
	};
	(void)state;
	check_sorted(names, sizeof names / sizeof *names);
}

static void test_collate_levels(void **state)
{
	static const char *const levels[] = {
		"jonas", "Jonas", "JONAS", "jonąs", "Jonąs",
	};
	char k[64];
	(void)state;
	check_sorted(levels, sizeof levels / sizeof *levels);
	/* Space before digits before letters at the primary level. */
	assert_true(text_collate_cmp("a b", "a1") < 0);
	assert_true(text_collate_cmp("a1", "ab") < 0);
	/* Prefix first. */
	assert_true(text_collate_cmp("Jon", "Jonas") < 0);
	assert_true(text_collate_cmp("", "a") < 0);
	/* Whitespace runs collapse, trimmed. */
	char k2[64];
	assert_true(text_collate_key("  jonas   jonaitis ", k, sizeof k) > 0);
	assert_true(text_collate_key("jonas jonaitis", k2, sizeof k2) > 0);
	assert_string_equal(k, k2);
	/* Folding equivalents have equal primaries: Ą vs A differ later. */
	assert_true(text_collate_key("ą", k, sizeof k) > 0);
	assert_true(text_collate_key("a", k2, sizeof k2) > 0);
	assert_int_equal(k[0], k2[0]);
	assert_string_not_equal(k, k2);
	/* Keys are NUL-free printable ASCII even for other scripts. */
	assert_true(text_collate_key("Ω\xF4\x8F\xBF\xBF日本", k, sizeof k) > 0);
	assert_true(key_is_printable(k));
	/* NULL and invalid handling in the comparison. */
	assert_true(text_collate_cmp(NULL, "a") < 0);
	assert_int_equal(text_collate_cmp(NULL, NULL), 0);
	assert_true(text_collate_cmp("\xFF", "z") > 0);
	assert_int_equal(text_collate_cmp("Jonas", "Jonas"), 0);
	/* Equal keys (different punctuation) still give a total order. */
	assert_true(text_collate_cmp("O'Brien", "O-Brien") != 0);
}

static void test_collate_errors(void **state)
{
	char k[8];
	char big[4096];
	(void)state;
	assert_int_equal(text_collate_key(NULL, k, sizeof k), ERR_INVALID);
	assert_int_equal(text_collate_key("\xC3", k, sizeof k), ERR_INVALID);
	assert_int_equal(text_collate_key("abcdefgh", k, sizeof k),
			 ERR_TOO_LARGE);
	assert_int_equal(k[0], 0);
	assert_int_equal(text_collate_key("", k, 0), ERR_TOO_LARGE);
	assert_int_equal(text_collate_key("", k, 3), 2); /* "!!" */
	assert_int_equal(text_collate_key("ab", k, 4), ERR_TOO_LARGE);
	assert_int_equal(text_collate_key("ab", k, 5), 4);
	assert_string_equal(k, "AB!!");
	assert_int_equal(text_collate_key("Ab", k, 8), 5);
	assert_string_equal(k, "AB!!1");
	/* The documented bound 4 * len + 3 always suffices. */
	const char *worst[] = { "ß", "Жж", "日本", "\xF0\x9F\x98\x80", "Æ a-b" };
	for (size_t i = 0; i < sizeof worst / sizeof *worst; i++) {
		size_t need = 4 * strlen(worst[i]) + 3 + 1;
		assert_true(text_collate_key(worst[i], big, need) >= 0);
	}
	/* Long input via the allocating path of text_collate_cmp. */
	char *l1 = malloc(2001), *l2 = malloc(2001);
	assert_non_null(l1);
	assert_non_null(l2);
	memset(l1, 'a', 2000);
	memset(l2, 'a', 2000);
	l1[2000] = l2[2000] = 0;
	l2[1999] = 'b';
	assert_true(text_collate_cmp(l1, l2) < 0);
	free(l1);
	free(l2);
}

#define ED(a, b, cap) \
	text_edit_distance_capped(a, strlen(a), b, strlen(b), cap)

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(ED("", "", 2), 0);
	assert_int_equal(ED("abc", "", 5), 3);
	assert_int_equal(ED("abc", "", 2), 3); /* cap + 1 */
	assert_int_equal(ED("jonas", "jonas", 0), 0);
	assert_int_equal(ED("jonas", "jonis", 2), 1);
	assert_int_equal(ED("jonas", "joans", 2), 1);   /* transposition */
	assert_int_equal(ED("jonas", "jnas", 2), 1);    /* deletion */
	assert_int_equal(ED("jonas", "jonass", 2), 1);  /* insertion */
	assert_int_equal(ED("zilinyte", "zilionyte", 2), 1);
	assert_int_equal(ED("jonaitis", "jonaityte", 3), 3);
	assert_int_equal(ED("jonaitis", "jonaityte", 2), 3);
	assert_int_equal(ED("kitten", "sitting", 5), 3);
	assert_int_equal(ED("ca", "abc", 5), 3); /* OSA, not full Damerau */
	assert_int_equal(ED("abcdef", "fedcba", 1), 2);
	assert_int_equal(ED("a", "b", 0), 1);
	assert_int_equal(ED("abcdefgh", "ab", 3), 4);
	/* Long strings take the allocating path. */
	char a[300], b[300];
	memset(a, 'x', 299);
	memset(b, 'x', 299);
	a[299] = b[299] = 0;
	b[150] = 'y';
	assert_int_equal(ED(a, b, 3), 1);
	b[10] = 'y';
	b[290] = 'y';
	assert_int_equal(ED(a, b, 2), 3);
	assert_int_equal(ED(a, b, 5), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_accepts),
		cmocka_unit_test(test_utf8_valid_rejects),
		cmocka_unit_test(test_fold_samples),
		cmocka_unit_test(test_fold_errors),
		cmocka_unit_test(test_collate_alphabet),
		cmocka_unit_test(test_collate_names),
		cmocka_unit_test(test_collate_levels),
		cmocka_unit_test(test_collate_errors),
		cmocka_unit_test(test_edit_distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
