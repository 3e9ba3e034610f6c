import type { Donation } from '../../../domain/contracts/donations.ts';
import { formatMoney } from '../../../domain/money.ts';
import type { Locale } from '../../platform/i18n/messages.ts';
import { type PdfDocument, breakable, renderPdf } from '../../platform/pdf/index.ts';
import { formatDate } from '../programs/logframe.ts';

/** A donation receipt (PDF, A4) in Bahasa Indonesia or English. */

export const RECEIPT_TEXT = {
  id: {
    title: 'Tanda Terima Donasi',
    number: 'Nomor kuitansi',
    issued: 'Tanggal terbit',
    donor: 'Diterima dari',
    anonymous: 'Hamba Allah',
    received: 'Tanggal diterima',
    amount: 'Jumlah',
    estimated: 'Nilai taksiran',
    goods: 'Barang yang disumbangkan',
    method: 'Cara pembayaran',
    campaign: 'Kampanye',
    program: 'Diperuntukkan bagi program',
    note: 'Catatan',
    kind: 'Jenis donasi',
    kinds: { money: 'Uang', in_kind: 'Barang (natura)' },
    methods: { cash: 'Tunai', transfer: 'Transfer bank', ewallet: 'Dompet digital / QRIS', cheque: 'Cek / giro', other: 'Lainnya' },
    thanks: 'Terima kasih atas dukungan Anda.',
    footer: 'Dokumen ini dibuat oleh Gotong.',
    file: 'kuitansi',
  },
  en: {
    title: 'Donation Receipt',
    number: 'Receipt number',
    issued: 'Issued on',
    donor: 'Received from',
    anonymous: 'Anonymous',
    received: 'Date received',
    amount: 'Amount',
    estimated: 'Estimated value',
    goods: 'Goods given',
    method: 'Payment method',
    campaign: 'Campaign',
    program: 'Restricted to program',
    note: 'Note',
    kind: 'Kind of gift',
    kinds: { money: 'Money', in_kind: 'In kind' },
    methods: { cash: 'Cash', transfer: 'Bank transfer', ewallet: 'E-wallet / QRIS', cheque: 'Cheque', other: 'Other' },
    thanks: 'Thank you for your support.',
    footer: 'This document was made by Gotong.',
    file: 'receipt',
  },
} as const;

export type ReceiptInput = { organisation: string; donation: Donation; locale: Locale };

export function receiptDocument({ organisation, donation: d, locale }: ReceiptInput): PdfDocument {
  const t = RECEIPT_TEXT[locale];
  const rows: [string, string][] = [
    [t.number, d.receiptNumber ?? ''],
    [t.issued, d.receiptIssuedOn ? formatDate(d.receiptIssuedOn, locale) : ''],
    [t.donor, d.anonymous ? t.anonymous : d.donor.name],
    [t.received, formatDate(d.receivedOn, locale)],
    [t.kind, t.kinds[d.kind]],
  ];
  if (d.kind === 'in_kind') rows.push([t.goods, d.goods ?? ''], [t.estimated, formatMoney(d.amount, d.currency, locale)]);
  else rows.push([t.amount, formatMoney(d.amount, d.currency, locale)]);
  if (d.method) rows.push([t.method, t.methods[d.method]]);
  if (d.campaign) rows.push([t.campaign, d.campaign.name]);
  if (d.program) rows.push([t.program, d.program.name]);
  return {
    pageSize: 'A5',
    pageOrientation: 'landscape',
    pageMargins: [40, 36, 40, 36],
    language: locale,
    info: { title: `${t.title} ${d.receiptNumber ?? ''}`, subject: t.title, creator: 'Gotong', producer: 'Gotong' },
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25, color: '#1f2933' },
    footer: () => ({ text: t.footer, fontSize: 7.5, color: '#6b7280', margin: [40, 8, 40, 0] }),
    content: [
      { text: breakable(organisation), fontSize: 13, bold: true },
      { text: t.title, fontSize: 18, bold: true, margin: [0, 4, 0, 12] },
      { table: { widths: [150, '*'], body: rows.map(([k, v]) => [{ text: k, color: '#6b7280' }, { text: breakable(v), bold: k === t.amount || k === t.estimated }]) }, layout: 'noBorders' },
      { text: t.thanks, italics: true, margin: [0, 16, 0, 0] },
    ],
  };
}

export const receiptPdf = (input: ReceiptInput) => renderPdf(receiptDocument(input));
