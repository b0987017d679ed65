/// <reference types="office-js" />
// The task pane inside Excel: live validation of the open workbook, fixes written into it,
// input rules, and 集約 into the open master. The status line belongs to what the user asked
// for: background re-validation (after an edit, or an echo of our own writes) never replaces
// an operation's message.
import type { Config } from '../../lib/config/schema';
import { departmentFromName, knownDepartments } from '../../lib/consolidate/departments';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { summary as sumText } from '../../lib/locale/ja/summary';
import { diffPane } from '../../lib/locale/ja/diff';
import { diffGrids, type DiffResult } from '../../lib/diff';
import { DIFF_ADDED_FORMULA, DIFF_FORMULA, DIFF_MOVED_FORMULA } from '../../lib/marks';
import { readWorkbook } from '../../lib/read/workbook';
import { applyFixes } from '../../lib/fix';
import type { Finding, Fix } from '../../lib/rules/types';
import { applyPlan, consolidationFills, HISTORY_FILLS } from '../office/apply-plan';
import { errorCode, isCellEditMode, isPayloadTooLarge } from '../office/run';
import { planInputRules } from '../office/input-rules';
import { LiveSession, undoKept } from '../office/live';
import { applyPublish } from '../office/publish';
import { readOpenWorkbook } from '../office/read';
import { CONSOLIDATION_FORMULA, getFileBytes, NO_FILE_API, selectCell, setInputRules, setOwnedFills } from '../office/write';
import { consolidate, masterErrorMessage, planPublish, split, type ConsolidateResult, type PublishPlan } from '../shared/consolidation';
import { zipSync } from 'fflate';
import { h, replace } from '../shared/dom';
import { download, readFiles, type LoadedFile } from '../shared/files';
import { renderFindings } from '../shared/findings-view';
import type { Opened } from '../shared/paged';
import { DOCX_MIME, draftSummary, renderSummary, splitSaid } from './consolidate-view';
import { countsText, diffErrorText, renderDiff, unreadablePrevious } from '../shared/diff-view';
import type { Shell } from './shell';

const DIFF_FORMULAS = [DIFF_FORMULA, DIFF_ADDED_FORMULA, DIFF_MOVED_FORMULA];

/** Excel's error, said in Japanese where we know what the user can do about it. */
export function officeErrorMessage(err: unknown): string {
  const code = errorCode(err);
  const msg = err instanceof Error ? err.message : String(err);
  if (code === 'AccessDenied' || /protect/i.test(msg)) {
    const sheet = (err as { sheet?: unknown } | null)?.sheet;
    return typeof sheet === 'string' ? format(t.protectedSheetNamed, { sheet }) : t.protectedSheet;
  }
  if (code === NO_FILE_API) return t.noFileApi;
  if (isCellEditMode(err)) return t.stillEditing;
  if (isPayloadTooLarge(err)) return t.tooLarge;
  return format(t.officeError, { detail: code ? `${msg}（${code}）` : msg });
}

/** The open workbook's file name, from a path or a SharePoint/OneDrive URL. */
export function openBookName(url: string | undefined = globalThis.Office?.context?.document?.url): string {
  const last = (url ?? '').split(/[?#]/)[0]!.split(/[\\/]/).pop() ?? '';
  try {
    return decodeURIComponent(last) || t.openWorkbook;
  } catch {
    return last || t.openWorkbook;
  }
}

/** One sentence on protected sheets: named when few, counted when the whole book is (split's). */
export function protectedNotice(sheets: readonly string[]): string {
  return sheets.length <= 3 ? format(t.protectedMarksOff, { sheets: sheets.join('」「') }) : format(t.protectedMarksOffMany, { n: sheets.length });
}

/** Excel for Mac (and iPad) panes run in a WebKit view that ignores downloads. */
export function cannotDownload(): boolean {
  const p = globalThis.Office?.context?.platform as unknown;
  return p === 'Mac' || p === 'iOS';
}

/** The browser version beside this pane, where 分割 downloads normally. */
export function standaloneUrl(): string {
  try {
    return new URL('standalone.html', globalThis.location?.href).href;
  } catch {
    return 'standalone.html';
  }
}

export class OfficeApp {
  live: LiveSession;
  selected: Finding | null = null;
  /** Findings drawn per sheet: a list opened further stays so when an edit redraws the pane. */
  private readonly drawn: Opened = new Map();
  sources: LoadedFile[] = [];
  /** 前回との違い: the open workbook against the previous report the user picked. */
  diff: { result: DiffResult | null; error?: string; drawn?: Opened } | null = null;
  result: ConsolidateResult | null = null;
  /** 公開用に整える was pressed once: the pane asks before changing the workbook. */
  confirmingPublish = false;
  /** 集約 ran with the files now listed: running it again would apply them twice. */
  consolidated = false;

  /** An operation's message is on the status line; it stays until the user starts something else. */
  private held = false;
  /** The operation is still running (its last message is a busy one). */
  private working = false;

  constructor(
    readonly config: Config,
    readonly shell: Shell,
  ) {
    const waitForEdit = (): void => {
      if (!this.held || this.working) this.shell.status(t.waitingForEdit, 'busy');
    };
    this.live = new LiveSession(config, () => this.renderValidate(), { onWaitForEdit: waitForEdit });
  }

  /** The status line for an operation the user started. */
  private say(text: string, kind?: 'error' | 'busy'): void {
    this.held = true;
    this.working = kind === 'busy';
    this.shell.status(text, kind);
  }

  /** The status line for background validation: not over an operation's message. */
  private note(text: string, kind?: 'busy'): void {
    if (!this.held) this.shell.status(text, kind);
  }

  private fail(err: unknown): void {
    this.say(officeErrorMessage(err), 'error');
  }

  /** 再検証: the user asks for validation, so its message may take the status line again. */
  revalidate(): Promise<void> {
    this.held = false;
    return this.live.refresh();
  }

  async fix(fixes: Fix[]): Promise<void> {
    const plan = applyFixes(this.live.state.findings.filter((f) => f.fix && fixes.includes(f.fix)));
    this.say(t.writing, 'busy');
    const { written, locked } = await this.live.applyFixes(plan.apply);
    if (locked === 0) this.say(format(t.fixedInBook, { n: written }));
    else this.say(written ? format(t.fixedSomeLocked, { n: written, locked }) : format(t.fixLockedOnly, { locked }));
  }

  async inputRules(): Promise<void> {
    const parsed = this.live.state.parsed;
    if (!parsed) return;
    const planned = planInputRules(parsed, this.config);
    // A protected sheet refuses validation: its rules are not attempted (the notice says why).
    const plan = { ...planned, rules: planned.rules.filter((r) => !this.live.protectedSheets.includes(r.sheet)) };
    if (plan.rules.length === 0) {
      this.say(t.inputRulesNone);
      return;
    }
    await setInputRules(plan.lists, plan.rules, { error: t.inputRuleTitle, message: t.inputRuleMessage });
    this.say(format(t.inputRulesDone, { n: plan.rules.length }));
  }

  renderValidate(): void {
    const st = this.live.state;
    const v = this.shell.view('validate');
    // A failed re-validation is news even over an operation's message.
    if (st.error) this.shell.status(officeErrorMessage(st.error), 'error');
    else if (st.busy) this.note(t.validating, 'busy');
    else this.note(format(t.validated, { n: st.parsed?.reports.length ?? 0 }));
    // A workbook whose report sheets are all protected takes no mark: the switch is off, and the
    // protection notice below says why (one notice, not two).
    const sealed = this.live.fullyProtected;
    // Where writes cost the clerk's undo, one sentence says why marks are off (or what on costs).
    const why = (): string | null => (sealed || undoKept() ? null : this.live.marks ? t.marksOnUndo : t.marksOffUndo);
    const whyText = why();
    const marksWhy = whyText ? h('p', { class: 'notice', 'data-testid': 'marks-why' }, whyText) : null;
    const marks = h('input', {
      type: 'checkbox',
      'data-testid': 'marks',
      checked: this.live.marks && !sealed,
      disabled: sealed,
      onchange: (e: Event) => {
        const done = this.live.setMarking((e.target as HTMLInputElement).checked);
        if (marksWhy) marksWhy.textContent = why();
        void done.catch((err: unknown) => this.fail(err));
      },
    });
    replace(
      v,
      h(
        'div',
        { class: 'toolbar' },
        h('button', { type: 'button', onclick: () => void this.revalidate() }, t.revalidate),
        h('label', { class: 'toggle' }, marks, t.showMarks),
        h('button', { type: 'button', 'data-testid': 'input-rules', onclick: () => void this.inputRules().catch((err: unknown) => this.fail(err)) }, t.inputRulesButton),
      ),
      marksWhy,
      st.parsed && st.parsed.reports.length === 0 ? h('p', { class: 'empty' }, t.noReportInBook) : null,
      // Said once, calmly, instead of an error after every edit.
      this.live.protectedSheets.length
        ? h('p', { class: 'notice', 'data-testid': 'protected' }, protectedNotice(this.live.protectedSheets))
        : null,
      renderFindings({
        findings: st.findings,
        canFix: (f) => !this.live.locked.has(`${f.sheet}!${f.cell}`),
        selected: this.selected,
        onSelect: (f) => {
          this.selected = f;
          void this.live.select(f).catch((err: unknown) => this.fail(err));
          this.renderValidate();
        },
        onFix: (fixes) => void this.fix(fixes).catch((err: unknown) => this.fail(err)),
        drawn: this.drawn,
      }),
      renderDiff({
        result: this.diff?.result ?? null,
        ...(this.diff?.error ? { error: this.diff.error } : {}),
        help: diffPane.helpExcel,
        picker: this.shell.dropZone((files) => void readFiles(files).then((fs) => (fs[0] ? this.compare(fs[0]) : undefined)), diffPane.pick, false),
        onSelect: (sheet, cell) => void selectCell(sheet, cell).catch((err: unknown) => this.fail(err)),
        ...(this.diff ? { drawn: (this.diff.drawn ??= new Map()) } : {}),
        onClear: () => {
          this.diff = null;
          this.renderValidate();
        },
      }),
    );
  }

  /** 前回との違い: the open workbook as validation last read it, against a previous report's file. */
  compare(prev: LoadedFile): void {
    const current = this.live.book?.workbook;
    if (prev.unreadable) {
      this.diff = { result: null, error: unreadablePrevious(prev) };
    } else if (!current) {
      this.diff = { result: null, error: format(diffPane.failed, { detail: diffPane.noBook }) };
    } else {
      try {
        this.diff = { result: diffGrids(readWorkbook(prev.bytes, prev.name), current, this.config) };
      } catch (err) {
        this.diff = { result: null, error: format(diffPane.failed, { detail: diffErrorText(err, prev.name, openBookName()) }) };
      }
    }
    if (this.diff.result) this.say(format(diffPane.compared, { name: prev.name, counts: countsText(this.diff.result) }));
    else this.say(this.diff.error!, 'error');
    this.renderValidate();
  }

  /** Sheets of the open workbook named after a department: a shared workbook's sections. */
  sectionSheets(): string[] {
    const names = this.live.book?.workbook.sheets.map((s) => s.name) ?? [];
    const depts = knownDepartments(this.config);
    return names.filter((n) => departmentFromName(n, depts) !== null);
  }

  async runConsolidate(fromSheets: boolean): Promise<void> {
    this.say(t.readingMaster, 'busy');
    const masterBytes = await getFileBytes();
    const bookName = openBookName();
    const sectionSheets = this.sectionSheets();
    const sources = fromSheets
      ? sectionSheets.map((sheet) => ({ name: `${bookName}#${sheet}`, bytes: masterBytes, sheet }))
      : this.sources.map((f) => ({ name: f.name, bytes: f.bytes, ...(f.unreadable ? { error: f.unreadable } : {}) }));
    // In a shared workbook the section sheets are sources, the others the master.
    const masterSheets = fromSheets ? this.live.book?.workbook.sheets.map((s) => s.name).filter((n) => !sectionSheets.includes(n)) : undefined;
    this.say(format(t.consolidating, { n: sources.length }), 'busy');
    let result: ConsolidateResult;
    try {
      result = consolidate(masterBytes, sources, this.config, { masterName: bookName, outputName: bookName, ...(masterSheets ? { masterSheets } : {}) });
    } catch (err) {
      this.say(format(t.consolidateFailed, { detail: masterErrorMessage(err, bookName) }), 'error');
      return;
    }
    this.live.pause();
    let message: string;
    let kind: 'error' | undefined;
    try {
      this.say(t.writing, 'busy');
      // The same plan the CLI applies to the file: only the cells it names are written.
      const earlier = result.earlierSummary;
      const rep = await applyPlan(result.plan, result.bytes, {
        onWaitForEdit: () => this.say(t.waitingForEdit, 'busy'),
      });
      // The colours the CLI's output carries (conflict, added, unfilled, unauthorized), removable;
      // within a round the earlier runs' conflict, added and unauthorized colours stay.
      await setOwnedFills(CONSOLIDATION_FORMULA, consolidationFills(result.plan, result.summary), {}, earlier ? HISTORY_FILLS : []);
      this.result = result;
      this.consolidated = true;
      // Files of this run that were not taken (unreadable, duplicate, no department…) are named:
      // "N 件を集約し" would claim every one of them.
      const names = new Set(sources.map((s) => s.name));
      const left = result.summary.files.filter((f) => names.has(f.file) && f.status !== 'applied');
      const counts = { n: sources.length, cells: rep.cells, rows: rep.insertedRows };
      message = left.length === 0
        ? format(t.consolidatedInBook, counts)
        : format(t.consolidatedInBookSome, { ...counts, taken: sources.length - left.length, files: left.map((f) => format(t.consolidatedFileReason, { file: f.file, reason: f.reason ?? f.status })).join('、') });
      kind = left.length === 0 ? undefined : 'error';
    } finally {
      // Re-validates the consolidated master; the status line stays 集約's.
      await this.live.resume();
    }
    this.say(message, kind);
    this.renderConsolidate();
  }

  /** 部署別に分割: the section workbooks cut from the open master, as one ZIP download. */
  async runSplit(): Promise<void> {
    this.say(t.readingMaster, 'busy');
    const masterBytes = await getFileBytes();
    const bookName = openBookName();
    try {
      const res = split(masterBytes, this.config, { masterName: bookName });
      // Excel for Mac's pane cannot download a file: say where it works instead of "saved".
      if (cannotDownload()) {
        this.say(format(t.splitNoDownload, { url: standaloneUrl() }), 'error');
        return;
      }
      const zip = zipSync(Object.fromEntries(res.files.map((f) => [f.name, f.bytes])), { level: 0 });
      download(zip, `${bookName.replace(/\.[^.]+$/, '')}${t.splitZipSuffix}.zip`, 'application/zip');
      const said = splitSaid(res);
      this.say(said.text, said.kind === 'error' ? 'error' : undefined);
    } catch (err) {
      this.say(format(t.splitFailed, { detail: masterErrorMessage(err, bookName) }), 'error');
    }
  }

  /** ［概要版を作る］: the open workbook's 概要版, drafted by the same lib/ code as the CLI, downloaded. */
  async runSummary(): Promise<void> {
    // Excel for Mac's pane cannot download: said before reading the whole workbook.
    if (cannotDownload()) {
      this.say(format(sumText.noDownload, { url: standaloneUrl() }), 'error');
      return;
    }
    this.say(t.readingMaster, 'busy');
    const bytes = await getFileBytes();
    const bookName = openBookName();
    try {
      const d = await draftSummary(bytes, bookName, this.config);
      download(d.bytes, d.fileName, DOCX_MIME);
      this.say(d.message, d.kind === 'error' ? 'error' : undefined);
    } catch (err) {
      this.say(format(sumText.failed, { detail: masterErrorMessage(err, bookName) }), 'error');
    }
  }

  /** 集約の色を消す: the colours the pane's 集約 left, nothing else. */
  async clearFills(): Promise<void> {
    await setOwnedFills(CONSOLIDATION_FORMULA, null);
    this.say(t.fillsCleared);
  }

  /** 公開用に整える: 集約's sheets, 集約メモ and colours taken out of the open workbook. */
  async runPublish(): Promise<void> {
    this.confirmingPublish = false;
    this.say(t.readingMaster, 'busy');
    this.live.pause();
    let message = '';
    let kind: 'error' | undefined;
    try {
      const { workbook } = await readOpenWorkbook('Excel');
      let plan: PublishPlan | undefined;
      try {
        plan = planPublish(workbook, this.config);
      } catch (err) {
        message = format(t.publishFailed, { detail: masterErrorMessage(err, openBookName()) });
        kind = 'error';
      }
      if (plan) {
        const res = await applyPublish(plan);
        // The colours the add-in's own 集約 left are conditional formats, and so are those of a
        // `diff -o` output (its 変更点 sheet goes with the plan): publish takes both out.
        await setOwnedFills(CONSOLIDATION_FORMULA, null, {}, [], DIFF_FORMULAS);
        const left = plan.conflictsLeft.map((c) => `${c.sheet}!${c.cell}`);
        message = left.length > 0
          ? format(t.publishedInBookConflicts, { n: left.length, cells: left.join('、') })
          : format(t.publishedInBook, { sheets: plan.sheets.length, fills: res.fillsRestored });
        kind = left.length > 0 ? 'error' : undefined;
        this.result = null;
      }
    } finally {
      // Re-validates the workbook; the status line stays this operation's.
      await this.live.resume();
    }
    this.say(message, kind);
    this.renderConsolidate();
  }

  renderConsolidate(): void {
    const v = this.shell.view('consolidate');
    const sheets = this.sectionSheets();
    replace(
      v,
      h('p', { class: 'help' }, t.consolidateHelpExcel),
      sheets.length
        ? h('div', { class: 'actions' }, h('p', {}, format(t.sectionSheetsFound, { sheets: sheets.join('、') })), h('button', { type: 'button', class: 'primary', 'data-testid': 'consolidate-sheets', disabled: this.consolidated, onclick: () => void this.runConsolidate(true).catch((err: unknown) => this.fail(err)) }, t.consolidateSheetsButton))
        : null,
      this.shell.dropZone((files) => void readFiles(files).then((fs) => {
        // New files: a run after the last one is the user's choice again.
        if (this.consolidated) this.sources = [];
        this.consolidated = false;
        this.sources.push(...fs);
        this.renderConsolidate();
      }), t.dropReturned),
      this.sources.length ? h('ul', { class: 'sources' }, ...this.sources.map((f) => h('li', {}, f.name))) : null,
      this.consolidated ? h('p', { class: 'help', 'data-testid': 'consolidate-done' }, t.consolidateDoneHint) : null,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', class: 'primary', 'data-testid': 'consolidate', disabled: this.sources.length === 0 || this.consolidated, onclick: () => void this.runConsolidate(false).catch((err: unknown) => this.fail(err)) }, t.consolidateIntoBook),
        h('button', { type: 'button', 'data-testid': 'split', onclick: () => void this.runSplit().catch((err: unknown) => this.fail(err)) }, t.splitButton),
        h('button', { type: 'button', 'data-testid': 'summary-docx', title: sumText.buttonHelpExcel, onclick: () => void this.runSummary().catch((err: unknown) => this.fail(err)) }, sumText.button),
      ),
      this.result ? renderSummary(this.result.summary, (sheet, cell) => void selectCell(sheet, cell).catch((err: unknown) => this.fail(err))) : null,
      this.result
        ? h('button', { type: 'button', 'data-testid': 'clear-fills', onclick: () => void this.clearFills().catch((err: unknown) => this.fail(err)) }, t.clearFills)
        : null,
      this.confirmingPublish
        ? h(
            'div',
            { class: 'confirm', 'data-testid': 'publish-confirm' },
            h('p', {}, t.publishConfirm),
            h('button', { type: 'button', class: 'primary', 'data-testid': 'publish-go', onclick: () => void this.runPublish().catch((err: unknown) => this.fail(err)) }, t.publishGo),
            h('button', { type: 'button', onclick: () => { this.confirmingPublish = false; this.renderConsolidate(); } }, t.publishCancel),
          )
        : h('button', { type: 'button', 'data-testid': 'publish', title: t.publishHelp, onclick: () => { this.confirmingPublish = true; this.renderConsolidate(); } }, t.publishButton),
    );
  }

  async start(): Promise<void> {
    this.renderValidate();
    this.renderConsolidate();
    await this.live.start();
    this.renderConsolidate();
  }
}
