import type { Config } from '../server/config.ts';
import type { Db } from '../server/db/connect.ts';
import { withTenant } from '../server/platform/context.ts';
import { createUser } from '../server/platform/accounts.routes.ts';
import { createOrganization } from '../server/platform/org.service.ts';
import { FieldCipher } from '../server/platform/security.ts';
import { Areas } from '../server/features/areas/areas.service.ts';
import { createPerson } from '../server/features/people/people.service.ts';
import { createHousehold } from '../server/features/households/households.service.ts';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from '../server/features/demo/names.ts';
import type { MemberRole } from '../domain/roles.ts';

/** Villages the demo spreads over: real Kemendagri districts in West Java, NTT and Central Java. */
const DEMO_DISTRICTS = ['32.04.05', '32.05.01', '53.71.01', '33.74.01', '52.03.01'];
const DEMO_PASSWORD = 'gotong-demo-2026';

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

export async function loadDemo(db: Db, config: Config, opts: { slug: string; people: number }): Promise<string> {
  const areas = Areas.load();
  const deps = { cipher: new FieldCipher(config.secretKey), areas };
  const rand = rng(20261125);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const villages = DEMO_DISTRICTS.flatMap((d) => areas.childrenOf(d)).filter((v) => v.level === 'village');
  if (!villages.length) throw new Error('demo villages not found in idn-area-data');

  let org = (await db.query<{ id: string }>('SELECT id FROM organizations WHERE slug = $1', [opts.slug])).rows[0];
  let owner = (await db.query<{ id: string; name: string }>(`SELECT id, name FROM users WHERE email = 'demo@gotong.example'`)).rows[0];
  let created = '';
  await db.transaction(async (tx) => {
    if (!owner) {
      const id = await createUser(tx, { name: 'Demo Admin', email: 'demo@gotong.example', password: DEMO_PASSWORD, locale: 'id' });
      owner = { id, name: 'Demo Admin' };
      created += `Sign in as demo@gotong.example / ${DEMO_PASSWORD}\n`;
    }
    if (!org) {
      org = { id: await createOrganization(tx, { name: 'Yayasan Gotong Royong (Demo)', slug: opts.slug, ownerId: owner.id, ownerName: owner.name, via: 'cli' }) };
      created += `Created organisation "${opts.slug}".\n`;
    } else await tx.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'owner') ON CONFLICT DO NOTHING`, [org.id, owner.id]);
  });
  const role: MemberRole = 'owner';
  const actor = { orgId: org.id, userId: owner.id, userName: owner.name, role, via: 'cli' as const };
  const thisYear = new Date().getUTCFullYear();
  const date = (year: number) => `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const nikFor = (village: string, sex: string, birth: string, serial: number) => {
    const [p, r, d] = village.split('.');
    const day = Number(birth.slice(8, 10)) + (sex === 'female' ? 40 : 0);
    return `${p}${r}${d}${String(day).padStart(2, '0')}${birth.slice(5, 7)}${birth.slice(2, 4)}${String(serial).padStart(4, '0')}`;
  };
  let people = 0;
  let households = 0;
  let serial = 1;
  await withTenant(db, org.id, async (tx) => {
    while (people < opts.people) {
      const village = pick(villages);
      const family = pick(FAMILY_NAMES);
      const headMale = rand() < 0.8;
      const headFirst = headMale ? pick(MALE_NAMES) : pick(FEMALE_NAMES);
      const kk = `${village.code.replaceAll('.', '').slice(0, 6)}${String(100000 + Math.floor(rand() * 899999))}${String(1000 + households).slice(-4)}`;
      const hh = await createHousehold(tx, deps, actor, {
        name: `Keluarga ${headFirst} ${family}`,
        kkNumber: kk.slice(0, 16),
        address: `RT 0${1 + Math.floor(rand() * 9)}/RW 0${1 + Math.floor(rand() * 9)}, ${village.name}`,
        areaCode: village.code,
        notes: null,
      });
      households++;
      const size = 1 + Math.floor(rand() * 5);
      const decile = 1 + Math.floor(rand() * 6);
      for (let i = 0; i < size && people < opts.people; i++) {
        const relationship = i === 0 ? 'head' : i === 1 ? 'spouse' : 'child';
        const sex = i === 0 ? (headMale ? 'male' : 'female') : i === 1 ? (headMale ? 'female' : 'male') : rand() < 0.5 ? 'male' : 'female';
        const first = i === 0 ? headFirst : sex === 'male' ? pick(MALE_NAMES) : pick(FEMALE_NAMES);
        const year = i < 2 ? thisYear - 25 - Math.floor(rand() * 45) : thisYear - Math.floor(rand() * 20);
        const birth = date(year);
        const withNik = thisYear - year >= 17 || rand() < 0.5;
        const roles = ['beneficiary', ...(rand() < 0.15 ? ['volunteer'] : []), ...(rand() < 0.1 ? ['member'] : [])];
        const answers = rand() < 0.08 ? { walking: 3 as const, seeing: 2 as const } : null;
        await createPerson(tx, deps, actor, {
          fullName: `${first} ${family}`,
          sex: sex as 'male' | 'female',
          birthDate: birth,
          nik: withNik ? nikFor(village.code, sex, birth, serial++) : null,
          phone: thisYear - year >= 17 && rand() < 0.7 ? `08${String(1100000000 + Math.floor(rand() * 899999999))}` : null,
          address: hh.address,
          areaCode: village.code,
          disability: answers,
          welfareDecile: decile,
          roles: roles as never,
          tags: rand() < 0.3 ? ['pkh'] : rand() < 0.2 ? ['posyandu'] : [],
          consent: { given: rand() < 0.85, purpose: 'Pendataan penerima manfaat program' },
          householdId: hh.id,
          relationship,
          confirmNikMismatch: true,
        } as never);
        people++;
      }
    }
  });
  return `${created}Loaded ${people} people in ${households} households into "${opts.slug}".`;
}
