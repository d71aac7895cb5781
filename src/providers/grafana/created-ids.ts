/**
 * Ids of orgs and teams resolved during one apply: created by an earlier change of the same
 * apply, or looked up by name once. Later changes refer to them by name (`OrgRef {name}`,
 * `TeamRef {org, name}`), because their ids did not exist when the plan was made.
 * One instance per apply session; nothing here outlives it.
 */
export class GrafanaCreatedIds {
  readonly #orgs = new Map<string, number>();
  readonly #teams = new Map<string, number>();

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
}

function teamKey(orgId: number, name: string): string {
  // Exact, as Grafana's `isTeamNameTaken` compares team names (see plan-teams.ts).
  return `${orgId}\u0000${name}`;
}
