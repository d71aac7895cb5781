#!/usr/bin/env node
import { buildProgram } from './program.js';
import { processIO } from './io.js';

const program = buildProgram(processIO());
await program.parseAsync(process.argv);
