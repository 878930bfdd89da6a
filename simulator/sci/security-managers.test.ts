import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../director/passwords';
import { ACCESS_KEY, SECRET_KEY, call, ok, record, records, startTestSimulator, type CallResult, type Json } from '../director/testing';
import type { OrgRecord } from '../director/types';
import type { Simulator } from '../server';
import { sciKeysFor } from '.';

let sim: Simulator;
let org: OrgRecord;
let sciId: number;
let prefix: string;
let base: string;
let counter = 0;

beforeAll(async () => {
  sim = await startTestSimulator();
  // An organization whose SCI has an LDAP server and whose ids differ between Director and its SCI.
  org = [...sim.director.store.organizations.values()].find((o) => o.ldapIds.length > 0 && o.id !== o.sciOrgId)!;
  sciId = org.sciId;
  prefix = `/sci/${sciId}/rest`;
  base = `/organization/${org.sciOrgId}/securityManager`;
});
afterAll(async () => {
  await sim.close();
});

function sciHeaders(id = sciId): Record<string, string> {
  const keys = sciKeysFor({ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, id);
  return { 'x-apikey': `accesskey=${keys.accessKey}; secretkey=${keys.secretKey};` };
}
/** A call to the organization's SCI, with that SCI's key pair. */
const sci = (method: string, path: string, body?: unknown): Promise<CallResult> => call(sim, method, `${prefix}${path}`, body, sciHeaders());
async function sciOk(method: string, path: string, body?: unknown): Promise<unknown> {
  const { status, envelope } = await sci(method, path, body);
  if (status !== 200 || envelope.error_code !== 0) throw new Error(`${method} ${path} → ${status} ${envelope.error_code} ${envelope.error_msg}`);
  return envelope.response;
}
const stored = (uuid: unknown) => sim.director.store.users.byUuid.get(String(uuid));
const roleId = async (name: string) => String(records(await sciOk('GET', '/role')).find((r) => r.name === name)?.id);

const ALL =
  'fields=username,authType,password,role,group,ldap,ldapUsername,parent,preferences,email,passwordExpiration,mustChangePassword,managedUsersGroups,responsibleAsset';

function tnsBody(extra: Json = {}): Json {
  counter++;
  return { roleID: 2, username: `sm.test${counter}`, authType: 'tns', password: 'correct horse battery', ...extra };
}

async function refused(method: string, path: string, body: unknown, parameter: string): Promise<void> {
  const { status, envelope } = await sci(method, path, body);
  expect(status, envelope.error_msg).toBe(403);
  expect(envelope.error_code).toBeGreaterThan(0);
  expect(envelope.response).toBe('');
  expect(envelope.error_msg).toContain(`Invalid parameter '${parameter}'`);
}

describe('each SCI is its own Tenable.sc', () => {
  it('answers only under its own prefix with its own key pair', async () => {
    const other = [...sim.director.store.scis.values()].find((s) => s.id !== sciId)!;
    const wrongKey = await call(sim, 'GET', `${prefix}${base}`, undefined, sciHeaders(other.id));
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.envelope.error_code).toBeGreaterThan(0);
    const directorKey = await call(sim, 'GET', `${prefix}${base}`);
    expect(directorKey.status).toBe(403);
    expect((await sci('GET', base)).status).toBe(200);
  });

  it('has no security managers on Director', async () => {
    const { status, envelope } = await call(sim, 'GET', `/rest${base}`);
    expect(status).toBe(404);
    expect(envelope.error_code).toBeGreaterThan(0);
  });

  it('answers its roles, groups, LDAP servers, asset lists and users in its own ids', async () => {
    const roles = records(await sciOk('GET', '/role'));
    expect(roles.map((r) => r.name)).toEqual(expect.arrayContaining(['Administrator', 'Security Manager', 'SM-Linked']));
    const smLinked = new Set([...sim.director.store.scis.values()].map((s) => s.id % 2));
    expect(smLinked.size).toBe(2);
    expect(records(await sciOk('GET', `/group?orgID=${org.sciOrgId}`)).map((g) => g.name)).toContain('Full Access');
    const ldaps = records(await sciOk('GET', '/ldap'));
    expect(ldaps.map((l) => l.id)).toEqual(ldaps.map((_, i) => String(i + 1)));
    const assets = record(await sciOk('GET', '/asset'));
    expect(records(assets.usable).length).toBeGreaterThan(0);
    const admins = records(await sciOk('GET', '/user'));
    expect(admins.every((u) => record(u.organization).id === '0')).toBe(true);
    const members = records(await sciOk('GET', `/user?orgID=${org.sciOrgId}`));
    const directorMembers = [...(sim.director.store.usersByOrg.get(org.id) ?? [])].map((id) => sim.director.store.users.byId.get(id)!);
    expect(members.map((u) => u.id).sort()).toEqual(directorMembers.map((u) => String(u.sciUserId)).sort());
  });
});

describe('GET security managers', () => {
  it('lists id, uuid, firstname, lastname and status without fields', async () => {
    const managers = records(await sciOk('GET', base));
    expect(managers.length).toBeGreaterThan(0);
    for (const m of managers) expect(Object.keys(m).sort()).toEqual(['firstname', 'id', 'lastname', 'status', 'uuid']);
  });

  it('reaches the same list by organization uuid and the same manager by uuid', async () => {
    const byUuid = records(await sciOk('GET', `/organization/${org.uuid}/securityManager`));
    const byId = records(await sciOk('GET', base));
    expect(byUuid).toEqual(byId);
    const first = record(byId[0]);
    const detail = record(await sciOk('GET', `/organization/${org.uuid}/securityManager/${String(first.uuid)}`));
    expect(detail.id).toBe(first.id);
    expect(detail).toHaveProperty('role');
    expect(detail).toHaveProperty('linkedUserRole');
  });

  it('refuses an unknown organization, a Director organization id, and a user who is not a manager there', async () => {
    const unknownOrg = await sci('GET', '/organization/9999/securityManager');
    expect(unknownOrg.status).toBe(403);
    expect(unknownOrg.envelope).toMatchObject({ error_msg: 'Organization #9999 not found' });
    const sciOrgIds = new Set([...sim.director.store.organizations.values()].filter((o) => o.sciId === sciId).map((o) => o.sciOrgId));
    const directorOnly = [...sim.director.store.organizations.values()].find((o) => o.sciId === sciId && !sciOrgIds.has(o.id))!;
    expect((await sci('GET', `/organization/${directorOnly.id}/securityManager`)).envelope.error_msg).toMatch(/not found/);
    const admin = record(records(await sciOk('GET', '/user?orgID=0'))[0]);
    const notManager = await sci('GET', `${base}/${String(admin.id)}`);
    expect(notManager.envelope.error_msg).toMatch(/not found/);
  });
});

describe('POST security manager', () => {
  it('creates a tns manager with the documented defaults, never echoing the password', async () => {
    const body = tnsBody();
    const { status, envelope } = await sci('POST', base, body);
    expect(status).toBe(200);
    const created = record(envelope.response);
    expect(JSON.stringify(envelope)).not.toContain('correct horse battery');
    expect(created).toMatchObject({
      username: body.username,
      firstname: '',
      lastname: '',
      email: '',
      status: '0',
      authType: 'tns',
      password: 'SET',
      locked: 'false',
      mustChangePassword: 'false',
      passwordExpires: 'false',
      passwordExpiration: '90',
      passwordExpirationOverride: 'false',
      fingerprint: null,
      ldapUsername: '',
      role: { id: '2', name: 'Security Manager' },
      group: { id: '0', name: 'Full Access', description: 'Full Access group' },
      managedUsersGroups: [{ id: '-1', name: 'All Groups', description: 'All Groups' }],
      managedObjectsGroups: [{ id: '-1', name: 'All Groups', description: 'All Groups' }],
      canUse: true,
      canManage: true,
    });
    const sciTimezone = sim.director.store.scis.byId.get(sciId)?.timezone;
    expect(created.preferences).toEqual([{ name: 'timezone', value: sciTimezone, tag: 'system' }]);

    const hash = stored(created.uuid)?.securityManager?.passwordHash ?? '';
    expect(hash).not.toContain('correct horse battery');
    expect(verifyPassword('correct horse battery', hash)).toBe(true);
    expect(verifyPassword('wrong horse battery', hash)).toBe(false);
    expect(created.id).toBe(String(stored(created.uuid)?.sciUserId));

    // Director federates the SCI: the new manager is in its user list, under Director's own ids.
    const asUser = record(await ok(sim, 'GET', `/rest/mgmt/user/${String(created.uuid)}`));
    expect(asUser).toMatchObject({ username: body.username, sciRoleID: '2', sciUserID: created.id, organization: { id: String(org.id) } });
    expect(asUser.id).not.toBe(created.id);
  });

  it('mirrors the username into ldapUsername for ldap users and needs an LDAP server', async () => {
    const ldapId = String(record(records(await sciOk('GET', '/ldap'))[0]).id);
    const created = record(await sciOk('POST', `${base}?${ALL}`, { roleID: 2, username: 'ldap.user1', authType: 'ldap', ldap: { id: ldapId } }));
    expect(created).toMatchObject({ authType: 'ldap', ldapUsername: 'ldap.user1', password: '', ldap: { id: ldapId } });
    await refused('POST', base, { roleID: 2, username: 'ldap.user2', authType: 'ldap' }, 'ldap.id');
    await refused('POST', base, { roleID: 2, username: 'ldap.user3', authType: 'ldap', ldap: { id: 99999 } }, 'ldap.id');
    await refused(
      'POST',
      base,
      { roleID: 2, username: 'ldap.user4', authType: 'ldap', ldap: { id: ldapId }, mustChangePassword: 'true' },
      'mustChangePassword',
    );
  });

  it('creates saml users without a password', async () => {
    const created = record(await sciOk('POST', base, { roleID: 2, username: 'saml.user', authType: 'saml', password: 'ignored-pass' }));
    expect(created.password).toBe('');
    expect(stored(created.uuid)?.securityManager?.passwordHash).toBeNull();
  });

  it('creates linked users with a parent, and linked_non_admin only with the SM-Linked role', async () => {
    const admin = record(records(await sciOk('GET', '/user'))[0]);
    const smLinked = await roleId('SM-Linked');
    const linked = record(await sciOk('POST', base, { roleID: 2, username: 'linked.user', authType: 'linked', parent: { id: admin.id } }));
    expect(record(record(linked.parent).user)).toMatchObject({ id: admin.id, uuid: admin.uuid });
    expect(record(linked.linkedUserRole).name).toBe('SM-Linked');
    await refused('POST', base, { roleID: 2, username: 'nonadmin.user', authType: 'linked_non_admin' }, 'roleID');
    await sciOk('POST', base, { roleID: smLinked, username: 'nonadmin.user', authType: 'linked_non_admin' });
    await refused('POST', base, { roleID: 2, username: 'linked.bad', authType: 'linked', parent: { id: 999999 } }, 'parent.id');
    const member = record(records(await sciOk('GET', `/user?orgID=${org.sciOrgId}`))[0]);
    await refused('POST', base, { roleID: 2, username: 'linked.member', authType: 'linked', parent: { id: member.id } }, 'parent.id');
  });

  it('refuses missing required fields, bad passwords and bad enums', async () => {
    for (const key of ['roleID', 'username', 'authType']) {
      const body = tnsBody();
      delete body[key];
      await refused('POST', base, body, key);
    }
    await refused('POST', base, tnsBody({ password: undefined }), 'password');
    await refused('POST', base, tnsBody({ password: 'short' }), 'password');
    await refused('POST', base, tnsBody({ passwordExpiration: 0 }), 'passwordExpiration');
    await refused('POST', base, tnsBody({ passwordExpiration: '366' }), 'passwordExpiration');
    await refused('POST', base, tnsBody({ authType: 'kerberos' }), 'authType');
    await refused('POST', base, tnsBody({ roleID: 1 }), 'roleID');
    await refused('POST', base, tnsBody({ locked: 'maybe' }), 'locked');
    await refused('POST', base, tnsBody({ emailNotice: 'sometimes' }), 'emailNotice');
    await refused('POST', base, tnsBody({ managedUsersGroups: [{ id: 42 }] }), 'managedUsersGroups');
    await refused('POST', base, tnsBody({ preferences: [{ value: 'x' }] }), 'preferences.name');
  });

  it('needs a valid email when emailNotice asks for mail', async () => {
    await refused('POST', base, tnsBody({ emailNotice: 'both' }), 'email');
    await refused('POST', base, tnsBody({ emailNotice: 'password', email: 'not-an-email' }), 'email');
    const created = record(await sciOk('POST', `${base}?fields=email`, tnsBody({ emailNotice: 'id', email: 'sm@example.com' })));
    expect(created.email).toBe('sm@example.com');
    await sciOk('POST', base, tnsBody({ emailNotice: 'none' }));
  });

  it('refuses a username already used on the SCI', async () => {
    const body = tnsBody();
    await sciOk('POST', base, body);
    await refused('POST', base, { ...tnsBody(), username: String(body.username).toUpperCase() }, 'username');
  });

  it("takes a responsible asset by id or uuid, only from the organization's SCI", async () => {
    const asset = record(records(record(await sciOk('GET', '/asset')).usable).at(-1));
    const byId = record(await sciOk('POST', `${base}?fields=responsibleAsset`, tnsBody({ responsibleAssetID: asset.id })));
    expect(record(byId.responsibleAsset)).toMatchObject({ id: asset.id, uuid: asset.uuid });
    const byUuid = record(await sciOk('POST', `${base}?fields=responsibleAsset`, tnsBody({ responsibleAssetUUID: asset.uuid })));
    expect(record(byUuid.responsibleAsset).id).toBe(asset.id);
    await refused('POST', base, tnsBody({ responsibleAssetID: 9999 }), 'responsibleAssetID');
  });
});

describe('PATCH security manager', () => {
  it('changes only what is given and re-hashes a new password', async () => {
    const created = record(await sciOk('POST', base, tnsBody({ firstname: 'Ana' })));
    const before = stored(created.uuid)?.securityManager?.passwordHash;
    const patched = record(await sciOk('PATCH', `${base}/${String(created.id)}`, { lastname: 'Silva', password: 'another long secret' }));
    expect(patched).toMatchObject({ firstname: 'Ana', lastname: 'Silva', password: 'SET', authType: 'tns' });
    expect(JSON.stringify(patched)).not.toContain('another long secret');
    const after = stored(created.uuid)?.securityManager?.passwordHash ?? '';
    expect(after).not.toBe(before);
    expect(verifyPassword('another long secret', after)).toBe(true);
    await refused('PATCH', `${base}/${String(created.id)}`, { password: 'short' }, 'password');
  });

  it('holds a PATCH to the POST rules (switching to tns from saml needs a password)', async () => {
    const saml = record(await sciOk('POST', base, { roleID: 2, username: 'saml.switch', authType: 'saml' }));
    await refused('PATCH', `${base}/${String(saml.id)}`, { authType: 'tns' }, 'password');
    const switched = record(await sciOk('PATCH', `${base}/${String(saml.id)}`, { authType: 'tns', password: 'long enough now' }));
    expect(switched).toMatchObject({ authType: 'tns', password: 'SET' });
  });

  it('refuses role, group, auth type, parent and password changes on a linked user', async () => {
    const linked = record(await sciOk('POST', base, { roleID: 2, username: 'linked.patch', authType: 'linked' }));
    const path = `${base}/${String(linked.id)}`;
    const refusedChanges: Json = {
      roleID: 2,
      groupID: 0,
      authType: 'tns',
      parent: { id: -1 },
      password: 'a long password',
      mustChangePassword: 'false',
      passwordExpires: 'true',
      passwordExpirationOverride: 'false',
    };
    for (const [key, value] of Object.entries(refusedChanges)) await refused('PATCH', path, { [key]: value }, key);
    expect(record(await sciOk('PATCH', path, { title: 'Regional lead' })).title).toBe('Regional lead');
  });

  it('refuses patching a manager through another organization of the SCI', async () => {
    const created = record(await sciOk('POST', base, tnsBody()));
    const otherOrg = [...sim.director.store.organizations.values()].find((o) => o.sciId === sciId && o.id !== org.id)!;
    const { envelope } = await sci('PATCH', `/organization/${otherOrg.sciOrgId}/securityManager/${String(created.id)}`, { title: 'x' });
    expect(envelope.error_msg).toMatch(/not found/);
  });
});

describe('DELETE security manager', () => {
  async function scanOwnedBy(userUuid: string): Promise<Json> {
    const first = async (kind: string) => record(records(await ok(sim, 'GET', `/rest/mgmt/${kind}?sciID=${sciId}`))[0]);
    return record(
      await ok(sim, 'POST', '/rest/mgmt/scan', {
        name: 'Owned scan',
        sciID: String(sciId),
        userUUID: userUuid,
        repositoryUUID: (await first('repository')).uuid,
        policyUUID: (await first('policy')).uuid,
      }),
    );
  }

  it("moves the deleted manager's scans to migrateUserID, then the manager is gone", async () => {
    const leaving = record(await sciOk('POST', base, tnsBody()));
    const heir = record(await sciOk('POST', base, tnsBody()));
    const scan = await scanOwnedBy(String(leaving.uuid));
    const { status, envelope } = await sci('DELETE', `${base}/${String(leaving.id)}`, { migrateUserID: heir.id });
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ error_code: 0, response: '' });
    const moved = record(await ok(sim, 'GET', `/rest/mgmt/scan/${String(scan.id)}?fields=owner,creator`));
    expect(moved).toMatchObject({ ownerUUID: heir.uuid, creatorUUID: heir.uuid });
    expect((await sci('GET', `${base}/${String(leaving.id)}`)).envelope.error_msg).toMatch(/not found/);
    expect((await call(sim, 'GET', `/rest/mgmt/user/${String(leaving.uuid)}`)).envelope.error_msg).toMatch(/not found/);
  });

  it('takes migrateUserUUID too, and without an heir the owned scans go with the user', async () => {
    const leaving = record(await sciOk('POST', base, tnsBody()));
    const heir = record(await sciOk('POST', base, tnsBody()));
    const kept = await scanOwnedBy(String(leaving.uuid));
    await sciOk('DELETE', `${base}/${String(leaving.uuid)}`, { migrateUserUUID: heir.uuid });
    expect(record(await ok(sim, 'GET', `/rest/mgmt/scan/${String(kept.id)}?fields=owner`)).ownerUUID).toBe(heir.uuid);

    const dropped = await scanOwnedBy(String(heir.uuid));
    await sciOk('DELETE', `${base}/${String(heir.id)}`);
    expect((await call(sim, 'GET', `/rest/mgmt/scan/${String(dropped.id)}`)).envelope.error_msg).toMatch(/not found/);
  });

  it('refuses an heir from another organization or the user itself, deleting nothing', async () => {
    const leaving = record(await sciOk('POST', base, tnsBody()));
    const otherOrg = [...sim.director.store.organizations.values()].find((o) => o.sciId === sciId && o.id !== org.id)!;
    const outsider = records(await sciOk('GET', `/user?orgID=${otherOrg.sciOrgId}`))[0];
    await refused('DELETE', `${base}/${String(leaving.id)}`, { migrateUserID: outsider?.id }, 'migrateUserID');
    await refused('DELETE', `${base}/${String(leaving.id)}`, { migrateUserID: leaving.id }, 'migrateUserID');
    await refused('DELETE', `${base}/${String(leaving.id)}`, { migrateUserUUID: '00000000-0000-4000-8000-000000000000' }, 'migrateUserUUID');
    expect(record(await sciOk('GET', `${base}/${String(leaving.id)}`)).id).toBe(leaving.id);
  });
});
