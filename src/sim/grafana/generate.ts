import { createRandom, type Random } from '../shared/prng.js';
import { MAIN_ORG_NAME } from './seed-data.js';

/**
 * `--generate small|large`: a `--data` document from a seeded generator, so the same
 * `--seed` always gives the same Grafana.
 *  - small: a demo - 12 users, 2 orgs, 4 teams, 6 folders, 6 dashboards, one token;
 *  - large: 5,000 users, 20 orgs, 500 teams, 1,000 folders and 2,000 dashboards, with
 *    memberships and permissions (for benchmarks).
 * `admin` (the default server admin) is an Admin of every org, as the user who created them.
 */
export type GenerateSize = 'small' | 'large';

interface Shape {
  users: number;
  orgs: number;
  teamsPerOrg: number;
  foldersPerOrg: number;
  dashboardsPerFolder: number;
  teamSize: [number, number];
  folderPermissions: [number, number];
}

const SHAPES: Record<GenerateSize, Shape> = {
  small: { users: 12, orgs: 2, teamsPerOrg: 2, foldersPerOrg: 3, dashboardsPerFolder: 1, teamSize: [2, 4], folderPermissions: [1, 3] },
  large: { users: 5_000, orgs: 20, teamsPerOrg: 25, foldersPerOrg: 50, dashboardsPerFolder: 2, teamSize: [3, 25], folderPermissions: [1, 5] },
};

const FIRST = ['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy'];
const TEAM_WORDS = ['SRE', 'Backend', 'Frontend', 'Data', 'Payments', 'Growth', 'Security', 'Platform', 'Mobile', 'Support'];
const TOPICS = ['Latency', 'Errors', 'Traffic', 'Saturation', 'Billing', 'Signups', 'Queues', 'Databases', 'Caches', 'Kubernetes'];

type Doc = Record<string, unknown>;

export function generateSeedDocument(size: GenerateSize, seed: number): Doc {
  const shape = SHAPES[size];
  const random = createRandom(seed);
  const logins = Array.from({ length: shape.users }, (_, i) => `${random.pick(FIRST)}${i + 1}`);
  const users = logins.map((login, i) => ({
    login,
    email: `${login}@example.com`,
    name: login.replace(/^\w/, (c) => c.toUpperCase()),
    // A few users can sign in (demo logins); the rest are SSO-only, as most real users are.
    ...(i < 3 ? { password: 'password' } : {}),
  }));

  // Each user lives in one home org; about a third also belong to a second org.
  const membersOf = Array.from({ length: shape.orgs }, () => [] as string[]);
  logins.forEach((login, i) => {
    const home = i % shape.orgs;
    (membersOf[home] as string[]).push(login);
    if (shape.orgs > 1 && random.next() < 0.3) {
      const other = (home + random.int(1, shape.orgs - 1)) % shape.orgs;
      (membersOf[other] as string[]).push(login);
    }
  });

  const orgs = membersOf.map((members, o) => {
    const users = [
      { user: 'admin', role: 'Admin' },
      ...members.map((login, k) => ({ user: login, role: k === 0 ? 'Admin' : roleFor(random) })),
    ];
    const teams = Array.from({ length: shape.teamsPerOrg }, (_, k) => {
      const word = TEAM_WORDS[k % TEAM_WORDS.length] as string;
      const name = k < TEAM_WORDS.length ? word : `${word} ${Math.floor(k / TEAM_WORDS.length) + 1}`;
      const picked = sample(random, members, random.int(...shape.teamSize));
      return { name, members: picked.slice(1), admins: picked.slice(0, 1) };
    });
    const permissions = (): Doc[] => {
      const result: Doc[] = [{ role: 'Viewer', permission: 'View' }];
      const count = random.int(...shape.folderPermissions);
      const usedTeams = new Set<string>();
      const usedUsers = new Set<string>();
      for (let p = 0; p < count; p++) {
        const level = random.pick(['View', 'Edit', 'Admin']);
        if (teams.length > 0 && random.next() < 0.7) {
          const team = random.pick(teams).name;
          if (!usedTeams.has(team)) result.push({ team, permission: level });
          usedTeams.add(team);
        } else if (members.length > 0) {
          const user = random.pick(members);
          if (!usedUsers.has(user)) result.push({ user, permission: level });
          usedUsers.add(user);
        }
      }
      return result;
    };
    const folders = Array.from({ length: shape.foldersPerOrg }, (_, k) => ({
      uid: `o${o + 1}-f${k + 1}`,
      title: `${random.pick(TOPICS)} ${k + 1}`,
      permissions: permissions(),
      dashboards: Array.from({ length: shape.dashboardsPerFolder }, (_, d) => ({
        uid: `o${o + 1}-f${k + 1}-d${d + 1}`,
        title: `${random.pick(TOPICS)} overview ${k + 1}.${d + 1}`,
        permissions: random.next() < 0.3 ? [{ team: random.pick(teams).name, permission: 'Edit' }] : [],
      })),
    }));
    return { name: o === 0 ? MAIN_ORG_NAME : `Org ${o + 1}`, users, teams, folders };
  });

  const tokens = [{ token: 'sim-token-org1-admin', org: 1, role: 'Admin', name: 'accessctl' }];
  return { users, orgs, tokens };
}

function roleFor(random: Random): string {
  const r = random.next();
  return r < 0.05 ? 'Admin' : r < 0.25 ? 'Editor' : r < 0.97 ? 'Viewer' : 'None';
}

/** `count` distinct elements (or all of them), in the generator's order. */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const result: T[] = [];
  while (result.length < count && pool.length > 0) {
    const i = random.int(0, pool.length - 1);
    result.push(pool[i] as T);
    pool.splice(i, 1);
  }
  return result;
}
