import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUser, loadUsers } from './users-file';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scandeck-users-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hash = 'scrypt$16384$8$1$AAAA$BBBB';

describe('users file', () => {
  it('reads users and re-reads when the file changes', async () => {
    const file = join(dir, 'users.json');
    await writeFile(file, JSON.stringify({ users: [{ username: 'ada', role: 'admin', passwordHash: hash }] }));
    expect((await findUser(file, 'ada'))?.role).toBe('admin');
    expect(await findUser(file, 'bob')).toBeUndefined();

    await writeFile(
      file,
      JSON.stringify({
        users: [
          { username: 'ada', role: 'viewer', passwordHash: hash },
          { username: 'bob', role: 'admin', passwordHash: hash },
        ],
      }),
    );
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    expect((await findUser(file, 'ada'))?.role).toBe('viewer');
    expect((await findUser(file, 'bob'))?.role).toBe('admin');
  });

  it('refuses a file with an unknown role, naming the problem', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ users: [{ username: 'eve', role: 'root', passwordHash: hash }] }));
    await expect(loadUsers(file)).rejects.toThrow(/invalid[\s\S]*role/);
  });
});
