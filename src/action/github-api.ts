import { fetch } from 'undici';

export interface IssueComment {
  id: number;
  body: string;
  /** Who wrote it; GitHub sends null for a deleted account ("ghost"). */
  user?: { login?: string } | null;
}

/**
 * Who comments when the Action runs with GITHUB_TOKEN. That token is an installation token of
 * the GitHub Actions app, for which `GET /user` answers 403 "Resource not accessible by
 * integration"; its comments carry this login.
 */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * The few GitHub REST calls the Action makes (issue comments), on undici. Pagination follows
 * `Link: rel="next"` only on the API's own origin, so the token never goes anywhere else.
 */
export class GitHubApi {
  constructor(
    private readonly apiUrl: string,
    private readonly token: string,
  ) {}

  async listComments(repo: string, issue: number): Promise<IssueComment[]> {
    const origin = new URL(this.apiUrl).origin;
    const comments: IssueComment[] = [];
    let url: string | undefined = `${this.apiUrl}/repos/${repo}/issues/${issue}/comments?per_page=100`;
    for (let page = 0; url && page < 100; page++) {
      const response = await this.send('GET', url);
      comments.push(...((await response.json()) as IssueComment[]));
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1];
      url = next && new URL(next, url).origin === origin ? next : undefined;
    }
    return comments;
  }

  /**
   * The login the token acts as: `GET /user` for a personal token, the GitHub Actions bot when
   * GitHub answers 403 (an installation token has no user). Other failures are thrown: without
   * knowing who we are, no existing comment may be taken for ours.
   */
  async identity(): Promise<string> {
    const response = await this.send('GET', `${this.apiUrl}/user`, undefined, [403]);
    if (response.status === 403) return ACTIONS_BOT_LOGIN;
    const login = ((await response.json()) as { login?: unknown }).login;
    if (typeof login !== 'string' || login === '') throw new Error('GitHub API GET /user: no login in the answer');
    return login;
  }

  async createComment(repo: string, issue: number, body: string): Promise<void> {
    await this.send('POST', `${this.apiUrl}/repos/${repo}/issues/${issue}/comments`, { body });
  }

  async updateComment(repo: string, id: number, body: string): Promise<void> {
    await this.send('PATCH', `${this.apiUrl}/repos/${repo}/issues/comments/${id}`, { body });
  }

  /** `accept` lists statuses outside 2xx that the caller handles itself. */
  private async send(method: string, url: string, body?: unknown, accept: readonly number[] = []) {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/vnd.github+json',
        'user-agent': 'accessctl-action',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      redirect: 'manual',
    });
    if (!response.ok && !accept.includes(response.status)) {
      const text = (await response.text()).slice(0, 300);
      throw new Error(`GitHub API ${method} ${new URL(url).pathname} -> ${response.status}: ${text}`);
    }
    return response;
  }
}
