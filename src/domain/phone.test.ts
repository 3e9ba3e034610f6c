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
