// Who owns a row (its 担当課/担当部 cell, one or several departments) and which department
// a returned file comes from when it carries no key of ours (its file or sheet name).
import type { Config } from '../config/schema';
import { deptMaster, joinedNames, knownName, tokenizeDepartments, type DeptMaster } from '../departments';
import { normalize } from '../normalize';

/** One canonical spelling per department, e.g. `子) 子育て支援部`, `子ども未来局`. */
export function canonicalDepartments(text: string, dm: DeptMaster): string[] {
  const out: string[] = [];
  const add = (d: string): void => {
    if (!out.includes(d)) out.push(d);
  };
  for (const t of tokenizeDepartments(text)) {
    const hit = knownName(dm, t.prefix, t.name);
    if (hit) {
      // A bare 子育て支援部 is the same department as 子) 子育て支援部 when only one bureau has it.
      const prefixed = t.prefix ? [] : dm.entries.filter((e) => e.prefix !== undefined && e.name === hit);
      add(prefixed.length === 1 ? prefixed[0]!.display : hit);
      continue;
    }
    const parts = t.prefix ? joinedNames(dm, t) : null;
    if (parts) {
      for (const p of parts) add(p);
      continue;
    }
    add(t.prefix ? `${t.prefix}) ${t.name}` : t.name);
  }
  return out;
}

export function departmentsOf(text: string, config: Config): string[] {
  return canonicalDepartments(text, deptMaster(config));
}

/** Why a department's file name differs from the department's name. */
export type FileNameChange = 'replaced' | 'shortened' | 'empty';

/** Bytes of the name before `.xlsx` and a `_2` suffix: far under 255, temp names included. */
export const MAX_FILE_STEM_BYTES = 120;

// Path separators, what Windows forbids, controls, bidi overrides and lone surrogates.
// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;
const utf8 = new TextEncoder();

function capBytes(s: string, max: number): string {
  if (utf8.encode(s).length <= max) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    const b = utf8.encode(ch).length;
    if (n + b > max) break;
    out += ch;
    n += b;
  }
  return out;
}

/**
 * A department name as a file name: Japanese kept, spaces dropped, separators and what
 * Windows forbids replaced by `_`, at most MAX_FILE_STEM_BYTES, unique among `used`
 * (compared case-insensitively, as Windows and macOS do). Adds the name to `used`.
 */
export function fileNameFor(dept: string, used: Set<string> = new Set()): { name: string; change?: FileNameChange } {
  let change: FileNameChange | undefined;
  let stem = dept.replace(/\s+/g, '');
  const replaced = stem.replace(FORBIDDEN, '_').replace(/^\.+/, '').replace(/[. ]+$/, '');
  if (replaced !== stem) change = 'replaced';
  stem = replaced;
  if (RESERVED.test(stem)) {
    stem = `_${stem}`;
    change = 'replaced';
  }
  const capped = capBytes(stem, MAX_FILE_STEM_BYTES);
  if (capped !== stem) change = 'shortened';
  stem = capped;
  if (stem === '' || /^_+$/.test(stem)) {
    stem = 'department';
    change = 'empty';
  }
  let name = `${stem}.xlsx`;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem}_${n}.xlsx`;
  used.add(name.toLowerCase());
  return change ? { name, change } : { name };
}

/**
 * The department a name (file name or sheet name) stands for, among `candidates`
 * (canonical spellings). The longest name found wins; a tie between two departments, or
 * none found, gives null.
 */
export function departmentFromName(name: string, candidates: readonly string[]): string | null {
  const base = normalize(name.replace(/^.*[\\/]/, '').replace(/\.(xlsx|xlsm|xls|ods)$/i, ''));
  let best: { dept: string; len: number; prefixed: boolean }[] = [];
  for (const dept of candidates) {
    const full = normalize(dept);
    const m = /^(.)\)(.+)$/.exec(full);
    const forms: { s: string; prefixed: boolean }[] = [{ s: full, prefixed: Boolean(m) }];
    // A split file is named 子)子育て支援部; people also write 子_子育て支援部 or just 子育て支援部.
    if (m) forms.push({ s: `${m[1]}_${m[2]}`, prefixed: true }, { s: `${m[1]}${m[2]}`, prefixed: true }, { s: m[2]!, prefixed: false });
    for (const f of forms) {
      if (!base.includes(f.s)) continue;
      const len = [...f.s].length + (f.prefixed ? 1000 : 0);
      if (best.length === 0 || len > best[0]!.len) best = [{ dept, len, prefixed: f.prefixed }];
      else if (len === best[0]!.len && !best.some((b) => b.dept === dept)) best.push({ dept, len, prefixed: f.prefixed });
    }
  }
  return best.length === 1 ? best[0]!.dept : null;
}

/** Every canonical department of the configuration's master (for names of files). */
export function knownDepartments(config: Config): string[] {
  return deptMaster(config).entries.map((e) => e.display);
}
