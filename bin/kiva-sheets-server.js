#!/usr/bin/env node
'use strict';
// The server starts when its entry point is loaded (see src/server/main.ts).
require('./launch').load('server', 'src/server/main.ts');
