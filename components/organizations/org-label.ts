import type { OrgOption, Sci } from '@/lib/schemas/lookup';

// A module of its own: the scans and users filters need only this, and a module's other exports
// would ship with it to their first load.

/** Organizations of different SCIs often share a name; across all SCIs, say which one. */
export function orgLabel(org: OrgOption, sciId: number | undefined, scis: Sci[] | undefined): string {
  if (sciId !== undefined || org.sciId === undefined) return org.name;
  const sci = scis?.find((s) => s.id === org.sciId);
  return sci ? `${org.name} · ${sci.name}` : org.name;
}
