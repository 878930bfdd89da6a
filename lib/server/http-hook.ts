import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';

type RequestHook = (req: IncomingMessage, res: ServerResponse) => void;

const hooksKey = Symbol.for('scandeck.httpRequestHooks');
type HooksHolder = { [hooksKey]?: RequestHook[] };

/**
 * Runs `hook` on every request Node's HTTP and HTTPS servers receive, before Next reads it. `emit`
 * of both server prototypes is wrapped once per process (from instrumentation.ts, which runs in the
 * server's process before it serves), so a server created before this ran is reached too. Hooks run
 * in the order they were added; a hook named again is not added twice.
 */
export async function onEveryRequest(hook: RequestHook): Promise<void> {
  const holder = globalThis as HooksHolder;
  if (holder[hooksKey]) {
    if (!holder[hooksKey].includes(hook)) holder[hooksKey].push(hook);
    return;
  }
  const hooks: RequestHook[] = [hook];
  holder[hooksKey] = hooks;
  const [http, https] = await Promise.all([import('node:http'), import('node:https')]);
  for (const prototype of new Set([http.Server.prototype, https.Server.prototype])) {
    const original = prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function emitWithHooks(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === 'request' && args[0] && args[1]) for (const run of hooks) run(args[0] as IncomingMessage, args[1] as ServerResponse);
      return original.call(this, event, ...args);
    } as typeof prototype.emit;
  }
}
