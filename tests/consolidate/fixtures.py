"""Independent writer and reader for the consolidation tests (openpyxl, not our code path).

  master OUT.xlsx [--tally]  a styled 提言 progress master (fonts, fills, borders, wrap,
                             widths, merges, list validation, conditional format, print setup);
                             --tally adds formulas over the tables (COUNTIF, a cross-sheet COUNTA)
  fill SPEC.json             plays the sections: opens workbooks, types text, inserts rows, saves
  inspect FILE.xlsx          prints values and formatting as JSON
  workbook-xml FILE.xlsx     prints xl/workbook.xml as saved
"""
import json
import sys

import openpyxl
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

HEADERS = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組\n区分', '担当部']
THIN = Side(style='thin')
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# sheet -> rows of (取組内容, 取組区分, 担当部)
SHEETS = {
    '提言1-ア': [
        ('○アセスメントをふまえリスクの段階に応じた支援を継続的に実施する体制を整える。', '継続', '子)子育て支援部'),
        ('○複合化・複雑化した福祉課題を抱える世帯等への支援について検討する。', '継続', '保)総務部'),
        ('○こども家庭センターの機能を活かし切れ目のない支援を行う。', '拡充', '子)子育て支援部 区)保健福祉部'),
        ('○区の相談支援体制を整える。', '継続', '区)保健福祉部'),
    ],
    '提言1-イ': [
        ('○児童相談所と区の相互理解を深める研修を実施する。', '継続', '子)児童相談所 区)保健福祉部'),
        ('○要保護児童対策地域協議会の機能を強化する。', '新規', '子)子育て支援部'),
        ('○モニタリング制度を見直す。', '継続', '子)児童相談所'),
    ],
}


def make_master(out, tally=False):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in SHEETS.items():
        ws = wb.create_sheet(name)
        teigen, policy = name[2], name[-1]
        ws['A1'] = f'検証報告書における提言{teigen}'
        ws['A1'].font = Font(name='IPAexGothic', bold=True, size=14)
        ws['A2'] = f'取組方針{policy}　区及び生活圏を単位とした支援体制を整える'
        ws.merge_cells('A2:F2')
        ws['A2'].font = Font(bold=True, size=12, color='FF1F4E79')
        ws['A2'].fill = PatternFill('solid', fgColor='FFFFF2CC')
        for i, h in enumerate(HEADERS):
            c = ws.cell(3, i + 1, h)
            c.fill = PatternFill('solid', fgColor='FFDDEBF7')
            c.font = Font(bold=True)
            c.border = BOX
            c.alignment = Alignment(wrap_text=True, horizontal='center', vertical='center')
        for k, (content, cat, dept) in enumerate(rows):
            r = 4 + k
            for col in range(1, 7):
                cell = ws.cell(r, col)
                cell.border = BOX
                cell.alignment = Alignment(wrap_text=True, vertical='top')
            ws.cell(r, 1, content)
            ws.cell(r, 5, cat)
            ws.cell(r, 6, dept)
        last = 3 + len(rows)
        for col, w in zip('ABCDEF', [36, 42, 30, 42, 8, 18]):
            ws.column_dimensions[col].width = w
        dv = DataValidation(type='list', formula1='"新規,拡充,継続"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add(f'E4:E{last}')
        ws.conditional_formatting.add(f'E4:E{last}', CellIsRule(operator='equal', formula=['"新規"'], fill=PatternFill('solid', fgColor='FFFFC7CE')))
        ws.page_setup.orientation = 'landscape'
        ws.page_setup.paperSize = 9
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = '3:3'
        ws.print_area = f'A1:F{last}'
        ws.freeze_panes = 'A4'
        ws.oddFooter.center.text = '&A'
        if tally:
            # Above the header, where the report parser looks for titles, not rows.
            ws['F1'] = f'=COUNTIF(E4:E{last},"継続")'
            # Written for A4, read for each row of the range: its first row may be removed.
            ws.conditional_formatting.add(f'A4:A{last}', FormulaRule(formula=['$E4="新規"'], font=Font(bold=True)))
    if tally:
        first = list(SHEETS)[0]
        wb[list(SHEETS)[1]]['G1'] = f"=COUNTA('{first}'!A4:A{3 + len(SHEETS[first])})"
    wb.save(out)


def fill(spec):
    """spec: [{"in", "out", "sheet", "set": {"B4": "text"}, "insert": [row, {"A": "text"}]?, "delete": row?}]"""
    for job in spec:
        wb = openpyxl.load_workbook(job['in'])
        for step in job['steps']:
            # A sheet the workbook lacks is added (a person adds a sheet of notes).
            ws = wb[step['sheet']] if step['sheet'] in wb.sheetnames else wb.create_sheet(step['sheet'])
            if 'delete' in step:
                ws.delete_rows(step['delete'])
            if 'insert' in step:
                row, values = step['insert']
                ws.insert_rows(row)
                for col, text in values.items():
                    ws[f'{col}{row}'] = text
                    ws[f'{col}{row}'].data_type = 's'
            for ref, text in step.get('set', {}).items():
                ws[ref] = text
                # Typed as text, as a section does with a leading apostrophe in Excel.
                ws[ref].data_type = 's'
        wb.save(job['out'])


def inspect(path):
    wb = openpyxl.load_workbook(path)
    out = {'sheets': [], 'defined': {}}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                cells[c.coordinate] = {
                    'v': c.value,
                    't': c.data_type,
                    'font': [c.font.name, bool(c.font.b), c.font.sz, c.font.color.rgb if c.font.color is not None and c.font.color.type == 'rgb' else None],
                    'fill': c.fill.fgColor.rgb if c.fill.fill_type == 'solid' else None,
                    'border': [c.border.left.style, c.border.right.style, c.border.top.style, c.border.bottom.style],
                    'wrap': bool(c.alignment.wrap_text),
                    'locked': bool(c.protection.locked),
                }
        out['sheets'].append({
            'name': ws.title,
            'state': ws.sheet_state,
            'cells': cells,
            'widths': {k: v.width for k, v in ws.column_dimensions.items() if v.width},
            'hiddenCols': [k for k, v in ws.column_dimensions.items() if v.hidden],
            'merges': sorted(str(m) for m in ws.merged_cells.ranges),
            'validations': [[d.type, d.formula1, str(d.sqref)] for d in ws.data_validations.dataValidation],
            'conditional': [str(k.sqref) for k in ws.conditional_formatting],
            'conditionalFormulas': [[str(k.sqref), f] for k in ws.conditional_formatting for r in k.rules for f in (r.formula or [])],
            'printTitles': ws.print_title_rows,
            'printArea': ws.print_area,
            'orientation': ws.page_setup.orientation,
            'fitToPage': bool(ws.sheet_properties.pageSetUpPr.fitToPage) if ws.sheet_properties.pageSetUpPr else False,
            'freeze': ws.freeze_panes,
            'protected': bool(ws.protection.sheet),
            'maxRow': ws.max_row,
        })
    print(json.dumps(out, ensure_ascii=False))


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'master':
        make_master(sys.argv[2], '--tally' in sys.argv[3:])
    elif cmd == 'fill':
        with open(sys.argv[2], encoding='utf-8') as f:
            fill(json.load(f))
    elif cmd == 'inspect':
        inspect(sys.argv[2])
    elif cmd == 'drop-sheet':
        # What a person does in Excel to start a new round: delete the 集約結果 sheet.
        wb = openpyxl.load_workbook(sys.argv[2])
        del wb[sys.argv[3]]
        wb.save(sys.argv[4])
    elif cmd == 'three-sheets':
        # For taking a sheet out: the middle one has a comment (its own parts) and a print
        # area, the last a local name and the active tab. --formula puts a formula on 表 naming 中,
        # --chart a chart of 中's cells on 表 (--chart-as-excel: its XML as Excel writes it),
        # --own-chart that chart on 中 itself.
        from openpyxl.comments import Comment
        from openpyxl.workbook.defined_name import DefinedName
        wb = openpyxl.Workbook()
        a = wb.active
        a.title = '表'
        a['A1'] = '表のセル'
        if '--formula' in sys.argv[3:]:
            a['B1'] = "='中'!A1"
        b = wb.create_sheet('中')
        if '--chart' in sys.argv[3:] or '--chart-as-excel' in sys.argv[3:]:
            from openpyxl.chart import BarChart, Reference
            chart = BarChart()
            chart.add_data(Reference(b, min_col=1, min_row=1, max_row=2))
            a.add_chart(chart, 'D2')
        if '--own-chart' in sys.argv[3:]:
            from openpyxl.chart import BarChart, Reference
            chart = BarChart()
            chart.add_data(Reference(b, min_col=1, min_row=1, max_row=2))
            b.add_chart(chart, 'D2')
        b['A1'] = '秘密の集計'
        b['A1'].comment = Comment('コメント', '事務局')
        b.print_area = 'A1:B2'
        c = wb.create_sheet('後')
        c['A1'] = '後のセル'
        wb.defined_names.append(DefinedName('後の範囲', localSheetId=2, attr_text="'後'!$A$1"))
        wb.active = 2
        wb.save(sys.argv[2])
        if '--chart-as-excel' in sys.argv[3:]:
            # openpyxl writes chart XML in a default namespace, Excel with the c: prefix.
            import re
            import zipfile
            with zipfile.ZipFile(sys.argv[2]) as z:
                parts = [(i, z.read(i.filename)) for i in z.infolist()]
            with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
                for info, data in parts:
                    if info.filename.startswith('xl/charts/'):
                        text = data.decode('utf-8').replace('<chartSpace xmlns=', '<chartSpace xmlns:c=', 1)
                        data = re.sub(r'<(/?)(?![\w.-]+:)([A-Za-z])', r'<\1c:\2', text).encode('utf-8')
                    z.writestr(info, data)
    elif cmd == 'workbook-xml':
        # The part as saved, read with the zip module: openpyxl does not expose calcPr flags.
        import zipfile
        with zipfile.ZipFile(sys.argv[2]) as z:
            print(z.read('xl/workbook.xml').decode('utf-8'))
