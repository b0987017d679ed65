// `npm run bench:ab -- REV [ROUNDS]`: consolidate of bench/consolidate.js's 100 files by the
// build of REV and by this checkout's build, in one process, alternating round by round. On a
// VM whose speed drifts from one minute to the next (the same parse 280 ms, then 309 ms), a
// change of a few percent shows only this way; the same build against itself gives 0.99–1.01.
// Every round consolidates the same files: a cache kept between calls serves the previous
// round and looks like a gain. Judge one by the cold runs of `npm run bench`, or scope it to a run.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { interleave, median } = require('./lib');

const ROOT = path.join(__dirname, '..');
const rev = process.argv[2] ?? 'HEAD';
const rounds = Number(process.argv[3] ?? 20);
if (typeof globalThis.gc !== 'function') {
  console.error('run with --expose-gc (npm run bench:ab does)');
  process.exit(2);
}

/** REV built in the temporary worktree `dir` (its dist/ beside its sources). */
function buildOf(ref, dir) {
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', dir, ref], { cwd: ROOT, stdio: 'pipe' });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'pipe' });
  return require(path.join(dir, 'dist', 'lib', 'index.js'));
}

function main() {
  const b = require('../dist/lib/index.js');
  const { masterBytes, filledSections, config } = require('./consolidate.js');
  const master = masterBytes();
  const sections = filledSections(master);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-ab-'));
  try {
    const old = buildOf(rev, dir);
    // bench/lib's rounds: order rotated, garbage collected before each, ratios to the parse.
    const m = interleave({
      parse: () => sections.map((s) => b.parseWithSheetJS(s.bytes)),
      a: () => old.consolidate(master, sections, config, { masterName: 'master.xlsx' }),
      b: () => b.consolidate(master, sections, config, { masterName: 'master.xlsx' }),
    }, rounds);
    console.log(`${rounds} alternating rounds, medians: SheetJS parse ${m.parse.ms.toFixed(0)} ms`);
    console.log(`  ${rev}: consolidate ${m.a.ms.toFixed(0)} ms, ${m.a.ratio.toFixed(2)}× the parse`);
    console.log(`  this checkout: consolidate ${m.b.ms.toFixed(0)} ms, ${m.b.ratio.toFixed(2)}× the parse`);
    console.log(`  this checkout ÷ ${rev}: ${median(m.b.times.map((t, i) => t / m.a.times[i])).toFixed(3)}`);
  } finally {
    // Also after a failed build: no worktree is left behind.
    try {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      fs.rmSync(dir, { recursive: true, force: true });
      execFileSync('git', ['worktree', 'prune'], { cwd: ROOT, stdio: 'pipe' });
    }
  }
}

main();
