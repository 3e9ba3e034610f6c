import { maskNik } from '../src/domain/nik.ts';
import { searchName } from '../src/domain/people.ts';
import type { Db } from '../src/server/db/connect.ts';
import { uuidv7 } from '../src/server/platform/ids.ts';
import type { Services } from '../src/server/platform/services.ts';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from '../src/server/features/demo/names.ts';

/** Bulk synthetic registry for benchmarks: realistic names, real villages, valid NIKs. */
export async function seedPeople(db: Db, services: Pick<Services, 'cipher' | 'areas'>, count: number) {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organizations ORDER BY created_at LIMIT 1');
  const orgId = rows[0].id;
  const villages = ['32.04', '32.05', '53.71', '33.74', '52.03'].flatMap((r) => services.areas.childrenOf(r).flatMap((d) => services.areas.childrenOf(d.code)));
  let seed = 42;
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const names: string[] = [];
  const niks: string[] = [];
  const batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await db.query(`INSERT INTO people SELECT * FROM json_populate_recordset(NULL::people, $1::json)`, [JSON.stringify(batch)]);
    batch.length = 0;
  };
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const female = rand() < 0.5;
    const fullName = `${pick(female ? FEMALE_NAMES : MALE_NAMES)} ${pick(female ? FEMALE_NAMES : MALE_NAMES)} ${pick(FAMILY_NAMES)}`;
    const v = pick(villages);
    const year = 1940 + Math.floor(rand() * 80);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const [p, r, d] = v.code.split('.');
    const nik = `${p}${r}${d}${String(day + (female ? 40 : 0)).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).slice(2)}${String(1 + (i % 9999)).padStart(4, '0')}`;
    if (i % 97 === 0) {
      names.push(fullName);
      niks.push(nik);
    }
    batch.push({
      org_id: orgId,
      id: uuidv7(),
      full_name: fullName,
      search_name: searchName(fullName),
      sex: female ? 'female' : 'male',
      birth_date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      birth_year: year,
      nik_enc: services.cipher.encrypt(nik),
      nik_bidx: services.cipher.blindIndex('nik', nik),
      nik_masked: maskNik(nik),
      phone: rand() < 0.6 ? `+628${String(1100000000 + Math.floor(rand() * 899999999))}` : null,
      area_code: v.code,
      has_disability: rand() < 0.05,
      roles: ['beneficiary'],
      tags: [],
      consent_given: rand() < 0.8,
      version: 1,
      created_at: new Date(now - (count - i) * 1000).toISOString(),
      updated_at: new Date(now).toISOString(),
    });
    if (batch.length === 2000) await flush();
  }
  await flush();
  await db.exec('ANALYZE people');
  // a cursor 4 pages in, for the paging case
  const page = (await db.query<{ full_name: string; id: string }>('SELECT full_name, id FROM people WHERE org_id = $1 ORDER BY full_name, id OFFSET 199 LIMIT 1', [orgId])).rows[0];
  const cursor = Buffer.from(JSON.stringify([page.full_name, page.id])).toString('base64url');
  return { orgId, sample: { names, niks, cursor } };
}
