import type { ChartioDocument, DashboardLevel, DatasourceLevel } from '../src/providers/chartio/desired-state.js';
import { createRandom } from '../src/sim/shared/prng.js';

/** The simulator's generated org, in the `--data` format. */
export interface SeedDoc {
  org: string;
  users: { email: string }[];
  teams: { name: string; members: string[] }[];
  dashboards: { slug: string; permissions: { team?: string; user?: string; access_level: string }[] }[];
  datasources: { slug: string; alias: string; permissions: { team?: string; user?: string; access_level: string }[] }[];
}

/** The desired-state document that matches a generated org exactly (planning it gives no changes). */
export function desiredFromSeed(seed: SeedDoc): ChartioDocument {
  const perms = <L extends string>(list: SeedDoc['dashboards'][number]['permissions']) => {
    const teams: Record<string, L> = {};
    const users: Record<string, L> = {};
    for (const p of list) {
      if (p.team) teams[p.team] = p.access_level as L;
      else if (p.user) users[p.user] = p.access_level as L;
    }
    return { teams, users };
  };
  return {
    version: 1,
    provider: 'chartio',
    chartio: { org: seed.org },
    manage: { teams: 'listed', members: 'authoritative', users: 'keep', dashboards: 'listed', datasources: 'listed' },
    teams: Object.fromEntries(seed.teams.filter((t) => t.name !== 'Added from Dashboard').map((t) => [t.name, { members: [...t.members] }])),
    dashboards: Object.fromEntries(seed.dashboards.map((d) => [d.slug, { permissions: perms<DashboardLevel>(d.permissions) }])),
    datasources: Object.fromEntries(seed.datasources.map((d) => [d.slug, { alias: d.alias, permissions: perms<DatasourceLevel>(d.permissions) }])),
  };
}

const LEVELS: DashboardLevel[] = ['viewer', 'editor', 'admin'];

/**
 * Changes a share of memberships and dashboard permissions, deterministically: for each
 * touched team a member joins and (when they have another team) one leaves; for each touched
 * dashboard one level changes, one grant is added and one revoked.
 */
export function mutate(doc: ChartioDocument, seed: SeedDoc, share: number, randomSeed = 42): ChartioDocument {
  const random = createRandom(randomSeed);
  const out = structuredClone(doc);
  const teamsOf = new Map<string, number>();
  for (const t of seed.teams) for (const m of t.members) teamsOf.set(m, (teamsOf.get(m) ?? 0) + 1);
  const teamNames = Object.keys(out.teams ?? {}).filter((n) => n !== 'Owners');
  for (const name of teamNames) {
    if (random.next() >= share) continue;
    const members = out.teams![name]!.members!;
    const leaver = members.find((m) => (teamsOf.get(m) ?? 0) > 1);
    if (leaver) {
      members.splice(members.indexOf(leaver), 1);
      teamsOf.set(leaver, teamsOf.get(leaver)! - 1);
    }
    const joiner = random.pick(seed.users).email;
    if (!members.includes(joiner)) {
      members.push(joiner);
      teamsOf.set(joiner, (teamsOf.get(joiner) ?? 0) + 1);
    }
  }
  for (const spec of Object.values(out.dashboards ?? {})) {
    if (random.next() >= share) continue;
    const teams = spec.permissions!.teams!;
    const names = Object.keys(teams);
    if (names[0]) teams[names[0]] = LEVELS[(LEVELS.indexOf(teams[names[0]]!) + 1) % 3]!;
    if (names[1]) delete teams[names[1]];
    const grantee = random.pick(teamNames);
    if (!(grantee in teams)) teams[grantee] = 'viewer';
  }
  return out;
}

/** Adds `count` new teams of `size` existing members each: creates with dependent adds (depth 2). */
export function addTeams(doc: ChartioDocument, seed: SeedDoc, count: number, size: number): ChartioDocument {
  const out = structuredClone(doc);
  for (let i = 0; i < count; i++) {
    out.teams![`Bench Team ${i}`] = { members: Array.from({ length: size }, (_, j) => seed.users[(i * size + j * 37 + 11) % seed.users.length]!.email) };
  }
  return out;
}
