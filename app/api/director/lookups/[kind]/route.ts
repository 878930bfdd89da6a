import { z } from 'zod';
import { lookupKinds, sciScopedQuery } from '@/lib/schemas/lookup';
import { listLookup } from '@/lib/server/director/lookups';
import { AppError } from '@/lib/server/errors';
import { route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

const lookupParams = z.object({ kind: z.string() });

export const GET = route({ role: 'viewer', params: lookupParams, query: sciScopedQuery }, async ({ params, query }) => {
  const kind = z.enum(lookupKinds).safeParse(params.kind);
  if (!kind.success) throw new AppError(404, 'not_found', `No lookup called ${JSON.stringify(params.kind.slice(0, 40))}.`);
  return listLookup(kind.data, query.sciId);
});
