// Who owns a row (its 担当課/担当部 cell, one or several departments) and which department
// a returned file comes from when it carries no key of ours (its file or sheet name).
import type { Config } from '../config/schema';
import { deptMaster, tokenizeDepartments, type DeptMaster } from '../departments';
import { normalize } from '../normalize';

/** One canonical spelling per department, e.g. `子) 子育て支援部`, `子ども未来局`. */
export function canonicalDepartments(text: string, dm: DeptMaster): string[] {
  const out: string[] = [];
  const add = (d: string): void => {
    if (!out.includes(d)) out.push(d);
  };
  for (const t of tokenizeDepartments(text)) {
    const key = t.prefix ? normalize(`${t.prefix})${t.name}`) : normalize(t.name);
    const hit = dm.known.get(key);
    if (hit) {
      // A bare 子育て支援部 is the same department as 子) 子育て支援部 when only one bureau has it.
      const prefixed = t.prefix ? [] : dm.entries.filter((e) => e.prefix !== undefined && e.name === hit);
      add(prefixed.length === 1 ? prefixed[0]!.display : hit);
      continue;
    }
    // 子）子ども育成部・児童相談所: the prefix carries over names joined by ・.
    const parts = t.name.split(/[・･]/).filter((p) => p.length > 0);
    if (t.prefix && parts.length > 1 && parts.every((p) => dm.known.has(normalize(`${t.prefix})${p}`)))) {
      for (const p of parts) add(dm.known.get(normalize(`${t.prefix})${p}`))!);
      continue;
    }
    add(t.prefix ? `${t.prefix}) ${t.name}` : t.name);
  }
  return out;
}

export function departmentsOf(text: string, config: Config): string[] {
  return canonicalDepartments(text, deptMaster(config));
}

/** A department name as a file name: no characters Windows forbids, no spaces. */
export function fileNameFor(dept: string): string {
  return `${dept.replace(/[\\/:*?"<>|\s]+/g, '').replace(/^\.+/, '') || 'department'}.xlsx`;
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
