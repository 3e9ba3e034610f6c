import { type Server, type Socket, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/connect.ts';
import { DATABASES, freshDb } from '../testing.ts';
import { Mailer, enqueueMail } from './mail.ts';

/** A relay that answers like SMTP and keeps what it was given; `failFor` refuses recipients. */
function fakeRelay(failFor = new Set<string>()) {
  const received: { to: string; data: string }[] = [];
  const server: Server = createServer((sock: Socket) => {
    sock.setEncoding('utf8');
    let to = '';
    let inData = false;
    let data = '';
    sock.write('220 fake\r\n');
    sock.on('data', (chunk: string) => {
      if (inData) {
        data += chunk;
        if (data.endsWith('\r\n.\r\n')) {
          inData = false;
          // slow on purpose: a second sender running meanwhile must not take the same mail
          setTimeout(() => {
            received.push({ to, data });
            sock.write('250 queued\r\n');
          }, 20);
        }
        return;
      }
      for (const line of chunk.split('\r\n').filter(Boolean)) {
        if (line.startsWith('EHLO')) sock.write('250 fake\r\n');
        else if (line.startsWith('MAIL FROM')) sock.write('250 ok\r\n');
        else if (line.startsWith('RCPT TO')) {
          to = line.match(/<([^>]+)>/)?.[1] ?? '';
          sock.write(failFor.has(to) ? '550 no such mailbox\r\n' : '250 ok\r\n');
        } else if (line === 'DATA') {
          inData = true;
          data = '';
          sock.write('354 go on\r\n');
        } else if (line === 'QUIT') sock.end('221 bye\r\n');
      }
    });
  });
  return {
    received,
    url: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`smtp://127.0.0.1:${(server.address() as { port: number }).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(DATABASES)('the mail outbox on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  const relay = fakeRelay(new Set(['nobody@example.org']));
  let mailer: Mailer;
  beforeAll(async () => {
    ({ db, drop } = await freshDb(kind));
    mailer = new Mailer(await relay.url(), 'Gotong <noreply@gotong.test>');
  });
  afterAll(async () => {
    await relay.close();
    await drop?.();
  });

  it('sends each mail once when two senders run at the same time', async () => {
    for (let i = 0; i < 6; i++) await enqueueMail(db, null, { to: `warga${i}@example.org`, subject: `Undangan ${i}`, body: `Halo ${i}` });
    // the background timer and an invitation's immediate send, overlapping
    const sent = await Promise.all([mailer.deliver(db), mailer.deliver(db), mailer.deliver(db)]);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(6);
    expect(relay.received.map((m) => m.to).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `warga${i}@example.org`));
    const { rows } = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status`);
    expect(rows).toEqual([{ status: 'sent', n: 6 }]);
    // nothing is left to send
    expect(await mailer.deliver(db)).toBe(0);
    expect(relay.received).toHaveLength(6);
  });

  it('retries a refused mail, gives up after five attempts, and takes back a claim left by a process that died', async () => {
    const bad = await enqueueMail(db, null, { to: 'nobody@example.org', subject: 'x', body: 'x' });
    for (let i = 0; i < 5; i++) await mailer.deliver(db);
    const { rows } = await db.query<{ status: string; attempts: number; error: string }>('SELECT status, attempts, error FROM mail_outbox WHERE id = $1', [bad]);
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 5, error: expect.stringContaining('550') });
    const stuck = await enqueueMail(db, null, { to: 'lama@example.org', subject: 'Tertahan', body: 'x' });
    const fresh = await enqueueMail(db, null, { to: 'baru@example.org', subject: 'Sedang dikirim', body: 'x' });
    const dead = '01890000-0000-7000-8000-000000000001';
    await db.query(`UPDATE mail_outbox SET status = 'sending', claimed_at = now() - interval '11 minutes', claimed_by = $2 WHERE id = $1`, [stuck, dead]);
    await db.query(`UPDATE mail_outbox SET status = 'sending', claimed_at = now(), claimed_by = $2 WHERE id = $1`, [fresh, dead]);
    expect(await mailer.deliver(db)).toBe(1);
    expect(relay.received.at(-1)?.to).toBe('lama@example.org');
    // the claim changed hands: a late answer to the dead sender cannot settle the row again
    const taken = (await db.query<{ status: string; claimed_by: string }>('SELECT status, claimed_by FROM mail_outbox WHERE id = $1', [stuck])).rows[0];
    expect(taken.status).toBe('sent');
    expect(taken.claimed_by).not.toBe(dead);
    expect((await db.query<{ status: string }>('SELECT status FROM mail_outbox WHERE id = $1', [fresh])).rows[0].status).toBe('sending');
  });

  it('without SMTP keeps mail in the outbox as logged', async () => {
    const id = await enqueueMail(db, null, { to: 'admin@example.org', subject: 'x', body: 'x' });
    await new Mailer(undefined, 'x').deliver(db);
    expect((await db.query<{ status: string }>('SELECT status FROM mail_outbox WHERE id = $1', [id])).rows[0].status).toBe('logged');
  });
});
