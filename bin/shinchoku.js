#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm ci builds it through the "prepare" script).
let cli;
try {
  cli = require('../dist/lib/cli/main.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('shinchoku: ビルドされていません。先に npm ci（または npm run build）を実行してください\n');
    process.exit(2);
  }
  throw err;
}
// summary writes its Word file asynchronously: its exit code comes as a promise.
cli.mainAsync(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
