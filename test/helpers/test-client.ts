/**
 * An HttpClient for tests: no real waiting between attempts (sleeps are recorded instead),
 * jitter fixed at 0 unless given, events recorded. Closed by `closeAll`.
 */

import { HttpClient, type HttpClientOptions, type HttpEvent } from '../../src/http/client.js';

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
