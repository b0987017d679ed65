// Fixes applied to a workbook file in the browser: only the fixed cells' XML changes, so the
// section's formatting survives (lib/ooxml patches parts in place).
import { parseA1 } from '../../lib/grid';
import type { Fix } from '../../lib/rules/types';
import { XlsxEditor } from '../../lib/ooxml/workbook';

export function canPatch(name: string, bytes: Uint8Array): boolean {
  return /\.xlsx$|\.xlsm$/i.test(name) && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

export function patchFixes(bytes: Uint8Array, fixes: readonly Fix[]): Uint8Array {
  const ed = new XlsxEditor(bytes);
  for (const f of fixes) {
    const { r, c } = parseA1(f.cell);
    const sheet = ed.sheet(f.sheet);
    sheet.setText(r, c, f.value, sheet.styleAt(r, c));
  }
  return ed.toBytes();
}
