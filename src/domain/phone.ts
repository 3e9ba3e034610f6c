/** Indonesian numbers are normalised to +62…; other countries must already start with +. */
export function normalisePhone(input: string): string | null {
  // "(0)" is the trunk prefix some write after the country code: +62 (0)812 …
  let s = input.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (s.startsWith('0')) s = `+62${s.slice(1)}`;
  else if (s.startsWith('62')) s = `+${s}`;
  else if (s.startsWith('8')) s = `+62${s}`;
  if (s.startsWith('+620')) s = `+62${s.slice(4)}`;
  if (!/^\+[1-9]\d{7,14}$/.test(s)) return null;
  if (s.startsWith('+62') && !/^\+62\d{8,13}$/.test(s)) return null;
  return s;
}
