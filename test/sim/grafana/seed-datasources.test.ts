import { describe, expect, it } from 'vitest';
import { buildState } from '../../../src/sim/grafana/seed-data.js';
import { startGrafanaSim } from '../../../src/sim/grafana/server.js';
import { call } from './helpers.js';

/** `orgs[].datasources` of `--data` (src/sim/grafana/seed-datasources.ts). */
describe('--data orgs[].datasources', () => {
  it('seeds data sources: access defaults to proxy, secrets answered only as secureJsonFields', async () => {
    const sim = await startGrafanaSim({
      data: {
        orgs: [
          {
            name: 'Main Org.',
            datasources: [
              { name: 'Prom', type: 'prometheus', uid: 'prom', url: 'http://prom:9090', isDefault: true, jsonData: { httpMethod: 'POST' }, secureJsonData: { basicAuthPassword: 'hunter2' } },
              { name: 'Loki', type: 'loki' },
            ],
          },
        ],
      },
    });
    try {
      const list = await call(sim, 'GET', '/api/datasources');
      expect(list.body).toMatchObject([{ name: 'Loki', access: 'proxy', isDefault: false }, { name: 'Prom', uid: 'prom', isDefault: true, jsonData: { httpMethod: 'POST' } }]);
      const prom = await call(sim, 'GET', '/api/datasources/uid/prom');
      expect(prom.body).toMatchObject({ secureJsonFields: { basicAuthPassword: true }, version: 1 });
      const state = await call(sim, 'GET', '/__sim/state');
      expect(state.body.datasources).toMatchObject([{ name: 'Prom', secureJsonFields: { basicAuthPassword: true } }, { name: 'Loki', uid: expect.stringMatching(/^s/) }]);
      expect(JSON.stringify([list.body, prom.body, state.body])).not.toContain('hunter2');
      // A data source created later gets the next id.
      expect((await call(sim, 'POST', '/api/datasources', { body: { name: 'Tempo', type: 'tempo', access: 'proxy' } })).body.id).toBe(3);
    } finally {
      await sim.close();
    }
  });

  const org = (datasources: unknown[]) => ({ orgs: [{ name: 'Main Org.', datasources }] });
  it.each([
    [org([{ type: 'loki' }]), /orgs\[0\]\.datasources\[0\]\.name: required string/],
    [org([{ name: 'A' }]), /datasources\[0\]\.type: required string/],
    [org([{ name: 'A', type: 'loki', password: 'x' }]), /datasources\[0\]: unknown key "password"/],
    [org([{ name: 'A', type: 'loki' }, { name: 'A', type: 'loki' }]), /datasources\[1\]\.name: "A" used twice/],
    [org([{ name: 'A', type: 'loki', uid: 'u' }, { name: 'B', type: 'loki', uid: 'u' }]), /datasources\[1\]\.uid: "u" used twice/],
    [org([{ name: 'A', type: 'loki', uid: 'not valid!' }]), /datasources\[0\]\.uid: "not valid!" is not a valid uid/],
    [org([{ name: 'A', type: 'loki', isDefault: true }, { name: 'B', type: 'loki', isDefault: true }]), /datasources\[1\]\.isDefault: only one/],
    [org([{ name: 'A', type: 'loki', secureJsonData: { password: 1 } }]), /secureJsonData\.password: expected a string/],
    [org([{ name: 'A', type: 'loki', jsonData: [1] }]), /jsonData: expected a mapping/],
  ])('refuses %j', (doc, error) => {
    expect(() => buildState(doc)).toThrow(error);
  });
});
