// consolidate: a three-way merge of returned workbooks into the master. The master is the
// base; each department's changes to its own rows are taken, everything else is reported,
// and every non-empty cell of every returned workbook is accounted for.
import { groupBy } from '../collections';
import type { Config } from '../config/schema';
import { a1, cellKey, parseA1, type Cell } from '../grid';
import { consolidate as t } from '../locale/ja/consolidate';
import { format } from '../locale/ja/format';
import { STATE_SHEET, STATUS_NOTE_MARK, SUMMARY_SHEET, TEMPLATE_NAME } from '../marks';
import { RowMap } from '../ooxml/rowmap';
import { knownDepartments } from './departments';
import { buildModel, type MasterRow } from './model';
import { dropPaneMarks, openMaster } from './master';
import { summarySheet } from './summary-sheet';
import { contentHash, isBlankContent, shownCell, type CellState } from './answers';
import { believedState, stateSheetXml, type OpenItem, type UnfilledMark } from './state';
import { FILE_PROBLEMS, type AddedItem, type ClearedItem, type ConflictItem, type ConsolidateOptions, type ConsolidatePhase, type ConsolidateResult, type DepartmentSummary, type FileSummary, type FindingItem, type MissingRowsItem, type Source, type Summary, type UnauthorizedItem } from './types';
import { load, markDuplicates, setOtherTypes } from './load';
import { Fates, cmpStr, cmpCell } from './fates';
import { AddedRow, fileRowKey, validateAll, Merge, mergeAll, settle, conflictOf } from './merge';
import { WriteContext, planSheet } from './write-master';
import { emptyPlan } from '../plan';
import { applyPlan } from '../write/apply-plan';

import { accountRest, masterTextTest } from './account';

/**
 * The master could not be used; `code` picks the message. For 'master-no-department', `sheets`
 * are the report sheets lacking the department column and `headers` the names it may have.
 */
export class ConsolidateError extends Error {
  constructor(
    readonly code: 'master-no-report' | 'master-no-department',
    readonly detail = '',
    readonly sheets: readonly string[] = [],
    readonly headers: readonly string[] = [],
  ) {
    super(code);
    this.name = 'ConsolidateError';
  }
}

/** The note beside a row its department's answer did not reach, by why (after STATUS_NOTE_MARK). */
const ROW_NOTE: Record<MissingRowsItem['status'], string> = { missing: t.noteMissing, duplicate: t.noteDuplicate, unusable: t.noteUnusable, dropped: t.noteDropped };

/** Reports each phase's time since the previous one; nothing when nobody listens. */
function phaseClock(listen: ConsolidateOptions['onPhase']): (name: ConsolidatePhase) => void {
  if (!listen) return () => undefined;
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    listen(name, now - last);
    last = now;
  };
}

export function consolidate(masterBytes: Uint8Array, sources: Source[], config: Config, opts: ConsolidateOptions = {}): ConsolidateResult {
  const masterName = opts.masterName ?? 'master.xlsx';
  const outputName = opts.outputName ?? 'output.xlsx';
  const phase = phaseClock(opts.onPhase);
  const { editor: ed, grid: masterGrid } = openMaster(masterBytes, masterName);
  // The output colours by fills; the add-in's marks, if the master carries them, go.
  dropPaneMarks(ed);
  // The output holds answers: it is no distribution template any more.
  ed.removeDefinedName(TEMPLATE_NAME);
  const model = buildModel(masterGrid, config, opts.masterSheets);
  if (model.parsed.reports.length === 0) throw new ConsolidateError('master-no-report');
  // The master may be an earlier consolidation's output, late answers being added to it.
  const prev = believedState(masterGrid, model.parsed.reports.map((r) => r.sheet.name));
  const candidatesDepts = [...new Set([...model.departments, ...knownDepartments(config)])];
  const sheetOrder = masterGrid.sheets.map((s) => s.name);
  phase('master');

  const loaded = sources.map((s, i) => {
    const l = load(s, i, candidatesDepts, config);
    opts.onProgress?.(i + 1, sources.length, s.name);
    return l;
  });
  setOtherTypes(loaded, model);
  markDuplicates(loaded, opts.preferNewest === true);
  phase('read');

  const fates = new Fates();
  const { findings, noProgress } = opts.validate !== false ? validateAll(loaded, model, config) : { findings: [], noProgress: new Set<FindingItem>() };
  phase('validate');
  const deptOrder = (d: string): number => {
    const i = model.departments.indexOf(d);
    return i < 0 ? 1e6 : i;
  };
  const applied = loaded
    .filter((l) => l.status === 'applied')
    .sort((a, b) => deptOrder(a.dept!) - deptOrder(b.dept!) || cmpStr(a.src.name, b.src.name));
  // A later run of the round goes on from the answers the record kept; a new round starts afresh.
  const sameRound = prev?.summarySheet !== undefined;
  const run = sameRound ? Math.max(1, prev?.run ?? 0) + 1 : 1;
  const states: Merge['states'] = new Map();
  for (const st of sameRound ? (prev?.cells ?? []) : []) {
    let bySheet = states.get(st.sheet);
    if (!bySheet) states.set(st.sheet, (bySheet = new Map()));
    bySheet.set(cellKey(st.r, st.c), st);
  }
  const { pending, foreign, joint, unauthorizedRaw, unplaced, addedRows, taken } = mergeAll(applied, model, fates, states, run);
  const { writes, conflictsRaw, clearedRaw, touched } = settle(pending, states, run);
  // Conflicts of earlier runs still in their cells stay listed until the secretariat settles them.
  // The master's rows by line, built only for a cell this run left as it was (a later run).
  let rowAt: Map<string, MasterRow> | undefined;
  // A new round holds only the cells this run touched: nothing earlier to look at.
  if (sameRound) {
    const touchedSet = new Set(touched);
    for (const bySheet of states.values()) {
      for (const st of bySheet.values()) {
        if (touchedSet.has(st)) continue;
        if (!rowAt) {
          rowAt = new Map();
          for (const m of model.rows) for (let r = m.row.r; r <= m.lastR; r++) rowAt.set(`${m.sheet}\u0000${r}`, m);
        }
        const m = rowAt.get(`${st.sheet}\u0000${st.r}`);
        const current = m?.rs.sheet.rows.get(st.r)?.get(st.c);
        if (!m || contentHash(current) !== st.writtenHash) {
          // Edited by the secretariat since: its text stands, the answers before it are settled.
          bySheet.delete(cellKey(st.r, st.c));
          continue;
        }
        if (shownCell(st).conflict) conflictsRaw.push(conflictOf(st, m, run));
      }
    }
  }
  phase('merge');

  // Row maps: added rows go after the last row of their section.
  const inserts = new Map<string, Map<number, AddedRow[]>>();
  for (const a of addedRows) {
    const bySheet = inserts.get(a.anchor.sheet) ?? new Map<number, AddedRow[]>();
    const l = bySheet.get(a.anchor.lastR) ?? [];
    l.push(a);
    bySheet.set(a.anchor.lastR, l);
    inserts.set(a.anchor.sheet, bySheet);
  }
  const rowMaps = new Map<string, RowMap>();
  for (const rs of model.parsed.reports) {
    const ins = inserts.get(rs.sheet.name);
    const counts = new Map<number, number>();
    if (ins) for (const [x, l] of ins) counts.set(x, l.length);
    rowMaps.set(rs.sheet.name, new RowMap([], counts));
  }
  const out = (sheet: string, r: number): number => rowMaps.get(sheet)?.map(r) ?? r;

  // Departments and their status.
  const submitted = new Set(applied.map((l) => l.dept!));
  // Files an earlier run of the round could not take (two files, a broken one) stay their
  // department's problem until it sends again: whatever it sends now says afresh what it is.
  const sentNow = new Set(loaded.map((l) => l.dept).filter((d): d is string => d !== null));
  const filesBefore = (sameRound ? (prev?.open ?? []) : []).filter(
    (o): o is Extract<OpenItem, { kind: 'file' }> => o.kind === 'file' && o.item.department !== null && !sentNow.has(o.item.department) && !prev?.taken.has(o.item.department),
  );
  const dupDepts = new Set(loaded.filter((l) => l.status === 'duplicate').map((l) => l.dept!));
  // Departments that sent something, none of it usable (unreadable, no report in it).
  const unusableDepts = new Set(loaded.filter((l) => l.dept && l.status !== 'duplicate' && FILE_PROBLEMS.has(l.status)).map((l) => l.dept!));
  for (const o of filesBefore) (o.item.status === 'duplicate' ? dupDepts : unusableDepts).add(o.item.department!);
  for (const d of [...submitted, ...dupDepts]) unusableDepts.delete(d);
  const rowStatus = (d: string): Exclude<MissingRowsItem['status'], 'dropped'> => (dupDepts.has(d) ? 'duplicate' : unusableDepts.has(d) ? 'unusable' : 'missing');
  // Taken by the consolidation that wrote this master: its rows hold its answer already.
  const earlier = new Set([...(prev?.taken.keys() ?? [])].filter((d) => !submitted.has(d)));
  const allDepts = [...model.departments];
  for (const l of loaded) if (l.dept && l.status !== 'unknown-department' && !allDepts.includes(l.dept)) allDepts.push(l.dept);
  for (const o of filesBefore) if (!allDepts.includes(o.item.department!)) allDepts.push(o.item.department!);

  // Notes beside the rows, and rows left unfilled.
  const unfilled: MissingRowsItem[] = [];
  const notes = new Map<MasterRow, string[]>();
  const note = (m: MasterRow, text: string): void => {
    const l = notes.get(m) ?? [];
    if (!l.includes(text)) l.push(text);
    notes.set(m, l);
  };
  for (const c of conflictsRaw) note(c.m, format(t.noteConflict, { departments: c.departments.join(t.listJoin) }));
  for (const u of unauthorizedRaw) note(u.target, format(t.noteUnauthorized, { department: u.department, file: u.file, cell: `${u.sourceSheet}!${u.sourceCell}` }));
  const unfilledRows = new Set<MasterRow>();
  const prevDropped = new Set((prev?.dropped ?? []).map((x) => `${x.department}\u0000${x.sheet}\u0000${x.r}`));
  const rowsByReport = groupBy(model.rows, (m) => m.rs);
  for (const m of model.rows) {
    // Not taken now. A department taken before keeps that answer (no mark, no listing), but a
    // broken or doubled file it sends now is still said beside its rows. A department whose
    // file was taken but lacks the row (deleted, or its 取組内容 rewritten) did not answer it,
    // now or in an earlier run of the round.
    const droppedBefore = (d: string): boolean => earlier.has(d) && rowStatus(d) === 'missing' && prevDropped.has(`${d}\u0000${m.sheet}\u0000${m.row.r}`);
    const status = (d: string): MissingRowsItem['status'] => (submitted.has(d) || droppedBefore(d) ? 'dropped' : rowStatus(d));
    const notTaken = m.owners.filter((d) => (submitted.has(d) ? !taken.get(d)?.rows.has(m) : droppedBefore(d) || !(earlier.has(d) && rowStatus(d) === 'missing')));
    if (notTaken.length === 0) continue;
    // A department that sent two files, or a broken one, did answer: say why its rows stay.
    for (const st of ['missing', 'duplicate', 'unusable', 'dropped'] as const) {
      const ds = notTaken.filter((d) => status(d) === st);
      if (ds.length > 0) note(m, STATUS_NOTE_MARK + format(ROW_NOTE[st], { departments: ds.join(t.listJoin) }));
    }
    const missing = notTaken.filter((d) => !earlier.has(d) || status(d) === 'dropped');
    for (const d of missing) {
      unfilled.push({ department: d, status: status(d), sheet: m.sheet, cell: a1(out(m.sheet, m.row.r), 0), row: out(m.sheet, m.row.r) + 1 });
    }
    if (missing.length === m.owners.length) unfilledRows.add(m);
  }

  // Write the output from the master's own bytes.
  const writesBySheet = groupBy(writes, (x) => x.m.sheet);
  const addedItems: AddedItem[] = [];
  const marks: UnfilledMark[] = [];
  const plan = emptyPlan();
  const w: WriteContext = {
    ed, plan, model, writesBySheet, notes, unfilledRows, rowMaps, inserts, deptOrder, fates, unplaced, addedItems,
    prevMarks: prev?.marks ?? [],
    prevHistory: prev?.history ?? [],
    history: [],
    historyOut: [],
    sameRound,
    marks,
  };
  for (const rs of model.parsed.reports) planSheet(w, rs, rowsByReport.get(rs) ?? []);
  phase('write');

  const conflicts: ConflictItem[] = conflictsRaw.map(({ m: _m, r, c, ...rest }) => ({ ...rest, cell: a1(out(rest.sheet, r), c), row: out(rest.sheet, r) + 1 }));
  const cleared: ClearedItem[] = clearedRaw.map(({ r, c, ...rest }) => ({ ...rest, cell: a1(out(rest.sheet, r), c), row: out(rest.sheet, r) + 1 }));
  const unauthorized: UnauthorizedItem[] = unauthorizedRaw.map(({ target: _t, r, c, ...rest }) => ({ ...rest, cell: a1(out(rest.sheet, r), c), row: out(rest.sheet, r) + 1, run }));

  accountRest(loaded, fates, masterTextTest(masterGrid), unplaced);
  // After accounting, whose items (text beside the table, extra columns) stay open too.
  for (const u of unplaced) u.run ??= run;
  phase('account');

  // A whole copy of the master carries everyone's rows: their findings are not this file's.
  const byName = new Map(loaded.map((l) => [l.src.name, l]));
  // A row shared with other departments that one of them answered is answered: the other's
  // file leaving it empty (as every co-owner's does after next) is no 空欄 error.
  // Indexed only when such a finding is there (most runs have none).
  let writtenAt: Map<string, Cell> | undefined;
  const answeredRow = (m: MasterRow): boolean =>
    m.rs.type.columns.some((col) => {
      const c = col.progress ? m.map.get(col.key) : undefined;
      if (c === undefined) return false;
      writtenAt ??= new Map(writes.map((x) => [`${x.m.sheet}\u0000${x.r}\u0000${x.c}`, x.cell]));
      const shown = writtenAt.get(`${m.sheet}\u0000${m.row.r}\u0000${c}`) ?? m.rs.sheet.rows.get(m.row.r)?.get(c);
      return !isBlankContent(shown);
    });
  const kept = findings.filter((f) => {
    const l = byName.get(f.file);
    const key = l ? fileRowKey(l, f.sheet, /\d+$/.exec(f.cell)![0]) : '';
    if (l && l.status === 'applied' && foreign.has(key)) return false;
    const m = noProgress.has(f) ? joint.get(key) : undefined;
    return !(m && answeredRow(m));
  });
  for (const f of kept) f.run = run;
  // What earlier runs of the round found stays listed until its department sends a file again.
  const resent = new Set(applied.map((l) => l.dept!));
  const stillOpen = (sameRound ? (prev?.open ?? []) : []).filter((o) => (o.kind === 'file' ? filesBefore.includes(o) : !resent.has(o.item.department ?? '')));
  const openNow: OpenItem[] = [...stillOpen];
  for (const o of stillOpen) {
    if (o.kind === 'unauthorized') {
      // Rows inserted now move the cell it was aimed at.
      const at = parseA1(o.item.cell);
      const moved = { ...o.item, cell: a1(out(o.item.sheet, at.r), at.c), row: out(o.item.sheet, at.r) + 1 };
      unauthorized.push(moved);
      openNow[openNow.indexOf(o)] = { ...o, item: moved };
    } else if (o.kind === 'finding') {
      kept.push(o.item);
    } else if (o.kind === 'unplaced') {
      unplaced.push(o.item);
    }
  }
  for (const item of unauthorized) if (item.run === run) openNow.push({ kind: 'unauthorized', run, item });
  for (const item of kept) if (item.run === run && item.department !== null) openNow.push({ kind: 'finding', run, item });
  for (const item of unplaced) if (item.run === run && item.department !== null) openNow.push({ kind: 'unplaced', run, item });

  const files: FileSummary[] = loaded.map((l): FileSummary => ({
    file: l.src.name,
    department: l.dept,
    departmentFrom: l.from,
    status: l.status,
    ...(l.status !== 'applied' ? { reason: l.reason ? `${t.fileStatus[l.status]}: ${l.reason}` : t.fileStatus[l.status] } : {}),
    cells: l.cells,
    ...(FILE_PROBLEMS.has(l.status) ? { run } : {}),
  }));
  files.push(...filesBefore.map((o) => o.item));
  for (const f of files) if (f.run === run && f.department !== null && FILE_PROBLEMS.has(f.status) && !submitted.has(f.department)) openNow.push({ kind: 'file', run, item: f });
  const deptSummaries: DepartmentSummary[] = allDepts.map((d) => {
    const fl = loaded.filter((l) => l.dept === d && l.status !== 'unknown-department');
    const status = submitted.has(d) ? 'submitted' : earlier.has(d) && rowStatus(d) === 'missing' ? 'earlier' : rowStatus(d);
    const tk = taken.get(d);
    return {
      name: d,
      status,
      // Taken before: the files the earlier run took, which the record kept.
      files: status === 'earlier' ? [...(prev?.taken.get(d) ?? [])] : [...fl.map((l) => l.src.name), ...filesBefore.filter((o) => o.item.department === d).map((o) => o.item.file)].sort(),
      rowsTaken: tk?.rows.size ?? 0,
      rowsChanged: tk ? [...tk.changed].filter((m) => tk.rows.has(m)).length : 0,
      conflicts: conflicts.filter((c) => c.departments.includes(d)).length,
      unauthorized: unauthorized.filter((u) => u.department === d).length,
      added: addedItems.filter((a) => a.department === d).length,
      dropped: unfilled.filter((u) => u.status === 'dropped' && u.department === d).length,
      findings: kept.filter((f) => f.department === d).length,
    };
  });
  const missing = deptSummaries.filter((d) => d.status === 'missing').map((d) => d.name);

  const so = (s: string): number => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? 1e6 : i;
  };
  const byPlace = <T extends { sheet: string; cell: string }>(a: T, b: T): number => so(a.sheet) - so(b.sheet) || cmpCell(a.cell, b.cell);
  conflicts.sort(byPlace);
  unauthorized.sort((a, b) => byPlace(a, b) || cmpStr(a.file, b.file));
  addedItems.sort(byPlace);
  cleared.sort(byPlace);
  unfilled.sort((a, b) => byPlace(a, b) || cmpStr(a.department, b.department));
  unplaced.sort((a, b) => cmpStr(a.file, b.file) || cmpStr(a.sheet, b.sheet) || cmpCell(a.cell, b.cell));
  kept.sort((a, b) => cmpStr(a.file, b.file));
  const cells = { in: 0, ...fates.counts() };
  for (const l of loaded) cells.in += l.cells;

  const summary: Summary = {
    output: outputName,
    master: masterName,
    departments: deptSummaries,
    missing,
    files,
    conflicts,
    unauthorized,
    added: addedItems,
    findings: kept,
    unplaced,
    unfilled,
    cleared,
    cells,
  };
  // The earlier 集約結果 is replaced by this one; its record with this run's.
  const summaryName = prev?.summarySheet && ed.sheets.some((s) => s.name === prev.summarySheet) ? prev.summarySheet : uniqueSheetName(SUMMARY_SHEET, ed.sheets.map((s) => s.name));
  const sheet = summarySheet(summary, ed.styles);
  // Printed on several pages, the 集約結果 repeats its table's header row.
  plan.sheets.push({ name: summaryName, xml: sheet.xml, state: 'visible', replace: summaryName === prev?.summarySheet, printTitles: sheet.printTitles });
  const takenSoFar = new Map(prev?.taken ?? []);
  for (const d of deptSummaries) if (d.status === 'submitted') takenSoFar.set(d.name, d.files);
  const dropped = unfilled.filter((u) => u.status === 'dropped').map((u) => ({ department: u.department, sheet: u.sheet, r: u.row - 1 }));
  const history = [...w.history.map((m) => ({ ...m, r: out(m.sheet, m.r) })), ...w.historyOut];
  const cellsNow: CellState[] = [];
  for (const bySheet of states.values()) {
    for (const st of bySheet.values()) {
      if (st.answers.length === 0) continue;
      // A copy only where inserted rows moved the cell: most do not move.
      const r = out(st.sheet, st.r);
      cellsNow.push(r === st.r ? st : { ...st, r });
    }
  }
  const record = stateSheetXml({
    taken: takenSoFar, marks: marks.map((m) => ({ ...m, r: out(m.sheet, m.r) })), history, dropped, summarySheet: summaryName, run, cells: cellsNow, open: openNow,
  });
  plan.sheets.push({ name: STATE_SHEET, xml: record, state: 'veryHidden', replace: ed.sheets.some((s) => s.name === STATE_SHEET) });
  plan.activate = summaryName;
  applyPlan(ed, plan);
  const bytes = ed.toBytes();
  phase('output');
  // Only when asked: the trace is built from every returned workbook, which the result would
  // otherwise keep alive (the add-in holds its result until the next run).
  const replaced = prev?.summarySheet !== undefined ? { earlierSummary: prev.summarySheet } : {};
  return opts.trace === true ? { bytes, summary, plan, trace: fates.trace(loaded, out), ...replaced } : { bytes, summary, plan, ...replaced };
}

function uniqueSheetName(want: string, used: string[]): string {
  let n = want;
  for (let k = 2; used.includes(n); k++) n = `${want}${k}`;
  return n;
}
