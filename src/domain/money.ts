/**
 * Money (issue 6): amounts are integers in the currency's minor units (IDR 150000000 = Rp 1.500.000,00)
 * with an ISO 4217 code beside them. Never floating point for a stored amount or a total: sums
 * and conversions are integer (BigInt) arithmetic and refuse results outside the safe range.
 */

/** ISO 4217 minor-unit digits (IDR 2: sen, although rupiah are rarely split). */
const ZERO_DIGITS = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DIGITS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
export const currencyDigits = (code: string) => (ZERO_DIGITS.has(code) ? 0 : THREE_DIGITS.has(code) ? 3 : 2);

export const CURRENCY_RE = /^[A-Z]{3}$/;
export const DEFAULT_CURRENCY = 'IDR';

/** Largest amount kept: 2^53 - 1 minor units (about 90 trillion rupiah). */
export const MAX_MINOR = Number.MAX_SAFE_INTEGER;

export class MoneyError extends Error {
  constructor(readonly code: 'invalid_amount' | 'amount_too_large' | 'invalid_rate' | 'currency_mismatch') {
    super(code);
  }
}

/** A bigint column as the database gives it back (text from PostgreSQL): minor units again, refused past the safe range (an internal error, not the user's). */
export function minorFromDb(v: unknown): number {
  const n = Number(v ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError('stored amount outside the safe integer range');
  return n;
}

function safe(n: bigint): number {
  if (n > BigInt(MAX_MINOR) || n < -BigInt(MAX_MINOR)) throw new MoneyError('amount_too_large');
  return Number(n);
}

/**
 * "1500000", "1500000.5", "-12.30" → minor units. Dots are the decimal point (the forms send
 * plain numbers); more fraction digits than the currency has is an error, not a rounding.
 */
export function toMinor(text: string | number, currency: string): number {
  const s = typeof text === 'number' ? numberText(text) : text.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  const digits = currencyDigits(currency);
  if (!m || (m[3] ?? '').length > digits) throw new MoneyError('invalid_amount');
  const minor = BigInt(m[2] + (m[3] ?? '').padEnd(digits, '0'));
  return safe(m[1] ? -minor : minor);
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new MoneyError('invalid_amount');
  // toString gives exponents past 1e21 and below 1e-6: neither is a sane amount
  const s = String(n);
  if (/e/i.test(s)) throw new MoneyError(Math.abs(n) >= 1 ? 'amount_too_large' : 'invalid_amount');
  return s;
}

/** Minor units → a plain decimal string in major units ("1500000.00"), for forms and exports. */
export function fromMinor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const neg = minor < 0;
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits ? s.slice(0, -digits) : s;
  return `${neg ? '-' : ''}${whole}${digits ? `.${s.slice(-digits)}` : ''}`;
}

/** Minor units → a number in major units, for charts and spreadsheets only (never summed back). */
export const majorNumber = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);

/** The exact sum of amounts in one currency. */
export function sum(amounts: readonly number[]): number {
  let total = 0n;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new MoneyError('invalid_amount');
    total += BigInt(a);
  }
  return safe(total);
}

/**
 * An exchange rate: how many units of the target currency one unit of the source currency buys
 * ("15850.25" rupiah per dollar). Kept as the decimal text the user gave, at most 10 fraction digits.
 */
export function parseRate(text: string | number): { units: bigint; scale: number } {
  const s = typeof text === 'number' ? numberText(text) : text.trim();
  const m = /^(\d{1,12})(?:\.(\d{1,10}))?$/.exec(s);
  if (!m) throw new MoneyError('invalid_rate');
  const frac = m[2] ?? '';
  const units = BigInt(m[1] + frac);
  if (units === 0n) throw new MoneyError('invalid_rate');
  return { units, scale: frac.length };
}

/**
 * Converts an amount with a recorded rate, rounding half away from zero to the target's minor
 * unit: 12.34 USD at 15850.25 → 195,592.09 IDR (exactly 195592.085 → .09).
 */
export function convert(minor: number, from: string, to: string, rate: string | number): number {
  if (!Number.isSafeInteger(minor)) throw new MoneyError('invalid_amount');
  if (from === to) return minor;
  const { units, scale } = parseRate(rate);
  // value_to_minor = minor * rate * 10^(digitsTo - digitsFrom), with rate = units / 10^scale
  const shift = currencyDigits(to) - currencyDigits(from) - scale;
  let num = BigInt(minor) * units;
  let den = 1n;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den = 10n ** BigInt(-shift);
  return safe(divRound(num, den));
}

/** Integer division rounding half away from zero. */
function divRound(num: bigint, den: bigint): bigint {
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const q = (a * 2n + b) / (2n * b);
  return neg ? -q : q;
}

/**
 * Splits an amount over weights without losing or inventing a minor unit (largest remainder):
 * 100 over [1, 1, 1] → [34, 33, 33]. Used to spread a yearly budget over months.
 */
export function allocate(minor: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(minor)) throw new MoneyError('invalid_amount');
  if (weights.length === 0) return [];
  const w = weights.map((x) => BigInt(Math.max(0, Math.round(x))));
  const total = w.reduce((a, b) => a + b, 0n);
  if (total === 0n) return allocate(minor, weights.map(() => 1));
  const neg = minor < 0;
  const m = BigInt(Math.abs(minor));
  const shares = w.map((x) => (m * x) / total);
  const rest = Number(m - shares.reduce((a, b) => a + b, 0n));
  const order = w.map((x, i) => ({ i, r: (m * x) % total })).sort((a, b) => (b.r === a.r ? a.i - b.i : b.r > a.r ? 1 : -1));
  for (let k = 0; k < rest; k++) shares[order[k].i] += 1n;
  return shares.map((s) => (neg ? -Number(s) : Number(s)));
}

/** "Rp 1.500.000,00" / "IDR 1,500,000.00": integer minor units → text, never through a float sum. */
export function formatMoney(minor: number, currency: string, locale: 'id' | 'en'): string {
  const [whole, frac] = fromMinor(Math.abs(minor), currency).split('.');
  const group = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'id' ? '.' : ',');
  const text = frac ? `${group}${locale === 'id' ? ',' : '.'}${frac}` : group;
  const sign = minor < 0 ? '-' : '';
  return currency === 'IDR' && locale === 'id' ? `${sign}Rp ${text}` : `${sign}${currency} ${text}`;
}
