// Checks that lt.ts and en.ts have exactly the same keys and no empty
// texts. TypeScript checks the same thing at build time; this gives a
// readable list of what is missing.
import { readFileSync } from 'node:fs';

const dir = new URL('../src/i18n/', import.meta.url);
export function keysOf(file) {
  const src = readFileSync(new URL(file, dir), 'utf8');
  const keys = new Map();
  for (const m of src.matchAll(/^\s*'([^']+)':\s*(['"])(.*)\2,\s*$/gm)) keys.set(m[1], m[3]);
  return keys;
}

export function compare() {
  const lt = keysOf('lt.ts'), en = keysOf('en.ts');
  const problems = [];
  for (const k of lt.keys()) if (!en.has(k)) problems.push(`en.ts lacks ${k}`);
  for (const k of en.keys()) if (!lt.has(k)) problems.push(`lt.ts lacks ${k}`);
  for (const [name, m] of [['lt', lt], ['en', en]])
    for (const [k, v] of m) if (!v.trim()) problems.push(`${name}.ts: ${k} is empty`);
  return { problems, count: lt.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { problems, count } = compare();
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`i18n: ${count} keys, lt and en match`);
}
