# openpyxl side of the multi-round tests: an independent writer that types cells as a
# section does (numbers, dates, percents, formulas) and an independent reader of the outputs.
import datetime
import json
import sys

import openpyxl


def typed_value(spec):
    t = spec.get('type', 's')
    v = spec['value']
    if t == 'n':
        return float(v) if isinstance(v, float) else v
    if t == 'd':
        return datetime.datetime.fromisoformat(v)
    return v


def edit(src, out, steps):
    """steps: [{"sheet", "ref", "value", "type": s|n|d|f, "fmt"?}]"""
    wb = openpyxl.load_workbook(src)
    for s in steps:
        ws = wb[s['sheet']]
        c = ws[s['ref']]
        c.value = typed_value(s)
        if s.get('type', 's') == 's':
            c.data_type = 's'
        if 'fmt' in s:
            c.number_format = s['fmt']
    wb.save(out)


def jsonable(v):
    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return v.total_seconds()
    return v


def dump(path):
    """Every worksheet cell: [value, openpyxl data type, number format]; formulas as their text."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                cells[c.coordinate] = [jsonable(c.value), c.data_type, c.number_format]
        out[ws.title] = cells
    print(json.dumps(out, ensure_ascii=False))


def chartsheet(src, out):
    """The master with a chart sheet after its report sheets (a chart of the first one's column A)."""
    from openpyxl.chart import BarChart, Reference
    wb = openpyxl.load_workbook(src)
    chart = BarChart()
    chart.add_data(Reference(wb.worksheets[1], min_col=1, min_row=4, max_row=9))
    wb.create_chartsheet('グラフ').add_chart(chart)
    wb.save(out)


def pane_marks(src, out):
    """The master as the add-in leaves it: its two always-true marks, and one rule of the secretariat's own."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[1]
    fill = PatternFill('solid', fgColor='FFFFC7CE')
    ws.conditional_formatting.add('E15', FormulaRule(formula=['LEN("shinchoku")>0'], fill=fill))
    ws.conditional_formatting.add('B15:D15', FormulaRule(formula=['LEN("shinchoku-consolidate")>0'], fill=fill))
    ws.conditional_formatting.add('B15:B17', FormulaRule(formula=['LEN(B15)>400'], fill=fill))
    wb.save(out)


def conditional(path):
    wb = openpyxl.load_workbook(path)
    print(json.dumps(sorted(f for ws in wb.worksheets for k in ws.conditional_formatting for r in k.rules for f in (r.formula or [])), ensure_ascii=False))


def kinds(path):
    wb = openpyxl.load_workbook(path)
    print(json.dumps([[ws.title, type(ws).__name__] for ws in wb._sheets], ensure_ascii=False))


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'edit':
        edit(sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
    elif cmd == 'dump':
        dump(sys.argv[2])
    elif cmd == 'chartsheet':
        chartsheet(sys.argv[2], sys.argv[3])
    elif cmd == 'pane-marks':
        pane_marks(sys.argv[2], sys.argv[3])
    elif cmd == 'conditional':
        conditional(sys.argv[2])
    elif cmd == 'kinds':
        kinds(sys.argv[2])
    else:
        raise SystemExit(f'unknown command {cmd}')
