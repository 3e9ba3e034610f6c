import { z } from 'zod';
import type { Campaign, CampaignCreate, CampaignUpdate, CampaignsQuery, Donation, DonationCreate, DonationUpdate, DonationsQuery, Pledge, PledgeCreate, PledgeUpdate, PledgesQuery } from '../../../domain/contracts/donations.ts';
import { pledgeProgress, receiptNumber } from '../../../domain/donations.ts';
import { minorFromDb as money } from '../../../domain/money.ts';
import type { Queryable } from '../../db/connect.ts';
import { audit, changed } from '../../platform/audit.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError, type FieldProblem, conflict, failOn, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { orgToday } from '../../platform/org.service.ts';
import { CursorShapes, capTotal, cappedCount, decodeCursor, encodeCursor } from '../../platform/paging.ts';

type Row = Record<string, any>;
type Table = 'campaigns' | 'donations' | 'pledges';

const like = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

function params() {
  const list: unknown[] = [];
  const p = (v: unknown) => {
    list.push(v);
    return `$${list.length}`;
  };
  return { list, p };
}

async function insert(tx: Queryable, table: Table, actor: Actor, id: string, values: Record<string, unknown>) {
  const cols = Object.keys(values);
  await tx.query(
    `INSERT INTO ${table} (org_id, id, created_by${cols.map((c) => `, ${c}`).join('')}) VALUES ($1, $2, $3${cols.map((_, i) => `, $${i + 4}`).join('')})`,
    [actor.orgId, id, actor.userId || null, ...Object.values(values)],
  );
}

async function update(tx: Queryable, table: Table, orgId: string, id: string, version: number, values: Record<string, unknown>) {
  const cols = Object.keys(values);
  const { rows } = await tx.query(
    `UPDATE ${table} SET ${[...cols.map((c, i) => `${c} = $${i + 4}`), 'version = version + 1', 'updated_at = now()'].join(', ')}
      WHERE org_id = $1 AND id = $2 AND version = $3 AND deleted_at IS NULL RETURNING id`,
    [orgId, id, version, ...Object.values(values)],
  );
  if (!rows.length) throw conflict();
}

async function setDeleted(tx: Queryable, table: Table, orgId: string, id: string, deleted: boolean) {
  const { rows } = await tx.query(
    `UPDATE ${table} SET deleted_at = ${deleted ? 'now()' : 'NULL'}, version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND deleted_at IS ${deleted ? 'NULL' : 'NOT NULL'} RETURNING id`,
    [orgId, id],
  );
  if (!rows.length) throw notFound();
}

const camel: Record<string, string> = {
  person_id: 'personId', funder_id: 'funderId', goal_amount: 'goalAmount', start_date: 'startDate', end_date: 'endDate',
  received_on: 'receivedOn', campaign_id: 'campaignId', program_id: 'programId', pledge_id: 'pledgeId',
};
/** API field names → columns (only the ones a form sends). */
function columns(input: Record<string, unknown>): Record<string, unknown> {
  const back = Object.fromEntries(Object.entries(camel).map(([c, f]) => [f, c]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && k !== 'version' && k !== 'issueReceipt') out[back[k] ?? k] = v;
  return out;
}

/** Checks the records a form names (donor, campaign, program, pledge) live in this organisation. */
async function checkRefs(tx: Queryable, orgId: string, v: Record<string, unknown>, fields: Record<string, FieldProblem>) {
  const refs: [string, string, string][] = [
    ['person_id', 'people', 'personId'],
    ['funder_id', 'funders', 'funderId'],
    ['campaign_id', 'campaigns', 'campaignId'],
    ['program_id', 'programs', 'programId'],
    ['pledge_id', 'pledges', 'pledgeId'],
  ];
  for (const [col, table, field] of refs) {
    if (!v[col]) continue;
    const { rows } = await tx.query(`SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL`, [orgId, v[col]]);
    if (!rows.length) fields[field] = { code: 'not_found' };
  }
}

/** A registry person who gives becomes a donor: the role is added once, and the change is audited. */
async function markDonor(tx: Queryable, actor: Actor, personId: string | null | undefined) {
  if (!personId) return;
  const { rows } = await tx.query<{ roles: string[] }>(
    `UPDATE people SET roles = array_append(roles, 'donor'), version = version + 1, updated_at = now()
      WHERE org_id = $1 AND id = $2 AND NOT ('donor' = ANY (roles)) RETURNING roles`,
    [actor.orgId, personId],
  );
  if (rows.length) await audit(tx, actor, { action: 'update', entityType: 'person', entityId: personId, before: { roles: rows[0].roles.filter((r) => r !== 'donor') }, after: { roles: rows[0].roles } });
}

const DONOR = `CASE WHEN x.person_id IS NOT NULL THEN 'person' ELSE 'funder' END AS donor_type, coalesce(x.person_id, x.funder_id) AS donor_id, coalesce(dp.full_name, df.name) AS donor_name`;
const DONOR_JOIN = (x: string) => `LEFT JOIN people dp ON dp.org_id = ${x}.org_id AND dp.id = ${x}.person_id LEFT JOIN funders df ON df.org_id = ${x}.org_id AND df.id = ${x}.funder_id`;
const REFS_JOIN = (x: string) =>
  `LEFT JOIN campaigns rc ON rc.org_id = ${x}.org_id AND rc.id = ${x}.campaign_id LEFT JOIN programs rp ON rp.org_id = ${x}.org_id AND rp.id = ${x}.program_id`;
const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);
const donorOf = (r: Row) => ({ type: r.donor_type, id: r.donor_id, name: r.donor_name ?? '' });

// ---- campaigns ----

const CAMPAIGN_COLUMNS = `c.id, c.name, c.description, c.goal_amount, c.currency, c.start_date, c.end_date, c.status, c.version, c.deleted_at,
  coalesce((SELECT json_agg(json_build_object('currency', t.currency, 'amount', t.amount::text, 'gifts', t.gifts, 'donors', t.donors))
    FROM (SELECT d.currency, sum(d.amount) AS amount, count(*)::int AS gifts, count(DISTINCT coalesce(d.person_id, d.funder_id))::int AS donors FROM donations d
           WHERE d.org_id = c.org_id AND d.campaign_id = c.id AND d.deleted_at IS NULL GROUP BY d.currency) t), '[]') AS raised`;

function toCampaign(r: Row): Campaign {
  const raised = (typeof r.raised === 'string' ? JSON.parse(r.raised) : r.raised) as { currency: string; amount: string; gifts: number; donors: number }[];
  const own = raised.find((x) => x.currency === r.currency);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    goalAmount: r.goal_amount === null ? null : money(r.goal_amount),
    currency: r.currency,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    raised: own ? money(own.amount) : 0,
    raisedOther: raised.filter((x) => x.currency !== r.currency).map((x) => ({ currency: x.currency, amount: money(x.amount) })).sort((a, b) => a.currency.localeCompare(b.currency)),
    gifts: raised.reduce((n, x) => n + x.gifts, 0),
    // a donor who gave in two currencies counts once per currency: close enough for a card
    donors: raised.reduce((n, x) => n + x.donors, 0),
    version: r.version,
    deletedAt: r.deleted_at,
  };
}

export async function getCampaign(tx: Queryable, orgId: string, id: string, includeDeleted = false): Promise<Campaign> {
  const { rows } = await tx.query<Row>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.org_id = $1 AND c.id = $2 ${includeDeleted ? '' : 'AND c.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return toCampaign(rows[0]);
}

export async function listCampaigns(tx: Queryable, orgId: string, q: z.output<typeof CampaignsQuery>) {
  const { list, p } = params();
  const where = [`c.org_id = ${p(orgId)}`, q.deleted ? 'c.deleted_at IS NOT NULL' : 'c.deleted_at IS NULL'];
  if (q.q) where.push(`lower(c.name) LIKE ${p(like(q.q))}`);
  if (q.status) where.push(`c.status = ${p(q.status)}`);
  const { rows: count } = await tx.query<{ count: number }>(cappedCount(`FROM campaigns c WHERE ${where.join(' AND ')}`), list);
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  // active first, then planned, then closed; by name within each
  const order = `(CASE c.status WHEN 'active' THEN 'a' WHEN 'planned' THEN 'b' ELSE 'c' END) || lower(c.name)`;
  if (cursor) where.push(`(${order}, c.id) > (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
  const { rows } = await tx.query<Row>(`SELECT ${CAMPAIGN_COLUMNS}, ${order} AS sort FROM campaigns c WHERE ${where.join(' AND ')} ORDER BY ${order}, c.id LIMIT ${p(q.limit + 1)}`, list);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toCampaign), nextCursor: rows.length > q.limit ? encodeCursor([page.at(-1)!.sort, page.at(-1)!.id]) : null, ...capTotal(Number(count[0].count)) };
}

const campaignAudit = (c: Campaign) => ({ name: c.name, description: c.description, goalAmount: c.goalAmount, currency: c.currency, startDate: c.startDate, endDate: c.endDate, status: c.status });

export async function createCampaign(tx: Queryable, actor: Actor, input: z.output<typeof CampaignCreate>) {
  const id = uuidv7();
  await insert(tx, 'campaigns', actor, id, columns(input));
  const created = await getCampaign(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'campaign', entityId: id, after: campaignAudit(created) });
  return created;
}

export async function updateCampaign(tx: Queryable, actor: Actor, id: string, input: z.output<typeof CampaignUpdate>) {
  const before = await getCampaign(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  const start = input.startDate !== undefined ? input.startDate : before.startDate;
  const end = input.endDate !== undefined ? input.endDate : before.endDate;
  if (start && end && end < start) failOn({ endDate: { code: 'ends_before_starts' } });
  await update(tx, 'campaigns', actor.orgId, id, input.version, columns(input));
  const after = await getCampaign(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'campaign', entityId: id, ...changed(campaignAudit(before), campaignAudit(after)) });
  return after;
}

export async function setCampaignDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  await setDeleted(tx, 'campaigns', actor.orgId, id, deleted);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'campaign', entityId: id });
  return getCampaign(tx, actor.orgId, id, true);
}

// ---- donations ----

const DONATION_COLUMNS = `x.id, x.kind, x.amount::text AS amount, x.currency, x.goods, x.received_on, x.method, x.campaign_id, rc.name AS campaign_name, x.program_id, rp.name AS program_name,
  x.pledge_id, x.receipt_number, x.receipt_issued_on, x.note, x.anonymous, x.version, x.created_at, x.updated_at, x.deleted_at, x.person_id, x.funder_id, ${DONOR}`;
const DONATION_FROM = `donations x ${DONOR_JOIN('x')} ${REFS_JOIN('x')}`;

function toDonation(r: Row): Donation {
  return {
    id: r.id,
    donor: donorOf(r),
    kind: r.kind,
    amount: money(r.amount),
    currency: r.currency,
    goods: r.goods,
    receivedOn: r.received_on,
    method: r.method,
    campaign: ref(r.campaign_id, r.campaign_name),
    program: ref(r.program_id, r.program_name),
    pledgeId: r.pledge_id,
    receiptNumber: r.receipt_number,
    receiptIssuedOn: r.receipt_issued_on,
    note: r.note,
    anonymous: r.anonymous,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

export async function getDonation(tx: Queryable, orgId: string, id: string, opts: { includeDeleted?: boolean; lock?: boolean } = {}): Promise<Donation & { personId: string | null; funderId: string | null }> {
  const { rows } = await tx.query<Row>(
    `SELECT ${DONATION_COLUMNS} FROM ${DONATION_FROM} WHERE x.org_id = $1 AND x.id = $2 ${opts.includeDeleted ? '' : 'AND x.deleted_at IS NULL'} ${opts.lock ? 'FOR UPDATE OF x' : ''}`,
    [orgId, id],
  );
  if (!rows[0]) throw notFound();
  return { ...toDonation(rows[0]), personId: rows[0].person_id, funderId: rows[0].funder_id };
}

export async function listDonations(tx: Queryable, orgId: string, q: z.output<typeof DonationsQuery>) {
  const { list, p } = params();
  const where = [`x.org_id = ${p(orgId)}`, q.deleted ? 'x.deleted_at IS NOT NULL' : 'x.deleted_at IS NULL'];
  if (q.q) where.push(`lower(coalesce(dp.full_name, df.name, '')) LIKE ${p(like(q.q))}`);
  if (q.campaignId) where.push(`x.campaign_id = ${p(q.campaignId)}`);
  if (q.programId) where.push(`x.program_id = ${p(q.programId)}`);
  if (q.pledgeId) where.push(`x.pledge_id = ${p(q.pledgeId)}`);
  if (q.personId) where.push(`x.person_id = ${p(q.personId)}`);
  if (q.funderId) where.push(`x.funder_id = ${p(q.funderId)}`);
  if (q.kind) where.push(`x.kind = ${p(q.kind)}`);
  if (q.from) where.push(`x.received_on >= ${p(q.from)}`);
  if (q.to) where.push(`x.received_on <= ${p(q.to)}`);
  const filter = where.join(' AND ');
  const { rows: count } = await tx.query<{ count: number }>(cappedCount(`FROM ${DONATION_FROM} WHERE ${filter}`), list);
  // exact sums in SQL numeric, checked against the safe range on the way out
  const { rows: totals } = await tx.query<Row>(`SELECT x.currency, sum(x.amount)::text AS amount, count(*)::int AS gifts FROM ${DONATION_FROM} WHERE ${filter} GROUP BY x.currency ORDER BY x.currency`, list);
  const cursor = decodeCursor(q.cursor, DATE_ID);
  if (cursor) where.push(`(x.received_on, x.id) < (${p(cursor[0])}::date, ${p(cursor[1])}::uuid)`);
  const { rows } = await tx.query<Row>(`SELECT ${DONATION_COLUMNS} FROM ${DONATION_FROM} WHERE ${where.join(' AND ')} ORDER BY x.received_on DESC, x.id DESC LIMIT ${p(q.limit + 1)}`, list);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(toDonation),
    nextCursor: rows.length > q.limit ? encodeCursor([page.at(-1)!.received_on, page.at(-1)!.id]) : null,
    ...capTotal(Number(count[0].count)),
    totals: totals.map((t) => ({ currency: t.currency, amount: money(t.amount), gifts: t.gifts })),
  };
}

/** A gift list's cursor: the last row's date and id (a forged date is a 400, not a cast error). */
const DATE_ID = z.tuple([z.iso.date(), z.uuid()]);

type DonationValues = Record<string, unknown> & { person_id?: string | null; funder_id?: string | null; kind?: string; goods?: string | null; pledge_id?: string | null; amount?: number };

async function checkDonation(tx: Queryable, orgId: string, v: DonationValues) {
  const fields: Record<string, FieldProblem> = {};
  if (!v.person_id === !v.funder_id) fields[v.person_id ? 'funderId' : 'personId'] = { code: 'donor_required' };
  if (v.kind === 'in_kind' && !v.goods) fields.goods = { code: 'goods_required' };
  // a gift of money has an amount; goods may have no estimate yet (0)
  if (v.kind === 'money' && v.amount === 0) fields.amount = { code: 'too_small', params: { min: 1 } };
  await checkRefs(tx, orgId, v, fields);
  if (v.pledge_id && !fields.pledgeId) {
    const { rows } = await tx.query<Row>('SELECT person_id, funder_id FROM pledges WHERE org_id = $1 AND id = $2', [orgId, v.pledge_id]);
    if (rows[0] && (rows[0].person_id !== (v.person_id ?? null) || rows[0].funder_id !== (v.funder_id ?? null))) fields.pledgeId = { code: 'pledge_other_donor' };
  }
  failOn(fields);
}

/**
 * Numbers the receipt of a gift: the year's counter row is created or locked by this
 * transaction (ON CONFLICT … DO UPDATE takes the row lock), so concurrent issues queue on it and
 * a rolled-back one gives its number back: gapless, never twice.
 */
export async function issueReceipt(tx: Queryable, actor: Actor, id: string) {
  const d = await getDonation(tx, actor.orgId, id, { lock: true });
  if (d.receiptNumber) return d;
  const today = await orgToday(tx, actor.orgId);
  const year = Number(today.slice(0, 4));
  const { rows } = await tx.query<{ last_seq: number }>(
    `INSERT INTO receipt_counters (org_id, year, last_seq) VALUES ($1, $2, 1)
       ON CONFLICT (org_id, year) DO UPDATE SET last_seq = receipt_counters.last_seq + 1 RETURNING last_seq`,
    [actor.orgId, year],
  );
  const seq = rows[0].last_seq;
  const number = receiptNumber(year, seq);
  await tx.query('UPDATE donations SET receipt_number = $3, receipt_year = $4, receipt_seq = $5, receipt_issued_on = $6, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2', [
    actor.orgId,
    id,
    number,
    year,
    seq,
    today,
  ]);
  await audit(tx, actor, { action: 'issue_receipt', entityType: 'donation', entityId: id, after: { receiptNumber: number } });
  return getDonation(tx, actor.orgId, id);
}

const donationAudit = (d: Donation) => ({
  donor: d.donor,
  kind: d.kind,
  amount: d.amount,
  currency: d.currency,
  goods: d.goods,
  receivedOn: d.receivedOn,
  method: d.method,
  campaignId: d.campaign?.id ?? null,
  programId: d.program?.id ?? null,
  pledgeId: d.pledgeId,
  note: d.note,
  anonymous: d.anonymous,
});

export async function createDonation(tx: Queryable, actor: Actor, input: z.output<typeof DonationCreate>) {
  const values = columns(input) as DonationValues;
  if (values.kind === 'money') values.goods = null;
  await checkDonation(tx, actor.orgId, values);
  const id = uuidv7();
  await insert(tx, 'donations', actor, id, values);
  await markDonor(tx, actor, values.person_id);
  const created = await getDonation(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'create', entityType: 'donation', entityId: id, after: donationAudit(created) });
  return input.issueReceipt ? issueReceipt(tx, actor, id) : created;
}

export async function updateDonation(tx: Queryable, actor: Actor, id: string, input: z.output<typeof DonationUpdate>) {
  const before = await getDonation(tx, actor.orgId, id, { lock: true });
  if (before.version !== input.version) throw conflict();
  const values = columns(input) as DonationValues;
  // one donor: naming one clears the other
  if (values.person_id) values.funder_id = null;
  else if (values.funder_id) values.person_id = null;
  const merged: DonationValues = {
    amount: before.amount,
    person_id: before.personId,
    funder_id: before.funderId,
    kind: before.kind,
    goods: before.goods,
    pledge_id: before.pledgeId,
    ...values,
  };
  if (merged.kind === 'money' && before.goods !== null) values.goods = merged.goods = null;
  await checkDonation(tx, actor.orgId, merged);
  await update(tx, 'donations', actor.orgId, id, input.version, values);
  if (values.person_id) await markDonor(tx, actor, values.person_id);
  const after = await getDonation(tx, actor.orgId, id);
  await audit(tx, actor, { action: 'update', entityType: 'donation', entityId: id, ...changed(donationAudit(before), donationAudit(after)) });
  return after;
}

/** A gift in the bin keeps its receipt number (the sequence stays gapless; the number is void). */
export async function setDonationDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  await setDeleted(tx, 'donations', actor.orgId, id, deleted);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'donation', entityId: id });
  return getDonation(tx, actor.orgId, id, { includeDeleted: true });
}

// ---- pledges ----

const PLEDGE_COLUMNS = `x.id, x.amount::text AS amount, x.currency, x.frequency, x.start_date, x.end_date, x.status, x.campaign_id, rc.name AS campaign_name, x.program_id, rp.name AS program_name,
  x.note, x.version, x.deleted_at, x.person_id, x.funder_id, ${DONOR},
  (SELECT coalesce(sum(d.amount), 0)::text FROM donations d WHERE d.org_id = x.org_id AND d.pledge_id = x.id AND d.currency = x.currency AND d.deleted_at IS NULL) AS received`;
const PLEDGE_FROM = `pledges x ${DONOR_JOIN('x')} ${REFS_JOIN('x')}`;

function toPledge(r: Row, today: string): Pledge {
  const amount = money(r.amount);
  return {
    id: r.id,
    donor: donorOf(r),
    amount,
    currency: r.currency,
    frequency: r.frequency,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    campaign: ref(r.campaign_id, r.campaign_name),
    program: ref(r.program_id, r.program_name),
    note: r.note,
    progress: pledgeProgress({ frequency: r.frequency, startDate: r.start_date, endDate: r.end_date, status: r.status, amount }, money(r.received), today),
    version: r.version,
    deletedAt: r.deleted_at,
  };
}

export async function getPledge(tx: Queryable, orgId: string, id: string, includeDeleted = false) {
  const { rows } = await tx.query<Row>(`SELECT ${PLEDGE_COLUMNS} FROM ${PLEDGE_FROM} WHERE x.org_id = $1 AND x.id = $2 ${includeDeleted ? '' : 'AND x.deleted_at IS NULL'}`, [orgId, id]);
  if (!rows[0]) throw notFound();
  return { ...toPledge(rows[0], await orgToday(tx, orgId)), personId: rows[0].person_id as string | null, funderId: rows[0].funder_id as string | null };
}

export async function listPledges(tx: Queryable, orgId: string, q: z.output<typeof PledgesQuery>) {
  const { list, p } = params();
  const where = [`x.org_id = ${p(orgId)}`, q.deleted ? 'x.deleted_at IS NOT NULL' : 'x.deleted_at IS NULL'];
  if (q.q) where.push(`lower(coalesce(dp.full_name, df.name, '')) LIKE ${p(like(q.q))}`);
  if (q.personId) where.push(`x.person_id = ${p(q.personId)}`);
  if (q.funderId) where.push(`x.funder_id = ${p(q.funderId)}`);
  if (q.status) where.push(`x.status = ${p(q.status)}`);
  const { rows: count } = await tx.query<{ count: number }>(cappedCount(`FROM ${PLEDGE_FROM} WHERE ${where.join(' AND ')}`), list);
  const cursor = decodeCursor(q.cursor, CursorShapes.textId);
  const order = `lower(coalesce(dp.full_name, df.name, ''))`;
  if (cursor) where.push(`(${order}, x.id) > (${p(cursor[0])}, ${p(cursor[1])}::uuid)`);
  const { rows } = await tx.query<Row>(`SELECT ${PLEDGE_COLUMNS}, ${order} AS sort FROM ${PLEDGE_FROM} WHERE ${where.join(' AND ')} ORDER BY ${order}, x.id LIMIT ${p(q.limit + 1)}`, list);
  const today = await orgToday(tx, orgId);
  const page = rows.slice(0, q.limit);
  return { items: page.map((r) => toPledge(r, today)), nextCursor: rows.length > q.limit ? encodeCursor([page.at(-1)!.sort, page.at(-1)!.id]) : null, ...capTotal(Number(count[0].count)) };
}

const pledgeAudit = (x: Pledge) => ({ donor: x.donor, amount: x.amount, currency: x.currency, frequency: x.frequency, startDate: x.startDate, endDate: x.endDate, status: x.status, campaignId: x.campaign?.id ?? null, programId: x.program?.id ?? null, note: x.note });
const strip = ({ personId: _p, funderId: _f, ...rest }: Pledge & { personId: unknown; funderId: unknown }): Pledge => rest;

export async function createPledge(tx: Queryable, actor: Actor, input: z.output<typeof PledgeCreate>) {
  const values = columns(input) as DonationValues;
  const fields: Record<string, FieldProblem> = {};
  if (!values.person_id === !values.funder_id) fields[values.person_id ? 'funderId' : 'personId'] = { code: 'donor_required' };
  await checkRefs(tx, actor.orgId, values, fields);
  failOn(fields);
  const id = uuidv7();
  await insert(tx, 'pledges', actor, id, values);
  await markDonor(tx, actor, values.person_id);
  const created = strip(await getPledge(tx, actor.orgId, id));
  await audit(tx, actor, { action: 'create', entityType: 'pledge', entityId: id, after: pledgeAudit(created) });
  return created;
}

export async function updatePledge(tx: Queryable, actor: Actor, id: string, input: z.output<typeof PledgeUpdate>) {
  const before = await getPledge(tx, actor.orgId, id);
  if (before.version !== input.version) throw conflict();
  const values = columns(input) as DonationValues;
  if (values.person_id) values.funder_id = null;
  else if (values.funder_id) values.person_id = null;
  const fields: Record<string, FieldProblem> = {};
  const person = values.person_id !== undefined ? values.person_id : before.personId;
  const funder = values.funder_id !== undefined ? values.funder_id : before.funderId;
  if (!person === !funder) fields.personId = { code: 'donor_required' };
  const start = input.startDate ?? before.startDate;
  const end = input.endDate !== undefined ? input.endDate : before.endDate;
  if (end && end < start) fields.endDate = { code: 'ends_before_starts' };
  await checkRefs(tx, actor.orgId, values, fields);
  failOn(fields);
  await update(tx, 'pledges', actor.orgId, id, input.version, values);
  if (values.person_id) await markDonor(tx, actor, values.person_id);
  const after = strip(await getPledge(tx, actor.orgId, id));
  await audit(tx, actor, { action: 'update', entityType: 'pledge', entityId: id, ...changed(pledgeAudit(strip(before)), pledgeAudit(after)) });
  return after;
}

export async function setPledgeDeleted(tx: Queryable, actor: Actor, id: string, deleted: boolean) {
  await setDeleted(tx, 'pledges', actor.orgId, id, deleted);
  await audit(tx, actor, { action: deleted ? 'delete' : 'restore', entityType: 'pledge', entityId: id });
  return strip(await getPledge(tx, actor.orgId, id, true));
}

/** What a receipt shows, gathered in the request's transaction. */
export async function receiptInput(tx: Queryable, orgId: string, id: string) {
  const d = await getDonation(tx, orgId, id);
  if (!d.receiptNumber) throw new AppError(409, 'receipt_not_issued');
  const { rows } = await tx.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [orgId]);
  return { organisation: rows[0]?.name ?? '', donation: d };
}


