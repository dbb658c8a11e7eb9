// Individual plans, tasks, case notes and the worklist: validation that
// changes nothing, If-Match, the current plan, closed cases, who sees
// which task and note, the worklist's order, and the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, loginAs } from './lib.mjs';

let server, sw, sw2, head, director, partner, auditor, admin;
let mine = [];   // persons of the family-support department (sw, head)
let theirs = []; // persons of the home-help department (sw2)
let serviceId;

// Dates as the server counts them (Europe/Vilnius).
function day(offset) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vilnius', year: 'numeric', month: '2-digit', day: '2-digit' });
  return f.format(new Date(Date.now() + offset * 86400000));
}
const etag = (r) => r.headers.get('etag');
const im = (tag) => ({ 'If-Match': tag });

async function openCase(client, personId, receivedOffset = 0) {
  const r = await client.post('/api/v1/cases', {
    person_id: personId, department_id: client.user.department_id, worker_user_id: client.user.user_id,
    received_on: day(receivedOffset), channel: 'in_person', service_ids: [serviceId],
  });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

before(async () => {
  server = await startServer({ persons: 120 });
  sw = await loginAs(server, 'social_worker');
  sw2 = await loginAs(server, 'social_worker2');
  head = await loginAs(server, 'head');
  director = await loginAs(server, 'director');
  partner = await loginAs(server, 'partner');
  auditor = await loginAs(server, 'auditor');
  admin = await loginAs(server, 'admin');
  for (const [client, other, into] of [[sw, sw2, mine], [sw2, sw, theirs]]) {
    const r = await client.get('/api/v1/persons?limit=200');
    assert.equal(r.status, 200, r.text);
    for (const p of r.json.items) {
      if (into.length >= 8) break;
      if ((await other.get(`/api/v1/persons/${p.id}`)).status === 404) into.push(p.id);
    }
  }
  assert.ok(mine.length >= 8 && theirs.length >= 2, 'demo persons in both departments');
  const s = await sw.get('/api/v1/services');
  assert.equal(s.status, 200, s.text);
  serviceId = s.json.items.find((x) => x.code === '202').id;
});
after(async () => { await stopServer(server); });

const goodPlan = () => ({
  drawn_on: day(0), review_on: day(90),
  goals: ['Savarankiškai apsipirkti parduotuvėje', 'Lankyti dienos centrą du kartus per savaitę'],
  tasks: [
    { title: 'Aptarti planą su šeima', goal_index: 0, due_on: day(7) },
    { title: 'Susitarti su dienos centru', goal_index: 1 },
  ],
});

test('plans: validation changes nothing; a new plan supersedes; If-Match; review date on the case', async () => {
  const kase = await openCase(sw, mine[0]);
  const path = `/api/v1/cases/${kase.id}/plans`;

  const bad = [
    [{ ...goodPlan(), drawn_on: '2026-02-30' }, 'drawn_on', 'date'],
    [{ ...goodPlan(), review_on: '23.11.2026' }, 'review_on', 'date'],
    [{ ...goodPlan(), review_on: day(0) }, 'review_on', 'plan.review_order'],
    [{ ...goodPlan(), drawn_on: day(1), review_on: day(30) }, 'drawn_on', 'date.future'],
    [{ ...goodPlan(), goals: [] }, 'goals', 'plan.goals'],
    [{ ...goodPlan(), goals: undefined }, 'goals', 'required'],
    [{ ...goodPlan(), goals: ['  '] }, 'goals', 'string.empty'],
    [{ ...goodPlan(), tasks: [{ title: 'X', goal_index: 2 }] }, 'tasks', 'plan.goal_index'],
    [{ ...goodPlan(), tasks: [{ title: 'X', due_on: '2026-13-01' }] }, 'tasks', 'date'],
    [{ ...goodPlan(), tasks: [{ title: 'X', due_on: day(-1) }] }, 'tasks', 'plan.task_due'],
    [{ ...goodPlan(), tasks: [{ title: 'X', colour: 'red' }] }, 'tasks', 'unknown_field'],
    [{ ...goodPlan(), tasks: [{ title: 'X', assignee_user_id: sw2.user.user_id }] }, 'tasks', 'task.assignee_case'],
    [{ ...goodPlan(), owner: 1 }, 'owner', 'unknown_field'],
  ];
  for (const [body, field, key] of bad) {
    const r = await sw.post(path, body);
    assert.equal(r.status, 422, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.fields[field]?.code, key, `${field}: ${r.text}`);
  }
  let r = await sw.get(path);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.items, [], 'refused plans left nothing behind');
  r = await sw.get(`/api/v1/tasks?case_id=${kase.id}`);
  assert.deepEqual(r.json.items, []);

  r = await sw.post(path, goodPlan());
  assert.equal(r.status, 201, r.text);
  const first = r.json;
  assert.equal(etag(r), '"v1"');
  assert.equal(first.current, true);
  assert.deepEqual(first.goals.map((g) => [g.ordinal, g.goal, g.achieved_on]),
    [[1, goodPlan().goals[0], null], [2, goodPlan().goals[1], null]]);
  assert.equal(first.tasks.length, 2);
  assert.equal(first.tasks[0].goal_id, first.goals[0].id);
  assert.equal(first.tasks[0].case_id, kase.id);
  assert.equal(first.tasks[0].assignee_user_id, sw.user.user_id, 'the drawer takes undelegated tasks');
  assert.equal(first.tasks[0].due_on, day(7));
  assert.equal(first.tasks[1].due_on, null);

  r = await sw.get(`/api/v1/cases/${kase.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.plan_review_due ?? r.json.case?.plan_review_due, day(90));

  // Changing the plan: If-Match, goals achieved, goals added, review date.
  const change = { review_on: day(60), goals: [{ id: first.goals[0].id, achieved_on: day(0) }], add_goals: ['Susirasti darbą'] };
  r = await sw.patch(`/api/v1/plans/${first.id}`, change);
  assert.equal(r.status, 428, r.text);
  r = await sw.patch(`/api/v1/plans/${first.id}`, change, im('"v7"'));
  assert.equal(r.status, 412, r.text);
  for (const [body, field, key] of [
    [{ review_on: '2026-1-1' }, 'review_on', 'date'],
    [{ review_on: day(0) }, 'review_on', 'plan.review_order'],
    [{ goals: [{ id: first.goals[0].id, achieved_on: day(1) }] }, 'goals', 'plan.achieved_future'],
    [{ goals: [{ id: first.goals[0].id, achieved_on: 'vakar' }] }, 'goals', 'date'],
    [{ goals: [{ id: 999999, achieved_on: day(0) }], review_on: day(50) }, 'goals', 'plan.goal_unknown'],
    [{ add_goals: [''] }, 'add_goals', 'string.empty'],
  ]) {
    const x = await sw.patch(`/api/v1/plans/${first.id}`, body, im('"v1"'));
    assert.equal(x.status, 422, `${JSON.stringify(body)}: ${x.text}`);
    assert.equal(x.json.error.fields[field]?.code, key, x.text);
  }
  r = await sw.get(`/api/v1/plans/${first.id}`);
  assert.equal(etag(r), '"v1"', 'refused changes left the version');
  assert.equal(r.json.review_on, day(90));
  assert.equal(r.json.goals[0].achieved_on, null);

  r = await sw.patch(`/api/v1/plans/${first.id}`, change, im('"v1"'));
  assert.equal(r.status, 200, r.text);
  assert.equal(etag(r), '"v2"');
  assert.equal(r.json.review_on, day(60));
  assert.equal(r.json.goals[0].achieved_on, day(0));
  assert.deepEqual(r.json.goals.map((g) => g.ordinal), [1, 2, 3]);
  assert.equal(r.json.goals[2].goal, 'Susirasti darbą');
  r = await sw.get(`/api/v1/cases/${kase.id}`);
  assert.equal(r.json.plan_review_due ?? r.json.case?.plan_review_due, day(60));

  // A second plan supersedes the first, which stays and can no longer change.
  r = await sw.post(path, { drawn_on: day(0), review_on: day(180), goals: ['Gyventi savarankiškai'] });
  assert.equal(r.status, 201, r.text);
  const second = r.json;
  r = await sw.get(path);
  assert.deepEqual(r.json.items.map((p) => [p.id, p.current]), [[second.id, true], [first.id, false]]);
  assert.equal(r.json.items[1].tasks.length, 2, 'older plans keep goals and tasks');
  r = await sw.patch(`/api/v1/plans/${first.id}`, { review_on: day(30) }, im('"v2"'));
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'plan.superseded');
  r = await sw.get(`/api/v1/cases/${kase.id}`);
  assert.equal(r.json.plan_review_due ?? r.json.case?.plan_review_due, day(180));

  // The case page carries the current plan, open tasks and the note count.
  assert.equal(r.json.plan.id, second.id);
  assert.equal(r.json.plan.goals.length, 1);
  assert.equal(r.json.open_tasks.length, 2);
  assert.equal(r.json.notes_count, 0);

  // Another department sees none of it.
  assert.equal((await sw2.get(path)).status, 404);
  assert.equal((await sw2.get(`/api/v1/plans/${first.id}`)).status, 404);
  r = await sw2.post(path, goodPlan());
  assert.equal(r.status, 404, r.text);
  r = await sw2.patch(`/api/v1/plans/${second.id}`, { review_on: day(30) }, im('"v1"'));
  assert.equal(r.status, 404, r.text);
  // The head of the department and the director do.
  assert.equal((await head.get(path)).json.items.length, 2);
  assert.equal((await director.get(path)).json.items.length, 2);
  // Those without case access are refused at the route.
  assert.equal((await auditor.get(path)).status, 403);
  assert.equal((await admin.get(path)).status, 403);
  assert.equal((await partner.post(path, goodPlan())).status, 403);
});

test('plans: refused on a terminated case; notes still allowed', async () => {
  const kase = await openCase(sw, mine[1]);
  let r = await sw.post(`/api/v1/cases/${kase.id}/plans`, goodPlan());
  assert.equal(r.status, 201, r.text);
  const plan = r.json;
  r = await sw.get(`/api/v1/cases/${kase.id}`);
  r = await sw.post(`/api/v1/cases/${kase.id}/events`, { kind: 'terminate', on_date: day(0), reason: 'Asmuo atsisakė paslaugų' }, im(etag(r)));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status ?? r.json.case?.status, 'terminated');

  r = await sw.post(`/api/v1/cases/${kase.id}/plans`, goodPlan());
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'case.closed');
  r = await sw.patch(`/api/v1/plans/${plan.id}`, { review_on: day(30) }, im('"v1"'));
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'case.closed');
  r = await sw.post('/api/v1/tasks', { title: 'Paskambinti', case_id: kase.id });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'case.closed');
  r = await sw.get(`/api/v1/cases/${kase.id}/plans`);
  assert.equal(r.json.items.length, 1, 'the refused plan was not stored');
  r = await sw.post(`/api/v1/cases/${kase.id}/notes`, { body: 'Byla nutraukta, asmuo informuotas.' });
  assert.equal(r.status, 201, r.text);
});

test('tasks: case tasks follow the case, free tasks their people; If-Match; bad dates change nothing', async () => {
  const kase = await openCase(sw, mine[2]);
  const other = await openCase(sw2, theirs[0]);

  let r = await sw.post('/api/v1/tasks', { title: 'Aplankyti namuose', case_id: kase.id, due_on: day(3) });
  assert.equal(r.status, 201, r.text);
  const caseTask = r.json;
  assert.equal(etag(r), '"v1"');
  assert.equal(caseTask.assignee_user_id, sw.user.user_id);
  assert.equal(caseTask.assignee_name.length > 0, true);

  r = await sw2.post('/api/v1/tasks', { title: 'Kito skyriaus užduotis', case_id: other.id });
  assert.equal(r.status, 201, r.text);
  const otherTask = r.json;

  // Another department's case task is invisible everywhere.
  assert.equal((await sw.get(`/api/v1/tasks/${otherTask.id}`)).status, 404);
  assert.equal((await head.get(`/api/v1/tasks/${otherTask.id}`)).status, 404);
  r = await sw.get(`/api/v1/tasks?case_id=${other.id}`);
  assert.equal(r.status, 404, r.text);
  r = await sw.get(`/api/v1/tasks?assignee_user_id=${sw2.user.user_id}`);
  assert.equal(r.status, 200, r.text);
  assert.ok(!r.json.items.some((t) => t.id === otherTask.id), 'not listed by assignee either');
  r = await sw.patch(`/api/v1/tasks/${otherTask.id}`, { done_on: day(0) }, im('"v1"'));
  assert.equal(r.status, 404, r.text);
  r = await sw.post('/api/v1/tasks', { title: 'X', case_id: other.id });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.fields.case_id.code, 'case.not_found');
  assert.equal((await director.get(`/api/v1/tasks/${otherTask.id}`)).status, 200);

  // Assignees: a case task only to someone who sees the case.
  r = await sw.post('/api/v1/tasks', { title: 'X', case_id: kase.id, assignee_user_id: sw2.user.user_id });
  assert.equal(r.status, 422, r.text);
  assert.equal(r.json.error.fields.assignee_user_id.code, 'task.assignee_case');
  r = await sw.post('/api/v1/tasks', { title: 'X', case_id: kase.id, assignee_user_id: auditor.user.user_id });
  assert.equal(r.json.error.fields.assignee_user_id.code, 'task.assignee');
  r = await sw.post('/api/v1/tasks', { title: 'X', case_id: kase.id, assignee_user_id: 999999 });
  assert.equal(r.json.error.fields.assignee_user_id.code, 'task.assignee');
  r = await sw.post('/api/v1/tasks', { title: 'X', case_id: kase.id, responsible_staff_id: 999999 });
  assert.equal(r.json.error.fields.responsible_staff_id.code, 'task.staff');
  r = await sw.post('/api/v1/tasks', { title: 'X', due_on: '2026-02-29' });
  assert.equal(r.json.error.fields.due_on.code, 'date');
  r = await sw.post('/api/v1/tasks', { due_on: day(1) });
  assert.equal(r.json.error.fields.title.code, 'required');
  r = await sw.post('/api/v1/tasks', { title: 'X', plan_id: 999999 });
  assert.equal(r.json.error.fields.plan_id.code, 'task.plan');

  // A free task: its creator, its assignee and the assignee's head.
  r = await sw.post('/api/v1/tasks', { title: 'Parengti ataskaitą', due_on: day(10) });
  assert.equal(r.status, 201, r.text);
  const free = r.json;
  assert.equal(free.case_id, null);
  assert.equal((await head.get(`/api/v1/tasks/${free.id}`)).status, 200);
  assert.equal((await sw2.get(`/api/v1/tasks/${free.id}`)).status, 404);
  assert.equal((await director.get(`/api/v1/tasks/${free.id}`)).status, 404);
  r = await sw.post('/api/v1/tasks', { title: 'X', assignee_user_id: sw2.user.user_id });
  assert.equal(r.json.error.fields.assignee_user_id.code, 'task.assignee_department');
  r = await head.get(`/api/v1/tasks?assignee_user_id=${sw.user.user_id}`);
  assert.ok(r.json.items.some((t) => t.id === free.id) && r.json.items.some((t) => t.id === caseTask.id));

  // Changes: If-Match; bad dates change nothing; done and reopened.
  const tp = `/api/v1/tasks/${caseTask.id}`;
  r = await sw.patch(tp, { done_on: day(0) });
  assert.equal(r.status, 428);
  for (const [body, field, key] of [
    [{ done_on: '2026-11-31' }, 'done_on', 'date'],
    [{ done_on: day(2) }, 'done_on', 'date.future'],
    [{ due_on: 'rytoj' }, 'due_on', 'date'],
    [{ title: '' }, 'title', 'string.empty'],
    [{ case_id: 5 }, 'case_id', 'unknown_field'],
    [{ assignee_user_id: sw2.user.user_id }, 'assignee_user_id', 'task.assignee_case'],
  ]) {
    const x = await sw.patch(tp, body, im('"v1"'));
    assert.equal(x.status, 422, `${JSON.stringify(body)}: ${x.text}`);
    assert.equal(x.json.error.fields[field]?.code, key, x.text);
  }
  r = await sw.get(tp);
  assert.equal(etag(r), '"v1"');
  assert.equal(r.json.done_on, null);
  assert.equal(r.json.due_on, day(3));
  r = await sw.patch(tp, { done_on: day(0), title: 'Aplankyta namuose' }, im('"v1"'));
  assert.equal(r.status, 200, r.text);
  assert.equal(etag(r), '"v2"');
  assert.equal(r.json.done_on, day(0));
  r = await head.patch(tp, { due_on: null }, im('"v1"'));
  assert.equal(r.status, 412, 'a stale version is refused');
  r = await sw.get(`/api/v1/tasks?case_id=${kase.id}&open=true`);
  assert.ok(!r.json.items.some((t) => t.id === caseTask.id), 'a done task is not open');
  r = await sw.get(`/api/v1/tasks?case_id=${kase.id}`);
  assert.ok(r.json.items.some((t) => t.id === caseTask.id));
  r = await head.patch(tp, { done_on: null, assignee_user_id: head.user.user_id }, im('"v2"'));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.done_on, null);
  assert.equal(r.json.assignee_user_id, head.user.user_id);

  // Pagination by keyset.
  for (let i = 0; i < 3; i++) await sw.post('/api/v1/tasks', { title: `Užduotis ${i}` });
  r = await sw.get('/api/v1/tasks?limit=2');
  assert.equal(r.json.items.length, 2);
  assert.ok(r.json.next_cursor);
  const r2 = await sw.get(`/api/v1/tasks?limit=2&cursor=${r.json.next_cursor}`);
  assert.ok(r2.json.items.every((t) => t.id < r.json.items[1].id));
  assert.equal((await sw.get('/api/v1/tasks?open=maybe')).status, 422);
  assert.equal((await sw.get('/api/v1/tasks?cursor=abc')).status, 422);
});

test('case notes: append-only, newest first, special ones narrowed, partners by share, audited, never logged', async () => {
  const kase = await openCase(sw, mine[3]);
  const path = `/api/v1/cases/${kase.id}/notes`;
  const secret = 'Specialioji-pastaba-apie-sveikata-91827';
  let r = await sw.post(path, { body: 'Pirmas pokalbis su asmeniu.' });
  assert.equal(r.status, 201, r.text);
  r = await sw.post(path, { body: secret, special_category: true });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.special_category, true);
  r = await sw.post(path, { body: 'Pataisymas: pokalbis vyko telefonu.' });
  assert.equal(r.status, 201, r.text);
  for (const [body, field, key] of [
    [{ body: '' }, 'body', 'string.empty'],
    [{}, 'body', 'required'],
    [{ body: 'x', special_category: 'taip' }, 'special_category', 'type.boolean'],
    [{ body: 'x', id: 3 }, 'id', 'unknown_field'],
  ]) {
    const x = await sw.post(path, body);
    assert.equal(x.status, 422, x.text);
    assert.equal(x.json.error.fields[field].code, key);
  }

  r = await sw.get(path);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 3);
  assert.ok(r.json.items[0].id > r.json.items[1].id && r.json.items[1].id > r.json.items[2].id, 'newest first');
  assert.ok(r.json.items.some((n) => n.body === secret));
  r = await sw.get(`${path}?limit=2`);
  assert.equal(r.json.items.length, 2);
  r = await sw.get(`${path}?limit=2&cursor=${r.json.next_cursor}`);
  assert.equal(r.json.items.length, 1);
  assert.equal(r.json.next_cursor, null);
  assert.equal((await head.get(path)).json.items.length, 3);
  assert.equal((await sw2.get(path)).status, 404);
  assert.equal((await sw2.post(path, { body: 'x' })).status, 404);
  // No route edits or deletes a note.
  assert.equal((await sw.req('DELETE', `${path}/1`)).status, 404);

  // A partner: nothing without a share of the cases; with cases and
  // notes shared, the ordinary notes but never the special one.
  assert.equal((await partner.get(path)).status, 404);
  const school = partner.user.institution_id;
  r = await sw.post(`/api/v1/persons/${mine[3]}/shares`, {
    institution_id: school, parts: ['identity', 'cases'], legal_basis: 'art6_1e', purpose: 'Pagalbos derinimas', valid_until: day(30),
  });
  assert.equal(r.status, 201, r.text);
  assert.equal((await partner.get(path)).status, 404, 'cases shared, notes not');
  r = await sw.post(`/api/v1/persons/${mine[3]}/shares`, {
    institution_id: school, parts: ['cases', 'notes'], legal_basis: 'art6_1e', purpose: 'Pagalbos derinimas', valid_until: day(30),
  });
  assert.equal(r.status, 201, r.text);
  r = await partner.get(path);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.items.length, 2);
  assert.ok(!r.json.items.some((n) => n.special_category || n.body === secret));
  assert.equal((await partner.post(path, { body: 'x' })).status, 403);
  r = await partner.get(`/api/v1/cases/${kase.id}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.notes_count, 2, 'the partner counts only what it may read');

  // Case page count for staff includes the special note.
  r = await sw.get(`/api/v1/cases/${kase.id}`);
  assert.equal(r.json.notes_count, 3);

  // Audited: writes with their kind, reads with the partner's purpose.
  r = await auditor.get(`/api/v1/audit?entity=case&entity_id=${kase.id}&limit=100`);
  assert.equal(r.status, 200, r.text);
  const actions = r.json.items.map((e) => e.action);
  assert.equal(actions.filter((a) => a === 'note.add').length, 2);
  assert.equal(actions.filter((a) => a === 'note.add_special').length, 1);
  const partnerRead = r.json.items.find((e) => e.action === 'notes.read' && e.user_id === partner.user.user_id);
  assert.ok(partnerRead && /Pagalbos derinimas/.test(partnerRead.reason), JSON.stringify(partnerRead));
  assert.ok(!server.stderr.includes(secret), 'note bodies never reach the log');
});

test('worklist: overdue first, then by date, undated tasks last; whose work; audited', async () => {
  // Decisions are due 20 days after the application (the default).
  const late = await openCase(sw, mine[4], -30);   // due 10 days ago
  const later = await openCase(sw, mine[5], -22);  // due 2 days ago
  const soon = await openCase(sw, mine[6], -10);   // due in 10 days
  const far = await openCase(sw, mine[7], 0);      // due in 20 days
  const theirsCase = await openCase(sw2, theirs[1], -30);
  let r = await sw.post('/api/v1/tasks', { title: 'Vėluojanti užduotis', due_on: day(-5) });
  assert.equal(r.status, 201, r.text);
  const lateTask = r.json;
  r = await sw.post('/api/v1/tasks', { title: 'Be termino', case_id: soon.id });
  const undated = r.json;
  r = await sw.post(`/api/v1/cases/${soon.id}/plans`, { drawn_on: day(0), review_on: day(5), goals: ['Tikslas'] });
  assert.equal(r.status, 201, r.text);

  r = await sw.get('/api/v1/worklist');
  assert.equal(r.status, 200, r.text);
  const wl = r.json;
  assert.equal(wl.today, day(0));
  assert.equal(wl.within_days, 14);
  const items = wl.items;
  // The order holds over the whole list.
  const rank = (i) => (i.due_on === null ? '9999-12-31' : i.due_on);
  for (let k = 1; k < items.length; k++) assert.ok(rank(items[k - 1]) <= rank(items[k]), `order at ${k}`);
  const firstNotOverdue = items.findIndex((i) => !i.overdue);
  assert.ok(items.slice(firstNotOverdue === -1 ? items.length : firstNotOverdue).every((i) => !i.overdue), 'overdue first');
  const find = (pred) => items.findIndex(pred);
  const iLate = find((i) => i.kind === 'decision' && i.case_id === late.id);
  const iLater = find((i) => i.kind === 'decision' && i.case_id === later.id);
  const iTask = find((i) => i.kind === 'task' && i.task_id === lateTask.id);
  const iSoon = find((i) => i.kind === 'decision' && i.case_id === soon.id);
  const iReview = find((i) => i.kind === 'plan_review' && i.case_id === soon.id);
  const iUndated = find((i) => i.task_id === undated.id);
  assert.ok(iLate >= 0 && iLater >= 0 && iTask >= 0 && iSoon >= 0 && iReview >= 0 && iUndated >= 0, JSON.stringify(items));
  assert.ok(iLate < iTask && iTask < iLater && iLater < iReview && iReview < iSoon && iSoon < iUndated);
  assert.equal(find((i) => i.case_id === far.id), -1, 'beyond the horizon');
  assert.equal(find((i) => i.case_id === theirsCase.id), -1, "another worker's case");
  const it = items[iLate];
  assert.equal(it.overdue, true);
  assert.equal(it.days, 10);
  assert.equal(it.due_on, day(-10));
  assert.equal(it.title_key, 'worklist.decision');
  assert.deepEqual(it.services.map((x) => x.code), ['202'], 'the services applied for');
  assert.ok(it.services[0].name_lt && it.services[0].name_en);
  assert.equal(it.person_id, mine[4]);
  assert.ok(it.person_name && !/\d{11}/.test(JSON.stringify(it)), 'a name, no personal code');
  assert.equal(items[iSoon].overdue, false);
  assert.equal(items[iSoon].days, 10);
  assert.equal(items[iUndated].due_on, null);
  assert.equal(items[iTask].task_title, 'Vėluojanti užduotis');
  assert.equal(items[iTask].case_id, null);
  assert.deepEqual(items[iTask].services, []);

  r = await sw.get('/api/v1/worklist?within_days=30');
  assert.ok(r.json.items.some((i) => i.case_id === far.id));
  r = await sw.get('/api/v1/worklist?limit=2');
  assert.equal(r.json.items.length, 2);
  assert.equal(r.json.truncated, true);
  for (const q of ['within_days=-1', 'within_days=abc', 'within_days=400', 'limit=0', 'department_id=x']) {
    const x = await sw.get(`/api/v1/worklist?${q}`);
    assert.equal(x.status, 422, `${q}: ${x.text}`);
  }
  r = await sw.get(`/api/v1/worklist?department_id=${sw2.user.department_id}`);
  assert.equal(r.status, 422);
  assert.equal(r.json.error.fields.department_id.code, 'worklist.department');

  // The head: the department's cases, not the worker's free tasks.
  r = await head.get('/api/v1/worklist?limit=200');
  assert.ok(r.json.items.some((i) => i.case_id === late.id));
  assert.ok(!r.json.items.some((i) => i.task_id === lateTask.id));
  assert.ok(!r.json.items.some((i) => i.case_id === theirsCase.id));
  // The other department's worker.
  r = await sw2.get('/api/v1/worklist?limit=200');
  assert.ok(r.json.items.some((i) => i.case_id === theirsCase.id));
  assert.ok(!r.json.items.some((i) => i.case_id === late.id));
  // The director: all, or one department.
  r = await director.get(`/api/v1/worklist?limit=200&department_id=${sw2.user.department_id}`);
  assert.ok(r.json.items.some((i) => i.case_id === theirsCase.id));
  assert.ok(!r.json.items.some((i) => i.case_id === late.id));
  // Roles without case work are refused.
  assert.equal((await auditor.get('/api/v1/worklist')).status, 403);
  assert.equal((await admin.get('/api/v1/worklist')).status, 403);
  r = await partner.get('/api/v1/worklist');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.items, []);

  // One audit entry per read, naming the persons listed.
  r = await auditor.get(`/api/v1/audit?action=worklist.read&user_id=${sw.user.user_id}&limit=1`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.json.items[0].reason, /worklist: \d+ persons/);
  assert.ok(r.json.items[0].reason.includes(String(mine[4])) || r.json.items[0].reason.length > 140);
});
