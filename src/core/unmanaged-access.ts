import { effectiveAccess, type AccessGrant, type EffectiveAccess } from './access-grant.js';

/**
 * What a desired-state file manages, in the naming of the provider's `auditGrants`: the
 * resources whose permission lists it manages (`dashboard:sales`, `Main Org./folder:ops`), and
 * the `via` of the paths that reach every resource of an org whether or not a grant names
 * anyone (Chartio's `owners`, Grafana's `org-role:Admin` and `server-admin`).
 */
export interface ManagedAccess {
  resources: readonly string[];
  orgWideVias: readonly string[];
  /**
   * Live teams no file names and no plan would delete (so not drift): a team made by hand, or
   * any team of an org the file leaves alone. The provider decides, by its planner's rules.
   */
  unmanagedTeams: readonly UnmanagedTeam[];
}

/** A live team no file names, with who is in it (a team is a path to access, or will be). */
export interface UnmanagedTeam {
  team: string;
  /** The org it lives in, where the target has several (Grafana). */
  org?: string;
  /** Members as the target names them (email or login), sorted. */
  members: string[];
}

/** Someone who reaches every resource of an org through one org-wide path. */
export interface OrgWideAdmin {
  user: string;
  via: string;
  /** The highest level the path gives (admin, for every path known today). */
  level: string;
  /** How many resources the path reaches, of those read. */
  resources: number;
}

/** `drift --unmanaged`: live access the file does not manage. Read-only: never changes, never drift. */
export interface UnmanagedAccess {
  /** Effective access on resources whose permissions no file manages, org-wide paths left out (they are in `admins`). */
  access: EffectiveAccess[];
  /** Everyone holding an org-wide path, one row per person and path. */
  admins: OrgWideAdmin[];
  /** Live teams no file names (nor would a plan delete), by org then name. */
  teams: UnmanagedTeam[];
}

/**
 * Splits live effective access into what the file does not manage: access on resources it
 * does not name, and org-wide admins (listed once each rather than on every resource). Pure.
 */
export function findUnmanagedAccess(grants: readonly AccessGrant[], managed: ManagedAccess, rank: (level: string) => number): UnmanagedAccess {
  const named = new Set(managed.resources);
  const orgWide = new Set(managed.orgWideVias);
  const access = effectiveAccess(
    grants.filter((grant) => !orgWide.has(grant.via) && !named.has(grant.resource)),
    rank,
  );
  const admins = new Map<string, OrgWideAdmin & { reached: Set<string> }>();
  for (const grant of grants) {
    if (!orgWide.has(grant.via)) continue;
    const key = JSON.stringify([grant.user, grant.via]);
    const admin = admins.get(key) ?? { user: grant.user, via: grant.via, level: grant.level, resources: 0, reached: new Set<string>() };
    admin.reached.add(grant.resource);
    if (rank(grant.level) > rank(admin.level)) admin.level = grant.level;
    admins.set(key, admin);
  }
  return {
    access,
    admins: [...admins.values()]
      .map(({ reached, ...admin }) => ({ ...admin, resources: reached.size }))
      .sort((a, b) => a.user.localeCompare(b.user) || a.via.localeCompare(b.via)),
    teams: [...managed.unmanagedTeams]
      .map((team) => ({ ...team, members: [...team.members].sort() }))
      .sort((a, b) => (a.org ?? '').localeCompare(b.org ?? '') || a.team.localeCompare(b.team)),
  };
}
