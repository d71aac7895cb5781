import { createRandom } from '../shared/prng.js';
import { ACCESS_LEVELS, ADDED_FROM_DASHBOARD_TEAM_NAME, OWNERS_TEAM_NAME, type PermissionKind } from './state.js';

/**
 * `--generate small|large`: a seed document (the `--data` format) built from a seeded
 * generator, so the same `--seed` always gives the same org.
 *  - small: a demo org - 20 users, 5 teams, 10 dashboards, 3 datasources with permissions;
 *  - large: an org at the seed's limits - 10,000 users, 2,000 teams, 5,000 dashboards with 1
 *    to 8 permissions each, 500 datasources.
 */
export type GenerateSize = 'small' | 'large';

interface Shape {
  users: number;
  teams: number;
  dashboards: number;
  datasources: number;
  dashboardPermissions: [number, number];
  datasourcePermissions: [number, number];
}

const SHAPES: Record<GenerateSize, Shape> = {
  small: { users: 20, teams: 5, dashboards: 10, datasources: 3, dashboardPermissions: [1, 4], datasourcePermissions: [1, 3] },
  large: { users: 10_000, teams: 2_000, dashboards: 5_000, datasources: 500, dashboardPermissions: [1, 8], datasourcePermissions: [1, 4] },
};

const FIRST = ['Alice', 'Bob', 'Carol', 'Dan', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy', 'Mallory', 'Niaj', 'Olivia', 'Peggy', 'Rupert', 'Sybil', 'Trent', 'Victor', 'Walter', 'Yara'];
const LAST = ['Smith', 'Jones', 'Garcia', 'Chen', 'Khan', 'Novak', 'Silva', 'Okafor', 'Larsen', 'Ito'];
const TEAM_WORDS = ['Marketing', 'Sales', 'Engineering', 'Finance', 'Support', 'Growth', 'Data', 'Product', 'Design', 'Operations', 'Legal', 'People'];
const TOPICS = ['revenue', 'signups', 'churn', 'pipeline', 'latency', 'retention', 'campaigns', 'inventory', 'tickets', 'costs'];
const DSTYPES = ['Redshift', 'PostgreSQL', 'MySQL', 'BigQuery', 'Snowflake'];

interface PermissionDoc {
  team?: string;
  user?: string;
  access_level: string;
}

/**
 * `scale` shrinks the org for the benchmarks' scaling runs (0.1 = a tenth of the users, teams,
 * dashboards and datasources); the mix of memberships and permissions stays the same.
 */
export function generateSeedDocument(size: GenerateSize, seed: number, org = 'example-org', scale = 1): Record<string, unknown> {
  const full = SHAPES[size];
  const scaled = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  const shape: Shape = {
    ...full,
    users: scaled(full.users, 3),
    teams: scaled(full.teams, 3),
    dashboards: scaled(full.dashboards, 1),
    datasources: scaled(full.datasources, 1),
  };
  const random = createRandom(seed);
  const wide = size === 'large';

  const users = Array.from({ length: shape.users }, (_, i) => {
    const first = random.pick(FIRST);
    const last = random.pick(LAST);
    const email = i === 0 ? 'owner@example.com' : wide ? `user${String(i).padStart(5, '0')}@example.com` : `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`;
    return { email, display_name: i === 0 ? 'Org Owner' : `${first} ${last}` };
  });

  // Owners and "Added from Dashboard" first, then named teams (numbered once the words run out).
  const teamNames = [OWNERS_TEAM_NAME, ADDED_FROM_DASHBOARD_TEAM_NAME];
  for (let i = 0; teamNames.length < shape.teams; i++) {
    const word = TEAM_WORDS[i % TEAM_WORDS.length] as string;
    teamNames.push(i < TEAM_WORDS.length ? word : `${word} ${Math.floor(i / TEAM_WORDS.length) + 1}`);
  }
  const members = teamNames.map(() => [] as string[]);
  const normal = teamNames.length - 2;
  const ownersCount = wide ? 5 : 2;
  users.forEach((user, i) => {
    const home = i < ownersCount ? 0 : normal > 0 ? 2 + random.int(0, normal - 1) : 0;
    (members[home] as string[]).push(user.email);
    // Some users hold a second team, so "remove from a team" is not always "only team".
    if (normal > 1 && random.next() < 0.3) {
      const second = 2 + random.int(0, normal - 1);
      if (second !== home) (members[second] as string[]).push(user.email);
    }
  });
  // A few users came in by dashboard sharing (they also belong to a real team).
  for (let i = ownersCount; i < users.length && (members[1] as string[]).length < Math.max(2, users.length / 500); i += 7) {
    (members[1] as string[]).push((users[i] as { email: string }).email);
  }
  const teams = teamNames.map((name, i) => ({ name, members: members[i] }));

  const grantees = teamNames.length > 2 ? teamNames.slice(2) : teamNames;
  const permissions = (kind: PermissionKind, [min, max]: [number, number]): PermissionDoc[] => {
    const count = random.int(min, max);
    const used = new Set<string>();
    const result: PermissionDoc[] = [];
    for (let tries = 0; result.length < count && tries < count * 4; tries++) {
      const useTeam = random.next() < 0.6;
      const principal = useTeam ? (random.pick(grantees)) : random.pick(users).email;
      const key = `${useTeam ? 't' : 'u'}:${principal}`;
      if (used.has(key)) continue;
      used.add(key);
      const access_level = random.pick(ACCESS_LEVELS[kind]);
      result.push(useTeam ? { team: principal, access_level } : { user: principal, access_level });
    }
    return result;
  };

  const dashboards = Array.from({ length: shape.dashboards }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length] as string;
    const slug = i === 0 ? 'example-dashboard' : `${topic}-${i}`;
    return {
      slug,
      title: i === 0 ? 'Example Dashboard' : `${topic[0]?.toUpperCase()}${topic.slice(1)} ${i}`,
      link_sharing_access: random.pick(['none', 'none', 'viewer', 'editor']),
      permissions: permissions('dashboards', shape.dashboardPermissions),
    };
  });

  const datasources = Array.from({ length: shape.datasources }, (_, i) => ({
    slug: i === 0 ? 'data-warehouse' : `datasource-${i}`,
    alias: i === 0 ? 'Data Warehouse' : `Datasource ${i}`,
    dstype: i === 0 ? 'Redshift' : random.pick(DSTYPES),
    permissions: permissions('datasources', shape.datasourcePermissions),
  }));

  return { org, users, teams, dashboards, datasources };
}

/** The org used when neither `--data` nor `--generate` is given: one owner, the Owners team. */
export function minimalSeedDocument(org = 'example-org'): Record<string, unknown> {
  return {
    org,
    users: [{ email: 'owner@example.com', display_name: 'Org Owner' }],
    teams: [{ name: OWNERS_TEAM_NAME, members: ['owner@example.com'] }],
  };
}
