// An acknowledged write survives a crash: create persons under load, kill
// the server with SIGKILL in the middle, restart it on the same database
// and find every person whose creation was acknowledged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, stopServer, launch, loginAs, runCli } from './lib.mjs';

test('SIGKILL mid-load loses no acknowledged write', async () => {
  const server = await startServer({ persons: 20 });
  try {
    const sw = await loginAs(server, 'social_worker');
    const acked = [];
    let stop = false;
    const worker = async (w) => {
      for (let i = 0; !stop; i++) {
        try {
          const r = await sw.post('/api/v1/persons', {
            given_names: `Ilgaamžis${w}`, family_name: `Patvarus${i}`, identified: false,
          });
          if (r.status === 201) acked.push(r.json.id);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const workers = [0, 1, 2, 3, 4, 5, 6, 7].map(worker);
    await new Promise((r) => setTimeout(r, 1500));
    server.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await new Promise((r) => server.proc.exitCode !== null || server.proc.signalCode ? r() : server.proc.once('exit', r));
    assert.ok(acked.length > 20, `only ${acked.length} writes acknowledged before the kill`);

    await launch(server);
    const again = await loginAs(server, 'social_worker');
    for (const id of acked) {
      const r = await again.get(`/api/v1/persons/${id}`);
      assert.equal(r.status, 200, `acknowledged person ${id} lost`);
    }
    const v = runCli(server, ['audit', 'verify']);
    assert.equal(v.status, 0, v.stdout + v.stderr);
  } finally {
    await stopServer(server);
  }
});

// Read records counted by `audit verify`.
function readRecords(server) {
  const v = runCli(server, ['audit', 'verify']);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const m = /of reads: (\d+)/.exec(v.stdout);
  assert.ok(m, v.stdout);
  return Number(m[1]);
}

// n clients reading cards as the director until stop(); answered() counts
// the 200s they received.
async function readLoad(server, n) {
  const director = await loginAs(server, 'director');
  const ids = (await director.get('/api/v1/persons?limit=50')).json.items.map((p) => p.id);
  let answered = 0;
  let stop = false;
  const reader = async (w) => {
    for (let i = w; !stop; i++) {
      try {
        const r = await director.get(`/api/v1/persons/${ids[i % ids.length]}`);
        if (r.status === 200) answered++;
      } catch {
        return; // the server went away under us
      }
    }
  };
  const readers = Array.from({ length: n }, (_, w) => reader(w));
  return {
    answered: () => answered,
    stop: async () => { stop = true; await Promise.all(readers); },
  };
}

// Every answered read is in the read log, counted by `audit verify` after
// a clean stop in the middle of concurrent reads. Reads answer once their
// records are queued (see audit.h); the writer commits the queue within
// about a millisecond, and a clean stop writes whatever is still queued.
test('a clean stop under read load leaves a record of every answered read', async () => {
  const server = await startServer({ persons: 60 });
  try {
    const before = readRecords(server);
    const load = await readLoad(server, 6);
    await new Promise((r) => setTimeout(r, 1000));
    const stopping = stopServer(server, { keep: true });
    await load.stop();
    await stopping;
    assert.ok(load.answered() > 50, `only ${load.answered()} reads answered`);
    // One record per answered card read (the list read that picked the
    // ids may land on either side of `before`, hence at least).
    const after = readRecords(server);
    assert.ok(after - before >= load.answered(), `${load.answered()} reads answered, ${after - before} recorded`);
  } finally {
    await stopServer(server);
  }
});

// A killed server loses no record of a read it answered: the records are
// spooled (domain/audit_spool.h) before the answer leaves, and the next
// start appends what the read log did not yet hold.
test('SIGKILL under read load loses no record of an answered read', async () => {
  const server = await startServer({ persons: 60 });
  try {
    const before = readRecords(server);
    const load = await readLoad(server, 8);
    await new Promise((r) => setTimeout(r, 1200));
    server.proc.kill('SIGKILL');
    await load.stop();
    await new Promise((r) => server.proc.exitCode !== null || server.proc.signalCode ? r() : server.proc.once('exit', r));
    assert.ok(load.answered() > 50, `only ${load.answered()} reads answered`);
    await launch(server); // appends what the spool holds
    const after = readRecords(server);
    assert.ok(after - before >= load.answered(), `${load.answered()} reads answered, ${after - before} recorded`);
  } finally {
    await stopServer(server);
  }
});
