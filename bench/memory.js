// Peak memory (max RSS) of one command over one large or hostile file, each in a fresh
// process, against a baseline process that reads no file. Run: npm run bench:memory
// (builds dist/ first). Prints a table; writes nothing outside a temp folder.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.join(__dirname, '..');
const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files');
const DIST = path.join(ROOT, 'dist', 'lib');

// The big-file generators live with the tests (TypeScript): compile them on the fly.
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
const { writeImageHeavy, writeTextHeavy } = require(path.join(ROOT, 'tests', 'hostile', 'big.ts'));

/** Runs `shinchoku <args>` through dist/ in a child and returns its peak RSS and time. */
function measure(args) {
  const script =
    `const {main}=require(${JSON.stringify(path.join(DIST, 'cli', 'main.js'))});` +
    `const o=[];const t=Date.now();` +
    `const code=main(${JSON.stringify(args)},{out:(s)=>o.push(s),err:(s)=>o.push(s),progress(){},progressDone(){}});` +
    `const j=(()=>{try{return JSON.parse(o[0])}catch{return null}})();` +
    `const e=j&&j.files?j.files.map((f)=>f.error?f.error.code:'read').join(','):'';` +
    // VmHWM: peak RSS of this process image (getrusage's maxRSS survives exec on Linux and
    // would report the parent's size at fork time).
    `const hwm=/VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status','utf8'));` +
    `process.stdout.write(JSON.stringify({code,ms:Date.now()-t,rss:Math.round((hwm?Number(hwm[1]):process.resourceUsage().maxRSS)/1024),result:e}));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 26 });
  if (r.status === null || !r.stdout) return { code: r.signal ?? r.status, ms: NaN, rss: NaN, result: (r.stderr || '').split('\n')[0] };
  return JSON.parse(r.stdout);
}

function main() {
  if (!fs.existsSync(path.join(DIST, 'cli', 'main.js'))) throw new Error('run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-mem-'));
  try {
    const images = path.join(dir, 'report-50mb-screenshots.xlsx');
    const text = path.join(dir, 'report-50mb-text.xlsx');
    const sparse = path.join(dir, 'sparse-150mb.xlsx');
    const mib = (f) => `${(fs.statSync(f).size / 1048576).toFixed(1)} MiB`;
    process.stderr.write('generating the large files…\n');
    writeImageHeavy(images, 50);
    writeTextHeavy(text, 30000, 400);
    fs.writeFileSync(sparse, fs.readFileSync(path.join(CORPUS, 'ok.report.xlsx')));
    fs.truncateSync(sparse, 150 * 1048576);
    const rows = [
      ['small valid report', path.join(CORPUS, 'ok.report.xlsx')],
      ['50 MB, pictures (xl/media)', images],
      ['text-heavy report', text],
      ['150 MB (sparse), over the size limit', sparse],
      ['bomb: 300 MB XML, sizes declared', path.join(CORPUS, 'expanded-too-large.bomb-300mb-xml.xlsx')],
      ['bomb: 200 MB XML, sizes lie', path.join(CORPUS, 'expanded-too-large.bomb-lying-sizes.xlsx')],
      ['bomb: 300 MB picture', path.join(CORPUS, 'expanded-too-large.bomb-in-picture.xlsx')],
      ['bomb: ODS repeated cells (17 G)', path.join(CORPUS, 'expanded-too-large.ods-repeated-cells.ods')],
      ['bomb: one 1 MB shared string x 120', path.join(CORPUS, 'expanded-too-large.shared-string-amplified.xlsx')],
      ['merge to XFD1048576 with a far cell', path.join(CORPUS, 'ok.merge-to-far-corner-cell.xlsx')],
    ];
    const out = [['file', 'size', 'command', 'result', 'ms', 'peak RSS MiB', 'over baseline']];
    // Baseline: the same process reading no file (`shinchoku rules`), after a warm-up run.
    measure(['rules']);
    const base = measure(['rules']).rss;
    out.push(['baseline: no file (shinchoku rules)', '-', 'rules', '-', '-', String(base), '+0']);
    for (const [label, file] of rows) {
      const m = measure(['validate', file, '--format', 'json']);
      out.push([label, mib(file), 'validate', m.result, String(m.ms), String(m.rss), `${m.rss - base >= 0 ? '+' : ''}${m.rss - base}`]);
    }
    for (const [label, file] of [['50 MB, pictures (xl/media)', images], ['text-heavy report', text]]) {
      const m = measure(['split', file, '-o', path.join(dir, 'split-out'), '--format', 'json']);
      out.push([label, mib(file), 'split', `exit ${m.code}`, String(m.ms), String(m.rss), `${m.rss - base >= 0 ? '+' : ''}${m.rss - base}`]);
      const c = measure(['consolidate', path.join(CORPUS, 'ok.report.xlsx'), file, '-o', path.join(dir, 'consolidated.xlsx'), '--format', 'json']);
      out.push([label, mib(file), 'consolidate', `exit ${c.code}`, String(c.ms), String(c.rss), `${c.rss - base >= 0 ? '+' : ''}${c.rss - base}`]);
    }
    const w = out[0].map((_, i) => Math.max(...out.map((r) => [...r[i]].length)));
    for (const r of out) console.log(r.map((c, i) => c.padEnd(w[i])).join('  '));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
