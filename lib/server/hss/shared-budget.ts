import 'server-only';
import { createHash } from 'node:crypto';
import { errorMessage, logger } from '../log';
import { redisPrefix, type RedisConnection } from '../redis';
import { type BucketStore, type BudgetOptions, type Grant, type HssApi, userBucket } from './budget';

/**
 * One token bucket per HSS API in Redis, shared by every instance (`REDIS_URL`): HSS limits calls
 * per account and API, not per ScanDeck instance. Each take is one Lua script, so the API's bucket
 * and the user's share in it are checked and spent atomically, on Redis's own clock (instances'
 * clocks may differ). Keys expire once their bucket would be full again, so Redis holds at most one
 * key per API and per user active within a refill; users appear only as a hash.
 *
 * KEYS[1] the API's bucket, KEYS[2] (optional) the user's; ARGV: operation, the API's tokens per ms
 * and burst, the user's tokens per ms and burst. Answers {granted or remaining, ms to wait}.
 */
const bucketScript = `
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local function level(key, rate, burst)
    local b = redis.call('HMGET', key, 'tokens', 'at')
    local tokens, at = tonumber(b[1]), tonumber(b[2])
    if tokens == nil or at == nil then return burst end
    return math.min(burst, tokens + math.max(0, now - at) * rate)
  end
  local function save(key, tokens, rate, burst)
    redis.call('HSET', key, 'tokens', tostring(tokens), 'at', now)
    redis.call('PEXPIRE', key, math.ceil((burst - tokens) / rate) + 1000)
  end
  local op = ARGV[1]
  local rate, burst = tonumber(ARGV[2]), tonumber(ARGV[3])
  local left = level(KEYS[1], rate, burst)
  local userRate, userBurst, userLeft
  if KEYS[2] then
    userRate, userBurst = tonumber(ARGV[4]), tonumber(ARGV[5])
    userLeft = level(KEYS[2], userRate, userBurst)
  end
  if op == 'drain' then
    save(KEYS[1], 0, rate, burst)
    return {0, 0}
  end
  if op == 'remaining' then
    if userLeft and userLeft < left then left = userLeft end
    return {math.floor(left), 0}
  end
  local wait = 0
  if left < 1 then wait = (1 - left) / rate end
  if userLeft and userLeft < 1 then wait = math.max(wait, (1 - userLeft) / userRate) end
  if wait > 0 then return {0, math.ceil(wait)} end
  save(KEYS[1], left - 1, rate, burst)
  if userLeft then save(KEYS[2], userLeft - 1, userRate, userBurst) end
  return {1, 0}`;

export function createRedisBucketStore(connection: RedisConnection, options: BudgetOptions, prefix = redisPrefix): BucketStore {
  const share = userBucket(options);
  const perMs = (rule: BudgetOptions) => String(rule.perMinute / 60_000);
  const keys = (api: HssApi, user: string | undefined) => {
    const apiKey = `${prefix}hss-budget:${api}`;
    if (user === undefined) return [apiKey];
    return [apiKey, `${apiKey}:user:${createHash('sha256').update(user).digest('hex').slice(0, 32)}`];
  };
  const run = async (op: 'take' | 'drain' | 'remaining', api: HssApi, user: string | undefined) => {
    const redis = await connection.ready();
    const args = [op, perMs(options), String(options.burst), perMs(share), String(share.burst)];
    return (await redis.eval(bucketScript, { keys: keys(api, user), arguments: args })) as [number, number];
  };
  return {
    async take(api, user): Promise<Grant> {
      const [granted, waitMs] = await run('take', api, user);
      return granted === 1 ? { granted: true } : { granted: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
    },
    async drain(api) {
      await run('drain', api, undefined);
    },
    async remaining(api, user) {
      return (await run('remaining', api, user))[0];
    },
  };
}

/**
 * Where the budget is kept now: `local` (no `REDIS_URL`: this process's own), `shared` (Redis, one
 * budget for every instance), `degraded` (`REDIS_URL` set but Redis unreachable: this process's own
 * until Redis answers again).
 */
export type BudgetMode = 'local' | 'shared' | 'degraded';

export interface CallBudget extends BucketStore {
  mode(): BudgetMode;
}

export function localBudget(store: BucketStore): CallBudget {
  return { ...store, mode: () => 'local' };
}

/**
 * The shared budget, or this process's own while Redis is unreachable: the console keeps answering
 * (each instance then spends up to the whole budget on its own, and HSS's own 429 still ends in the
 * cached answer or a 429, never a 502). The switch is logged once each way; every call tries Redis
 * first, which fails at once while the connection is down.
 */
export function withLocalFallback(shared: BucketStore, local: BucketStore): CallBudget {
  let mode: BudgetMode = 'shared';
  async function attempt<T>(work: (store: BucketStore) => Promise<T>): Promise<T> {
    try {
      const result = await work(shared);
      if (mode === 'degraded') logger().warn({ event: 'hss_budget_shared_again' }, 'HSS call budget: shared over Redis again');
      mode = 'shared';
      return result;
    } catch (err) {
      if (mode === 'shared') {
        logger().error(
          { event: 'hss_budget_degraded', error: errorMessage(err) },
          'HSS call budget: Redis unreachable, this instance counts HSS calls on its own until it is back',
        );
      }
      mode = 'degraded';
      return work(local);
    }
  }
  return {
    take: (api, user) => attempt((store) => store.take(api, user)),
    drain: (api) => attempt((store) => store.drain(api)),
    remaining: (api, user) => attempt((store) => store.remaining(api, user)),
    mode: () => mode,
  };
}
