import type { DocumentRules } from '../config/document-rules.js';
import type { AccessGrant } from '../core/access-grant.js';
import type { AuditPerson } from '../core/person-review.js';
import type { Change } from '../core/change.js';
import type { DriftDirection } from '../core/drift-direction.js';
import type { PlanProblem } from '../core/plan-problem.js';
import type { ManagedAccess } from '../core/unmanaged-access.js';
import type { RateLimit } from '../core/rate-limit-spec.js';
import type { HttpClient, HttpEvent } from '../http/client.js';

/** Run-wide settings from the command line; the provider combines them with environment and file. */
export interface ConnectionSettings {
  /** `--rate-limit N/SECONDS`, parsed; overrides the file's `rate_limit`. */
  rateLimit?: RateLimit;
  /** `--parallelism N`: requests in flight at once. */
  parallelism: number;
  /** `--timeout SECONDS`, in ms: how long one response may take (headers, silence in the body, and in all). */
  timeoutMs?: number;
  /** `--max-read-mib N`, in bytes: what the whole run may read, all responses together. */
  maxReadBytes?: number;
  /** `--max-requests N`: attempts the whole run may send. */
  maxRequests?: number;
  /** `--deadline SECONDS`, in ms: the run's time limit, from connecting. */
  deadlineMs?: number;
  /** Every finished HTTP attempt (`ACCESSCTL_DEBUG=1`); events never carry credentials. */
  onHttpEvent?: (event: HttpEvent) => void;
  env: NodeJS.ProcessEnv;
}

/** Which target a document (or a saved plan) is for: `{ org, url }` for Chartio. Never credentials. */
export type TargetIdentity = Record<string, string>;

/** A connected target: one HTTP client for the whole run, and what identifies the target in output. */
export interface Target {
  client: HttpClient;
  identity: TargetIdentity;
  /** Shown in plans and reports, never with credentials: `chartio org example-org (https://api.chartio.com/v1)`. */
  description: string;
}

/** A refusal explained: `CHARTIO_API_KEY was refused for org "acme"`, and the file's key that chose it (`chartio.org`). */
export interface CredentialHint {
  message: string;
  /** The document key the refused target came from, to point at its line; absent when the environment chose it. */
  path?: (string | number)[];
}

export interface SimulatedTarget {
  /** Variables that point the run at the simulator (URL and its credentials). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface ProviderPlan<Operation = unknown> {
  changes: Change<Operation>[];
  /** Reasons the file cannot be applied as written (an object that does not exist live). */
  problems: PlanProblem[];
  /** Worth a reviewer's look but not in the way (look-alike names). */
  warnings?: PlanProblem[];
  /** Live objects per kind, for `safety.max_deletions`. */
  liveCounts: Record<string, number>;
}

export interface ReadProgress {
  (done: number, expected: number): void;
}

/**
 * One target (Chartio, Grafana) behind one interface; nothing provider-specific lives in
 * the core. A provider always describes its documents; `reconciler` is there once the
 * provider can read, plan and apply.
 */
export interface Provider {
  /** The value of `provider:` in a desired-state file. */
  name: string;
  documentRules: DocumentRules;
  // `any`: each provider has its own document, live and operation types; the CLI only passes them through.
  reconciler?: Reconciler<any, any, any>;
}

/**
 * The reconcile steps, narrow so each can be tested with small fakes: read live state,
 * plan pure data against it, fingerprint what was read, apply one change.
 */
export interface Reconciler<Document, Live, Operation> {
  /**
   * Which target a document is for. The API root comes only from trusted sources: `urlFlag`
   * (`--url`), else the environment, else the provider's default; never from the document
   * (DESIGN §1 principle 5). Throws a plain-language error when none names it. Pure.
   */
  identify(document: Document, env: NodeJS.ProcessEnv, urlFlag?: string): TargetIdentity;
  /** The `url:` the document asserts, and where it is, to check against the identity before any request. */
  declaredUrl(document: Document): { url: string; path: (string | number)[] } | undefined;
  /** Opens a client to the target, with credentials from the environment; throws a plain-language error when any is missing. */
  connect(identity: TargetIdentity, settings: ConnectionSettings, document?: Document): Target;
  /**
   * For a 401 or 403 answer: which environment variables were refused, and for what (an org, an
   * instance), so the person knows what to fix. Only the provider knows its variables' names and
   * what a refusal means for its API; the HTTP layer stays provider-blind. Never a credential's value.
   */
  credentialHint?(identity: TargetIdentity, status: 401 | 403): CredentialHint;
  /** What must be read for this document (its scope), as plain data kept in saved plans. */
  refreshScope(document: Document): unknown;
  readLive(target: Target, scope: unknown, progress?: ReadProgress): Promise<Live>;
  plan(document: Document, live: Live): ProviderPlan<Operation>;
  /**
   * Every address the file or live state holds, in the form changes are addressed (an object
   * with nothing to change included): what tells a `--target` typo from a real object that is
   * already as the file says, and an `ignore:` rule that matches nothing from one that does.
   */
  knownAddresses?(document: Document, live: Live): string[];
  /** A fingerprint per live object key (see Change.touches), for stale-plan checks. */
  fingerprints(live: Live): Record<string, string>;
  /**
   * Starts this provider's simulator in-process on loopback, seeded from a data file, for
   * `--simulate FILE` (the quick start and demos); returns the environment that points a run at it.
   */
  simulate?(dataFile: string, document: Document): Promise<SimulatedTarget>;
  /** For `accessctl export`: a document that names the target (from flags) and asks to read everything. */
  exportRequest?(flags: { org?: string }): Document;
  /** What `export` reads, when the request document cannot say "everything" itself. */
  exportScope?(request: Document): unknown;
  /**
   * The live state as a desired-state document that plans no changes against it. With
   * `spelledAs`, names that have several spellings (a login or an email) are written the way
   * that file writes them, so a diff of the two shows only real differences.
   */
  exportDocument?(live: Live, spelledAs?: Document): Document;
  /** For `accessctl audit`: what to read (everything the file's target holds, not just its scope). */
  auditScope?(document: Document): unknown;
  /** Every path by which a user reaches a resource, from live state. */
  auditGrants?(live: Live): AccessGrant[];
  /** What live state says about the people in `auditGrants` (last seen, disabled, external), for the review's flags. */
  auditPeople?(live: Live): AuditPerson[];
  /** Each resource's title as people know it, keyed as `auditGrants` names resources (`dashboard:<slug>` -> "Sales"). */
  auditTitles?(live: Live): Record<string, string>;
  /** Access the grants cannot show (anonymous access of unknown reach), said in the report. */
  auditNotes?(live: Live): string[];
  /**
   * For `drift --unmanaged`: the resources whose permissions the document manages, named as
   * `auditGrants` names them, and the paths that reach a whole org (its admins). `live` is read
   * with `auditScope`.
   */
  auditManaged?(document: Document, live: Live): ManagedAccess;
  /**
   * For `drift`: which way each planned change moves access (by change id), from the
   * effective-access model: access before and after the change is applied, to `live` and to
   * the state the plan leaves (`core/change-directions.ts`).
   */
  accessDirections?(live: Live, changes: readonly Change<Operation>[]): Record<string, DriftDirection>;
  /** `accessctl schema-sync` (Chartio): starts a datasource's schema sync and, with `wait`, polls it to its end. */
  schemaSync?(target: Target, datasource: string, options: SchemaSyncOptions): Promise<SchemaSyncResult>;
  /** Applies one change; `session` carries ids of objects created earlier in the same apply. */
  createApplySession(target: Target): (change: Change<Operation>) => Promise<void>;
}

export interface SchemaSyncOptions {
  /** Poll the task until it finishes (or the API's 15 minutes pass). */
  wait: boolean;
  /** Called after each poll that found the task still running. */
  onPoll?: (poll: number) => void;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface SchemaSyncResult {
  datasource: { id: number; name: string };
  taskId: string;
  /** Present once the task finished (with `wait`). */
  outcome?: { success: boolean; message: string; addedObjects: Record<string, string> };
}
