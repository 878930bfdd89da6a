import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '@/lib/schemas/common';
import type { ListHssHostsResponse } from '@/lib/schemas/scan-task';
import { apiRequest, context } from '@/lib/testing/bff';
import { hssTestSetup } from '@/lib/testing/hss';

const { sim, viewer } = await hssTestSetup('aksk');
const list = await import('./route');

async function getHosts(query: string) {
  const res = await list.GET(apiRequest(`/api/hss/hosts?${query}`, { cookie: viewer }), context());
  return { status: res.status, body: (await res.json()) as ListHssHostsResponse & ErrorEnvelope };
}

describe('GET /api/hss/hosts', () => {
  it("pages the project's hosts with agent id and agent status, camelCase and allowlisted", async () => {
    const fleet = sim.hss.hosts();
    const { status, body } = await getHosts('page=2&pageSize=10');
    expect(status).toBe(200);
    expect(body.total).toBe(fleet.length);
    expect(body.items.map((h) => h.hostId)).toEqual(fleet.slice(10, 20).map((h) => h.host_id));
    const withAgent = body.items.find((h) => h.agentId)!;
    const vendor = fleet.find((h) => h.host_id === withAgent.hostId)!;
    expect(withAgent).toEqual({
      hostId: vendor.host_id,
      agentId: vendor.agent_id,
      hostName: vendor.host_name,
      privateIp: vendor.private_ip,
      publicIp: vendor.public_ip,
      osType: vendor.os_type,
      agentStatus: vendor.agent_status,
      hostStatus: vendor.host_status,
      assetValue: vendor.asset_value,
    });
    expect(JSON.stringify(body)).not.toMatch(/protect_status|host_id|hss\.version/);
  });

  it('searches by name or address and filters by agent status, one HSS call per query', async () => {
    const target = sim.hss.hosts()[37]!;
    sim.hss.resetRequestCounts();
    const byName = (await getHosts(`q=${encodeURIComponent(target.host_name)}&pageSize=50`)).body;
    expect(byName.items.map((h) => h.hostId)).toContain(target.host_id);
    const byIp = (await getHosts(`q=${target.private_ip}&pageSize=50`)).body;
    expect(byIp.items.map((h) => h.hostId)).toContain(target.host_id);
    await getHosts(`q=${target.private_ip}&pageSize=50`);
    expect(sim.hss.requestCounts().hosts).toBe(2);
    const offline = (await getHosts('agentStatus=offline&pageSize=50')).body;
    expect(offline.items.length).toBeGreaterThan(0);
    expect(offline.items.every((h) => h.agentStatus === 'offline')).toBe(true);
  });

  it('refuses what a client could vary without bound', async () => {
    for (const query of ['pageSize=200', 'page=1001', `q=${'x'.repeat(65)}`, 'agentStatus=asleep', 'page=0']) {
      const { status, body } = await getHosts(query);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe('bad_request');
    }
  });

  it('reads odd hosts tolerantly: a host without host_id is skipped, an odd field left out', async () => {
    sim.failNext({
      pathPrefix: '/v5/',
      response: {
        status: 200,
        body: {
          total_num: 3,
          data_list: [
            { host_id: 'h-1', host_name: 'ok', agent_id: 'a-1', agent_status: 'upgrading', private_ip: '10.0.0.1' },
            { host_name: 'no id' },
            { host_id: 'h-3', host_name: 42, agent_id: 'a-3', agent_status: 'online' },
          ],
        },
      },
    });
    const { status, body } = await getHosts('q=odd');
    expect(status).toBe(200);
    expect(body.items).toEqual([
      { hostId: 'h-1', hostName: 'ok', agentId: 'a-1', agentStatus: 'upgrading', privateIp: '10.0.0.1' },
      { hostId: 'h-3', agentId: 'a-3', agentStatus: 'online' },
    ]);
    expect(body.unreadable).toEqual({ records: 1, fields: 1, example: 'host without host_id skipped: no usable host_id' });
  });
});
