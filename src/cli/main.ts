#!/usr/bin/env node
import { redactorFromEnv } from '../http/env-redactor.js';
import { escapeControl } from '../render/escape-text.js';
import { buildProgram } from './program.js';
import { processIO } from './io.js';

const program = buildProgram(processIO());
try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Commands report what they expect; anything else would reach Node's default handler, which
  // prints a stack trace and the error's properties (request options, a quoted value) raw.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${escapeControl(redactorFromEnv(process.env)(message))}\n`);
  process.exitCode = 1;
}
