// `npm run bench`: builds nothing itself (npm runs `build` first), then runs every benchmark
// module present and prints its table. Ratios are always against a baseline of the same run.
// BENCH=summary (comma-separated names) runs only those modules: the full bench is long.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const all = ['validate.js', 'consolidate.js', 'standalone.js', 'summary.js', 'diff.js', 'addin.js'];
const only = (process.env.BENCH ?? '').split(',').map((s) => s.trim().replace(/\.js$/, '')).filter(Boolean);
const order = only.length ? all.filter((f) => only.includes(f.replace(/\.js$/, ''))) : all;
if (only.length && order.length !== only.length) {
  console.error(`BENCH: unknown module among ${only.join(', ')}; known: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const f of order) {
  const p = path.join(__dirname, f);
  if (!fs.existsSync(p)) continue;
  console.log(`\n# ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', p], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
