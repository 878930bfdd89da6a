import 'server-only';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { isHttpUrl } from '../url';

/** The variable that names the file, quoted in every message about it. */
export const sciConnectionsVariable = 'SCI_CONNECTIONS_FILE';

/**
 * How ScanDeck reaches one Tenable.sc instance that Director federates. `id` is Director's SCI id
 * (`SCI.id` on an organization); every call to the instance uses the instance's own ids.
 */
export interface SciConnection {
  id: number;
  /** base URL without `/rest`, no trailing slash */
  url: string;
  accessKey: string;
  secretKey: string;
  caFile: string | undefined;
  /** the whole call, queue and retries included */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Tenable advises against parallel API use: calls in flight at once on this instance */
  maxConcurrency: number;
}

const connectionSchema = z
  .object({
    id: z.number({ error: "must be Director's SCI id (a number)" }).int().positive(),
    url: z
      .string({ error: 'required' })
      .trim()
      .refine(isHttpUrl, 'must be an http(s) URL')
      .refine((v) => !/\/rest\/?$/.test(v), 'must not end with /rest (it is added per call)'),
    accessKey: z.string({ error: 'required' }).trim().min(1, 'required'),
    secretKey: z.string({ error: 'required' }).trim().min(1, 'required'),
    caFile: z.string().trim().min(1).optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
    connectTimeoutMs: z.number().int().positive().max(600_000).optional(),
    maxConcurrency: z.number().int().positive().max(32).optional(),
  })
  .strict();

const fileSchema = z.object({ scis: z.array(z.unknown()).max(1000) }).strict();

export interface SciDefaults {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxConcurrency: number;
}

type Problem = { name: string; message: string };

/**
 * Reads and checks the connections file, adding every problem found to `problems` (so start-up
 * names them all at once). Like the users file it holds credentials: it is refused when group or
 * others may read it.
 */
export function readSciConnections(file: string, defaults: SciDefaults, problems: Problem[]): Map<number, SciConnection> {
  const connections = new Map<number, SciConnection>();
  const problem = (message: string, where = '') => problems.push({ name: `${sciConnectionsVariable}${where}`, message });
  let text: string;
  try {
    const info = statSync(file);
    if (!info.isFile()) {
      problem(`${file} is not a file`);
      return connections;
    }
    if ((info.mode & 0o077) !== 0) {
      problem(`${file} holds API keys and must be readable by its owner only (chmod 600); it is ${(info.mode & 0o777).toString(8)}`);
      return connections;
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    problem(`${file} cannot be read (${code})`);
    return connections;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    problem(`${file} is not valid JSON`);
    return connections;
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    problem(`${file} must be {"scis": [ ... ]}`);
    return connections;
  }
  parsed.data.scis.forEach((entry, index) => {
    const result = connectionSchema.safeParse(entry);
    const where = `.scis[${index}]`;
    if (!result.success) {
      // Only the field names and our own messages: a value could be a key.
      for (const issue of result.error.issues) {
        const field = issue.path.map(String).join('.');
        problem(issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message, field ? `${where}.${field}` : where);
      }
      return;
    }
    const c = result.data;
    if (connections.has(c.id)) {
      problem(`SCI ${c.id} is listed twice`, `${where}.id`);
      return;
    }
    if (c.caFile !== undefined && !existsSync(c.caFile)) problem(`${c.caFile} does not exist`, `${where}.caFile`);
    connections.set(c.id, {
      id: c.id,
      url: c.url.replace(/\/+$/, ''),
      accessKey: c.accessKey,
      secretKey: c.secretKey,
      caFile: c.caFile,
      timeoutMs: c.timeoutMs ?? defaults.timeoutMs,
      connectTimeoutMs: c.connectTimeoutMs ?? defaults.connectTimeoutMs,
      maxConcurrency: c.maxConcurrency ?? defaults.maxConcurrency,
    });
  });
  return connections;
}
