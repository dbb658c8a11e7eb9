// Child welfare in the browser: the coordinator's worklist (a follow-up
// due and a measure ending, one click to each), a meeting recorded with a
// participant, a question put on the agenda and decided (with a conflict
// that is reloaded and reapplied), a follow-up added (its field error shown
// at the field) and marked done; a school executing a measure adds a
// progress note and sees only what is shared with it; the coordinator
// evaluates an ended measure; the director's reports page shows the
// year's figures with CSV and printable links. axe-core finds no serious
// problems on any of these screens (1366×768).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, axeScan, loginAs } from './lib.mjs';

let ctx, sw, schoolId, healthId, child, meeting, fuDue, order, mSchool, mEnded, mHealth;
const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const day = (n) => iso(new Date(Date.now() + n * 864e5));
const Y = new Date().getFullYear();

async function noViolations(page, name) {
  await page.waitForLoadState('networkidle');
  const v = await axeScan(page);
  assert.deepEqual(v, [], `${name}: ${JSON.stringify(v, null, 2)}`);
}

before(async () => {
  ctx = await setup({ persons: 40 });
  sw = await loginAs(ctx.server, 'social_worker');
  const school = await loginAs(ctx.server, 'partner');
  schoolId = (await school.get('/api/v1/session')).json.institution_id;
  const inst = (await (await loginAs(ctx.server, 'admin')).get('/api/v1/institutions')).json.items;
  healthId = inst.find((i) => i.partner_type === 'health').id;
  let r = await sw.post('/api/v1/persons', { given_names: 'Jonukas', family_name: 'Vaitkus', birth_date: `${Y - 10}-03-15`, identified: false });
  assert.equal(r.status, 201, r.text);
  child = r.json;
  // A meeting with a child's question and a follow-up due in five days.
  r = await sw.post('/api/v1/meetings', { kind: 'commission', meeting_date: day(-20), place: 'Savivaldybė',
    participants: [{ institution_id: schoolId, name: 'Socialinė pedagogė', present: true }] });
  assert.equal(r.status, 201, r.text);
  meeting = r.json;
  r = await sw.post(`/api/v1/meetings/${meeting.id}/questions`, { subject: 'child', child_id: child.id, title: 'Dėl mokinio nelankymo',
    description: 'Praleista 120 pamokų.', raised_by_institution_id: schoolId });
  assert.equal(r.status, 201, r.text);
  r = await sw.post(`/api/v1/meetings/${meeting.id}/follow-ups`, { task: 'Pateikti lankomumo duomenis', institution_id: schoolId, due_date: day(5) });
  assert.equal(r.status, 201, r.text);
  fuDue = r.json;
  // An order: the school executes a measure ending in 20 days; the health
  // centre one that has ended and one still running.
  r = await sw.post('/api/v1/orders', {
    number: 'A1-777', order_date: day(-40), kind: 'assign', subject: 'minimal_care', child_id: child.id,
    measures: [
      { type: 'day_centre', date_from: day(-30), date_to: day(20), executor_ids: [schoolId] },
      { type: 'therapy', date_from: day(-30), date_to: day(-1), executor_ids: [healthId] },
      { type: 'specialist_consultation', date_from: day(-30), date_to: day(200), executor_ids: [healthId] },
    ],
  });
  assert.equal(r.status, 201, r.text);
  order = r.json;
  [mSchool, mEnded, mHealth] = order.measures.map((m) => m.measure_id);
});
after(async () => { await teardown(ctx); });

test("the coordinator's worklist: a follow-up due and a measure ending, one click to each", async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.getByRole('navigation', { name: 'Pagrindinis meniu' }).getByRole('link', { name: 'Vaiko gerovė' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vaiko gerovė' }).waitFor();
  const fus = page.getByRole('region', { name: 'Artėjantys pavedimai' });
  await fus.getByRole('link', { name: 'Pateikti lankomumo duomenis' }).waitFor();
  assert.match(await fus.locator('li', { hasText: 'Pateikti lankomumo duomenis' }).textContent(), /Po 5 d\./);
  const ms = page.getByRole('region', { name: 'Besibaigiančios priemonės' });
  const link = ms.getByRole('link', { name: 'Įpareigojimas lankyti dienos centrą – Jonukas Vaitkus' });
  await link.waitFor();
  assert.ok(!(await ms.textContent()).includes('Įpareigojimas konsultuotis su specialistu – Jonukas'), 'a measure ending in 200 days is not listed');
  await noViolations(page, 'child-welfare worklist');
  await screenshot(page, 'cw-worklist');
  await link.click();
  await page.getByRole('heading', { level: 1, name: 'Įpareigojimas lankyti dienos centrą: Jonukas Vaitkus' }).waitFor();
  await page.goBack();
  await fus.getByRole('link', { name: 'Pateikti lankomumo duomenis' }).click();
  await page.waitForURL(new RegExp(`/child-welfare/meetings/${meeting.id}`));
  await page.getByRole('heading', { level: 2, name: 'Pavedimai' }).waitFor();
  await page.context().close();
});

test('the coordinator records a meeting, a question and its decision (with a conflict), and a follow-up done', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.goto('/child-welfare/meetings');
  await page.getByRole('heading', { level: 1, name: 'Posėdžiai' }).waitFor();
  await page.locator('table tbody tr').first().waitFor();
  await noViolations(page, 'meeting list');
  await page.getByLabel('Rūšis').selectOption('interagency');
  await page.waitForURL(/kind=interagency/);
  await page.getByRole('button', { name: 'Naujas posėdis' }).click();
  const dlg = page.getByRole('dialog', { name: 'Naujas posėdis' });
  await dlg.getByLabel('Rūšis').selectOption('commission');
  await dlg.getByLabel('Data').fill('vakar');
  await dlg.getByLabel('Vieta').fill('Savivaldybė, 101 kab.');
  await dlg.getByLabel('Įstaiga').selectOption({ value: String(schoolId) });
  await dlg.getByLabel('Vardas, pavardė').fill('Socialinė pedagogė');
  await noViolations(page, 'new meeting dialog');
  await dlg.getByRole('button', { name: 'Įrašyti posėdį' }).click();
  // The field error from the API next to the field; nothing written.
  await dlg.locator('#mt-date-error').waitFor();
  assert.equal(await dlg.getByLabel('Data').getAttribute('aria-invalid'), 'true');
  await dlg.getByLabel('Data').fill(day(-1));
  await dlg.getByRole('button', { name: 'Įrašyti posėdį' }).click();
  await page.getByRole('heading', { level: 1, name: `Vaiko gerovės komisija, ${day(-1)}` }).waitFor();
  const id = Number(/meetings\/(\d+)/.exec(page.url())[1]);
  assert.match(await page.getByRole('region', { name: 'Dalyviai' }).textContent(), /Socialinė pedagogė/);

  // A question, by keyboard.
  await page.getByRole('button', { name: 'Įtraukti klausimą' }).click();
  const qd = page.getByRole('dialog', { name: 'Įtraukti klausimą' });
  await qd.getByLabel('Klausimo dalykas').selectOption('general');
  await qd.getByLabel('Klausimo pavadinimas').fill('Prevencinių priemonių apžvalga');
  await qd.getByLabel('Klausimo pavadinimas').press('Enter');
  const agenda = page.getByRole('region', { name: 'Darbotvarkė' });
  await agenda.getByRole('heading', { level: 3, name: '1. Prevencinių priemonių apžvalga' }).waitFor();

  // A family's question: a member is found, then the household chosen.
  const mother = (await sw.post('/api/v1/persons', { given_names: 'Rasa', family_name: 'Vaitkienė', identified: false })).json;
  const h = await sw.post('/api/v1/households', { name: 'Vaitkų šeima', members: [{ person_id: mother.id, role: 'head' }, { person_id: child.id, role: 'member' }] });
  assert.equal(h.status, 201, h.text);
  await page.getByRole('button', { name: 'Įtraukti klausimą' }).click();
  const famd = page.getByRole('dialog', { name: 'Įtraukti klausimą' });
  await famd.getByLabel('Klausimo dalykas').selectOption('family');
  await famd.locator('#q-family').fill('Vaitkienė Rasa');
  await famd.locator('#q-family-results .name').filter({ hasText: 'Rasa Vaitkienė' }).first().click();
  await famd.getByText('Šeimos narys: Rasa Vaitkienė.').waitFor();
  assert.equal(await famd.getByLabel('Namų ūkis').locator('option:checked').textContent(), 'Vaitkų šeima');
  await noViolations(page, 'family question dialog');
  await famd.getByLabel('Klausimo pavadinimas').fill('Šeimos poreikių vertinimas');
  await famd.getByRole('button', { name: 'Įtraukti klausimą' }).click();
  await agenda.getByRole('heading', { level: 3, name: '2. Šeimos poreikių vertinimas' }).waitFor();
  const fq = (await sw.get(`/api/v1/meetings/${id}`)).json.questions.find((x) => x.title === 'Šeimos poreikių vertinimas');
  assert.equal(fq.subject, 'family');
  assert.equal(fq.household_id ?? fq.household?.id, h.json.id, JSON.stringify(fq));

  // The decision; meanwhile someone else saves it: the conflict panel,
  // then the same change applied to the latest version.
  await agenda.getByRole('button', { name: 'Įrašyti sprendimą dėl 1 klausimo' }).click();
  const dd = page.getByRole('dialog', { name: 'Sprendimas dėl 1 klausimo' });
  await dd.getByLabel('Siūlymas').fill('Parengti apžvalgą iki birželio');
  await dd.getByLabel('Sprendimas').fill('Pritarta');
  const m = (await sw.get(`/api/v1/meetings/${id}`)).json;
  const q = m.questions[0];
  let r = await sw.patch(`/api/v1/meetings/${id}/questions/${q.id}`, { proposal: 'Kitas siūlymas' }, { 'If-Match': `"v${q.version}"` });
  assert.equal(r.status, 200, r.text);
  await dd.getByRole('button', { name: 'Išsaugoti' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Kažkas pakeitė' });
  await page.locator('section.conflict').waitFor();
  assert.match(await agenda.textContent(), /Kitas siūlymas/, 'the latest data is shown');
  await noViolations(page, 'meeting with conflict panel');
  await page.getByRole('button', { name: 'Pritaikyti mano pakeitimą naujausiai versijai' }).click();
  await page.locator('section.conflict').waitFor({ state: 'detached' });
  await agenda.getByText('Parengti apžvalgą iki birželio').waitFor();
  r = await sw.get(`/api/v1/meetings/${id}`);
  assert.equal(r.json.questions[0].decision, 'Pritarta');
  assert.equal(r.json.questions[0].proposal, 'Parengti apžvalgą iki birželio');
  assert.equal(await conflict.count(), 0);

  // A follow-up: the missing task is shown at its field, then added and done.
  await page.getByRole('button', { name: 'Pridėti pavedimą' }).click();
  const fd = page.getByRole('dialog', { name: 'Pridėti pavedimą' });
  await fd.getByLabel('Įstaiga').selectOption({ value: String(schoolId) });
  await fd.getByLabel('Terminas').fill(day(14));
  await fd.getByLabel('Klausimas').selectOption({ label: '1. Prevencinių priemonių apžvalga' });
  await fd.getByRole('button', { name: 'Pridėti pavedimą' }).click();
  await fd.locator('#fu-task-error').waitFor();
  await fd.getByLabel('Užduotis').fill('Surinkti mokyklų duomenis');
  await fd.getByRole('button', { name: 'Pridėti pavedimą' }).click();
  const fus = page.getByRole('region', { name: 'Pavedimai' });
  await fus.getByRole('cell', { name: /^Surinkti mokyklų duomenis/ }).waitFor();
  assert.match(await fus.getByRole('row', { name: /Surinkti mokyklų duomenis/ }).textContent(), /1 klausimas/, 'tied to the question');
  await noViolations(page, 'meeting page');
  await screenshot(page, 'cw-meeting');
  await fus.getByRole('button', { name: 'Pažymėti įvykdytą: Surinkti mokyklų duomenis' }).click();
  await fus.getByText(`Įvykdyta ${day(0)}`).waitFor();
  r = await sw.get(`/api/v1/meetings/${id}`);
  assert.equal(r.json.follow_ups[0].done_on, day(0));
  // Undone by mistake, and done again.
  await fus.getByRole('button', { name: 'Atšaukti įvykdymą: Surinkti mokyklų duomenis' }).click();
  await fus.getByRole('button', { name: 'Pažymėti įvykdytą: Surinkti mokyklų duomenis' }).waitFor();
  assert.equal((await sw.get(`/api/v1/meetings/${id}`)).json.follow_ups[0].done_on, null);
  await fus.getByRole('button', { name: 'Pažymėti įvykdytą: Surinkti mokyklų duomenis' }).click();
  await fus.getByText(`Įvykdyta ${day(0)}`).waitFor();
  // The minutes and conclusions.
  await page.getByRole('button', { name: 'Protokolas ir išvados' }).click();
  const md = page.getByRole('dialog', { name: 'Protokolas ir išvados' });
  await md.getByLabel('Protokolas').fill('Posėdžio protokolas Nr. 7');
  await md.getByLabel('Išvados').fill('Apžvalgą parengti iki birželio.');
  await noViolations(page, 'minutes dialog');
  await md.getByRole('button', { name: 'Išsaugoti' }).click();
  await page.getByRole('region', { name: 'Dalyviai' }).getByText('Posėdžio protokolas Nr. 7').waitFor();
  r = await sw.get(`/api/v1/meetings/${id}`);
  assert.equal(r.json.minutes, 'Posėdžio protokolas Nr. 7');
  assert.equal(r.json.conclusions, 'Apžvalgą parengti iki birželio.');
  assert.equal(page.__errors, undefined);
  await page.context().close();
});

test('a school executing a measure adds a progress note and sees only what is shared with it', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'partneris');
  await page.getByRole('navigation', { name: 'Pagrindinis meniu' }).getByRole('link', { name: 'Vaiko gerovė' }).click();
  await page.getByRole('heading', { level: 1, name: 'Vaiko gerovė' }).waitFor();
  await page.getByRole('link', { name: 'Mero potvarkiai' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mero potvarkiai' }).waitFor();
  await page.getByRole('link', { name: 'A1-777' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mero potvarkis Nr. A1-777' }).waitFor();
  const rows = await page.locator('table tbody tr').allTextContents();
  assert.equal(rows.length, 1, 'only the measure the school executes: ' + rows.join(' | '));
  assert.ok(!(await page.locator('main').textContent()).includes('Vaitkus'), 'the child is not shared');
  await noViolations(page, 'order page (partner)');
  await page.getByRole('link', { name: 'Įpareigojimas lankyti dienos centrą' }).click();
  await page.getByRole('heading', { level: 1, name: 'Įpareigojimas lankyti dienos centrą: (nebendrinama)' }).waitFor();
  await page.getByLabel('Nauja vykdymo pastaba').fill('Vaikas lanko dienos centrą du kartus per savaitę.');
  await page.getByRole('button', { name: 'Pridėti pastabą' }).click();
  await page.getByRole('region', { name: 'Vykdymo pastabos' }).getByText('Vaikas lanko dienos centrą du kartus per savaitę.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Įvertinti' }).count(), 0, 'a partner does not evaluate');
  await noViolations(page, 'measure page (executor)');
  await screenshot(page, 'cw-measure-executor');
  const m = (await sw.get(`/api/v1/measures/${mSchool}`)).json;
  assert.equal(m.progress_notes.at(-1).body, 'Vaikas lanko dienos centrą du kartus per savaitę.');
  assert.equal(m.progress_notes.at(-1).institution_id, schoolId);
  // Another executor's measure is not found; the meeting's question shows
  // no child and no details; nothing to write.
  await page.goto(`/child-welfare/measures/${mHealth}`);
  await page.getByText('Įrašas nerastas arba jums nematomas.').waitFor();
  await page.goto(`/child-welfare/meetings/${meeting.id}`);
  const agenda = page.getByRole('region', { name: 'Darbotvarkė' });
  await agenda.getByRole('heading', { level: 3, name: '1. Dėl mokinio nelankymo' }).waitFor();
  const text = await page.locator('main').textContent();
  assert.ok(!text.includes('Vaitkus') && !text.includes('Praleista'), text);
  assert.match(text, /Su jūsų įstaiga nebendrinama\./);
  assert.equal(await page.getByRole('button', { name: /Įtraukti klausimą|Pridėti pavedimą|Pažymėti įvykdytą|sprendimą/ }).count(), 0);
  await noViolations(page, 'meeting page (partner)');
  await page.goto('/child-welfare/meetings');
  await page.getByRole('heading', { level: 1, name: 'Posėdžiai' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Naujas posėdis' }).count(), 0);
  await page.context().close();
});

test('the coordinator records a mayor\'s order: the missing executor at its field, then the order with its measure', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.goto('/child-welfare/orders');
  await page.getByRole('heading', { level: 1, name: 'Mero potvarkiai' }).waitFor();
  await page.getByRole('link', { name: 'A1-777' }).waitFor();
  await noViolations(page, 'order list');
  await page.getByRole('button', { name: 'Naujas potvarkis' }).click();
  const dlg = page.getByRole('dialog', { name: 'Naujas potvarkis' });
  await dlg.getByLabel('Numeris').fill('A1-778');
  await dlg.getByLabel('Dalykas').selectOption('minimal_care');
  await dlg.locator('#or-child').fill('Vaitkus Jonukas');
  await dlg.locator('#or-child-results .name').filter({ hasText: 'Jonukas Vaitkus' }).first().waitFor();
  await dlg.locator('#or-child').press('ArrowDown');
  await dlg.locator('#or-child').press('Enter');
  await dlg.getByText('Vaikas: Jonukas Vaitkus.').waitFor();
  await dlg.getByLabel('Priemonė').selectOption('non_formal_education');
  await dlg.getByLabel('Iki (MMMM-MM-DD)').fill(day(90));
  await noViolations(page, 'new order dialog');
  await dlg.getByRole('button', { name: 'Įrašyti potvarkį' }).click();
  await dlg.locator('#or-m0-ex-error').waitFor();
  assert.equal((await sw.get(`/api/v1/orders?year=${Y}`)).json.items.filter((o) => o.number === 'A1-778').length, 0, 'nothing written');
  await dlg.getByRole('checkbox', { name: 'Utenos Aukštakalnio progimnazija' }).check();
  await dlg.getByRole('button', { name: 'Įrašyti potvarkį' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mero potvarkis Nr. A1-778' }).waitFor();
  assert.match(await page.locator('table tbody').textContent(), /Įpareigojimas dalyvauti neformaliajame ugdyme/);
  const o = (await sw.get(`/api/v1/orders?year=${Y}`)).json.items.find((x) => x.number === 'A1-778');
  assert.equal(o.child_id, child.id);
  await page.context().close();
});

test('the coordinator evaluates an ended measure; the reasons are asked for at the field', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.goto(`/child-welfare/orders/${order.id}`);
  await page.getByRole('heading', { level: 1, name: 'Mero potvarkis Nr. A1-777' }).waitFor();
  assert.equal(await page.locator('table tbody tr').count(), 3);
  await page.getByRole('link', { name: 'Įpareigojimas dalyvauti terapijoje' }).click();
  await page.getByRole('heading', { level: 1, name: 'Įpareigojimas dalyvauti terapijoje: Jonukas Vaitkus' }).waitFor();
  await page.getByLabel('Rezultatas').selectOption('partly');
  await page.getByRole('button', { name: 'Įvertinti' }).click();
  await page.locator('#ms-reasons-error').waitFor();
  await noViolations(page, 'measure page with a field error');
  await page.getByLabel('Priežastys').fill('Terapija pradėta vėliau');
  await page.getByRole('button', { name: 'Įvertinti' }).click();
  await page.getByText('Įvykdyta iš dalies').waitFor();
  const m = (await sw.get(`/api/v1/measures/${mEnded}`)).json;
  assert.equal(m.evaluation, 'partly');
  assert.equal(m.evaluation_reasons, 'Terapija pradėta vėliau');
  await page.context().close();
});

test("the director's reports page shows the year's figures, CSV and printable links", async () => {
  const director = await loginAs(ctx.server, 'director');
  const rep = (await director.get(`/api/v1/reports/commission?year=${Y}`)).json;
  const sd = (await director.get(`/api/v1/reports/staff-development?year=${Y}`)).json;
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'direktore');
  await page.getByRole('navigation', { name: 'Pagrindinis meniu' }).getByRole('link', { name: 'Vaiko gerovė' }).click();
  await page.getByRole('link', { name: 'Ataskaitos' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ataskaitos' }).waitFor();
  const table = page.locator('table.cw-report');
  await table.waitFor();
  const cell = async (name) => (await table.getByRole('row', { name: new RegExp('^' + name) }).locator('td').textContent()).trim();
  assert.equal(await cell('Posėdžiai'), String(rep.meetings));
  assert.equal(await cell('Svarstyti klausimai'), String(rep.questions));
  const assigned = rep.orders.find((o) => o.kind === 'assign' && o.subject === 'minimal_care').n;
  assert.ok(assigned >= 1);
  assert.equal(await cell('Potvarkiai: Skyrimas, Minimalios priežiūros priemonės'), String(assigned));
  assert.equal(await cell('Įvertinimas: Įvykdyta iš dalies'), String(rep.evaluations.partly));
  assert.ok(rep.evaluations.partly >= 1, 'the evaluation made in the test above');
  await page.getByText(rep.summary_lt).waitFor();
  const csv = page.getByRole('link', { name: 'Atsisiųsti CSV: komisijos ataskaita' });
  assert.equal(await csv.getAttribute('href'), `/api/v1/reports/commission?year=${Y}&format=csv`);
  const html = page.getByRole('link', { name: 'Spausdinti: komisijos ataskaita' });
  const res = await page.request.get(await html.getAttribute('href'));
  assert.equal(res.status(), 200);
  assert.ok((await res.text()).includes(`<td>Posėdžiai</td><td>${rep.meetings}</td>`));
  const short = sd.workers.filter((w) => w.short).length;
  await page.getByText(`Normos nepasiekė ${short} iš ${sd.workers.length} darbuotojų.`).waitFor();
  await noViolations(page, 'reports page');
  await screenshot(page, 'cw-reports');
  // Another year, by keyboard; English too.
  await page.getByLabel('Metai').selectOption(String(Y - 1));
  await page.waitForURL(new RegExp(`year=${Y - 1}`));
  await page.getByRole('heading', { level: 2, name: `Vaiko gerovės komisijos metinė ataskaita ${Y - 1}` }).waitFor();
  await page.context().close();
  const en = await newPage(ctx.browser, ctx.server, { lang: 'en' });
  await login(en, 'direktore');
  await en.goto('/child-welfare/reports');
  await en.getByRole('heading', { level: 2, name: `Child Welfare Commission annual report ${Y}` }).waitFor();
  await en.getByText(rep.summary_en.split(',')[0]).first().waitFor();
  await noViolations(en, 'reports page (en)');
  await en.context().close();
});
