import { cutMarkdown } from './cut-text.js';
import type { GitHubApi } from './github-api.js';

/** GitHub refuses comments over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

/**
 * Posts the report as one comment on the pull request and, on later runs, updates that same
 * comment (found by a hidden marker naming the command and path), so a PR carries one
 * current plan rather than one per push. Only a comment the token's own identity wrote counts:
 * anyone can paste the marker, and a PR author's fake "No changes" comment carrying it must
 * not stand in for the plan (it would be left alone, and a new comment posted).
 */
export async function upsertComment(api: GitHubApi, repo: string, issue: number, marker: string, markdown: string): Promise<'created' | 'updated'> {
  const tag = `<!-- accessctl:${marker.replace(/--/g, '- -')} -->`;
  const body = cutMarkdown(`${tag}\n${markdown}`, COMMENT_LIMIT);
  const self = await api.identity();
  const existing = (await api.listComments(repo, issue)).find((comment) => comment.user?.login === self && comment.body.startsWith(tag));
  if (existing) {
    await api.updateComment(repo, existing.id, body);
    return 'updated';
  }
  await api.createComment(repo, issue, body);
  return 'created';
}
