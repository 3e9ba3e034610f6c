import { describe, expect, it } from 'vitest';
import { childLevel, resultCodes, riskLevel } from './programs.ts';

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

describe('risk level', () => {
  it('scores likelihood × impact on the 5 × 5 matrix, with the level of each band’s edges', () => {
    expect([[1, 1], [2, 2], [1, 5], [3, 3], [2, 5], [4, 4], [4, 5], [5, 5]].map(([l, i]) => riskLevel(l, i))).toEqual([
      { score: 1, level: 'low' },
      { score: 4, level: 'low' },
      { score: 5, level: 'medium' },
      { score: 9, level: 'medium' },
      { score: 10, level: 'high' },
      { score: 16, level: 'high' },
      { score: 20, level: 'extreme' },
      { score: 25, level: 'extreme' },
    ]);
  });
});
