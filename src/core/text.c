/*
 * text.c - UTF-8 validation, search folding, Lithuanian collation keys and
 * capped edit distance. See text.h for the contracts.
 *
 * One table describes every non-ASCII letter we understand (U+00C0..U+017F
 * plus a few Latin Extended-B letters): its ASCII base letters, the
 * secondary (accent) class used by collation, and whether it is uppercase.
 * Folding uses only the base letters; collation uses all three.
 */
#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

struct letter {
	char base[3]; /* ASCII lowercase base letters; "" = not a letter */
	char sec;     /* secondary weight class, '0' = plain */
	char upper;   /* 1 if uppercase */
};

/* Secondary classes: '1' ogonek, '2' dot above, '3' macron, '4' acute,
 * '5' grave, '6' circumflex, '7' diaeresis, '8' tilde, '9' ring,
 * ':' caron, ';' cedilla / comma below, '<' breve, '=' double acute,
 * '>' stroke or ligature, '?' plain y, '@' ý, 'A' ÿ, 'B' ŷ. Y is a
 * secondary variant of I in Lithuanian and sorts after Į. Generated from
 * Unicode decompositions (python unicodedata) and checked by hand. */
static const struct letter latin_table[0x180 - 0xC0] = {
	{"a", '5', 1}, /* U+00C0 À */
	{"a", '4', 1}, /* U+00C1 Á */
	{"a", '6', 1}, /* U+00C2 Â */
	{"a", '8', 1}, /* U+00C3 Ã */
	{"a", '7', 1}, /* U+00C4 Ä */
	{"a", '9', 1}, /* U+00C5 Å */
	{"ae", '>', 1}, /* U+00C6 Æ */
	{"c", ';', 1}, /* U+00C7 Ç */
	{"e", '5', 1}, /* U+00C8 È */
	{"e", '4', 1}, /* U+00C9 É */
	{"e", '6', 1}, /* U+00CA Ê */
	{"e", '7', 1}, /* U+00CB Ë */
	{"i", '5', 1}, /* U+00CC Ì */
	{"i", '4', 1}, /* U+00CD Í */
	{"i", '6', 1}, /* U+00CE Î */
	{"i", '7', 1}, /* U+00CF Ï */
	{"d", '>', 1}, /* U+00D0 Ð */
	{"n", '8', 1}, /* U+00D1 Ñ */
	{"o", '5', 1}, /* U+00D2 Ò */
	{"o", '4', 1}, /* U+00D3 Ó */
	{"o", '6', 1}, /* U+00D4 Ô */
	{"o", '8', 1}, /* U+00D5 Õ */
	{"o", '7', 1}, /* U+00D6 Ö */
	{"", 0, 0}, /* U+00D7 × */
	{"o", '>', 1}, /* U+00D8 Ø */
	{"u", '5', 1}, /* U+00D9 Ù */
	{"u", '4', 1}, /* U+00DA Ú */
	{"u", '6', 1}, /* U+00DB Û */
	{"u", '7', 1}, /* U+00DC Ü */
	{"y", '@', 1}, /* U+00DD Ý */
	{"th", '>', 1}, /* U+00DE Þ */
	{"ss", '>', 0}, /* U+00DF ß */
	{"a", '5', 0}, /* U+00E0 à */
	{"a", '4', 0}, /* U+00E1 á */
	{"a", '6', 0}, /* U+00E2 â */
	{"a", '8', 0}, /* U+00E3 ã */
	{"a", '7', 0}, /* U+00E4 ä */
	{"a", '9', 0}, /* U+00E5 å */
	{"ae", '>', 0}, /* U+00E6 æ */
	{"c", ';', 0}, /* U+00E7 ç */
	{"e", '5', 0}, /* U+00E8 è */
	{"e", '4', 0}, /* U+00E9 é */
	{"e", '6', 0}, /* U+00EA ê */
	{"e", '7', 0}, /* U+00EB ë */
	{"i", '5', 0}, /* U+00EC ì */
	{"i", '4', 0}, /* U+00ED í */
	{"i", '6', 0}, /* U+00EE î */
	{"i", '7', 0}, /* U+00EF ï */
	{"d", '>', 0}, /* U+00F0 ð */
	{"n", '8', 0}, /* U+00F1 ñ */
	{"o", '5', 0}, /* U+00F2 ò */
	{"o", '4', 0}, /* U+00F3 ó */
	{"o", '6', 0}, /* U+00F4 ô */
	{"o", '8', 0}, /* U+00F5 õ */
	{"o", '7', 0}, /* U+00F6 ö */
	{"", 0, 0}, /* U+00F7 ÷ */
	{"o", '>', 0}, /* U+00F8 ø */
	{"u", '5', 0}, /* U+00F9 ù */
	{"u", '4', 0}, /* U+00FA ú */
	{"u", '6', 0}, /* U+00FB û */
	{"u", '7', 0}, /* U+00FC ü */
	{"y", '@', 0}, /* U+00FD ý */
	{"th", '>', 0}, /* U+00FE þ */
	{"y", 'A', 0}, /* U+00FF ÿ */
	{"a", '3', 1}, /* U+0100 Ā */
	{"a", '3', 0}, /* U+0101 ā */
	{"a", '<', 1}, /* U+0102 Ă */
	{"a", '<', 0}, /* U+0103 ă */
	{"a", '1', 1}, /* U+0104 Ą */
	{"a", '1', 0}, /* U+0105 ą */
	{"c", '4', 1}, /* U+0106 Ć */
	{"c", '4', 0}, /* U+0107 ć */
	{"c", '6', 1}, /* U+0108 Ĉ */
	{"c", '6', 0}, /* U+0109 ĉ */
	{"c", '2', 1}, /* U+010A Ċ */
	{"c", '2', 0}, /* U+010B ċ */
	{"c", ':', 1}, /* U+010C Č */
	{"c", ':', 0}, /* U+010D č */
	{"d", ':', 1}, /* U+010E Ď */
	{"d", ':', 0}, /* U+010F ď */
	{"d", '>', 1}, /* U+0110 Đ */
	{"d", '>', 0}, /* U+0111 đ */
	{"e", '3', 1}, /* U+0112 Ē */
	{"e", '3', 0}, /* U+0113 ē */
	{"e", '<', 1}, /* U+0114 Ĕ */
	{"e", '<', 0}, /* U+0115 ĕ */
	{"e", '2', 1}, /* U+0116 Ė */
	{"e", '2', 0}, /* U+0117 ė */
	{"e", '1', 1}, /* U+0118 Ę */
	{"e", '1', 0}, /* U+0119 ę */
	{"e", ':', 1}, /* U+011A Ě */
	{"e", ':', 0}, /* U+011B ě */
	{"g", '6', 1}, /* U+011C Ĝ */
	{"g", '6', 0}, /* U+011D ĝ */
	{"g", '<', 1}, /* U+011E Ğ */
	{"g", '<', 0}, /* U+011F ğ */
	{"g", '2', 1}, /* U+0120 Ġ */
	{"g", '2', 0}, /* U+0121 ġ */
	{"g", ';', 1}, /* U+0122 Ģ */
	{"g", ';', 0}, /* U+0123 ģ */
	{"h", '6', 1}, /* U+0124 Ĥ */
	{"h", '6', 0}, /* U+0125 ĥ */
	{"h", '>', 1}, /* U+0126 Ħ */
	{"h", '>', 0}, /* U+0127 ħ */
	{"i", '8', 1}, /* U+0128 Ĩ */
	{"i", '8', 0}, /* U+0129 ĩ */
	{"i", '3', 1}, /* U+012A Ī */
	{"i", '3', 0}, /* U+012B ī */
	{"i", '<', 1}, /* U+012C Ĭ */
	{"i", '<', 0}, /* U+012D ĭ */
	{"i", '1', 1}, /* U+012E Į */
	{"i", '1', 0}, /* U+012F į */
	{"i", '2', 1}, /* U+0130 İ */
	{"i", '>', 0}, /* U+0131 ı */
	{"ij", '>', 1}, /* U+0132 Ĳ */
	{"ij", '>', 0}, /* U+0133 ĳ */
	{"j", '6', 1}, /* U+0134 Ĵ */
	{"j", '6', 0}, /* U+0135 ĵ */
	{"k", ';', 1}, /* U+0136 Ķ */
	{"k", ';', 0}, /* U+0137 ķ */
	{"k", '>', 0}, /* U+0138 ĸ */
	{"l", '4', 1}, /* U+0139 Ĺ */
	{"l", '4', 0}, /* U+013A ĺ */
	{"l", ';', 1}, /* U+013B Ļ */
	{"l", ';', 0}, /* U+013C ļ */
	{"l", ':', 1}, /* U+013D Ľ */
	{"l", ':', 0}, /* U+013E ľ */
	{"l", '2', 1}, /* U+013F Ŀ */
	{"l", '2', 0}, /* U+0140 ŀ */
	{"l", '>', 1}, /* U+0141 Ł */
	{"l", '>', 0}, /* U+0142 ł */
	{"n", '4', 1}, /* U+0143 Ń */
	{"n", '4', 0}, /* U+0144 ń */
	{"n", ';', 1}, /* U+0145 Ņ */
	{"n", ';', 0}, /* U+0146 ņ */
	{"n", ':', 1}, /* U+0147 Ň */
	{"n", ':', 0}, /* U+0148 ň */
	{"n", '>', 0}, /* U+0149 ŉ */
	{"n", '>', 1}, /* U+014A Ŋ */
	{"n", '>', 0}, /* U+014B ŋ */
	{"o", '3', 1}, /* U+014C Ō */
	{"o", '3', 0}, /* U+014D ō */
	{"o", '<', 1}, /* U+014E Ŏ */
	{"o", '<', 0}, /* U+014F ŏ */
	{"o", '=', 1}, /* U+0150 Ő */
	{"o", '=', 0}, /* U+0151 ő */
	{"oe", '>', 1}, /* U+0152 Œ */
	{"oe", '>', 0}, /* U+0153 œ */
	{"r", '4', 1}, /* U+0154 Ŕ */
	{"r", '4', 0}, /* U+0155 ŕ */
	{"r", ';', 1}, /* U+0156 Ŗ */
	{"r", ';', 0}, /* U+0157 ŗ */
	{"r", ':', 1}, /* U+0158 Ř */
	{"r", ':', 0}, /* U+0159 ř */
	{"s", '4', 1}, /* U+015A Ś */
	{"s", '4', 0}, /* U+015B ś */
	{"s", '6', 1}, /* U+015C Ŝ */
	{"s", '6', 0}, /* U+015D ŝ */
	{"s", ';', 1}, /* U+015E Ş */
	{"s", ';', 0}, /* U+015F ş */
	{"s", ':', 1}, /* U+0160 Š */
	{"s", ':', 0}, /* U+0161 š */
	{"t", ';', 1}, /* U+0162 Ţ */
	{"t", ';', 0}, /* U+0163 ţ */
	{"t", ':', 1}, /* U+0164 Ť */
	{"t", ':', 0}, /* U+0165 ť */
	{"t", '>', 1}, /* U+0166 Ŧ */
	{"t", '>', 0}, /* U+0167 ŧ */
	{"u", '8', 1}, /* U+0168 Ũ */
	{"u", '8', 0}, /* U+0169 ũ */
	{"u", '3', 1}, /* U+016A Ū */
	{"u", '3', 0}, /* U+016B ū */
	{"u", '<', 1}, /* U+016C Ŭ */
	{"u", '<', 0}, /* U+016D ŭ */
	{"u", '9', 1}, /* U+016E Ů */
	{"u", '9', 0}, /* U+016F ů */
	{"u", '=', 1}, /* U+0170 Ű */
	{"u", '=', 0}, /* U+0171 ű */
	{"u", '1', 1}, /* U+0172 Ų */
	{"u", '1', 0}, /* U+0173 ų */
	{"w", '6', 1}, /* U+0174 Ŵ */
	{"w", '6', 0}, /* U+0175 ŵ */
	{"y", 'B', 1}, /* U+0176 Ŷ */
	{"y", 'B', 0}, /* U+0177 ŷ */
	{"y", 'A', 1}, /* U+0178 Ÿ */
	{"z", '4', 1}, /* U+0179 Ź */
	{"z", '4', 0}, /* U+017A ź */
	{"z", '2', 1}, /* U+017B Ż */
	{"z", '2', 0}, /* U+017C ż */
	{"z", ':', 1}, /* U+017D Ž */
	{"z", ':', 0}, /* U+017E ž */
	{"s", '>', 0}, /* U+017F ſ */
};

/* ------------------------------------------------------------------ */
/* UTF-8 decoding                                                      */

/* Decodes one code point at s[*i]; advances *i. Returns 0 or -1 when the
 * sequence is malformed (including NUL). */
static int utf8_next(const unsigned char *s, size_t len, size_t *i,
		     uint32_t *cp)
{
	size_t p = *i;
	unsigned char c = s[p];
	uint32_t v;
	size_t n;
	unsigned char lo = 0x80, hi = 0xBF;

	if (c == 0)
		return -1;
	if (c < 0x80) {
		*cp = c;
		*i = p + 1;
		return 0;
	}
	if (c < 0xC2)
		return -1;
	if (c < 0xE0) {
		n = 1;
		v = c & 0x1Fu;
	} else if (c < 0xF0) {
		n = 2;
		v = c & 0x0Fu;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c < 0xF5) {
		n = 3;
		v = c & 0x07u;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* > U+10FFFF */
	} else {
		return -1;
	}
	if (len - p - 1 < n)
		return -1;
	for (size_t k = 1; k <= n; k++) {
		unsigned char d = s[p + k];
		if (k == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF))
			return -1;
		v = (v << 6) | (d & 0x3Fu);
	}
	*cp = v;
	*i = p + 1 + n;
	return 0;
}

int utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	if (len == 0)
		return 1;
	if (s == NULL)
		return 0;
	while (i < len)
		if (utf8_next((const unsigned char *)s, len, &i, &cp) != 0)
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Character classes                                                   */

enum char_kind {
	KIND_LETTER,  /* letter with ASCII base (in struct letter) */
	KIND_DIGIT,   /* ASCII digit */
	KIND_SEP,     /* whitespace, punctuation, symbols: word separator */
	KIND_IGNORE,  /* combining mark: contributes nothing */
	KIND_OTHER,   /* any other character (other scripts) */
};

static enum char_kind classify(uint32_t cp, struct letter *out)
{
	if (cp < 0x80) {
		if (cp >= '0' && cp <= '9')
			return KIND_DIGIT;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
			int up = cp <= 'Z';
			out->base[0] = (char)(up ? cp + ('a' - 'A') : cp);
			out->base[1] = 0;
			out->sec = out->base[0] == 'y' ? '?' : '0';
			out->upper = (char)up;
			return KIND_LETTER;
		}
		return KIND_SEP;
	}
	if (cp < 0xC0)
		return KIND_SEP; /* C1 controls, NBSP, Latin-1 symbols */
	if (cp < 0x180) {
		*out = latin_table[cp - 0xC0];
		return out->base[0] ? KIND_LETTER : KIND_SEP;
	}
	if (cp >= 0x218 && cp <= 0x21B) { /* Ș ș Ț ț (comma below) */
		out->base[0] = cp < 0x21A ? 's' : 't';
		out->base[1] = 0;
		out->sec = ';';
		out->upper = (cp & 1u) == 0;
		return KIND_LETTER;
	}
	if (cp >= 0x300 && cp <= 0x36F)
		return KIND_IGNORE;
	if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
	    cp == 0x3000 || cp == 0xFEFF || cp == 0x2BC || cp == 0x2B9)
		return KIND_SEP;
	return KIND_OTHER;
}

/* ------------------------------------------------------------------ */
/* Folding                                                             */

int text_fold(const char *in, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t len, i = 0, o = 0;
	int pending = 0;
	int rc;

	if (cap > 0)
		out[0] = 0;
	if (in == NULL)
		return ERR_INVALID;
	len = strlen(in);
	if (!utf8_valid(in, len))
		return ERR_INVALID;
	while (i < len) {
		uint32_t cp;
		struct letter l;
		const char *add;
		char digit[2];
		size_t addlen;

		(void)utf8_next(s, len, &i, &cp);
		switch (classify(cp, &l)) {
		case KIND_LETTER:
			add = l.base;
			break;
		case KIND_DIGIT:
			digit[0] = (char)cp;
			digit[1] = 0;
			add = digit;
			break;
		case KIND_IGNORE:
			continue;
		default:
			pending = 1;
			continue;
		}
		addlen = strlen(add);
		if (pending && o > 0) {
			if (o + 1 >= cap)
				goto too_large;
			out[o++] = ' ';
		}
		pending = 0;
		if (o + addlen >= cap)
			goto too_large;
		memcpy(out + o, add, addlen);
		o += addlen;
	}
	if (o >= cap || o > (size_t)INT32_MAX)
		goto too_large;
	out[o] = 0;
	return (int)o;
too_large:
	rc = ERR_TOO_LARGE;
	if (cap > 0)
		out[o < cap ? o : cap - 1] = 0;
	return rc;
}

/* ------------------------------------------------------------------ */
/* Collation                                                           */

#define COLL_LEVEL_SEP '!'  /* below every weight */
#define COLL_SPACE '"'      /* a run of separators */
#define COLL_ESCAPE '~'     /* other scripts: '~' + 4 base-64 digits */
#define COLL_PLAIN '0'      /* plain secondary / lowercase tertiary */

/* Primary order of letters, 'y' excluded (it is I). Uppercase C, S, Z
 * stand for Č, Š, Ž. Weights are 'A' + index: 0x41..0x5C. */
static const char primary_order[] = "abcCdefghijklmnopqrsStuvwxzZ";

static char primary_weight(char base, char sec)
{
	char key = base;

	if (base == 'y')
		key = 'i';
	else if (sec == ':' && (base == 'c' || base == 's' || base == 'z'))
		key = (char)(base - ('a' - 'A'));
	return (char)('A' + (strchr(primary_order, key) - primary_order));
}

/* One collation element: primary bytes (1, or 5 for other scripts),
 * secondary and tertiary weight. */
struct coll_elem {
	char p[5];
	unsigned char plen;
	char s, t;
};

/* Produces the elements of one code point; returns how many (0..2). A
 * separator run produces one space element, emitted lazily by the caller. */
static int coll_elems(uint32_t cp, struct coll_elem e[2], int *is_sep)
{
	struct letter l;
	int n = 0;

	*is_sep = 0;
	switch (classify(cp, &l)) {
	case KIND_LETTER: {
		int caron_letter = l.sec == ':' &&
				   (l.base[0] == 'c' || l.base[0] == 's' ||
				    l.base[0] == 'z');
		for (int k = 0; l.base[k] && k < 2; k++) {
			e[n].p[0] = primary_weight(l.base[k], l.sec);
			e[n].plen = 1;
			e[n].s = caron_letter ? COLL_PLAIN : l.sec;
			if (l.base[k] == 'y' && l.base[1] == 0 && l.sec == '0')
				e[n].s = '?';
			e[n].t = l.upper ? '1' : COLL_PLAIN;
			n++;
		}
		return n;
	}
	case KIND_DIGIT:
		e[0].p[0] = (char)cp;
		e[0].plen = 1;
		e[0].s = COLL_PLAIN;
		e[0].t = COLL_PLAIN;
		return 1;
	case KIND_IGNORE:
		return 0;
	case KIND_SEP:
		*is_sep = 1;
		return 0;
	case KIND_OTHER:
	default:
		e[0].p[0] = COLL_ESCAPE;
		for (int k = 0; k < 4; k++)
			e[0].p[1 + k] =
				(char)('0' + ((cp >> (6 * (3 - k))) & 0x3Fu));
		e[0].plen = 5;
		e[0].s = COLL_PLAIN;
		e[0].t = COLL_PLAIN;
		return 1;
	}
}

/* Appends one level (0 primary, 1 secondary, 2 tertiary) of the key.
 * Returns the new output length or ERR_TOO_LARGE. */
static int coll_level(const unsigned char *s, size_t len, int level,
		      char *out, size_t o, size_t cap)
{
	size_t i = 0, plain = 0;
	int pending = 0, any = 0;

	while (i < len) {
		uint32_t cp;
		struct coll_elem e[2];
		int sep, n;

		(void)utf8_next(s, len, &i, &cp);
		n = coll_elems(cp, e, &sep);
		if (sep) {
			pending = 1;
			continue;
		}
		if (n == 0)
			continue;
		if (pending && any) {
			if (level > 0) {
				plain++;
			} else {
				if (o + 1 >= cap)
					return ERR_TOO_LARGE;
				out[o++] = COLL_SPACE;
			}
		}
		pending = 0;
		any = 1;
		for (int k = 0; k < n; k++) {
			char w;

			if (level == 0) {
				if (o + e[k].plen >= cap)
					return ERR_TOO_LARGE;
				memcpy(out + o, e[k].p, e[k].plen);
				o += e[k].plen;
				continue;
			}
			/* Trailing plain weights carry no information for the
			 * secondary and tertiary levels: when primaries are
			 * equal both levels have equal length, and the level
			 * separator sorts below every weight. So plain weights
			 * are written only when a non-plain one follows. */
			w = level == 1 ? e[k].s : e[k].t;
			if (w == COLL_PLAIN) {
				plain++;
				continue;
			}
			if (o + plain + 1 >= cap)
				return ERR_TOO_LARGE;
			memset(out + o, COLL_PLAIN, plain);
			o += plain;
			plain = 0;
			out[o++] = w;
		}
	}
	return (int)o;
}

int text_collate_key(const char *in, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t len;
	int o = 0;

	if (cap > 0)
		out[0] = 0;
	if (in == NULL)
		return ERR_INVALID;
	len = strlen(in);
	if (!utf8_valid(in, len))
		return ERR_INVALID;
	if (len > (size_t)INT32_MAX / 8)
		return ERR_TOO_LARGE;
	for (int level = 0; level < 3; level++) {
		if (level > 0) {
			if ((size_t)o + 1 >= cap)
				goto too_large;
			out[o++] = COLL_LEVEL_SEP;
		}
		o = coll_level(s, len, level, out, (size_t)o, cap);
		if (o < 0)
			goto too_large;
	}
	out[o] = 0;
	return o;
too_large:
	if (cap > 0)
		out[0] = 0;
	return ERR_TOO_LARGE;
}

int text_collate_cmp(const char *a, const char *b)
{
	char abuf[256], bbuf[256];
	char *ak = abuf, *bk = bbuf;
	size_t acap = sizeof abuf, bcap = sizeof bbuf;
	int ra, rb, r;

	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	if (strlen(a) * 4 + 4 > acap) {
		acap = strlen(a) * 4 + 4;
		ak = malloc(acap);
	}
	if (strlen(b) * 4 + 4 > bcap) {
		bcap = strlen(b) * 4 + 4;
		bk = malloc(bcap);
	}
	if (ak == NULL || bk == NULL) {
		r = strcmp(a, b);
		goto out;
	}
	ra = text_collate_key(a, ak, acap);
	rb = text_collate_key(b, bk, bcap);
	if (ra < 0 || rb < 0) {
		/* Invalid strings after valid ones, among themselves bytewise. */
		r = (ra < 0 && rb < 0) ? strcmp(a, b) : (ra < 0 ? 1 : -1);
		goto out;
	}
	r = strcmp(ak, bk);
	if (r == 0)
		r = strcmp(a, b);
out:
	if (ak != abuf)
		free(ak);
	if (bk != bbuf)
		free(bk);
	return r < 0 ? -1 : r > 0;
}

/* ------------------------------------------------------------------ */
/* Edit distance                                                       */

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t text_edit_distance_capped(const char *a, size_t alen, const char *b,
				 size_t blen, size_t cap)
{
	size_t stackbuf[3 * 129];
	size_t *buf = stackbuf, *r0, *r1, *r2;
	size_t result = cap + 1;

	if (cap == SIZE_MAX)
		cap = SIZE_MAX - 1;
	if ((alen > blen ? alen - blen : blen - alen) > cap)
		return cap + 1;
	if (alen == 0 || blen == 0)
		return alen + blen;
	if (blen > 128) {
		if (blen >= SIZE_MAX / (3 * sizeof *buf))
			return cap + 1;
		buf = malloc(3 * (blen + 1) * sizeof *buf);
		if (buf == NULL)
			return cap + 1;
	}
	r0 = buf;                /* row i-2 */
	r1 = buf + blen + 1;     /* row i-1 */
	r2 = buf + 2 * (blen + 1); /* row i */
	for (size_t j = 0; j <= blen; j++)
		r1[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		size_t rowmin;
		size_t *t;

		r2[0] = i;
		rowmin = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = min3(r1[j] + 1, r2[j - 1] + 1,
					r1[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && r0[j - 2] + 1 < v)
				v = r0[j - 2] + 1;
			r2[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		/* Row minima never decrease, so we may stop early. */
		if (rowmin > cap)
			goto out;
		t = r0;
		r0 = r1;
		r1 = r2;
		r2 = t;
	}
	result = r1[blen] > cap ? cap + 1 : r1[blen];
out:
	if (buf != stackbuf)
		free(buf);
	return result;
}

size_t utf8_cut(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void utf8_copy(char *out, size_t cap, const char *s)
{
	if (cap == 0)
		return;
	size_t n = utf8_cut(s ? s : "", cap - 1);
	memcpy(out, s ? s : "", n);
	out[n] = '\0';
}

int text_has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int text_is_email(const char *s)
{
	if (!s)
		return 0;
	const char *at = strchr(s, '@');
	size_t n = strlen(s);
	return n <= 254 && at && at != s && strchr(at, '.') && at[1] != '.' &&
	       at[1] != '\0' && s[n - 1] != '.' && !strchr(at + 1, '@') &&
	       !strchr(s, ' ') && !text_has_control(s);
}

int text_is_phone(const char *s)
{
	int digits = 0;
	if (!s)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr("+ -()", *p))
			return 0;
		if (*p == '+' && p != s)
			return 0;
	}
	return digits >= 5 && digits <= 15 && strlen(s) <= 24;
}
