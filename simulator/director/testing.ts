import { request } from 'node:http';
import { z } from 'zod';
import { startSimulator, type Simulator } from '../server';

/** Helpers for tests that talk to a real simulator over HTTP. */
export const ACCESS_KEY = 'test-access';
export const SECRET_KEY = 'test-secret';
export const FIXED_NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const API_KEY_HEADER = `accesskey=${ACCESS_KEY}; secretkey=${SECRET_KEY};`;

export const envelopeSchema = z.object({
  type: z.literal('regular'),
  response: z.unknown(),
  error_code: z.number(),
  error_msg: z.string(),
  warnings: z.array(z.unknown()),
  timestamp: z.number(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export type Json = Record<string, unknown>;

export async function startTestSimulator(
  options: { seed?: number; size?: 'demo' | 'bench' | { users?: number; scans?: number }; now?: () => number } = {},
): Promise<Simulator> {
  return startSimulator({
    port: 0,
    seed: options.seed ?? 1,
    size: options.size ?? 'demo',
    now: options.now ?? (() => FIXED_NOW),
    director: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY },
    hss: { projectId: 'test-project', ak: 'test-ak', sk: 'test-sk' },
    iam: { domain: 'd', username: 'u', password: 'p', projectName: 'n', projectId: 'test-project' },
  });
}

export interface CallResult {
  status: number;
  envelope: Envelope;
}

/** Over node:http rather than fetch, because Director takes JSON bodies on GET too. */
export async function call(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { 'x-apikey': API_KEY_HEADER },
): Promise<CallResult> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${sim.url}${path}`,
      {
        method,
        headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
  return { status, envelope: envelopeSchema.parse(JSON.parse(text)) };
}

export function record(value: unknown): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`not an object: ${JSON.stringify(value)}`);
  return value as Json;
}

export function records(value: unknown): Json[] {
  if (!Array.isArray(value)) throw new Error(`not a list: ${JSON.stringify(value)}`);
  return value.map(record);
}

/** Succeeds with the response, or fails the test with the simulator's refusal. */
export async function ok(sim: Simulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const { status, envelope } = await call(sim, method, path, body);
  if (status !== 200 || envelope.error_code !== 0) {
    throw new Error(`${method} ${path} → ${status} ${envelope.error_code} ${envelope.error_msg}`);
  }
  return envelope.response;
}

/** Every leaf of a record is a string, except where the documents show otherwise. */
export function nonStringLeaves(value: unknown, path = ''): string[] {
  if (typeof value === 'string' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonStringLeaves(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    return Object.entries(value as Json).flatMap(([k, v]) => nonStringLeaves(v, path ? `${path}.${k}` : k));
  }
  return [path];
}
