import { buildReportEvidence, type FileDigest, type ReportEvidence } from '../core/report-evidence.js';
import { readGitCommit } from './git-commit.js';
import type { CliIO } from './io.js';
import { toolVersion } from './tool-version.js';

/**
 * The I/O half of a report's evidence: the clock (`io.now`, for tests), this accessctl's version,
 * and the commit checked out in the working directory, read from `.git` without running git.
 * The file digests come from the caller, who already read the files once for them.
 */
export async function gatherEvidence(io: CliIO, parts: { target: string; files: readonly FileDigest[] }): Promise<ReportEvidence> {
  return buildReportEvidence({
    now: io.now?.() ?? new Date(),
    version: toolVersion(),
    target: parts.target,
    files: parts.files,
    commit: await readGitCommit(io.cwd),
  });
}
