import { Command, Option } from 'commander';
import { effectiveAccess, levelRank } from '../core/access-grant.js';
import { renderAuditHtml } from '../render/audit-html.js';
import { renderAuditCsv, renderAuditMarkdown, type AuditView } from '../render/audit-report.js';
import type { CliIO } from './io.js';
import { deadlineOption, fileOption, filesOrDefault, maxReadOption, maxRequestsOption, parallelismOption, rateLimitOption, simulateOption, staleDaysOption, timeoutOption, urlOption, type ConnectionFlags } from './options.js';
import { reviewPeople } from '../core/person-review.js';
import { loadConfigOrReport, readLiveOrReport, ReportedError } from './reconcile-session.js';
import { openTarget } from './open-target.js';
import { escapeControl } from '../render/escape-text.js';
import { emitReport } from './write-output.js';
import { renderJson } from '../render/render-json.js';
import { digestFiles } from './files-hash.js';
import { gatherEvidence } from './report-evidence.js';

type Format = 'csv' | 'json' | 'markdown' | 'html';

interface AuditFlags extends ConnectionFlags {
  staleDays: number;
  file?: string[];
  format: Format;
  output?: string;
  simulate?: string;
}

const RENDER: Record<Format, (view: AuditView) => string> = {
  csv: renderAuditCsv,
  json: renderJson,
  markdown: renderAuditMarkdown,
  html: renderAuditHtml,
};

/**
 * `accessctl audit`: effective access read from live state — every user, every resource they
 * reach, at which level, and through what. The file names the target; the read covers what
 * the target holds. Read-only. Exit 0, or 1 on error.
 */
export function auditCommand(io: CliIO): Command {
  return new Command('audit')
    .description('effective access from live state: who reaches what, at which level, through what')
    .addOption(fileOption())
    .addOption(new Option('--format <format>', 'report format').choices(['csv', 'json', 'markdown', 'html']).default('csv'))
    .option('--output <file>', 'write the report to FILE instead of stdout')
    .addOption(parallelismOption())
    .addOption(rateLimitOption('file'))
    .addOption(timeoutOption())
    .addOption(urlOption())
    .addOption(maxReadOption())
    .addOption(maxRequestsOption())
    .addOption(deadlineOption())
    .addOption(simulateOption())
    .addOption(staleDaysOption())
    .action(async (flags: AuditFlags) => {
      try {
        const { config, reconciler } = await loadConfigOrReport(io, filesOrDefault(flags.file));
        if (!reconciler?.auditGrants) {
          io.stderr(`error: audit is not available for "${config.provider}" in this version\n`);
          throw new ReportedError('no audit');
        }
        const { target, close } = await openTarget(io, reconciler, config.document, { flags, config });
        const scope = reconciler.auditScope ? reconciler.auditScope(config.document) : reconciler.refreshScope(config.document);
        let live: unknown;
        try {
          live = await readLiveOrReport(io, reconciler, target, scope, config);
        } finally {
          await close();
        }
        const evidence = await gatherEvidence(io, { target: target.description, files: (await digestFiles(io.cwd, config.files)).each });
        const access = effectiveAccess(reconciler.auditGrants(live), levelRank);
        const people = reviewPeople(access, reconciler.auditPeople?.(live) ?? [], { now: (io.now?.() ?? new Date()).getTime(), staleDays: flags.staleDays });
        const notes = reconciler.auditNotes?.(live) ?? [];
        const titles = reconciler.auditTitles?.(live);
        const view: AuditView = { target: target.description, access, ...(titles ? { titles } : {}), people, staleDays: flags.staleDays, ...(notes.length ? { notes } : {}), evidence };
        // CSV has no place for a note (a comment line would break the header-first shape), and a
        // note says what the rows cannot show (Grafana's anonymous access): it must not be lost.
        if (flags.format === 'csv') for (const note of notes) io.stderr(`warning: ${escapeControl(note)}\n`);
        const rendered = RENDER[flags.format](view);
        await emitReport(io, flags.output, rendered);
        io.setExitCode(0);
      } catch (error) {
        if (!(error instanceof ReportedError)) throw error;
        io.setExitCode(1);
      }
    });
}
