/**
 * iCalendar (RFC 5545) text of activities, for calendar apps subscribing to a feed: CRLF line
 * ends, lines folded at 75 octets (never inside a UTF-8 character), TEXT values escaped, times in
 * UTC, a UID per activity that never changes.
 */

export type IcalEvent = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  startDate: string;
  /** the last day of an all-day activity */
  endDate: string;
  status: 'planned' | 'done' | 'cancelled';
  location: string | null;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  updatedAt: string;
  url: string;
};

/** TEXT escaping: backslash, semicolon, comma, newline. */
export const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line into ≤75-octet pieces, each continuation starting with a space. */
export function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const max = out.length ? 74 : 75; // a continuation's leading space counts
    if (bytes + n > max) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const stamp = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const day = (d: string) => d.replace(/-/g, '');
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function icalendar(name: string, host: string, events: IcalEvent[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Gotong//Activities//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`];
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `UID:${e.id}@${host}`, `DTSTAMP:${stamp(e.updatedAt)}`);
    if (e.allDay) lines.push(`DTSTART;VALUE=DATE:${day(e.startDate)}`, `DTEND;VALUE=DATE:${day(nextDay(e.endDate))}`);
    else lines.push(`DTSTART:${stamp(e.startsAt)}`, `DTEND:${stamp(e.endsAt)}`);
    lines.push(`SUMMARY:${escapeText(e.title)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.latitude != null && e.longitude != null) lines.push(`GEO:${e.latitude};${e.longitude}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`URL:${e.url}`, `STATUS:${e.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`, `LAST-MODIFIED:${stamp(e.updatedAt)}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
