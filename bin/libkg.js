#!/usr/bin/env node
// Thin entry: the compiled CLI does the work (npm install builds dist/ via `prepare`).
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
