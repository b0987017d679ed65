// Runs the CLI's main() in a child process straight from the TypeScript sources (compiled
// on the fly), so a test can survive a command that hangs or eats memory: the parent kills
// the child on a timeout. Usage: node child.js <args…>; prints {"code","out","err","maxRssMB"}.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const src = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(src, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
    fileName: filename,
  });
  module._compile(out.outputText, filename);
};

const { main } = require(path.join(__dirname, '..', '..', 'lib', 'cli', 'main.ts'));
// The parent starts its clock here: compiling the sources is not the command's time.
process.stderr.write('READY\n');
const out = [];
const err = [];
const code = main(process.argv.slice(2), {
  out: (t) => out.push(t),
  err: (t) => err.push(t),
  progress: () => undefined,
  progressDone: () => undefined,
});
process.stdout.write(JSON.stringify({ code, out: out.join('\n'), err: err.join('\n'), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
