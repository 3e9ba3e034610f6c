/**
 * What the app keeps in this browser's localStorage under its own keys (`gotong.…`): the offline
 * check-in queue (names of people checked in), the last export choices. They belong to whoever is
 * signed in, so signing out clears them; the language stays (a choice of the device, no data).
 */
const PREFIX = 'gotong.';
const KEEP = new Set(['gotong.locale']);
const listeners = new Set<() => void>();

/** Lets a module that caches one of these keys in memory forget it when they are cleared. */
export function onUserStorageCleared(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Removes the signed-in user's data from this browser (at sign-out). */
export function clearUserStorage(storage: Storage | undefined = globalThis.localStorage) {
  try {
    const keys: string[] = [];
    for (let i = 0; storage && i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(PREFIX) && !KEEP.has(k)) keys.push(k);
    }
    for (const k of keys) storage?.removeItem(k);
  } catch {
    // storage blocked: nothing was kept there either
  }
  for (const l of listeners) l();
}
