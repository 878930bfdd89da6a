import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../server';
import { verifyPassword } from './passwords';
import { call, ok, record, records, startTestSimulator, type Json } from './testing';

let sim: Simulator;
let org: Json;
let base: string;
let counter = 0;

beforeAll(async () => {
  sim = await startTestSimulator();
  const orgs = records(await ok(sim, 'GET', '/rest/mgmt/organization?fields=ldaps'));
  // An organization whose SCI has an LDAP server, so ldap users can be made there.
  org = record(orgs.find((o) => records(o.ldaps).length > 0));
  base = `/rest/organization/${String(org.id)}/securityManager`;
});
afterAll(async () => {
  await sim.close();
});

const ALL = 'fields=username,authType,password,role,group,ldap,ldapUsername,parent,preferences,email,passwordExpiration,mustChangePassword,managedUsersGroups,responsibleAsset';

function tnsBody(extra: Json = {}): Json {
  counter++;
  return { roleID: 2, username: `sm.test${counter}`, authType: 'tns', password: 'correct horse battery', ...extra };
}

async function refused(method: string, path: string, body: unknown, parameter: string): Promise<void> {
  const { status, envelope } = await call(sim, method, path, body);
  expect(status, envelope.error_msg).toBe(403);
  // 142 for a missing parameter, 146 for an invalid one, as public Tenable.sc clients show them.
  expect(envelope.error_code).toBe(envelope.error_msg.includes(': is required') ? 142 : 146);
  expect(envelope.response).toBe('');
  expect(envelope.error_msg).toContain(`Invalid parameter '${parameter}'`);
}

describe('GET security managers', () => {
  it('lists id, uuid, firstname, lastname and status without fields', async () => {
    const managers = records(await ok(sim, 'GET', base));
    expect(managers.length).toBeGreaterThan(0);
    for (const m of managers) expect(Object.keys(m).sort()).toEqual(['firstname', 'id', 'lastname', 'status', 'uuid']);
  });

  it('reaches the same list by organization uuid and the same manager by uuid', async () => {
    const orgUuid = sim.director.store.organizations.byId.get(Number(org.id))?.uuid ?? '';
    const byUuid = records(await ok(sim, 'GET', `/rest/organization/${orgUuid}/securityManager`));
    const byId = records(await ok(sim, 'GET', base));
    expect(byUuid).toEqual(byId);
    const first = record(byId[0]);
    const detail = record(await ok(sim, 'GET', `/rest/organization/${orgUuid}/securityManager/${String(first.uuid)}`));
    expect(detail.id).toBe(first.id);
    expect(detail).toHaveProperty('role');
    expect(detail).toHaveProperty('linkedUserRole');
  });

  it('answers 146 for an unknown organization and for a user who is not a manager there', async () => {
    const unknownOrg = await call(sim, 'GET', '/rest/organization/9999/securityManager');
    expect(unknownOrg.status).toBe(403);
    expect(unknownOrg.envelope).toMatchObject({ error_code: 146, error_msg: 'Organization #9999 not found' });
    const admin = record(records(await ok(sim, 'GET', '/rest/mgmt/user?orgID=0'))[0]);
    const notManager = await call(sim, 'GET', `${base}/${String(admin.id)}`);
    expect(notManager.envelope.error_code).toBe(146);
  });
});

describe('POST security manager', () => {
  it('creates a tns manager with the documented defaults, never echoing the password', async () => {
    const body = tnsBody();
    const { status, envelope } = await call(sim, 'POST', base, body);
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
    const sciTimezone = sim.director.store.scis.byId.get(Number(record(org.SCI).id))?.timezone;
    expect(created.preferences).toEqual([{ name: 'timezone', value: sciTimezone, tag: 'system' }]);

    const stored = sim.director.store.users.byId.get(Number(created.id))?.securityManager?.passwordHash ?? '';
    expect(stored).not.toContain('correct horse battery');
    expect(verifyPassword('correct horse battery', stored)).toBe(true);
    expect(verifyPassword('wrong horse battery', stored)).toBe(false);

    const asUser = record(await ok(sim, 'GET', `/rest/mgmt/user/${String(created.uuid)}`));
    expect(asUser).toMatchObject({ username: body.username, sciRoleID: '2', organization: { id: org.id } });
  });

  it('mirrors the username into ldapUsername for ldap users and needs an LDAP server', async () => {
    const ldapId = String(record(records(org.ldaps)[0]).id);
    const created = record(
      await ok(sim, 'POST', `${base}?${ALL}`, { roleID: 2, username: 'ldap.user1', authType: 'ldap', ldap: { id: ldapId } }),
    );
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
    const created = record(await ok(sim, 'POST', base, { roleID: 2, username: 'saml.user', authType: 'saml', password: 'ignored-pass' }));
    expect(created.password).toBe('');
    expect(sim.director.store.users.byId.get(Number(created.id))?.securityManager?.passwordHash).toBeNull();
  });

  it('creates linked users with a parent, and linked_non_admin only with the SM-Linked role', async () => {
    const admin = record(records(await ok(sim, 'GET', `/rest/mgmt/user?orgID=0&sciID=${String(record(org.SCI).id)}`))[0]);
    const linked = record(
      await ok(sim, 'POST', base, { roleID: 2, username: 'linked.user', authType: 'linked', parent: { id: admin.id } }),
    );
    expect(record(record(linked.parent).user)).toMatchObject({ id: admin.id, uuid: admin.uuid });
    expect(record(linked.linkedUserRole).name).toBe('SM-Linked');
    await refused('POST', base, { roleID: 2, username: 'nonadmin.user', authType: 'linked_non_admin' }, 'roleID');
    await ok(sim, 'POST', base, { roleID: 8, username: 'nonadmin.user', authType: 'linked_non_admin' });
    await refused('POST', base, { roleID: 2, username: 'linked.bad', authType: 'linked', parent: { id: 999999 } }, 'parent.id');
    const member = record(records(await ok(sim, 'GET', `/rest/mgmt/user?orgID=${String(org.id)}`))[0]);
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
    const created = record(await ok(sim, 'POST', `${base}?fields=email`, tnsBody({ emailNotice: 'id', email: 'sm@example.com' })));
    expect(created.email).toBe('sm@example.com');
    await ok(sim, 'POST', base, tnsBody({ emailNotice: 'none' }));
  });

  it('refuses a username already used on the SCI', async () => {
    const body = tnsBody();
    await ok(sim, 'POST', base, body);
    await refused('POST', base, { ...tnsBody(), username: String(body.username).toUpperCase() }, 'username');
  });

  it('takes a responsible asset by id or uuid, only from the organization\'s SCI', async () => {
    const sciId = String(record(org.SCI).id);
    const asset = record(records(await ok(sim, 'GET', `/rest/mgmt/asset?sciID=${sciId}`))[0]);
    const byId = record(await ok(sim, 'POST', `${base}?fields=responsibleAsset`, tnsBody({ responsibleAssetID: asset.id })));
    expect(record(byId.responsibleAsset)).toMatchObject({ id: asset.id, uuid: asset.uuid });
    const byUuid = record(await ok(sim, 'POST', `${base}?fields=responsibleAsset`, tnsBody({ responsibleAssetUUID: asset.uuid })));
    expect(record(byUuid.responsibleAsset).id).toBe(asset.id);
    const foreign = records(await ok(sim, 'GET', '/rest/mgmt/asset')).find((a) => record(a.SCI).id !== sciId);
    await refused('POST', base, tnsBody({ responsibleAssetID: foreign?.id }), 'responsibleAssetID');
  });
});

describe('PATCH security manager', () => {
  it('changes only what is given and re-hashes a new password', async () => {
    const created = record(await ok(sim, 'POST', base, tnsBody({ firstname: 'Ana' })));
    const before = sim.director.store.users.byId.get(Number(created.id))?.securityManager?.passwordHash;
    const patched = record(await ok(sim, 'PATCH', `${base}/${String(created.id)}`, { lastname: 'Silva', password: 'another long secret' }));
    expect(patched).toMatchObject({ firstname: 'Ana', lastname: 'Silva', password: 'SET', authType: 'tns' });
    expect(JSON.stringify(patched)).not.toContain('another long secret');
    const after = sim.director.store.users.byId.get(Number(created.id))?.securityManager?.passwordHash ?? '';
    expect(after).not.toBe(before);
    expect(verifyPassword('another long secret', after)).toBe(true);
    await refused('PATCH', `${base}/${String(created.id)}`, { password: 'short' }, 'password');
  });

  it('holds a PATCH to the POST rules (switching to tns from saml needs a password)', async () => {
    const saml = record(await ok(sim, 'POST', base, { roleID: 2, username: 'saml.switch', authType: 'saml' }));
    await refused('PATCH', `${base}/${String(saml.id)}`, { authType: 'tns' }, 'password');
    const switched = record(await ok(sim, 'PATCH', `${base}/${String(saml.id)}`, { authType: 'tns', password: 'long enough now' }));
    expect(switched).toMatchObject({ authType: 'tns', password: 'SET' });
  });

  it('refuses role, group, auth type, parent and password changes on a linked user', async () => {
    const linked = record(await ok(sim, 'POST', base, { roleID: 2, username: 'linked.patch', authType: 'linked' }));
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
    expect(record(await ok(sim, 'PATCH', path, { title: 'Regional lead' })).title).toBe('Regional lead');
  });

  it('answers 146 when patching a manager of another organization', async () => {
    const created = record(await ok(sim, 'POST', base, tnsBody()));
    const otherOrg = records(await ok(sim, 'GET', '/rest/mgmt/organization')).find((o) => o.id !== org.id);
    const { envelope } = await call(sim, 'PATCH', `/rest/organization/${String(otherOrg?.id)}/securityManager/${String(created.id)}`, {
      title: 'x',
    });
    expect(envelope.error_code).toBe(146);
  });
});

describe('DELETE security manager', () => {
  async function scanOwnedBy(userUuid: string): Promise<Json> {
    const sciId = String(record(org.SCI).id);
    const first = async (kind: string) => record(records(await ok(sim, 'GET', `/rest/mgmt/${kind}?sciID=${sciId}`))[0]);
    return record(
      await ok(sim, 'POST', '/rest/mgmt/scan', {
        name: 'Owned scan',
        sciID: sciId,
        userUUID: userUuid,
        repositoryUUID: (await first('repository')).uuid,
        policyUUID: (await first('policy')).uuid,
      }),
    );
  }

  it('moves the deleted manager\'s scans to migrateUserID, then the manager is gone', async () => {
    const leaving = record(await ok(sim, 'POST', base, tnsBody()));
    const heir = record(await ok(sim, 'POST', base, tnsBody()));
    const scan = await scanOwnedBy(String(leaving.uuid));
    const { status, envelope } = await call(sim, 'DELETE', `${base}/${String(leaving.id)}`, { migrateUserID: heir.id });
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ error_code: 0, response: '' });
    const moved = record(await ok(sim, 'GET', `/rest/mgmt/scan/${String(scan.id)}?fields=owner,creator`));
    expect(moved).toMatchObject({ ownerUUID: heir.uuid, creatorUUID: heir.uuid });
    expect((await call(sim, 'GET', `${base}/${String(leaving.id)}`)).envelope.error_code).toBe(146);
    expect((await call(sim, 'GET', `/rest/mgmt/user/${String(leaving.id)}`)).envelope.error_code).toBe(146);
  });

  it('takes migrateUserUUID too, and without an heir the owned scans go with the user', async () => {
    const leaving = record(await ok(sim, 'POST', base, tnsBody()));
    const heir = record(await ok(sim, 'POST', base, tnsBody()));
    const kept = await scanOwnedBy(String(leaving.uuid));
    await ok(sim, 'DELETE', `${base}/${String(leaving.uuid)}`, { migrateUserUUID: heir.uuid });
    expect(record(await ok(sim, 'GET', `/rest/mgmt/scan/${String(kept.id)}?fields=owner`)).ownerUUID).toBe(heir.uuid);

    const dropped = await scanOwnedBy(String(heir.uuid));
    await ok(sim, 'DELETE', `${base}/${String(heir.id)}`);
    expect((await call(sim, 'GET', `/rest/mgmt/scan/${String(dropped.id)}`)).envelope.error_code).toBe(146);
  });

  it('refuses an heir from another organization or the user itself, deleting nothing', async () => {
    const leaving = record(await ok(sim, 'POST', base, tnsBody()));
    const outsider = records(await ok(sim, 'GET', '/rest/mgmt/user')).find(
      (u) => record(u.organization).id !== org.id && record(u.organization).id !== '0',
    );
    await refused('DELETE', `${base}/${String(leaving.id)}`, { migrateUserID: outsider?.id }, 'migrateUserID');
    await refused('DELETE', `${base}/${String(leaving.id)}`, { migrateUserID: leaving.id }, 'migrateUserID');
    await refused('DELETE', `${base}/${String(leaving.id)}`, { migrateUserUUID: '00000000-0000-4000-8000-000000000000' }, 'migrateUserUUID');
    expect(record(await ok(sim, 'GET', `${base}/${String(leaving.id)}`)).id).toBe(leaving.id);
  });
});
