import { fetch } from 'undici';

export interface IssueComment {
  id: number;
  body: string;
}

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

  async createComment(repo: string, issue: number, body: string): Promise<void> {
    await this.send('POST', `${this.apiUrl}/repos/${repo}/issues/${issue}/comments`, { body });
  }

  async updateComment(repo: string, id: number, body: string): Promise<void> {
    await this.send('PATCH', `${this.apiUrl}/repos/${repo}/issues/comments/${id}`, { body });
  }

  private async send(method: string, url: string, body?: unknown) {
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
    if (!response.ok) {
      const text = (await response.text()).slice(0, 300);
      throw new Error(`GitHub API ${method} ${new URL(url).pathname} -> ${response.status}: ${text}`);
    }
    return response;
  }
}
