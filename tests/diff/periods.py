# openpyxl side of the diff tests: two periods of one report built from a seed by an
# independent writer, and the changes made between them (the truth the diff must find).
import copy
import json
import re
import sys

import openpyxl


def advance_year(text):
    return re.sub(r'令和(\d+)年度', lambda m: f'令和{int(m.group(1)) + 1}年度', text)


def copy_row(src_ws, src_r, dst_ws, dst_r):
    for c in range(1, src_ws.max_column + 1):
        s = src_ws.cell(src_r, c)
        d = dst_ws.cell(dst_r, c)
        d.value = s.value
        if s.has_style:
            d._style = copy.copy(s._style)
    h = src_ws.row_dimensions[src_r].height
    if h:
        dst_ws.row_dimensions[dst_r].height = h


def delete_row(ws, r):
    """delete_rows, with the merges below moved up as Excel moves them (openpyxl leaves them)."""
    below = [m for m in ws.merged_cells.ranges if m.min_row > r]
    for m in below:
        ws.unmerge_cells(str(m))
    ws.delete_rows(r)
    for m in below:
        ws.merge_cells(start_row=m.min_row - 1, start_column=m.min_col, end_row=m.max_row - 1, end_column=m.max_col)


def teigen(seed, old_out, new_out):
    """OLD: the seed with a typo (人事→入事); NEW: the next period with the changes listed."""
    old = openpyxl.load_workbook(seed)
    ws = old['提言3-エ']
    assert '人事' in ws['C17'].value
    typo = ws['C17'].value.replace('人事', '入事', 1)
    ws['C17'].value = typo
    old.save(old_out)

    new = openpyxl.load_workbook(seed)
    truth = {'changed': [], 'added': [], 'removed': [], 'moved': [], 'headings': 0}
    # Every period heading's 年度 advanced (the same columns, reworded).
    for w in new.worksheets:
        for row in w.iter_rows():
            for c in row:
                if isinstance(c.value, str) and re.match(r'^令和\d+年度', c.value) and ('取組状況' in c.value or '取組内容' in c.value):
                    c.value = advance_year(c.value)
                    truth['headings'] += 1
    # The typo fixed: one character.
    truth['changed'].append({'sheet': '提言3-エ', 'cell': 'C17', 'row': 17, 'before': typo, 'after': new['提言3-エ']['C17'].value})
    a = new['提言1-ア']
    # 取組内容 reworded by a few characters: still the same row.
    before = a['A15'].value
    assert 'ふまえ' in before
    a['A15'].value = before.replace('ふまえ', '踏まえ', 1)
    truth['changed'].append({'sheet': '提言1-ア', 'cell': 'A15', 'row': 15, 'before': before, 'after': a['A15'].value})
    # A plan extended by a sentence.
    before = a['D15'].value
    a['D15'].value = before + '\n・研修を年2回に増やす。'
    truth['changed'].append({'sheet': '提言1-ア', 'cell': 'D15', 'row': 15, 'before': before, 'after': a['D15'].value})
    # 取組区分 継続 → 拡充 (row 17 now, row 16 once the row above has moved away).
    assert a['E17'].value == '継続'
    a['E17'].value = '拡充'
    truth['changed'].append({'sheet': '提言1-ア', 'cell': 'E16', 'row': 16, 'before': '継続', 'after': '拡充'})
    # Row 16 moved to 取組方針ウ (appended there), unchanged.
    u = new['提言1-ウ']
    dst = u.max_row + 1
    copy_row(a, 16, u, dst)
    a.delete_rows(16)
    truth['moved'].append({'from': {'sheet': '提言1-ア', 'row': 16}, 'to': {'sheet': '提言1-ウ', 'row': dst}})
    # A row added to 取組方針イ.
    i = new['提言1-イ']
    dst = i.max_row + 1
    copy_row(i, i.max_row, i, dst)
    i.cell(dst, 1).value = '○里親支援センターと連携し、一時保護の受け皿を広げる。'
    i.cell(dst, 2).value = '・里親支援センターを1か所開設した。'
    i.cell(dst, 3).value = '・登録里親が増えた。'
    i.cell(dst, 4).value = '・2か所目の開設を検討する。'
    i.cell(dst, 5).value = '新規'
    i.cell(dst, 6).value = '子)児童相談所'
    truth['added'].append({'sheet': '提言1-イ', 'row': dst})
    # The last row of 取組方針エ of 提言3 removed.
    e = new['提言3-エ']
    last = e.max_row
    e.delete_rows(last)
    truth['removed'].append({'sheet': '提言3-エ', 'row': last})
    new.save(new_out)
    print(json.dumps(truth, ensure_ascii=False))


def vision(seed, old_out, new_out):
    """A row inserted mid-table (the numbers below it move on) and a 担当課 changed."""
    openpyxl.load_workbook(seed).save(old_out)
    new = openpyxl.load_workbook(seed)
    truth = {'changed': [], 'added': [], 'removed': [], 'moved': [], 'headings': 0}
    ws = new['分類2']
    nums = {13: '③', 14: '④', 15: '⑤'}
    ws.insert_rows(13)
    copy_row(ws, 12, ws, 13)
    for c, v in zip('ABCDE', ['ケースワーカー', '③', '・新任者向けの研修を新たに実施した。', '・受講者の意見をふまえて内容を見直す。', '総) 職員育成担当課']):
        ws[f'{c}13'].value = v
    truth['added'].append({'sheet': '分類2', 'row': 13})
    succ = {'③': '④', '④': '⑤', '⑤': '⑥'}
    for old_r, num in nums.items():
        r = old_r + 1
        assert ws[f'B{r}'].value == num
        ws[f'B{r}'].value = succ[num]
        truth['changed'].append({'sheet': '分類2', 'cell': f'B{r}', 'row': r, 'before': num, 'after': succ[num]})
    e = new['分類5']
    before = e['E12'].value
    e['E12'].value = '市) 男女共同参画室'
    truth['changed'].append({'sheet': '分類5', 'cell': 'E12', 'row': 12, 'before': before, 'after': '市) 男女共同参画室'})
    new.save(new_out)
    print(json.dumps(truth, ensure_ascii=False))


def plan(seed, old_out, new_out):
    """A year corrected in one result, and one 具体的取組 removed."""
    openpyxl.load_workbook(seed).save(old_out)
    new = openpyxl.load_workbook(seed)
    truth = {'changed': [], 'added': [], 'removed': [], 'moved': [], 'headings': 0}
    ws = new['取組結果']
    before = ws['B6'].value
    assert '2018年度' in before
    ws['B6'].value = before.replace('2018年度', '2019年度', 1)
    truth['changed'].append({'sheet': '取組結果', 'cell': 'B6', 'row': 6, 'before': before, 'after': ws['B6'].value})
    delete_row(ws, 13)
    truth['removed'].append({'sheet': '取組結果', 'row': 13})
    new.save(new_out)
    print(json.dumps(truth, ensure_ascii=False))


def inspect(path):
    """What the tests look at in an output: values by sheet, our conditional formats, links, print titles."""
    wb = openpyxl.load_workbook(path)
    out = {'sheets': wb.sheetnames, 'values': {}, 'cf': {}, 'links': {}, 'titles': {}, 'active': wb.active.title}
    for ws in wb.worksheets:
        vals = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    vals[c.coordinate] = [str(c.value), c.data_type]
                if c.hyperlink is not None and c.hyperlink.location:
                    out['links'].setdefault(ws.title, []).append([c.coordinate, c.hyperlink.location])
        out['values'][ws.title] = vals
        cf = []
        for rng in ws.conditional_formatting:
            for rule in rng.rules:
                cf.append([str(rng.sqref), rule.formula[0] if rule.formula else ''])
        out['cf'][ws.title] = cf
        out['titles'][ws.title] = ws.print_title_rows
    print(json.dumps(out, ensure_ascii=False))


def main():
    cmd = sys.argv[1]
    if cmd == 'teigen':
        teigen(*sys.argv[2:5])
    elif cmd == 'vision':
        vision(*sys.argv[2:5])
    elif cmd == 'plan':
        plan(*sys.argv[2:5])
    elif cmd == 'inspect':
        inspect(sys.argv[2])
    else:
        raise SystemExit(f'unknown command {cmd}')


if __name__ == '__main__':
    main()
