#!/usr/bin/env node
import { buildProgram, runProgram } from './commands/program.js';

await runProgram(buildProgram(), process.argv.slice(2));
