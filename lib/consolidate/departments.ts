// Who owns a row (its 担当課/担当部 cell, one or several departments) and which department
// a returned file comes from when it carries no key of ours (its file or sheet name).
import type { Config } from '../config/schema';
import defaults from '../config/defaults.json';
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

/** What a file or sheet name tells of its department. */
export interface NameMatch {
  department: string | null;
  /** Two or more departments the name fits equally well: it cannot tell which (empty otherwise). */
  tied: string[];
}

export interface Bureau {
  name: string;
  prefix: string;
}

// Compared without spaces, brackets or separators: 【総務局 職員部】, 総)職員部 and 総_職員部 are one.
const squash = (s: string): string => normalize(s).replace(/[\p{P}\p{S}]/gu, '');

interface Occurrence {
  dept: string;
  start: number;
  end: number;
  /** Written with its bureau or its prefix: beats a bare name. */
  qualified: boolean;
}

/**
 * The department a name (file name or sheet name) stands for, among `candidates` (canonical
 * spellings such as `総) 職員部`). The department may be written bare (職員部), with its
 * prefix (総)職員部) or with its bureau (総務局職員部, 【総務局】職員部, 職員部（総務局）), with or
 * without spaces and brackets, anywhere in the name. A name inside a longer one found
 * (職員部 in 総務局職員部) does not count; a named bureau picks among its own departments;
 * a prefixed or bureau-qualified name beats a bare one. `bureaus` default to the shipped
 * configuration's.
 */
export function matchDepartmentName(name: string, candidates: readonly string[], bureaus: readonly Bureau[] = defaults.bureaus): NameMatch {
  const base = squash(name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, ''));
  const bureauNames = new Set(bureaus.map((b) => squash(b.name)));
  const bureauOf = new Map<string, string[]>();
  const found: Occurrence[] = [];
  const find = (dept: string, form: string, qualified: boolean): void => {
    if (form === '') return;
    for (let i = base.indexOf(form); i >= 0; i = base.indexOf(form, i + 1)) found.push({ dept, start: i, end: i + form.length, qualified });
  };
  for (const dept of candidates) {
    const m = /^(.)\)(.+)$/.exec(normalize(dept));
    if (!m) {
      find(dept, squash(dept), false);
      continue;
    }
    const [, prefix, bare] = m as unknown as [string, string, string];
    const own = bureaus.filter((b) => b.prefix === prefix).map((b) => squash(b.name));
    bureauOf.set(dept, own);
    find(dept, squash(bare), false);
    find(dept, squash(prefix) + squash(bare), true);
    for (const b of own) find(dept, b + squash(bare), true);
  }
  // A name found inside a longer one is part of it: 職員部 in 総務局職員部.
  const outer = found.filter((o) => !found.some((x) => x.end - x.start > o.end - o.start && x.start <= o.start && x.end >= o.end));
  const isBureau = (o: Occurrence): boolean => bureauNames.has(squash(o.dept));
  const named = new Set(outer.filter(isBureau).map((o) => squash(o.dept)));
  let rest = outer.filter((o) => !isBureau(o));
  if (rest.length === 0) rest = outer;
  // 職員部（総務局）: the bureau beside a department says whose it is.
  const inNamed = rest.filter((o) => bureauOf.get(o.dept)?.some((b) => named.has(b)));
  if (inNamed.length > 0) rest = inNamed;
  if (rest.some((o) => o.qualified)) rest = rest.filter((o) => o.qualified);
  const depts = candidates.filter((d) => rest.some((o) => o.dept === d));
  return depts.length === 1 ? { department: depts[0]!, tied: [] } : { department: null, tied: depts.length > 1 ? depts : [] };
}

/** The department a name stands for, or null when none or several fit (see matchDepartmentName). */
export function departmentFromName(name: string, candidates: readonly string[], bureaus?: readonly Bureau[]): string | null {
  return matchDepartmentName(name, candidates, bureaus).department;
}

/** Every canonical department of the configuration's master (for names of files). */
export function knownDepartments(config: Config): string[] {
  return deptMaster(config).entries.map((e) => e.display);
}
