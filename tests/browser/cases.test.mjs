// Case work in the browser: the worklist on the home page (overdue first,
// one click to the case), then a case carried from the application on
// the person card through assessment, a decision with its payment
// explanation (Lithuanian and English), the contract, a plan, a note and a
// conflicting review (reload and reapply) to a day of delivered services
// entered by keyboard, the case's month and the billing statement with
// its CSV. axe-core finds no serious problems on any of these screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown, newPage, login, screenshot, axeScan, loginAs } from './lib.mjs';

let ctx;
before(async () => { ctx = await setup({ persons: 40 }); });
after(async () => { await teardown(ctx); });

async function noViolations(page, name) {
  await page.waitForLoadState('networkidle');
  const v = await axeScan(page);
  assert.deepEqual(v, [], `${name}: ${JSON.stringify(v, null, 2)}`);
}

const pad = (n) => String(n).padStart(2, '0');
function localIso(d = new Date()) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('the director narrows the worklist to one department', async () => {
  const api = await loginAs(ctx.server, 'director');
  const all = (await api.get('/api/v1/worklist?within_days=30&limit=100')).json.items.length;
  const deps = (await api.get('/api/v1/departments?limit=100')).json.items;
  const counts = [];
  for (const d of deps) counts.push((await api.get(`/api/v1/worklist?within_days=30&limit=100&department_id=${d.id}`)).json.items.length);
  const k = counts.findIndex((n) => n > 0 && n < all);
  assert.ok(k >= 0, `a department with some but not all items (${counts} of ${all})`);
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'direktore');
  const wl = page.getByRole('region', { name: 'Darbų sąrašas' });
  await wl.locator('li.wl-item').first().waitFor();
  assert.equal(await wl.locator('li.wl-item').count(), all);
  await wl.getByLabel('Skyrius').selectOption(String(deps[k].id));
  await page.waitForFunction((n) => document.querySelectorAll('.worklist li.wl-item').length === n, counts[k]);
  await noViolations(page, 'worklist of one department');
  await wl.getByLabel('Skyrius').selectOption('');
  await page.waitForFunction((n) => document.querySelectorAll('.worklist li.wl-item').length === n, all);
  await page.context().close();
});

test('the worklist is on the home page, overdue first, one click to the case', async () => {
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'socdarb');
  await page.getByRole('heading', { level: 1, name: 'Asmenų paieška' }).waitFor();
  const wl = page.getByRole('region', { name: 'Darbų sąrašas' });
  await wl.locator('li.wl-item').first().waitFor();
  const items = await wl.locator('li.wl-item').evaluateAll((els) => els.map((e) => e.classList.contains('overdue')));
  assert.ok(items.length >= 2, 'the demo has items due');
  assert.equal(items[0], true, 'an overdue item comes first');
  assert.ok(items.indexOf(false) === -1 || items.lastIndexOf(true) < items.indexOf(false), 'every overdue item before the others');
  assert.match(await wl.locator('li.wl-item').first().textContent(), /Vėluoja \d+ d\./);
  assert.ok((await wl.locator('li.wl-item .wl-what .small-text').first().textContent()).length > 0, 'an item names the case\'s services');
  await noViolations(page, 'home with worklist');
  await screenshot(page, 'worklist');
  const first = wl.locator('li.wl-item').first().getByRole('link');
  const name = (await first.textContent()).split(' – ')[1];
  await first.click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Byla Nr\\. \\d+: ${name}$`) }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Prašymas' }).waitFor();
  await noViolations(page, 'case page from the worklist');
  // The waiting lists.
  await page.getByRole('navigation').getByRole('link', { name: 'Laukiančiųjų eilės' }).click();
  await page.getByRole('heading', { level: 1, name: 'Laukiančiųjų eilės' }).waitFor();
  await page.locator('table tbody tr').first().waitFor();
  await noViolations(page, 'waiting lists');
  // The case list, filtered by state.
  await page.getByRole('navigation').getByRole('link', { name: 'Bylos' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bylos' }).waitFor();
  await page.locator('table tbody tr').first().waitFor();
  const all = await page.locator('table tbody tr').count();
  await page.getByLabel('Būsena').selectOption('active');
  await page.waitForURL(/status=active/);
  await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length < n, all);
  const states = await page.locator('table tbody tr td:nth-child(3)').allTextContents();
  assert.ok(states.length >= 1 && states.length < all, `${states.length} of ${all}`);
  assert.ok(states.every((x) => x === 'Teikiama'), states.join());
  await noViolations(page, 'case list');
  await page.context().close();
});

test('a case from the application to delivered services and the billing statement', async () => {
  const head = await loginAs(ctx.server, 'head');
  const session = (await head.get('/api/v1/session')).json;
  const cases = (await head.get('/api/v1/cases?limit=200')).json.items;
  const persons = (await head.get('/api/v1/persons?limit=50')).json.items;
  const person = persons.find((p) => !cases.some((c) => c.person_id === p.id) && p.birth_date < '2000-01-01');
  assert.ok(person, 'a person without a case');
  const staff = (await head.get(`/api/v1/staff?department_id=${session.department_id}`)).json.items[0];
  const today = localIso();
  const name = `${person.given_names} ${person.family_name}`;

  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'vedeja');
  // The person is picked with the search on the home page, by keyboard.
  await page.fill('#person-search', `${person.family_name} ${person.given_names}`);
  await page.locator('#person-search-results .name').filter({ hasText: name }).first().waitFor();
  const opts = await page.locator('#person-search-results .name').allTextContents();
  for (let i = 0; i <= opts.findIndex((x) => x.trim() === name); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/persons/${person.id}`);
  const sec = page.getByRole('region', { name: /^Bylos/ });
  await sec.getByText('Bylų nėra.').waitFor();

  // 1. The application, with services from the catalogue.
  await sec.getByRole('link', { name: 'Naujas prašymas' }).click();
  await page.getByRole('heading', { level: 1, name: `Naujas prašymas: ${name}` }).waitFor();
  await page.getByLabel('Kaip gautas').selectOption('email');
  // Who will work on the case: the department's workers, the head (who registers) chosen first.
  const swName = (await (await loginAs(ctx.server, 'social_worker')).get('/api/v1/session')).json.display_name;
  const workerSel = page.getByLabel('Atsakingas darbuotojas');
  await workerSel.locator('option', { hasText: swName }).waitFor({ state: 'attached' });
  assert.match(await workerSel.locator('option:checked').textContent(), /skyriaus vedėjas/);
  await workerSel.selectOption({ label: swName });
  await page.getByRole('group', { name: 'Prašomos paslaugos' }).getByLabel('Psichosocialinė pagalba', { exact: true }).check();
  await noViolations(page, 'new application');
  await page.getByRole('button', { name: 'Registruoti prašymą' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Byla Nr\\. \\d+: ${name}$`) }).waitFor();
  const caseId = Number(new URL(page.url()).pathname.split('/').pop());
  assert.ok(caseId > 0);
  await page.locator('.case-status').getByText('Gautas prašymas').waitFor();
  await page.getByText(new RegExp(`atvejo vadybininkas ${swName}`)).first().waitFor();
  const actions = page.getByRole('group', { name: 'Bylos veiksmai' });
  assert.equal(await actions.getByRole('button', { name: 'Pasirašyti sutartį' }).count(), 0, 'no contract before a decision');

  // 2. The assessment: the findings are required, said at the field.
  await actions.getByRole('button', { name: 'Įvertinti poreikį' }).click();
  let dlg = page.getByRole('dialog', { name: 'Įvertinti poreikį' });
  await dlg.getByLabel('Priklausomybės lygis').selectOption('high');
  await dlg.getByRole('button', { name: 'Išsaugoti vertinimą' }).click();
  await dlg.locator('#as-findings-error').waitFor();
  await dlg.getByLabel('Išvados').fill('Reikalinga psichologo pagalba kas savaitę.');
  await dlg.getByRole('button', { name: 'Išsaugoti vertinimą' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.case-status').getByText('Įvertinta').waitFor();

  // The person's income for a month, recorded on the case page.
  const inc = page.locator('#incomes');
  const lastMonth = new Date();
  lastMonth.setDate(1);
  lastMonth.setMonth(lastMonth.getMonth() - 1);
  const ym = localIso(lastMonth).slice(0, 7);
  await inc.getByLabel('Mėnuo').fill(ym);
  await inc.getByLabel('Suma per mėnesį, €').fill('12,345');
  await inc.getByLabel('Šaltinis').fill('Darbo užmokestis');
  await inc.getByRole('button', { name: 'Įrašyti pajamas' }).click();
  await inc.locator('#inc-amount-error').waitFor();
  await inc.getByLabel('Suma per mėnesį, €').fill('1000');
  await inc.getByRole('button', { name: 'Įrašyti pajamas' }).click();
  await inc.locator('tbody tr').filter({ hasText: ym }).filter({ hasText: 'Darbo užmokestis' }).waitFor();

  // 3. The decision: amounts per service, the income given with it, the
  // payment explanation shown and frozen.
  await actions.getByRole('button', { name: 'Priimti sprendimą' }).click();
  dlg = page.getByRole('dialog', { name: 'Priimti sprendimą' });
  await dlg.locator('#dec-svc-0 option').nth(2).waitFor({ state: 'attached' });
  assert.match(await dlg.locator('#dec-svc-0 option:checked').textContent(), /Psichosocialinė pagalba/, 'the applied service is proposed');
  await dlg.getByLabel('Sprendimo Nr.').fill('SP-55');
  await dlg.getByLabel('Pradžia').fill(today);
  await dlg.getByRole('button', { name: 'Priimti sprendimą' }).click();
  await dlg.locator('#dec-amount-0-error').waitFor();
  await dlg.getByLabel('Kiekis').fill('4');
  await dlg.getByLabel('Nurodyti pajamas šiame sprendime').check();
  await dlg.getByLabel('Pajamos, 1-as mėnuo, €').fill('900');
  await dlg.getByLabel('Pajamos, 2-as mėnuo, €').fill('950,50');
  await dlg.getByLabel('Pajamos, 3-as mėnuo, €').fill('1000');
  await noViolations(page, 'decision dialog');
  await dlg.getByRole('button', { name: 'Priimti sprendimą' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.case-status').getByText('Paskirta, laukia sutarties').waitFor();
  const pay = page.locator('.payment').first();
  await pay.getByRole('heading', { name: /Mokėjimas per mėnesį: [\d\s,]+\s€/ }).waitFor();
  assert.match(await pay.textContent(), /Vidutinės pajamos per 3 mėn\.: \(900,00\s€ \+ 950,50\s€ \+ 1\s?000,00\s€\) \/ 3 = 950,17\s€/);
  assert.match(await pay.textContent(), /įšaldyta/);
  await noViolations(page, 'case with the decision');
  await page.locator('#decision').scrollIntoViewIfNeeded();
  await screenshot(page, 'case-payment');
  // The same explanation in English, then back.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await pay.getByText(/Average income over 3 months: \(€900\.00 \+ €950\.50 \+ €1,?000\.00\) \/ 3/).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Decisions' }).waitFor();
  await noViolations(page, 'case page in English');
  await page.getByRole('button', { name: 'Perjungti į lietuvių kalbą' }).click();
  await page.getByRole('heading', { level: 2, name: 'Sprendimai' }).waitFor();

  // 4. The contract: the case becomes active.
  await actions.getByRole('button', { name: 'Pasirašyti sutartį' }).click();
  dlg = page.getByRole('dialog', { name: 'Pasirašyti sutartį' });
  await dlg.getByLabel('Sutarties Nr.').fill('S-55');
  await dlg.getByRole('button', { name: 'Išsaugoti sutartį' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.case-status').getByText('Teikiama').waitFor();
  await page.locator('#contract').getByText(/Pasirašyta .*Nr\. S-55/).waitFor();

  // 5. The plan with goals and a task; a note of special category.
  await page.locator('#plan').getByRole('button', { name: 'Sudaryti planą' }).click();
  dlg = page.getByRole('dialog', { name: 'Sudaryti planą' });
  const review = new Date();
  review.setMonth(review.getMonth() + 6);
  await dlg.getByLabel('Peržiūrėti iki').fill(localIso(review));
  await dlg.getByLabel('Tikslai').fill('Sumažinti nerimą\nAtkurti ryšius su šeima');
  await dlg.getByLabel('Užduotis', { exact: true }).fill('Susitarti dėl konsultacijų laiko');
  await dlg.getByRole('button', { name: 'Išsaugoti planą' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('#plan').getByText('Atkurti ryšius su šeima').waitFor();
  await page.locator('#plan').getByRole('button', { name: 'Atlikta: Susitarti dėl konsultacijų laiko' }).click();
  await page.locator('#plan').getByText(/atlikta \d{4}-\d{2}-\d{2}/).waitFor();
  await page.locator('#plan').getByRole('button', { name: 'Pasiekta: Sumažinti nerimą' }).click();
  await page.locator('#plan').getByText(/Sumažinti nerimą – pasiekta \d{4}-\d{2}-\d{2}/).waitFor();
  await noViolations(page, 'case with a plan');
  await page.getByLabel('Nauja pastaba').fill('Asmuo sutiko su planu.');
  await page.getByLabel(/Ypatingi asmens duomenys/).check();
  await page.getByRole('button', { name: 'Pridėti pastabą' }).click();
  await page.locator('#notes').getByText('Asmuo sutiko su planu.').waitFor();
  await page.locator('#notes').getByText('ypatingi duomenys').waitFor();
  // A task outside the plan, due today: it is on the worker's worklist.
  await page.getByLabel('Nauja užduotis').fill('Paskambinti gydytojui');
  await page.locator('#tasks').getByLabel('Terminas').fill(today);
  await page.getByRole('button', { name: 'Pridėti užduotį' }).click();
  await page.locator('#tasks').getByText('Paskambinti gydytojui').waitFor();
  // And one for the case's worker, chosen from the department's workers.
  await page.getByLabel('Nauja užduotis').fill('Aplankyti šeimą');
  await page.locator('#tasks').getByLabel('Kam skirta').selectOption({ label: swName });
  await page.getByRole('button', { name: 'Pridėti užduotį' }).click();
  await page.locator('#tasks li', { hasText: 'Aplankyti šeimą' }).waitFor();
  assert.match(await page.locator('#tasks li', { hasText: 'Aplankyti šeimą' }).textContent(), new RegExp(swName));

  // 6. Someone else changes the case meanwhile: the conflict panel, and
  // the review applied again to the newest version.
  const cur = await head.get(`/api/v1/cases/${caseId}`);
  const r = await head.post(`/api/v1/cases/${caseId}/events`, { kind: 'review', on_date: today, reason: 'Kito naudotojo peržiūra' }, { 'If-Match': cur.headers.get('etag') });
  assert.equal(r.status, 200, r.text);
  await actions.getByRole('button', { name: 'Peržiūrėti' }).click();
  dlg = page.getByRole('dialog', { name: 'Peržiūrėti' });
  await dlg.getByLabel('Priežastis').fill('Mano peržiūra');
  await dlg.getByRole('button', { name: 'Peržiūrėti' }).click();
  const panel = page.getByRole('alert').filter({ hasText: 'Kažkas pakeitė šį įrašą' });
  await panel.waitFor();
  await page.locator('#events').getByText('Kito naudotojo peržiūra').waitFor();
  await noViolations(page, 'case conflict');
  await panel.getByRole('button', { name: 'Pakartoti mano veiksmą' }).click();
  await panel.waitFor({ state: 'detached' });
  await page.locator('#events').getByText('Mano peržiūra').waitFor();

  // A document: uploaded, listed, downloaded as it was.
  const docs = page.locator('#documents');
  await docs.getByLabel('Dokumento rūšis').selectOption('contract');
  await docs.getByLabel('Failas').setInputFiles({ name: 'programa.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00binary') });
  await docs.getByRole('button', { name: 'Įkelti dokumentą' }).click();
  await docs.locator('#doc-file-error').waitFor();
  await docs.getByLabel('Failas').setInputFiles({ name: 'sutartis.txt', mimeType: 'text/plain', buffer: Buffer.from('Sutartis S-55\n') });
  await docs.getByRole('button', { name: 'Įkelti dokumentą' }).click();
  const link = docs.getByRole('link', { name: 'sutartis.txt' });
  await link.waitFor();
  const body = await page.evaluate(async (u) => (await fetch(u)).text(), await link.getAttribute('href'));
  assert.equal(body, 'Sutartis S-55\n');

  // 7. A day of deliveries, by keyboard, errors at their row.
  await page.getByRole('navigation').getByRole('link', { name: 'Dienos paslaugos' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dienos suteiktos paslaugos' }).waitFor();
  await page.getByLabel('Darbuotojas').selectOption(String(staff.id));
  await page.getByLabel('Byla, eilutė 1', { exact: true }).focus();
  await page.getByLabel('Byla, eilutė 1', { exact: true }).selectOption(String(caseId));
  await page.locator('#dl-ds-0 option').nth(1).waitFor({ state: 'attached' });
  // The only decided service is chosen (set once the case's services load).
  await page.waitForFunction(() => document.querySelector('#dl-ds-0')?.value !== '');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('30');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Konsultacija namuose');
  await page.getByRole('button', { name: 'Išsaugoti dieną' }).click();
  await page.locator('#dl-units-0-error').waitFor();
  assert.match(await page.getByRole('alert').filter({ hasText: 'Neišsaugota' }).textContent(), /eilutėse rasta klaidų/);
  await noViolations(page, 'daily entry with a row error');
  await page.getByLabel('Kiekis, eilutė 1').fill('');
  await page.getByLabel('Kiekis, eilutė 1').focus();
  await page.keyboard.type('1,5');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'dl-case-1');
  // A second visit of the day, to a demo case already running.
  const other = cases.find((c) => c.status === 'active' && c.department_id === session.department_id);
  assert.ok(other, 'a running demo case of the department');
  await page.keyboard.press('Tab');
  await page.getByLabel('Byla, eilutė 2', { exact: true }).selectOption(String(other.id));
  await page.locator('#dl-ds-1 option').nth(1).waitFor({ state: 'attached' });
  await page.waitForFunction(() => document.querySelector('#dl-ds-1')?.value !== '');
  await page.getByLabel('Kiekis, eilutė 2').fill('1');
  const flash = page.locator('.flash').getByRole('button', { name: 'Uždaryti' });
  if (await flash.count()) await flash.click();
  await screenshot(page, 'daily-entry');
  await page.getByRole('button', { name: 'Išsaugoti dieną' }).click();
  await page.getByRole('status').filter({ hasText: 'Išsaugota įrašų: 2.' }).first().waitFor();

  // 8. The case's month, a correction that keeps the history.
  await page.goto(`/cases/${caseId}/deliveries`);
  await page.getByRole('heading', { level: 1, name: `Byla Nr. ${caseId}: suteiktos paslaugos` }).waitFor();
  await page.locator('table').last().getByText('1,50 val.').waitFor();
  await page.getByRole('button', { name: `Taisyti įrašą ${today}` }).click();
  dlg = page.getByRole('dialog', { name: 'Taisyti įrašą' });
  await dlg.getByLabel('Kiekis').fill('2');
  await dlg.getByRole('button', { name: 'Taisyti' }).click();
  await dlg.locator('#fx-reason-error').waitFor();
  await dlg.getByLabel('Priežastis').fill('Netiksliai įvesta');
  await dlg.getByRole('button', { name: 'Taisyti' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('tr.muted-row').filter({ hasText: '1,50 val.' }).filter({ hasText: 'pataisyta' }).waitFor();
  await page.locator('tr').filter({ hasText: '2,00 val.' }).filter({ hasText: 'Pataisyta: Netiksliai įvesta' }).waitFor();
  await noViolations(page, 'case month');

  // 9. The billing statement and its CSV.
  await page.getByRole('link', { name: 'Mokėjimo žiniaraštis' }).click();
  await page.getByRole('heading', { level: 1, name: `Mokėjimo žiniaraštis: ${name}` }).waitFor();
  await page.getByText(/^Mokėti: [\d\s,]+\s€$/).waitFor();
  assert.match(await page.locator('main').textContent(), /2 val\./);
  await noViolations(page, 'billing statement');
  await page.getByRole('navigation').getByRole('link', { name: 'Mokėjimai' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mėnesio mokėjimai' }).waitFor();
  await page.locator('tbody tr').filter({ hasText: `${person.family_name} ${person.given_names}` }).waitFor();
  await noViolations(page, 'billing of the month');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: `Mokėjimo žiniaraštis: ${name}` }).waitFor();
  await screenshot(page, 'billing');
  const href = await page.getByRole('link', { name: 'Atsisiųsti CSV' }).getAttribute('href');
  const csv = await page.evaluate(async (u) => { const x = await fetch(u); return [x.status, x.headers.get('content-type'), await x.text()]; }, href);
  assert.equal(csv[0], 200);
  assert.match(csv[1], /text\/csv/);
  assert.match(csv[2], /Mėnuo;Asmens ID;Bylos ID/);

  // Termination needs a reason, said at the field; then only reopening is offered.
  await page.goto(`/cases/${caseId}`);
  await actions.getByRole('button', { name: 'Nutraukti' }).click();
  dlg = page.getByRole('dialog', { name: 'Nutraukti' });
  await dlg.getByRole('button', { name: 'Nutraukti' }).click();
  await dlg.locator('#ev-reason-error').waitFor();
  await dlg.getByLabel('Priežastis').fill('Asmuo išvyko');
  await dlg.getByRole('button', { name: 'Nutraukti' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.case-status').getByText('Nutraukta').waitFor();
  await actions.getByRole('button', { name: 'Pradėti iš naujo' }).waitFor();
  assert.equal(await actions.getByRole('button', { name: 'Peržiūrėti' }).count(), 0);

  // The task is on the head's worklist, one click from the case.
  await page.goto('/');
  const task = page.getByRole('region', { name: 'Darbų sąrašas' }).getByRole('link', { name: `Užduotis: Paskambinti gydytojui – ${name}` });
  await task.click();
  await page.getByRole('heading', { level: 1, name: `Byla Nr. ${caseId}: ${name}` }).waitFor();

  // A tablet: the case page fits without sideways scrolling.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(`/cases/${caseId}`);
  await page.locator('.payment').first().waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `no horizontal scroll on a tablet (${wide}px)`);
  await noViolations(page, 'case page on a tablet');
  await page.context().close();
});

test('English: worklist, case page, daily entry, case month, billing and waiting lists are translated and accessible', async () => {
  const head = await loginAs(ctx.server, 'head');
  const active = (await head.get('/api/v1/cases?status=active&limit=50')).json.items[0];
  assert.ok(active, 'the demo has an active case');
  const page = await newPage(ctx.browser, ctx.server, { lang: 'en' });
  await login(page, 'vedeja');
  const wl = page.getByRole('region', { name: 'Worklist' });
  await wl.getByText(/^Items: \d+, overdue: \d+\. Today is \d{4}-\d{2}-\d{2}\.$/).waitFor();
  await noViolations(page, 'home en');
  const screens = [
    [`/cases/${active.id}`, `Case ${active.id}: ${active.given_names} ${active.family_name}`],
    ['/deliveries/day', "The day's delivered services"],
    [`/cases/${active.id}/deliveries`, `Case ${active.id}: delivered services`],
    [`/billing/persons/${active.person_id}`, `Billing statement: ${active.given_names} ${active.family_name}`],
    ['/waiting-lists', 'Waiting lists'],
    ['/cases', 'Cases'],
    ['/billing', "The month's billing"],
  ];
  for (const [path, h1] of screens) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const text = await page.locator('main').textContent();
    assert.doesNotMatch(text, /Byla|Paslauga|Mokėti|Laukia|Sprendim/, `${path}: no Lithuanian left`);
    await noViolations(page, path + ' en');
  }
  await page.goto(`/cases/${active.id}`);
  await page.locator('.payment').first().getByText(/^Monthly payment: €[\d,.]+$/).first().waitFor();
  // Tablet width: no screen scrolls sideways (wide tables scroll in their own box).
  await page.setViewportSize({ width: 768, height: 1024 });
  for (const [path, h1] of screens) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 0, `${path} at 768 px: ${over} px sideways`);
  }
  await page.context().close();
});

test('a waiting list decision, a refusal that needs its reason, and reopening', async () => {
  const head = await loginAs(ctx.server, 'head');
  const assessed = (await head.get('/api/v1/cases?status=assessed&limit=50')).json.items[0];
  assert.ok(assessed, 'the demo has an assessed case');
  const page = await newPage(ctx.browser, ctx.server);
  await login(page, 'vedeja');
  await page.goto(`/cases/${assessed.id}`);
  await page.locator('.case-status').getByText('Įvertinta').waitFor();
  const actions = page.getByRole('group', { name: 'Bylos veiksmai' });
  await actions.getByRole('button', { name: 'Priimti sprendimą' }).click();
  let dlg = page.getByRole('dialog', { name: 'Priimti sprendimą' });
  await dlg.getByLabel('Įrašyti į laukiančiųjų eilę').check();
  assert.equal(await dlg.getByLabel('Nurodyti pajamas šiame sprendime').count(), 0, 'no income for a waiting list');
  assert.equal(await dlg.locator('#dec-svc-0').count(), 0, 'the applied services wait; no amounts yet');
  await dlg.getByRole('button', { name: 'Priimti sprendimą' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.case-status').getByText('Laukia eilėje').waitFor();
  await page.locator('#waiting').getByText(/eilėje \d+-as nuo/).waitFor();
  await noViolations(page, 'case on the waiting list');
  // Refused: the reason is required, said at the field.
  await actions.getByRole('button', { name: 'Priimti sprendimą' }).click();
  dlg = page.getByRole('dialog', { name: 'Priimti sprendimą' });
  await dlg.getByLabel('Atsisakyti skirti').check();
  await dlg.getByRole('button', { name: 'Priimti sprendimą' }).click();
  await dlg.locator('#dec-reason-error').waitFor();
  await dlg.getByLabel('Priežastis').fill('Asmens pajamos viršija ribą, paslauga teikiama kitur.');
  await dlg.getByRole('button', { name: 'Priimti sprendimą' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.case-status').getByText('Atsisakyta').waitFor();
  assert.equal(await actions.getByRole('button', { name: 'Priimti sprendimą' }).count(), 0);
  // Reopened: a new application starts.
  await actions.getByRole('button', { name: 'Pradėti iš naujo' }).click();
  dlg = page.getByRole('dialog', { name: 'Pradėti iš naujo' });
  await dlg.getByLabel('Priežastis').fill('Pateikti nauji duomenys');
  await dlg.getByRole('button', { name: 'Pradėti iš naujo' }).click();
  await dlg.waitFor({ state: 'detached' });
  await page.locator('.case-status').getByText('Gautas prašymas').waitFor();
  await page.locator('#events').getByText('Pateikti nauji duomenys').waitFor();
  await page.context().close();
});
