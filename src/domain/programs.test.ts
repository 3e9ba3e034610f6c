import { describe, expect, it } from 'vitest';
import { childLevel, resultCodes } from './programs.ts';

describe('results framework', () => {
  it('puts each level under the one before it, and nothing under an activity', () => {
    expect([null, 'goal', 'outcome', 'output', 'activity'].map((l) => childLevel(l as never))).toEqual(['goal', 'outcome', 'output', 'activity', null]);
  });

  it('numbers results by their order among siblings, whatever order the rows come in', () => {
    const rows = [
      { id: 'a2', parentId: 'o2', level: 'output', position: 0 },
      { id: 'o2', parentId: 'g', level: 'outcome', position: 1 },
      { id: 'x', parentId: 'a1b', level: 'activity', position: 0 },
      { id: 'g', parentId: null, level: 'goal', position: 0 },
      { id: 'a1b', parentId: 'o1', level: 'output', position: 5 },
      { id: 'o1', parentId: 'g', level: 'outcome', position: 0 },
      { id: 'a1a', parentId: 'o1', level: 'output', position: 2 },
    ] as const;
    const codes = resultCodes([...rows]);
    expect(Object.fromEntries(codes)).toEqual({ g: '', o1: '1', a1a: '1.1', a1b: '1.2', x: '1.2.1', o2: '2', a2: '2.1' });
  });

  it('numbers nothing it cannot reach from the top (an orphan is left out)', () => {
    expect(resultCodes([{ id: 'lost', parentId: 'gone', level: 'output', position: 0 }]).size).toBe(0);
  });
});
