// The task pane without Office: files are dropped or picked, checked with lib/ in the page,
// fixed by patching the file's XML, consolidated and downloaded. Nothing is sent anywhere.
import { checkBytesRead, type FileResult } from '../../lib/check';
import type { Config } from '../../lib/config/schema';
import { getCell, parseA1, type Workbook } from '../../lib/grid';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { diffPane } from '../../lib/locale/ja/diff';
import { diffGrids, type CellChange, type DiffResult } from '../../lib/diff';
import { countsText, diffErrorText, renderDiff, unreadablePrevious } from '../shared/diff-view';
import { readWorkbook } from '../../lib/read/workbook';
import { applyFixes } from '../../lib/fix';
import type { Finding, Fix } from '../../lib/rules/types';
import { h, replace } from '../shared/dom';
import { download, readFiles, suffixed, UNREADABLE_HERE, type LoadedFile } from '../shared/files';
import { renderFindings } from '../shared/findings-view';
import type { Opened } from '../shared/paged';
import { canPatch, patchFixes } from '../shared/patch';
import { renderConsolidateStandalone } from './consolidate-view';
import type { Shell } from './shell';

/** Files up to this size keep the grid their check read (a section workbook is far smaller). */
const KEEP_GRID_BYTES = 4 * 1024 * 1024;

export interface BookEntry {
  id: number;
  name: string;
  bytes: Uint8Array;
  workbook: Workbook | null;
  result: FileResult;
  fixed: number;
}

export class StandaloneApp {
  books: BookEntry[] = [];
  selected: { id: number; finding: Finding } | null = null;
  /** 前回との違い of each book: the comparison with the previous report the user picked. */
  diffs = new Map<number, { result: DiffResult | null; error?: string; selected: CellChange | null; drawn?: Opened }>();
  private nextId = 1;
  /** Each book's card as last drawn: a click on one finding redraws that card alone. */
  private readonly cards = new Map<number, HTMLElement>();
  /** Findings drawn per sheet of each book, so a list opened further stays open when redrawn. */
  private readonly drawn = new Map<number, Opened>();

  constructor(
    readonly config: Config,
    readonly shell: Shell,
  ) {}

  /**
   * The CLI's own path (checkBytes): same findings, same Japanese reasons for bad files. The
   * grid of a file up to KEEP_GRID_BYTES is kept, for consolidation to take without reading the
   * file again; larger ones are read again when needed, so memory stays bounded.
   */
  check(name: string, bytes: Uint8Array): { workbook: Workbook | null; result: FileResult } {
    const { result, workbook } = checkBytesRead(name, bytes, this.config);
    return { workbook: bytes.length <= KEEP_GRID_BYTES ? workbook : null, result };
  }

  /** The grid, read only when a finding is opened. */
  grid(book: BookEntry): Workbook | null {
    if (!book.workbook && !book.result.error) {
      try {
        book.workbook = readWorkbook(book.bytes, book.name);
      } catch {
        return null;
      }
    }
    return book.workbook;
  }

  async add(files: LoadedFile[]): Promise<void> {
    let painted = -Infinity;
    for (const f of files) {
      this.shell.status(format(t.checking, { name: f.name }));
      // Let the status paint before the synchronous parse, every 50 ms rather than before
      // every file: browsers hold a pause of many in a row to 4 ms (0.4 s over 100 files).
      if (performance.now() - painted > 50) {
        await new Promise((r) => setTimeout(r, 0));
        painted = performance.now();
      }
      // A file the browser could not read is a card with its reason, as a broken one is.
      const { workbook, result } = f.unreadable
        ? { workbook: null, result: { path: f.name, reportTypes: [], findings: [], skipped: [], error: { code: UNREADABLE_HERE, message: f.unreadable } } }
        : this.check(f.name, f.bytes);
      this.books.push({ id: this.nextId++, name: f.name, bytes: f.bytes, workbook, result, fixed: 0 });
    }
    const added = this.books.slice(-files.length);
    const bad = added.filter((b) => b.result.error && b.result.error.code !== 'no-report').length;
    this.shell.status(bad > 0 ? format(t.loadedBad, { n: files.length, bad }) : format(t.loaded, { n: files.length }), bad > 0 ? 'error' : 'info');
    this.render();
  }

  fix(book: BookEntry, fixes: Fix[]): void {
    const plan = applyFixes(book.result.findings.filter((f) => f.fix && fixes.includes(f.fix)));
    try {
      book.bytes = patchFixes(book.bytes, plan.apply);
    } catch (err) {
      this.shell.status(format(t.fixFailed, { name: book.name, detail: err instanceof Error ? err.message : String(err) }), 'error');
      return;
    }
    const { workbook, result } = this.check(book.name, book.bytes);
    book.workbook = workbook;
    book.result = result;
    book.fixed += plan.apply.length;
    this.selected = null;
    this.shell.status(format(t.fixed, { n: plan.apply.length, name: book.name }));
    const back = this.focusIn(book);
    this.render();
    back();
  }

  /** 前回との違い: the book against a previous report, read here as the CLI reads it. */
  async compare(book: BookEntry, prev: LoadedFile): Promise<void> {
    if (prev.unreadable) {
      this.shell.status(unreadablePrevious(prev), 'error');
      return;
    }
    this.shell.status(format(diffPane.comparing, { name: prev.name }), 'busy');
    await new Promise((r) => setTimeout(r, 0));
    const current = this.grid(book);
    let entry: { result: DiffResult | null; error?: string; selected: CellChange | null };
    if (!current) {
      entry = { result: null, error: format(diffPane.failed, { detail: diffPane.noBook }), selected: null };
    } else {
      try {
        const result = diffGrids(readWorkbook(prev.bytes, prev.name), current, this.config);
        entry = { result, selected: null };
      } catch (err) {
        entry = { result: null, error: format(diffPane.failed, { detail: diffErrorText(err, prev.name, book.name) }), selected: null };
      }
    }
    this.diffs.set(book.id, entry);
    if (entry.result) this.shell.status(format(diffPane.compared, { name: prev.name, counts: countsText(entry.result) }));
    else this.shell.status(entry.error!, 'error');
    this.render();
  }

  remove(book: BookEntry): void {
    const i = this.books.indexOf(book);
    this.books = this.books.filter((b) => b !== book);
    this.drawn.delete(book.id);
    if (this.selected?.id === book.id) this.selected = null;
    this.render();
    // The keyboard goes on at the card that took its place (or the one before, or the drop box).
    const next = this.books[Math.min(i, this.books.length - 1)];
    const at = next ? this.cards.get(next.id)?.querySelector<HTMLElement>('h2') : this.shell.view('validate').querySelector<HTMLElement>('input[type=file]');
    at?.focus();
  }

  /**
   * Where the keyboard is in a book's card, found again once the card is drawn anew: the same
   * control of the same finding, else the first of its kind, else the card's heading.
   */
  private focusIn(book: BookEntry): () => void {
    const card = this.cards.get(book.id);
    const active = document.activeElement as HTMLElement | null | undefined;
    if (!card || !active || !card.contains(active)) return () => undefined;
    const cell = active.closest('[data-cell]')?.getAttribute('data-cell');
    const kind = `${active.tagName.toLowerCase()}${active.classList[0] ? `.${active.classList[0]}` : ''}`;
    return () => {
      const now = this.cards.get(book.id);
      if (!now) return;
      const same = cell ? [...now.querySelectorAll<HTMLElement>('[data-cell]')].find((e) => e.getAttribute('data-cell') === cell)?.querySelector<HTMLElement>(kind) : null;
      (same ?? now.querySelector<HTMLElement>(kind) ?? now.querySelector<HTMLElement>('h2'))?.focus();
    };
  }

  detail(book: BookEntry, f: Finding): HTMLElement {
    const { r, c } = parseA1(f.cell);
    const sheet = this.grid(book)?.sheets.find((s) => s.name === f.sheet);
    const text = sheet ? getCell(sheet, r, c)?.text ?? '' : '';
    return h(
      'div',
      { class: 'detail', 'data-testid': 'detail' },
      h('h3', {}, format(t.detailHeading, { sheet: f.sheet, cell: f.cell })),
      h('p', { class: 'msg' }, f.message),
      h('p', { class: 'label' }, t.cellContent),
      h('pre', { class: 'cell-text' }, text === '' ? t.emptyCell : text),
      f.fix ? h('p', { class: 'label' }, format(t.fixSuggestion, { value: f.fix.value })) : null,
    );
  }

  renderBook(book: BookEntry): HTMLElement {
    const res = book.result;
    const patchable = canPatch(book.name, book.bytes);
    const card = h('section', { class: 'book', 'data-file': book.name });
    card.appendChild(
      h(
        'header',
        {},
        // Focusable from script only: where the keyboard lands when a card is drawn anew.
        h('h2', { tabindex: '-1' }, book.name),
        res.reportTypes.length ? h('span', { class: 'types' }, res.reportTypes.join('・')) : null,
        h('button', { type: 'button', class: 'link', onclick: () => this.remove(book) }, t.removeFile),
      ),
    );
    if (res.error) card.appendChild(h('p', { class: 'file-error', role: 'alert' }, format(t.fileError, { name: book.name, reason: res.error.message })));
    if (res.skipped.length) {
      card.appendChild(h('p', { class: 'skipped' }, format(t.skippedSheets, { sheets: res.skipped.map((s) => s.sheet).join('、') })));
    }
    if (!res.error) {
      card.appendChild(
        renderFindings({
          findings: res.findings,
          selected: this.selected?.id === book.id ? this.selected.finding : null,
          onSelect: (f) => {
            const before = this.books.find((b) => b.id === this.selected?.id);
            this.selected = { id: book.id, finding: f };
            this.redraw(book, before);
          },
          onFix: patchable ? (fixes) => this.fix(book, fixes) : undefined,
          detail: (f) => this.detail(book, f),
          drawn: this.drawnOf(book),
        }),
      );
      if (!patchable && res.findings.some((f) => f.fix)) card.appendChild(h('p', { class: 'note' }, t.cannotPatch));
    }
    if (!res.error && res.reportTypes.length > 0) {
      const d = this.diffs.get(book.id);
      card.appendChild(
        renderDiff({
          result: d?.result ?? null,
          ...(d?.error ? { error: d.error } : {}),
          help: diffPane.helpStandalone,
          picker: this.shell.dropZone((files) => void readFiles(files).then((fs) => (fs[0] ? this.compare(book, fs[0]) : undefined)), diffPane.pick, false),
          selected: d?.selected ?? null,
          onSelect: (sheet, cell) => {
            if (!d?.result) return;
            const c = d.result.changed.find((x) => x.sheet === sheet && x.cell === cell) ?? null;
            d.selected = d.selected === c ? null : c;
            this.redraw(book);
          },
          ...(d ? { drawn: (d.drawn ??= new Map()) } : {}),
          onClear: () => {
            this.diffs.delete(book.id);
            this.redraw(book);
          },
        }),
      );
    }
    if (book.fixed > 0) {
      card.appendChild(
        h('button', { type: 'button', class: 'primary', 'data-testid': 'save-fixed', onclick: () => download(book.bytes, suffixed(book.name, t.fixedSuffix)) }, format(t.saveFixed, { n: book.fixed })),
      );
    }
    this.cards.set(book.id, card);
    return card;
  }

  private drawnOf(book: BookEntry): Opened {
    let m = this.drawn.get(book.id);
    if (!m) this.drawn.set(book.id, (m = new Map()));
    return m;
  }

  /** Draws these books' cards again in place; nothing else on the page changes. */
  private redraw(...books: (BookEntry | undefined)[]): void {
    for (const b of new Set(books)) {
      const old = b && this.cards.get(b.id);
      if (!b || !old?.parentNode) continue;
      const back = this.focusIn(b);
      old.replaceWith(this.renderBook(b));
      back();
    }
  }

  render(): void {
    this.cards.clear();
    const v = this.shell.view('validate');
    const list = this.books.length
      ? this.books.map((b) => this.renderBook(b))
      : [h('p', { class: 'empty' }, t.noFilesYet)];
    replace(v, this.shell.dropZone((files) => void readFiles(files).then((fs) => this.add(fs))), ...list);
    renderConsolidateStandalone(this);
  }

  start(): void {
    this.shell.enableDrop((files) => void readFiles(files).then((fs) => this.add(fs)));
    this.render();
  }
}

