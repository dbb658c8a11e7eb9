/* Unit tests of the pure rules of person parts and shares: share
 * validation (parts, legal basis, purpose, the one-year limit), inverse
 * relation kinds, overlapping group periods, coordinates and texts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "domain/person.h"
#include "domain/person_parts.h"
#include "domain/share.h"

static const char *field_key(const struct field_errors *fe, const char *field)
{
	for (int i = 0; i < fe->n; i++)
		if (!strcmp(fe->e[i].field, field))
			return fe->e[i].key;
	return NULL;
}

static struct share_input good_share(void)
{
	struct share_input in = {
		.institution_id = 3,
		.parts = SHARE_PART_IDENTITY | SHARE_PART_CONTACTS,
		.legal_basis = "art6_1e",
		.purpose = "Vaiko lankomumo stebėsena",
		.valid_until = 20270101,
	};
	return in;
}

static void share_accepts_a_good_request(void **state)
{
	struct field_errors fe = {0};
	struct share_input in = good_share();
	(void)state;
	assert_int_equal(share_validate(&in, 20261123, &fe), 0);
	assert_int_equal(fe.n, 0);
	/* Today itself and exactly one year ahead are both allowed. */
	in.valid_until = 20261123;
	assert_int_equal(share_validate(&in, 20261123, &fe), 0);
	in.valid_until = 20271123;
	assert_int_equal(share_validate(&in, 20261123, &fe), 0);
}

static void share_refuses_each_broken_rule(void **state)
{
	(void)state;
	struct field_errors fe;
	struct share_input in;

#define EXPECT(stmt, field, key)                                              \
	do {                                                                   \
		memset(&fe, 0, sizeof(fe));                                    \
		in = good_share();                                             \
		stmt;                                                          \
		assert_int_equal(share_validate(&in, 20261123, &fe), ERR_INVALID); \
		assert_non_null(field_key(&fe, field));                        \
		assert_string_equal(field_key(&fe, field), key);               \
	} while (0)

	EXPECT(in.parts = 0, "parts", "share.parts");
	EXPECT(in.legal_basis = "because", "legal_basis", "enum");
	EXPECT(in.legal_basis = NULL, "legal_basis", "required");
	EXPECT(in.purpose = NULL, "purpose", "required");
	EXPECT(in.purpose = "   ", "purpose", "string.empty");
	EXPECT(in.valid_until = 20261122, "valid_until", "share.past");
	EXPECT(in.valid_until = 20271124, "valid_until", "share.too_far");
	EXPECT(in.valid_until = 0, "valid_until", "required");
	EXPECT(in.institution_id = 0, "institution_id", "required");
#undef EXPECT

	/* 500 characters of two bytes each are fine; 501 are not. */
	char purpose[1100];
	memset(&fe, 0, sizeof(fe));
	in = good_share();
	purpose[0] = '\0';
	for (int i = 0; i < 500; i++)
		strcat(purpose, "ž");
	in.purpose = purpose;
	assert_int_equal(share_validate(&in, 20261123, &fe), 0);
	strcat(purpose, "ž");
	assert_int_equal(share_validate(&in, 20261123, &fe), ERR_INVALID);
	assert_string_equal(field_key(&fe, "purpose"), "string.too_long");
}

static void share_limit_is_one_year(void **state)
{
	(void)state;
	assert_int_equal(SHARE_VALID_MAX_YEARS, 1);
	assert_int_equal(share_valid_until_max(20261123), 20271123);
	assert_int_equal(share_valid_until_max(20280229), 20290228);
	assert_int_equal(share_valid_until_max(20271231), 20281231);
}

static void share_parts_and_bases(void **state)
{
	unsigned parts = 0;
	char csv[128];
	(void)state;
	const char *ok[] = {"contacts", "identity", "notes"};
	assert_int_equal(share_parts_from_names(ok, 3, &parts), 0);
	assert_int_equal(parts, SHARE_PART_IDENTITY | SHARE_PART_CONTACTS | SHARE_PART_NOTES);
	share_parts_format(parts, csv, sizeof(csv));
	assert_string_equal(csv, "identity,contacts,notes");
	assert_int_equal(share_parts_parse(csv), parts);
	const char *unknown[] = {"identity", "health"};
	assert_int_equal(share_parts_from_names(unknown, 2, &parts), ERR_INVALID);
	const char *smuggled[] = {"identity,code"};
	assert_int_equal(share_parts_from_names(smuggled, 1, &parts), ERR_INVALID);
	const char *empty[] = {""};
	assert_int_equal(share_parts_from_names(empty, 1, &parts), ERR_INVALID);
	assert_int_equal(share_parts_from_names(NULL, 0, &parts), ERR_INVALID);

	int n = 0;
	for (const char *const *b = share_legal_bases(); *b; b++, n++)
		assert_true(share_legal_basis_valid(*b));
	assert_int_equal(n, 6);
	assert_false(share_legal_basis_valid("Consent"));
	assert_false(share_legal_basis_valid(NULL));
}

static void share_reason_keeps_the_legal_basis(void **state)
{
	char out[160], purpose[600];
	(void)state;
	share_reason("Lankomumas", "consent", out, sizeof(out));
	assert_string_equal(out, "Lankomumas; consent");
	purpose[0] = '\0';
	for (int i = 0; i < 250; i++)
		strcat(purpose, "ą");
	share_reason(purpose, "court_order", out, sizeof(out));
	assert_true(strlen(out) < sizeof(out));
	size_t n = strlen(out);
	assert_string_equal(out + n - strlen("; court_order"), "; court_order");
	/* Not cut inside a two-byte letter. */
	assert_true(((n - strlen("; court_order")) % 2) == 0);
}

static void relations_have_inverses(void **state)
{
	static const char *const pairs[][2] = {
		{"parent", "child"}, {"child", "parent"}, {"spouse", "spouse"},
		{"partner", "partner"}, {"sibling", "sibling"}, {"guardian", "ward"},
		{"ward", "guardian"}, {"grandparent", "grandchild"},
		{"grandchild", "grandparent"}, {"other", "other"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		assert_string_equal(relation_inverse(pairs[i][0]), pairs[i][1]);
		/* The inverse of the inverse is where we started. */
		assert_string_equal(relation_inverse(relation_inverse(pairs[i][0])), pairs[i][0]);
	}
	assert_null(relation_inverse("cousin"));
	assert_null(relation_inverse(NULL));
	assert_null(relation_inverse("Parent"));
}

static void group_periods(void **state)
{
	(void)state;
	/* Disjoint. */
	assert_false(group_periods_overlap(20240101, 20240630, 20240701, 20241231));
	assert_false(group_periods_overlap(20240701, 0, 20240101, 20240630));
	/* Sharing one day is an overlap: both ends are inclusive. */
	assert_true(group_periods_overlap(20240101, 20240701, 20240701, 20241231));
	/* Open-ended periods reach every later period. */
	assert_true(group_periods_overlap(20240101, 0, 20300101, 20300102));
	assert_true(group_periods_overlap(20240101, 0, 20200101, 0));
	assert_false(group_periods_overlap(20240101, 0, 20200101, 20231231));
	/* Containment, both ways. */
	assert_true(group_periods_overlap(20240101, 20241231, 20240301, 20240401));
	assert_true(group_periods_overlap(20240301, 20240401, 20240101, 20241231));
}

static void addresses_and_texts(void **state)
{
	struct field_errors fe = {0};
	int64_t e6;
	(void)state;
	assert_int_equal(coordinate_to_e6(55.497652, 90, &e6), 0);
	assert_int_equal(e6, 55497652);
	assert_int_equal(coordinate_to_e6(-25.5, 180, &e6), 0);
	assert_int_equal(e6, -25500000);
	assert_int_equal(coordinate_to_e6(90.000001, 90, &e6), ERR_INVALID);
	assert_int_equal(coordinate_to_e6(0.0 / 0.0, 90, &e6), ERR_INVALID);

	struct address_input a = {
		.kind = "residence", .line = "Aušros g. 1", .city = "Utena",
		.postal_code = "LT-28100", .has_coords = 1, .lat = 55.5, .lon = 25.6,
		.valid_from = 20240101, .valid_to = 20250101,
	};
	assert_int_equal(address_validate(&a, 1, &fe), 0);
	a.kind = "office";
	a.city = NULL;
	a.postal_code = "28-100";
	a.lon = 181;
	a.valid_to = 20231231;
	assert_int_equal(address_validate(&a, 1, &fe), ERR_INVALID);
	assert_string_equal(field_key(&fe, "kind"), "enum");
	assert_string_equal(field_key(&fe, "city"), "required");
	assert_string_equal(field_key(&fe, "postal_code"), "address.postal_code");
	assert_string_equal(field_key(&fe, "lon"), "coordinates");
	assert_string_equal(field_key(&fe, "valid_to"), "date.order");
	assert_null(field_key(&fe, "lat"));

	assert_null(text_check("Pirma eilutė\nantra", 100, 1));
	assert_string_equal(text_check("Pirma\nantra", 100, 0), "invalid");
	assert_string_equal(text_check(" \n ", 100, 1), "string.empty");
	assert_string_equal(text_check("ąčę", 2, 1), "string.too_long");
	assert_null(text_check("ąčę", 3, 1));
	assert_int_equal(text_chars("Žilionytė"), 9);
}

static void households(void **state)
{
	struct field_errors fe = {0};
	(void)state;
	struct household_member_input ok[] = {{1, "head"}, {2, "member"}, {3, "member"}};
	assert_int_equal(household_validate("Petraičių šeima", ok, 3, &fe), 0);
	struct household_member_input two_heads[] = {{1, "head"}, {2, "head"}};
	assert_int_equal(household_validate("X", two_heads, 2, &fe), ERR_INVALID);
	assert_string_equal(field_key(&fe, "members"), "household.heads");
	memset(&fe, 0, sizeof(fe));
	struct household_member_input dup[] = {{1, "head"}, {1, "member"}};
	assert_int_equal(household_validate("X", dup, 2, &fe), ERR_INVALID);
	assert_string_equal(field_key(&fe, "members"), "household.duplicate");
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(household_validate("X", NULL, 0, &fe), ERR_INVALID);
	assert_string_equal(field_key(&fe, "members"), "household.members");
	memset(&fe, 0, sizeof(fe));
	struct household_member_input bad_role[] = {{1, "boss"}};
	assert_int_equal(household_validate("", bad_role, 1, &fe), ERR_INVALID);
	assert_string_equal(field_key(&fe, "members"), "household.role");
	assert_string_equal(field_key(&fe, "name"), "string.empty");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(share_accepts_a_good_request),
		cmocka_unit_test(share_refuses_each_broken_rule),
		cmocka_unit_test(share_limit_is_one_year),
		cmocka_unit_test(share_parts_and_bases),
		cmocka_unit_test(share_reason_keeps_the_legal_basis),
		cmocka_unit_test(relations_have_inverses),
		cmocka_unit_test(group_periods),
		cmocka_unit_test(addresses_and_texts),
		cmocka_unit_test(households),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	size_t n = sizeof(tests) / sizeof(tests[0]);
	printf("%zu passed, %d failed\n", n - (size_t)failed, failed);
	return failed ? 1 : 0;
}
