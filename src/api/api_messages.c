/*
 * api_messages.c - every user-visible API message, in Lithuanian and
 * English, by stable key. Clients may show `message` or translate `code`
 * and the field keys themselves. Keep keys sorted by area.
 */
#include "api/api.h"

#include <string.h>

struct api_message {
	const char *key;
	const char *lt;
	const char *en;
};

static const struct api_message messages[] = {
	/* general */
	{"invalid", "Neteisingi duomenys.", "Invalid data."},
	{"not_found", "Įrašas nerastas.", "Record not found."},
	{"route.not_found", "Tokio adreso nėra.", "No such address."},
	{"method_not_allowed", "Šiam adresui šis veiksmas negalimas.", "This method is not allowed here."},
	{"conflict", "Veiksmas prieštarauja esamiems duomenims.", "The action conflicts with existing data."},
	{"forbidden", "Neturite teisės atlikti šio veiksmo.", "You are not allowed to do this."},
	{"unauthorized", "Reikia prisijungti.", "Please log in."},
	{"storage", "Duomenų bazės klaida. Bandykite dar kartą.", "Database error. Please try again."},
	{"no_memory", "Serveriui trūksta atminties.", "The server is out of memory."},
	{"internal", "Vidinė klaida.", "Internal error."},
	{"too_large", "Užklausa per didelė.", "The request is too large."},
	{"busy", "Serveris užimtas. Bandykite po akimirkos.", "The server is busy. Try again in a moment."},
	{"rate_limited", "Per daug bandymų. Palaukite ir bandykite vėl.", "Too many attempts. Wait and try again."},
	{"precondition_failed", "Įrašą ką tik pakeitė kitas naudotojas. Atnaujinkite ir pakartokite.", "Someone else changed this record. Reload and apply your change again."},
	{"if_match.required", "Trūksta If-Match antraštės su įrašo versija.", "The If-Match header with the record version is required."},
	{"unsupported", "Ši funkcija šioje konfigūracijoje negalima.", "Not available in this configuration."},
	{"io", "Failo klaida.", "File error."},
	{"body.malformed", "Užklausos turinys nėra teisingas JSON.", "The request body is not valid JSON."},
	{"body.not_object", "Užklausos turinys turi būti JSON objektas.", "The request body must be a JSON object."},
	{"body.content_type", "Turinio tipas turi būti application/json.", "Content-Type must be application/json."},
	{"body.utf8", "Užklausoje yra neteisingų UTF-8 simbolių.", "The request contains invalid UTF-8."},
	{"csrf", "Trūksta arba neteisingas apsaugos žetonas (X-CSRF-Token).", "Missing or wrong protection token (X-CSRF-Token)."},
	{"cursor", "Neteisinga puslapio žymė.", "Invalid page cursor."},
	/* field errors */
	{"required", "Privalomas laukas.", "This field is required."},
	{"type.string", "Turi būti tekstas.", "Must be text."},
	{"type.integer", "Turi būti sveikasis skaičius.", "Must be a whole number."},
	{"type.boolean", "Turi būti taip arba ne (true/false).", "Must be true or false."},
	{"type.array", "Turi būti sąrašas.", "Must be a list."},
	{"type.object", "Turi būti objektas.", "Must be an object."},
	{"string.empty", "Laukas negali būti tuščias.", "Must not be empty."},
	{"string.too_long", "Per ilgas tekstas.", "The text is too long."},
	{"range", "Reikšmė už leistinų ribų.", "The value is out of range."},
	{"date", "Data turi būti formatu MMMM-MM-DD.", "The date must be in the form YYYY-MM-DD."},
	{"date.future", "Data negali būti ateityje.", "The date cannot be in the future."},
	{"date.order", "Pabaigos data negali būti ankstesnė už pradžios.", "The end date cannot be before the start date."},
	{"enum", "Neleistina reikšmė.", "Not an allowed value."},
	{"unknown_field", "Nežinomas laukas.", "Unknown field."},
	{"email", "Neteisingas el. pašto adresas.", "Invalid e-mail address."},
	{"phone", "Neteisingas telefono numeris.", "Invalid phone number."},
	{"coordinates", "Koordinatės už leistinų ribų.", "Coordinates are out of range."},
	/* personal code */
	{"personal_code.length", "Asmens kodą sudaro 11 skaitmenų.", "A personal code has 11 digits."},
	{"personal_code.not_digits", "Asmens kodą sudaro tik skaitmenys.", "A personal code has digits only."},
	{"personal_code.century", "Pirmasis asmens kodo skaitmuo turi būti nuo 1 iki 6.", "The first digit of a personal code must be 1 to 6."},
	{"personal_code.date", "Asmens kode neteisinga gimimo data.", "The birth date in the personal code is not valid."},
	{"personal_code.checksum", "Neteisingas asmens kodo kontrolinis skaitmuo.", "The check digit of the personal code is wrong."},
	{"personal_code.future", "Asmens kodo gimimo data ateityje.", "The birth date in the personal code is in the future."},
	{"personal_code.taken", "Asmuo su tokiu asmens kodu jau užregistruotas.", "A person with this personal code is already registered."},
	{"personal_code.mismatch", "Lytis ar gimimo data nesutampa su asmens kodu.", "Sex or birth date does not match the personal code."},
	/* auth */
	{"login.failed", "Neteisingas naudotojo vardas arba slaptažodis.", "Wrong user name or password."},
	{"password.too_short", "Slaptažodis per trumpas (bent 10 simbolių).", "The password is too short (at least 10 characters)."},
	{"password.too_long", "Slaptažodis per ilgas.", "The password is too long."},
	{"password.too_simple", "Slaptažodyje turi būti bent dviejų rūšių simboliai (raidės, skaitmenys, ženklai).", "The password needs at least two kinds of characters (letters, digits, symbols)."},
	{"password.wrong", "Neteisingas dabartinis slaptažodis.", "The current password is wrong."},
	{"username.taken", "Toks naudotojo vardas jau yra.", "This user name is taken."},
	{"username.format", "Naudotojo vardas: 3–63 mažosios lotyniškos raidės, skaitmenys, taškai, brūkšneliai ar pabraukimai (_).", "User name: 3–63 lowercase Latin letters, digits, dots, dashes or underscores (_)."},
	{"role.scope", "Šiam vaidmeniui reikia nurodyti skyrių arba instituciją.", "This role needs a department or an institution."},
	/* registry */
	{"person.not_found", "Asmuo nerastas.", "Person not found."},
	{"person.merged", "Šis asmens įrašas sujungtas su kitu.", "This person record was merged into another."},
	{"person.identity", "Nurodykite asmens kodą arba kitą dokumentą, arba pažymėkite, kad asmuo dar nenustatytas.", "Give a personal code or another document, or mark the person as not yet identified."},
	{"person.same", "Negalima sujungti įrašo su juo pačiu.", "A record cannot be merged with itself."},
	{"department.not_found", "Skyrius nerastas.", "Department not found."},
	{"department.scope", "Galite registruoti tik savo skyriaus asmenis.", "You can register persons of your own department only."},
	{"group.unknown", "Nežinoma gavėjų grupė.", "Unknown recipient group."},
	{"relation.self", "Asmuo negali būti susijęs su savimi.", "A person cannot be related to themselves."},
	{"institution.not_found", "Institucija nerasta.", "Institution not found."},
	{"institution.not_partner", "Dalintis galima tik su partnere institucija.", "Records can be shared with a partner institution only."},
	{"share.parts", "Nurodykite, kurias įrašo dalis perduodate.", "Say which parts of the record are shared."},
	{"share.revoked", "Dalijimasis jau atšauktas.", "The share is already revoked."},
	/* == person parts == */
	{"type.number", "Turi būti skaičius.", "Must be a number."},
	{"address.not_found", "Adresas nerastas.", "Address not found."},
	{"address.postal_code", "Pašto kodas rašomas LT-12345 arba 12345.", "A postal code looks like LT-12345 or 12345."},
	{"group.not_found", "Narystė gavėjų grupėje nerasta.", "Group membership not found."},
	{"group.overlap", "Asmuo jau priklauso šiai grupei tuo laikotarpiu.", "The person is already in this group for an overlapping period."},
	{"representative.not_found", "Atstovas nerastas.", "Representative not found."},
	{"representative.self", "Asmuo negali būti savo paties atstovas.", "A person cannot represent themselves."},
	{"relation.not_found", "Ryšys nerastas.", "Relation not found."},
	{"relation.exists", "Toks ryšys jau įrašytas.", "This relation is already recorded."},
	{"household.not_found", "Namų ūkis nerastas.", "Household not found."},
	{"household.members", "Nurodykite namų ūkio narius (person_id ir role).", "List the household's members (person_id and role)."},
	{"household.too_many", "Per daug namų ūkio narių.", "Too many household members."},
	{"household.role", "Nario vaidmuo: head arba member.", "A member's role is head or member."},
	{"household.duplicate", "Tas pats asmuo nurodytas du kartus.", "The same person is listed twice."},
	{"household.heads", "Namų ūkis gali turėti tik vieną galvą.", "A household can have only one head."},
	{"household.hidden_members", "Namų ūkyje yra narių, kurių jūs nematote; kreipkitės į vadovą.", "The household has members you cannot see; ask a head of department."},
	{"share.not_found", "Dalijimasis nerastas.", "Share not found."},
	{"share.past", "Galiojimo pabaiga negali būti praeityje.", "The end of validity cannot be in the past."},
	{"share.too_far", "Dalintis galima ne ilgiau kaip vieneriems metams.", "A share can run for at most one year."},
	/* == end person parts == */
	/* == organisation and users == */
	{"staff.not_found", "Darbuotojas nerastas.", "Staff member not found."},
	{"team.not_found", "Komanda nerasta.", "Team not found."},
	{"user.not_found", "Naudotojas nerastas.", "User not found."},
	{"contact.not_found", "Kontaktinis asmuo nerastas.", "Contact person not found."},
	{"org.inactive", "Pasirinktas įrašas neaktyvus.", "The selected record is inactive."},
	{"institution.partner_type_centre", "Centrui partnerio tipas nenurodomas.", "The centre has no partner type."},
	{"department.code_format", "Skyriaus kodas: 2–40 mažųjų lotyniškų raidžių, skaitmenų ar pabraukimo brūkšnių (_).", "Department code: 2–40 lowercase Latin letters, digits or underscores (_)."},
	{"department.code_taken", "Skyrius su tokiu kodu jau yra.", "A department with this code already exists."},
	{"department.institution_centre", "Skyrius turi priklausyti centrui, ne partnerei institucijai.", "A department must belong to the centre, not to a partner institution."},
	{"skills.unknown", "Nežinomas įgūdis. Galimi: carer, nurse, nurse_assistant, physiotherapist, social_worker, psychologist, driver.", "Unknown skill. Allowed: carer, nurse, nurse_assistant, physiotherapist, social_worker, psychologist, driver."},
	{"user.partner_department", "Partnerės institucijos naudotojui skyrius nenurodomas.", "A partner institution's user does not belong to a department."},
	{"user.institution_partner", "Partnerio vaidmeniui reikia partnerės institucijos.", "The partner role needs a partner institution."},
	{"user.self_disable", "Negalite išjungti savo paties paskyros.", "You cannot disable your own account."},
	{"user.self_role", "Negalite pakeisti savo paties vaidmens.", "You cannot change your own role."},
	/* == end organisation and users == */
	/* == catalogue and parameters == */
	{"amount", "Kiekis – neneigiamas skaičius, ne daugiau kaip du skaitmenys po kablelio (pvz., 10 arba 7,5).", "An amount is a non-negative number with at most two decimals (e.g. 10 or 7.5)."},
	{"service.not_found", "Paslauga nerasta.", "Service not found."},
	{"service.code_format", "Paslaugos kodas: 1–40 mažųjų lotyniškų raidžių, skaitmenų ar pabraukimo brūkšnių (_), pvz., 201.", "Service code: 1–40 lowercase Latin letters, digits or underscores (_), e.g. 201."},
	{"service.code_taken", "Paslauga su tokiu kodu jau yra.", "A service with this code already exists."},
	{"service.limit_pair", "Nurodykite ir ribą, ir jos laikotarpį, arba nė vieno.", "Give both the limit and its period, or neither."},
	{"price.date_taken", "Ši paslauga jau turi kainą nuo šios datos. Kainos nekeičiamos: nurodykite kitą datą.", "This service already has a price from this date. Prices are never changed: give another date."},
	{"param.not_found", "Parametro įrašas nerastas.", "Parameter entry not found."},
	{"param.unknown", "Nežinomas parametras.", "Unknown parameter."},
	{"param.date_taken", "Šis parametras jau turi reikšmę nuo šios datos.", "This parameter already has a value from this date."},
	{"param.past", "Galima ištrinti tik būsimą įrašą: galiojęs įrašas galėjo būti panaudotas sprendime.", "Only an entry dated in the future can be deleted: one already in force may have been used by a decision."},
	{"param.value_share", "Dalis nurodoma baziniais punktais: nuo 0 iki 10000 (100 %).", "A share is given in basis points: 0 to 10000 (100 %)."},
	{"param.value_vrp", "VRP kartotinis nurodomas baziniais punktais: nuo 0 iki 1000000 (100 VRP).", "A multiple of VRP is given in basis points: 0 to 1000000 (100 VRP)."},
	{"param.value_days", "Dienų skaičius: nuo 1 iki 3650.", "Number of days: 1 to 3650."},
	{"param.value_cents", "Suma nurodoma euro centais: nuo 0 iki 100000000000.", "An amount is given in euro cents: 0 to 100000000000."},
	{"param.unit.cents", "Suma euro centais (176,00 € = 17600).", "Amount in euro cents (€176.00 = 17600)."},
	{"param.unit.share_bp", "Dalis baziniais punktais, 1/100 procento (20 % = 2000).", "Share in basis points, 1/100 of a percent (20 % = 2000)."},
	{"param.unit.vrp_bp", "VRP kartotinis baziniais punktais (2 VRP = 20000).", "Multiple of VRP in basis points (2 VRP = 20000)."},
	{"param.unit.days", "Dienos.", "Days."},
	{"param.key.vrp", "Valstybės remiamos pajamos (VRP) per mėnesį", "State-supported income (VRP) per month"},
	{"param.key.decision.deadline_days", "Sprendimo terminas nuo prašymo gavimo", "Decision deadline from the application"},
	{"param.key.contract.deadline_days", "Sutarties terminas nuo sprendimo", "Contract deadline from the decision"},
	{"param.key.general.free_below_vrp_pct", "Bendrosios paslaugos nemokamos, kai pajamos asmeniui mažesnės už", "General services are free when income per person is below"},
	{"param.key.social_supervision.free_below_vrp_pct", "Socialinė priežiūra nemokama, kai pajamos asmeniui mažesnės už", "Social supervision is free when income per person is below"},
	{"param.key.home_help.max_share_pct", "Pagalba į namus: didžiausia pajamų dalis", "Home help: largest share of income"},
	{"param.key.home_help.floor_vrp_pct", "Pagalba į namus: asmeniui turi likti ne mažiau kaip", "Home help: at least this must remain per person"},
	{"param.key.daycare.band1_limit_vrp_pct", "Dienos globa: 1-osios pajamų grupės riba", "Day care: limit of income band 1"},
	{"param.key.daycare.band2_limit_vrp_pct", "Dienos globa: 2-osios pajamų grupės riba", "Day care: limit of income band 2"},
	{"param.key.daycare.band1_pct", "Dienos globa: 1-osios grupės pajamų dalis", "Day care: share of income in band 1"},
	{"param.key.daycare.band2_pct", "Dienos globa: 2-osios grupės pajamų dalis", "Day care: share of income in band 2"},
	{"param.key.daycare.band3_pct", "Dienos globa: 3-iosios grupės pajamų dalis", "Day care: share of income in band 3"},
	{"param.key.short_term_care.max_share_pct", "Trumpalaikė globa: didžiausia pajamų dalis", "Short-term care: largest share of income"},
	{"param.key.long_term_care.max_share_pct", "Ilgalaikė globa: didžiausia pajamų dalis", "Long-term care: largest share of income"},
	{"param.key.long_term_care.asset_pct_per_month", "Ilgalaikė globa: turto, viršijančio normatyvą, dalis per mėnesį", "Long-term care: share per month of assets above the norm"},
	{"param.key.asset_norm", "Savivaldybės turto vertės normatyvas", "Municipal asset value norm"},
	/* == end catalogue and parameters == */
	/* == cases == */
	{"case.not_found", "Byla nerasta.", "Case not found."},
	{"case.transition", "Šis veiksmas negalimas dabartinėje bylos būsenoje.", "This step is not allowed in the case's current state."},
	{"case.applicant_one", "Nurodykite pareiškėją arba kaip registruotą asmenį, arba vardu, ne abu.", "Give the applicant either as a registered person or by name, not both."},
	{"case.applicant_self", "Jei prašo pats asmuo, pareiškėjo nenurodykite.", "Leave the applicant empty when the person applies themself."},
	{"case.applicant_relation", "Ryšys nurodomas tik kartu su pareiškėju.", "A relation is given only with an applicant."},
	{"case.services_required", "Nurodykite bent vieną paslaugą.", "Give at least one service."},
	{"case.services_too_many", "Per daug paslaugų (ne daugiau kaip 20).", "Too many services (at most 20)."},
	{"case.service_duplicate", "Ta pati paslauga nurodyta du kartus.", "The same service is listed twice."},
	{"case.service_unknown", "Tokios paslaugos kataloge nėra.", "No such service in the catalogue."},
	{"case.service_inactive", "Ši paslauga nebeteikiama.", "This service is no longer provided."},
	{"case.services_not_allowed", "Paslaugos ir pajamos nurodomos tik skiriant paslaugas.", "Services and income are given only with an assigning decision."},
	{"case.params_missing", "Šiai datai nėra galiojančių parametrų (terminų, VRP ar tarifų).", "No parameters (deadlines, VRP or rates) are in force on this date."},
	{"case.worker", "Atsakingas darbuotojas turi būti aktyvus bylos skyriaus socialinis darbuotojas ar vadovas.", "The responsible worker must be an active social worker or head of the case's department."},
	{"case.assessor", "Vertintojas turi būti aktyvus centro darbuotojas.", "The assessor must be an active member of the centre's staff."},
	{"case.amount", "Kiekis turi būti teigiamas skaičius su ne daugiau kaip dviem skaitmenimis po kablelio.", "The amount must be a positive number with at most two decimals."},
	{"case.over_limit", "Kiekis viršija katalogo ribą šiai paslaugai.", "The amount is above the catalogue's limit for this service."},
	{"case.over_visits", "Apsilankymų per savaitę daugiau nei leidžia katalogas.", "More visits a week than the catalogue allows."},
	{"case.no_price", "Paslaugos kaina sprendimo dienai nenustatyta.", "The service has no price in force on the decision date."},
	{"case.income_missing", "Trūksta asmens pajamų už 3 mėnesius prieš sprendimo mėnesį: įrašykite jas arba nurodykite pajamas sprendime.", "The person's income for the 3 months before the decision's month is missing: record it or give the income with the decision."},
	{"case.income_three", "Nurodykite trijų mėnesių pajamas (3 sumos centais).", "Give the income of three months (3 amounts in cents)."},
	{"case.next_review_only", "Kitos peržiūros data nurodoma tik peržiūrai.", "The next review date is given with a review only."},
	{"case.filename", "Failo pavadinime negali būti simbolių /, \\ ar \".", "A file name cannot contain /, \\ or \"."},
	{"case.file_empty", "Failas tuščias.", "The file is empty."},
	{"case.file_too_large", "Failas per didelis (ne daugiau kaip 1 MiB).", "The file is too large (at most 1 MiB)."},
	{"case.file_type", "Leidžiami tik PDF, JPEG, PNG, ODT, DOCX ir teksto failai.", "Only PDF, JPEG, PNG, ODT, DOCX and text files are allowed."},
	{"case.document_not_found", "Dokumentas nerastas.", "Document not found."},
	{"case.before_opened", "Data negali būti ankstesnė už prašymo gavimo datą.", "The date cannot be before the application was received."},
	{"case.before_decision", "Sutartis negali būti pasirašyta anksčiau už sprendimą.", "The contract cannot be signed before the decision."},
	{"case.month", "Mėnuo rašomas MMMM-MM.", "A month is written YYYY-MM."},
	{"param.unit.months", "Mėnesiai.", "Months."},
	{"param.value_months", "Mėnesių skaičius: nuo 1 iki 120.", "Number of months: 1 to 120."},
	{"param.key.case.review_months", "Bylos peržiūra po sutarties (mėnesiais)", "Case review after the contract (months)"},
	/* == end cases == */
	/* == deliveries and billing == */
	/* == end deliveries and billing == */
	/* == child welfare == */
	/* == end child welfare == */
	/* == home care == */
	{"time", "Laikas turi būti formatu VV:MM (00:00–24:00).", "A time must be HH:MM (00:00 to 24:00)."},
	{"absence.not_found", "Tokio nebuvimo įrašo nėra.", "There is no such absence."},
	{"roster.too_many", "Savaitėje yra tik 7 dienos.", "A week has only 7 days."},
	{"roster.duplicate_day", "Ši savaitės diena jau nurodyta.", "This weekday is given twice."},
	{"roster.end_before_start", "Darbo pabaiga turi būti vėliau nei pradžia.", "The end of work must be after its start."},
	{"roster.break_outside", "Pertrauka turi tilpti į darbo laiką, o jos langas būti ne trumpesnis už pertrauką.", "The break must fit in the working hours, in a window at least as long as the break."},
	{"roster.break_pair", "Nurodykite ir pertraukos lango pradžią, ir pabaigą.", "Give both the start and the end of the break window."},
	{"pattern.not_found", "Tokio vizitų plano nėra.", "There is no such visit pattern."},
	{"pattern.weekdays", "Netinkamos savaitės dienos.", "Invalid weekdays."},
	{"pattern.days_or_count", "Nurodykite arba savaitės dienas, arba vizitų skaičių per savaitę (1–7), bet ne abu.", "Give either the weekdays or a number of visits a week (1 to 7), not both."},
	{"pattern.duration", "Vizito trukmė turi būti nuo 5 iki 720 minučių.", "A visit lasts 5 to 720 minutes."},
	{"pattern.window_short", "Laiko langas trumpesnis už vizito trukmę.", "The time window is shorter than the visit."},
	{"pattern.outside_decision", "Vizitų planas turi tilpti į sprendime nustatytą paslaugos laikotarpį.", "The pattern must lie within the dates the decision set for the service."},
	{"pattern.too_many_visits", "Per daug vizitų per savaitę šiai paslaugai.", "Too many visits a week for this service."},
	{"pattern.over_decision", "Vizitai per savaitę viršytų sprendime nustatytą kiekį.", "The visits a week would exceed the amount decided."},
	/* == end home care == */
};

const char *api_message(enum api_lang lang, const char *key)
{
	size_t n = sizeof(messages) / sizeof(messages[0]);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(messages[i].key, key))
			return lang == API_LANG_EN ? messages[i].en : messages[i].lt;
	return lang == API_LANG_EN ? "Error." : "Klaida.";
}
