// Unit checks of the UI's pure modules, run by `npm run test:unit`:
// the i18n dictionaries have the same keys, and the personal-code check
// follows DOMAIN.md section 2. TypeScript sources are transpiled on the fly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { compare } from './check-i18n.mjs';

async function importTs(rel) {
  const src = readFileSync(new URL('../src/' + rel, import.meta.url), 'utf8');
  const out = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const dir = mkdtempSync(join(tmpdir(), 'pagalba-unit-'));
  const file = join(dir, 'm.mjs');
  writeFileSync(file, out.outputText);
  try {
    return await import(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('lt and en have the same keys', () => {
  const { problems, count } = compare();
  assert.deepEqual(problems, []);
  assert.ok(count > 100);
});

test('personal code: worked examples of DOMAIN.md', async () => {
  const { parsePersonalCode, checkDigit } = await importTs('lib/personalCode.ts');
  // First sum 109 (mod 11 = 10), second sum 169 (mod 11 = 4).
  assert.equal(checkDigit('3330924006'), 4);
  const a = parsePersonalCode('33309240064');
  assert.equal(a.ok, true);
  assert.deepEqual(a.info, { sex: 'M', year: 1933, month: 9, day: 24, birthDate: '1933-09-24' });
  const b = parsePersonalCode('48503200171');
  assert.equal(b.ok, true);
  assert.equal(b.info.sex, 'F');
  assert.equal(b.info.birthDate, '1985-03-20');
  assert.equal(parsePersonalCode('33309240065').error, 'personal_code.checksum');
});

test('personal code: errors in the server order', async () => {
  const { parsePersonalCode } = await importTs('lib/personalCode.ts');
  assert.equal(parsePersonalCode('3330924006').error, 'personal_code.length');
  assert.equal(parsePersonalCode('3330924006a').error, 'personal_code.not_digits');
  assert.equal(parsePersonalCode('73309240064').error, 'personal_code.century');
  assert.equal(parsePersonalCode('33313240064').error, 'personal_code.date');
  assert.equal(parsePersonalCode('39002290000').error, 'personal_code.date'); // 1990-02-29
});

test('personal code: month and day 00, second weights, future dates', async () => {
  const { parsePersonalCode, checkDigit } = await importTs('lib/personalCode.ts');
  const make = (ten) => ten + String(checkDigit(ten));
  const zeroDay = parsePersonalCode(make('3500300123'));
  assert.equal(zeroDay.ok, true);
  assert.equal(zeroDay.info.birthDate, null);
  const zeroBoth = parsePersonalCode(make('3500000123'));
  assert.equal(zeroBoth.ok, true);
  assert.equal(zeroBoth.info.month, 0);
  assert.equal(parsePersonalCode(make('3500012123')).error, 'personal_code.date'); // month 00, day 12
  const leap = parsePersonalCode(make('5000229001')); // 2000-02-29
  assert.equal(leap.ok, true);
  assert.equal(leap.info.birthDate, '2000-02-29');
  const future = make('6991231001'); // 2099-12-31
  assert.equal(parsePersonalCode(future, '2026-01-01').error, 'personal_code.future');
  // Every code whose both sums are 10 mod 11 has check digit 0.
  let both = 0;
  for (let n = 3000101000; n < 3000101999 && both < 3; n++) {
    const ten = String(n);
    const w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1], w2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];
    const s = (w) => [...ten].reduce((acc, d, i) => acc + Number(d) * w[i], 0) % 11;
    if (s(w1) === 10) {
      assert.equal(checkDigit(ten), s(w2) === 10 ? 0 : s(w2));
      if (s(w2) === 10) both++;
    }
  }
});

test('dates are shown as YYYY-MM-DD, numbers in lt-LT', async () => {
  const { formatDate, isIsoDate, formatNumber } = await importTs('lib/format.ts');
  assert.equal(formatDate('2024-03-05'), '2024-03-05');
  assert.match(formatDate('2024-03-05T10:00:00Z'), /^2024-03-0[45]$/);
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2023-02-29'), false);
  assert.equal(formatNumber(12345.5).replace(/\s/g, ' '), '12 345,5');
});

test('ISO weeks of the home-visit screens', async () => {
  const w = await importTs('lib/homecare.ts');
  assert.equal(w.isoWeekOf('2026-11-23'), '2026-W48');
  assert.equal(w.isoWeekOf('2026-01-01'), '2026-W01');
  assert.equal(w.isoWeekOf('2021-01-03'), '2020-W53');
  assert.equal(w.isoWeekOf('2024-12-30'), '2025-W01');
  assert.equal(w.weekMonday('2026-W48'), '2026-11-23');
  assert.equal(w.weekMonday('2020-W53'), '2020-12-28');
  assert.equal(w.weekMonday('2026-W53'), '2026-12-28', '2026 has 53 weeks');
  assert.equal(w.weekMonday('2025-W53'), null, '2025 has 52');
  assert.equal(w.weekMonday('2026-48'), null);
  assert.deepEqual(w.weekDates('2026-W01'), ['2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04']);
  assert.equal(w.addWeeks('2026-W52', 1), '2026-W53');
  assert.equal(w.addWeeks('2026-W53', 1), '2027-W01');
  assert.equal(w.addWeeks('2026-W01', -1), '2025-W52');
  assert.equal(w.weekdayOf('2026-11-29'), 7);
  assert.equal(w.addMinutes('10:49', 30), '11:19');
});
