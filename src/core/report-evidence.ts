/** One desired-state file a report was made from, as the operator named it (relative to cwd). */
export interface FileDigest {
  path: string;
  sha256: string;
}

/** The commit the working directory had checked out; `ref` absent when HEAD is detached. */
export interface GitCommit {
  sha: string;
  ref?: string;
}

/**
 * What a report was made from, so a reader can tell which files, which version and which moment
 * a report describes (issue 14, item 4): an access review or a drift ticket is evidence only
 * when it can be traced back to the commit and bytes it was run on.
 */
export interface ReportEvidence {
  /** ISO-8601, UTC (`Z`). */
  generatedAt: string;
  tool: 'accessctl';
  version: string;
  /** The target as the commands describe it (`chartio org example-org (https://…)`). */
  target: string;
  files: FileDigest[];
  commit?: GitCommit;
}

export interface EvidenceParts {
  now: Date;
  version: string;
  target: string;
  files: readonly FileDigest[];
  commit?: GitCommit | undefined;
}

/** Pure: the parts gathered by the CLI, as one record (copies, so a later change to the inputs cannot alter it). */
export function buildReportEvidence(parts: EvidenceParts): ReportEvidence {
  return {
    generatedAt: parts.now.toISOString(),
    tool: 'accessctl',
    version: parts.version,
    target: parts.target,
    files: parts.files.map((file) => ({ path: file.path, sha256: file.sha256 })),
    ...(parts.commit ? { commit: { sha: parts.commit.sha, ...(parts.commit.ref !== undefined ? { ref: parts.commit.ref } : {}) } } : {}),
  };
}
