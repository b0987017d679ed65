// Applies a consolidation plan to the master's package: rows inserted (everything below moves,
// names and formulas follow), then each planned cell written typed in the style it had, with
// our colour over its own fill, then heights, widths, print areas and our sheets.
import { MARK_FILLS, type ConsolidationPlan, type PlanCell } from '../plan';
import { RowMap } from '../ooxml/rowmap';
import type { SheetXml } from '../ooxml/sheet';
import type { XlsxEditor } from '../ooxml/workbook';
import { builtinId } from '../read/numfmt';

export function applyPlan(ed: XlsxEditor, plan: ConsolidationPlan): void {
  const bySheet = new Map<string, Map<number, number>>();
  for (const x of plan.inserts) {
    const counts = bySheet.get(x.sheet) ?? new Map<number, number>();
    counts.set(x.after, (counts.get(x.after) ?? 0) + x.count);
    bySheet.set(x.sheet, counts);
  }
  for (const [name, counts] of bySheet) {
    const rm = new RowMap([], counts);
    ed.sheet(name).remap(rm, name);
    ed.remapNames(name, rm);
    ed.remapFormulas(name, rm);
  }
  let noteStyle: number | undefined;
  for (const x of plan.cells) {
    const sx = ed.sheet(x.sheet);
    if (x.restoreFill !== undefined) sx.setStyle(x.r, x.c, ed.styles.derive(sx.styleAt(x.r, x.c), { fillXml: x.restoreFill }));
    if (x.value === undefined && x.mark === undefined && x.look === undefined) continue;
    let base: number;
    if (x.look === 'note') base = noteStyle ??= ed.styles.derive(0, { wrap: true, border: true });
    else if (x.look !== undefined) base = ed.styles.derive(sx.styleAt(x.r, x.look.headerFrom), { wrap: true });
    else base = sx.styleAt(x.r, x.c);
    const style = x.mark ? ed.styles.derive(base, { fill: MARK_FILLS[x.mark] }) : base;
    if (x.value) writeValue(ed, sx, x, style);
    else sx.setStyle(x.r, x.c, style);
  }
  for (const h of plan.heights) ed.sheet(h.sheet).ensureHeight(h.r, h.points);
  for (const w of plan.columns) ed.sheet(w.sheet).setColumn(w.c, { width: w.width });
  for (const p of plan.printAreas) ed.extendPrintArea(p.sheet, p.c);
  for (const s of plan.sheets) {
    if (s.replace) {
      ed.replaceSheet(s.name, s.xml);
      // LibreOffice saves a very hidden sheet as only hidden: the record is made very hidden again.
      if (ed.sheets.find((e) => e.name === s.name)?.state !== s.state) ed.setState(s.name, s.state);
    } else ed.addSheet(s.name, s.xml, s.state);
    if (s.printTitles) ed.setPrintTitles(s.name, s.printTitles);
  }
  if (plan.activate) ed.activate(plan.activate);
}

/** A planned value in its type: a number in the section's format where it differs from the cell's. */
function writeValue(ed: XlsxEditor, sx: SheetXml, x: PlanCell, style: number): void {
  const v = x.value!;
  switch (v.kind) {
    case 'formula':
      return sx.setFormula(x.r, x.c, v.formula, v.cached, style);
    case 'number':
      return sx.setValue(x.r, x.c, v.value, v.numFmt === undefined ? style : ed.styles.derive(style, { numFmt: builtinId(v.numFmt) ?? v.numFmt }));
    case 'boolean':
      return sx.setValue(x.r, x.c, v.value, style);
    case 'text':
      return sx.setText(x.r, x.c, v.text, style);
    case 'clear':
      return sx.clearValue(x.r, x.c);
  }
}
