import type { PlanProblem } from './plan-problem.js';

/**
 * One step of a plan. The core orders, guards, renders and executes changes without
 * knowing what they touch; `operation` is the provider's own description of the requests
 * to make, opaque to everything but that provider.
 */
export type ChangeAction = 'create' | 'update' | 'delete' | 'rename';

/**
 * The order a plan reads in (DESIGN §4). Execution follows `dependsOn`, not phases: a
 * change starts as soon as what it depends on is done.
 */
export const PHASES = [
  'create-containers', // create and rename teams / orgs
  'create-users',
  'add-members', // add members, promote roles
  'grant', // grant or raise permissions
  'revoke', // revoke or lower permissions
  'remove-members', // remove members, demote roles
  'delete-users',
  'delete-containers', // delete teams / orgs
] as const;
export type Phase = (typeof PHASES)[number];

export interface Change<Operation = unknown> {
  /** Unique within a plan; what `dependsOn` refers to. */
  id: string;
  /** The resource, Terraform-style: `team["Marketing"]`, `dashboard["sales"].team["Ops"]`. `--target` matches on it. */
  address: string;
  action: ChangeAction;
  /** Kind of object, for deletion limits and counts: team, member, user, permission … */
  kind: string;
  phase: Phase;
  /** One line for people: `add alice@example.com to team "Marketing"`. */
  summary: string;
  /** Values for the plan's JSON and the diff view. */
  before?: unknown;
  after?: unknown;
  /** ids of changes that must finish first. */
  dependsOn: string[];
  /** The user or team whose access this removes or lowers, for `safety.protected`. */
  principal?: string;
  /** True for deletions and for lowering a level or role. */
  reducesAccess: boolean;
  /** Keys of the live objects this change reads or writes; a saved plan is stale when one of them changed. */
  touches: string[];
  /**
   * Addresses of other resources this change alters as a side effect, sorted: deleting a user
   * also removes their memberships and grants, renaming a team changes the live team of the old
   * name. `ignore:` rules match these too, so an ignored address is never changed by the back door.
   */
  alsoChanges?: string[];
  /** Why this change cannot be applied as planned (the plan still shows it). */
  blocked?: string;
  /**
   * The parts of `blocked` that concern something the desired-state file says (a team it
   * names that exists nowhere), each with its path in the document, so the plan can name the
   * file, line and column as `validate` does.
   */
  blockedAt?: PlanProblem[];
  /** The provider's description of what to send. */
  operation: Operation;
}
