// Adds or replaces a console user in the users file. The password is read from stdin so it never
// appears in shell history or the process list.
// Usage: npm run user:add -- --file users.json --username alice --role admin|viewer
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { roles } from '@/lib/schemas/common';
import { hashPassword } from '@/lib/server/password';
import { usernameSchema, usersFileSchema, type UsersFile } from '@/lib/server/users-file';
import { z } from 'zod';

const minPasswordLength = 10;

const argsSchema = z.object({
  file: z.string().min(1, '--file is required'),
  username: usernameSchema,
  role: z.enum(roles, { error: '--role must be admin or viewer' }),
});

async function readFirstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function readUsers(file: string): Promise<UsersFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return { users: [] };
    throw err;
  }
  const parsed = usersFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a valid users file:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { file: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' } },
    strict: true,
  });
  const args = argsSchema.safeParse(values);
  if (!args.success) {
    console.error(`user:add: ${z.prettifyError(args.error)}`);
    console.error('usage: npm run user:add -- --file F --username U --role admin|viewer  (password on stdin)');
    return 2;
  }
  const { file, username, role } = args.data;
  if (process.stdin.isTTY) process.stderr.write(`Password for ${username} (input is echoed; pipe it to hide it): `);
  const password = await readFirstLine();
  if (password.length < minPasswordLength) {
    console.error(`user:add: the password must be at least ${minPasswordLength} characters`);
    return 2;
  }
  const current = await readUsers(file);
  const existed = current.users.some((u) => u.username === username);
  const entry = { username, role, passwordHash: await hashPassword(password) };
  const users = existed ? current.users.map((u) => (u.username === username ? entry : u)) : [...current.users, entry];
  // Write beside the file and rename, so the server never reads a half-written file.
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
  console.log(`${existed ? 'replaced' : 'added'} user ${username} (${role}) in ${file}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`user:add: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
