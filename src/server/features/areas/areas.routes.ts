import { z } from 'zod';
import type { App } from '../../app.ts';
import { requireOrg } from '../../platform/auth.ts';
import { notFound } from '../../platform/errors.ts';

const AreaSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(['province', 'regency', 'district', 'village']), parentCode: z.string().nullable() });

export async function areasRoutes(app: App) {
  const { areas } = app.services;
  app.get(
    '/api/areas',
    {
      schema: {
        tags: ['areas'],
        summary: 'Children of an area (provinces when no parent is given)',
        querystring: z.object({ parent: z.string().max(20).optional() }),
        response: { 200: z.object({ items: z.array(AreaSchema) }) },
      },
    },
    async (req) => {
      await requireOrg(req, 'people.read');
      return { items: areas.childrenOf(req.query.parent ?? null) };
    },
  );
  app.get(
    '/api/areas/:code',
    {
      schema: {
        tags: ['areas'],
        summary: 'One area with its parents (province first)',
        params: z.object({ code: z.string().max(20) }),
        response: { 200: z.object({ path: z.array(AreaSchema) }) },
      },
    },
    async (req) => {
      await requireOrg(req, 'people.read');
      const path = areas.path(req.params.code);
      if (!path.length || path[path.length - 1].code !== req.params.code) throw notFound();
      return { path };
    },
  );
}
