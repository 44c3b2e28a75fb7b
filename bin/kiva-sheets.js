#!/usr/bin/env node
'use strict';
// Runs the TypeScript sources directly (no build step): tsx compiles them as they are required.
require('tsx/cjs/api').register();
require('../src/cli/main.ts').run();
