// `npm run bench:ab -- REV [ROUNDS]`: consolidate of bench/consolidate.js's 100 files by the
// build of REV and by this checkout's build, in one process, alternating round by round. On a
// VM whose speed drifts from one minute to the next (the same parse 280 ms, then 309 ms), a
// change of a few percent shows only this way; the same build against itself gives 0.99–1.01.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { median } = require('./lib');

const ROOT = path.join(__dirname, '..');
const rev = process.argv[2] ?? 'HEAD';
const rounds = Number(process.argv[3] ?? 20);
if (typeof globalThis.gc !== 'function') {
  console.error('run with --expose-gc (npm run bench:ab does)');
  process.exit(2);
}

/** REV built in a temporary worktree (its dist/ beside its sources), removed afterwards. */
function buildOf(ref) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-ab-'));
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, ref], { cwd: ROOT, stdio: 'pipe' });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'pipe' });
  return { dir, lib: require(path.join(dir, 'dist', 'lib', 'index.js')) };
}

function main() {
  const b = require('../dist/lib/index.js');
  const { masterBytes, fillSection, config } = require('./consolidate.js');
  const master = masterBytes();
  const sections = b.split(master, config, { masterName: 'master.xlsx' }).files.map((f, i) => ({ name: f.name, bytes: fillSection(f.bytes, 100 + i) }));
  const old = buildOf(rev);
  try {
    const runs = {
      parse: () => sections.map((s) => b.parseWithSheetJS(s.bytes)),
      a: () => old.lib.consolidate(master, sections, config, { masterName: 'master.xlsx' }),
      b: () => b.consolidate(master, sections, config, { masterName: 'master.xlsx' }),
    };
    const times = { parse: [], a: [], b: [] };
    const names = Object.keys(runs);
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < names.length; k++) {
        const n = names[(i + k) % names.length];
        globalThis.gc();
        const t0 = process.hrtime.bigint();
        runs[n]();
        times[n].push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
    const ratio = (x, y) => median(times[x].map((t, i) => t / times[y][i]));
    console.log(`${rounds} alternating rounds, medians: SheetJS parse ${median(times.parse).toFixed(0)} ms`);
    console.log(`  ${rev}: consolidate ${median(times.a).toFixed(0)} ms, ${ratio('a', 'parse').toFixed(2)}× the parse`);
    console.log(`  this checkout: consolidate ${median(times.b).toFixed(0)} ms, ${ratio('b', 'parse').toFixed(2)}× the parse`);
    console.log(`  this checkout ÷ ${rev}: ${ratio('b', 'a').toFixed(3)}`);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', old.dir], { cwd: ROOT, stdio: 'pipe' });
  }
}

main();
