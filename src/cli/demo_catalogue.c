/*
 * demo_catalogue.c - the demo service catalogue. See demo_catalogue.h.
 *
 * Codes: the national catalogue's where DOMAIN.md gives them (201, 202,
 * 203, 204, 208); elsewhere a stable local code in Lithuanian words, since
 * the national codes of the other services are unconfirmed. Limits are
 * the "typical" figures DOMAIN.md quotes. The department is the demo
 * department (src/cli/demo.c) that would provide the service.
 *
 * PRICES ARE DEMO FIGURES: plausible euro amounts per unit invented for
 * the demo, valid from 2024-01-01, with a second, higher price from
 * 2025-01-01 for a few services so that the price history and "the price
 * in force on a date" have something to show. They are no municipality's
 * real tariffs.
 */
#include "cli/demo_catalogue.h"
#include "core/err.h"
#include "core/fielderr.h"
#include "db/db.h"
#include "db/store_catalogue.h"
#include "db/store_org.h"
#include "domain/catalogue.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

struct demo_service {
	const char *code, *name_lt, *name_en, *kind, *unit;
	int64_t limit_x100;       /* 0 = none */
	const char *limit_period; /* NULL = none */
	int max_visits_week;      /* 0 = none */
	const char *department;   /* demo department code */
	const char *payment_rule;
	int64_t price_2024, price_2025; /* cents per unit; 0 = no 2025 price */
};

static const struct demo_service services[] = {
	/* General services (bendrosios socialinės paslaugos). Information,
	 * counselling, mediation and socio-cultural services are free. */
	{"201", "Informavimas", "Information", "general", "case", 0, NULL, 0,
	 "community", "free", 500, 0},
	{"202", "Konsultavimas", "Counselling", "general", "hour", 0, NULL, 0,
	 "community", "free", 1200, 0},
	{"203", "Tarpininkavimas ir atstovavimas", "Mediation and representation", "general",
	 "case", 0, NULL, 0, "community", "free", 1500, 0},
	{"204", "Maitinimo organizavimas", "Meals", "general", "meal", 0, NULL, 0,
	 "community", "general", 350, 390},
	{"208", "Asmens higienos ir priežiūros paslaugų organizavimas",
	 "Personal hygiene and care (shower, laundry)", "general", "visit", 0, NULL, 0,
	 "night_shelter", "general", 400, 0},
	{"drabuziai_avalyne", "Aprūpinimas būtiniausiais drabužiais ir avalyne",
	 "Essential clothing and footwear", "general", "kit", 0, NULL, 0, "community",
	 "general", 2500, 0},
	{"transporto_organizavimas", "Transporto organizavimas", "Transport", "general",
	 "visit", 0, NULL, 0, "home_help", "general", 800, 0},
	{"sociokulturines", "Sociokultūrinės paslaugos", "Socio-cultural services", "general",
	 "visit", 0, NULL, 0, "community", "free", 300, 0},

	/* Social supervision (socialinė priežiūra). */
	{"pagalba_namuose", "Pagalba į namus", "Home help", "social_supervision", "hour",
	 1000, "week", 5, "home_help", "home_help", 950, 1050},
	{"socialiniai_igudziai", "Socialinių įgūdžių ugdymas, palaikymas ir atkūrimas",
	 "Social skills training, support and recovery", "social_supervision", "hour", 0, NULL,
	 0, "family_support", "social_supervision", 1100, 0},
	{"krizes_pagalba", "Intensyvi krizių įveikimo pagalba", "Intensive crisis help",
	 "social_supervision", "hour", 0, NULL, 0, "family_support", "free", 1400, 0},
	{"laikinas_apnakvindinimas", "Laikinas apnakvindinimas", "Temporary overnight stay",
	 "social_supervision", "night", 700, "stay", 0, "night_shelter", "social_supervision",
	 1200, 0},
	/* Up to 6-12 months: the demo allows a year per stay. */
	{"nakvynes_namai", "Apgyvendinimas nakvynės namuose", "Stay in a night shelter",
	 "social_supervision", "day", 36500, "stay", 0, "night_shelter", "social_supervision",
	 1500, 0},
	{"savarankisko_gyvenimo_namai", "Apgyvendinimas savarankiško gyvenimo namuose",
	 "Stay in an independent-living home", "social_supervision", "day", 0, NULL, 0,
	 "independent_living", "social_supervision", 1000, 1100},
	{"psichosocialine_pagalba", "Psichosocialinė pagalba", "Psychosocial help",
	 "social_supervision", "hour", 0, NULL, 0, "family_support", "social_supervision",
	 1600, 0},
	{"laikinas_atokvepis", "Laikinas atokvėpis", "Respite for carers", "social_supervision",
	 "hour", 72000, "year", 0, "elderly_care", "social_supervision", 900, 0},
	{"vaiku_dienos_prieziura", "Vaikų dienos socialinė priežiūra",
	 "Children's day centre (day social supervision)", "social_supervision", "day", 0, NULL,
	 0, "children_day_centre", "social_supervision", 1200, 0},

	/* Social care (socialinė globa). Day care: 3-8 h a day, at most 5
	 * days a week; short-term: at most 6 months a year. */
	{"dienos_globa", "Dienos socialinė globa", "Day social care", "social_care", "day", 500,
	 "week", 0, "elderly_care", "day_care", 3500, 3800},
	{"trumpalaike_globa", "Trumpalaikė socialinė globa", "Short-term social care",
	 "social_care", "day", 18300, "year", 0, "elderly_care", "short_term_care", 4500, 0},
	{"ilgalaike_globa", "Ilgalaikė socialinė globa", "Long-term social care", "social_care",
	 "month", 0, NULL, 0, "elderly_care", "long_term_care", 125000, 135000},

	/* Preventive services (prevencinės socialinės paslaugos): free. */
	{"paieska", "Potencialių socialinių paslaugų gavėjų paieška",
	 "Outreach to potential service users", "preventive", "case", 0, NULL, 0, "community",
	 "preventive", 1000, 0},
	{"kompleksines_paslaugos_seimai", "Kompleksinės paslaugos šeimai",
	 "Complex services for families", "preventive", "hour", 0, NULL, 0, "family_support",
	 "preventive", 1400, 0},
	{"darbas_su_bendruomene", "Darbas su bendruomene", "Community work", "preventive",
	 "hour", 0, NULL, 0, "community", "preventive", 1000, 0},
	{"seimos_konferencija", "Šeimos konferencija", "Family conference", "preventive",
	 "case", 0, NULL, 0, "family_support", "preventive", 30000, 0},
	{"atvirasis_darbas_jaunimas", "Atvirasis darbas su jaunimu", "Open youth work",
	 "preventive", "hour", 0, NULL, 0, "community", "preventive", 800, 0},
	{"mobilusis_darbas_jaunimas", "Mobilusis darbas su jaunimu", "Mobile youth work",
	 "preventive", "hour", 0, NULL, 0, "community", "preventive", 900, 0},

	/* Integrated help (integrali pagalba): day social care and nursing at
	 * home by a mobile team, e.g. up to 8 h a day on at most 5 days a
	 * week; priced by the day-care rule. */
	{"integrali_pagalba", "Integrali pagalba (dienos socialinė globa ir slauga namuose)",
	 "Integrated help (day social care and nursing at home)", "integrated_help", "hour",
	 4000, "week", 5, "home_help", "day_care", 1400, 0},
};

/* The record the API would take for s. */
static json_t *service_record(const struct demo_service *s, int64_t dept)
{
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "code", s->code, "name_lt",
			      s->name_lt, "name_en", s->name_en, "kind", s->kind, "unit", s->unit,
			      "payment_rule", s->payment_rule, "active", 1);
	if (!o)
		return NULL;
	if (s->limit_x100) {
		json_object_set_new(o, "limit_x100", json_integer(s->limit_x100));
		json_object_set_new(o, "limit_period", json_string(s->limit_period));
	}
	if (s->max_visits_week)
		json_object_set_new(o, "max_visits_week", json_integer(s->max_visits_week));
	if (dept)
		json_object_set_new(o, "department_id", json_integer(dept));
	return o;
}

int demo_catalogue_add(struct db *db, const char *now, int *added)
{
	int n = 0;
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
		const struct demo_service *s = &services[i];
		struct field_errors fe = {0};
		int64_t id = 0, dept = 0;
		int rc = store_service_by_code(db, s->code, &id);
		if (rc == 0)
			continue;
		if (rc != ERR_NOT_FOUND)
			return rc;
		rc = store_org_department_by_code(db, s->department, &dept);
		if (rc && rc != ERR_NOT_FOUND)
			return rc;
		json_t *rec = service_record(s, dept);
		if (!rec)
			return ERR_NOMEM;
		rc = catalogue_service_check(rec, &fe);
		if (rc) {
			fprintf(stderr, "pagalba demo: service %s: %s %s\n", s->code, fe.e[0].field,
				fe.e[0].key);
			json_decref(rec);
			return ERR_INTERNAL;
		}
		rc = store_service_insert(db, rec, now, &id);
		json_decref(rec);
		if (!rc)
			rc = store_service_price_insert(db, id, "2024-01-01", s->price_2024, 0, now);
		if (!rc && s->price_2025)
			rc = store_service_price_insert(db, id, "2025-01-01", s->price_2025, 0, now);
		if (rc)
			return rc;
		n++;
	}
	if (added)
		*added = n;
	return 0;
}
