import { copyFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeedFile as loadChartioSeed } from '../../src/sim/chartio/seed-data.js';
import { startChartioSim, type ChartioSim } from '../../src/sim/chartio/server.js';
import { loadSeedFile as loadGrafanaSeed } from '../../src/sim/grafana/seed-data.js';
import { startGrafanaSim } from '../../src/sim/grafana/server.js';
import { canaryFindings, readTree, type Canary } from '../helpers/credential-canary.js';
import { startFaultProxy, type ProxyDecision } from '../helpers/fault-proxy.js';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { tempFiles } from '../helpers/temp-files.js';

/**
 * Credential canaries, end to end: no output of the CLI carries a credential in any form.
 *
 * Both providers run against their simulators on loopback, with canary secrets full of
 * characters that encode differently (`/ + @ : % & = ? # ~` and non-ASCII). Every command and
 * format runs with ACCESSCTL_DEBUG=1, half of them under injected 500/502/503 faults so that
 * retries and their debug lines happen; then a wrong secret (401); then a hostile server that
 * echoes the `Authorization` header (and the credentials it decodes to) in its error message.
 * Each run's stdout, stderr (the debug log included) and every file it wrote are searched for
 * the secret, the `user:secret` pair, its Base64 (HTTP Basic) and the URL-encoded secret. Each
 * run also shows that its output is real, so an empty output cannot pass.
 *
 * Every test has its own simulator and working directory, so the tests of each block run
 * concurrently (the CLI runs are child processes); afterEach closes what its test opened.
 */

/** Faults for the faulty half of the runs: 20% of API requests answered 5xx before being performed. */
const FAULTS = '500:0.1,502:0.05,503:0.05';
/**
 * The simulators draw faults from a generator seeded with this, one draw per request, so every
 * faulty run meets the same sequence. With seed 4 the 4th and 6th requests are faulted (even
 * Chartio's smallest read, 7 requests, meets faults) and never more than two of the first 100
 * in a row, so no read runs out of its 5 attempts and every faulty read still ends in a report.
 */
const FAULT_SEED = 4;
const DEBUG = { ACCESSCTL_DEBUG: '1' };

/** What every simulator handle offers that these tests use. */
type Sim = Pick<ChartioSim, 'url' | 'setFaults' | 'requests' | 'close'>;

interface Provider {
  name: 'chartio' | 'grafana';
  /** The shipped desired-state file; the seeded simulator has drifted from it. */
  desired: string;
  /** The credentials the simulator accepts. */
  canary: Canary;
  /** A secret the simulator refuses (with the same user). */
  wrongSecret: string;
  start: () => Promise<Sim>;
  /** The CLI's environment for an API at `url` and this secret (the debug log always on). */
  env: (url: string, secret: string) => NodeJS.ProcessEnv;
  exportArgs: string[];
  /** A GET of a list collection (path only): the call a hostile server answers with an echo. */
  listPath: RegExp;
  /** How an API path of this provider shows in an error or debug line. */
  apiPath: string;
}

const CHARTIO_CANARY: Canary = { user: 'canary-key_7Qx', secret: 'cAn/ary+S3cr@t:x%y&z=1?#é~' };
const GRAFANA_CANARY: Canary = { user: 'admin', secret: 'gr4f/ana+P@ss:w%rd&q=2?#ü~' };

const PROVIDERS: Provider[] = [
  {
    name: 'chartio',
    desired: path.join(REPO_ROOT, 'examples/chartio.yaml'),
    canary: CHARTIO_CANARY,
    wrongSecret: 'wr0ng/chartio+S3cr@t:%41&b=2?#',
    start: async () =>
      startChartioSim({
        data: await loadChartioSeed(path.join(REPO_ROOT, 'examples/sim/chartio-org.yaml')),
        credentials: `${CHARTIO_CANARY.user}:${CHARTIO_CANARY.secret}`,
        seed: FAULT_SEED,
      }),
    env: (url, secret) => ({ ...DEBUG, CHARTIO_URL: url, CHARTIO_API_KEY: CHARTIO_CANARY.user, CHARTIO_API_SECRET: secret }),
    exportArgs: ['export', 'chartio', '--org', 'example-org'],
    listPath: /^\/v1\/example-org\/teams\/?$/,
    apiPath: String.raw`/v1/example-org/\S+`,
  },
  {
    name: 'grafana',
    desired: path.join(REPO_ROOT, 'examples/grafana.yaml'),
    canary: GRAFANA_CANARY,
    wrongSecret: 'wr0ng/grafana+P@ss:%42&c=3?#',
    start: async () => {
      const seed = (await loadGrafanaSeed(path.join(REPO_ROOT, 'examples/sim/grafana-instance.yaml'))) as { users?: unknown[] };
      // The canary admin in place of the simulator's default admin/admin.
      const admin = { login: GRAFANA_CANARY.user, email: 'admin@localhost', name: 'admin', password: GRAFANA_CANARY.secret, isGrafanaAdmin: true };
      return startGrafanaSim({ host: '127.0.0.1', seed: FAULT_SEED, data: { ...seed, users: [admin, ...(seed.users ?? [])] } });
    },
    env: (url, secret) => ({ ...DEBUG, GRAFANA_URL: url, GRAFANA_USER: GRAFANA_CANARY.user, GRAFANA_PASSWORD: secret, GRAFANA_TOKEN: '' }),
    exportArgs: ['export', 'grafana'],
    listPath: /^\/api\/orgs\/?$/,
    apiPath: String.raw`/api/\S+`,
  },
];

interface Closable {
  close: () => Promise<void>;
}

/**
 * What each test opened (simulators, proxies, working directories), by test id: the tests of a
 * block run concurrently, so each afterEach closes exactly what its own test opened.
 */
const openedBy = new Map<string, Closable[]>();
afterEach(async ({ task }) => {
  const opened = openedBy.get(task.id) ?? [];
  openedBy.delete(task.id);
  await Promise.all(opened.map((item) => item.close()));
});

/** Registers things for the test `task` to be closed after it; returns the registering function. */
function closesAfter(task: { id: string }): <T extends Closable>(item: T) => T {
  const opened: Closable[] = [];
  openedBy.set(task.id, opened);
  return (item) => {
    opened.push(item);
    return item;
  };
}

/** An empty working directory for the CLI: whatever is in it afterwards, the CLI wrote. */
async function workDir(keep: ReturnType<typeof closesAfter>): Promise<string> {
  const temp = await tempFiles({});
  keep({ close: temp.remove });
  return temp.dir;
}

/** Everything one run put out: its streams and every file in its working directory. */
interface Outputs {
  code: number;
  stdout: string;
  stderr: string;
  files: Record<string, string>;
}

async function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Outputs> {
  const result = await runCli(args, { cwd, env });
  return { ...result, files: await readTree(cwd) };
}

/** The canary search over stdout, stderr and each file (named `file NAME` in findings). */
function leaks(outputs: Outputs, canaries: readonly Canary[]): string[] {
  const files = Object.fromEntries(Object.entries(outputs.files).map(([name, text]) => [`file ${name}`, text]));
  return canaryFindings({ stdout: outputs.stdout, stderr: outputs.stderr, ...files }, canaries);
}

const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://proxy.invalid').pathname;

/** A hostile server's error message: the `Authorization` header, and what it decodes to, echoed back in several encodings. */
function echoCredentials(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const secret = decoded.slice(decoded.indexOf(':') + 1);
  const bytes = Buffer.from(secret, 'utf8');
  // Also as an HTML page, a hex dump and a longer Base64 blob would carry it.
  const html = secret.replace(/[&<>"'/]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
  const embedded = Buffer.concat([Buffer.from('x'), bytes]).toString('base64');
  return `upstream said: ${header} (${decoded}; ${encodeURIComponent(secret)}; ${html}; ${bytes.toString('hex')}; ${embedded})`;
}

// ---------------------------------------------------------------------------------------------
// Every command and format

interface Step {
  args: (provider: Provider) => string[];
  /** The exit code against a simulator without faults. */
  code: number;
  /** Proof that the output is real (the step's report, plan or file is there and has content). */
  shows: (outputs: Outputs) => void;
}

interface CommandCase {
  command: string;
  /** Runs in order in one working directory (a saved plan is made, then applied). */
  steps: Step[];
  /** False for commands that never talk to the API. */
  network: boolean;
  /** Copy the provider's desired-state file into the working directory as access.yaml (saved plans name files inside it). */
  localFile?: boolean;
}

const fileOf = (outputs: Outputs, name: string): string => {
  expect(Object.keys(outputs.files)).toContain(name);
  return outputs.files[name] ?? '';
};

const plan = (...extra: string[]): Step['args'] => (p) => ['plan', '-f', p.desired, ...extra];
const drift = (...extra: string[]): Step['args'] => (p) => ['drift', '-f', p.desired, ...extra];
const audit = (...extra: string[]): Step['args'] => (p) => ['audit', '-f', p.desired, ...extra];

/** A command that is one run of the CLI against the API. */
const oneRun = (command: string, args: Step['args'], code: number, shows: Step['shows']): CommandCase => ({
  command,
  network: true,
  steps: [{ args, code, shows }],
});

const applied = ({ stdout }: Outputs) => expect(stdout).toMatch(/^Apply complete: [1-9]\d* done, 0 failed, 0 skipped\.$/m);
const htmlFile = (name: string) => (o: Outputs) => expect(fileOf(o, name)).toMatch(/^<!doctype html>[\s\S]*<\/html>\s*$/);
const savePlan: Step = {
  args: () => ['plan', '-f', 'access.yaml', '--out', 'plan.json'],
  code: 0,
  shows: (o) => expect(JSON.parse(fileOf(o, 'plan.json'))).toMatchObject({ format_version: 2, changes: expect.any(Array) }),
};

const COMMANDS: CommandCase[] = [
  {
    command: 'validate',
    network: false,
    steps: [{ args: (p) => ['validate', '-f', p.desired], code: 0, shows: ({ stdout }) => expect(stdout).toMatch(/: valid \(.+\)$/m) }],
  },
  oneRun('plan', plan(), 0, ({ stdout }) => expect(stdout).toMatch(/^Plan: \d+ to add, \d+ to change, \d+ to \w+\.$/m)),
  oneRun('plan --format json', plan('--format', 'json'), 0, ({ stdout }) => expect(JSON.parse(stdout).changes.length).toBeGreaterThan(0)),
  oneRun('plan --format markdown', plan('--format', 'markdown'), 0, ({ stdout }) => expect(stdout).toMatch(/^### accessctl plan: [\s\S]*```diff\n[+!-]/)),
  { command: 'plan --out plan.json', network: true, localFile: true, steps: [savePlan] },
  oneRun('apply -f --auto-approve', (p) => ['apply', '-f', p.desired, '--auto-approve'], 0, applied),
  {
    command: 'apply plan.json --auto-approve',
    network: true,
    localFile: true,
    steps: [savePlan, { args: () => ['apply', 'plan.json', '--auto-approve'], code: 0, shows: applied }],
  },
  oneRun('drift', drift(), 2, ({ stdout }) => expect(stdout).toMatch(/^Drift: [1-9]\d* differences? /m)),
  oneRun('drift --format json --output', drift('--format', 'json', '--output', 'drift.json'), 2, (o) =>
    expect(JSON.parse(fileOf(o, 'drift.json')).items.length).toBeGreaterThan(0),
  ),
  oneRun('drift --format markdown --output', drift('--format', 'markdown', '--output', 'drift.md'), 2, (o) =>
    expect(fileOf(o, 'drift.md')).toMatch(/^### accessctl drift: [\s\S]*\| address \| git says \| live says \|/),
  ),
  oneRun('drift --format html --output', drift('--format', 'html', '--output', 'drift.html'), 2, htmlFile('drift.html')),
  oneRun('audit (csv on stdout)', audit(), 0, ({ stdout }) => expect(stdout).toMatch(/^"user","resource","level","via",[^\n]*\n(?:"[^"\n]+",){4}/)),
  oneRun('audit --format json --output', audit('--format', 'json', '--output', 'audit.json'), 0, (o) =>
    expect(JSON.parse(fileOf(o, 'audit.json')).access.length).toBeGreaterThan(0),
  ),
  oneRun('audit --format markdown --output', audit('--format', 'markdown', '--output', 'audit.md'), 0, (o) =>
    expect(fileOf(o, 'audit.md')).toMatch(/^### accessctl audit: [\s\S]*\d+ users reach \d+ resources through [1-9]\d* grants\./),
  ),
  oneRun('audit --format html --output', audit('--format', 'html', '--output', 'audit.html'), 0, htmlFile('audit.html')),
  oneRun('export -o', (p) => [...p.exportArgs, '-o', 'export.yaml'], 0, (o) =>
    expect(fileOf(o, 'export.yaml')).toMatch(/^# yaml-language-server: \$schema=\S+\n[\s\S]*\nversion: 1\n/),
  ),
];

/**
 * Every command for both providers. Faults are on for every other one, alternating between the
 * providers, so each command that talks to the API meets them once.
 */
const COMMAND_RUNS = PROVIDERS.flatMap((provider, p) =>
  COMMANDS.map((command, c) => ({
    name: provider.name,
    command: command.command,
    faulty: command.network && (p + c) % 2 === 1,
    provider,
    commandCase: command,
  })),
);

describe.concurrent('no credential in any output of any command', () => {
  it.for(COMMAND_RUNS)('$name $command (faults: $faulty)', async ({ provider, commandCase, faulty }, { task }) => {
    const keep = closesAfter(task);
    const sim = keep(await provider.start());
    if (faulty) sim.setFaults(FAULTS);
    const cwd = await workDir(keep);
    if (commandCase.localFile) await copyFile(provider.desired, path.join(cwd, 'access.yaml'));
    const env = provider.env(sim.url, provider.canary.secret);
    let faultsSeen = 0;

    for (const step of commandCase.steps) {
      const before = sim.requests.list().length;
      const outputs = await run(step.args(provider), cwd, env);
      const answered = sim.requests.list().slice(before);
      const serverErrors = answered.filter((r) => r.status !== null && r.status >= 500).length;
      faultsSeen += serverErrors;

      expect(leaks(outputs, [provider.canary])).toEqual([]);
      if (commandCase.network) {
        // The debug log is on and is one of the outputs searched: one line per attempt, 5xx ones included.
        expect(outputs.stderr).toMatch(/^debug: GET \/\S* -> \d{3} \(attempt \d+, \d+ ms, waited \d+ ms\)/m);
        expect(outputs.stderr.match(/^debug: [A-Z]+ \S+ -> 5\d\d \(/gm)?.length ?? 0).toBe(serverErrors);
      }
      if (!faulty) {
        expect(outputs.code).toBe(step.code);
        step.shows(outputs);
        continue;
      }
      expect([0, 1, 2]).toContain(outputs.code);
      if (outputs.code === step.code) {
        step.shows(outputs);
      } else {
        // Failed under faults: the error names the status that made it fail; later steps need this one.
        expect(outputs.stderr).toMatch(new RegExp(`[A-Z]+ http://127\\.0\\.0\\.1:\\d+${provider.apiPath} -> 50[023]: `));
        break;
      }
    }
    if (faulty && commandCase.network) expect(faultsSeen).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// A wrong secret

const WRONG_SECRET_RUNS = PROVIDERS.flatMap((provider) => ['plan', 'drift'].map((command) => ({ name: provider.name, command, provider })));

describe.concurrent('a wrong secret (401)', () => {
  it.for(WRONG_SECRET_RUNS)('$name $command names the refused request and shows no form of either secret', async ({ provider, command }, { task }) => {
    const keep = closesAfter(task);
    const sim = keep(await provider.start());
    const outputs = await run([command, '-f', provider.desired], await workDir(keep), provider.env(sim.url, provider.wrongSecret));

    expect(outputs.code).toBe(1);
    expect(outputs.stderr).toMatch(new RegExp(`^  GET http://127\\.0\\.0\\.1:\\d+${provider.apiPath} -> 401: \\S`, 'm'));
    expect(outputs.stderr).toMatch(/^debug: GET \S+ -> 401 \(attempt 1, /m);
    expect(leaks(outputs, [{ user: provider.canary.user, secret: provider.wrongSecret }, provider.canary])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// A hostile server that echoes the credentials

interface HostileCase {
  answers: string;
  status: number;
  args: (provider: Provider) => string[];
  /** Which request the proxy answers itself (with the echo); `first` is true until it has answered one. */
  hits: (provider: Provider, req: IncomingMessage, first: boolean) => boolean;
}

const HOSTILE_CASES: HostileCase[] = [
  // Every attempt of that one list call, so the 500 outlasts the retries and reaches the error output.
  { answers: 'a GET list call with 500', status: 500, args: plan(), hits: (p, req) => req.method === 'GET' && p.listPath.test(pathOf(req)) },
  { answers: 'a GET list call with 403', status: 403, args: plan(), hits: (p, req) => req.method === 'GET' && p.listPath.test(pathOf(req)) },
  { answers: 'the first write of apply with 403', status: 403, args: (p) => ['apply', '-f', p.desired, '--auto-approve'], hits: (_p, req, first) => first && req.method !== 'GET' },
];

const HOSTILE_RUNS = PROVIDERS.flatMap((provider) => HOSTILE_CASES.map((hostile) => ({ name: provider.name, answers: hostile.answers, provider, hostile })));

describe.concurrent('a hostile server that echoes the credentials', () => {
  it.for(HOSTILE_RUNS)('$name: answering $answers, the error shows the status and no form of the secret', async ({ provider, hostile }, { task }) => {
    const keep = closesAfter(task);
    const sim = keep(await provider.start());
    let echoed: string | undefined;
    const proxy = keep(
      await startFaultProxy(sim.url, (req): ProxyDecision => {
        if (!hostile.hits(provider, req, echoed === undefined)) return 'pass';
        echoed = `${req.method} ${pathOf(req)}`;
        return { status: hostile.status, message: echoCredentials(req) };
      }),
    );

    const outputs = await run(hostile.args(provider), await workDir(keep), provider.env(proxy.url, provider.canary.secret));

    expect(proxy.faults()).toBeGreaterThan(0);
    expect(outputs.code).toBe(1);
    // The server's message still reaches the user, with the credentials cut out of it.
    // `METHOD ORIGIN/PATH`: the error names the server too (DESIGN §1.7).
    expect(outputs.stderr).toContain(`${echoed!.replace(' ', ` ${new URL(proxy.url).origin}`)} -> ${hostile.status}: upstream said: `);
    expect(outputs.stderr).toContain('[REDACTED]');
    expect(leaks(outputs, [provider.canary])).toEqual([]);
  });
});
