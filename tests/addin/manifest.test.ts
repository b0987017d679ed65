// The manifest, checked offline (the official validator needs the internet): valid against
// Microsoft's schemas with xmllint (the repository's and a production build's), elements in
// schema order, every resid resolves to a resource of the right kind, every URL names a file
// the build produces, icons exist, permissions and requirements as agreed.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import webpack from 'webpack';
import { addin } from '../../lib/locale/ja/addin';
import { child, parseXml, walk, type XmlNode } from './xml';

const ROOT = path.join(__dirname, '..', '..');
const SRC = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const DEV = 'https://localhost:3000/';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the webpack config is CommonJS
const webpackConfig = require(path.join(ROOT, 'webpack.config.js')) as ((env: object, argv: object) => { plugins: unknown[]; entry: Record<string, string> }) & {
  rewriteManifest: (xml: string, base: string) => string;
  checkBaseUrl: (s: string) => string;
};

/** Files the webpack build writes, from its own configuration. */
function producedFiles(): Set<string> {
  const cfg = webpackConfig({}, { mode: 'production' });
  const out = new Set<string>(Object.keys(cfg.entry).map((e) => `${e}.js`));
  for (const p of cfg.plugins as { userOptions?: { filename?: string }; patterns?: { from: string; to: string }[] }[]) {
    if (p.userOptions?.filename) out.add(p.userOptions.filename);
    for (const pat of p.patterns ?? []) {
      if (pat.from.includes('*')) {
        const dir = path.dirname(pat.from);
        const re = new RegExp(`^${path.basename(pat.from).replace('.', '\\.').replace('*', '.*')}$`);
        for (const f of fs.readdirSync(path.join(ROOT, dir)).filter((x) => re.test(x))) {
          out.add(pat.to.replace('[name]', path.parse(f).name).replace('[ext]', path.parse(f).ext));
        }
      } else out.add(pat.to);
    }
  }
  return out;
}

const SCHEMA_ORDER: Record<string, string[]> = {
  // OfficeApp (TaskPaneApp) in the order of the 1.1 schema.
  OfficeApp: ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'AllowSnapshot', 'VersionOverrides'],
  VersionOverrides: ['Description', 'Requirements', 'Hosts', 'Resources'],
  DesktopFormFactor: ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
  GetStarted: ['Title', 'Description', 'LearnMoreUrl'],
  CustomTab: ['Group', 'Label'],
  Group: ['Label', 'Icon', 'Control'],
  Control: ['Label', 'Supertip', 'Icon', 'Action'],
  Supertip: ['Title', 'Description'],
  Action: ['TaskpaneId', 'SourceLocation'],
  Resources: ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'],
};

function inOrder(n: XmlNode, order: string[]): void {
  let last = -1;
  for (const c of n.children) {
    const k = order.indexOf(c.name);
    if (k === -1) throw new Error(`<${c.name}> is not allowed in <${n.name}>`);
    if (k < last) throw new Error(`<${c.name}> comes too late in <${n.name}>`);
    last = k;
  }
}

const SCHEMA = path.join(__dirname, 'manifest-schemas', 'OfficeAppManifestV1_1.xsd');
const BASE = 'https://intranet.example.jp/shinchoku/';

/** xmllint's verdict on a file; a missing xmllint fails the test, it never skips it. */
function xmllint(file: string): { status: number | null; out: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], { encoding: 'utf8' });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('xmllint not found: install Debian\'s libxml2-utils (apt-get install libxml2-utils; .ci/run does)');
  }
  if (r.error) throw r.error;
  return { status: r.status, out: `${r.stderr}${r.stdout}`.trim() };
}

/** dist/addin/manifest.xml as a production build for BASE writes it: webpack with the config's own copy step. */
async function builtManifest(dir: string): Promise<string> {
  const cfg = webpackConfig({ baseUrl: BASE }, { mode: 'production' }) as webpack.Configuration;
  // The copy step is the one plugin with patterns (its types are not loaded: they fail strict checking).
  const copy = (cfg.plugins ?? []).filter((p) => Array.isArray((p as { patterns?: unknown } | null)?.patterns));
  expect(copy).toHaveLength(1);
  // No entries: only the copy step runs, as in the full build.
  const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
    webpack({ ...cfg, entry: {}, plugins: copy, output: { path: dir } }, (err, st) => (err ? reject(err) : resolve(st))),
  );
  expect(stats?.hasErrors()).toBe(false);
  return path.join(dir, 'manifest.xml');
}

describe('manifest.xml against Microsoft\'s schemas (xmllint)', () => {
  test('the repository\'s manifest validates', () => {
    const file = path.join(ROOT, 'manifest.xml');
    expect(xmllint(file)).toEqual({ status: 0, out: `${file} validates` });
  });

  test('a production build for a real base URL validates and points there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-manifest-'));
    try {
      const file = await builtManifest(dir);
      expect(xmllint(file)).toEqual({ status: 0, out: `${file} validates` });
      const xml = fs.readFileSync(file, 'utf8');
      expect(xml).not.toContain('localhost');
      expect(xml).toContain(`<SourceLocation DefaultValue="${BASE}taskpane.html"/>`);
      expect(/<Permissions>([^<]*)<\/Permissions>/.exec(xml)?.[1]).toBe('ReadWriteDocument');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('xmllint refuses a comment holding "--", as Office does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-manifest-'));
    try {
      const file = path.join(dir, 'bad.xml');
      fs.writeFileSync(file, SRC.replace('<OfficeApp ', '<!-- npm run build:addin -- --env -->\n<OfficeApp '));
      const r = xmllint(file);
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/double.hyphen/i);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('manifest.xml', () => {
  const root = parseXml(SRC);

  test('is well-formed and a Workbook TaskPaneApp asking only for ReadWriteDocument', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(child(child(root, 'Hosts'), 'Host').attrs.Name).toBe('Workbook');
    expect(child(root, 'Permissions').text.trim()).toBe('ReadWriteDocument');
    expect(child(root, 'DefaultLocale').text.trim()).toBe('ja-JP');
    expect(child(root, 'Id').text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const set = child(child(child(root, 'Requirements'), 'Sets'), 'Set');
    expect(set.attrs).toEqual({ Name: 'ExcelApi', MinVersion: '1.9' });
  });

  test('the mini parser rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/mismatched/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a>R&D</a>')).toThrow(/entity/);
    expect(() => parseXml('<a>')).toThrow(/unclosed/);
    expect(() => parseXml('<!-- npm run x -- --env --><a/>')).toThrow(/"--" in a comment/);
    expect(() => parseXml('<!-- ends badly ---><a/>')).toThrow(/"--" in a comment/);
  });

  test('elements are in schema order', () => {
    walk(root, (n) => {
      const order = SCHEMA_ORDER[n.name];
      if (order) inOrder(n, order);
    });
    // The base element order, spelled out for the reader of a failure.
    expect(root.children.map((c) => c.name)).toEqual(['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides']);
  });

  test('every resid resolves to a resource of the right kind, and every resource is used', () => {
    const res = child(child(root, 'VersionOverrides'), 'Resources');
    const ids = (kind: string): Set<string> => new Set(child(res, kind).children.map((c) => c.attrs.id!));
    const kinds = { image: ids('bt:Images'), url: ids('bt:Urls'), short: ids('bt:ShortStrings'), long: ids('bt:LongStrings') };
    const used = new Set<string>();
    walk(root, (n, parent) => {
      const rid = n.attrs.resid;
      if (!rid) return;
      used.add(rid);
      const kind =
        n.name === 'bt:Image' ? 'image'
        : ['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(n.name) ? 'url'
        : n.name === 'Description' ? 'long'
        : ['Label', 'Title'].includes(n.name) ? 'short'
        : null;
      expect([n.name, parent?.name, kind]).toEqual([n.name, parent?.name, expect.any(String)]);
      expect([rid, kinds[kind as keyof typeof kinds].has(rid)]).toEqual([rid, true]);
    });
    const all = [...kinds.image, ...kinds.url, ...kinds.short, ...kinds.long];
    expect(all.filter((id) => !used.has(id))).toEqual([]);
    // ShortStrings are limited to 125 characters, LongStrings to 250.
    for (const s of child(res, 'bt:ShortStrings').children) expect(s.attrs.DefaultValue!.length).toBeLessThanOrEqual(125);
    for (const s of child(res, 'bt:LongStrings').children) expect(s.attrs.DefaultValue!.length).toBeLessThanOrEqual(250);
  });

  test('two ribbon buttons 検証 and 集約 open the pane on their view', () => {
    const buttons: { label: string; url: string }[] = [];
    const res = child(child(root, 'VersionOverrides'), 'Resources');
    const lookup = (kind: string, id: string): string => child(res, kind).children.find((c) => c.attrs.id === id)!.attrs.DefaultValue!;
    walk(root, (n) => {
      if (n.name !== 'Control') return;
      const action = child(n, 'Action');
      expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
      buttons.push({ label: lookup('bt:ShortStrings', child(n, 'Label').attrs.resid!), url: lookup('bt:Urls', child(action, 'SourceLocation').attrs.resid!) });
    });
    expect(buttons).toEqual([
      { label: '検証', url: `${DEV}taskpane.html?view=validate` },
      { label: '集約', url: `${DEV}taskpane.html?view=consolidate` },
    ]);
  });

  test('display strings are the locale’s', () => {
    const m = addin.manifest;
    expect(child(root, 'DisplayName').attrs.DefaultValue).toBe(m.displayName);
    expect(child(root, 'Description').attrs.DefaultValue).toBe(m.description);
    const res = child(child(root, 'VersionOverrides'), 'Resources');
    const str = (id: string): string => [...child(res, 'bt:ShortStrings').children, ...child(res, 'bt:LongStrings').children].find((c) => c.attrs.id === id)!.attrs.DefaultValue!;
    expect([str('Tab.Label'), str('Group.Label'), str('Validate.Label'), str('Consolidate.Label'), str('Validate.Tooltip'), str('Consolidate.Tooltip'), str('GetStarted.Title'), str('GetStarted.Description')]).toEqual([
      m.tabLabel, m.groupLabel, m.validateLabel, m.consolidateLabel, m.validateTip, m.consolidateTip, m.getStartedTitle, m.getStartedDescription,
    ]);
  });

  test('every URL points at a file the build produces; icons exist with their sizes', () => {
    const files = producedFiles();
    const urls: string[] = [];
    walk(root, (n) => {
      for (const [k, v] of Object.entries(n.attrs)) if (!k.startsWith('xmlns') && /^https?:/.test(v)) urls.push(v);
    });
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) {
      expect(u.startsWith(DEV)).toBe(true);
      const file = u.slice(DEV.length).replace(/[?#].*$/, '');
      expect([file, files.has(file)]).toEqual([file, true]);
      const m = /icon-(\d+)\.png$/.exec(file);
      if (m) {
        const png = fs.readFileSync(path.join(ROOT, 'addin', file));
        expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
        expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(m[1]), Number(m[1])]);
      }
    }
  });

  test('a production base URL rewrites every URL and nothing else', () => {
    const base = webpackConfig.checkBaseUrl('https://intranet.example.jp/shinchoku');
    expect(base).toBe('https://intranet.example.jp/shinchoku/');
    const out = webpackConfig.rewriteManifest(SRC, base);
    expect(out).not.toContain('localhost');
    expect(out.split(base).length).toBe(SRC.split(DEV).length);
    expect(out.replaceAll(base, DEV)).toBe(SRC);
    expect(() => parseXml(out)).not.toThrow();
    expect(() => webpackConfig.checkBaseUrl('http://intranet.example.jp/')).toThrow(/https/);
    expect(() => webpackConfig.checkBaseUrl('https://x/"><y')).toThrow();
    expect(() => webpackConfig.rewriteManifest('<!-- a -- b --><OfficeApp/>', base)).toThrow(/"--"/);
  });
});
