#!/usr/bin/env node
import { buildProgram } from './program.js';
import { processIO } from './io.js';
import { describeUnexpected, installLastResort } from './last-resort.js';

installLastResort(process);
try {
  // Inside the try: even reading the working directory can fail (deleted under the shell).
  await buildProgram(processIO()).parseAsync(process.argv);
} catch (error) {
  // Commands report what they expect; anything else is a bug or an unforeseen condition.
  process.stderr.write(describeUnexpected(error, process.env));
  process.exitCode = 1;
}
