import 'server-only';
import { z } from 'zod';
import { organizationRowSchema, type OrganizationRow } from '@/lib/schemas/organization';
import { eachOf, listSchema, present, recordSchema } from '../read-log';
import { directorRecord, optionalInt, optionalTime, toRef, vendorNumber, vendorRef, vendorText } from './records';

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
  address: vendorText,
  city: vendorText,
  state: vendorText,
  country: vendorText,
  phone: vendorText,
  fax: vendorText,
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
  const row: OrganizationRow = {
    id,
    sci: v.SCI && toRef(v.SCI),
    sciOrgId: v.sciOrgID,
    name: v.name,
    description: v.description,
    email: v.email,
    address: v.address,
    city: v.city,
    state: v.state,
    country: v.country,
    phone: v.phone,
    fax: v.fax,
    ipInfoLinks: v.ipInfoLinks,
    zoneSelection: v.zoneSelection,
    restrictedIps: v.restrictedIPs,
    vulnScoreLow: v.vulnScoreLow,
    vulnScoreMedium: v.vulnScoreMedium,
    vulnScoreHigh: v.vulnScoreHigh,
    vulnScoreCritical: v.vulnScoreCritical,
    vulnScoringSystem: v.vulnScoringSystem,
    createdTime: v.createdTime,
    modifiedTime: v.modifiedTime,
    userCount: v.userCount,
    lces: v.lces?.map(toRef),
    repositories: v.repositories?.map((r) => present({ ...toRef(r), type: r.type, dataFormat: r.dataFormat, groupAssign: r.groupAssign })),
    zones: v.zones?.map(toRef),
    nessusManagers: v.nessusManagers?.map(toRef),
    pubSites: v.pubSites?.map((p) => present({ ...toRef(p), type: p.type })),
    ldaps: v.ldaps?.map(toRef),
  };
  return organizationRowSchema.parse(present(row));
});

export const organizationListSchema = listSchema(readOrganization, 'director /mgmt/organization');
export const organizationRecordSchema = recordSchema(readOrganization, 'director /mgmt/organization/{id}');
