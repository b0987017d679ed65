// lib/ is the core shared with the add-in's browser bundle: the lint rules that keep Office.js
// and Node built-ins out of it must actually fire. (ESLint loads its config with a dynamic
// import, which Jest's VM does not allow, so it runs as the CLI in a child process.)
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

function ruleIds(code: string, file: string): string[] {
  const bin = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const r = spawnSync(process.execPath, [bin, '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' });
  const [res] = JSON.parse(r.stdout) as { messages: { line: number; ruleId: string }[] }[];
  return res!.messages.map((m) => `${m.line}:${m.ruleId}`);
}

it('forbids Office.js, the add-in and Node built-ins in the core', () => {
  const code = "import * as fs from 'node:fs';\nimport { live } from '../addin/office/live';\nexport const a = [fs, live, Excel, Office, Buffer];\n";
  expect(ruleIds(code, 'lib/probe.ts')).toEqual([
    '1:no-restricted-imports',
    '2:no-restricted-imports',
    '3:no-restricted-globals',
    '3:no-restricted-globals',
    '3:no-restricted-globals',
  ]);
});

it('lets the CLI use Node, but never Office.js', () => {
  const code = "import * as fs from 'node:fs';\nexport const a = [fs, Excel];\n";
  expect(ruleIds(code, 'lib/cli/probe.ts')).toEqual(['2:no-restricted-globals']);
});

it('keeps the OOXML layer under the readers, and reading apart from writing', () => {
  expect(ruleIds("import { consolidate } from '../consolidate/consolidate';\nexport const a = consolidate;\n", 'lib/ooxml/probe.ts')).toEqual(['1:no-restricted-imports']);
  expect(ruleIds("import { readWorkbook } from '../read/workbook';\nexport const a = readWorkbook;\n", 'lib/ooxml/probe.ts')).toEqual(['1:no-restricted-imports']);
  expect(ruleIds("import { apply } from '../write/apply';\nexport const a = apply;\n", 'lib/read/probe.ts')).toEqual(['1:no-restricted-imports']);
  expect(ruleIds("import { SheetXml } from '../ooxml/sheet';\nexport const a = SheetXml;\n", 'lib/read/probe.ts')).toEqual([]);
});

it('keeps the writer to applying plans: it knows no consolidation or message', () => {
  expect(ruleIds("import { consolidate } from '../consolidate/consolidate';\nexport const a = consolidate;\n", 'lib/write/probe.ts')).toEqual(['1:no-restricted-imports']);
  expect(ruleIds("import { consolidate as t } from '../locale/ja';\nexport const a = t;\n", 'lib/write/probe.ts')).toEqual(['1:no-restricted-imports']);
  expect(ruleIds("import type { ConsolidationPlan } from '../plan';\nimport { RowMap } from '../ooxml/rowmap';\nexport const a: ConsolidationPlan | RowMap | undefined = undefined;\n", 'lib/write/probe.ts')).toEqual([]);
});
