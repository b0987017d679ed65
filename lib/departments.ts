// The department master: which 担当課/担当部 entries exist, how a cell lists them, and the
// nearest known name for one that does not.
import type { Config } from './config/schema';
import { levenshtein, normalize } from './normalize';

export interface DeptToken {
  /** Exactly as written in the cell. */
  raw: string;
  start: number;
  end: number;
  prefix?: string;
  name: string;
}

export interface DeptMaster {
  /** Normalized "子)子育て支援部" and bare names → canonical spelling. */
  known: Map<string, string>;
  /** Canonical entries for suggestions, with prefix. */
  entries: { prefix: string | undefined; name: string; display: string }[];
  prefixes: Set<string>;
}

const masters = new WeakMap<Config, DeptMaster>();

export function deptMaster(config: Config): DeptMaster {
  const hit = masters.get(config);
  if (hit) return hit;
  const prefixOf = new Map(config.bureaus.map((b) => [b.name, b.prefix]));
  const known = new Map<string, string>();
  const entries: DeptMaster['entries'] = [];
  for (const d of config.departments) {
    const prefix = prefixOf.get(d.bureau);
    for (const name of [d.name, ...d.aliases]) {
      known.set(normalize(name), d.name);
      if (prefix && d.kind !== 'bureau') known.set(normalize(`${prefix})${name}`), `${prefix}) ${d.name}`);
    }
    entries.push({
      prefix: d.kind === 'bureau' ? undefined : prefix,
      name: d.name,
      display: d.kind === 'bureau' || !prefix ? d.name : `${prefix}) ${d.name}`,
    });
  }
  const m: DeptMaster = { known, entries, prefixes: new Set(config.bureaus.map((b) => b.prefix)) };
  masters.set(config, m);
  return m;
}

// "子) 子育て支援部", "子）子育て支援部", "子ども未来局"; separated by spaces, 、, commas, line breaks.
const TOKEN = /([^\s、，,\u3000()（）])\s*[)）]\s*([^\s、，,\u3000]+)|([^\s、，,\u3000]+)/gu;

export function tokenizeDepartments(text: string): DeptToken[] {
  const out: DeptToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const raw = m[0];
    if (m[1] !== undefined) out.push({ raw, start, end: start + raw.length, prefix: m[1].normalize('NFKC'), name: m[2]! });
    else out.push({ raw, start, end: start + raw.length, name: m[3]! });
  }
  return out;
}

/** The master's spelling of a name under a prefix, if the master has it. */
export function knownName(master: DeptMaster, prefix: string | undefined, name: string): string | undefined {
  return master.known.get(prefix ? normalize(`${prefix})${name}`) : normalize(name));
}

/**
 * 子）子ども育成部・児童相談所: the prefix carries over names joined by ・. The master's
 * spellings of the parts, or null; tried only after the whole name (健康・子ども課 has a ・).
 */
export function joinedNames(master: DeptMaster, t: DeptToken): string[] | null {
  if (!/[・･]/.test(t.name)) return null;
  const parts = t.name.split(/[・･]/).filter((p) => p.length > 0);
  const names = parts.map((p) => knownName(master, t.prefix, p));
  return parts.length > 1 && names.every((n) => n !== undefined) ? (names as string[]) : null;
}

export function isKnown(master: DeptMaster, t: DeptToken): boolean {
  return knownName(master, t.prefix, t.name) !== undefined || joinedNames(master, t) !== null;
}

export interface Suggestion {
  display: string;
  /** The entry's bureau prefix (子, 区 …) and name: a fix keeps the written bureau and level. */
  prefix?: string;
  name: string;
  distance: number;
  /** No other entry is as near. */
  unique: boolean;
  /** Other entries just as near (子)子ども支援部: 子育て支援部 and 子ども育成部), so people see them all. */
  alternatives: string[];
}

/** The nearest master entry; entries under the same prefix are preferred at equal distance. */
export function suggestDepartment(master: DeptMaster, t: DeptToken): Suggestion | null {
  const name = normalize(t.name);
  let best: Suggestion | null = null;
  let bestSamePrefix = false;
  for (const e of master.entries) {
    const d = levenshtein(name, normalize(e.name));
    const same = t.prefix !== undefined && e.prefix === t.prefix;
    if (!best || d < best.distance || (d === best.distance && same && !bestSamePrefix)) {
      best = { display: e.display, ...(e.prefix !== undefined ? { prefix: e.prefix } : {}), name: e.name, distance: d, unique: true, alternatives: [] };
      bestSamePrefix = same;
    } else if (d === best.distance && same === bestSamePrefix && e.display !== best.display && !best.alternatives.includes(e.display)) {
      best.unique = false;
      best.alternatives.push(e.display);
    }
  }
  if (!best) return null;
  const limit = Math.max(2, Math.floor([...name].length / 3));
  return best.distance <= limit ? best : null;
}
