import 'server-only';
import pino, { type Logger } from 'pino';
import { getEnv, secretValuesOf } from './env';

/**
 * The server's one logger: JSON lines on stdout (pino), one object per event, for whatever collects
 * the container's output. Nothing here reads a request body; on top of that, two guards keep secrets
 * out: fields whose name says secret are censored wherever they sit, and every line is scrubbed of
 * the configured credentials' values (see `setLogSecrets`) before it is written.
 */

const censor = '[redacted]';
const secretFieldNames = [
  'password',
  'passwd',
  'secret',
  'token',
  'accessKey',
  'secretKey',
  'apiKey',
  'apikey',
  'authorization',
  'cookie',
  'set-cookie',
  'x-apikey',
  'ak',
  'sk',
];

/** Censored at the top level, one and two levels down, and under `headers` at any of those. */
const redactPaths = secretFieldNames.flatMap((name) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : `["${name}"]`;
  const at = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, at('*'), at('*.*'), at('headers'), at('*.headers')];
});

const globalKey = Symbol.for('scandeck.log');
interface LogHolder {
  /** `secrets` stays undefined until the configuration could be read */
  [globalKey]?: { logger: Logger; sink?: (line: string) => void; secrets?: string[] };
}

function state() {
  const holder = globalThis as LogHolder;
  holder[globalKey] ??= { logger: createLogger() };
  return holder[globalKey];
}

function secrets(): string[] {
  const s = state();
  if (s.secrets) return s.secrets;
  try {
    setLogSecrets(secretValuesOf(getEnv()));
  } catch {
    // A configuration that does not parse holds no credential this process will use; the start-up
    // check is about to say so and stop.
    return [];
  }
  return s.secrets ?? [];
}

function escapeForJson(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** Replaces every configured secret value (raw and as JSON escapes it) in one serialised line. */
function scrub(line: string): string {
  let out = line;
  for (const secret of secrets()) {
    if (out.includes(secret)) out = out.split(secret).join(censor);
    const escaped = escapeForJson(secret);
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(censor);
  }
  return out;
}

function createLogger(): Logger {
  // Lines go to stdout unless a test captures them; resolved at each write so a capture takes effect at once.
  const destination = {
    write(line: string) {
      const sink = (globalThis as LogHolder)[globalKey]?.sink;
      if (sink) sink(line);
      else process.stdout.write(line);
    },
  };
  return pino(
    {
      base: { service: 'scandeck' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: redactPaths, censor },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}

/** The process's logger (one per process, however many route bundles load this module). */
export function logger(): Logger {
  return state().logger;
}

/**
 * The credentials this process holds (keys, secrets, passwords of the configuration): any line that
 * would carry one has it replaced. Values shorter than 8 characters are left out, since replacing
 * them would shred ordinary words without protecting anything a guess could not find.
 */
export function setLogSecrets(values: Iterable<string | undefined>): void {
  const unique = new Set<string>();
  for (const value of values) if (value && value.length >= 8) unique.add(value);
  // Longest first, so a secret containing another is replaced whole.
  state().secrets = [...unique].sort((a, b) => b.length - a.length);
}

export function setLogLevel(level: string): void {
  logger().level = level;
}

/** A thrown value as a log field: its message only, never a stack or the request that caused it. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : 'unknown error';
}

/** For tests: sends every line to `sink` until the returned function is called. */
export function captureLogLines(sink: (line: string) => void): () => void {
  const s = state();
  const before = s.sink;
  s.sink = sink;
  return () => {
    s.sink = before;
  };
}
