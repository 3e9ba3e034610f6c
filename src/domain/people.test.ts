import { describe, expect, it } from 'vitest';
import { ageOn, hasDisability, searchName } from './people.ts';
import { can, permissionsOf } from './roles.ts';

describe('searchName', () => {
  it('drops titles, punctuation and case', () => {
    expect(searchName('Hj. Siti Aminah, S.Pd')).toBe('siti aminah');
    expect(searchName('H. Muhammad  Rizki')).toBe('muhamad rizki');
    expect(searchName("Ni Luh Putu Ayu'")).toBe('ni luh putu ayu');
  });
  it('writes old and new spellings alike', () => {
    expect(searchName('Soeparman')).toBe(searchName('Suparman'));
    expect(searchName('Djoko Tjahjono')).toBe(searchName('Joko Cahyono'));
    expect(searchName('Muhamad')).toBe(searchName('Muhammad'));
    expect(searchName('Achmad')).toBe(searchName('Akhmad'));
  });
});

describe('ageOn', () => {
  const today = new Date('2026-11-25T00:00:00Z');
  it('counts birthdays', () => {
    expect(ageOn({ birthDate: '2000-11-25' }, today)).toBe(26);
    expect(ageOn({ birthDate: '2000-11-26' }, today)).toBe(25);
    expect(ageOn({ birthYear: 1980 }, today)).toBe(46);
    expect(ageOn({}, today)).toBeNull();
  });
});

describe('Washington Group cut-off', () => {
  it('needs a lot of difficulty or cannot do in one domain', () => {
    expect(hasDisability({ seeing: 2, walking: 2 })).toBe(false);
    expect(hasDisability({ walking: 3 })).toBe(true);
    expect(hasDisability({ cognition: 4 })).toBe(true);
    expect(hasDisability(null)).toBe(false);
  });
});

describe('roles', () => {
  it('lets only owner/admin/manager reveal NIK and only owner/admin read the audit log', () => {
    expect(['owner', 'admin', 'manager', 'staff', 'viewer'].filter((r) => can(r as never, 'people.reveal_nik'))).toEqual(['owner', 'admin', 'manager']);
    expect(permissionsOf('viewer')).toEqual(['people.read', 'programs.read', 'activities.read', 'volunteers.read', 'tasks.read', 'funding.read', 'finance.read', 'donations.read', 'members.read', 'tokens.own']);
    expect(can('staff', 'audit.read')).toBe(false);
    // finance approves expenses; staff submit them but never approve, managers neither
    expect(['owner', 'admin', 'manager', 'finance', 'staff', 'viewer'].filter((r) => can(r as never, 'expenses.approve'))).toEqual(['owner', 'admin', 'finance']);
    expect(can('finance', 'people.reveal_nik')).toBe(false);
  });
});
