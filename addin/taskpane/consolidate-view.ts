// 集約 and 部署別に分割: the standalone page runs them on dropped files and downloads the
// result; the task pane (office-app) writes the result into the open workbook. Both show the
// same summary, each item clickable.
import { zipSync } from 'fflate';
import { getCell, parseA1, type Workbook } from '../../lib/grid';
import { addin as t } from '../../lib/locale/ja/addin';
import { excerpt, format } from '../../lib/locale/ja/format';
import { summary as sumText } from '../../lib/locale/ja/summary';
import { META_SHEET } from '../../lib/marks';
import { readSection, type SectionContext } from '../../lib/section';
import { droppedRows } from '../../lib/consolidate/summary-sheet';
import { readWorkbook } from '../../lib/read/workbook';
import { consolidate, masterErrorMessage, publish, split, type ConsolidateResult, type SplitResult, type Summary } from '../shared/consolidation';
import { h, replace, type Child } from '../shared/dom';
import { download, readFiles, suffixed, UNREADABLE_HERE } from '../shared/files';
import { outlineCounts, outlineOf, summaryDocx } from '../../lib/summary';
import type { Config } from '../../lib/config/schema';
import type { StandaloneApp } from './app-standalone';

export type OnCell = (sheet: string, cell: string) => void;

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A master's 概要版 for the page and the pane alike: the .docx, its file name and the status
 * line once saved. Throws (a message in Japanese) when the master has nothing to draft.
 */
export async function draftSummary(bytes: Uint8Array, name: string, config: Config): Promise<{ bytes: Uint8Array; fileName: string; message: string; kind: 'info' | 'error' }> {
  const outline = outlineOf(bytes, name, config);
  if (outline.chapters.length === 0) throw new Error(format(sumText.nothing, { path: name }));
  const left = outline.conflicts;
  const conflicts = left.length > 0 ? format(sumText.doneConflicts, { n: left.length, cells: left.map((c) => `${c.sheet}!${c.cell}`).join('、') }) : '';
  const stale = outline.unanswered;
  const unanswered = stale.length > 0 ? format(sumText.doneUnanswered, { n: stale.length, rows: stale.map((o) => `${o.sheet} ${o.row} 行目`).join('、') }) : '';
  return {
    bytes: await summaryDocx(outline),
    fileName: `${name.replace(/\.[^.]+$/, '')}${sumText.fileSuffix}.docx`,
    message: format(sumText.done, { ...outlineCounts(outline), omitted: outline.omitted.length }) + unanswered + conflicts,
    // Saved, but not ready to send on: said as a problem, as 公開用に整える says it.
    kind: left.length > 0 || stale.length > 0 ? 'error' : 'info',
  };
}

/** The status line after 部署別に分割, the pane's and the page's: names a master lacks are a problem. */
export function splitSaid(res: SplitResult): { text: string; kind: 'info' | 'error' } {
  const unknown = res.unknown.length > 0 ? format(t.splitUnknown, { n: res.unknown.length, names: res.unknown.map((u) => `「${u.department}」${u.sheet}!${u.cell}`).join('、') }) : '';
  const earlier = res.earlierSummary ? format(t.splitDoneEarlier, { sheet: res.earlierSummary }) : '';
  return { text: format(t.splitDone, { n: res.files.length, unowned: res.unowned.length }) + unknown + earlier, kind: unknown ? 'error' : 'info' };
}

/** What a split section workbook's key sheet says of it (department, the master it came from). */
function sectionOf(wb: Workbook): SectionContext | undefined {
  const meta = wb.sheets.find((x) => x.name === META_SHEET);
  return meta ? readSection(meta) : undefined;
}

/**
 * The master among the files given: the one the section workbooks name as theirs, else one
 * named so (マスター, 集約 …), else the first that is not itself a section's workbook.
 */
export function likelyMaster<B extends { name: string; workbook: Workbook | null }>(books: readonly B[]): B | undefined {
  // Each book's key sheet read once.
  const sections = new Map(books.map((b) => [b, b.workbook ? sectionOf(b.workbook) : undefined]));
  const named = new Map<string, number>();
  for (const s of sections.values()) if (s?.master) named.set(s.master, (named.get(s.master) ?? 0) + 1);
  const notSection = books.filter((b) => !sections.get(b));
  for (const [n] of [...named].sort((a, b) => b[1] - a[1])) {
    const hit = notSection.find((b) => b.name === n);
    if (hit) return hit;
  }
  return notSection.find((b) => /マスター|master|原本|集約/i.test(b.name)) ?? notSection[0] ?? books[0];
}

function cellLink(sheet: string, cell: string, onCell?: OnCell): HTMLElement {
  return h('button', { type: 'button', class: 'cell-link', 'data-cell': `${sheet}!${cell}`, onclick: () => onCell?.(sheet, cell) }, `${sheet}!${cell}`);
}

/** Items listed in the pane per kind; the 集約結果 sheet lists every one. */
export const LIST_SHOWN = 200;

function list<T>(title: string, items: readonly T[], row: (x: T) => Child[], testid: string): HTMLElement | null {
  if (items.length === 0) return null;
  // Thousands of list items (an unknown department on every row) would make the pane slow to
  // draw and no easier to read: the first ones, and where the rest are.
  const shown = items.slice(0, LIST_SHOWN).map((x) => h('li', {}, ...row(x)));
  const more = items.length > LIST_SHOWN ? h('li', { class: 'more', 'data-testid': `${testid}-more` }, format(t.sumListMore, { n: items.length - LIST_SHOWN })) : null;
  return h('details', { class: 'sum-list', open: true, 'data-testid': testid }, h('summary', {}, format(t.sumListTitle, { title, n: items.length })), h('ul', {}, ...shown, more));
}

/** The summary's counts, only those that are not zero: 「提出 3 部署・競合 1 件」. */
export function summaryCounts(s: Summary): string {
  const depts = (status: string): number => s.departments.filter((d) => d.status === status).length;
  const n: Record<string, number> = {
    submitted: depts('submitted'),
    missing: s.missing.length,
    earlier: depts('earlier'),
    duplicate: depts('duplicate'),
    unusable: depts('unusable'),
    conflicts: s.conflicts.length,
    unauthorized: s.unauthorized.length,
    findings: s.findings.length,
  };
  return Object.entries(t.sumCount)
    .filter(([k]) => (n[k] ?? 0) > 0)
    .map(([k, text]) => format(text, { n: n[k]! }))
    .join('・');
}

function countsLine(s: Summary): HTMLElement | null {
  const text = summaryCounts(s);
  return text ? h('p', { class: 'counts', 'data-testid': 'sum-counts' }, text) : null;
}

export function renderSummary(s: Summary, onCell?: OnCell): HTMLElement {
  const depts = h(
    'table',
    { class: 'depts', 'data-testid': 'departments' },
    h('thead', {}, h('tr', {}, h('th', {}, t.colDepartment), h('th', {}, t.colStatus), h('th', {}, t.colRows), h('th', {}, t.colFiles))),
    h(
      'tbody',
      {},
      ...s.departments.map((d) =>
        h('tr', { class: `st-${d.status}` }, h('td', {}, d.name), h('td', {}, t.deptStatus[d.status] ?? d.status), h('td', { class: 'num' }, d.rowsTaken), h('td', {}, d.files.join('、'))),
      ),
    ),
  );
  return h(
    'div',
    { class: 'summary', 'data-testid': 'summary' },
    countsLine(s),
    depts,
    s.missing.length ? h('p', { class: 'missing', 'data-testid': 'missing' }, format(t.sumMissing, { names: s.missing.join('、') })) : null,
    list(t.sumConflicts, s.conflicts, (c) => [cellLink(c.sheet, c.cell, onCell), ' ', c.departments.join('・')], 'conflicts'),
    list(t.sumUnauthorized, s.unauthorized, (u) => [cellLink(u.sheet, u.cell, onCell), ' ', format(t.sumUnauthorizedItem, { department: u.department, before: u.before, after: u.after })], 'unauthorized'),
    list(t.sumCleared, s.cleared, (c) => [cellLink(c.sheet, c.cell, onCell), ' ', format(t.sumClearedItem, { department: c.department, before: excerpt(c.before, 60) })], 'cleared'),
    list(t.sumAdded, s.added, (a) => [cellLink(a.sheet, a.cell, onCell), ' ', format(t.sumAddedItem, { department: a.department, file: a.file })], 'added'),
    list(t.sumDropped, droppedRows(s), (u) => [cellLink(u.sheet, u.cell, onCell), ' ', u.department], 'dropped'),
    list(t.sumFindings, s.findings, (f) => [h('span', { class: `badge sev-${f.severity}` }, t.severity[f.severity]), ' ', f.file, ' ', `${f.sheet}!${f.cell}`, ' ', f.message], 'findings'),
    list(t.sumUnplaced, s.unplaced, (u) => [u.file, ' ', `${u.sheet}!${u.cell}`, ' ', u.message], 'unplaced'),
    list(t.sumFiles, s.files.filter((f) => f.status !== 'applied'), (f) => [f.file, ' ', f.reason ?? f.status], 'files'),
  );
}

interface StandaloneConsolidation {
  masterId: number | null;
  excluded: Set<number>;
  result: ConsolidateResult | null;
  /** The master and sources the result was made from (ids, and fixes applied). */
  resultFor?: string;
  resultName: string;
  cell: { sheet: string; cell: string; text: string } | null;
}

const state = new WeakMap<StandaloneApp, StandaloneConsolidation>();

export function renderConsolidateStandalone(app: StandaloneApp): void {
  let st = state.get(app);
  if (!st) {
    st = { masterId: null, excluded: new Set(), result: null, resultName: '', cell: null };
    state.set(app, st);
  }
  const s = st;
  const view = app.shell.view('consolidate');
  // Every dropped file is a source (a broken one is named in the summary, with its department);
  // only a readable one can be the master.
  const books = app.books;
  const masters = books.filter((b) => !b.result.error || b.result.error.code === 'no-report');
  if (s.masterId === null || !masters.some((b) => b.id === s.masterId)) s.masterId = likelyMaster(masters)?.id ?? null;
  const master = masters.find((b) => b.id === s.masterId);
  // A section's own workbook as the master is a sub-round's, rarely what is meant: said.
  const masterSection = master?.workbook ? sectionOf(master.workbook) : undefined;
  const rerender = (): void => renderConsolidateStandalone(app);
  // A result stands for the files it was made from: another master, a source left out or added,
  // a fix applied since, and its figures and its 保存 are no longer this page's.
  // The books consolidated: every one but the master and those unticked.
  const included = (): typeof books => books.filter((b) => b.id !== master?.id && !s.excluded.has(b.id));
  const inputsNow = (): string => [master?.id, ...included().map((b) => `${b.id}.${b.fixed}`)].join(',');
  if (s.result && s.resultFor !== inputsNow()) {
    s.result = null;
    s.cell = null;
  }

  // Ticking a source redraws nothing (the focus stays on the box): only 集約 follows it.
  const canRun = (): void => {
    const button = view.querySelector<HTMLButtonElement>('[data-testid=consolidate]');
    if (button) button.disabled = !master || included().length === 0;
  };

  const rows = books.map((b) =>
    h(
      'tr',
      { 'data-file': b.name },
      h('td', {}, masters.includes(b) ? h('input', { type: 'radio', name: 'master', checked: b.id === s.masterId, 'aria-label': format(t.asMaster, { name: b.name }), onchange: () => { s.masterId = b.id; rerender(); } }) : ''),
      h('td', {}, b.id === s.masterId ? '' : h('input', { type: 'checkbox', checked: !s.excluded.has(b.id), 'aria-label': format(t.asSource, { name: b.name }), onchange: (e: Event) => { if ((e.target as HTMLInputElement).checked) s.excluded.delete(b.id); else s.excluded.add(b.id); if (s.result) rerender(); else canRun(); } })),
      h('td', {}, b.name),
    ),
  );

  const run = (): void => {
    if (!master) return;
    // The grids the page's check read already are taken as they are: no file is read twice.
    const sources = included()
      // A file the browser could not read goes in with its reason: its department is ファイル不備.
      .map((b) => ({ name: b.name, bytes: b.bytes, ...(b.workbook ? { workbook: b.workbook } : {}), ...(b.result.error?.code === UNREADABLE_HERE ? { error: b.result.error.message } : {}) }));
    app.shell.status(format(t.consolidating, { n: sources.length }), 'busy');
    setTimeout(() => {
      try {
        s.resultName = suffixed(master.name, t.consolidatedSuffix);
        s.result = consolidate(master.bytes, sources, app.config, { masterName: master.name, outputName: s.resultName });
        s.resultFor = inputsNow();
        s.cell = null;
        const taken = s.result.summary.files.filter((f) => f.status === 'applied').length;
        if (taken === sources.length) app.shell.status(format(t.consolidated, { n: sources.length }));
        else app.shell.status(format(t.consolidatedSome, { n: sources.length, taken }), 'error');
      } catch (err) {
        s.result = null;
        app.shell.status(format(t.consolidateFailed, { detail: masterErrorMessage(err, master.name) }), 'error');
      }
      rerender();
    }, 0);
  };

  const doSplit = (): void => {
    if (!master) return;
    try {
      const res = split(master.bytes, app.config, { masterName: master.name });
      const zip = zipSync(Object.fromEntries(res.files.map((f) => [f.name, f.bytes])), { level: 0 });
      // The name's own extension goes first: 「ok.teigen-progress」 is a name, not a name and a type.
      download(zip, `${master.name.replace(/\.[^.]+$/, '')}${t.splitZipSuffix}.zip`, 'application/zip');
      const said = splitSaid(res);
      app.shell.status(said.text, said.kind);
    } catch (err) {
      app.shell.status(format(t.splitFailed, { detail: masterErrorMessage(err, master.name) }), 'error');
    }
  };

  // The picked master, a consolidated one, made ready to publish.
  const doPublish = (): void => {
    if (!master) return;
    try {
      const res = publish(master.bytes, app.config, { name: master.name });
      download(res.bytes, suffixed(master.name, t.publishSuffix));
      const left = res.conflictsLeft.map((c) => `${c.sheet}!${c.cell}`);
      if (left.length > 0) app.shell.status(format(t.publishConflictsLeft, { n: left.length, cells: left.join('、') }), 'error');
      else app.shell.status(format(t.publishDone, { sheets: res.removedSheets.length, fills: res.fillsRestored }));
    } catch (err) {
      app.shell.status(format(t.publishFailed, { detail: masterErrorMessage(err, master.name) }), 'error');
    }
  };

  // The picked master's 概要版, drafted here by the same lib/ code as the CLI.
  const doSummary = async (): Promise<void> => {
    if (!master) return;
    try {
      const d = await draftSummary(master.bytes, master.name, app.config);
      download(d.bytes, d.fileName, DOCX_MIME);
      app.shell.status(d.message, d.kind);
    } catch (err) {
      app.shell.status(format(sumText.failed, { detail: masterErrorMessage(err, master.name) }), 'error');
    }
  };

  const onCell: OnCell = (sheet, cell) => {
    if (!s.result) return;
    const wb = readWorkbook(s.result.bytes, s.resultName);
    const sh = wb.sheets.find((x) => x.name === sheet);
    const { r, c } = parseA1(cell);
    s.cell = { sheet, cell, text: sh ? getCell(sh, r, c)?.text ?? '' : '' };
    rerender();
  };

  replace(
    view,
    h('p', { class: 'help' }, t.consolidateHelpStandalone),
    app.shell.dropZone((files) => void readFiles(files).then((fs) => app.add(fs))),
    books.length
      ? h('table', { class: 'pick', 'data-testid': 'pick' }, h('thead', {}, h('tr', {}, h('th', {}, t.colMaster), h('th', {}, t.colSource), h('th', {}, t.colFile))), h('tbody', {}, ...rows))
      : h('p', { class: 'empty' }, t.noFilesYet),
    master && masterSection ? h('p', { class: 'status error', 'data-testid': 'master-is-section' }, format(t.masterIsSection, { name: master.name, department: masterSection.department })) : null,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'consolidate', disabled: !master || included().length === 0, onclick: run }, t.consolidateButton),
      h('button', { type: 'button', 'data-testid': 'split', disabled: !master, onclick: doSplit }, t.splitButton),
      h('button', { type: 'button', 'data-testid': 'publish', disabled: !master, title: t.publishHelp, onclick: doPublish }, t.publishButton),
      h('button', { type: 'button', 'data-testid': 'summary-docx', disabled: !master, title: sumText.buttonHelp, onclick: () => void doSummary() }, sumText.button),
    ),
    s.result ? renderSummary(s.result.summary, onCell) : null,
    s.cell ? h('div', { class: 'detail', 'data-testid': 'sum-detail' }, h('h3', {}, format(t.detailHeading, { sheet: s.cell.sheet, cell: s.cell.cell })), h('pre', { class: 'cell-text' }, s.cell.text || t.emptyCell)) : null,
    s.result
      ? h('button', { type: 'button', class: 'primary', 'data-testid': 'save-consolidated', onclick: () => download(s.result!.bytes, s.resultName) }, format(t.saveConsolidated, { name: s.resultName }))
      : null,
  );
}
