import { z } from 'zod';
import type { App } from '../../app.ts';
import {
  Campaign,
  CampaignCreate,
  CampaignUpdate,
  CampaignsPage,
  CampaignsQuery,
  Donation,
  DonationCreate,
  DonationUpdate,
  DonationsPage,
  DonationsQuery,
  Pledge,
  PledgeCreate,
  PledgeUpdate,
  PledgesPage,
  PledgesQuery,
} from '../../../domain/contracts/donations.ts';
import { audit } from '../../platform/audit.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { withTenant } from '../../platform/context.ts';
import { sendDownload } from '../../platform/files.ts';
import {
  createCampaign,
  createDonation,
  createPledge,
  getCampaign,
  getDonation,
  getPledge,
  issueReceipt,
  listCampaigns,
  listDonations,
  listPledges,
  receiptInput,
  setCampaignDeleted,
  setDonationDeleted,
  setPledgeDeleted,
  updateCampaign,
  updateDonation,
  updatePledge,
} from './donations.service.ts';
import { RECEIPT_TEXT, receiptPdf } from './receipt.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['donations'];
const plain = <T extends { personId?: unknown; funderId?: unknown }>({ personId: _p, funderId: _f, ...rest }: T) => rest;

export async function donationsRoutes(app: App) {
  const { db } = app.services;

  // ---- campaigns ----

  app.get('/api/campaigns', { schema: { tags, summary: 'Campaigns (appeals) with what each raised against its goal; search, status filter, paging', querystring: CampaignsQuery, response: { 200: CampaignsPage } } }, async (req) => {
    const actor = requireOrg(req, 'donations.read');
    return withTenant(db, actor.orgId, (tx) => listCampaigns(tx, actor.orgId, req.query));
  });
  app.post('/api/campaigns', { schema: { tags, summary: 'Start a campaign: name, goal (minor units + currency), dates, status', body: CampaignCreate, response: { 201: Campaign } } }, async (req, reply) => {
    const actor = requireOrg(req, 'donations.write');
    const created = await withTenant(db, actor.orgId, (tx) => createCampaign(tx, actor, req.body));
    reply.status(201);
    return created;
  });
  app.get('/api/campaigns/:id', { schema: { tags, summary: 'A campaign with raised vs goal', params: IdParams, response: { 200: Campaign } } }, async (req) => {
    const actor = requireOrg(req, 'donations.read');
    return withTenant(db, actor.orgId, (tx) => getCampaign(tx, actor.orgId, req.params.id));
  });
  app.patch('/api/campaigns/:id', { schema: { tags, summary: 'Change a campaign (versioned)', params: IdParams, body: CampaignUpdate, response: { 200: Campaign } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return withTenant(db, actor.orgId, (tx) => updateCampaign(tx, actor, req.params.id, req.body));
  });
  app.delete('/api/campaigns/:id', { schema: { tags, summary: 'Move a campaign to the bin (restorable; its gifts stay)', params: IdParams, response: { 200: Campaign } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return withTenant(db, actor.orgId, (tx) => setCampaignDeleted(tx, actor, req.params.id, true));
  });
  app.post('/api/campaigns/:id/restore', { schema: { tags, summary: 'Undo a campaign delete', params: IdParams, response: { 200: Campaign } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return withTenant(db, actor.orgId, (tx) => setCampaignDeleted(tx, actor, req.params.id, false));
  });

  // ---- donations ----

  app.get(
    '/api/donations',
    { schema: { tags, summary: 'Gifts: search by donor name, filters (campaign, program, pledge, kind, dates, person, funder), paging, exact totals per currency for the filter', querystring: DonationsQuery, response: { 200: DonationsPage } } },
    async (req) => {
      const actor = requireOrg(req, 'donations.read');
      return withTenant(db, actor.orgId, (tx) => listDonations(tx, actor.orgId, req.query));
    },
  );
  app.post(
    '/api/donations',
    { schema: { tags, summary: "Record a gift (money, or in kind with its estimated value) from a person (who gets the donor role) or a funder; numbers its receipt unless issueReceipt is false", body: DonationCreate, response: { 201: Donation } } },
    async (req, reply) => {
      const actor = requireOrg(req, 'donations.write');
      const created = await withTenant(db, actor.orgId, (tx) => createDonation(tx, actor, req.body));
      reply.status(201);
      return plain(created);
    },
  );
  app.get('/api/donations/:id', { schema: { tags, summary: 'A gift', params: IdParams, response: { 200: Donation } } }, async (req) => {
    const actor = requireOrg(req, 'donations.read');
    return plain(await withTenant(db, actor.orgId, (tx) => getDonation(tx, actor.orgId, req.params.id)));
  });
  app.patch('/api/donations/:id', { schema: { tags, summary: 'Change a gift (versioned); the receipt number stays', params: IdParams, body: DonationUpdate, response: { 200: Donation } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return plain(await withTenant(db, actor.orgId, (tx) => updateDonation(tx, actor, req.params.id, req.body)));
  });
  app.delete('/api/donations/:id', { schema: { tags, summary: 'Move a gift to the bin (restorable; its receipt number is not reused)', params: IdParams, response: { 200: Donation } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return plain(await withTenant(db, actor.orgId, (tx) => setDonationDeleted(tx, actor, req.params.id, true)));
  });
  app.post('/api/donations/:id/restore', { schema: { tags, summary: 'Undo a gift delete', params: IdParams, response: { 200: Donation } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return plain(await withTenant(db, actor.orgId, (tx) => setDonationDeleted(tx, actor, req.params.id, false)));
  });
  app.post('/api/donations/:id/receipt', { schema: { tags, summary: "Issue the gift's receipt: the next number of the year (gapless, once per gift; again returns the same)", params: IdParams, response: { 200: Donation } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return plain(await withTenant(db, actor.orgId, (tx) => issueReceipt(tx, actor, req.params.id)));
  });
  app.get(
    '/api/donations/:id/receipt.pdf',
    {
      exposeHeadRoute: false,
      schema: { tags, summary: "Download the gift's receipt (PDF) in Bahasa Indonesia or English (default: the user's language); audited", params: IdParams, querystring: z.object({ lang: z.enum(['id', 'en']).optional() }) },
    },
    async (req, reply) => {
      const actor = requireOrg(req, 'donations.read');
      const locale = req.query.lang ?? localeOf(req);
      const input = await withTenant(db, actor.orgId, async (tx) => {
        const r = await receiptInput(tx, actor.orgId, req.params.id);
        await audit(tx, actor, { action: 'export', entityType: 'donation', entityId: req.params.id, after: { document: 'receipt', format: 'pdf', lang: locale, receiptNumber: r.donation.receiptNumber } });
        return r;
      });
      const body = await receiptPdf({ ...input, locale });
      const name = `${RECEIPT_TEXT[locale].file}-${input.donation.receiptNumber!.replace('/', '-')}.pdf`;
      return sendDownload(reply, 'application/pdf', { ascii: name, unicode: name }, body);
    },
  );

  // ---- pledges ----

  app.get('/api/pledges', { schema: { tags, summary: 'Recurring pledges with expected vs received and the next due date; search by donor, filters, paging', querystring: PledgesQuery, response: { 200: PledgesPage } } }, async (req) => {
    const actor = requireOrg(req, 'donations.read');
    return withTenant(db, actor.orgId, (tx) => listPledges(tx, actor.orgId, req.query));
  });
  app.post('/api/pledges', { schema: { tags, summary: 'Record a recurring pledge (monthly, quarterly or yearly) from a person or a funder', body: PledgeCreate, response: { 201: Pledge } } }, async (req, reply) => {
    const actor = requireOrg(req, 'donations.write');
    const created = await withTenant(db, actor.orgId, (tx) => createPledge(tx, actor, req.body));
    reply.status(201);
    return created;
  });
  app.get('/api/pledges/:id', { schema: { tags, summary: 'A pledge with its progress', params: IdParams, response: { 200: Pledge } } }, async (req) => {
    const actor = requireOrg(req, 'donations.read');
    return plain(await withTenant(db, actor.orgId, (tx) => getPledge(tx, actor.orgId, req.params.id)));
  });
  app.patch('/api/pledges/:id', { schema: { tags, summary: 'Change a pledge (versioned): amount, schedule, pause or end it', params: IdParams, body: PledgeUpdate, response: { 200: Pledge } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return withTenant(db, actor.orgId, (tx) => updatePledge(tx, actor, req.params.id, req.body));
  });
  app.delete('/api/pledges/:id', { schema: { tags, summary: 'Move a pledge to the bin (restorable; its gifts stay)', params: IdParams, response: { 200: Pledge } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return withTenant(db, actor.orgId, (tx) => setPledgeDeleted(tx, actor, req.params.id, true));
  });
  app.post('/api/pledges/:id/restore', { schema: { tags, summary: 'Undo a pledge delete', params: IdParams, response: { 200: Pledge } } }, async (req) => {
    const actor = requireOrg(req, 'donations.write');
    return withTenant(db, actor.orgId, (tx) => setPledgeDeleted(tx, actor, req.params.id, false));
  });
}
