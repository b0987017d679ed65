// Workbook-level patching: which part holds which sheet, adding a sheet, hiding one,
// choosing the active one, and moving print areas and titles with their rows.
import { colIndex, colName } from '../grid';
import { linesFor, pointsFor } from './height';
import { Package, PackageError, relsPathOf, resolveTarget } from './package';
import { mapFormulaRefs } from './formula';
import type { RowMap } from './rowmap';
import { hiddenColumnsIn, isHiddenRow, mergeRefsIn, scanSheetData, SheetXml, splitSheet } from './sheet';
import { Styles } from './styles';
import { escapeXml, getAttr, unescapeXml, insertInOrder, mapElementText, openTagOf, setAttr, WORKBOOK_AFTER_CALCPR } from './xml';

const DEFINED_NAME_EL = /<definedName\b[^>]*\/>|<definedName\b[^>]*>[\s\S]*?<\/definedName>/g;
// Cell formulas, conditional-format and validation formulas, their Excel 2010 forms, chart series.
const FORMULA_TEXT = /<(?:f|formula|formula1|formula2|xm:f|c:f)\b[^>]*>([^<]*)</g;
const DEFINED_NAME = /(<definedName\b[^>]*>)([\s\S]*?)(<\/definedName>)/g;
const WS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WS_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

export interface SheetEntry {
  name: string;
  part: string;
  /** A worksheet holds cells; chart, dialog and macro sheets are kept as they are, never read. */
  kind: 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet';
  /** Position in the workbook (localSheetId of defined names). */
  index: number;
  state: SheetState;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** What reading a sheet needs besides its cells. */
export interface SheetFacts {
  hiddenRows: number[];
  hiddenColumns: number[];
  mergeRefs: string[];
}

export class XlsxEditor {
  readonly pkg: Package;
  readonly sheets: SheetEntry[];
  readonly styles: Styles;
  readonly sharedStringsPart: string | undefined;
  /** The workbook part: `xl/workbook.xml` as Excel writes it, else where `_rels/.rels` says. */
  readonly wb: string;
  /** Dates count from 1904 (old Mac workbooks): serial 0 is 1904-01-01. */
  readonly date1904: boolean;
  private readonly stylesPart: string | undefined;
  private readonly open = new Map<string, SheetXml>();
  /** Opened only to read cells (lib/read): sheets are scanned, never kept as SheetXml. */
  private readonly readOnly: boolean;
  private formulaParts: Set<string> | undefined;
  /** The shared-string table's items as read, found once and shared by clones. */
  private sstItems: string[] | undefined;

  /** A copy to patch independently (split patches one copy of the master per department). */
  clone(): XlsxEditor {
    this.formulaSheets();
    this.sharedStringItems();
    const c = Object.create(XlsxEditor.prototype) as XlsxEditor;
    Object.assign(c, {
      pkg: this.pkg.clone(),
      sheets: this.sheets.map((s) => ({ ...s })),
      styles: this.styles.clone(),
      sharedStringsPart: this.sharedStringsPart,
      wb: this.wb,
      date1904: this.date1904,
      stylesPart: this.stylesPart,
      readOnly: this.readOnly,
      open: new Map([...this.open].map(([k, v]) => [k, v.clone()])),
      formulaParts: this.formulaParts,
      sstItems: this.sstItems,
    });
    return c;
  }

  /** `readOnly`: for reading cells only (lib/read); such an editor is never written. */
  constructor(bytes: Uint8Array, opts: { readOnly?: boolean } = {}) {
    this.pkg = Package.open(bytes, undefined, opts);
    this.readOnly = opts.readOnly === true;
    this.wb = workbookPart(this.pkg);
    if (!this.pkg.has(this.wb)) throw new PackageError('missing-part', this.wb);
    const wb = this.pkg.read(this.wb);
    if (/<\w+:workbook\b/.test(wb)) throw new PackageError('unsupported-xml', 'prefixed workbook namespace');
    this.date1904 = /<workbookPr\b[^>]*\sdate1904="(?:1|true)"/.test(wb);
    const rels = this.relationsOf(this.wb);
    this.sheets = [...wb.matchAll(/<sheet\b[^>]*?\/>/g)].map((m, index) => {
      const name = getAttr(m[0], 'name') ?? '';
      const rid = getAttr(m[0], 'r:id') ?? '';
      const rel = rels.get(rid);
      if (!rel) throw new PackageError('missing-part', `sheet ${name}`);
      const target = rel.target;
      const st = getAttr(m[0], 'state');
      const type = /\/(chartsheet|dialogsheet|xlMacrosheet|macrosheet)$/.exec(rel.type)?.[1];
      const kind: SheetEntry['kind'] = type === 'chartsheet' || type === 'dialogsheet' ? type : type ? 'macrosheet' : 'worksheet';
      return { name, part: target, kind, index, state: st === 'hidden' || st === 'veryHidden' ? st : 'visible' };
    });
    this.stylesPart = [...rels.values()].map((x) => x.target).find((p) => /styles\.xml$/.test(p));
    this.sharedStringsPart = [...rels.values()].map((x) => x.target).find((p) => /sharedStrings\.xml$/i.test(p));
    this.styles = new Styles(this.stylesPart && this.pkg.has(this.stylesPart) ? this.pkg.read(this.stylesPart) : undefined);
  }

  /** Relationship id → the part it names (internal targets only) and the relationship's type. */
  private relationsOf(part: string): Map<string, { target: string; type: string }> {
    const out = new Map<string, { target: string; type: string }>();
    const path = relsPathOf(part);
    if (!this.pkg.has(path)) return out;
    for (const m of this.pkg.read(path).matchAll(/<Relationship\b[^>]*?\/?>/g)) {
      const id = getAttr(m[0], 'Id');
      const target = getAttr(m[0], 'Target');
      if (id && target && getAttr(m[0], 'TargetMode') !== 'External') out.set(id, { target: resolveTarget(part, target), type: getAttr(m[0], 'Type') ?? '' });
    }
    return out;
  }

  private relsOf(part: string): Map<string, string> {
    return new Map([...this.relationsOf(part)].map(([id, r]) => [id, r.target]));
  }

  sheet(name: string): SheetXml {
    const e = this.sheets.find((s) => s.name === name);
    if (!e) throw new PackageError('missing-part', `sheet ${name}`);
    let s = this.open.get(e.part);
    if (!s) {
      s = new SheetXml(this.pkg.read(e.part));
      this.open.set(e.part, s);
    }
    return s;
  }

  /**
   * A sheet's cells in document order, with what a reader needs besides. A read-only editor
   * scans the part and keeps no row or cell map (a returned file is read once); the patcher's
   * SheetXml serves otherwise, or when `asPatcher`. Null when rows or cells are out of order,
   * where only SheetXml tells which of two same-numbered ones stands: read again `asPatcher`.
   */
  readCells(name: string, fn: (r: number, c: number, xml: string) => void, asPatcher = false): SheetFacts | null {
    const e = this.sheets.find((s) => s.name === name);
    if (!e) throw new PackageError('missing-part', `sheet ${name}`);
    const open = this.open.get(e.part);
    if (open || !this.readOnly || asPatcher) {
      const sx = open ?? this.sheet(name);
      sx.forEachCell(fn);
      return { hiddenRows: sx.hiddenRows(), hiddenColumns: sx.hiddenColumns(), mergeRefs: sx.mergeRefs() };
    }
    const { head, body, tail } = splitSheet(this.pkg.read(e.part));
    const hiddenRows: number[] = [];
    let lastRow = -1;
    let lastCol = -1;
    let ordered = true;
    scanSheetData(body, {
      row: (r, openTag) => {
        if (r <= lastRow) ordered = false;
        lastRow = r;
        lastCol = -1;
        if (isHiddenRow(openTag)) hiddenRows.push(r);
      },
      cell: (r, c, start, end) => {
        if (c <= lastCol) ordered = false;
        lastCol = c;
        if (ordered) fn(r, c, body.slice(start, end));
      },
    }, false);
    return ordered ? { hiddenRows, hiddenColumns: hiddenColumnsIn(head), mergeRefs: mergeRefsIn(tail) } : null;
  }

  /**
   * Moves the references into `sheetName` of every cell formula of the workbook through the
   * row map (call after that sheet's remap), and has the workbook recalculated on opening,
   * since the saved results were computed on the old rows.
   */
  remapFormulas(sheetName: string, rm: RowMap, opts: { clearBroken?: boolean } = {}): void {
    if (rm.identity) return;
    let changed = false;
    for (const e of this.formulaSheets()) {
      if (this.sheet(e.name).mapFormulas((f) => mapFormulaRefs(f, e.name, sheetName, rm), opts)) changed = true;
    }
    if (changed) this.recalcOnLoad();
  }

  /**
   * Sheets of the master holding a cell formula, found once and shared by clones (we never
   * write formulas): split remaps every sheet of 100 copies, most masters have none.
   */
  private formulaSheets(): SheetEntry[] {
    this.formulaParts ??= new Set(this.sheets.filter((e) => e.part && this.pkg.has(e.part) && /<f[\s>]/.test(this.pkg.read(e.part))).map((e) => e.part));
    const parts = this.formulaParts;
    return this.sheets.filter((e) => parts.has(e.part));
  }

  private recalcOnLoad(): void {
    let wb = this.pkg.read(this.wb);
    if (/<calcPr\b/.test(wb)) wb = wb.replace(/<calcPr\b[^>]*?\/?>/, (tag) => setAttr(tag, 'fullCalcOnLoad', '1'));
    else wb = insertInOrder(wb, '<calcPr fullCalcOnLoad="1"/>', WORKBOOK_AFTER_CALCPR, '</workbook>');
    this.pkg.write(this.wb, wb);
  }

  /** Moves the sheet's print area, print titles and other sheet-local names with its rows. */
  remapNames(sheetName: string, rm: RowMap): void {
    const e = this.sheets.find((s) => s.name === sheetName)!;
    let wb = this.pkg.read(this.wb);
    wb = mapElementText(wb, DEFINED_NAME, (text, open) => {
      const local = getAttr(open, 'localSheetId');
      if (local !== undefined && Number(local) !== e.index && !text.includes(sheetName)) return text;
      // Defined names always name their sheet: no reference is "own" here.
      return mapFormulaRefs(text, '', sheetName, rm, { keepGone: true });
    });
    this.pkg.write(this.wb, wb);
  }

  /** Widens the sheet's print area to column `c` (0-based) when it ends left of it. */
  extendPrintArea(sheetName: string, c: number): void {
    const e = this.sheets.find((s) => s.name === sheetName)!;
    let wb = this.pkg.read(this.wb);
    wb = mapElementText(wb, DEFINED_NAME, (text, open) => {
      if (getAttr(open, 'name') !== '_xlnm.Print_Area' || Number(getAttr(open, 'localSheetId')) !== e.index) return text;
      return text.replace(/(:\$?)([A-Z]{1,3})(\$?\d+)/g, (m, pre: string, col: string, rest: string) => (colIndex(col) < c ? `${pre}${colName(c)}${rest}` : m));
    });
    this.pkg.write(this.wb, wb);
  }

  /**
   * Rows printed at the top of every page of the sheet (`$8:$8`): the defined name
   * _xlnm.Print_Titles, replacing the sheet's earlier one.
   */
  setPrintTitles(sheetName: string, rows: string): void {
    const e = this.sheets.find((s) => s.name === sheetName)!;
    const el = `<definedName name="_xlnm.Print_Titles" localSheetId="${e.index}">${escapeXml(`'${sheetName.replace(/'/g, "''")}'!${rows}`)}</definedName>`;
    let wb = this.pkg.read(this.wb).replace(DEFINED_NAME_EL, (x) => (getAttr(x, 'name') === '_xlnm.Print_Titles' && getAttr(x, 'localSheetId') === String(e.index) ? '' : x));
    if (/<definedNames\b[^>]*\/>/.test(wb)) wb = wb.replace(/<definedNames\b[^>]*\/>/, `<definedNames>${el}</definedNames>`);
    else if (wb.includes('</definedNames>')) wb = wb.replace('</definedNames>', `${el}</definedNames>`);
    else wb = insertInOrder(wb, `<definedNames>${el}</definedNames>`, ['calcPr', ...WORKBOOK_AFTER_CALCPR], '</workbook>');
    this.pkg.write(this.wb, wb);
  }

  /** The text of a defined name: workbook-level, or local to `sheet` when given. */
  definedName(name: string, sheet?: string): string | undefined {
    const local = sheet === undefined ? undefined : String(this.sheets.find((s) => s.name === sheet)?.index ?? -1);
    for (const el of this.pkg.read(this.wb).match(DEFINED_NAME_EL) ?? []) {
      if (getAttr(el, 'name') !== name || getAttr(el, 'localSheetId') !== local) continue;
      return unescapeXml(el.replace(/^<[^>]*>|<\/definedName>$/g, ''));
    }
    return undefined;
  }

  /** Sets a hidden defined name (workbook-level, or local to `sheet`), replacing its earlier text. */
  setDefinedName(name: string, text: string, sheet?: string): void {
    const local = sheet === undefined ? undefined : String(this.sheets.find((s) => s.name === sheet)!.index);
    const el = `<definedName name="${escapeXml(name)}"${local !== undefined ? ` localSheetId="${local}"` : ''} hidden="1">${escapeXml(text)}</definedName>`;
    this.removeDefinedName(name, sheet);
    let wb = this.pkg.read(this.wb);
    if (/<definedNames\b[^>]*\/>/.test(wb)) wb = wb.replace(/<definedNames\b[^>]*\/>/, `<definedNames>${el}</definedNames>`);
    else if (wb.includes('</definedNames>')) wb = wb.replace('</definedNames>', `${el}</definedNames>`);
    else wb = insertInOrder(wb, `<definedNames>${el}</definedNames>`, ['calcPr', ...WORKBOOK_AFTER_CALCPR], '</workbook>');
    this.pkg.write(this.wb, wb);
  }

  /** Takes a defined name out (workbook-level, or local to `sheet`); whether it was there. */
  removeDefinedName(name: string, sheet?: string): boolean {
    const local = sheet === undefined ? undefined : String(this.sheets.find((s) => s.name === sheet)?.index ?? -1);
    let found = false;
    let wb = this.pkg.read(this.wb).replace(DEFINED_NAME_EL, (el) => {
      if (getAttr(el, 'name') !== name || getAttr(el, 'localSheetId') !== local) return el;
      found = true;
      return '';
    });
    if (!found) return false;
    wb = wb.replace(/<definedNames>\s*<\/definedNames>/, '');
    this.pkg.write(this.wb, wb);
    return true;
  }

  setState(name: string, state: SheetState): void {
    const e = this.sheets.find((s) => s.name === name);
    if (e) e.state = state;
    let wb = this.pkg.read(this.wb);
    wb = wb.replace(/<sheet\b[^>]*?\/>/g, (tag) => (getAttr(tag, 'name') === name ? setAttr(tag, 'state', state) : tag));
    this.pkg.write(this.wb, wb);
  }

  /** Opens the workbook on this sheet (and only this one selected). */
  activate(name: string): void {
    const e = this.sheets.find((s) => s.name === name)!;
    let wb = this.pkg.read(this.wb);
    wb = wb.replace(/<workbookView\b[^>]*?\/?>/, (tag) => setAttr(setAttr(tag, 'activeTab', String(e.index)), 'firstSheet', '0'));
    this.pkg.write(this.wb, wb);
    for (const s of this.sheets) {
      if (s.kind !== 'worksheet') {
        // A chart or dialog sheet has no cells to patch: its selected flag is cleared in place.
        if (this.pkg.has(s.part)) this.pkg.write(s.part, this.pkg.read(s.part).replace(/(<sheetView\b[^>]*?)\stabSelected="(?:1|true)"/g, '$1'));
        continue;
      }
      const x = this.sheet(s.name);
      x.unselectTab();
      if (s.name === name) x.selectTab();
    }
  }

  /**
   * Takes a sheet out of the workbook, with its part, its relationships and the parts only it
   * used. When a formula, name or rule elsewhere refers to it, removing it would turn that into
   * #REF!: the sheet is made very hidden instead. Returns whether it was removed.
   */
  removeSheet(name: string): boolean {
    const e = this.sheets.find((s) => s.name === name);
    if (!e) return false;
    // Its part and what only it uses: they go with it, and what they say does not count.
    const gone = this.ownParts(e.part);
    if (this.referredTo(e, new Set(gone))) {
      this.setState(name, 'veryHidden');
      return false;
    }
    let wb = this.pkg.read(this.wb);
    let rid: string | undefined;
    wb = wb.replace(/<sheet\b[^>]*?\/>/g, (tag) => {
      if (getAttr(tag, 'name') !== name) return tag;
      rid = getAttr(tag, 'r:id');
      return '';
    });
    // Names local to the sheet go; those of later sheets follow them down one place.
    wb = wb.replace(DEFINED_NAME_EL, (el) => {
      const local = getAttr(el, 'localSheetId');
      if (local === undefined) return el;
      const n = Number(local);
      if (n === e.index) return '';
      return n > e.index ? el.replace(/localSheetId="\d+"/, `localSheetId="${n - 1}"`) : el;
    });
    wb = wb.replace(/<definedNames>\s*<\/definedNames>/, '');
    wb = wb.replace(/<workbookView\b[^>]*?\/?>/, (tag) => {
      let out = tag;
      for (const attr of ['activeTab', 'firstSheet']) {
        const v = Number(getAttr(out, attr) ?? '0');
        if (v > e.index || (v === e.index && v === this.sheets.length - 1 && v > 0)) out = setAttr(out, attr, String(v - 1));
      }
      return out;
    });
    this.pkg.write(this.wb, wb);
    const relsPath = relsPathOf(this.wb);
    if (rid !== undefined && this.pkg.has(relsPath)) {
      this.pkg.write(relsPath, this.pkg.read(relsPath).replace(/<Relationship\b[^>]*?\/>/g, (tag) => (getAttr(tag, 'Id') === rid ? '' : tag)));
    }
    let ct = this.pkg.read('[Content_Types].xml');
    for (const part of gone) {
      this.pkg.remove(part);
      ct = ct.replace(/<Override\b[^>]*?\/>/g, (tag) => (getAttr(tag, 'PartName') === `/${part}` ? '' : tag));
    }
    this.pkg.write('[Content_Types].xml', ct);
    this.open.delete(e.part);
    this.sheets.splice(this.sheets.indexOf(e), 1);
    for (const s of this.sheets) if (s.index > e.index) s.index--;
    return true;
  }

  /**
   * Takes the notes (legacy comments) whose text `isOurs` claims out of a worksheet: their
   * entries in the comments part and their shapes in its VML drawing. A part left empty goes,
   * with its relationship (and the sheet's <legacyDrawing>). Returns how many notes went.
   */
  removeNotes(sheetName: string, isOurs: (text: string) => boolean): number {
    const e = this.sheets.find((s) => s.name === sheetName);
    if (!e) return 0;
    const rels = [...this.relationsOf(e.part)];
    const comments = rels.find(([, r]) => /\/comments$/.test(r.type) && this.pkg.has(r.target));
    if (!comments) return 0;
    const gone = new Set<string>();
    const xml = this.pkg.read(comments[1].target).replace(/<comment\b[^>]*?(?:\/>|>[\s\S]*?<\/comment>)/g, (el) => {
      const text = [...el.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join('');
      if (!isOurs(text)) return el;
      const ref = /^\$?([A-Z]+)\$?(\d+)$/.exec(getAttr(openTagOf(el), 'ref') ?? '');
      if (ref) gone.add(`${Number(ref[2]) - 1},${colIndex(ref[1]!)}`);
      return '';
    });
    if (gone.size === 0) return 0;
    const dropped: string[] = [];
    if (/<comment\b/.test(xml)) this.pkg.write(comments[1].target, xml);
    else dropped.push(comments[0]);
    // The notes' shapes: a VML drawing may also hold form controls, which stay.
    const vml = rels.find(([, r]) => /\/vmlDrawing$/.test(r.type) && this.pkg.has(r.target));
    if (vml) {
      const shapes = this.pkg.read(vml[1].target).replace(/<([\w.-]+:)?shape\b[^>]*?(?:\/>|>[\s\S]*?<\/\1shape>)/g, (el) => {
        // Excel writes v:shape and x:Row; other writers choose other prefixes.
        const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*</.exec(el)?.[1];
        const col = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*</.exec(el)?.[1];
        return /ObjectType="Note"/.test(el) && row !== undefined && col !== undefined && gone.has(`${row},${col}`) ? '' : el;
      });
      if (/<(?:[\w.-]+:)?shape\b/.test(shapes)) {
        this.pkg.write(vml[1].target, shapes);
      } else {
        dropped.push(vml[0]);
        this.sheet(sheetName).removeLegacyDrawing(vml[0]);
      }
    }
    if (dropped.length) {
      const relsPath = relsPathOf(e.part);
      this.pkg.write(relsPath, this.pkg.read(relsPath).replace(/<Relationship\b[^>]*?\/>/g, (tag) => (dropped.includes(getAttr(tag, 'Id') ?? '') ? '' : tag)));
      let ct = this.pkg.read('[Content_Types].xml');
      for (const [id, r] of rels) {
        if (!dropped.includes(id)) continue;
        // Another sheet may share the part (rare); it stays then.
        const elsewhere = this.pkg.names().some((n) => n.endsWith('.rels') && n !== relsPath && [...this.relsOf(ownerOfRels(n)).values()].includes(r.target));
        if (elsewhere) continue;
        this.pkg.remove(r.target);
        ct = ct.replace(/<Override\b[^>]*?\/>/g, (tag) => (getAttr(tag, 'PartName') === `/${r.target}` ? '' : tag));
      }
      this.pkg.write('[Content_Types].xml', ct);
    }
    return gone.size;
  }

  /** Whether a formula, defined name, rule or validation outside the sheet names it. */
  private referredTo(e: SheetEntry, own: ReadonlySet<string>): boolean {
    const refs = [`${e.name}!`, `'${e.name.replace(/'/g, "''")}'!`];
    const names = (this.pkg.read(this.wb).match(DEFINED_NAME_EL) ?? []).filter((el) => getAttr(el, 'localSheetId') !== String(e.index));
    // The sheet's own names (its print area) go with it; any other name counts.
    const texts = names.map((el) => unescapeXml(el.replace(/^<[^>]*>|<\/definedName>$/g, '')));
    for (const s of this.sheets) {
      if (s === e || !this.pkg.has(s.part)) continue;
      const xml = this.open.get(s.part)?.toXml() ?? this.pkg.read(s.part);
      for (const m of xml.matchAll(FORMULA_TEXT)) texts.push(unescapeXml(m[1]!));
    }
    // Charts elsewhere drawing its cells, pivot tables built from it (its own charts go with it).
    for (const n of this.pkg.names()) {
      if (own.has(n)) continue;
      if (/^xl\/charts\/[^/]+\.xml$/i.test(n)) {
        for (const m of this.pkg.read(n).matchAll(FORMULA_TEXT)) texts.push(unescapeXml(m[1]!));
      } else if (/^xl\/pivotCache\/[^/]+\.xml$/i.test(n)) {
        const source = /<worksheetSource\b[^>]*>/.exec(this.pkg.read(n))?.[0];
        if (source && unescapeXml(getAttr(source, 'sheet') ?? '') === e.name) return true;
      }
    }
    return texts.some((x) => refs.some((r) => x.includes(r)));
  }

  /**
   * The part, its relationships, and what they point to that nothing else does (comments, a
   * drawing and its images), followed down.
   */
  private ownParts(part: string): string[] {
    const gone = new Set<string>();
    const visit = (p: string): void => {
      gone.add(p);
      if (this.pkg.has(relsPathOf(p))) gone.add(relsPathOf(p));
      for (const t of this.relsOf(p).values()) {
        if (gone.has(t) || !this.pkg.has(t)) continue;
        const elsewhere = this.pkg.names().some((n) => n.endsWith('.rels') && !gone.has(n) && [...this.relsOf(ownerOfRels(n)).values()].includes(t));
        if (!elsewhere) visit(t);
      }
    };
    visit(part);
    return [...gone];
  }

  /**
   * Drops the shared strings no cell refers to any more, renumbering the cells: text of rows
   * and sheets taken out must not stay in the file, unseen but readable. Left as it is when a
   * sheet cannot be read or a cell names a string that is not there. Returns how many went.
   */
  compactSharedStrings(): number {
    const part = this.sharedStringsPart;
    if (!part || !this.pkg.has(part)) return 0;
    const xml = this.pkg.read(part);
    const items = this.sharedStringItems();
    // Macro and dialog sheets may hold cells too: renumbering without them would break them.
    if (this.sheets.some((e) => !/\/(?:worksheets|chartsheets)\//.test(e.part))) return 0;
    const sheets: SheetXml[] = [];
    try {
      for (const e of this.sheets) if (this.pkg.has(e.part) && /\/worksheets\//.test(e.part)) sheets.push(this.sheet(e.name));
    } catch {
      return 0;
    }
    const used = new Set<number>();
    let sound = true;
    let refs = 0;
    for (const s of sheets) {
      s.mapSharedStrings((i) => {
        if (!Number.isInteger(i) || i < 0 || i >= items.length) sound = false;
        else used.add(i);
        refs++;
        return i;
      });
    }
    const open = /<sst\b[^>]*>/.exec(xml);
    if (!sound || !open || used.size === items.length) return 0;
    const kept = [...used].sort((a, b) => a - b);
    const index = new Map(kept.map((old, k) => [old, k]));
    for (const s of sheets) s.mapSharedStrings((i) => index.get(i)!);
    const tag = setAttr(setAttr(open[0], 'count', String(refs)), 'uniqueCount', String(kept.length));
    this.pkg.write(part, `${xml.slice(0, open.index)}${tag}${kept.map((i) => items[i]).join('')}</sst>`);
    this.sstItems = undefined;
    return items.length - kept.length;
  }

  /** The shared-string table's items as the part holds them; split's copies share one reading. */
  private sharedStringItems(): string[] {
    const part = this.sharedStringsPart;
    if (!part || !this.pkg.has(part)) return [];
    this.sstItems ??= [...this.pkg.read(part).matchAll(/<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g)].map((m) => m[0]);
    return this.sstItems;
  }

  /** Replaces a sheet's whole XML with one written by us. */
  replaceSheet(name: string, xml: string): void {
    const e = this.sheets.find((s) => s.name === name)!;
    this.open.delete(e.part);
    this.pkg.write(e.part, xml);
  }

  /** Appends a worksheet written by us. */
  addSheet(name: string, xml: string, state: SheetState = 'visible'): void {
    const used = new Set(this.pkg.names());
    let n = this.sheets.length + 1;
    const dir = this.wb.slice(0, this.wb.lastIndexOf('/') + 1);
    while (used.has(`${dir}worksheets/sheet${n}.xml`)) n++;
    const part = `${dir}worksheets/sheet${n}.xml`;
    this.pkg.write(part, xml);
    const relsPath = relsPathOf(this.wb);
    let rels = this.pkg.read(relsPath);
    const ids = new Set([...rels.matchAll(/\sId="([^"]*)"/g)].map((m) => m[1]));
    let k = 1;
    while (ids.has(`rId${k}`)) k++;
    const rid = `rId${k}`;
    rels = rels.replace('</Relationships>', `<Relationship Id="${rid}" Type="${WS_TYPE}" Target="worksheets/sheet${n}.xml"/></Relationships>`);
    this.pkg.write(relsPath, rels);
    let ct = this.pkg.read('[Content_Types].xml');
    ct = ct.replace('</Types>', `<Override PartName="/${part}" ContentType="${WS_CT}"/></Types>`);
    this.pkg.write('[Content_Types].xml', ct);
    let wb = this.pkg.read(this.wb);
    const sheetIds = [...wb.matchAll(/<sheet\b[^>]*?\ssheetId="(\d+)"/g)].map((m) => Number(m[1]));
    const sheetId = Math.max(0, ...sheetIds) + 1;
    const stateAttr = state === 'visible' ? '' : ` state="${state}"`;
    const rAttr = /xmlns:r=/.test(wb.slice(0, wb.indexOf('<sheets'))) ? 'r:id' : 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id';
    wb = wb.replace('</sheets>', `<sheet name="${escapeXml(name)}" sheetId="${sheetId}"${stateAttr} ${rAttr}="${rid}"/></sheets>`);
    this.pkg.write(this.wb, wb);
    this.sheets.push({ name, part, kind: 'worksheet', index: this.sheets.length, state });
  }

  toBytes(): Uint8Array {
    for (const [part, s] of this.open) this.pkg.write(part, s.toXml());
    if (this.styles.changed) {
      const part = this.stylesPart ?? `${this.wb.slice(0, this.wb.lastIndexOf('/') + 1)}styles.xml`;
      this.pkg.write(part, this.styles.toXml());
      if (!this.stylesPart) this.addStylesPart(part);
    }
    // Excel recomputes the calculation chain; a stale one after moving rows is an error.
    const calcChain = `${this.wb.slice(0, this.wb.lastIndexOf('/') + 1)}calcChain.xml`;
    if (this.pkg.has(calcChain)) {
      this.pkg.remove(calcChain);
      const relsPath = relsPathOf(this.wb);
      this.pkg.write(relsPath, this.pkg.read(relsPath).replace(/<Relationship\b[^>]*calcChain[^>]*\/>/g, ''));
      this.pkg.write('[Content_Types].xml', this.pkg.read('[Content_Types].xml').replace(/<Override\b[^>]*calcChain[^>]*\/>/g, ''));
    }
    return this.pkg.toBytes();
  }

  private addStylesPart(part: string): void {
    const relsPath = relsPathOf(this.wb);
    this.pkg.write(relsPath, this.pkg.read(relsPath).replace('</Relationships>', '<Relationship Id="rIdShinchokuStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'));
    this.pkg.write('[Content_Types].xml', this.pkg.read('[Content_Types].xml').replace('</Types>', `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`));
  }
}

/** The workbook part the package's own relationships name (Excel opens any such path). */
function workbookPart(pkg: Package): string {
  const DEFAULT = 'xl/workbook.xml';
  if (pkg.has(DEFAULT) || !pkg.has('_rels/.rels')) return DEFAULT;
  for (const m of pkg.read('_rels/.rels').matchAll(/<Relationship\b[^>]*?\/?>/g)) {
    if (!/\/officeDocument$/.test(getAttr(m[0], 'Type') ?? '')) continue;
    const target = getAttr(m[0], 'Target');
    if (target) return resolveTarget('', target.replace(/^\//, ''));
  }
  return DEFAULT;
}

/** `xl/_rels/workbook.xml.rels` → `xl/workbook.xml`. */
function ownerOfRels(rels: string): string {
  return rels.replace(/_rels\/([^/]*)\.rels$/, '$1');
}

/** A worksheet of our own (meta sheet, 集約結果): rows of inline strings with styles. */
export interface NewSheetCell {
  text: string;
  style?: number;
  /** Internal link target, e.g. `'提言1-ア'!C5`. */
  link?: string;
  /** Not wrapped: the text runs on over empty neighbours and does not size the row. */
  spill?: boolean;
  /** Stored as a number (sums and filters work); `text` is then only used to size the row. */
  value?: number;
  /** Rich text instead of `text` (which must be their concatenation): parts shown as removed or added. */
  runs?: { text: string; mark?: 'removed' | 'added' }[];
}

const RUN_PROPS = { removed: '<rPr><strike/><color rgb="FFC00000"/></rPr>', added: '<rPr><b/><u/><color rgb="FF0070C0"/></rPr>' } as const;

export interface NewSheetSpec {
  rows: (NewSheetCell | null)[][];
  widths?: number[];
  /** Rows (0-based) frozen at the top. */
  freezeRows?: number;
  merges?: string[];
  autoFilter?: string;
  landscape?: boolean;
}

export function newSheetXml(spec: NewSheetSpec): string {
  const links: string[] = [];
  const body = spec.rows
    .map((row, r) => {
      const cells = row
        .map((cell, c) => {
          if (!cell) return '';
          const ref = `${colName(c)}${r + 1}`;
          if (cell.link) links.push(`<hyperlink ref="${ref}" location="${escapeXml(cell.link)}" display="${escapeXml(cell.link)}"/>`);
          const s = cell.style ? ` s="${cell.style}"` : '';
          if (cell.value !== undefined && Number.isFinite(cell.value)) return `<c r="${ref}"${s}><v>${cell.value}</v></c>`;
          if (cell.text === '') return `<c r="${ref}"${s}/>`;
          if (cell.runs) {
            const runs = cell.runs.map((x) => `<r>${x.mark ? RUN_PROPS[x.mark] : ''}<t xml:space="preserve">${escapeXml(x.text)}</t></r>`).join('');
            return `<c r="${ref}"${s} t="inlineStr"><is>${runs}</is></c>`;
          }
          return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.text)}</t></is></c>`;
        })
        .join('');
      const lines = Math.max(1, ...row.map((cell, c) => (cell && cell.text && !cell.spill ? linesFor(cell.text, spec.widths?.[c] ?? 8.43) : 1)));
      return lines > 1 ? `<row r="${r + 1}" ht="${pointsFor(lines)}" customHeight="1">${cells}</row>` : `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  // reduce, not Math.max(...rows): a summary of 100,000+ rows would overflow the stack.
  const maxCol = spec.rows.reduce((m, r) => Math.max(m, r.length), 1);
  const pane = spec.freezeRows
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${spec.freezeRows}" topLeftCell="A${spec.freezeRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${spec.freezeRows + 1}" sqref="A${spec.freezeRows + 1}"/></sheetView></sheetViews>`
    : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const cols = spec.widths?.length ? `<cols>${spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  const dim = `<dimension ref="A1:${colName(maxCol - 1)}${Math.max(1, spec.rows.length)}"/>`;
  const filter = spec.autoFilter ? `<autoFilter ref="${spec.autoFilter}"/>` : '';
  const merges = spec.merges?.length ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  const hl = links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '';
  const setup = spec.landscape ? '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' : '';
  const fit = spec.landscape ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${fit}${dim}${pane}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${body}</sheetData>${filter}${merges}${hl}<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>${setup}</worksheet>`;
}
