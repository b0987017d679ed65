// Every test file that makes a temporary folder also removes it: runs must not leave
// shinchoku-* folders behind in the temp directory (issue 15, item 8).
import * as fs from 'node:fs';
import * as path from 'node:path';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testFiles(p);
    return /\.(test|e2e)\.ts$/.test(e.name) ? [p] : [];
  });
}

it('each test file that creates a temporary folder removes it', () => {
  const leaking = testFiles(__dirname)
    .filter((f) => {
      const code = fs.readFileSync(f, 'utf8');
      // Folders made inside the e2e setup's own (env.tmp) go with it.
      return /\b(tmpDir\(|mkdtempSync\((?!path\.join\(env\.tmp))/.test(code) && !/\brmSync\(/.test(code);
    })
    .map((f) => path.relative(__dirname, f));
  expect(leaking).toEqual([]);
});
