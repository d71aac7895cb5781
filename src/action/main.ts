#!/usr/bin/env node
/**
 * The GitHub Action's entry (action.yml runs it after installing accessctl): runs plan, apply
 * or drift through the same program as the CLI, writes the job summary and the step outputs,
 * and on a pull request keeps one comment with the current report.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DriftReport } from '../core/drift-report.js';
import { renderAuditMarkdown, type AuditView } from '../render/audit-report.js';
import type { SavedPlan } from '../core/saved-plan.js';
import { renderDriftMarkdown } from '../render/drift-markdown.js';
import { renderDriftText } from '../render/drift-text.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { redactorFromEnv } from '../http/env-redactor.js';
import { printable } from '../http/errors.js';
import { escapeControl } from '../render/escape-text.js';
import { GitHubApi } from './github-api.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { maskCommands } from './mask-secrets.js';
import { upsertComment } from './pr-comment.js';
import { runCommand } from './run-command.js';
import { setOutputs, writeSummary } from './runner-files.js';

interface Outcome {
  code: number;
  markdown: string;
  log: string;
  hasChanges: boolean;
  planJson: string;
  /** audit: the JSON report, for a later step to keep as an artifact. */
  auditJson?: string;
  /** accessctl's annotations (escaped workflow commands it built), printed after the log. */
  annotations: string;
}

export async function runAction(env: NodeJS.ProcessEnv, write: (text: string) => void): Promise<number> {
  const inputs = readInputs(env);
  // Masks first: nothing may print before the runner knows what to scrub.
  for (const line of maskCommands(env, inputs.githubToken)) write(`${line}\n`);
  const cwd = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), inputs.workingDirectory);
  const dir = await mkdtemp(path.join(env.RUNNER_TEMP ?? tmpdir(), 'accessctl-'));
  // The CLI already redacts the provider credentials; this pass adds the Action's own token.
  const redact = redactorFromEnv(env, inputs.githubToken ? [inputs.githubToken] : []);
  const ran = await run(inputs, env, cwd, dir);
  const outcome = { ...ran, markdown: redact(ran.markdown), log: redact(ran.log), annotations: redact(ran.annotations) };

  // Names from servers could hold "::" workflow commands; stop command processing while the log prints.
  const token = `accessctl-${Math.random().toString(36).slice(2)}`;
  write(`::stop-commands::${token}\n${outcome.log}\n::${token}::\n`);
  // Built by accessctl from escaped text (workflow-command.ts), never copied from the log, so
  // they may act: GitHub shows each problem on its file's line.
  write(outcome.annotations);

  const report = path.join(dir, `${inputs.command}.md`);
  await writeFile(report, outcome.markdown);
  await writeSummary(env.GITHUB_STEP_SUMMARY, outcome.markdown);
  await setOutputs(env.GITHUB_OUTPUT, {
    exitcode: String(outcome.code),
    'has-changes': String(outcome.hasChanges),
    'plan-json': outcome.planJson,
    'audit-json': outcome.auditJson ?? '',
    report,
  });
  await commentOnPullRequest(inputs, env, outcome.markdown, (text) => write(redact(text)));
  // Exit 2 (changes, drift) is a result, not a failure: workflows read the `exitcode` output.
  return outcome.code === 1 ? 1 : 0;
}

async function run(inputs: ActionInputs, env: NodeJS.ProcessEnv, cwd: string, dir: string): Promise<Outcome> {
  const common = ['-f', inputs.path, '--parallelism', inputs.parallelism, ...inputs.args];
  if (inputs.command === 'plan') {
    const planJson = path.join(dir, 'plan.json');
    const result = await runCommand(['plan', ...common, '--format', 'json', '--out', planJson, '--detailed-exitcode'], env, cwd);
    const plan = await readJson<SavedPlan>(planJson);
    if (!plan) return failed(result, 'plan');
    return {
      code: result.code,
      markdown: renderPlanMarkdown(plan),
      log: `${renderPlanText(plan)}${result.stderr}`,
      hasChanges: plan.changes.length > 0,
      planJson,
      annotations: result.workflowCommands,
    };
  }
  if (inputs.command === 'drift') {
    const reportJson = path.join(dir, 'drift.json');
    const result = await runCommand(['drift', ...common, ...(inputs.unmanaged ? ['--unmanaged'] : []), '--format', 'json', '--output', reportJson], env, cwd);
    const report = await readJson<DriftReport>(reportJson);
    if (!report) return failed(result, 'drift');
    return { code: result.code, markdown: renderDriftMarkdown(report), log: `${renderDriftText(report)}${result.stderr}`, hasChanges: result.code === 2, planJson: '', annotations: result.workflowCommands };
  }
  if (inputs.command === 'audit') {
    const auditJson = path.join(dir, 'audit.json');
    const result = await runCommand(['audit', ...common, '--stale-days', inputs.staleDays, '--format', 'json', '--output', auditJson], env, cwd);
    const view = await readJson<AuditView>(auditJson);
    if (!view) return failed(result, 'audit');
    return { code: result.code, markdown: renderAuditMarkdown(view), log: result.stderr, hasChanges: false, planJson: '', auditJson, annotations: result.workflowCommands };
  }
  // There is no terminal in Actions: apply on merge is unattended by design.
  const result = await runCommand(['apply', ...common, '--auto-approve'], env, cwd);
  const log = `${result.stdout}${result.stderr}`;
  return {
    code: result.code,
    markdown: `### accessctl apply\n\n${fenced(log)}`,
    log,
    hasChanges: /^Apply (complete|incomplete):/m.test(result.stdout),
    planJson: '',
    annotations: result.workflowCommands,
  };
}

/**
 * A command that produced no report. The PR comment and the summary carry accessctl's own error
 * lines (its stderr: one line per problem, already redacted and escaped by the CLI) and never
 * stdout, which could hold a file's contents or a server's answer; each line is escaped again
 * and the block is fenced, so nothing in it renders as Markdown.
 */
function failed(result: { code: number; stdout: string; stderr: string; workflowCommands: string }, command: string): Outcome {
  const errors = result.stderr
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(escapeControl);
  const reason = errors.length ? errors.join('\n') : `accessctl exited with code ${result.code || 1} and printed no error`;
  return {
    code: result.code || 1,
    markdown: `### accessctl ${command} failed\n\n${fenced(reason)}`,
    log: `${result.stdout}${result.stderr}`,
    hasChanges: false,
    planJson: '',
    annotations: result.workflowCommands,
  };
}

async function commentOnPullRequest(inputs: ActionInputs, env: NodeJS.ProcessEnv, markdown: string, write: (text: string) => void): Promise<void> {
  if (!inputs.comment || env.GITHUB_EVENT_NAME !== 'pull_request' || !env.GITHUB_EVENT_PATH || !env.GITHUB_REPOSITORY) return;
  const event = await readJson<{ pull_request?: { number?: number } }>(env.GITHUB_EVENT_PATH);
  const number = event?.pull_request?.number;
  if (!number || !inputs.githubToken) return;
  const api = new GitHubApi(env.GITHUB_API_URL ?? 'https://api.github.com', inputs.githubToken);
  try {
    const done = await upsertComment(api, env.GITHUB_REPOSITORY, number, `${inputs.command}:${inputs.path}`, markdown);
    write(`Pull request comment ${done}.\n`);
  } catch (error) {
    // The message quotes GitHub's answer: one escaped line, so it cannot issue workflow commands.
    write(`::warning::could not comment on the pull request: ${printable((error as Error).message).replace(/::/g, ': :')}\n`);
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function fenced(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text.trimEnd()}\n${fence}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  runAction(process.env, (text) => process.stdout.write(text)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stdout.write(`::error::${(error as Error).message.replace(/[\r\n]+/g, ' ')}\n`);
      process.exitCode = 1;
    },
  );
}
