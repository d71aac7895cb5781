/**
 * An HttpClient for tests: no real waiting between attempts (sleeps are recorded instead),
 * jitter fixed at 0 unless given, events recorded. Closed by `closeAll`.
 */

import { afterEach } from 'vitest';
import { HttpClient, type HttpClientOptions, type HttpEvent } from '../../src/http/client.js';
import { startServer, type ScriptedServer } from './scripted-server.js';

export interface TestClient {
  client: HttpClient;
  sleeps: number[];
  events: HttpEvent[];
}

export function testClient(origin: string, options: Partial<HttpClientOptions> = {}): TestClient {
  const sleeps: number[] = [];
  const events: HttpEvent[] = [];
  const client = new HttpClient({
    baseUrl: `${origin}/v1`,
    auth: { kind: 'basic', user: 'test-key', password: 'test-secret' },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { client, sleeps, events };
}

/**
 * Scripted servers and test clients that close themselves after each test: call once at the
 * top of a test file and use the returned `server` and `client` in its tests.
 */
export function useServersAndClients(): {
  server: (...args: Parameters<typeof startServer>) => Promise<ScriptedServer>;
  client: (origin: string, options?: Partial<HttpClientOptions>) => TestClient;
} {
  const servers: ScriptedServer[] = [];
  const clients: HttpClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    server: async (...args) => {
      const started = await startServer(...args);
      servers.push(started);
      return started;
    },
    client: (origin, options = {}) => {
      const made = testClient(origin, options);
      clients.push(made.client);
      return made;
    },
  };
}
