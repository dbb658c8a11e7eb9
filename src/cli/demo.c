/*
 * demo.c - `pagalba [--db URL] demo [--persons N] [--seed S] [--force]`:
 * fills a new database with plausible, entirely invented demo data.
 *
 * Contract:
 * - Refuses (exit 1, nothing written) when the persons table already has
 *   rows, unless --force is given. Even with --force nothing is ever
 *   deleted or updated: the run only adds rows. If the centre's departments
 *   already exist they are reused and no organisation, staff or users are
 *   added; existing users keep their passwords.
 * - Generates: the centre (one institution, the seven departments of
 *   DOMAIN.md section 1), partner institutions with contacts, 40 staff, a
 *   mobile home-help team and an integrated-help team, seven demo users
 *   (password DEMO_PASSWORD, printed at the end), and N persons (default
 *   10,000) with personal codes, phones, departments, addresses around
 *   Utena, recipient groups fitting their age, households with relations
 *   stored in both directions, some representatives and some notes.
 * - Deterministic for a given --seed (and a given starting database): the
 *   generator is our own splitmix64; only timestamps follow the clock.
 * - Persons are written in write transactions of DEMO_BATCH_MIN to
 *   DEMO_BATCH_MAX persons each, through the connection's statement cache,
 *   with the same SQL text on SQLite and PostgreSQL; the small per-person
 *   tables go in multi-row INSERTs. Ids come back through RETURNING, so
 *   identity sequences on PostgreSQL stay right for later inserts. A failed
 *   run leaves the batches committed before the failure.
 * - Exactly one audit entry per run ("demo_load" on "database", by "cli"),
 *   appended in the last write transaction.
 * - Prints progress every 100,000 persons and a summary with counts and
 *   timings. It prints no personal data, only the demo logins.
 *
 * Returns the process exit code: 0 done, 1 failed or refused, 2 bad usage.
 * Not thread-safe (a command-line tool; all state is in struct demo).
 */
#include "app.h"
#include "cli/cli.h"
#include "cli/demo_catalogue.h"
#include "cli/demo_cases.h"
#include "core/date.h"
#include "core/err.h"
#include "core/text.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/personal_code.h"
#include "domain/session.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_PASSWORD "demo-pagalba-2026"
#define DEMO_DEFAULT_PERSONS 10000
#define DEMO_MAX_PERSONS 10000000LL
#define DEMO_DEFAULT_SEED 2026
/* Persons per write transaction: a tenth of the run, within these bounds.
 * Measured on SQLite (1M persons): 10,000 per transaction rewrites the
 * randomly-ordered index pages (sort_key, personal_code) into the WAL at
 * every commit and took 75 s; 100,000 per transaction took 28 s. */
#define DEMO_BATCH_MIN 10000
#define DEMO_BATCH_MAX 100000
#define DEMO_PROGRESS 100000

/* Ages are computed at this fixed date so that a seed gives the same data
 * whenever it is run; birth dates fall in 1925..2024. */
#define DEMO_REF_DATE 20251231
#define DEMO_REF_YEAR 2025
#define DEMO_BIRTH_MIN 19250101
#define DEMO_BIRTH_MAX 20241231
#define DEMO_SINCE_MIN 20150101

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Deterministic pseudo-random numbers (splitmix64). ---- */

struct demo_rng {
	uint64_t s;
};

static uint64_t rng_next(struct demo_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in 0..n-1 (n > 0), by multiply-shift: no modulo bias worth
 * caring about for demo data. */
static uint32_t rng_below(struct demo_rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in lo..hi inclusive. */
static int rng_range(struct demo_rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* 1 with probability per_mille / 1000. */
static int rng_chance(struct demo_rng *r, unsigned per_mille)
{
	return rng_below(r, 1000) < per_mille;
}

#define PICK(r, arr) ((arr)[rng_below((r), (uint32_t)ARRAY_LEN(arr))])

/* ---- Names. Given names by generation, so that grandmothers are Ona and
 * granddaughters Gabija. ---- */

static const char *const male_old[] = {
	"Antanas", "Juozas", "Kazys", "Jonas", "Petras", "Stasys", "Vladas",
	"Bronius", "Povilas", "Zigmas", "Česlovas", "Jurgis", "Aleksandras",
	"Vytautas", "Algirdas", "Albinas", "Alfonsas", "Leonas", "Pranas",
	"Vincas", "Romualdas", "Juozapas",
};
static const char *const male_mid[] = {
	"Darius", "Mindaugas", "Žydrūnas", "Šarūnas", "Saulius", "Arūnas",
	"Gediminas", "Rimantas", "Andrius", "Marius", "Giedrius", "Egidijus",
	"Raimondas", "Kęstutis", "Ramūnas", "Vaidas", "Tomas", "Nerijus",
	"Ričardas", "Valdas", "Vidmantas", "Aurimas", "Audrius", "Tadas",
	"Paulius", "Donatas", "Vilius", "Rolandas", "Linas", "Virginijus",
};
static const char *const male_young[] = {
	"Lukas", "Matas", "Dominykas", "Nojus", "Kajus", "Jokūbas", "Domantas",
	"Rokas", "Ignas", "Augustas", "Benediktas", "Edvinas", "Justinas",
	"Laurynas", "Mantas", "Adomas", "Emilis", "Herkus", "Gabrielius",
	"Dovydas", "Deividas", "Tomas", "Jonas", "Joris", "Markas", "Pijus",
	"Titas", "Motiejus", "Elijas", "Benas", "Šarūnas", "Žygimantas",
};
static const char *const female_old[] = {
	"Ona", "Marija", "Aldona", "Janina", "Genovaitė", "Stasė", "Birutė",
	"Danutė", "Irena", "Regina", "Elena", "Teresė", "Albina", "Veronika",
	"Valerija", "Nijolė", "Gražina", "Emilija", "Zofija", "Adelė",
	"Bronislava", "Jadvyga",
};
static const char *const female_mid[] = {
	"Rūta", "Jūratė", "Živilė", "Aušra", "Daiva", "Rasa", "Jolanta",
	"Vilma", "Asta", "Kristina", "Inga", "Edita", "Laura", "Giedrė",
	"Sigita", "Lina", "Dalia", "Vida", "Zita", "Loreta", "Vaida", "Neringa",
	"Eglė", "Agnė", "Ieva", "Rita", "Audronė", "Violeta", "Ingrida",
	"Renata", "Žaneta", "Šarūnė",
};
static const char *const female_young[] = {
	"Ieva", "Greta", "Gabija", "Emilija", "Urtė", "Austėja", "Kamilė",
	"Smiltė", "Gabrielė", "Lėja", "Liepa", "Ugnė", "Goda", "Miglė",
	"Justė", "Akvilė", "Viltė", "Saulė", "Rugilė", "Amelija", "Sofija",
	"Luknė", "Adelė", "Patricija", "Eva", "Vakarė", "Elzė", "Ema", "Rusnė",
	"Morta", "Živilė", "Žemyna",
};

/* Surnames in their male form; the female forms are derived by
 * surname_form(). Endings -as, -is, -ys, -us, -ius only. */
static const char *const surnames[] = {
	"Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius", "Vasiliauskas",
	"Žukauskas", "Butkus", "Paulauskas", "Urbonas", "Kavaliauskas",
	"Navickas", "Ramanauskas", "Savickas", "Rimkus", "Žilinskas",
	"Adomaitis", "Sakalauskas", "Mikalauskas", "Baranauskas", "Vaitkus",
	"Ivanauskas", "Marcinkevičius", "Lukoševičius", "Vaičiulis", "Kairys",
	"Šimkus", "Kaminskas", "Kučinskas", "Šimkūnas", "Grigas",
	"Mockus", "Bernotas", "Lukošius", "Bielskis", "Jakubauskas",
	"Pocius", "Kriščiūnas", "Urbonavičius", "Gudaitis", "Sinkevičius",
	"Pranckevičius", "Stanevičius", "Kazakevičius", "Rutkauskas", "Tamošiūnas",
	"Vitkauskas", "Juknevičius", "Bagdonas", "Augustinavičius", "Jonaitis",
	"Petraitis", "Jurevičius", "Žemaitis", "Balčiūnas", "Kuzminskas",
	"Mačiulis", "Gailius", "Kazlas", "Jasinskas", "Lukauskas",
	"Malinauskas", "Ambrazevičius", "Stankus", "Jokubauskas", "Kairiūkštis",
	"Bartkus", "Norkus", "Klimas", "Sadauskas", "Sabaliauskas",
	"Vaškelis", "Dambrauskas", "Morkūnas", "Gražys", "Rakauskas",
	"Jurgaitis", "Mikulskis", "Volungevičius", "Daukantas", "Matulevičius",
	"Bražinskas", "Kvedaras", "Kybartas", "Jasiūnas", "Zabiela",
	"Gaidys", "Vilkas", "Kubilius", "Grybas", "Budrys",
	"Šukys", "Kalvaitis", "Staškevičius", "Mickevičius", "Valančius",
	"Jablonskis", "Pakalnis", "Mažeikis", "Krivickas", "Dapkus",
	"Jankūnas", "Liutkus", "Čiurlionis", "Žiogas", "Šalkauskis",
	"Tumas", "Balsys", "Aleksandravičius", "Bulota", "Vainauskas",
	"Gedvilas", "Juodis", "Baltrušaitis", "Galinis", "Kairaitis",
	"Maciejauskas", "Navakas", "Pilkauskas", "Radzevičius", "Statkus",
	"Šeškus", "Tamulis", "Urbaitis", "Valatka", "Zubrus",
	"Ažubalis", "Bagdonavičius", "Čepulis", "Drąsutis", "Eidukas",
	"Girdzijauskas", "Jakštas", "Kazėnas", "Laurinavičius", "Martinaitis",
	"Narbutas", "Ožalas", "Pečiulis", "Rimkevičius", "Sirvydis",
	"Šaltenis", "Tamkevičius", "Ulevičius", "Vaitkevičius", "Žvirblis",
	"Aleknavičius", "Banys", "Čičinskas", "Dirgėla", "Eitmantas",
	"Gintalas", "Juška", "Kondratas", "Lapinskas", "Matulis",
	"Noreika", "Orlovas", "Paškevičius", "Rašimas", "Stonkus",
	"Šliogeris", "Trinkūnas", "Uzdila", "Vyšniauskas", "Zinkevičius",
	"Abromavičius", "Bložė", "Černiauskas", "Dagys", "Eimutis",
	"Giedraitis", "Jonušas", "Karvelis", "Lašas", "Milašius",
	"Nausėda", "Olšauskas", "Petronis", "Ragauskas", "Skirmantas",
	"Šiaučiulis", "Tūbelis", "Ūsas", "Vilimas", "Žalys",
	"Andriuškevičius", "Bukauskas", "Čekanauskas", "Dambrauskis", "Endriukaitis",
	"Gudelis", "Jablonskas", "Kasparavičius", "Liaudanskas", "Meškauskas",
	"Nakas", "Pakštas", "Raudonis", "Sereika", "Šernas",
	"Tijūnaitis", "Urbelis", "Valiukas", "Zigmantas", "Žebrauskas",
	"Anusevičius", "Bliūdžius", "Čiuplys", "Damulis", "Garšva",
	"Jaras", "Kirkilas", "Lekavičius", "Mažylis", "Norvaiša",
	"Padegimas", "Remeikis", "Sabonis", "Šimonis", "Tautkus",
	"Ulinskas", "Varnas", "Zaranka", "Žukas", "Antanaitis",
	"Bertulis", "Dovydaitis", "Gražulis", "Juozaitis", "Kalinauskas",
	"Lazauskas", "Markevičius", "Nemeikšis", "Pauliukas", "Raila",
	"Stasiulis", "Šostakas", "Tarvydas", "Vaičaitis", "Zaleckas",
	"Aukštuolis", "Buivydas", "Česnulevičius", "Daujotas", "Gaižauskas",
	"Janulis", "Kuodis", "Lingys", "Motuzas", "Oželis",
	"Poška", "Rudys", "Sinkus", "Šidlauskas", "Tumėnas",
	"Vilkelis", "Zabarauskas", "Žvinys", "Baranauskis", "Ciplys",
	"Daugirdas", "Gylys", "Jociūnas", "Kriaučiūnas", "Leonavičius",
	"Mikėnas", "Pranaitis", "Ratkevičius", "Skrebys", "Šakalys",
	"Tamošaitis", "Valiulis", "Zakarauskas", "Žilys", "Brazauskas",
	"Dzikas", "Grinius", "Jakučionis", "Kvietkauskas", "Lukšys",
	"Mikšys", "Paukštys", "Rimšelis", "Steponavičius", "Šveikauskas",
	"Tiškus", "Vaitiekūnas", "Zdanavičius", "Žiedelis", "Bajorūnas",
	"Dainys", "Gudas", "Jurkūnas", "Kurtinaitis", "Liubinas",
	"Mockevičius", "Paulionis", "Rasimas", "Stulgys", "Šeštokas",
	"Ūselis", "Vasiliauskis", "Žemaitaitis", "Bičiūnas", "Gaigalas",
};

/* Surnames that do not end in -as/-is/-ys/-us/-ius (Zabiela, Nausėda,
 * Bložė, Juška...) are skipped by surname_pick so that every form is
 * derived correctly. */
enum surname_form {
	SURNAME_MALE,    /* Kazlauskas, Jonaitis */
	SURNAME_MARRIED, /* Kazlauskienė, Jonaitienė */
	SURNAME_MAIDEN,  /* Kazlauskaitė, Jonaitytė */
	SURNAME_FAMILY,  /* genitive plural for "... šeima": Kazlauskų, Jonaičių */
};

/* Returns the length of the ending that surname_form() replaces, or 0 if
 * the name has none of the endings it knows. */
static size_t surname_ending(const char *male)
{
	size_t n = strlen(male);
	if (n > 4 && !strcmp(male + n - 3, "ius"))
		return 3;
	if (n > 3 && (!strcmp(male + n - 2, "as") || !strcmp(male + n - 2, "is") ||
		      !strcmp(male + n - 2, "ys") || !strcmp(male + n - 2, "us")))
		return 2;
	return 0;
}

static void surname_form(const char *male, enum surname_form form, char *out, size_t cap)
{
	size_t n = strlen(male), cut = surname_ending(male);
	const char *end = male + n - cut;
	const char *suffix;
	char stem[64];

	if (!cut || form == SURNAME_MALE || n >= sizeof(stem)) {
		snprintf(out, cap, "%s", male);
		return;
	}
	memcpy(stem, male, n - cut);
	stem[n - cut] = '\0';
	if (form == SURNAME_MARRIED) {
		suffix = "ienė";
	} else if (form == SURNAME_MAIDEN) {
		if (!strcmp(end, "ius"))
			suffix = "iūtė";
		else if (!strcmp(end, "as"))
			suffix = "aitė";
		else if (!strcmp(end, "us"))
			suffix = "utė";
		else
			suffix = "ytė"; /* -is, -ys */
	} else {
		if (!strcmp(end, "as") || !strcmp(end, "us")) {
			suffix = "ų";
		} else {
			/* -is, -ys, -ius: -ių, with t -> č and d -> dž before it
			 * (Jonaitis -> Jonaičių, Gaidys -> Gaidžių). */
			size_t sl = strlen(stem);
			if (strcmp(end, "ius") && sl && sl + 3 < sizeof(stem)) {
				if (stem[sl - 1] == 't') {
					memcpy(stem + sl - 1, "č", sizeof("č"));
				} else if (stem[sl - 1] == 'd') {
					memcpy(stem + sl, "ž", sizeof("ž"));
				}
			}
			suffix = "ių";
		}
	}
	snprintf(out, cap, "%s%s", stem, suffix);
}

static const char *surname_pick(struct demo_rng *r)
{
	for (;;) {
		const char *s = PICK(r, surnames);
		if (surname_ending(s))
			return s;
	}
}

/* A given name fitting the birth year; now and then one from another
 * generation, and rarely two given names. */
static void given_pick(struct demo_rng *r, int sex, int year, char *out, size_t cap)
{
	int era = year < 1955 ? 0 : year < 1992 ? 1 : 2;
	if (rng_chance(r, 150))
		era = (int)rng_below(r, 3);
	const char *a, *b;
	if (sex == 1) {
		a = era == 0 ? PICK(r, male_old) : era == 1 ? PICK(r, male_mid) : PICK(r, male_young);
		b = PICK(r, male_old);
	} else {
		a = era == 0 ? PICK(r, female_old) : era == 1 ? PICK(r, female_mid) : PICK(r, female_young);
		b = PICK(r, female_old);
	}
	if (rng_chance(r, 30) && strcmp(a, b))
		snprintf(out, cap, "%s %s", a, b);
	else
		snprintf(out, cap, "%s", a);
}

/* ---- Places: Utena and villages within ~15 km. ---- */

struct demo_place {
	const char *city;
	int lat_e6, lon_e6; /* centre */
	int radius_m;       /* where its people live */
	const char *postal; /* postal code prefix "LT-28" + 3 digits */
	unsigned weight;    /* per mille of addresses */
};

static const struct demo_place places[] = {
	{"Utena", 55497900, 25599900, 2800, "LT-28", 700},
	{"Leliūnai", 55450000, 25432000, 1200, "LT-28", 50},
	{"Sudeikiai", 55586000, 25660000, 1200, "LT-28", 50},
	{"Vyžuonos", 55593000, 25511000, 1200, "LT-28", 50},
	{"Kuktiškės", 55411000, 25661000, 1200, "LT-28", 40},
	{"Pačkėnai", 55528000, 25742000, 1000, "LT-28", 30},
	{"Rubikiai", 55541000, 25557000, 1000, "LT-28", 30},
	{"Atkočiškės", 55460000, 25700000, 2500, "LT-28", 50},
};

static const char *const town_streets[] = {
	"Vilniaus g.", "Aušros g.", "J. Basanavičiaus g.", "Taikos g.",
	"Maironio g.", "Kauno g.", "Aukštakalnio g.", "Vaižganto g.",
	"Krašuonos g.", "Smėlio g.", "Utenio a.", "Kuktiškių g.", "Šilinės g.",
	"Ąžuolų g.", "Liepų g.", "Pramonės g.", "Vyturių g.", "Metalo g.",
	"Melioratorių g.", "Žalioji g.", "Tauragnų g.", "Užpalių g.",
	"Sodų g.", "Aukštaičių g.", "Šaltinių g.", "Dauniškio g.",
	"Stadiono g.", "Ramybės g.", "Rašės g.", "Ežerų g.", "Bijūnų g.",
	"Kalno g.", "Žemaitės g.", "A. Šachmatovo g.", "Vytauto g.",
	"Palangos g.", "Šviesos g.", "Radijo g.", "Eglės g.", "Ramuneles g.",
};

static const char *const village_streets[] = {
	"Mokyklos g.", "Pakalnės g.", "Ežero g.", "Beržų g.", "Sodo g.",
	"Bažnyčios g.", "Pievų g.", "Miško g.", "Laukų g.", "Liepų g.",
	"Klevų g.", "Vilties g.",
};

struct demo_address {
	int kind_temporary; /* 1: the night shelter's address */
	char line[80];
	const char *city;
	char postal[16];
	int64_t lat_e6, lon_e6;
};

static const struct demo_place *place_pick(struct demo_rng *r)
{
	unsigned total = 0, x;
	for (size_t i = 0; i < ARRAY_LEN(places); i++)
		total += places[i].weight;
	x = rng_below(r, total);
	for (size_t i = 0; i < ARRAY_LEN(places); i++) {
		if (x < places[i].weight)
			return &places[i];
		x -= places[i].weight;
	}
	return &places[0];
}

/* Integer square root, good enough for scattering points in a disc. */
static uint32_t isqrt32(uint32_t v)
{
	uint32_t x = 0, bit = 1u << 30;
	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= x + bit) {
			v -= x + bit;
			x = (x >> 1) + bit;
		} else {
			x >>= 1;
		}
		bit >>= 2;
	}
	return x;
}

static void address_make(struct demo_rng *r, struct demo_address *a)
{
	const struct demo_place *pl = place_pick(r);
	memset(a, 0, sizeof(*a));
	a->city = pl->city;
	if (pl == &places[0]) {
		const char *street = PICK(r, town_streets);
		if (rng_chance(r, 550))
			snprintf(a->line, sizeof(a->line), "%s %d-%d", street, rng_range(r, 1, 80), rng_range(r, 1, 60));
		else
			snprintf(a->line, sizeof(a->line), "%s %d", street, rng_range(r, 1, 120));
	} else {
		snprintf(a->line, sizeof(a->line), "%s %d", PICK(r, village_streets), rng_range(r, 1, 40));
	}
	snprintf(a->postal, sizeof(a->postal), "%s%03d", pl->postal, rng_range(r, 100, 299));
	/* A point uniform in a disc of radius_m metres: r = R * sqrt(u). One
	 * micro-degree of latitude is ~0.111 m; of longitude at 55.5 N,
	 * ~0.063 m. Angles come from a small table of unit vectors. */
	static const int16_t cosv[16] = {1000, 924, 707, 383, 0, -383, -707, -924,
					 -1000, -924, -707, -383, 0, 383, 707, 924};
	uint32_t u = rng_below(r, 1000000);
	int64_t dist = (int64_t)pl->radius_m * isqrt32(u) / 1000; /* metres */
	unsigned k = rng_below(r, 16);
	int64_t dx = dist * cosv[k] / 1000 + rng_range(r, -60, 60);
	int64_t dy = dist * cosv[(k + 4) % 16] / 1000 + rng_range(r, -60, 60);
	a->lat_e6 = pl->lat_e6 + dy * 1000 / 111;
	a->lon_e6 = pl->lon_e6 + dx * 1000 / 63;
}

/* ---- The organisation. ---- */

enum {
	D_ELDERLY,
	D_COMMUNITY,
	D_SHELTER,
	D_HOME,
	D_FAMILY,
	D_CHILDREN,
	D_INDEPENDENT,
	D_COUNT
};

static const struct {
	const char *code, *name_lt, *name_en;
} departments[D_COUNT] = {
	{"elderly_care",
	 "Socialinės globos senyvo amžiaus žmonėms ir suaugusiems asmenims su negalia skyrius",
	 "Social care of elderly people and adults with disabilities"},
	{"community", "Bendruomenės skyrius", "Community department"},
	{"night_shelter", "Nakvynės namai", "Night shelter"},
	{"home_help", "Pagalbos namuose skyrius", "Home help"},
	{"family_support", "Paramos šeimai skyrius", "Family support"},
	{"children_day_centre", "Vaikų dienos centras", "Children's day centre"},
	{"independent_living", "Savarankiško gyvenimo namai", "Independent-living homes"},
};

static const struct {
	const char *type, *name, *address, *contact_role;
	int contacts;
} partners[] = {
	{"health", "Utenos pirminės sveikatos priežiūros centras", "Aušros g. 54, Utena", "Bendrosios praktikos slaugytoja", 2},
	{"red_cross", "Lietuvos Raudonojo Kryžiaus draugijos Utenos skyrius", "Maironio g. 12, Utena", "Koordinatorė", 1},
	{"family_child_welfare", "Utenos šeimos ir vaiko gerovės centras", "Taikos g. 7, Utena", "Socialinė darbuotoja", 2},
	{"police", "Utenos apskrities vyriausiasis policijos komisariatas", "Aukštakalnio g. 2, Utena", "Bendruomenės pareigūnas", 1},
	{"probation", "Lietuvos probacijos tarnybos Utenos skyrius", "Utenio a. 5, Utena", "Probacijos pareigūnė", 1},
	{"prosecutor", "Utenos apylinkės prokuratūra", "J. Basanavičiaus g. 10, Utena", "Prokurorė", 1},
	{"school", "Utenos Aukštakalnio progimnazija", "Aukštakalnio g. 84, Utena", "Socialinė pedagogė", 2},
	{"school", "Utenos Dauniškio gimnazija", "Dauniškio g. 3, Utena", "Socialinis pedagogas", 1},
	{"education", "Utenos švietimo centras", "Aušros g. 42, Utena", "Metodininkė", 1},
	{"public_health", "Utenos rajono savivaldybės visuomenės sveikatos biuras", "Vaižganto g. 5, Utena", "Visuomenės sveikatos specialistė", 1},
	{"care_home", "Utenos globos namai", "Šilinės g. 6, Utena", "Socialinė darbuotoja", 2},
	{"municipality", "Utenos rajono savivaldybės administracijos Socialinės paramos skyrius", "Utenio a. 4, Utena", "Vyriausioji specialistė", 2},
	{"municipality", "Utenos rajono savivaldybės administracijos Švietimo skyrius", "Utenio a. 4, Utena", "Vedėjo pavaduotojas", 1},
	{"child_rights", "Valstybės vaiko teisių apsaugos ir įvaikinimo tarnybos Utenos skyrius", "Vilniaus g. 27, Utena", "Vaiko teisių specialistė", 2},
	{"disability_agency", "ANTA Utenos skyrius", "Kauno g. 11, Utena", "Vertinimo specialistė", 1},
};

/* Staff: one row per kind of post. `teams` is a bit mask: 1 the mobile
 * home-help team, 2 the integrated-help team. dept -1: the director. */
static const struct {
	int dept;
	const char *pos_f, *pos_m, *category, *skills;
	int count, teams;
} staff_posts[] = {
	{-1, "Direktorė", "Direktorius", NULL, "", 1, 0},
	{D_ELDERLY, "Skyriaus vedėja", "Skyriaus vedėjas", "expert", "social_work", 1, 0},
	{D_ELDERLY, "Socialinė darbuotoja", "Socialinis darbuotojas", "senior_social_worker", "social_work", 1, 0},
	{D_ELDERLY, "Socialinė darbuotoja", "Socialinis darbuotojas", "social_worker", "social_work", 1, 0},
	{D_ELDERLY, "Socialinio darbuotojo padėjėja", "Socialinio darbuotojo padėjėjas", NULL, "carer", 2, 0},
	{D_ELDERLY, "Slaugytoja", "Slaugytojas", NULL, "nurse", 1, 0},
	{D_COMMUNITY, "Skyriaus vedėja", "Skyriaus vedėjas", "senior_social_worker", "social_work", 1, 0},
	{D_COMMUNITY, "Socialinė darbuotoja", "Socialinis darbuotojas", "social_worker", "social_work", 2, 0},
	{D_COMMUNITY, "Užimtumo specialistė", "Užimtumo specialistas", NULL, "", 1, 0},
	{D_SHELTER, "Skyriaus vedėja", "Skyriaus vedėjas", "senior_social_worker", "social_work", 1, 0},
	{D_SHELTER, "Socialinė darbuotoja", "Socialinis darbuotojas", "social_worker", "social_work", 1, 0},
	{D_SHELTER, "Socialinio darbuotojo padėjėja", "Socialinio darbuotojo padėjėjas", NULL, "carer", 2, 0},
	{D_HOME, "Skyriaus vedėja", "Skyriaus vedėjas", "expert", "social_work", 1, 0},
	{D_HOME, "Socialinė darbuotoja", "Socialinis darbuotojas", "senior_social_worker", "social_work,driver", 1, 3},
	{D_HOME, "Socialinė darbuotoja", "Socialinis darbuotojas", "social_worker", "social_work,driver", 2, 0},
	{D_HOME, "Lankomosios priežiūros darbuotoja", "Lankomosios priežiūros darbuotojas", NULL, "carer,driver", 2, 3},
	{D_HOME, "Lankomosios priežiūros darbuotoja", "Lankomosios priežiūros darbuotojas", NULL, "carer", 2, 1},
	{D_HOME, "Slaugytoja", "Slaugytojas", NULL, "nurse,driver", 1, 2},
	{D_HOME, "Slaugytojo padėjėja", "Slaugytojo padėjėjas", NULL, "nurse_assistant,carer", 2, 2},
	{D_HOME, "Kineziterapeutė", "Kineziterapeutas", NULL, "physiotherapist", 1, 2},
	{D_FAMILY, "Skyriaus vedėja", "Skyriaus vedėjas", "expert", "social_work", 1, 0},
	{D_FAMILY, "Socialinė darbuotoja", "Socialinis darbuotojas", "social_worker", "social_work", 2, 0},
	{D_FAMILY, "Socialinė darbuotoja", "Socialinis darbuotojas", "senior_social_worker", "social_work", 1, 0},
	{D_FAMILY, "Atvejo vadybininkė", "Atvejo vadybininkas", "expert", "social_work,case_management", 1, 0},
	{D_FAMILY, "Psichologė", "Psichologas", NULL, "psychologist", 1, 0},
	{D_CHILDREN, "Skyriaus vedėja", "Skyriaus vedėjas", "senior_social_worker", "social_work", 1, 0},
	{D_CHILDREN, "Socialinė darbuotoja", "Socialinis darbuotojas", "social_worker", "social_work", 2, 0},
	{D_CHILDREN, "Socialinė pedagogė", "Socialinis pedagogas", NULL, "education", 1, 0},
	{D_INDEPENDENT, "Skyriaus vedėja", "Skyriaus vedėjas", "senior_social_worker", "social_work", 1, 0},
	{D_INDEPENDENT, "Socialinė darbuotoja", "Socialinis darbuotojas", "social_worker", "social_work", 1, 0},
	{D_INDEPENDENT, "Socialinio darbuotojo padėjėja", "Socialinio darbuotojo padėjėjas", NULL, "carer", 1, 0},
};

/* ---- Generator state. ---- */

struct demo_counts {
	long long institutions, contacts, departments, staff, teams, team_members,
		users, persons, person_departments, addresses, person_groups,
		households, household_members, relations, representatives, notes;
};

struct demo_login {
	const char *username, *what;
	int kept; /* 1: the user existed; its password was left alone */
};

/*
 * Rows of the small per-person tables are buffered and written ROWS_MAX
 * at a time by one multi-row INSERT: far fewer statement executions on
 * SQLite and round trips on PostgreSQL. Buffers are flushed before every
 * commit, so a transaction holds exactly what was generated in it.
 */
#define ROWS_MAX 32
#define ROWS_MAX_COLS 9
#define ROWS_ARENA 16384

enum { R_PERSON_DEPT, R_PERSON_GROUP, R_ADDRESS, R_HOUSEHOLD_MEMBER, R_RELATION, R_COUNT };

struct demo_rows {
	const char *types;  /* per column: 'i' int64, 's' text (NULL allowed) */
	int ncols;
	char *sql_many;     /* ROWS_MAX rows */
	char *sql_one;      /* one row */
	int n;              /* rows held */
	struct {
		int64_t i;
		const char *s;
	} vals[ROWS_MAX * ROWS_MAX_COLS];
	size_t used;        /* bytes of arena in use */
	char arena[ROWS_ARENA];
};

struct demo {
	struct db *db;
	struct demo_rows *rows[R_COUNT];
	struct demo_rng rng;
	char now[TIMESTAMP_ISO_LEN];
	int64_t dept_id[D_COUNT];
	int64_t user_admin, user_sw_family, user_sw_home;
	int org_reused;
	/* Next free personal-code serial per (birth day since 1925-01-01,
	 * sex): codes stay unique without asking the database. */
	uint16_t *serials;
	int64_t birth_min_days, birth_days;
	struct demo_counts n;
	struct demo_login logins[7];
	size_t n_logins;
	const char *step; /* what we were doing, for the error message */
};

struct demo_person {
	int sex;   /* 1 male, 2 female */
	int birth; /* yyyymmdd */
	char given[80];
	char family[80];
	int depts[2];
	int n_depts;
	const char *groups[3];
	int n_groups;
	int no_code; /* 1: never give a personal code (unidentified) */
	int64_t id;  /* set by person_insert */
	int since;   /* first department's since date, set by person_insert */
};

/*
 * Runs one statement with parameters described by `types`, one character
 * per parameter: 'i' int64, 'I' int64 with 0 meaning NULL, 's' text (NULL
 * binds NULL). With id non-NULL the statement should return a row whose
 * first column is stored there; ERR_NOT_FOUND if it returned none.
 * Returns 0 or a negative error.
 */
static int demo_exec(struct demo *d, const char *sql, int64_t *id, const char *types, ...)
{
	struct db_stmt *st;
	va_list ap;
	int rc = db_prepare(d->db, sql, &st);
	if (rc)
		return rc;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 'i') {
			db_bind_int(st, i + 1, va_arg(ap, int64_t));
		} else if (types[i] == 'I') {
			int64_t v = va_arg(ap, int64_t);
			if (v)
				db_bind_int(st, i + 1, v);
			else
				db_bind_null(st, i + 1);
		} else {
			db_bind_text(st, i + 1, va_arg(ap, const char *));
		}
	}
	va_end(ap);
	rc = db_step(st);
	if (id) {
		if (rc == DB_ROW) {
			*id = db_col_int(st, 0);
			rc = 0;
		} else {
			rc = rc < 0 ? rc : ERR_NOT_FOUND;
		}
	} else if (rc == DB_ROW) {
		rc = 0;
	}
	db_stmt_done(st);
	return rc;
}

/* Reads one integer (0 when there is no row). */
static int demo_query_int(struct demo *d, const char *sql, const char *text, int64_t *out)
{
	struct db_stmt *st;
	int rc = db_prepare(d->db, sql, &st);
	if (rc)
		return rc;
	if (text)
		db_bind_text(st, 1, text);
	*out = 0;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_col_int(st, 0);
		rc = 0;
	}
	db_stmt_done(st);
	return rc;
}

/* "INSERT ... VALUES ($1, $2), ($3, $4), ..." for `rows` rows. */
static char *rows_sql(const char *insert, int ncols, int rows)
{
	size_t cap = strlen(insert) + (size_t)rows * (size_t)ncols * 10 + 16;
	char *sql = malloc(cap);
	if (!sql)
		return NULL;
	size_t len = (size_t)snprintf(sql, cap, "%s", insert);
	for (int r = 0; r < rows; r++)
		for (int c = 0; c < ncols; c++)
			len += (size_t)snprintf(sql + len, cap - len, "%s$%d%s", c ? "" : (r ? ", (" : "("),
						r * ncols + c + 1, c + 1 < ncols ? ", " : ")");
	return sql;
}

static void rows_free(struct demo_rows *b)
{
	if (!b)
		return;
	free(b->sql_many);
	free(b->sql_one);
	free(b);
}

/* insert is "INSERT INTO t (a, b) VALUES "; types one char per column. */
static struct demo_rows *rows_new(const char *insert, const char *types)
{
	struct demo_rows *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->types = types;
	b->ncols = (int)strlen(types);
	b->sql_many = rows_sql(insert, b->ncols, ROWS_MAX);
	b->sql_one = rows_sql(insert, b->ncols, 1);
	if (!b->sql_many || !b->sql_one || b->ncols > ROWS_MAX_COLS) {
		rows_free(b);
		return NULL;
	}
	return b;
}

static void rows_bind(struct demo_rows *b, struct db_stmt *st, int row, int first_param)
{
	for (int c = 0; c < b->ncols; c++) {
		int idx = row * b->ncols + c;
		if (b->types[c] == 'i')
			db_bind_int(st, first_param + c, b->vals[idx].i);
		else
			db_bind_text(st, first_param + c, b->vals[idx].s);
	}
}

/* Writes the buffered rows: one ROWS_MAX-row statement when full, else
 * row by row (so only two SQL texts per table reach the cache). */
static int rows_flush(struct demo *d, struct demo_rows *b)
{
	struct db_stmt *st;
	int rc = 0;
	if (b->n == ROWS_MAX) {
		rc = db_prepare(d->db, b->sql_many, &st);
		if (rc)
			return rc;
		for (int r = 0; r < b->n; r++)
			rows_bind(b, st, r, r * b->ncols + 1);
		rc = db_step(st);
		db_stmt_done(st);
	} else {
		for (int r = 0; r < b->n && rc >= 0; r++) {
			rc = db_prepare(d->db, b->sql_one, &st);
			if (rc)
				return rc;
			rows_bind(b, st, r, 1);
			rc = db_step(st);
			db_stmt_done(st);
		}
	}
	b->n = 0;
	b->used = 0;
	return rc < 0 ? rc : 0;
}

static int rows_flush_all(struct demo *d)
{
	for (int i = 0; i < R_COUNT; i++) {
		int rc = rows_flush(d, d->rows[i]);
		if (rc)
			return rc;
	}
	return 0;
}

/* Adds one row; the arguments follow the buffer's types (int64_t for 'i',
 * const char * for 's'). Text is copied. */
static int rows_add(struct demo *d, int which, ...)
{
	struct demo_rows *b = d->rows[which];
	va_list ap;
	int rc;
	if (b->used + 1024 > sizeof(b->arena) && (rc = rows_flush(d, b)))
		return rc;
	va_start(ap, which);
	for (int c = 0; c < b->ncols; c++) {
		int idx = b->n * b->ncols + c;
		if (b->types[c] == 'i') {
			b->vals[idx].i = va_arg(ap, int64_t);
		} else {
			const char *s = va_arg(ap, const char *);
			size_t len = s ? strlen(s) : 0;
			if (s && len < 256) {
				memcpy(b->arena + b->used, s, len + 1);
				b->vals[idx].s = b->arena + b->used;
				b->used += len + 1;
			} else {
				b->vals[idx].s = NULL; /* only NULL or short texts come here */
			}
		}
	}
	va_end(ap);
	b->n++;
	return b->n == ROWS_MAX ? rows_flush(d, b) : 0;
}

/* The display form "Given Family" and the staff sort key "family given". */
static int staff_sort_key(const char *given, const char *family, char *key, size_t cap)
{
	char full[200];
	snprintf(full, sizeof(full), "%s %s", family, given);
	return text_collate_key(full, key, cap) < 0 ? ERR_INVALID : 0;
}

/* An ASCII e-mail local part "given.family" from folded names. */
static void email_local(const char *given, const char *family, char *out, size_t cap)
{
	char full[200];
	snprintf(full, sizeof(full), "%s %s", given, family);
	if (text_fold(full, out, cap) < 0)
		snprintf(out, cap, "darbuotojas");
	for (char *p = out; *p; p++)
		if (*p == ' ')
			*p = '.';
}

static void name_random(struct demo_rng *r, int sex, int year, int married_pct,
			char *given, size_t gcap, char *family, size_t fcap)
{
	given_pick(r, sex, year, given, gcap);
	const char *s = surname_pick(r);
	if (sex == 1)
		surname_form(s, SURNAME_MALE, family, fcap);
	else
		surname_form(s, rng_chance(r, (unsigned)married_pct * 10) ? SURNAME_MARRIED : SURNAME_MAIDEN,
			     family, fcap);
}

static int user_add(struct demo *d, const char *hash, const char *username, const char *display,
		    const char *role, int64_t dept, int64_t inst, int64_t staff, const char *what,
		    int64_t *id)
{
	int rc = demo_exec(d,
			   "INSERT INTO users (username, display_name, password_hash, role, department_id,"
			   " institution_id, staff_id, password_changed_at, created_at, updated_at)"
			   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8)"
			   " ON CONFLICT (username) DO NOTHING RETURNING id",
			   id, "ssssIIIs", username, display, hash, role, dept, inst, staff, d->now);
	struct demo_login *l = &d->logins[d->n_logins++];
	l->username = username;
	l->what = what;
	l->kept = 0;
	if (rc == ERR_NOT_FOUND) {
		/* ON CONFLICT DO NOTHING returns no row: the user existed. */
		l->kept = 1;
		rc = demo_query_int(d, "SELECT id FROM users WHERE username = $1", username, id);
		if (!rc && !*id)
			rc = ERR_DB;
		return rc;
	}
	if (!rc)
		d->n.users++;
	return rc;
}

/* Loads the department ids that exist; returns how many of the seven. */
static int departments_load(struct demo *d, int *found)
{
	*found = 0;
	for (int i = 0; i < D_COUNT; i++) {
		int rc = demo_query_int(d, "SELECT id FROM departments WHERE code = $1",
					departments[i].code, &d->dept_id[i]);
		if (rc)
			return rc;
		if (d->dept_id[i])
			(*found)++;
	}
	return 0;
}

/* Creates the centre, departments, partners, staff, teams and users, or
 * reuses what exists. Runs inside the caller's write transaction. */
static int org_create(struct demo *d, const char *hash)
{
	int64_t centre = 0, school = 0, id = 0;
	int64_t head_family = 0, sw_family = 0, sw_home = 0, director = 0;
	int64_t team_mobile = 0, team_integrated = 0;
	int found, rc;
	char given[80], family[80], key[400], email[200], local[160], phone[32], display[200];

	d->step = "reading departments";
	rc = departments_load(d, &found);
	if (rc)
		return rc;
	if (found) {
		/* Reuse the organisation; add only departments that are missing
		 * (under the centre of an existing one). */
		d->org_reused = 1;
		for (int i = 0; i < D_COUNT && !centre; i++)
			if (d->dept_id[i]) {
				rc = demo_exec(d, "SELECT institution_id FROM departments WHERE id = $1",
					       &centre, "i", d->dept_id[i]);
				if (rc)
					return rc;
			}
		d->step = "adding missing departments";
		for (int i = 0; i < D_COUNT; i++) {
			if (d->dept_id[i])
				continue;
			rc = demo_exec(d,
				       "INSERT INTO departments (institution_id, code, name_lt, name_en, created_at, updated_at)"
				       " VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
				       &d->dept_id[i], "issss", centre, departments[i].code, departments[i].name_lt,
				       departments[i].name_en, d->now);
			if (rc)
				return rc;
			d->n.departments++;
		}
		d->step = "reading users";
		rc = demo_query_int(d, "SELECT id FROM users WHERE username = $1", "admin", &d->user_admin);
		if (!rc)
			rc = demo_query_int(d, "SELECT id FROM users WHERE username = $1", "socdarb", &d->user_sw_family);
		if (!rc)
			rc = demo_query_int(d, "SELECT id FROM users WHERE username = $1", "socdarb2", &d->user_sw_home);
		if (!rc && !d->user_sw_family)
			rc = demo_query_int(d, "SELECT MIN(id) FROM users", NULL, &d->user_sw_family);
		if (!d->user_sw_home)
			d->user_sw_home = d->user_sw_family;
		return rc;
	}

	d->step = "creating the centre";
	rc = demo_exec(d,
		       "INSERT INTO institutions (kind, name, code, address, phone, email, created_at, updated_at)"
		       " VALUES ('centre', $1, $2, $3, $4, $5, $6, $6) RETURNING id",
		       &centre, "ssssss", "Pavyzdžių socialinių paslaugų centras", "190000000",
		       "Aušros g. 1, LT-28100 Utena", "+370 389 00000", "info@spc.example", d->now);
	if (rc)
		return rc;
	d->n.institutions++;
	for (int i = 0; i < D_COUNT; i++) {
		rc = demo_exec(d,
			       "INSERT INTO departments (institution_id, code, name_lt, name_en, created_at, updated_at)"
			       " VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
			       &d->dept_id[i], "issss", centre, departments[i].code, departments[i].name_lt,
			       departments[i].name_en, d->now);
		if (rc)
			return rc;
		d->n.departments++;
	}

	d->step = "creating partner institutions";
	for (size_t i = 0; i < ARRAY_LEN(partners); i++) {
		snprintf(phone, sizeof(phone), "+370 389 %05d", rng_range(&d->rng, 50000, 69999));
		snprintf(email, sizeof(email), "info@partneris%zu.example", i + 1);
		rc = demo_exec(d,
			       "INSERT INTO institutions (kind, partner_type, name, address, phone, email, created_at, updated_at)"
			       " VALUES ('partner', $1, $2, $3, $4, $5, $6, $6) RETURNING id",
			       &id, "ssssss", partners[i].type, partners[i].name, partners[i].address, phone, email,
			       d->now);
		if (rc)
			return rc;
		d->n.institutions++;
		if (!school && !strcmp(partners[i].type, "school"))
			school = id;
		for (int c = 0; c < partners[i].contacts; c++) {
			int sex = rng_chance(&d->rng, 750) ? 2 : 1;
			name_random(&d->rng, sex, rng_range(&d->rng, 1960, 1995), 60, given, sizeof(given), family,
				    sizeof(family));
			snprintf(display, sizeof(display), "%s %s", given, family);
			email_local(given, family, local, sizeof(local));
			snprintf(email, sizeof(email), "%s@partneris%zu.example", local, i + 1);
			snprintf(phone, sizeof(phone), "+370 6%02d %05d", rng_range(&d->rng, 0, 99),
				 rng_range(&d->rng, 0, 99999));
			rc = demo_exec(d,
				       "INSERT INTO institution_contacts (institution_id, name, role, phone, email)"
				       " VALUES ($1, $2, $3, $4, $5)",
				       NULL, "issss", id, display, c == 0 ? partners[i].contact_role : "Vadovas", phone,
				       email);
			if (rc)
				return rc;
			d->n.contacts++;
		}
	}

	d->step = "creating teams";
	rc = demo_exec(d,
		       "INSERT INTO teams (department_id, name, kind, created_at, updated_at)"
		       " VALUES ($1, $2, $3, $4, $4) RETURNING id",
		       &team_mobile, "isss", d->dept_id[D_HOME], "Mobilioji pagalbos namuose komanda", "mobile", d->now);
	if (!rc)
		rc = demo_exec(d,
			       "INSERT INTO teams (department_id, name, kind, created_at, updated_at)"
			       " VALUES ($1, $2, $3, $4, $4) RETURNING id",
			       &team_integrated, "isss", d->dept_id[D_HOME], "Integralios pagalbos komanda",
			       "integrated_help", d->now);
	if (rc)
		return rc;
	d->n.teams += 2;

	d->step = "creating staff";
	for (size_t i = 0; i < ARRAY_LEN(staff_posts); i++) {
		for (int k = 0; k < staff_posts[i].count; k++) {
			/* Most social-services staff are women; the first family
			 * support head is a woman so "vedeja" reads right. */
			int sex = rng_chance(&d->rng, 820) ? 2 : 1;
			if (staff_posts[i].dept == D_FAMILY && !head_family)
				sex = 2;
			name_random(&d->rng, sex, rng_range(&d->rng, 1965, 1998), 70, given, sizeof(given), family,
				    sizeof(family));
			rc = staff_sort_key(given, family, key, sizeof(key));
			if (rc)
				return rc;
			email_local(given, family, local, sizeof(local));
			snprintf(email, sizeof(email), "%s@spc.example", local);
			snprintf(phone, sizeof(phone), "+370 6%02d %05d", rng_range(&d->rng, 0, 99),
				 rng_range(&d->rng, 0, 99999));
			int dept = staff_posts[i].dept;
			rc = demo_exec(d,
				       "INSERT INTO staff (institution_id, department_id, given_names, family_name, sort_key,"
				       " position, category, skills, email, phone, created_at, updated_at)"
				       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
				       &id, "iIsssssssss", centre, dept < 0 ? (int64_t)0 : d->dept_id[dept], given, family,
				       key, sex == 2 ? staff_posts[i].pos_f : staff_posts[i].pos_m,
				       staff_posts[i].category, staff_posts[i].skills, email, phone, d->now);
			if (rc)
				return rc;
			d->n.staff++;
			if (dept < 0 && !director)
				director = id;
			if (dept == D_FAMILY && !head_family)
				head_family = id;
			else if (dept == D_FAMILY && !sw_family && staff_posts[i].category)
				sw_family = id;
			if (dept == D_HOME && !sw_home && staff_posts[i].category && staff_posts[i].teams)
				sw_home = id;
			if (staff_posts[i].teams & 1) {
				rc = demo_exec(d, "INSERT INTO team_members (team_id, staff_id) VALUES ($1, $2)", NULL,
					       "ii", team_mobile, id);
				if (rc)
					return rc;
				d->n.team_members++;
			}
			if (staff_posts[i].teams & 2) {
				rc = demo_exec(d, "INSERT INTO team_members (team_id, staff_id) VALUES ($1, $2)", NULL,
					       "ii", team_integrated, id);
				if (rc)
					return rc;
				d->n.team_members++;
			}
		}
	}

	d->step = "creating users";
	char dn_dir[200] = "Direktorė", dn_head[200] = "Skyriaus vedėja", dn_sw[200] = "Socialinė darbuotoja",
	     dn_sw2[200] = "Socialinė darbuotoja";
	struct {
		int64_t id;
		char *out;
	} names[] = {{director, dn_dir}, {head_family, dn_head}, {sw_family, dn_sw}, {sw_home, dn_sw2}};
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		struct db_stmt *st;
		rc = db_prepare(d->db, "SELECT given_names, family_name FROM staff WHERE id = $1", &st);
		if (rc)
			return rc;
		db_bind_int(st, 1, names[i].id);
		if (db_step(st) == DB_ROW)
			snprintf(names[i].out, 200, "%s %s", db_col_text(st, 0), db_col_text(st, 1));
		db_stmt_done(st);
	}
	int64_t ignored;
	rc = user_add(d, hash, "admin", "Sistemos administratorius", "admin", 0, 0, 0, "administrator",
		      &d->user_admin);
	if (!rc)
		rc = user_add(d, hash, "direktore", dn_dir, "director", 0, 0, director, "director", &ignored);
	if (!rc)
		rc = user_add(d, hash, "vedeja", dn_head, "head", d->dept_id[D_FAMILY], 0, head_family,
			      "head of family_support", &ignored);
	if (!rc)
		rc = user_add(d, hash, "socdarb", dn_sw, "social_worker", d->dept_id[D_FAMILY], 0, sw_family,
			      "social worker, family_support", &d->user_sw_family);
	if (!rc)
		rc = user_add(d, hash, "socdarb2", dn_sw2, "social_worker", d->dept_id[D_HOME], 0, sw_home,
			      "social worker, home_help", &d->user_sw_home);
	if (!rc)
		rc = user_add(d, hash, "partneris", "Mokyklos socialinė pedagogė", "partner", 0, school, 0,
			      "partner: Utenos Aukštakalnio progimnazija", &ignored);
	if (!rc)
		rc = user_add(d, hash, "auditorius", "Duomenų apsaugos pareigūnas", "auditor", 0, 0, 0, "auditor",
			      &ignored);
	return rc;
}

/* ---- Persons. ---- */

static int64_t days_of(int yyyymmdd)
{
	return date_to_days(yyyymmdd);
}

/* A random date in lo..hi (yyyymmdd, lo <= hi). */
static int date_between(struct demo_rng *r, int lo, int hi)
{
	int64_t a = days_of(lo), b = days_of(hi);
	if (b <= a)
		return lo;
	return date_from_days(a + (int64_t)rng_below(r, (uint32_t)(b - a + 1)));
}

/* A birth date for someone aged amin..amax on DEMO_REF_DATE (31 Dec, so
 * the age is just the difference of years). */
static int birth_for_age(struct demo_rng *r, int amin, int amax)
{
	int lo = (DEMO_REF_YEAR - amax) * 10000 + 101;
	int hi = (DEMO_REF_YEAR - amin) * 10000 + 1231;
	if (lo < DEMO_BIRTH_MIN)
		lo = DEMO_BIRTH_MIN;
	if (hi > DEMO_BIRTH_MAX)
		hi = DEMO_BIRTH_MAX;
	return date_between(r, lo, hi);
}

static int birth_in_years(struct demo_rng *r, int ylo, int yhi)
{
	int lo = ylo * 10000 + 101, hi = yhi * 10000 + 1231;
	if (lo < DEMO_BIRTH_MIN)
		lo = DEMO_BIRTH_MIN;
	if (hi > DEMO_BIRTH_MAX)
		hi = DEMO_BIRTH_MAX;
	return date_between(r, lo, hi);
}

static int age_of(int birth)
{
	return DEMO_REF_YEAR - birth / 10000;
}

/* The date someone turns `years` (29 Feb -> 28 Feb). */
static int birthday_at(int birth, int years)
{
	int y = birth / 10000 + years, md = birth % 10000;
	if (md == 229 && !date_valid(y, 2, 29))
		md = 228;
	return y * 10000 + md;
}

static void person_dept(struct demo_person *p, int dept)
{
	for (int i = 0; i < p->n_depts; i++)
		if (p->depts[i] == dept)
			return;
	if (p->n_depts < 2)
		p->depts[p->n_depts++] = dept;
}

static void person_group(struct demo_person *p, const char *code)
{
	for (int i = 0; i < p->n_groups; i++)
		if (!strcmp(p->groups[i], code))
			return;
	if (p->n_groups < 3)
		p->groups[p->n_groups++] = code;
}

static const char *const notes_plain[] = {
	"Pirminis pokalbis: aptarti poreikiai, suderintas kito vizito laikas.",
	"Aptarta pagalbos į namus tvarka, sutarta dėl vizitų du kartus per savaitę.",
	"Šeima lankyta namuose; vaikai lanko mokyklą, tartasi dėl lankomumo stebėsenos.",
	"Suteikta informacija apie piniginę socialinę paramą ir kompensacijas.",
	"Tarpininkauta kreipiantis į užimtumo tarnybą.",
	"Asmuo dalyvavo bendruomenės renginyje, bendrauja noriai.",
	"Aptartas individualus pagalbos planas, tikslai peržiūrėti po trijų mėnesių.",
	"Telefonu patikslinta kontaktinė informacija.",
};

static const char *const notes_special[] = {
	"Sveikatos būklė pablogėjo, reikalinga slaugytojos konsultacija namuose.",
	"Judėjimo negalia: naudojasi vežimėliu, reikia techninės pagalbos priemonių.",
	"Dalyvauja priklausomybės gydymo programoje, vizitai derinami su gydytoju.",
	"Nustatytas nedidelis dalyvumo lygis; laukiama ANTA vertinimo.",
	"Diagnozuotas cukrinis diabetas, reikalinga priežiūra vartojant vaistus.",
};

/* Inserts the person and what hangs off them: departments, groups, the
 * address (NULL: none) and sometimes a note. */
static int person_insert(struct demo *d, struct demo_person *p, const struct demo_address *addr)
{
	struct demo_rng *r = &d->rng;
	char code[12], other[16], phone[20], birth[DATE_ISO_LEN], since_s[DATE_ISO_LEN], from_s[DATE_ISO_LEN];
	char full[200], fold[420], key[820];
	const char *code_p = NULL, *other_type = NULL, *other_p = NULL, *phone_p = NULL;
	int identified = 1, rc;
	unsigned roll = rng_below(r, 1000);

	if (p->no_code || roll < 10) {
		identified = 0; /* registered before identification */
	} else if (roll < 40) {
		other_type = "passport";
		snprintf(other, sizeof(other), "%08u", rng_below(r, 100000000));
		other_p = other;
	} else {
		int64_t idx = days_of(p->birth) - d->birth_min_days;
		if (idx >= 0 && idx < d->birth_days) {
			uint16_t *next = &d->serials[idx * 2 + (p->sex - 1)];
			int serial = *next + (int)rng_below(r, 12);
			if (serial <= 999 &&
			    !personal_code_make(p->sex, p->birth / 10000, p->birth / 100 % 100, p->birth % 100,
						serial, code)) {
				*next = (uint16_t)(serial + 1);
				code_p = code;
			}
		}
		if (!code_p) { /* that day's serials ran out: a foreigner then */
			other_type = "passport";
			snprintf(other, sizeof(other), "%08u", rng_below(r, 100000000));
			other_p = other;
		}
	}
	if (age_of(p->birth) >= 14 && rng_chance(r, 620)) {
		snprintf(phone, sizeof(phone), "+3706%07u", rng_below(r, 10000000));
		phone_p = phone;
	}
	date_format(p->birth, birth);
	snprintf(full, sizeof(full), "%s %s", p->family, p->given);
	if (text_fold(full, fold, sizeof(fold)) < 0 || text_collate_key(full, key, sizeof(key)) < 0)
		return ERR_INVALID;
	rc = demo_exec(d,
		       "INSERT INTO persons (personal_code, other_id_type, other_id_number, identified, given_names,"
		       " family_name, name_fold, sort_key, sex, birth_date, phone, created_at, created_by, updated_at)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12) RETURNING id",
		       &p->id, "sssissssssssI", code_p, other_type, other_p, (int64_t)identified, p->given, p->family,
		       fold, key, p->sex == 1 ? "M" : "F", birth, phone_p, d->now, d->user_admin);
	if (rc)
		return rc;
	d->n.persons++;

	int lo = p->birth > DEMO_SINCE_MIN ? p->birth : DEMO_SINCE_MIN;
	p->since = 0;
	for (int i = 0; i < p->n_depts; i++) {
		int since = date_between(r, lo, DEMO_REF_DATE);
		if (!p->since || since < p->since)
			p->since = since;
		date_format(since, since_s);
		rc = rows_add(d, R_PERSON_DEPT, p->id, d->dept_id[p->depts[i]], since_s);
		if (rc)
			return rc;
		d->n.person_departments++;
	}
	for (int i = 0; i < p->n_groups; i++) {
		int from = p->since ? p->since : date_between(r, lo, DEMO_REF_DATE);
		if (!strcmp(p->groups[i], "elderly") && birthday_at(p->birth, 65) > from)
			from = birthday_at(p->birth, 65);
		date_format(from, from_s);
		rc = rows_add(d, R_PERSON_GROUP, p->id, p->groups[i], from_s);
		if (rc)
			return rc;
		d->n.person_groups++;
	}
	if (addr) {
		date_format(date_between(r, p->birth, DEMO_REF_DATE), from_s);
		rc = rows_add(d, R_ADDRESS, p->id, addr->kind_temporary ? "temporary" : "residence", addr->line,
			      addr->city, "Utenos r. sav.", addr->postal, addr->lat_e6, addr->lon_e6, from_s);
		if (rc)
			return rc;
		d->n.addresses++;
	}
	if (d->user_sw_family && rng_chance(r, 15)) {
		int special = rng_chance(r, 300);
		int64_t author = d->user_sw_family;
		for (int i = 0; i < p->n_depts; i++)
			if (p->depts[i] == D_HOME || p->depts[i] == D_ELDERLY)
				author = d->user_sw_home;
		char ts[40], day_s[DATE_ISO_LEN];
		date_format(date_between(r, p->since ? p->since : 20240101, DEMO_REF_DATE), day_s);
		snprintf(ts, sizeof(ts), "%sT%02d:%02d:00.000Z", day_s, rng_range(r, 6, 14), rng_range(r, 0, 59));
		rc = demo_exec(d,
			       "INSERT INTO person_notes (person_id, author_id, created_at, special_category, body)"
			       " VALUES ($1, $2, $3, $4, $5)",
			       NULL, "iisis", p->id, author, ts, (int64_t)special,
			       special ? PICK(r, notes_special) : PICK(r, notes_plain));
		if (rc)
			return rc;
		d->n.notes++;
	}
	return 0;
}

/* Departments and groups for someone living alone, by age. */
static void profile_single(struct demo_rng *r, struct demo_person *p, int *homeless)
{
	int age = age_of(p->birth);
	*homeless = 0;
	if (age >= 65) {
		person_dept(p, rng_chance(r, 550) ? D_HOME : D_ELDERLY);
		if (rng_chance(r, 150))
			person_dept(p, rng_chance(r, 500) ? D_COMMUNITY : (p->depts[0] == D_HOME ? D_ELDERLY : D_HOME));
		person_group(p, "elderly");
		if (rng_chance(r, 120))
			person_group(p, "adults_disabled");
		return;
	}
	if (age < 18) {
		person_dept(p, rng_chance(r, 650) ? D_CHILDREN : D_FAMILY);
		if (rng_chance(r, 150))
			person_dept(p, p->depts[0] == D_CHILDREN ? D_FAMILY : D_CHILDREN);
		unsigned x = rng_below(r, 1000);
		person_group(p, x < 600 ? "children_social_risk" : x < 680 ? "children_disabled"
						    : x < 720 ? "children_no_parental_care" : "other");
		return;
	}
	unsigned x = rng_below(r, 1000);
	if (x < 250) {
		person_dept(p, D_FAMILY);
		unsigned y = rng_below(r, 1000);
		person_group(p, y < 500 ? "adults_families_social_risk"
			     : (y < 800 || p->sex == 1) ? "families_in_crisis" : "domestic_violence_victims");
	} else if (x < 550) {
		person_dept(p, D_COMMUNITY);
		unsigned y = rng_below(r, 1000);
		if (age <= 29 && y < 300)
			person_group(p, "youth_fewer_opportunities");
		else if (y < 700)
			person_group(p, "unemployed");
		else if (y < 780)
			person_group(p, "released_from_prison");
		else
			person_group(p, "other");
	} else if (x < 670) {
		person_dept(p, D_SHELTER);
		person_group(p, "homeless");
		if (rng_chance(r, 200))
			person_group(p, "released_from_prison");
		*homeless = 1;
	} else if (x < 770) {
		person_dept(p, D_INDEPENDENT);
		person_group(p, rng_chance(r, 600) ? "adults_disabled" : "other");
	} else if (x < 900) {
		person_dept(p, D_ELDERLY);
		person_group(p, "adults_disabled");
	} else {
		person_dept(p, D_HOME);
		person_group(p, "adults_disabled");
	}
	if (!*homeless && rng_chance(r, 100))
		person_dept(p, D_COMMUNITY);
}

static int person_single(struct demo *d)
{
	struct demo_rng *r = &d->rng;
	struct demo_person p;
	struct demo_address a;
	int homeless;
	unsigned x = rng_below(r, 1000);

	memset(&p, 0, sizeof(p));
	if (x < 380)
		p.birth = rng_chance(r, 850) ? birth_for_age(r, 65, 92) : birth_for_age(r, 65, 100);
	else if (x < 550)
		p.birth = birth_for_age(r, 1, 17);
	else
		p.birth = birth_for_age(r, 18, 64);
	int age = age_of(p.birth);
	p.sex = age >= 65 ? (rng_chance(r, 640) ? 2 : 1) : (rng_chance(r, 500) ? 2 : 1);
	name_random(r, p.sex, p.birth / 10000, age >= 65 ? 90 : age >= 30 ? 65 : age >= 18 ? 20 : 0, p.given,
		    sizeof(p.given), p.family, sizeof(p.family));
	profile_single(r, &p, &homeless);
	if (homeless) {
		/* The shelter's address, for half of its guests. */
		memset(&a, 0, sizeof(a));
		a.kind_temporary = 1;
		a.city = "Utena";
		snprintf(a.line, sizeof(a.line), "Pramonės g. 5");
		snprintf(a.postal, sizeof(a.postal), "LT-28216");
		a.lat_e6 = 55488400;
		a.lon_e6 = 25613100;
		return person_insert(d, &p, rng_chance(r, 500) ? &a : NULL);
	}
	address_make(r, &a);
	return person_insert(d, &p, rng_chance(r, 900) ? &a : NULL);
}

/* (a, b, kind_ab) and (b, a, kind_ba): "(a, b, parent)" means b is a's
 * parent. */
static int relation_pair(struct demo *d, int64_t a, int64_t b, const char *kind_ab, const char *kind_ba)
{
	int rc = rows_add(d, R_RELATION, a, b, kind_ab);
	if (!rc)
		rc = rows_add(d, R_RELATION, b, a, kind_ba);
	if (!rc)
		d->n.relations += 2;
	return rc;
}

static int representative_add(struct demo *d, int64_t person, int64_t rep, const char *kind, const char *doc,
			      int from)
{
	char from_s[DATE_ISO_LEN];
	date_format(from, from_s);
	int rc = demo_exec(d,
			   "INSERT INTO representatives (person_id, representative_id, kind, document, date_from)"
			   " VALUES ($1, $2, $3, $4, $5)",
			   NULL, "iisss", person, rep, kind, doc, from_s);
	if (!rc)
		d->n.representatives++;
	return rc;
}

enum household_kind { HH_FAMILY, HH_SINGLE_PARENT, HH_ELDERLY_COUPLE, HH_ELDER_AND_CHILD };

/* One household of 2..5 persons with consistent ages, surnames, relations
 * both ways, one address and a head. Returns the number of persons added
 * in *added. */
static int household_make(struct demo *d, int *added)
{
	struct demo_rng *r = &d->rng;
	struct demo_person m[5];
	struct demo_address a;
	int n = 0, head = 0, rc;
	int64_t hh;
	char hname[120], fam[80];
	unsigned x = rng_below(r, 1000);
	enum household_kind kind = x < 350 ? HH_FAMILY : x < 550 ? HH_SINGLE_PARENT : x < 800 ? HH_ELDERLY_COUPLE
											 : HH_ELDER_AND_CHILD;
	const char *sur = surname_pick(r);

	memset(m, 0, sizeof(m));
	*added = 0;
	if (kind == HH_FAMILY || kind == HH_SINGLE_PARENT) {
		/* Mother 22..55; children born when she was 18..44, all under 18. */
		int mother_year = DEMO_REF_YEAR - rng_range(r, 22, 52);
		int kids = rng_range(r, 1, 3);
		int has_father = kind == HH_FAMILY || rng_chance(r, 200);
		int mother_married = kind == HH_FAMILY || rng_chance(r, 600);
		struct demo_person *mo;
		if (has_father) {
			struct demo_person *fa = &m[n++];
			fa->sex = 1;
			int fy = mother_year - rng_range(r, 0, 6);
			fa->birth = birth_in_years(r, fy, fy);
			given_pick(r, 1, fy, fa->given, sizeof(fa->given));
			surname_form(sur, SURNAME_MALE, fa->family, sizeof(fa->family));
			person_dept(fa, D_FAMILY);
			person_group(fa, rng_chance(r, 600) ? "adults_families_social_risk" : "families_in_crisis");
		}
		mo = &m[n++];
		mo->sex = 2;
		mo->birth = birth_in_years(r, mother_year, mother_year);
		given_pick(r, 2, mother_year, mo->given, sizeof(mo->given));
		surname_form(sur, mother_married ? SURNAME_MARRIED : SURNAME_MAIDEN, mo->family, sizeof(mo->family));
		person_dept(mo, D_FAMILY);
		person_group(mo, rng_chance(r, 600) ? "adults_families_social_risk" : "families_in_crisis");
		if (!has_father && rng_chance(r, 150))
			person_group(mo, "domestic_violence_victims");
		if (has_father && kind == HH_SINGLE_PARENT) {
			/* A father raising children alone: drop the mother. */
			n--;
			memset(mo, 0, sizeof(*mo));
		}
		int ky_lo = mother_year + 18 > DEMO_REF_YEAR - 17 ? mother_year + 18 : DEMO_REF_YEAR - 17;
		int ky_hi = mother_year + 44 < 2024 ? mother_year + 44 : 2024;
		for (int k = 0; k < kids && n < 5; k++) {
			struct demo_person *c = &m[n++];
			c->sex = rng_chance(r, 500) ? 2 : 1;
			c->birth = birth_in_years(r, ky_lo, ky_hi);
			given_pick(r, c->sex, c->birth / 10000, c->given, sizeof(c->given));
			surname_form(sur, c->sex == 1 ? SURNAME_MALE : SURNAME_MAIDEN, c->family, sizeof(c->family));
			person_dept(c, D_FAMILY);
			if (rng_chance(r, 400))
				person_dept(c, D_CHILDREN);
			person_group(c, rng_chance(r, 60) ? "children_disabled" : "children_social_risk");
		}
	} else if (kind == HH_ELDERLY_COUPLE) {
		int hy = DEMO_REF_YEAR - rng_range(r, 65, 92);
		int wy = hy + rng_range(r, 0, 5);
		m[0].sex = 1;
		m[0].birth = birth_in_years(r, hy, hy);
		given_pick(r, 1, hy, m[0].given, sizeof(m[0].given));
		surname_form(sur, SURNAME_MALE, m[0].family, sizeof(m[0].family));
		m[1].sex = 2;
		m[1].birth = birth_in_years(r, wy, wy);
		given_pick(r, 2, wy, m[1].given, sizeof(m[1].given));
		surname_form(sur, SURNAME_MARRIED, m[1].family, sizeof(m[1].family));
		int dept = rng_chance(r, 650) ? D_HOME : D_ELDERLY;
		for (int i = 0; i < 2; i++) {
			person_dept(&m[i], dept);
			person_group(&m[i], age_of(m[i].birth) >= 65 ? "elderly" : "carers");
			if (rng_chance(r, 100))
				person_group(&m[i], "adults_disabled");
		}
		n = 2;
	} else {
		/* An old parent (mostly a widow) and the adult child who cares
		 * for them; a daughter usually carries her husband's name. */
		int py = DEMO_REF_YEAR - rng_range(r, 75, 100);
		int cy = py + rng_range(r, 20, 38);
		m[0].sex = rng_chance(r, 750) ? 2 : 1;
		m[0].birth = birth_in_years(r, py, py);
		given_pick(r, m[0].sex, py, m[0].given, sizeof(m[0].given));
		surname_form(sur, m[0].sex == 1 ? SURNAME_MALE : SURNAME_MARRIED, m[0].family, sizeof(m[0].family));
		person_dept(&m[0], rng_chance(r, 700) ? D_HOME : D_ELDERLY);
		person_group(&m[0], "elderly");
		m[1].sex = rng_chance(r, 600) ? 2 : 1;
		m[1].birth = birth_in_years(r, cy, cy);
		given_pick(r, m[1].sex, cy, m[1].given, sizeof(m[1].given));
		if (m[1].sex == 1)
			surname_form(sur, SURNAME_MALE, m[1].family, sizeof(m[1].family));
		else if (rng_chance(r, 700))
			surname_form(surname_pick(r), SURNAME_MARRIED, m[1].family, sizeof(m[1].family));
		else
			surname_form(sur, SURNAME_MAIDEN, m[1].family, sizeof(m[1].family));
		person_dept(&m[1], m[0].depts[0]);
		person_group(&m[1], "carers");
		n = 2;
	}

	surname_form(sur, SURNAME_FAMILY, fam, sizeof(fam));
	snprintf(hname, sizeof(hname), "%s šeima", fam);
	rc = demo_exec(d, "INSERT INTO households (name, created_at, updated_at) VALUES ($1, $2, $2) RETURNING id", &hh,
		       "ss", hname, d->now);
	if (rc)
		return rc;
	d->n.households++;
	address_make(r, &a);
	for (int i = 0; i < n; i++) {
		rc = person_insert(d, &m[i], &a);
		if (rc)
			return rc;
		rc = rows_add(d, R_HOUSEHOLD_MEMBER, hh, m[i].id, i == head ? "head" : "member");
		if (rc)
			return rc;
		d->n.household_members++;
	}
	*added = n;

	if (kind == HH_FAMILY || kind == HH_SINGLE_PARENT) {
		int parents = 0;
		while (parents < n && age_of(m[parents].birth) >= 18)
			parents++;
		if (parents == 2) {
			rc = relation_pair(d, m[0].id, m[1].id, "spouse", "spouse");
			if (rc)
				return rc;
		}
		for (int c = parents; c < n; c++) {
			for (int pa = 0; pa < parents; pa++) {
				rc = relation_pair(d, m[c].id, m[pa].id, "parent", "child");
				if (rc)
					return rc;
			}
			for (int s = c + 1; s < n; s++) {
				rc = relation_pair(d, m[c].id, m[s].id, "sibling", "sibling");
				if (rc)
					return rc;
			}
			/* The mother (or lone parent) as a child's legal
			 * representative, on record for some children. */
			if (rng_chance(r, 300)) {
				rc = representative_add(d, m[c].id, m[parents - 1].id, "parent", NULL, m[c].birth);
				if (rc)
					return rc;
			}
		}
	} else if (kind == HH_ELDERLY_COUPLE) {
		rc = relation_pair(d, m[0].id, m[1].id, "spouse", "spouse");
		if (rc)
			return rc;
	} else {
		rc = relation_pair(d, m[1].id, m[0].id, "parent", "child");
		if (rc)
			return rc;
		if (rng_chance(r, 250)) {
			char doc[80];
			int from = date_between(r, 20160101, DEMO_REF_DATE);
			snprintf(doc, sizeof(doc), "Utenos apylinkės teismo sprendimas Nr. e2-%d-%d", rng_range(r, 100, 2999),
				 from / 10000);
			rc = representative_add(d, m[0].id, m[1].id, "guardian", doc, from);
			if (!rc)
				rc = relation_pair(d, m[0].id, m[1].id, "guardian", "ward");
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Seeds the serial counters from codes already in the database, so that
 * a --force run never reuses one. */
static int serials_load(struct demo *d)
{
	struct db_stmt *st;
	int rc = db_prepare(d->db, "SELECT personal_code FROM persons WHERE personal_code IS NOT NULL", &st);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *c = db_col_text(st, 0);
		struct personal_code_info info;
		if (!c || personal_code_parse(c, strlen(c), &info, NULL) || !info.month || !info.day)
			continue;
		int64_t idx = days_of(info.year * 10000 + info.month * 100 + info.day) - d->birth_min_days;
		if (idx < 0 || idx >= d->birth_days)
			continue;
		int serial = (c[7] - '0') * 100 + (c[8] - '0') * 10 + (c[9] - '0');
		uint16_t *next = &d->serials[idx * 2 + (info.sex - 1)];
		if (*next <= serial)
			*next = (uint16_t)(serial + 1);
	}
	db_stmt_done(st);
	return rc;
}

static const char demo_usage[] =
	"Usage: pagalba [--db URL] demo [--persons N] [--seed S] [--force]\n"
	"Fills a new database with invented demo data: the centre and its seven\n"
	"departments, partner institutions, staff, teams, demo users and N persons\n"
	"(default 10000, at most 10000000) living around Utena. The same seed gives\n"
	"the same data. Refuses if persons exist, unless --force (which only adds;\n"
	"nothing is ever deleted). Demo users get the password " DEMO_PASSWORD ".\n";

static int parse_u64(const char *s, unsigned long long *out)
{
	char *end;
	if (!s || !*s || *s == '-')
		return ERR_INVALID;
	*out = strtoull(s, &end, 10);
	return *end ? ERR_INVALID : 0;
}

static double seconds_since(int64_t t0)
{
	return (double)(time_mono_ns() - t0) / 1e9;
}

int cli_demo(struct app_config *cfg, int argc, char **argv)
{
	unsigned long long persons = DEMO_DEFAULT_PERSONS, seed = DEMO_DEFAULT_SEED;
	int force = 0, rc;
	struct demo d;
	struct db_pool *pool = NULL;
	unsigned char key[AUDIT_KEY_BYTES];
	char hash[crypto_pwhash_STRBYTES] = "";
	int have_key = 0;
	int64_t t0 = 0, t1 = 0;
	long long done = 0, reported = 0, batch;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(demo_usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--persons") && i + 1 < argc) {
			if (parse_u64(argv[++i], &persons) || persons < 1 || persons > (unsigned long long)DEMO_MAX_PERSONS) {
				fprintf(stderr, "pagalba demo: --persons must be 1..%lld\n", DEMO_MAX_PERSONS);
				return 2;
			}
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			if (parse_u64(argv[++i], &seed)) {
				fprintf(stderr, "pagalba demo: --seed must be a non-negative integer\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--force")) {
			force = 1;
		} else {
			fprintf(stderr, "pagalba demo: unknown option %s\n\n%s", argv[i], demo_usage);
			return 2;
		}
	}

	memset(&d, 0, sizeof(d));
	d.rng.s = (uint64_t)seed;
	d.birth_min_days = days_of(DEMO_BIRTH_MIN);
	d.birth_days = days_of(DEMO_BIRTH_MAX) - d.birth_min_days + 1;
	d.serials = calloc((size_t)d.birth_days * 2, sizeof(*d.serials));
	if (!d.serials) {
		fprintf(stderr, "pagalba demo: out of memory\n");
		return 1;
	}
	time_format_iso(time_now_ms(), d.now);
	d.rows[R_PERSON_DEPT] = rows_new("INSERT INTO person_departments (person_id, department_id, since) VALUES ", "iis");
	d.rows[R_PERSON_GROUP] = rows_new("INSERT INTO person_groups (person_id, group_code, date_from) VALUES ", "iss");
	d.rows[R_ADDRESS] = rows_new("INSERT INTO addresses (person_id, kind, line, city, municipality, postal_code,"
				     " lat_e6, lon_e6, valid_from) VALUES ",
				     "isssssiis");
	d.rows[R_HOUSEHOLD_MEMBER] = rows_new("INSERT INTO household_members (household_id, person_id, role) VALUES ",
					      "iis");
	d.rows[R_RELATION] = rows_new("INSERT INTO relations (person_id, related_id, kind) VALUES ", "iis");
	for (int i = 0; i < R_COUNT; i++)
		if (!d.rows[i]) {
			fprintf(stderr, "pagalba demo: out of memory\n");
			rc = ERR_NOMEM;
			goto out;
		}

	if (cli_open_db(cfg, 1, &pool)) {
		rc = ERR_DB;
		goto out;
	}
	rc = db_pool_acquire(pool, &d.db);
	if (rc) {
		fprintf(stderr, "pagalba demo: cannot connect to the database (%s)\n", err_name(rc));
		goto out;
	}
	{
		int64_t existing = 0;
		d.step = "counting persons";
		rc = demo_query_int(&d, "SELECT COUNT(*) FROM persons", NULL, &existing);
		if (rc)
			goto fail;
		if (existing && !force) {
			fprintf(stderr,
				"pagalba demo: the database already has %lld person(s); demo data goes into a new\n"
				"database. Use --force to add demo data anyway (nothing is deleted).\n",
				(long long)existing);
			rc = ERR_CONFLICT;
			goto out;
		}
		if (existing) {
			/* A --force run on a filled database must not repeat the
			 * persons of an earlier run with the same seed. */
			d.rng.s ^= (uint64_t)existing * 0xd1b54a32d192ed03ull;
			d.step = "reading existing personal codes";
			rc = serials_load(&d);
			if (rc)
				goto fail;
		}
	}
	if (cli_audit_key(cfg, 1, key)) {
		rc = ERR_IO;
		goto out;
	}
	have_key = 1;
	d.step = "hashing the demo password";
	rc = password_hash(DEMO_PASSWORD, cfg->fast_hash, hash, sizeof(hash));
	if (rc)
		goto fail;

	t0 = time_mono_ns();
	d.step = "starting a transaction";
	rc = db_tx_begin(d.db, DB_TX_WRITE);
	if (!rc)
		rc = org_create(&d, hash);
	if (!rc) {
		d.step = "adding the service catalogue";
		rc = demo_catalogue_add(d.db, d.now, NULL);
	}
	if (!rc) {
		d.step = "committing the organisation";
		rc = db_tx_commit(d.db);
	}
	if (rc)
		goto fail;
	sodium_memzero(hash, sizeof(hash));
	if (d.org_reused)
		printf("Departments already exist: reusing them; no staff or users added.\n");

	t1 = time_mono_ns();
	batch = (long long)persons / 10;
	if (batch < DEMO_BATCH_MIN)
		batch = DEMO_BATCH_MIN;
	if (batch > DEMO_BATCH_MAX)
		batch = DEMO_BATCH_MAX;
	while (done < (long long)persons) {
		long long target = done + batch < (long long)persons ? done + batch : (long long)persons;
		d.step = "starting a transaction";
		rc = db_tx_begin(d.db, DB_TX_WRITE);
		if (rc)
			goto fail;
		d.step = "adding persons";
		while (done < target) {
			int added = 1;
			/* ~12.5 % of draws make a household of ~2.9 persons: ~30 %
			 * of persons live in one. */
			if (target - done >= 5 && rng_chance(&d.rng, 125))
				rc = household_make(&d, &added);
			else
				rc = person_single(&d);
			if (rc)
				goto fail;
			done += added;
		}
		d.step = "adding persons";
		rc = rows_flush_all(&d);
		if (rc)
			goto fail;
		if (done >= (long long)persons) {
			struct audit_entry e;
			memset(&e, 0, sizeof(e));
			snprintf(e.username, sizeof(e.username), "cli");
			e.action = "demo_load";
			e.entity = "database";
			snprintf(e.ip, sizeof(e.ip), "local");
			snprintf(e.reason, sizeof(e.reason), "demo data: %lld persons, seed %llu%s", done, seed,
				 force ? ", --force" : "");
			d.step = "writing the audit entry";
			rc = audit_append_tx(d.db, key, &e, 1);
			if (rc)
				goto fail;
		}
		d.step = "committing persons";
		rc = db_tx_commit(d.db);
		if (rc)
			goto fail;
		if (done / DEMO_PROGRESS > reported) {
			reported = done / DEMO_PROGRESS;
			printf("  %lld persons, %.1f s\n", done, seconds_since(t1));
			fflush(stdout);
		}
	}

	double psecs = seconds_since(t1);
	int cases = 0;
	d.step = "adding demo cases";
	rc = demo_cases_add(d.db, key, &cases);
	if (rc)
		goto fail;

	double secs = seconds_since(t0);
	printf("Demo data added in %.1f s (persons: %.1f s, %.0f persons/s):\n", secs, psecs,
	       psecs > 0 ? (double)d.n.persons / psecs : 0.0);
	printf("  institutions %lld, contacts %lld, departments %lld, staff %lld, teams %lld (members %lld), users %lld\n",
	       d.n.institutions, d.n.contacts, d.n.departments, d.n.staff, d.n.teams, d.n.team_members, d.n.users);
	printf("  persons %lld, department links %lld, addresses %lld, group memberships %lld\n", d.n.persons,
	       d.n.person_departments, d.n.addresses, d.n.person_groups);
	printf("  households %lld (members %lld), relations %lld, representatives %lld, notes %lld\n", d.n.households,
	       d.n.household_members, d.n.relations, d.n.representatives, d.n.notes);
	printf("  cases %d\n", cases);
	printf("  seed %llu, 1 audit entry\n", seed);
	if (d.n_logins) {
		printf("Demo logins (password " DEMO_PASSWORD "):\n");
		for (size_t i = 0; i < d.n_logins; i++)
			printf("  %-11s %s%s\n", d.logins[i].username, d.logins[i].what,
			       d.logins[i].kept ? " (existed already: password unchanged)" : "");
	}
	rc = 0;
	goto out;

fail:
	fprintf(stderr, "pagalba demo: failed while %s (%s): %s\n", d.step ? d.step : "working", err_name(rc),
		d.db ? db_errmsg(d.db) : "");
	if (!rc)
		rc = ERR_INTERNAL;
out:
	sodium_memzero(hash, sizeof(hash));
	if (have_key)
		sodium_memzero(key, sizeof(key));
	if (d.db) {
		if (db_in_tx(d.db))
			db_tx_rollback(d.db);
		db_pool_release(pool, d.db);
	}
	db_pool_free(pool);
	for (int i = 0; i < R_COUNT; i++)
		rows_free(d.rows[i]);
	free(d.serials);
	return rc ? 1 : 0;
}
