// Diff, stage 3: what changed inside a cell's text, by code point (Myers' O((N+M)D) shortest
// edit script), so 入事→人事 is one change of one character, not a changed sentence.

export interface Part {
  text: string;
  /** Absent: the same in both texts. */
  op?: 'removed' | 'added';
}

/** One place that changed: what was there, what is there now, and where (code points into the old text). */
export interface Hunk {
  at: number;
  removed: string;
  added: string;
}

// Beyond this many differing code points the script is not worth its cost: the texts differ
// wholesale and are shown as one replacement (a rewritten progress cell is that anyway).
const MAX_D = 2000;

/** The two texts as runs of kept, removed and added text, in reading order. */
export function diffChars(before: string, after: string): Part[] {
  const a = [...before];
  const b = [...after];
  // Common ends cut first: most edits touch a few characters of a long text.
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const out: Part[] = [];
  const push = (text: string, op?: Part['op']): void => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push(op ? { text, op } : { text });
  };
  push(a.slice(0, p).join(''));
  const ma = a.slice(p, a.length - s);
  const mb = b.slice(p, b.length - s);
  const script = myers(ma, mb);
  if (script) {
    for (const [op, ch] of script) push(ch, op === '=' ? undefined : op === '-' ? 'removed' : 'added');
  } else {
    push(ma.join(''), 'removed');
    push(mb.join(''), 'added');
  }
  push(a.slice(a.length - s).join(''));
  return regroup(out);
}

/** Removed text before added text within each changed stretch (people read ［旧→新］). */
function regroup(parts: Part[]): Part[] {
  const out: Part[] = [];
  let i = 0;
  while (i < parts.length) {
    if (!parts[i]!.op) {
      out.push(parts[i]!);
      i++;
      continue;
    }
    let removed = '';
    let added = '';
    while (i < parts.length && parts[i]!.op) {
      if (parts[i]!.op === 'removed') removed += parts[i]!.text;
      else added += parts[i]!.text;
      i++;
    }
    if (removed) out.push({ text: removed, op: 'removed' });
    if (added) out.push({ text: added, op: 'added' });
  }
  return out;
}

/** The changed stretches of a diff. */
export function hunksOf(parts: readonly Part[]): Hunk[] {
  const out: Hunk[] = [];
  let at = 0;
  let cur: Hunk | null = null;
  for (const x of parts) {
    if (!x.op) {
      if (cur) out.push(cur);
      cur = null;
      at += [...x.text].length;
      continue;
    }
    cur ??= { at, removed: '', added: '' };
    if (x.op === 'removed') {
      cur.removed += x.text;
      at += [...x.text].length;
    } else {
      cur.added += x.text;
    }
  }
  if (cur) out.push(cur);
  return out;
}

type Op = ['=' | '-' | '+', string];

/** Myers' greedy shortest edit script, or null when it needs more than MAX_D edits. */
function myers(a: string[], b: string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((ch) => ['+', ch]);
  if (m === 0) return a.map((ch) => ['-', ch]);
  const max = Math.min(n + m, MAX_D);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return null;
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[off + k - 1]! < vd[off + k + 1]!) ? k + 1 : k - 1;
    const px = vd[off + prevK]!;
    const py = px - prevK;
    while (x > px && y > py) {
      ops.push(['=', a[--x]!]);
      y--;
    }
    if (x === px) ops.push(['+', b[--y]!]);
    else ops.push(['-', a[--x]!]);
  }
  while (x > 0 && y > 0) {
    ops.push(['=', a[--x]!]);
    y--;
  }
  return ops.reverse();
}

/** Share of the two texts kept (0–1): 2·common / (|a| + |b|). */
export function textSimilarity(before: string, after: string): number {
  const la = [...before].length;
  const lb = [...after].length;
  if (la + lb === 0) return 1;
  let same = 0;
  for (const x of diffChars(before, after)) if (!x.op) same += [...x.text].length;
  return (2 * same) / (la + lb);
}
