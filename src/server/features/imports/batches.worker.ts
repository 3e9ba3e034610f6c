/** The worker thread of preparedBatchesOffThread: prepares batches, at most two ahead of the writer. */
import { parentPort, workerData } from 'node:worker_threads';
import { FieldCipher } from '../../platform/security.ts';
import { Areas } from '../areas/areas.service.ts';
import { type BatchInput, preparedBatches } from './batches.ts';

const port = parentPort!;
const { input, secretKey } = workerData as { input: BatchInput; secretKey: string };
// one batch may wait for the writer while the next is prepared
let credits = 1;
let wake: (() => void) | null = null;
let lookups = 0;
const found = new Map<number, (rows: [string, string][]) => void>();
port.on('message', (m: { type: 'more' } | { type: 'found'; id: number; rows: [string, string][] }) => {
  if (m.type === 'more') {
    credits++;
    wake?.();
  } else {
    found.get(m.id)?.(m.rows);
    found.delete(m.id);
  }
});
const lookup = (bidx: string[]) =>
  new Promise<[string, string][]>((resolve) => {
    const id = ++lookups;
    found.set(id, resolve);
    port.postMessage({ type: 'lookup', id, bidx });
  });

try {
  for await (const batch of preparedBatches({ areas: Areas.load(), cipher: new FieldCipher(secretKey) }, input, lookup)) {
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    credits--;
    port.postMessage({ type: 'batch', batch });
  }
  port.postMessage({ type: 'done' });
} catch (err) {
  const e = err as { name?: string; code?: string; status?: number; message?: string; line?: number };
  port.postMessage({ type: 'error', name: e?.name ?? 'Error', code: e?.code, status: e?.status, message: String(e?.message ?? err), line: e?.line });
}
port.close();
