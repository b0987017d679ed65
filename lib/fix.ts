// Fixes are plain data; this decides which can be applied together. Two different values
// for one cell overlap: neither is applied and both findings stay.
import type { Finding, Fix } from './rules/types';

export interface FixPlan {
  apply: Fix[];
  /** Findings whose fix overlaps another one's. */
  overlapping: Finding[];
}

export function applyFixes(findings: readonly Finding[]): FixPlan {
  const byCell = new Map<string, { fix: Fix; findings: Finding[]; conflict: boolean }>();
  for (const f of findings) {
    if (!f.fix) continue;
    const k = `${f.fix.sheet}\u0000${f.fix.cell}`;
    const cur = byCell.get(k);
    if (!cur) byCell.set(k, { fix: f.fix, findings: [f], conflict: false });
    else {
      cur.findings.push(f);
      if (cur.fix.value !== f.fix.value) cur.conflict = true;
    }
  }
  const apply: Fix[] = [];
  const overlapping: Finding[] = [];
  for (const e of byCell.values()) {
    if (e.conflict) overlapping.push(...e.findings);
    else apply.push(e.fix);
  }
  return { apply, overlapping };
}
