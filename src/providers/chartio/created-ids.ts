import { userKey } from '../../core/principal-name.js';

/**
 * Ids of teams and users created earlier in the same apply, so a later change that refers
 * to them by name or email (they had no id when planned) can address them. One per apply.
 */
export class CreatedIds {
  private readonly teams = new Map<string, number>();
  private readonly users = new Map<string, number>();

  setTeam(name: string, id: number): void {
    this.teams.set(name, id);
  }

  team(name: string): number | undefined {
    return this.teams.get(name);
  }

  setUser(email: string, id: number): void {
    this.users.set(userKey(email), id);
  }

  user(email: string): number | undefined {
    return this.users.get(userKey(email));
  }
}
