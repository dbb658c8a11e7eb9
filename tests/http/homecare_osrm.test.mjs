// Road travel times from an OSRM-compatible routing server: the planner
// uses the server's table when PAGALBA_OSRM_URL names one, and falls back
// to straight lines, saying why, when the server cannot answer. A small
// fake server here answers every trip with 10 minutes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startServer, stopServer, loginAs } from './lib.mjs';

const servers = [];
after(async () => { for (const s of servers) await stopServer(s); });

function fakeOsrm() {
  const seen = [];
  const srv = http.createServer((req, res) => {
    const m = /^\/table\/v1\/(driving|foot)\/([^?]+)\?annotations=duration$/.exec(req.url);
    seen.push(req.url.split('/')[3]);
    if (!m) { res.writeHead(400); res.end('{"code":"InvalidUrl"}'); return; }
    const n = m[2].split(';').length;
    const durations = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 600)));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 'Ok', durations }));
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ srv, seen, url: `http://127.0.0.1:${srv.address().port}` })));
}

async function planWeek(server) {
  const director = await loginAs(server, 'director');
  const depts = (await director.get('/api/v1/departments')).json.items;
  const home = depts.find((d) => d.code === 'home_help');
  const r = await director.post('/api/v1/visit-plans', { week: '2026-W48', department_id: home.id, time_limit_s: 1 });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('road times from the routing server: every trip 10 minutes', async () => {
  const osrm = await fakeOsrm();
  const server = await startServer({ persons: 300, env: { PAGALBA_OSRM_URL: osrm.url + '/' } });
  servers.push(server);
  const plan = await planWeek(server);
  osrm.srv.close();
  assert.equal(plan.stats.travel_source, 'osrm', JSON.stringify(plan.stats));
  assert.ok(osrm.seen.includes('driving'), 'the car table was asked for');
  const placed = plan.visits.filter((v) => v.staff_id);
  assert.ok(placed.length >= 5, `${placed.length} visits placed`);
  // Every leg, base to client, client to client, back to base, is 10 min
  // (no two places share a location in this demo's day problems).
  const routes = new Map();
  for (const v of placed) routes.set(`${v.visit_date}/${v.staff_id}`, (routes.get(`${v.visit_date}/${v.staff_id}`) || 0) + 1);
  const legs = [...routes.values()].reduce((a, n) => a + n + 1, 0);
  assert.equal(plan.stats.travel_min, 10 * legs);
});

test('an unreachable routing server: straight lines, and the plan says why', async () => {
  const server = await startServer({ persons: 300, env: { PAGALBA_OSRM_URL: 'http://127.0.0.1:9' } });
  servers.push(server);
  const plan = await planWeek(server);
  assert.equal(plan.stats.travel_source, 'straight_line');
  assert.match(plan.stats.travel_note, /routing server unreachable.*straight-line times used/);
  assert.ok(plan.visits.some((v) => v.staff_id), 'still planned');
});
