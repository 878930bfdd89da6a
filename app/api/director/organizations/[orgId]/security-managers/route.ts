import { createSecurityManagerInput, listSecurityManagersQuery, organizationParams } from '@/lib/schemas/security-manager';
import { createSecurityManager, listSecurityManagers } from '@/lib/server/sci/security-managers';
import { jsonResponse, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', params: organizationParams, query: listSecurityManagersQuery }, ({ params, query }) =>
  listSecurityManagers(params.orgId, query),
);

export const POST = route({ role: 'admin', params: organizationParams, body: createSecurityManagerInput }, async ({ params, body }) =>
  jsonResponse(await createSecurityManager(params.orgId, body), 201),
);
