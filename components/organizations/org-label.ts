import type { OrgOption, Sci } from '@/lib/schemas/lookup';

// Apart from organization-format.ts: the scans and users lists name organizations in their
// filters, and need none of the organization pages' labels with it (they are at their budget).

/** Organizations of different SCIs often share a name; across all SCIs, say which one. */
export function orgLabel(org: OrgOption, sciId: number | undefined, scis: Sci[] | undefined): string {
  if (sciId !== undefined || org.sciId === undefined) return org.name;
  const sci = scis?.find((s) => s.id === org.sciId);
  return sci ? `${org.name} · ${sci.name}` : org.name;
}
