import { describe, expect, it } from 'vitest';
import { type Candidate, FAIRNESS_HALF_HOURS, WEIGHTS, areaFit, availabilityFit, conflictsOf, dayPieces, maskPhone, overlaps, rankCandidates, skillFit } from './volunteers.ts';

const base: Omit<Candidate, 'id' | 'name'> = { skills: [], availability: [], areaCodes: [], hours: 0 };
const c = (id: string, extra: Partial<Candidate> = {}): Candidate => ({ ...base, id, name: id, ...extra });
// Monday 2026-03-02, 09:00–12:00 in the organisation's time zone
const monMorning = dayPieces('2026-03-02', '09:00', '2026-03-02', '12:00');

describe('double booking', () => {
  const at = (h1: number, h2: number) => ({ start: `2026-03-02T${String(h1).padStart(2, '0')}:00:00Z`, end: `2026-03-02T${String(h2).padStart(2, '0')}:00:00Z` });
  it('touching shifts are no conflict; any shared minute is', () => {
    expect(overlaps(at(9, 12), at(12, 14))).toBe(false);
    expect(overlaps(at(12, 14), at(9, 12))).toBe(false);
    expect(overlaps(at(9, 12), at(11, 14))).toBe(true);
    expect(overlaps(at(9, 12), at(9, 12))).toBe(true);
    expect(overlaps(at(9, 12), at(10, 11))).toBe(true);
    expect(overlaps(at(10, 11), at(9, 12))).toBe(true);
    expect(overlaps({ start: Date.parse('2026-03-02T09:00:00Z'), end: Date.parse('2026-03-02T11:59:00Z') }, at(12, 13))).toBe(false);
    expect(overlaps({ start: '2026-03-02T11:59:00Z', end: '2026-03-02T12:01:00Z' }, at(12, 13))).toBe(true);
  });
  it('lists the shifts a new one would double-book', () => {
    const existing = [{ id: 'a', ...at(8, 9) }, { id: 'b', ...at(10, 11) }, { id: 'c', ...at(12, 13) }];
    expect(conflictsOf(at(9, 12), existing).map((e) => e.id)).toEqual(['b']);
    expect(conflictsOf(at(7, 14), existing).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(conflictsOf(at(13, 14), existing)).toEqual([]);
  });
});

describe('factors', () => {
  it('cuts a local span into day pieces with ISO weekdays', () => {
    expect(monMorning).toEqual([{ weekday: 1, from: '09:00', to: '12:00' }]);
    expect(dayPieces('2026-03-07', '20:00', '2026-03-08', '02:00')).toEqual([
      { weekday: 6, from: '20:00', to: '24:00' },
      { weekday: 7, from: '00:00', to: '02:00' },
    ]);
    expect(dayPieces('2026-03-02', '00:00', '2026-03-03', '00:00')).toEqual([{ weekday: 1, from: '00:00', to: '24:00' }]);
  });
  it('availability: full, partial (slots joined), none, unknown', () => {
    expect(availabilityFit([], monMorning)).toBe('unknown');
    expect(availabilityFit([{ weekday: 1, from: '08:00', to: '13:00' }], monMorning)).toBe('full');
    expect(availabilityFit([{ weekday: 1, from: '09:00', to: '10:30' }, { weekday: 1, from: '10:00', to: '12:00' }], monMorning)).toBe('full');
    expect(availabilityFit([{ weekday: 1, from: '10:00', to: '18:00' }], monMorning)).toBe('partial');
    expect(availabilityFit([{ weekday: 2, from: '08:00', to: '13:00' }], monMorning)).toBe('none');
    expect(availabilityFit([{ weekday: 1, from: '12:00', to: '13:00' }], monMorning)).toBe('none');
  });
  it('area: the same, inside a preferred parent, near, none, unknown', () => {
    expect(areaFit(['32.04.05'], '32.04.05')).toEqual({ fit: 'exact', area: '32.04.05' });
    expect(areaFit(['32', '32.04'], '32.04.05.2001')).toEqual({ fit: 'within', area: '32.04' });
    expect(areaFit(['32.04.05.2001'], '32.04.05')).toEqual({ fit: 'near', area: '32.04.05.2001' });
    expect(areaFit(['32.04.07'], '32.04.05')).toEqual({ fit: 'near', area: '32.04.07' });
    expect(areaFit(['32.05'], '32.04.05')).toEqual({ fit: 'none', area: null });
    expect(areaFit(['33'], '32')).toEqual({ fit: 'none', area: null });
    expect(areaFit([], '32.04')).toEqual({ fit: 'unknown', area: null });
    expect(areaFit(['32.04'], null)).toEqual({ fit: 'unknown', area: null });
  });
  it('skills: all, some, none, any', () => {
    expect(skillFit(['first_aid', 'cooking'], ['cooking', 'first_aid', 'driving'])).toEqual({ fit: 'all', matched: ['first_aid', 'cooking'], missing: [] });
    expect(skillFit(['first_aid', 'cooking'], ['cooking'])).toEqual({ fit: 'some', matched: ['cooking'], missing: ['first_aid'] });
    expect(skillFit(['first_aid'], [])).toEqual({ fit: 'none', matched: [], missing: ['first_aid'] });
    expect(skillFit([], ['cooking']).fit).toBe('any');
  });
  it('masks an emergency number in lists', () => {
    expect(maskPhone('+6281234567890')).toBe('+62812••••7890');
    expect(maskPhone('+3212345')).toBe('+32•••45');
    expect(maskPhone('+3212')).toBe('•••••');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('ranking', () => {
  const need = { skills: ['first_aid'], pieces: monMorning, areaCode: '32.04.05' };
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

  it('each factor alone moves a candidate up', () => {
    // skills
    expect(ids(rankCandidates(need, [c('no'), c('yes', { skills: ['first_aid'] })]))).toEqual(['yes', 'no']);
    // availability
    expect(ids(rankCandidates(need, [c('busyday', { availability: [{ weekday: 2, from: '08:00', to: '17:00' }] }), c('free', { availability: [{ weekday: 1, from: '08:00', to: '17:00' }] })]))).toEqual(['free', 'busyday']);
    // area: a volunteer of the regency beats one of another regency
    expect(ids(rankCandidates(need, [c('far', { areaCodes: ['35.01'] }), c('close', { areaCodes: ['32.04'] })]))).toEqual(['close', 'far']);
    // fairness: fewer hours first
    expect(ids(rankCandidates(need, [c('many', { hours: 40 }), c('few', { hours: 4 })]))).toEqual(['few', 'many']);
  });

  it('weights: skills over availability over area over fairness', () => {
    const r = rankCandidates(need, [
      c('areaOnly', { areaCodes: ['32.04.05'], hours: 50 }),
      c('skillOnly', { skills: ['first_aid'], hours: 50 }),
      c('timeOnly', { availability: [{ weekday: 1, from: '09:00', to: '12:00' }], hours: 50 }),
      c('newcomer'),
    ]);
    expect(ids(r)).toEqual(['skillOnly', 'timeOnly', 'areaOnly', 'newcomer']);
    const top = r[0];
    expect(top.factors.skills).toEqual({ points: WEIGHTS.skills, fit: 'all', matched: ['first_aid'], missing: [] });
    // fairness: all points at 0 h, half at FAIRNESS_HALF_HOURS
    expect(top.factors.fairness).toEqual({ points: 2.9, hours: 50 });
    expect(rankCandidates(need, [c('half', { hours: FAIRNESS_HALF_HOURS })])[0].factors.fairness.points).toBe(WEIGHTS.fairness / 2);
    expect(top.score).toBeCloseTo(top.factors.skills.points + top.factors.availability.points + top.factors.area.points + top.factors.fairness.points, 5);
    expect(r[3].factors.fairness.points).toBe(WEIGHTS.fairness);
  });

  it('ties go to fewer hours, then name, then id; busy people come last', () => {
    const same = { skills: ['first_aid'], availability: [{ weekday: 1 as const, from: '08:00', to: '17:00' }], areaCodes: ['32.04.05'] };
    // equal scores only when hours are equal (fairness is a factor): names decide
    expect(ids(rankCandidates(need, [c('b', { ...same, name: 'Budi' }), c('a', { ...same, name: 'Ani' })]))).toEqual(['a', 'b']);
    expect(ids(rankCandidates(need, [c('2', { ...same, name: 'Sari' }), c('1', { ...same, name: 'Sari' })]))).toEqual(['1', '2']);
    // a busy perfect match ranks after a free poor one
    expect(ids(rankCandidates(need, [c('perfect', { ...same, busy: true }), c('poor')]))).toEqual(['poor', 'perfect']);
  });

  it('a role asking for no skill gives everyone the same skill points', () => {
    const r = rankCandidates({ ...need, skills: [] }, [c('x', { skills: ['cooking'] }), c('y')]);
    expect(r.map((s) => s.factors.skills.points)).toEqual([WEIGHTS.skills / 2, WEIGHTS.skills / 2]);
    expect(r[0].score).toBe(r[1].score);
  });
});
