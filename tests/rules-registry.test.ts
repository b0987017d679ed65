// The registry is the one list of rules: every rule file is in it, sorted by id, and every
// rule comes with its Japanese text, its test file and its sample workbook.
import * as fs from 'fs';
import * as path from 'path';
import { ruleDoc, ruleDocs } from '../lib/locale/ja/rules';
import { rules } from '../lib/rules';
import type { Rule } from '../lib/rules/types';

const ROOT = path.join(__dirname, '..');
const RULES_DIR = path.join(ROOT, 'lib', 'rules');
const NOT_RULES = new Set(['index.ts', 'types.ts']);

const ruleFiles = fs
  .readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !NOT_RULES.has(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const placeholders = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('rule registry', () => {
  it('lists every rule file, under the file name as its id', () => {
    for (const id of ruleFiles) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading each rule file by name
      const mod = require(path.join(RULES_DIR, id)) as Record<string, unknown>;
      const exported = Object.values(mod).filter((v): v is Rule => typeof v === 'object' && v !== null && 'id' in v && 'create' in v);
      expect([id, exported.map((r) => r.id)]).toEqual([id, [id]]);
      expect([id, rules.includes(exported[0]!)]).toEqual([id, true]);
    }
    expect(rules.map((r) => r.id).sort()).toEqual(ruleFiles);
  });

  it('is sorted by id, with unique kebab-case ids', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s has its locale entry, test file and sample workbook', (id, rule) => {
    const doc = ruleDoc(id);
    expect(doc).toBeDefined();
    expect(doc!.description.trim()).not.toBe('');
    // Every message the rule can report has Japanese text using exactly its placeholders.
    expect(Object.keys(doc!.messages).sort()).toEqual(Object.keys(rule.meta.messages).sort());
    for (const [messageId, params] of Object.entries(rule.meta.messages)) {
      expect([messageId, placeholders(doc!.messages[messageId]!)]).toEqual([messageId, [...params].sort()]);
    }
    expect(['error', 'warning', 'info']).toContain(rule.meta.severity);
    expect(fs.existsSync(path.join(ROOT, 'tests', 'rules', `${id}.test.ts`))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'seeds', `error.${id}.xlsx`))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'seeds', 'expected', `error.${id}.txt`))).toBe(true);
  });

  it('has no locale entry for a rule that does not exist', () => {
    // Findings the reader reports itself (lib/check.ts), outside the rule engine.
    const readerFindings = ['formula-no-value'];
    expect(Object.keys(ruleDocs).sort()).toEqual([...rules.map((r) => r.id), ...readerFindings].sort());
  });
});
