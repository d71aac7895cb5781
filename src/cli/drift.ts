import { Command, Option } from 'commander';
import { levelRank } from '../core/access-grant.js';
import { buildDriftReport, hasDrift, type DriftReport } from '../core/drift-report.js';
import { findUnmanagedAccess, type UnmanagedAccess } from '../core/unmanaged-access.js';
import { documentDiff } from '../render/document-diff.js';
import { renderDriftHtml } from '../render/drift-html.js';
import { renderDriftMarkdown } from '../render/drift-markdown.js';
import { renderDriftText } from '../render/drift-text.js';
import { annotateIssues } from './annotate-issues.js';
import type { CliIO } from './io.js';
import { deadlineOption, fileOption, filesOrDefault, maxReadOption, maxRequestsOption, parallelismOption, rateLimitOption, simulateOption, timeoutOption, urlOption, type ConnectionFlags } from './options.js';
import { prepareSession, readLiveOrReport, ReportedError, type Session } from './reconcile-session.js';
import { emitReport } from './write-output.js';
import { renderJson } from '../render/render-json.js';
import { gatherEvidence } from './report-evidence.js';
import { ignoreRulesOf } from './plan-checks.js';

type Format = 'text' | 'json' | 'markdown' | 'html';

interface DriftFlags extends ConnectionFlags {
  file?: string[];
  format: Format;
  output?: string;
  simulate?: string;
  unmanaged?: boolean;
}

const RENDER: Record<Format, (report: DriftReport) => string> = {
  text: renderDriftText,
  json: renderJson,
  markdown: renderDriftMarkdown,
  html: renderDriftHtml,
};

/**
 * `accessctl drift`: read-only; what changed outside Git, inside the file's scope. Exit 0 no
 * drift, 2 drift (including objects the file names that are missing live), 1 error. Expected
 * drift (`ignore:`) is counted in the report and does not make the exit code 2.
 */
export function driftCommand(io: CliIO): Command {
  return new Command('drift')
    .description('report changes made outside Git (read-only; exit 2 when there is drift)')
    .addOption(fileOption())
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'markdown', 'html']).default('text'))
    .option('--output <file>', 'write the report to FILE instead of stdout')
    .option('--unmanaged', 'also list live access no file manages: grants on resources it does not name, and org-wide admins (never drift)')
    .addOption(parallelismOption())
    .addOption(rateLimitOption('file'))
    .addOption(timeoutOption())
    .addOption(urlOption())
    .addOption(maxReadOption())
    .addOption(maxRequestsOption())
    .addOption(deadlineOption())
    .addOption(simulateOption())
    .action(async (flags: DriftFlags) => {
      try {
        const session = await prepareSession(io, {
          files: filesOrDefault(flags.file),
          parallelism: flags.parallelism,
          rateLimit: flags.rateLimit,
          timeout: flags.timeout,
          maxReadMib: flags.maxReadMib,
              maxRequests: flags.maxRequests,
          deadline: flags.deadline,
          targets: [],
          simulate: flags.simulate,
          url: flags.url,
        });
        annotateIssues(io, session.plan.issues);
        let unmanaged: UnmanagedAccess | undefined;
        try {
          if (flags.unmanaged) unmanaged = await readUnmanaged(io, session);
        } finally {
          await session.close();
        }
        // Every difference, ignored ones included: drift counts what `ignore:` expects, never hides it.
        const directions = session.reconciler.accessDirections?.(session.live, session.allChanges) ?? {};
        const report = buildDriftReport({ ...session.plan, changes: session.allChanges }, ignoreRulesOf(session.config.document), directions);
        if (unmanaged) report.unmanaged = unmanaged;
        if (session.reconciler.exportDocument) {
          const diff = documentDiff(session.config.document, session.reconciler.exportDocument(session.live, session.config.document) as Record<string, unknown>);
          if (diff && hasDrift(report)) report.diff = diff;
        }
        report.evidence = await gatherEvidence(io, { target: report.target, files: session.fileDigests });
        const rendered = RENDER[flags.format](report);
        await emitReport(io, flags.output, rendered);
        io.setExitCode(hasDrift(report) ? 2 : 0);
      } catch (error) {
        if (!(error instanceof ReportedError)) throw error;
        io.setExitCode(1);
      }
    });
}

/**
 * `--unmanaged`: a second read, with the audit's scope (everything the target holds), folded
 * into effective access and split by what the file manages. Listed only: it never becomes a
 * change and never sets the exit code.
 */
async function readUnmanaged(io: CliIO, session: Session): Promise<UnmanagedAccess> {
  const { reconciler, config } = session;
  if (!reconciler.auditGrants || !reconciler.auditManaged) {
    io.stderr(`error: drift --unmanaged is not available for "${config.provider}" in this version\n`);
    throw new ReportedError('no unmanaged report');
  }
  const scope = reconciler.auditScope ? reconciler.auditScope(config.document) : reconciler.refreshScope(config.document);
  const live = await readLiveOrReport(io, reconciler, session.target, scope, session.config);
  return findUnmanagedAccess(reconciler.auditGrants(live), reconciler.auditManaged(config.document, live), levelRank);
}
