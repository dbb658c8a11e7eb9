/*
 * index_bench.c - builds a person_index of N persons (default 1,000,000)
 * with plausible Lithuanian names and times 10,000 realistic searches:
 * surname prefixes of 3+ letters, full names, typos, common given names
 * alone, and "given family-prefix" as typed. Prints build time, memory
 * and p50/p99/max latency in microseconds.
 *
 * Usage: index-bench [-n persons] [-q queries] [-s seed]
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/text.h"
#include "domain/person_index.h"

static const char *const MALE[] = {
	"Jonas", "Petras", "Antanas", "Juozas", "Kazys", "Vytautas",
	"Algirdas", "Mindaugas", "Tomas", "Darius", "Andrius", "Mantas",
	"Paulius", "Lukas", "Matas", "Rokas", "Dominykas", "Nojus", "Kajus",
	"Jokūbas", "Benas", "Gustas", "Arnas", "Domas", "Ignas", "Karolis",
	"Marius", "Tadas", "Žydrūnas", "Šarūnas", "Gintaras", "Rimantas",
	"Arūnas", "Saulius", "Vladas", "Stasys", "Povilas", "Albertas",
	"Edvardas", "Romualdas", "Valdas", "Virginijus", "Raimondas",
	"Linas", "Gediminas", "Aurimas", "Giedrius", "Egidijus", "Kęstutis",
	"Ričardas", "Henrikas", "Bronius", "Vincas", "Leonas", "Pranas",
	"Aleksandras", "Vladimiras", "Dainius", "Audrius", "Robertas",
	"Artūras", "Deividas", "Laurynas", "Julius", "Eimantas", "Vakaris",
	"Simonas", "Augustas", "Ąžuolas", "Justas", "Modestas", "Vidmantas",
	"Česlovas", "Zenonas", "Alfonsas",
};
static const char *const FEMALE[] = {
	"Ona", "Marija", "Janina", "Aldona", "Danutė", "Birutė", "Regina",
	"Irena", "Genovaitė", "Stasė", "Elena", "Kristina", "Rasa", "Laima",
	"Rūta", "Jūratė", "Eglė", "Ieva", "Gabija", "Emilija", "Austėja",
	"Kamilė", "Urtė", "Goda", "Lėja", "Liepa", "Saulė", "Viltė",
	"Agnė", "Indrė", "Giedrė", "Simona", "Vaida", "Inga", "Jolanta",
	"Daiva", "Loreta", "Vilma", "Asta", "Dalia", "Nijolė", "Zita",
	"Vida", "Violeta", "Živilė", "Šarūnė", "Gražina", "Teresė", "Zofija",
	"Valentina", "Liudmila", "Aušra", "Ramunė", "Edita", "Jurgita",
	"Lina", "Neringa", "Sandra", "Jovita", "Ingrida", "Dovilė", "Greta",
	"Ugnė", "Karolina", "Gintarė", "Justina", "Monika", "Akvilė",
	"Miglė", "Rugilė", "Jonė", "Petronėlė", "Julija", "Aistė", "Renata",
};
/* Male surnames; female forms are derived from the ending. */
static const char *const SURNAME[] = {
	"Kazlauskas", "Jankauskas", "Petrauskas", "Stankevičius",
	"Vasiliauskas", "Žukauskas", "Butkus", "Paulauskas", "Urbonas",
	"Kavaliauskas", "Navickas", "Ramanauskas", "Baranauskas", "Savickas",
	"Rimkus", "Sakalauskas", "Vaitkus", "Mockus", "Žilinskas", "Adomaitis",
	"Jonaitis", "Petraitis", "Kairys", "Šimkus", "Lukoševičius",
	"Kazakevičius", "Pocius", "Balčiūnas", "Čiurlionis", "Kubilius",
	"Valančius", "Sabonis", "Marčiulionis", "Kudirka", "Maironis",
	"Vaižgantas", "Daukantas", "Basanavičius", "Žemaitis", "Tamošiūnas",
	"Grigas", "Grigaliūnas", "Mažeika", "Norkus", "Stonkus", "Jokubauskas",
	"Mikalauskas", "Bernotas", "Šukys", "Gudaitis", "Ambrazevičius",
	"Barkauskas", "Bagdonas", "Dambrauskas", "Juška", "Lukauskas",
	"Malinauskas", "Morkūnas", "Rutkauskas", "Stankus", "Tamulis",
	"Urbonavičius", "Vaitkevičius", "Venckus", "Zabiela", "Zujus",
	"Sutkus", "Cvirka", "Dainauskas", "Ivanauskas", "Jakštas", "Kairiūkštis",
	"Kalvaitis", "Kirdeikis", "Klimas", "Kuzmickas", "Lapinskas",
	"Laurinaitis", "Levickas", "Liutkus", "Markevičius", "Matulionis",
	"Mickevičius", "Milašius", "Misevičius", "Narbutas", "Noreika",
	"Orlovas", "Pakalnis", "Paškevičius", "Pranckevičius", "Radzevičius",
	"Raudonis", "Rimša", "Sadauskas", "Šeškus", "Šidlauskas", "Skirmantas",
	"Sirvydis", "Šliogeris", "Steponavičius", "Strazdas", "Survila",
	"Tamkevičius", "Toliušis", "Treinys", "Valaitis", "Valiukas",
	"Varnas", "Vilkas", "Vitkus", "Žalys", "Žemaitaitis", "Žiogas",
	"Zubavičius", "Bružas", "Budrys", "Čepulis", "Dapkus", "Daugėla",
	"Dirgėla", "Dovydaitis", "Eidukas", "Gailius", "Galinis", "Garbaravičius",
	"Gečas", "Girdauskas", "Gražys", "Gustaitis", "Jakubauskas", "Jasaitis",
	"Jurevičius", "Jurkus", "Kasperavičius", "Kaušpėdas", "Kraujelis",
	"Krasauskas", "Kriščiūnas", "Kučinskas", "Kuodis", "Lekavičius",
	"Lukšys", "Mačiulis", "Masiulis", "Mažeikis", "Meškauskas", "Motiejūnas",
	"Naujokas", "Ožalas", "Paulavičius", "Petkevičius", "Pilkauskas",
	"Račkauskas", "Ragauskas", "Rakauskas", "Riauba", "Rudys", "Sabaliauskas",
	"Samulionis", "Senkus", "Skučas", "Stanaitis", "Stasiūnas", "Šapoka",
	"Šerkšnas", "Talačka", "Tarvydas", "Ulevičius", "Uselis", "Vaičiulis",
	"Valentinavičius", "Vėgėlė", "Vileikis", "Vyšniauskas", "Zakarauskas",
	"Zaveckas", "Žvirblis", "Aleknavičius", "Ališauskas", "Andriulis",
	"Bartkus", "Bielskis", "Bukauskas", "Butkevičius", "Čekanauskas",
	"Činga", "Dagys", "Dirsė", "Gaižauskas", "Grybauskas", "Jankūnas",
	"Jucys", "Kairevičius", "Karalius", "Kerbedis", "Kirkilas", "Kondratas",
};

#define N_OF(a) (sizeof(a) / sizeof *(a))

static uint64_t rng = 88172645463325252ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* A skewed pick from n items: P(k) is about ln(n/k)/n, so the first
 * names are far more common than the last, as in real registers. */
static uint32_t zipf(uint32_t n)
{
	return rnd(rnd(n) + 1);
}

/* Female form of a male surname: married (-ienė) or maiden form. */
static void female_surname(const char *m, int married, char *out,
			   size_t cap)
{
	size_t l = strlen(m);
	const char *stem_end[][3] = {
		{ "ius", "ienė", "iūtė" }, { "as", "ienė", "aitė" },
		{ "is", "ienė", "ytė" },   { "ys", "ienė", "ytė" },
		{ "us", "ienė", "utė" },   { "a", "ienė", "aitė" },
		{ "ė", "ienė", "aitė" },
	};
	for (size_t i = 0; i < N_OF(stem_end); i++) {
		size_t el = strlen(stem_end[i][0]);
		if (l > el && strcmp(m + l - el, stem_end[i][0]) == 0) {
			snprintf(out, cap, "%.*s%s", (int)(l - el), m,
				 stem_end[i][married ? 1 : 2]);
			return;
		}
	}
	snprintf(out, cap, "%s", m);
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static void make_person(char *given, char *family, size_t cap)
{
	int female = (int)rnd(2);
	const char *m = SURNAME[zipf(N_OF(SURNAME))];
	if (female) {
		snprintf(given, cap, "%s", FEMALE[zipf(N_OF(FEMALE))]);
		if (rnd(8) == 0) {
			size_t l = strlen(given);
			snprintf(given + l, cap - l, " %s",
				 FEMALE[rnd(N_OF(FEMALE))]);
		}
		female_surname(m, rnd(3) != 0, family, cap);
	} else {
		snprintf(given, cap, "%s", MALE[zipf(N_OF(MALE))]);
		if (rnd(10) == 0) {
			size_t l = strlen(given);
			snprintf(given + l, cap - l, " %s",
				 MALE[rnd(N_OF(MALE))]);
		}
		snprintf(family, cap, "%s", m);
	}
}

int main(int argc, char **argv)
{
	size_t n = 1000000, nq = 10000, limit = 20;
	struct person_index *ix;
	double t0, t1, t2, *lat;
	char given[128], family[128], fg[128], ff[128], query[256];
	int64_t out[64];
	size_t hits = 0, nonempty = 0;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-n") == 0)
			n = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "-q") == 0)
			nq = strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "-s") == 0)
			rng = strtoull(argv[i + 1], NULL, 10) | 1;
	}
	ix = person_index_new();
	lat = malloc(nq * sizeof *lat);
	if (ix == NULL || lat == NULL)
		return 1;
	long rss0 = rss_kib();
	t0 = now_us();
	for (size_t i = 0; i < n; i++) {
		char code[12];
		int64_t dept = 1 + rnd(40);
		int year = 1930 + (int)rnd(90), month = 1 + (int)rnd(12),
		    day = 1 + (int)rnd(28);
		make_person(given, family, sizeof given);
		snprintf(code, sizeof code, "%d%02d%02d%02d%03u0",
			 year < 2000 ? 3 : 5, year % 100, month, day,
			 rnd(1000));
		struct person_index_entry e = {
			(int64_t)i + 1, given, family, code,
			year * 10000 + month * 100 + day, &dept, 1
		};
		if (person_index_put(ix, &e) != 0) {
			fprintf(stderr, "put failed at %zu\n", i);
			return 1;
		}
	}
	t1 = now_us();
	if (person_index_prepare(ix) != 0)
		return 1;
	t2 = now_us();
	long rss1 = rss_kib();

	for (size_t q = 0; q < nq; q++) {
		size_t got = 0;
		const int64_t *scope = NULL;
		int64_t sc[3];
		size_t ns = 0;
		int kind = (int)rnd(6);

		make_person(given, family, sizeof given);
		text_fold(given, fg, sizeof fg);
		text_fold(family, ff, sizeof ff);
		switch (kind) {
		case 0: /* surname prefix 3..6 letters, as typed */
			snprintf(query, sizeof query, "%.*s",
				 (int)(3 + rnd(4)), ff);
			break;
		case 1: /* full name */
			snprintf(query, sizeof query, "%s %s", given, family);
			break;
		case 2: { /* surname with a typo */
			size_t l = strlen(ff), i = 1 + rnd((uint32_t)l - 2);
			char t = ff[i];
			ff[i] = ff[i + 1];
			ff[i + 1] = t;
			snprintf(query, sizeof query, "%s", ff);
			break;
		}
		case 3: /* a common given name alone */
			snprintf(query, sizeof query, "%s", rnd(2) ? "jonas"
								   : "ona");
			break;
		case 4: /* given name + surname prefix */
			snprintf(query, sizeof query, "%s %.*s", fg,
				 (int)(1 + rnd(4)), ff);
			break;
		default: /* personal code prefix */
			snprintf(query, sizeof query, "3%02u%02u",
				 rnd(100), 1 + rnd(12));
			break;
		}
		if (rnd(2) == 0) { /* a worker who sees three departments */
			sc[0] = 1 + rnd(40);
			sc[1] = 1 + rnd(40);
			sc[2] = 1 + rnd(40);
			scope = sc;
			ns = 3;
		}
		double a = now_us();
		if (person_index_search(ix, query, scope, ns, limit, out,
					&got) != 0)
			return 1;
		lat[q] = now_us() - a;
		hits += got;
		nonempty += got > 0;
	}
	qsort(lat, nq, sizeof *lat, cmp_double);
	printf("persons      %zu\n", person_index_count(ix));
	printf("build        %.2f s (puts), prepare %.2f s\n",
	       (t1 - t0) / 1e6, (t2 - t1) / 1e6);
	printf("memory       %.1f MiB (index estimate), RSS +%.1f MiB\n",
	       (double)person_index_memory(ix) / (1024.0 * 1024.0),
	       (double)(rss1 - rss0) / 1024.0);
	printf("queries      %zu, limit %zu, %.1f hits avg, %zu non-empty\n",
	       nq, limit, (double)hits / (double)nq, nonempty);
	printf("latency us   p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n",
	       lat[nq / 2], lat[nq * 9 / 10], lat[nq * 99 / 100], lat[nq - 1]);
	person_index_free(ix);
	free(lat);
	return 0;
}
