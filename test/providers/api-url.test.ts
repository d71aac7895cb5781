import { describe, expect, it } from 'vitest';
import { chosenApiUrl, sameApi, trustedApiUrl } from '../../src/providers/api-url.js';

describe('trustedApiUrl', () => {
  it.each([
    ['https://api.chartio.com/v1/', 'https://api.chartio.com/v1'],
    ['HTTPS://API.Chartio.com:443/v1', 'https://api.chartio.com/v1'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['  http://[::1]:3000/  ', 'http://[::1]:3000'],
  ])('normalises %j', (value, expected) => {
    expect(trustedApiUrl(value, 'CHARTIO_URL')).toBe(expected);
  });

  it.each([
    ['not a url', /CHARTIO_URL is not a URL/],
    ['file:///etc/passwd', /must be an http:\/\/ or https:\/\/ URL/],
    ['https://user:pw@api.example/v1', /must not contain a user or password/],
    ['https://api.example/v1?token=secret', /must not contain a query string/],
    ['https://api.example/v1?', /must not contain a query string/],
    ['https://api.example/v1#x', /must not contain a fragment/],
  ])('refuses %j', (value, message) => {
    expect(() => trustedApiUrl(value, 'CHARTIO_URL')).toThrow(message);
    try {
      trustedApiUrl(value, 'CHARTIO_URL');
    } catch (error) {
      // The message names the variable, never its value (it may hold a secret).
      expect((error as Error).message).not.toContain('secret');
      expect((error as Error).message).not.toContain('pw');
    }
  });
});

describe('chosenApiUrl: the flag, then the environment, then the default, never a file', () => {
  it.each<[string | undefined, NodeJS.ProcessEnv, string | undefined, string | undefined]>([
    ['http://127.0.0.1:1/v1', { CHARTIO_URL: 'http://127.0.0.1:2/v1' }, 'https://api.chartio.com/v1', 'http://127.0.0.1:1/v1'],
    [undefined, { CHARTIO_URL: 'http://127.0.0.1:2/v1/' }, 'https://api.chartio.com/v1', 'http://127.0.0.1:2/v1'],
    [undefined, { CHARTIO_URL: '' }, 'https://api.chartio.com/v1', 'https://api.chartio.com/v1'],
    [undefined, {}, undefined, undefined],
  ])('flag %j, env %j, default %j -> %j', (flag, env, fallback, expected) => {
    expect(chosenApiUrl(flag, env, 'CHARTIO_URL', fallback)).toBe(expected);
  });
});

describe('sameApi', () => {
  it.each([
    ['https://api.chartio.com/v1', 'https://API.chartio.com:443/v1/', true],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/', true],
    ['http://127.0.0.1:3000', 'http://127.0.0.2:3000', false],
    ['http://127.0.0.1:3000', 'https://127.0.0.1:3000', false],
    ['https://api.chartio.com/v1', 'https://api.chartio.com/v2', false],
    ['https://api.chartio.com/v1', 'https://api.chartio.com.evil.example/v1', false],
    ['not a url', 'not a url', false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameApi(a, b)).toBe(same);
  });
});
