import 'server-only';
import { z } from 'zod';
import { organizationRowSchema, type OrganizationRow } from '@/lib/schemas/organization';
import { eachOf, listSchema, present, recordSchema } from '../read-log';
import { directorRecord, optionalInt, optionalTime, toRef, vendorNumber, vendorRef, vendorText, vendorPostalFields } from './records';

const optionalNumber = z.union([z.literal('').transform(() => undefined), vendorNumber]);

/**
 * The organization fields ScanDeck reads. Lists (`lces`, `repositories`, ...) are read element by
 * element, so one odd entry leaves the others.
 */
const organizationFields = {
  SCI: vendorRef,
  sciOrgID: optionalInt,
  name: vendorText,
  description: vendorText,
  email: vendorText,
  ...vendorPostalFields,
  ipInfoLinks: eachOf(z.object({ name: vendorText, link: vendorText })),
  zoneSelection: vendorText,
  restrictedIPs: vendorText,
  vulnScoreLow: optionalNumber,
  vulnScoreMedium: optionalNumber,
  vulnScoreHigh: optionalNumber,
  vulnScoreCritical: optionalNumber,
  vulnScoringSystem: vendorText,
  createdTime: optionalTime,
  modifiedTime: optionalTime,
  userCount: optionalInt,
  lces: eachOf(vendorRef),
  repositories: eachOf(vendorRef.extend({ type: vendorText.optional(), dataFormat: vendorText.optional(), groupAssign: vendorText.optional() })),
  zones: eachOf(vendorRef),
  nessusManagers: eachOf(vendorRef),
  pubSites: eachOf(vendorRef.extend({ type: vendorText.optional() })),
  ldaps: eachOf(vendorRef),
};

/** One Director organization → ScanDeck's row; undefined (noted) when it has no usable id. */
export const readOrganization = directorRecord('organization', organizationFields, (id, v): OrganizationRow => {
  // Director's names and forms that differ from ScanDeck's; every other field keeps its name.
  const { SCI, sciOrgID, restrictedIPs, lces, repositories, zones, nessusManagers, pubSites, ldaps, ...same } = v;
  const row: OrganizationRow = {
    id,
    ...same,
    sci: SCI && toRef(SCI),
    sciOrgId: sciOrgID,
    restrictedIps: restrictedIPs,
    lces: lces?.map(toRef),
    repositories: repositories?.map((r) => present({ ...toRef(r), type: r.type, dataFormat: r.dataFormat, groupAssign: r.groupAssign })),
    zones: zones?.map(toRef),
    nessusManagers: nessusManagers?.map(toRef),
    pubSites: pubSites?.map((p) => present({ ...toRef(p), type: p.type })),
    ldaps: ldaps?.map(toRef),
  };
  return organizationRowSchema.parse(present(row));
});

export const organizationListSchema = listSchema(readOrganization, 'director /mgmt/organization');
export const organizationRecordSchema = recordSchema(readOrganization, 'director /mgmt/organization/{id}');
