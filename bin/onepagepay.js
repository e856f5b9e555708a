#!/usr/bin/env node
// The package's CLI entry: runs the compiled CLI (built by `npm run build`, which `npm install` runs).
import '../dist/cli.js';
