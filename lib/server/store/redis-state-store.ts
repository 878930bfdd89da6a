import 'server-only';
import { connectRedis, redisPrefix } from '../redis';
import type { StateStore } from './state-store';

/**
 * The shared store for several instances behind one load balancer (`REDIS_URL`): a sign-out on one
 * instance is refused on every other, and the sign-in throttle counts every instance's failures.
 *
 * - a signed-out session is a key that expires when the session could not live anyway;
 * - "sign out everywhere" is a key holding the latest revocation time (kept by a script, so two
 *   instances revoking at once keep the later time and the longer expiry);
 * - each throttle count is a sorted set of event ids scored by time, trimmed to its window on every
 *   hit and expiring with it, so Redis never holds more than the windows' events.
 *
 * Redis's own expiry does the pruning. With Redis unreachable every call fails at once (no offline
 * queue): session checks then answer 503 rather than guess (see lib/server/auth.ts), which is the
 * documented degraded mode in docs/reliability.md.
 */
export function openRedisStateStore(url: string, prefix = redisPrefix): StateStore {
  const { ready, close } = connectRedis(url, 'redis state store');

  const sessionKey = (sid: string) => `${prefix}revoked:sid:${sid}`;
  const userKey = (username: string) => `${prefix}revoked:user:${username}`;
  const hitKey = (key: string) => `${prefix}hits:${key}`;
  const seqKey = `${prefix}hits:seq`;

  // Keeps the later revocation time and the later expiry when two instances revoke at once.
  const revokeUserScript = `
    local current = tonumber(redis.call('GET', KEYS[1]) or '0')
    local at = math.max(current, tonumber(ARGV[1]))
    local expires = math.max(tonumber(redis.call('PEXPIRETIME', KEYS[1])), tonumber(ARGV[2]))
    redis.call('SET', KEYS[1], tostring(at), 'PXAT', expires)
    return 1`;

  return {
    async revokeSession(sid, expiresAtMs) {
      const redis = await ready();
      if (expiresAtMs <= Date.now()) return;
      await redis.set(sessionKey(sid), '1', { expiration: { type: 'PXAT', value: Math.floor(expiresAtMs) } });
    },
    async revokeUser(username, atMs, expiresAtMs) {
      const redis = await ready();
      if (expiresAtMs <= Date.now()) return;
      await redis.eval(revokeUserScript, { keys: [userKey(username)], arguments: [String(Math.floor(atMs)), String(Math.floor(expiresAtMs))] });
    },
    async isRevoked({ sid, username, authTimeMs }) {
      const redis = await ready();
      const [session, user] = await Promise.all([redis.exists(sessionKey(sid)), redis.get(userKey(username))]);
      if (session > 0) return true;
      return user !== null && authTimeMs <= Number(user);
    },
    async hit(key, atMs, windowMs) {
      const redis = await ready();
      const id = String(await redis.incr(seqKey));
      const k = hitKey(key);
      const replies = await redis
        .multi()
        .zRemRangeByScore(k, '-inf', atMs - windowMs)
        .zAdd(k, { score: atMs, value: id })
        .zRangeByScoreWithScores(k, `(${atMs - windowMs}`, '+inf')
        .pExpire(k, windowMs)
        .exec();
      const range = replies[2] as unknown as { value: string; score: number }[];
      return { id, times: range.map((r) => r.score) };
    },
    async hits(key, sinceMs) {
      const redis = await ready();
      const range = await redis.zRangeByScoreWithScores(hitKey(key), `(${sinceMs}`, '+inf');
      return range.map((r) => r.score);
    },
    async unhit(key, id) {
      if (!/^[0-9]+$/.test(id)) return;
      const redis = await ready();
      await redis.zRem(hitKey(key), id);
    },
    async clear(key) {
      const redis = await ready();
      await redis.del(hitKey(key));
    },
    async prune() {
      // Every key carries its own expiry: nothing is left to prune.
    },
    close,
  };
}
