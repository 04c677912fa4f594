#!/usr/bin/env node
// `tasklens execute | run | describe` — see src/cli/main.ts.
import '../dist/cli.js';
