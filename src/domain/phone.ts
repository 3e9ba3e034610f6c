/** Indonesian numbers are normalised to +62…; other countries must already start with +. */
export function normalisePhone(input: string): string | null {
  let s = input.replace(/[\s().-]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (s.startsWith('0')) s = `+62${s.slice(1)}`;
  else if (s.startsWith('62')) s = `+${s}`;
  else if (s.startsWith('8')) s = `+62${s}`;
  if (!/^\+\d{8,15}$/.test(s)) return null;
  if (s.startsWith('+62') && !/^\+62\d{8,13}$/.test(s)) return null;
  return s;
}
