# openpyxl side of the `next` tests: an independent reader listing every cell of two
# workbooks that differs in value, type, number format or look (font, fill, border,
# alignment, protection), and each sheet's merges, widths and defined names.
import json
import sys

import openpyxl


def look(c):
    f = c.font
    return [c.number_format, f.name, f.sz, f.b, f.i, f.color.rgb if f.color is not None else None,
            c.fill.fill_type, c.fill.fgColor.rgb if c.fill.fgColor is not None else None,
            [getattr(c.border, side).style for side in ('left', 'right', 'top', 'bottom')],
            c.alignment.wrap_text, c.alignment.horizontal, c.alignment.vertical, c.protection.locked]


def cells(ws):
    out = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            out[c.coordinate] = {'value': c.value if not hasattr(c.value, 'isoformat') else c.value.isoformat(), 'type': c.data_type, 'look': look(c)}
    return out


def names(wb):
    out = {}
    dn = wb.defined_names
    # openpyxl before 3.1 keeps sheet-local names in the workbook's list, with localSheetId.
    for d in (dn.definedName if hasattr(dn, 'definedName') else dn.values()):
        local = wb.sheetnames[d.localSheetId] + '!' if d.localSheetId is not None else ''
        out[local + d.name] = d.attr_text
    for ws in wb.worksheets:
        for n, d in getattr(ws, 'defined_names', {}).items():
            out[f'{ws.title}!{n}'] = d.attr_text
    return out


def main(before, after):
    a = openpyxl.load_workbook(before)
    b = openpyxl.load_workbook(after)
    result = {'sheets': [ws.title for ws in b.worksheets], 'names': names(b), 'diff': [], 'merges': {}, 'widths': {}}
    for ws in a.worksheets:
        if ws.title not in b.sheetnames:
            continue
        wb2 = b[ws.title]
        ca, cb = cells(ws), cells(wb2)
        for ref in sorted(set(ca) | set(cb)):
            x, y = ca.get(ref), cb.get(ref)
            if x != y:
                result['diff'].append({'sheet': ws.title, 'cell': ref, 'before': x, 'after': y})
        result['merges'][ws.title] = [sorted(map(str, ws.merged_cells.ranges)), sorted(map(str, wb2.merged_cells.ranges))]
        result['widths'][ws.title] = [{k: d.width for k, d in ws.column_dimensions.items()}, {k: [d.width, d.hidden] for k, d in wb2.column_dimensions.items()}]
    print(json.dumps(result, ensure_ascii=False))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
