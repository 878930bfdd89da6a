import 'server-only';
import { z } from 'zod';
import type { SecurityManagerFormContext, SciConnectionState } from '@/lib/schemas/security-manager';
import { createTtlCache } from '../cache';
import { toRef, vendorInt, vendorRef, vendorText } from '../director/records';
import { directorFetch } from '../director/transport';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { noteAuditTarget } from '../request-context';
import { sciConnectionsVariable, type SciConnection } from './connections';
import { processSingleton } from '../process-singletons';

/** Director's organization: its name, its SCI and its id on that SCI (`sciOrgID`, the document's field). */
const vendorOrganization = z.object({
  id: vendorInt,
  name: vendorText.optional().default(''),
  SCI: vendorRef.nullable().optional().catch(undefined),
  sciOrgID: vendorInt.optional().catch(undefined),
});
type VendorOrganization = z.output<typeof vendorOrganization>;

function organizationCache() {
  return processSingleton('cache.sciOrganizations', () => createTtlCache({ ttlMs: getEnv().director.cacheTtlMs, name: 'sci-organizations' }));
}

function readOrganization(orgId: string): Promise<VendorOrganization> {
  return organizationCache().get(orgId, () =>
    directorFetch({
      path: `/mgmt/organization/${encodeURIComponent(orgId)}`,
      query: { fields: 'name,sci,sciOrganization' },
      schema: vendorOrganization,
    }),
  );
}

function connectionState(org: VendorOrganization): { state: SciConnectionState; connection?: SciConnection } {
  const sciId = org.SCI?.id ?? null;
  const notConnected = (reason: string): { state: SciConnectionState } => ({
    state: { status: 'not_connected', sciId, setting: sciConnectionsVariable, reason },
  });
  if (sciId === null) return notConnected('Director names no Tenable.sc instance (SCI) for this organization.');
  if (org.sciOrgID === undefined) return notConnected(`Director does not say which organization of SCI ${sciId} this is (no sciOrgID).`);
  const connection = getEnv().scis.connections.get(sciId);
  if (!connection) {
    return notConnected(
      `Security managers live on SCI ${sciId}${org.SCI?.name ? ` (${org.SCI.name})` : ''}, and ScanDeck has no connection to it. ` +
        `Add an entry with "id": ${sciId}, its URL and an administrator's API key pair to the file named by ${sciConnectionsVariable}, then restart ScanDeck.`,
    );
  }
  return { state: { status: 'connected', sciId }, connection };
}

/** Where the organization's security managers are: its SCI, and its own id there. */
export interface ConnectedOrganization {
  id: number;
  sciOrgId: number;
  connection: SciConnection;
}

/**
 * Resolves Director's organization to the SCI that holds it. An organization whose SCI has no
 * connection is refused here (409), so nothing is sent to any SCI, nor to Director in its place.
 * The audit trail records the SCI a change went to.
 */
export async function connectedOrganization(orgId: string, purpose: 'read' | 'change'): Promise<ConnectedOrganization> {
  const org = await readOrganization(orgId);
  const { state, connection } = connectionState(org);
  if (state.sciId !== null) {
    noteAuditTarget({
      sci: String(state.sciId),
      ...(org.SCI?.name ? { sciName: org.SCI.name } : {}),
      ...(org.name ? { orgName: org.name } : {}),
      ...(org.sciOrgID === undefined ? {} : { sciOrgId: String(org.sciOrgID) }),
    });
  }
  if (!connection || org.sciOrgID === undefined || state.status !== 'connected') {
    const reason = state.status === 'not_connected' ? state.reason : '';
    const what = purpose === 'change' ? 'Nothing was changed: ' : '';
    throw new AppError(409, 'sci_not_connected', `${what}${reason}`);
  }
  return { id: org.id, sciOrgId: org.sciOrgID, connection };
}

/** The organization's name and SCI, and whether its security managers can be managed from here. */
export async function getSecurityManagerFormContext(orgId: string): Promise<SecurityManagerFormContext> {
  const org = await readOrganization(orgId);
  return {
    organization: { id: org.id, name: org.name, sci: org.SCI ? toRef(org.SCI) : null, sciOrgId: org.sciOrgID ?? null },
    connection: connectionState(org).state,
  };
}
