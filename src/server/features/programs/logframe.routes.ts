import { z } from 'zod';
import type { App } from '../../app.ts';
import { localeOf, requireOrg } from '../../platform/auth.ts';
import { audit } from '../../platform/audit.ts';
import { withTenant } from '../../platform/context.ts';
import { sendDownload } from '../../platform/files.ts';
import { orgToday } from '../../platform/org.service.ts';
import { listIndicators } from './indicators.service.ts';
import { logframePdf, logframeXlsx } from './logframe.files.ts';
import { buildLogframe, logframeFileName } from './logframe.ts';
import { getProgram } from './programs.service.ts';
import { getFramework } from './results.service.ts';

const Params = z.object({ id: z.uuid() });
const Query = z.object({
  /** Headers and level names in this language instead of Accept-Language (a browser download sends the browser's). */
  lang: z.enum(['id', 'en']).optional(),
});

const CONTENT_TYPE = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

/** A program's results framework as a logframe matrix (issue 4), XLSX or PDF; every download is audited. */
export async function logframeRoutes(app: App) {
  const deps = app.services;

  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(
      `/api/programs/:id/logframe.${format}`,
      {
        // A HEAD request must not write an audit entry.
        exposeHeadRoute: false,
        schema: {
          tags: ['programs'],
          summary: `Download the program's results framework as a logframe matrix (${format === 'xlsx' ? 'XLSX, one sheet' : 'PDF, landscape A4'}): level, code, statement, indicators with baseline and overall target, means of verification, assumptions; audited`,
          params: Params,
          querystring: Query,
        },
      },
      async (req, reply) => {
        const actor = requireOrg(req, 'programs.read');
        const locale = req.query.lang ?? localeOf(req);
        const data = await withTenant(deps.db, actor.orgId, async (tx) => {
          const program = await getProgram(tx, deps, actor.orgId, req.params.id);
          const { items: results } = await getFramework(tx, actor.orgId, program.id);
          const { items: indicators } = await listIndicators(tx, actor.orgId, program.id);
          const today = await orgToday(tx, actor.orgId);
          const { rows } = await tx.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [actor.orgId]);
          // on the program: its history shows who took its logframe, and when
          await audit(tx, actor, { action: 'export', entityType: 'program', entityId: program.id, after: { document: 'logframe', format, lang: locale, count: results.length, indicators: indicators.length } });
          return { program, results, indicators, today, organisation: rows[0]?.name ?? null };
        });
        const lf = buildLogframe({ ...data, locale });
        const body = format === 'xlsx' ? await logframeXlsx(lf) : await logframePdf(lf);
        return sendDownload(reply, CONTENT_TYPE[format], logframeFileName(data.program.name, data.today, format), body);
      },
    );
  }
}
