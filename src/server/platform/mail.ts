import type { Queryable } from '../db/connect.ts';
import { uuidv7 } from './ids.ts';

export type Mail = { to: string; subject: string; body: string };

/** Puts a mail in the outbox in the caller's transaction; needs nothing but the transaction. */
export async function enqueueMail(tx: Queryable, orgId: string | null, mail: Mail): Promise<string> {
  const id = uuidv7();
  await tx.query('INSERT INTO mail_outbox (id, org_id, to_email, subject, body) VALUES ($1, $2, $3, $4, $5)', [id, orgId, mail.to, mail.subject, mail.body]);
  return id;
}

/**
 * Mail goes into mail_outbox inside the caller's transaction (so it exists exactly when the change
 * does); deliver() claims pending rows and sends them via SMTP when SMTP_URL is set, else marks
 * them 'logged' so an admin can still read them in the app. Senders may overlap: each row goes out once.
 */
export class Mailer {
  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly from: string,
  ) {}

  enqueue(tx: Queryable, orgId: string | null, mail: Mail): Promise<string> {
    return enqueueMail(tx, orgId, mail);
  }

  async deliver(db: Queryable): Promise<number> {
    // claim first, in one statement: a row another sender holds is skipped, never sent twice
    const claim = uuidv7();
    const { rows } = await db.query<{ id: string; to_email: string; subject: string; body: string }>(
      `UPDATE mail_outbox SET status = 'sending', claimed_at = now(), claimed_by = $1
        WHERE id IN (SELECT id FROM mail_outbox
                      WHERE (status = 'pending' OR (status = 'sending' AND claimed_at < now() - interval '10 minutes')) AND attempts < 5
                      ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED)
        RETURNING id, to_email, subject, body`,
      [claim],
    );
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const mine = `id = $1 AND status = 'sending' AND claimed_by = $2`;
    for (const m of rows) {
      if (!this.smtpUrl) {
        await db.query(`UPDATE mail_outbox SET status = 'logged', sent_at = now() WHERE ${mine}`, [m.id, claim]);
        continue;
      }
      // renew the claim before each send, so a long batch never looks abandoned; a claim lost meanwhile is not ours to send
      const held = await db.query(`UPDATE mail_outbox SET claimed_at = now() WHERE ${mine} RETURNING 1`, [m.id, claim]);
      if (!held.rows.length) continue;
      try {
        await sendSmtp(this.smtpUrl, this.from, m.to_email, m.subject, m.body);
        await db.query(`UPDATE mail_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1 WHERE ${mine}`, [m.id, claim]);
      } catch (err) {
        await db.query(`UPDATE mail_outbox SET attempts = attempts + 1, error = $3, status = CASE WHEN attempts >= 4 THEN 'failed' ELSE 'pending' END WHERE ${mine}`, [
          m.id,
          claim,
          String((err as Error).message).slice(0, 500),
        ]);
      }
    }
    return rows.length;
  }
}

/** Minimal SMTP client (plain or STARTTLS-less) for smtp://user:pass@host:port; enough for a relay. */
async function sendSmtp(url: string, from: string, to: string, subject: string, body: string): Promise<void> {
  const { connect } = await import('node:net');
  const u = new URL(url);
  const sock = connect(Number(u.port || 25), u.hostname);
  sock.setEncoding('utf8');
  // a relay that stops answering fails this mail (retried later) instead of holding the batch
  sock.setTimeout(60_000, () => sock.destroy(new Error('SMTP: no answer for 60 s')));
  let buffer = '';
  const waitFor = (code: string) =>
    new Promise<void>((resolve, reject) => {
      const onData = (d: string) => {
        buffer += d;
        const lines = buffer.split('\r\n').filter(Boolean);
        const last = lines[lines.length - 1] ?? '';
        if (/^\d{3} /.test(last)) {
          sock.off('data', onData);
          buffer = '';
          if (last.startsWith(code)) resolve();
          else reject(new Error(`SMTP: ${last}`));
        }
      };
      sock.on('data', onData);
      sock.once('error', reject);
    });
  const send = (line: string, code: string) => {
    sock.write(`${line}\r\n`);
    return waitFor(code);
  };
  try {
    await waitFor('220');
    await send('EHLO gotong', '250');
    if (u.username) {
      await send('AUTH LOGIN', '334');
      await send(Buffer.from(decodeURIComponent(u.username)).toString('base64'), '334');
      await send(Buffer.from(decodeURIComponent(u.password)).toString('base64'), '235');
    }
    const addr = (s: string) => s.match(/<([^>]+)>/)?.[1] ?? s;
    await send(`MAIL FROM:<${addr(from)}>`, '250');
    await send(`RCPT TO:<${to}>`, '250');
    await send('DATA', '354');
    const header = (v: string) => v.replace(/[\r\n]+/g, ' ');
    const msg = [`From: ${header(from)}`, `To: ${header(to)}`, `Subject: =?UTF-8?B?${Buffer.from(header(subject)).toString('base64')}?=`, 'Content-Type: text/plain; charset=utf-8', '', body.replace(/^\./gm, '..'), '.'].join('\r\n');
    await send(msg, '250');
    await send('QUIT', '221');
  } finally {
    sock.destroy();
  }
}
