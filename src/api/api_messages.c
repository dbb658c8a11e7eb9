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
	/* plans, tasks, case notes, worklist */
	{"plan.not_found", "Individualus planas nerastas.", "Individual plan not found."},
	{"plan.superseded", "Šį planą jau pakeitė naujesnis; keisti galima tik galiojantį planą.", "A newer plan has superseded this one; only the current plan can be changed."},
	{"plan.review_order", "Peržiūros data turi būti vėlesnė už plano sudarymo datą.", "The review date must be after the date the plan was drawn up."},
	{"plan.goals", "Nurodykite bent vieną plano tikslą.", "Give at least one goal of the plan."},
	{"plan.too_many_goals", "Per daug plano tikslų (daugiausia 30).", "Too many goals (at most 30)."},
	{"plan.too_many_tasks", "Per daug plano užduočių (daugiausia 50).", "Too many tasks (at most 50)."},
	{"plan.task_title", "Kiekviena užduotis turi turėti pavadinimą.", "Every task needs a title."},
	{"plan.goal_index", "Užduotis nurodo neegzistuojantį tikslą (goal_index).", "A task names a goal that does not exist (goal_index)."},
	{"plan.task_due", "Užduoties terminas negali būti ankstesnis už plano sudarymo datą.", "A task cannot be due before the plan was drawn up."},
	{"plan.goal_unknown", "Tokio šio plano tikslo nėra.", "This plan has no such goal."},
	{"plan.goal_change", "Tikslo pakeitimas: {\"id\", \"achieved_on\"}.", "A goal change is {\"id\", \"achieved_on\"}."},
	{"plan.achieved_future", "Tikslo pasiekimo data negali būti ateityje.", "A goal cannot be achieved in the future."},
	{"plan.achieved_before", "Tikslas negali būti pasiektas anksčiau, nei sudarytas planas.", "A goal cannot be achieved before the plan was drawn up."},
	{"task.not_found", "Užduotis nerasta.", "Task not found."},
	{"task.assignee", "Užduotį galima skirti tik aktyviam socialiniam darbuotojui ar skyriaus vadovui.", "A task can be assigned only to an active social worker or head of department."},
	{"task.assignee_case", "Vykdytojas nemato šios bylos.", "The assignee cannot see this case."},
	{"task.assignee_department", "Atskirą užduotį galima skirti tik savo skyriaus darbuotojui.", "A free task can be assigned only to someone of your department."},
	{"task.staff", "Atsakingas darbuotojas nerastas arba neaktyvus.", "The responsible staff member does not exist or is inactive."},
	{"task.plan", "Planas nerastas.", "Plan not found."},
	{"task.plan_case", "Planas priklauso kitai bylai.", "The plan belongs to another case."},
	{"task.goal", "Tikslas nerastas arba priklauso kitam planui.", "The goal does not exist or belongs to another plan."},
	{"worklist.department", "Kito skyriaus darbų sąrašą mato tik direktorius.", "Only the director sees another department's worklist."},
	{"worklist.decision", "Priimti sprendimą", "Decision due"},
	{"worklist.contract", "Pasirašyti sutartį", "Contract to sign"},
	{"worklist.plan_review", "Peržiūrėti individualų planą", "Plan to review"},
	{"worklist.case_review", "Peržiūrėti bylą", "Case review"},
	{"worklist.task", "Užduotis", "Task"},
	/* == end cases == */
	/* == deliveries and billing == */
	/* == end deliveries and billing == */
	/* == child welfare == */
	/* == end child welfare == */
};

const char *api_message(enum api_lang lang, const char *key)
{
	size_t n = sizeof(messages) / sizeof(messages[0]);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(messages[i].key, key))
			return lang == API_LANG_EN ? messages[i].en : messages[i].lt;
	return lang == API_LANG_EN ? "Error." : "Klaida.";
}
