// Money (integer cents) and decimal amounts (units, limits) shown and read
// in Lithuanian conventions: decimal comma, euro sign after the number.

const money = new Intl.NumberFormat('lt-LT', { style: 'currency', currency: 'EUR' });
const amount = new Intl.NumberFormat('lt-LT', { maximumFractionDigits: 4 });

/** 1050 → "10,50 €". */
export function formatMoney(cents: number): string {
  return money.format(cents / 100);
}

/** 7.5 → "7,5". */
export function formatAmount(n: number): string {
  return amount.format(n);
}

/**
 * A decimal written with a comma or a point and at most `decimals`
 * decimals, times factor, as an integer: ("10,5", 2, 100) → 1050. Null
 * when it is not such a number or is negative.
 */
export function parseDecimal(s: string, decimals: number, factor: number): number | null {
  const v = s.trim().replace(/\s/g, '').replace(',', '.');
  const re = decimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`) : /^\d+$/;
  if (!re.test(v)) return null;
  const [whole, frac = ''] = v.split('.');
  const n = Number(whole) * factor + Math.round(Number((frac + '0000000').slice(0, decimals)) * factor / 10 ** decimals);
  return Number.isSafeInteger(n) ? n : null;
}
