import { deleteSecurityManagerInput, securityManagerParams, updateSecurityManagerInput } from '@/lib/schemas/security-manager';
import { deleteSecurityManager, getSecurityManager, updateSecurityManager } from '@/lib/server/sci/security-managers';
import { noContent, route } from '@/lib/server/route';

export const dynamic = 'force-dynamic';

export const GET = route({ role: 'viewer', params: securityManagerParams }, ({ params }) => getSecurityManager(params.orgId, params.id));

export const PATCH = route({ role: 'admin', params: securityManagerParams, body: updateSecurityManagerInput }, ({ params, body }) =>
  updateSecurityManager(params.orgId, params.id, body),
);

export const DELETE = route({ role: 'admin', params: securityManagerParams, body: deleteSecurityManagerInput }, async ({ params, body }) => {
  await deleteSecurityManager(params.orgId, params.id, body);
  return noContent();
});
