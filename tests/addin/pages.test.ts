// The HTML pages, checked as files: a CSP on each, no inline script, no eval, office.js only on
// the pages that run inside Office, and a Japanese message for webviews too old to run the bundle.
import * as fs from 'fs';
import * as path from 'path';
import { addin } from '../../lib/locale/ja/addin';

const DIR = path.join(__dirname, '..', '..', 'addin');
const pages: Record<string, { office: boolean; app: boolean }> = {
  'taskpane/taskpane.html': { office: true, app: true },
  'standalone/standalone.html': { office: false, app: true },
  'commands/commands.html': { office: true, app: false },
  'help.html': { office: false, app: false },
};

test.each(Object.entries(pages))('%s', (file, want) => {
  const html = fs.readFileSync(path.join(DIR, file), 'utf8');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  expect(csp).toBeDefined();
  expect(csp).not.toMatch(/unsafe-eval/);
  expect(csp!.split(';').map((d) => d.trim().split(/\s+/)[0])).toEqual(expect.arrayContaining(['default-src', 'object-src', 'base-uri']));
  // Scripts only by src: CSP forbids inline ones anyway, and the build injects external tags.
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  const office = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  expect(office).toEqual(want.office ? ['https://appsforoffice.microsoft.com/lib/1/hosted/office.js'] : []);
  if (!want.office) expect(csp).not.toMatch(/appsforoffice/);
  if (file.startsWith('standalone')) expect(csp).toMatch(/connect-src 'none'/);
  if (want.app) expect(html).toContain(`<p class="unsupported" role="alert">${file.startsWith('standalone') ? addin.unsupportedStandalone : addin.unsupported}</p>`);
  expect(html).toMatch(/<html lang="ja">/);
});
