// A file that changes while it is read: caught and named, never half-read as if whole.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFile } from '../../lib/cli/check-file';
import { defaultConfig } from '../../lib/config';
import { readInputFile } from '../../lib/read/file';
import { writeImageHeavy } from './big';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'hostile', 'files');
let dir: string;
let big: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-changing-'));
  // Larger than one read chunk (4 MiB), so the hook runs between two reads.
  big = path.join(dir, 'big.xlsx');
  writeImageHeavy(big, 9);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('readInputFile', () => {
  test('unchanged file: the bytes on disk', () => {
    const got = readInputFile(big, { maxBytes: 1e9 });
    expect(got.ok && Buffer.from(got.bytes).equals(fs.readFileSync(big))).toBe(true);
  });

  test('grown while read', () => {
    const f = path.join(dir, 'grow.xlsx');
    fs.copyFileSync(big, f);
    const got = readInputFile(f, { maxBytes: 1e9, afterFirstChunk: () => fs.appendFileSync(f, 'more') });
    expect(got).toEqual({ ok: false, code: 'changed', detail: 'grew while read' });
  });

  test('truncated while read', () => {
    const f = path.join(dir, 'shrink.xlsx');
    fs.copyFileSync(big, f);
    const got = readInputFile(f, { maxBytes: 1e9, afterFirstChunk: () => fs.truncateSync(f, 1000) });
    expect(got.ok ? 'ok' : got.code).toBe('changed');
  });

  test('rewritten in place, same size, while read', () => {
    const f = path.join(dir, 'rewrite.xlsx');
    fs.copyFileSync(big, f);
    const got = readInputFile(f, {
      maxBytes: 1e9,
      afterFirstChunk: () => {
        const fd = fs.openSync(f, 'r+');
        fs.writeSync(fd, Buffer.from('XXXX'), 0, 4, 5_000_000);
        fs.closeSync(fd);
        // Same-millisecond writes would keep mtime: move it on explicitly.
        const t = new Date(Date.now() + 5000);
        fs.utimesSync(f, t, t);
      },
    });
    expect(got.ok ? 'ok' : got.code).toBe('changed');
  });

  test('too large: refused from its size, before reading', () => {
    const got = readInputFile(big, { maxBytes: 1024, afterFirstChunk: () => { throw new Error('must not read'); } });
    expect(got).toEqual({ ok: false, code: 'too-large', detail: String(fs.statSync(big).size) });
  });
});

test('a file rewritten over and over by another process: every read is whole or named', async () => {
  const a = fs.readFileSync(path.join(CORPUS, 'ok.report.xlsx'));
  const b = fs.readFileSync(path.join(CORPUS, 'ok.report-by-libreoffice.xlsx'));
  const f = path.join(dir, 'busy.xlsx');
  fs.writeFileSync(f, a);
  // Plain (non-atomic) rewrites, like a program saving over the file: truncate, then write.
  const writer = spawn(process.execPath, [
    '-e',
    `const fs=require('fs');const a=fs.readFileSync(${JSON.stringify(path.join(CORPUS, 'ok.report.xlsx'))});` +
      `const b=fs.readFileSync(${JSON.stringify(path.join(CORPUS, 'ok.report-by-libreoffice.xlsx'))});` +
      `const end=Date.now()+2500;let i=0;while(Date.now()<end){const fd=fs.openSync(${JSON.stringify(f)},'w');` +
      `const d=(i++%2)?a:b;for(let o=0;o<d.length;o+=512)fs.writeSync(fd,d,o,Math.min(512,d.length-o));fs.closeSync(fd);}`,
  ]);
  const done = new Promise((resolve) => writer.on('exit', resolve));
  const seen = new Map<string, number>();
  const config = defaultConfig();
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline) {
    const r = checkFile(f, config);
    const k = r.error?.code ?? (r.reportTypes.length > 0 ? 'read' : 'none');
    seen.set(k, (seen.get(k) ?? 0) + 1);
    await new Promise((res) => setImmediate(res));
  }
  await done;
  expect(a.equals(b)).toBe(false);
  // Whole reads of either version, or a named reason; nothing thrown, nothing else.
  for (const k of seen.keys()) expect(['read', 'changed', 'corrupt', 'empty', 'not-spreadsheet']).toContain(k);
  expect(seen.get('read') ?? 0).toBeGreaterThan(0);
});
