// Writes a gzip sibling ("X.gz") next to every text file in dist/, which
// the C server sends when the client accepts gzip. Run after vite build.
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt']);
let raw = 0, packed = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) { walk(full); continue; }
    if (!TEXT.has(extname(name))) continue;
    const data = readFileSync(full);
    const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    writeFileSync(full + '.gz', gz);
    raw += data.length;
    packed += gz.length;
  }
}

walk(DIST);
console.log(`compress: ${raw} bytes -> ${packed} bytes gzip`);
