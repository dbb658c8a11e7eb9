// Home visits in the browser: the head of home help sees the week (visits
// per day, the workers' days, the problems to solve), plans it with a
// short time limit (progress while the server plans), sees placed and
// unplaced visits with their reasons, announces the plan, re-plans a day
// for a worker who fell ill, opens a printable day sheet, and checks a
// visit in and out (a bad number of units is named at its field); the
// delivered service is then in the case's month. axe-core finds no
// serious problems on these screens; all of it by keyboard-usable
// controls with labels, at 1366×768.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, axeScan, loginAs } from './lib.mjs';
import { Client } from '../http/lib.mjs';

const HEAD = 'vedeja_namai';
const HEAD_PASSWORD = 'namu-pagalba-2026-slaptas';

let ctx, sw2, director, caseId, personName, homeDept;

async function noViolations(page, name) {
  await page.waitForLoadState('networkidle');
  const v = await axeScan(page);
  assert.deepEqual(v, [], `${name}: ${JSON.stringify(v, null, 2)}`);
}

const pad = (n) => String(n).padStart(2, '0');
/** Today in Vilnius (the server's day of visits). */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Vilnius' });
function isoWeek(date) {
  const d = new Date(date + 'T12:00:00Z');
  const wd = (d.getUTCDay() + 6) % 7;
  const thu = new Date(d.getTime() + (3 - wd) * 864e5);
  const jan1 = Date.UTC(thu.getUTCFullYear(), 0, 1);
  return `${thu.getUTCFullYear()}-W${pad(1 + Math.floor((thu - jan1) / 864e5 / 7))}`;
}
const ifm = (r) => ({ 'If-Match': r.headers.get('etag') });

before(async () => {
  ctx = await setup({ persons: 60 });
  const admin = await loginAs(ctx.server, 'admin');
  director = await loginAs(ctx.server, 'director');
  sw2 = await loginAs(ctx.server, 'social_worker2');
  homeDept = (await admin.get('/api/v1/departments?limit=50')).json.items.find((d) => d.code === 'home_help').id;
  // The demo's head is of family support: a head of home help plans here.
  let r = await admin.post('/api/v1/users', { username: HEAD, display_name: 'Namų pagalbos vedėja', role: 'head', department_id: homeDept, password: HEAD_PASSWORD });
  assert.equal(r.status, 201, r.text);
  const head = new Client(ctx.server);
  await head.login(HEAD, HEAD_PASSWORD);
  // Every carer of home help works all day every day, so today's visit
  // fits whenever the test runs.
  const staff = (await head.get('/api/v1/staff?limit=200')).json.items.filter((s) => s.department_id === homeDept);
  for (const s of staff.filter((x) => x.skills.includes('carer'))) {
    r = await head.put(`/api/v1/staff/${s.id}/roster`, { days: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })) });
    assert.equal(r.status, 200, r.text);
  }
  // A home-help case with a visit today (any worker) and one that needs a
  // psychologist, whom home help does not have: unplaced, and a problem.
  const svc = (await sw2.get('/api/v1/services?limit=200')).json.items.find((s) => s.code === 'pagalba_namuose');
  const person = (await sw2.get('/api/v1/persons?limit=20')).json.items[7];
  personName = `${person.given_names} ${person.family_name}`;
  r = await sw2.post('/api/v1/cases', { person_id: person.id, department_id: homeDept, received_on: '2025-12-01', channel: 'in_person', service_ids: [svc.id] });
  assert.equal(r.status, 201, r.text);
  caseId = r.json.id;
  r = await sw2.post(`/api/v1/cases/${caseId}/assessments`, { assessed_on: '2025-12-05', dependency_level: 'high', findings: 'Reikia pagalbos buityje.' }, ifm(r));
  assert.equal(r.status, 201, r.text);
  r = await director.post(`/api/v1/cases/${caseId}/decisions`, {
    kind: 'assign', decided_on: '2025-12-15', income: { incomes: [90000, 90000, 90000] },
    services: [{ service_id: svc.id, amount: 10, period: 'week', visits_per_week: 5, start_on: '2026-01-05' }],
  }, ifm(r));
  assert.equal(r.status, 201, r.text);
  r = await sw2.post(`/api/v1/cases/${caseId}/contract`, { number: 'S-9', signed_on: '2025-12-20' }, ifm(r));
  assert.equal(r.status, 201, r.text);
  const ds = r.json.decisions[0].services[0];
  const dsId = ds.id ?? ds.decision_service_id;
  const wd = ((new Date(today() + 'T12:00:00Z').getUTCDay() + 6) % 7) + 1;
  r = await sw2.post(`/api/v1/cases/${caseId}/visit-patterns`, { decision_service_id: dsId, weekdays: [wd],
    window_start: '00:00', window_end: '24:00', duration_min: 30, skills: ['carer'], valid_from: '2026-01-05' });
  assert.equal(r.status, 201, r.text);
  r = await sw2.post(`/api/v1/cases/${caseId}/visit-patterns`, { decision_service_id: dsId, weekdays: [wd === 1 ? 2 : 1],
    window_start: '09:00', window_end: '12:00', duration_min: 60, skills: ['psychologist'], valid_from: '2026-01-05' });
  assert.equal(r.status, 201, r.text);
});
after(async () => { await teardown(ctx); });

test('the head plans the week, announces, re-plans a day, opens a day sheet, checks a visit in and out', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, HEAD, HEAD_PASSWORD);
  await page.getByRole('navigation').getByRole('link', { name: 'Lankymai namuose' }).click();
  await page.getByRole('heading', { level: 1, name: 'Lankymai namuose' }).waitFor();
  // The next week by default; this week is chosen by keyboard.
  const weekField = page.getByRole('textbox', { name: /^Savaitė/ });
  const thisWeek = isoWeek(today());
  assert.notEqual(await weekField.inputValue(), thisWeek, 'the next week by default');
  await page.getByText('Pagalbos namuose skyrius').first().waitFor();
  await weekField.fill('2026-W99');
  await weekField.press('Enter');
  await page.getByText('Įveskite savaitę taip: 2026-W49.').waitFor();
  assert.equal(await weekField.getAttribute('aria-invalid'), 'true');
  await weekField.fill(thisWeek);
  await weekField.press('Enter');
  await page.getByRole('heading', { level: 2, name: new RegExp(`^Savaitė ${thisWeek}`) }).waitFor();
  // Visits per day, the workers' week, and the problem to solve.
  const days = page.getByRole('table', { name: 'Lankymai pagal dienas' });
  assert.equal(await days.locator('tbody tr').count(), 7);
  const todayRow = days.locator('tbody tr').filter({ hasText: today() });
  assert.ok(Number(await todayRow.locator('td').first().textContent()) >= 1, 'today has visits');
  await page.getByRole('table', { name: 'Darbuotojų savaitė' }).locator('tbody tr').first().waitFor();
  const problem = page.locator('.hv-problems li').filter({ hasText: personName });
  assert.match(await problem.textContent(), /Nėra darbuotojo su reikiama kompetencija/);
  await page.getByText('Šiai savaitei planų dar nėra.').waitFor();
  await noViolations(page, 'home visits week');
  await screenshot(page, 'homecare-week');

  // Plan with a short time limit: progress while the server plans.
  const limit = page.getByLabel('Planavimo laikas (s)');
  await limit.fill('0');
  await page.getByRole('button', { name: 'Planuoti savaitę' }).click();
  await page.getByText('Sveikas skaičius nuo 1 iki 120.').waitFor();
  await limit.fill('3');
  await page.getByRole('button', { name: 'Planuoti savaitę' }).click();
  await page.getByRole('progressbar').waitFor();
  await page.getByText(/^Planuojama… \d+ s iš 3 s$/).waitFor();
  // The UI is not blocked: the week's tables are still there and usable.
  assert.ok(await days.isVisible());
  await page.getByRole('heading', { level: 1, name: /^Lankymų planas Nr\. \d+/ }).waitFor({ timeout: 60000 });
  await page.getByText(/^Planas Nr\. \d+ parengtas: suplanuota \d+ iš \d+ lankymų\.$/).waitFor();
  const planId = Number(/\/home-visits\/plans\/(\d+)/.exec(page.url())[1]);
  const figures = page.locator('dl.hv-figures');
  assert.match(await figures.textContent(), /Kelionės laikas.*tiesiomis linijomis/);
  assert.match(await figures.textContent(), /Tas pats darbuotojas/);
  // Placed visits of today with start times; the unplaced one with its reason.
  const mine = page.locator('.hv-worker-day tbody tr').filter({ hasText: personName });
  await mine.first().waitFor();
  assert.match(await mine.first().textContent(), /\d{2}:\d{2}–\d{2}:\d{2}/);
  const unplaced = page.getByRole('table', { name: 'Nesuplanuoti lankymai' }).locator('tbody tr').filter({ hasText: personName });
  assert.match(await unplaced.textContent(), /Nė vienas tą dieną dirbantis darbuotojas neturi reikiamos kompetencijos/);
  assert.equal(await page.locator('.status').first().textContent(), 'Projektas');
  // A draft has no check-in and no day sheet yet.
  assert.equal(await page.getByRole('button', { name: /^Atvyko:/ }).count(), 0);
  await noViolations(page, 'draft plan');
  await screenshot(page, 'homecare-plan-draft');

  // Meanwhile the director re-plans another day of the draft: announcing
  // the version on screen meets a 412 and the conflict panel; the step is
  // sent again on the new version.
  const wk0 = (await director.get(`/api/v1/home-visits?week=${thisWeek}&department_id=${homeDept}`)).json;
  const otherDay = wk0.visits.find((v) => v.date !== today())?.date || wk0.monday;
  const carer = wk0.workers.find((w) => w.skills.includes('carer'));
  const bump = await director.post(`/api/v1/visit-plans/${planId}/replan`, { date: otherDay, absent_staff_ids: [carer.staff_id], time_limit_s: 1 },
    { 'If-Match': '"v1"' });
  assert.equal(bump.status, 200, bump.text);
  assert.equal(bump.json.status, 'draft');
  await page.getByRole('button', { name: 'Paskelbti planą' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Kažkas pakeitė šį įrašą' });
  await conflict.waitFor();
  await noViolations(page, 'conflict panel');
  await screenshot(page, 'homecare-conflict');
  await conflict.getByRole('button', { name: 'Pakartoti mano veiksmą' }).click();
  await conflict.waitFor({ state: 'detached' });
  await page.getByText('Planas paskelbtas.').waitFor();
  await page.locator('.card-head .status').filter({ hasText: 'Paskelbtas' }).waitFor();

  // The week's list shows it announced.
  const planAnnounced = await director.get(`/api/v1/visit-plans?week=${thisWeek}&department_id=${homeDept}`);
  assert.ok(planAnnounced.json.items.some((p) => p.id === planId && p.status === 'announced'));

  // Re-plan today: the worker of our visit falls ill.
  const before = (await director.get(`/api/v1/visit-plans/${planId}`)).json;
  const ours = before.visits.find((v) => v.case_id === caseId && v.visit_date === today() && v.staff_id);
  assert.ok(ours, 'our visit is placed today');
  const week = (await director.get(`/api/v1/home-visits?week=${thisWeek}&department_id=${homeDept}`)).json;
  const ill = week.workers.find((w) => w.staff_id === ours.staff_id);
  await page.getByRole('button', { name: 'Perplanuoti dieną' }).click();
  const dlg = page.getByRole('dialog', { name: 'Perplanuoti dieną, kai darbuotojas negali dirbti' });
  await dlg.getByLabel('Diena').selectOption(today());
  await dlg.getByLabel(`${ill.given_names} ${ill.family_name}`).check();
  await dlg.getByLabel('Planavimo laikas (s)').fill('1');
  await noViolations(page, 'replan dialog');
  await dlg.getByRole('button', { name: 'Perplanuoti' }).click();
  await dlg.waitFor({ state: 'detached', timeout: 60000 });
  const replanned = page.locator('p.flash.ok');
  await replanned.waitFor();
  assert.match(await replanned.textContent(), /^Diena perplanuota: \d+ iš \d+ lankymų liko tiems patiems darbuotojams; suplanuota \d+, nesuplanuota \d+\.$/);
  const after1 = (await director.get(`/api/v1/visit-plans/${planId}`)).json;
  assert.ok(after1.visits.filter((v) => v.visit_date === today()).every((v) => v.staff_id !== ill.staff_id), 'nothing left for the ill worker');
  const now = after1.visits.find((v) => v.case_id === caseId && v.visit_date === today());
  assert.ok(now.staff_id, 'our visit went to another worker');
  const worker = week.workers.find((w) => w.staff_id === now.staff_id);
  const workerName = `${worker.given_names} ${worker.family_name}`;

  // The printable day sheet opens in a new tab.
  const section = page.locator('.hv-worker-day').filter({ has: page.getByRole('heading', { level: 3, name: workerName }) });
  const [sheet] = await Promise.all([
    page.context().waitForEvent('page'),
    section.getByRole('link', { name: `Dienos lapas spausdinti: ${workerName}` }).click(),
  ]);
  await sheet.waitForLoadState();
  assert.match(await sheet.locator('h1').textContent(), /^Darbo dienos lapas: /);
  assert.ok((await sheet.content()).includes(now.start), 'the visit\'s start time is on the sheet');
  await sheet.close();

  // Check in, then check out: a bad number of units is named at its field.
  await section.getByRole('button', { name: `Atvyko: ${personName}` }).focus();
  await page.keyboard.press('Enter');
  await page.getByText(`Pažymėtas atvykimas pas ${personName}.`).waitFor();
  await section.getByRole('button', { name: `Išvyko: ${personName}` }).click();
  const out = page.getByRole('dialog', { name: `Lankymas baigtas: ${personName}` });
  await out.getByLabel('Suteikta vienetų').fill('daug');
  await out.getByLabel('Pastaba').fill('Viskas gerai');
  await out.getByRole('button', { name: 'Išvyko' }).click();
  const unitsField = out.getByLabel('Suteikta vienetų');
  await out.locator('#co-units-error').waitFor();
  assert.equal(await unitsField.getAttribute('aria-invalid'), 'true');
  await noViolations(page, 'check-out dialog with an error');
  await screenshot(page, 'homecare-check-out');
  await unitsField.fill('0,5');
  await out.getByRole('button', { name: 'Išvyko' }).click();
  await out.waitFor({ state: 'detached' });
  await page.getByText(`Lankymas pas ${personName} baigtas, paslauga įrašyta.`).waitFor();
  await section.locator('tbody tr').filter({ hasText: personName }).filter({ hasText: 'Atliktas' }).waitFor();
  // Another visit of today could not be made: the reason is required.
  const other = page.locator('.hv-worker-day tbody tr').filter({ has: page.getByRole('button', { name: /^Neįvyko: / }) })
    .filter({ hasNotText: personName }).first();
  const otherName = (await other.locator('th').textContent()).trim();
  await other.getByRole('button', { name: `Neįvyko: ${otherName}` }).click();
  const miss = page.getByRole('dialog', { name: `Lankymas neįvyko: ${otherName}` });
  await miss.getByRole('button', { name: 'Neįvyko' }).click();
  await miss.locator('#ms-note-error').waitFor();
  assert.equal(await miss.getByLabel(/^Kodėl neįvyko/).getAttribute('aria-invalid'), 'true');
  await miss.getByLabel(/^Kodėl neįvyko/).fill('Klientas neatidarė durų');
  await miss.getByRole('button', { name: 'Neįvyko' }).click();
  await miss.waitFor({ state: 'detached' });
  await page.getByText(`Pažymėta, kad lankymas pas ${otherName} neįvyko.`).waitFor();
  await noViolations(page, 'announced plan');
  await screenshot(page, 'homecare-plan-announced');

  // Recorded: the visit is done with its delivery, in the case's month.
  const done = (await sw2.get(`/api/v1/visit-plans/${planId}`)).json.visits.find((v) => v.id === now.id);
  assert.equal(done.status, 'done');
  assert.ok(done.delivery_id > 0);
  const month = (await sw2.get(`/api/v1/cases/${caseId}/deliveries?month=${today().slice(0, 7)}`)).json;
  const row = month.deliveries.find((d) => d.id === done.delivery_id);
  assert.ok(row, 'the delivery is in the case\'s month');
  assert.equal(Number(row.units), 0.5);
  assert.equal(row.note, 'Viskas gerai');
  assert.deepEqual(page.__errors || [], []);
  await page.context().close();
});

test('a social worker sees the week and the plans but no planning actions; English texts', async () => {
  const page = await newPage(ctx.browser, ctx.server, { lang: 'en' });
  await login(page, 'socdarb2');
  await page.getByRole('navigation').getByRole('link', { name: 'Home visits' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home visits' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Plans of the week' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Plan the week' }).count(), 0);
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('table', { name: 'Plans of the week' }).getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: /^Visit plan no\. \d+/ }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Re-plan a day' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Announce the plan' }).count(), 0);
  await page.getByRole('heading', { level: 2, name: 'Unplaced visits' }).waitFor();
  await noViolations(page, 'plan in English');
  await page.context().close();
});

test('the director chooses the department; home help first', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'direktore');
  await page.getByRole('navigation').getByRole('link', { name: 'Lankymai namuose' }).click();
  await page.getByRole('heading', { level: 1, name: 'Lankymai namuose' }).waitFor();
  const dept = page.getByLabel('Skyrius', { exact: true });
  await page.getByRole('table', { name: 'Lankymai pagal dienas' }).waitFor();
  assert.equal(await dept.inputValue(), String(homeDept));
  assert.equal(await page.getByRole('button', { name: 'Planuoti savaitę' }).count(), 1, 'the director plans');
  await noViolations(page, 'week for the director');
  await page.context().close();
});
