/**
 * Ids of orgs and teams resolved during one apply: created by an earlier change of the same
 * apply, or looked up by name once. Later changes refer to them by name (`OrgRef {name}`,
 * `TeamRef {org, name}`), because their ids did not exist when the plan was made.
 * One instance per apply session; nothing here outlives it.
 */
export class GrafanaCreatedIds {
  readonly #orgs = new Map<string, number>();
  readonly #teams = new Map<string, number>();
  #actingUserId: Promise<number | undefined> | undefined;

  org(name: string): number | undefined {
    return this.#orgs.get(name);
  }

  setOrg(name: string, id: number): void {
    this.#orgs.set(name, id);
  }

  team(orgId: number, name: string): number | undefined {
    return this.#teams.get(teamKey(orgId, name));
  }

  setTeam(orgId: number, name: string, id: number): void {
    this.#teams.set(teamKey(orgId, name), id);
  }

  /**
   * Says up front that the credentials have no user of their own (a service-account token), so
   * `actingUserId` never asks `GET /api/user`: Grafana 10.4 answers a token 403 there and 11/12
   * a made-up `{"id":0,…}` (pkg/api/user.go `GetSignedInUser`), and a token-created team has no
   * creator member in any version (`createTeam` adds the creator only when `IsRealUser()`).
   */
  noActingUser(): void {
    this.#actingUserId = Promise.resolve(undefined);
  }

  /** The credentials' own user id, asked for once per apply (undefined for a service-account token). */
  actingUserId(lookup: () => Promise<number | undefined>): Promise<number | undefined> {
    // A failed lookup is not remembered: the next change may ask again.
    this.#actingUserId ??= lookup().catch((error: unknown) => {
      this.#actingUserId = undefined;
      throw error;
    });
    return this.#actingUserId;
  }
}

function teamKey(orgId: number, name: string): string {
  // Exact, as Grafana's `isTeamNameTaken` compares team names (see plan-teams.ts).
  return `${orgId}\u0000${name}`;
}
