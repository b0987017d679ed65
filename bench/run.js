// `npm run bench`: builds nothing itself (npm runs `build` first), then runs every benchmark
// module present and prints its table. Ratios are always against a baseline of the same run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const order = ['validate.js', 'consolidate.js', 'summary.js', 'diff.js', 'addin.js'];
let failed = 0;
for (const f of order) {
  const p = path.join(__dirname, f);
  if (!fs.existsSync(p)) continue;
  console.log(`\n# ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', p], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
