import 'server-only';
import type { AuditOutcome } from '@/lib/schemas/audit';

// The trail stores what happened as data (the route's shape, the target's ids and the names learnt
// while serving it); the sentence a person reads is made from those at read time. So the hash chain
// covers the facts, an older entry reads in today's words, and nothing about a sentence is stored.

type Target = Record<string, string>;

/** One kind of action: its name in the filter, how to say it done ("Deleted") and tried ("delete"), and what it acted on. */
interface ActionKind {
  label: string;
  done: string;
  tried: string;
  object: (target: Target) => string;
}

const quoted = (name: string | undefined) => (name ? `'${name}'` : undefined);
/** Long ids (HSS task ids, uuids) are shortened as the tables show them; the Target column keeps them whole. */
const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);
const count = (n: string | undefined, one: string, many: string) => {
  const value = Number(n);
  return Number.isInteger(value) && value >= 0 ? `${value} ${value === 1 ? one : many}` : undefined;
};
/** "(SCI East)", or "(SCI 3)" when only its id is known. */
const sciOf = (target: Target) => (target.sciName ? ` (${target.sciName})` : target.sci ? ` (SCI ${target.sci})` : '');

function scan(target: Target): string {
  const name = quoted(target.name) ?? (target.id ? `#${target.id}` : 'a scan');
  return `scan ${name}${sciOf(target)}`;
}

function securityManager(target: Target): string {
  const who = quoted(target.username) ?? (target.id ? `#${target.id}` : '');
  const org = target.orgName ? ` of '${target.orgName}'` : target.orgId ? ` of organization #${target.orgId}` : '';
  return [`security manager${who ? ` ${who}` : ''}`, org, sciOf(target)].join('');
}

function hssTask(target: Target): string {
  return target.taskId ? `HSS task ${shortId(target.taskId)}` : 'an HSS task';
}

function scanTaskStart(target: Target): string {
  const hosts = target.scope === 'all' ? 'every host' : (count(target.hostCount, 'host', 'hosts') ?? 'chosen hosts');
  const types = target.vulTypes ? ` for ${target.vulTypes.replaceAll(',', ', ')}` : '';
  return `${hssTask(target)} on ${hosts}${types}`;
}

function rescan(target: Target): string {
  const which = target.scope === 'failed' ? 'the failed hosts' : (count(target.hostCount, 'host', 'hosts') ?? 'chosen hosts');
  return `${which} of ${hssTask(target)}`;
}

const view = (target: Target) => (target.name ? `view '${target.name}'` : target.id ? `view ${shortId(target.id)}` : 'a view');
const listPage = (target: Target) => (target.page ? ` of the ${target.page} list` : '');

const kinds: Record<string, ActionKind> = {
  'POST /api/director/scans': { label: 'Create scan', done: 'Created', tried: 'create', object: scan },
  'DELETE /api/director/scans/{id}': { label: 'Delete scan', done: 'Deleted', tried: 'delete', object: scan },
  'POST /api/director/organizations/{orgId}/security-managers': { label: 'Create security manager', done: 'Created', tried: 'create', object: securityManager },
  'PATCH /api/director/organizations/{orgId}/security-managers/{id}': {
    label: 'Change security manager',
    done: 'Changed',
    tried: 'change',
    object: securityManager,
  },
  'DELETE /api/director/organizations/{orgId}/security-managers/{id}': {
    label: 'Delete security manager',
    done: 'Deleted',
    tried: 'delete',
    object: securityManager,
  },
  'POST /api/hss/scan-tasks': { label: 'Start HSS scan', done: 'Started', tried: 'start', object: scanTaskStart },
  'PUT /api/hss/scan-tasks/{taskId}/rescan': { label: 'Rescan HSS hosts', done: 'Rescanned', tried: 'rescan', object: rescan },
  'POST /api/views': { label: 'Save view', done: 'Saved', tried: 'save', object: (t) => `${view(t)}${listPage(t)}` },
  'PATCH /api/views': { label: 'Choose default view', done: 'Chose', tried: 'choose', object: (t) => `the default view${listPage(t)}` },
  'DELETE /api/views/{id}': { label: 'Delete view', done: 'Deleted', tried: 'delete', object: view },
  'PUT /api/views/columns': { label: 'Choose columns', done: 'Chose', tried: 'choose', object: (t) => `the columns${listPage(t)}` },
  'POST /api/sessions/sign-out-everywhere': {
    label: 'Sign out everywhere',
    done: 'Signed out',
    tried: 'sign out',
    object: (t) => (t.username ? `'${t.username}' everywhere` : 'everywhere'),
  },
  'GET /api/audit': { label: 'Read audit trail', done: 'Read', tried: 'read', object: () => 'the audit trail' },
  'GET /api/audit/export': { label: 'Export audit trail', done: 'Exported', tried: 'export', object: () => 'the audit trail' },
  'GET /api/audit/chain': { label: 'Check audit chain', done: 'Checked', tried: 'check', object: () => "the audit trail's hash chain" },
};

function signIn(target: Target, outcome: AuditOutcome): string {
  const via = target.via === 'sso' ? ' with single sign-on' : '';
  if (outcome === 'success') return `Signed in${via}`;
  if (target.unknownUser) return `Tried to sign in${via} as an unknown user`;
  return `Tried to sign in${via}`;
}

function retention(target: Target): string {
  const removed = count(target.removed, 'entry', 'entries') ?? 'entries';
  const day = target.olderThan ? ` older than ${target.olderThan.slice(0, 10)}` : '';
  return `Removed ${removed}${day} from the trail (retention)`;
}

/**
 * "Deleted scan 'Weekly DMZ' (SCI East)": one sentence per entry, from its action, target and
 * outcome. A change that was refused, failed or got no answer reads "Tried to delete scan …".
 * An action this table does not know (a new route) reads as the route itself.
 */
export function describeAuditEntry(entry: { action: string; target: Target; outcome: AuditOutcome }): string {
  const { action, target, outcome } = entry;
  if (action === 'sign-in') return signIn(target, outcome);
  if (action === 'audit retention') return retention(target);
  const kind = kinds[action];
  if (!kind) return outcome === 'success' ? action : `Tried ${action}`;
  const object = kind.object(target);
  return outcome === 'success' ? `${kind.done} ${object}` : `Tried to ${kind.tried} ${object}`;
}

/** The filter's name of an action kind: "Delete scan", "Sign-in"; an unknown one is its route. */
export function auditActionLabel(action: string): string {
  if (action === 'sign-in') return 'Sign-in';
  if (action === 'audit retention') return 'Retention';
  return kinds[action]?.label ?? action;
}
