import { expect, it } from 'vitest';
import { normalisePhone } from './phone.ts';

it.each([
  ['0812-3456-7890', '+6281234567890'],
  ['+62 812 3456 7890', '+6281234567890'],
  ['6281234567890', '+6281234567890'],
  ['812 3456 7890', '+6281234567890'],
  ['(021) 555 1234', '+62215551234'],
  ['0061 2 9999 0000', '+61299990000'],
])('%s → %s', (input, out) => expect(normalisePhone(input)).toBe(out));

it.each(['123', 'abc', '08123', '+62 12', '+1234567890123456789'])('%s is refused', (input) => expect(normalisePhone(input)).toBeNull());

it.each([
  ['+62 (0)812-3456-789', '+628123456789'],
  ['620812345678', '+62812345678'],
])('drops the trunk 0 after the country code: %s → %s', (input, out) => expect(normalisePhone(input)).toBe(out));
it('refuses a + followed by 0', () => expect(normalisePhone('+0812345678')).toBeNull());
