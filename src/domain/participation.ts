/** Registration and attendance (issue 5): the pure rules the server, the web app and the tests share. */

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ATTENDANCE_METHODS = ['list', 'qr', 'walk_in', 'sheet', 'correction'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/**
 * Registration codes: 10 characters of a base32 alphabet without the look-alikes 0/O and 1/I,
 * upper case (50 bits: guessing one of a few thousand codes of an organisation takes ~10^11 tries).
 * The QR code of a confirmation holds exactly this string.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 10;
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`);

/** A code from random bytes (the caller brings them: node:crypto or crypto.getRandomValues). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new Error('need 10 random bytes');
  let out = '';
  // 256 is a multiple of 32: taking the low five bits of each byte is uniform
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[bytes[i] & 31];
  return out;
}

/**
 * What a person or a hand-held scanner typed, as a code: upper case, spaces and dashes dropped.
 * null when it cannot be a code (a look-alike the alphabet leaves out is refused, not guessed).
 */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s\-_.]/g, '');
  return CODE_PATTERN.test(s) ? s : null;
}

/** Shown in two groups of five so it is easy to read out: "ABCDE FGHJK". */
export const formatCode = (code: string) => (code.length === CODE_LENGTH ? `${code.slice(0, 5)} ${code.slice(5)}` : code);

/**
 * The fields an organiser may put on a public registration form, besides the full name (always
 * asked). A fixed list: the form can never ask for a NIK, a family card or anything sensitive.
 */
export const PUBLIC_FIELDS = ['phone', 'email', 'sex', 'birthYear', 'areaCode'] as const;
export type PublicField = (typeof PUBLIC_FIELDS)[number];
export const MAX_QUESTIONS = 5;

/**
 * Who gets a place: with `free` places left, the first `free` of the waitlist (already in
 * created_at, id order) move up. Returns their ids.
 */
export function movingUp(capacity: number | null, registered: number, waitlist: string[]): string[] {
  if (capacity == null) return waitlist;
  return waitlist.slice(0, Math.max(0, capacity - registered));
}

/** The status of a new (or renewed) registration. */
export const statusForNew = (capacity: number | null, registered: number): RegistrationStatus => (capacity == null || registered < capacity ? 'registered' : 'waitlisted');

/** Registered first, then the waitlist, then cancelled: the order of the registrations list. */
export const STATUS_RANK: Record<RegistrationStatus, number> = { registered: 0, waitlisted: 1, cancelled: 2 };

/**
 * How well a public registration matches a person of the registry (a duplicate comparison of
 * src/domain/dedupe). Strong — the same name and a phone, birth date or year or NIK that agrees,
 * with nothing against (a different phone, sex or birth date): the registration goes to that
 * person. Loose — anything else the duplicate review would queue, or the same name on the same
 * phone despite a disagreement: a new record is made and staff review the pair. Public forms are
 * answered by anyone, so a strong match needs agreement beyond the name, and never overwrites
 * the registry's data.
 */
export function matchStrength(c: { score: number; reasons: { code: string; weight: number }[] }, reviewThreshold: number): 'strong' | 'loose' | 'none' {
  const has = (code: string) => c.reasons.some((r) => r.code === code && r.weight >= 0);
  const nameAgrees = (has('name_same') || has('name_similar')) && !c.reasons.some((r) => r.code === 'name_different');
  const corroborated = has('phone_same') || has('birth_same') || has('birth_year_same') || has('nik_same');
  const against = c.reasons.some((r) => r.weight < 0);
  if (nameAgrees && corroborated && !against) return 'strong';
  if (c.score >= reviewThreshold || (nameAgrees && has('phone_same'))) return 'loose';
  return 'none';
}
