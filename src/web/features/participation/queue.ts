import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { AttendanceMethod } from '../../../domain/participation.ts';
import { ApiError, post, put } from '../../api.ts';
import { onUserStorageCleared } from '../../storage.ts';
import type { CheckInResult } from './api.ts';

/**
 * Check-ins waiting to be sent. A check-in is written to this device's storage first and sent
 * from there, so a poor connection loses nothing: what could not be sent stays queued (shown as
 * pending) and goes when the connection returns. The server counts a person once per activity,
 * so a check-in sent twice (a reply lost on the way back) changes nothing.
 */
export type QueuedCheckIn = {
  /** one entry per person (or code) and activity: ticking twice queues once */
  key: string;
  activityId: string;
  personId?: string;
  code?: string;
  method: AttendanceMethod;
  /** when the person arrived, as this device saw it */
  checkedInAt: string;
  /** what the screen shows while it waits: the name, or the code */
  label: string;
  /** the server refused it (not a connection problem): shown until dismissed */
  error?: string;
};

const STORAGE = 'gotong.checkins.v1';
let cache: QueuedCheckIn[] | null = null;
const listeners = new Set<() => void>();
// signed out: the queue (names of people checked in) went with the user's other data
onUserStorageCleared(() => {
  cache = null;
  for (const l of listeners) l();
});

function read(): QueuedCheckIn[] {
  if (cache) return cache;
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE) ?? '[]');
    cache = Array.isArray(v) ? v : [];
  } catch {
    cache = [];
  }
  return cache;
}
function write(list: QueuedCheckIn[]) {
  cache = list;
  try {
    localStorage.setItem(STORAGE, JSON.stringify(list));
  } catch {
    // storage full or blocked: the queue still lives for this page
  }
  for (const l of listeners) l();
}
function subscribe(l: () => void) {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE) {
      cache = null;
      l();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

export const queueKey = (activityId: string, x: { personId?: string; code?: string }) => `${activityId}:${x.personId ?? `code:${x.code}`}`;

let flushing: Promise<void> | null = null;

/** Sends what is queued for an activity, oldest first; stops at the first connection failure. */
async function flushActivity(activityId: string, onSent: (item: QueuedCheckIn, res: CheckInResult) => void) {
  for (const item of read().filter((x) => x.activityId === activityId && !x.error)) {
    try {
      const res = item.personId
        ? await put<CheckInResult>(`/api/activities/${activityId}/attendance/${item.personId}`, { method: item.method, checkedInAt: item.checkedInAt })
        : await post<CheckInResult>(`/api/activities/${activityId}/attendance/code`, { code: item.code, checkedInAt: item.checkedInAt });
      write(read().filter((x) => x.key !== item.key));
      onSent(item, res);
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0 && e.status < 500 && e.status !== 401 && e.status !== 429) {
        write(read().map((x) => (x.key === item.key ? { ...x, error: e.message } : x)));
        continue;
      }
      // offline, signed out, or the server is struggling: keep it and try again later
      return;
    }
  }
}

export function useCheckInQueue(activityId: string, onSent: (item: QueuedCheckIn, res: CheckInResult) => void) {
  const all = useSyncExternalStore(subscribe, read, () => []);
  const items = all.filter((x) => x.activityId === activityId);
  const sent = useRef(onSent);
  sent.current = onSent;

  const flush = useCallback(async () => {
    while (flushing) await flushing;
    flushing = flushActivity(activityId, (i, r) => sent.current(i, r)).finally(() => {
      flushing = null;
    });
    await flushing;
  }, [activityId]);

  const enqueue = useCallback(
    (entry: Omit<QueuedCheckIn, 'key' | 'activityId' | 'checkedInAt'>) => {
      const key = queueKey(activityId, entry);
      if (!read().some((x) => x.key === key)) write([...read(), { ...entry, key, activityId, checkedInAt: new Date().toISOString() }]);
      void flush();
    },
    [activityId, flush],
  );
  const dismiss = useCallback((key: string) => write(read().filter((x) => x.key !== key)), []);

  const pending = items.filter((x) => !x.error);
  useEffect(() => {
    const retry = () => void flush();
    window.addEventListener('online', retry);
    retry();
    return () => window.removeEventListener('online', retry);
  }, [flush]);
  // while something waits, try again every 10 s (the online event does not fire for a bad signal)
  const waiting = pending.length > 0;
  useEffect(() => {
    if (!waiting) return;
    const id = window.setInterval(() => void flush(), 10_000);
    return () => window.clearInterval(id);
  }, [waiting, flush]);

  return { pending, failed: items.filter((x) => x.error), enqueue, dismiss, flush };
}
