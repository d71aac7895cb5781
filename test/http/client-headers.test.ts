import { describe, expect, it } from 'vitest';
import { json } from '../helpers/scripted-server.js';
import { useServersAndClients } from '../helpers/test-client.js';

const { server, client } = useServersAndClients();

const BASIC = `Basic ${Buffer.from('test-key:test-secret').toString('base64')}`;

describe('HttpClient: extra request headers', () => {
  it('sends a caller header such as X-Grafana-Org-Id, on every attempt', async () => {
    const s = await server([json(503, { message: 'busy' }), json(200, { ok: true })]);
    const { client: c } = client(s.origin);
    const response = await c.request({ method: 'GET', path: '/api/teams/search', headers: { 'X-Grafana-Org-Id': '7' } });
    expect(response.attempts).toBe(2);
    expect(s.requests.map((r) => r.headers['x-grafana-org-id'])).toEqual(['7', '7']);
  });

  it('never lets a caller replace the credentials or the body framing', async () => {
    const s = await server(json(200, {}));
    const { client: c } = client(s.origin);
    await c.request({
      method: 'POST',
      path: '/api/teams',
      body: { name: 'SRE' },
      headers: {
        Authorization: 'Bearer stolen',
        authorization: 'Basic AAAA',
        'Content-Type': 'text/plain',
        Host: 'evil.example',
        'X-Grafana-Org-Id': '2',
      },
    });
    const [sent] = s.requests;
    expect(sent?.headers.authorization).toBe(BASIC);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers.host).toBe(`127.0.0.1:${s.port}`);
    expect(sent?.headers['x-grafana-org-id']).toBe('2');
    expect(sent?.body).toBe('{"name":"SRE"}');
  });

  it('sends no Authorization header at all without credentials, whatever the caller asks', async () => {
    const s = await server(json(200, {}));
    const { client: c } = client(s.origin, { auth: undefined });
    await c.request({ method: 'GET', path: '/api/health', headers: { Authorization: 'Basic c2VjcmV0' } });
    expect(s.requests[0]?.headers.authorization).toBeUndefined();
  });
});
