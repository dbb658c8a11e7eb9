// Lithuanian personal code (asmens kodas), DOMAIN.md section 2: 11 digits
// G YYMMDD NNN K. The same rules as src/domain/personal_code.c, so the
// form can tell the worker at once what the server would say.

export type CodeError =
  | 'personal_code.length'
  | 'personal_code.not_digits'
  | 'personal_code.century'
  | 'personal_code.date'
  | 'personal_code.checksum'
  | 'personal_code.future';

export interface CodeInfo {
  sex: 'M' | 'F';
  year: number;
  month: number; // 0 when the code says 00
  day: number;   // 0 when the code says 00
  /** YYYY-MM-DD, or null when month or day is 00. */
  birthDate: string | null;
}

export type CodeResult = { ok: true; info: CodeInfo } | { ok: false; error: CodeError };

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1];
const W2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3];

/** The check digit for the first ten digits of a code. */
export function checkDigit(first10: string): number {
  let s1 = 0, s2 = 0;
  for (let i = 0; i < 10; i++) {
    const d = first10.charCodeAt(i) - 48;
    s1 += d * W1[i];
    s2 += d * W2[i];
  }
  if (s1 % 11 !== 10) return s1 % 11;
  if (s2 % 11 !== 10) return s2 % 11;
  return 0;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function monthDays(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

// Month or day may be 00 for some older people; month 00 only with day 00.
function dateOk(y: number, m: number, d: number): boolean {
  if (m < 0 || m > 12 || d < 0) return false;
  if (m === 0) return d === 0;
  return d <= monthDays(y, m);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Parses and validates a code. `today` (YYYY-MM-DD) rejects birth dates in
 * the future, as the server does.
 */
export function parsePersonalCode(code: string, today?: string): CodeResult {
  if (!/^\d*$/.test(code)) return { ok: false, error: 'personal_code.not_digits' };
  if (code.length !== 11) return { ok: false, error: 'personal_code.length' };
  const g = code.charCodeAt(0) - 48;
  if (g < 1 || g > 6) return { ok: false, error: 'personal_code.century' };
  const year = 1800 + 100 * Math.floor((g - 1) / 2) + Number(code.slice(1, 3));
  const month = Number(code.slice(3, 5));
  const day = Number(code.slice(5, 7));
  if (!dateOk(year, month, day)) return { ok: false, error: 'personal_code.date' };
  if (checkDigit(code) !== code.charCodeAt(10) - 48) return { ok: false, error: 'personal_code.checksum' };
  const birthDate = month && day ? `${year}-${pad(month)}-${pad(day)}` : null;
  if (today) {
    const cmp = `${year}-${pad(month)}-${pad(day)}`;
    if (cmp > today) return { ok: false, error: 'personal_code.future' };
  }
  return { ok: true, info: { sex: g % 2 === 1 ? 'M' : 'F', year, month, day, birthDate } };
}
