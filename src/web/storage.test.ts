import { describe, expect, it } from 'vitest';
import { clearUserStorage, onUserStorageCleared } from './storage.ts';

/** A Storage in memory, as the browser's localStorage behaves. */
function memoryStorage(entries: Record<string, string>): Storage {
  const m = new Map(Object.entries(entries));
  return {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

describe('signing out', () => {
  it("clears the user's data the app keeps in the browser (offline check-ins, export choices), keeps the language and other sites' keys", () => {
    const s = memoryStorage({
      'gotong.checkins.v1': JSON.stringify([{ key: 'a:p', activityId: 'a', personId: 'p', label: 'Siti Rahayu' }]),
      'gotong.export.people': '{"format":"csv"}',
      'gotong.export.households': '{}',
      'gotong.locale': 'en',
      'other.app': 'x',
    });
    let told = 0;
    const off = onUserStorageCleared(() => told++);
    clearUserStorage(s);
    off();
    expect([...Array(s.length).keys()].map((i) => s.key(i)).sort()).toEqual(['gotong.locale', 'other.app']);
    expect(told).toBe(1);
    // a blocked storage does not stop the sign-out
    const blocked = { get length(): number { throw new Error('SecurityError'); } } as unknown as Storage;
    expect(() => clearUserStorage(blocked)).not.toThrow();
  });
});
