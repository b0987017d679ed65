# Notes for tests/consolidate/pane-notes.test.ts, written and read by openpyxl (an independent
# writer and reader of legacy comments, the part Excel keeps cell notes in).
#   add SEED OUT       the pane's notes and a clerk's note, as openpyxl writes them
#   excel OUT_IN OUT   the same package rewritten in Excel's shape: xl/comments1.xml with the
#                      author in a bold run, xl/drawings/vmlDrawing1.vml with v:/o:/x: prefixes
#   notes FILE...      per file, {sheet: [[cell, text], ...]} of every worksheet that has notes
import json, re, sys, zipfile
import openpyxl
from openpyxl.comments import Comment

OURS = '【進捗チェック】\n取組区分が選択肢にありません'
CLERK = '事務局のメモ: 見出しは変えないこと'

def add(seed, out):
    wb = openpyxl.load_workbook(seed)
    a = wb['提言1-ア']
    a['E15'].comment = Comment(OURS, 'shinchoku')
    a['A14'].comment = Comment(CLERK, '山田')
    # A sheet with only our note: its comments part and drawing should go entirely.
    wb['提言1-イ']['E15'].comment = Comment('【進捗チェック】\n担当部が部署マスタにありません', 'shinchoku')
    wb.save(out)

VML_HEAD = ('<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>'
            '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
            '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')

def vml_shape(i, r, c):
    return (f'<v:shape id="_x0000_s{1025 + i}" type="#_x0000_t202" style="position:absolute;visibility:hidden" fillcolor="infoBackground [80]" o:insetmode="auto">'
            '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>'
            '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
            f'<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>5, 15, 13, 2, 7, 15, 17, 16</x:Anchor>'
            f'<x:AutoFill>False</x:AutoFill><x:Row>{r}</x:Row><x:Column>{c}</x:Column></x:ClientData></v:shape>')

def excel(src, out):
    """Rewrites each sheet's comments and VML as Excel writes them (author run, v:/x: shapes)."""
    zin = zipfile.ZipFile(src)
    names = zin.namelist()
    files = {n: zin.read(n) for n in names}
    for n in names:
        if not re.match(r'xl/comments/comment\d+\.xml$', n):
            continue
        xml = files[n].decode()
        authors = re.findall(r'<author>(.*?)</author>', xml)
        cells = []
        def runs(m):
            ref, aid, text = m.group(1), int(m.group(2)), m.group(3)
            cells.append(ref)
            return (f'<comment ref="{ref}" authorId="{aid}" shapeId="0"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="MS P ゴシック"/><family val="3"/><charset val="128"/></rPr>'
                    f'<t>{authors[aid]}:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="MS P ゴシック"/><family val="3"/><charset val="128"/></rPr>'
                    f'<t xml:space="preserve">\n{text}</t></r></text></comment>')
        files[n] = re.sub(r'<comment ref="([A-Z]+\d+)" authorId="(\d+)" shapeId="0"><text><t>(.*?)</t></text></comment>', runs, xml, flags=re.S).encode()
        k = re.search(r'(\d+)', n.split('/')[-1]).group(1)
        def rc(ref):
            m = re.match(r'([A-Z]+)(\d+)', ref)
            col = 0
            for ch in m.group(1):
                col = col * 26 + ord(ch) - 64
            return int(m.group(2)) - 1, col - 1
        files[f'xl/drawings/commentsDrawing{k}.vml'] = (VML_HEAD + ''.join(vml_shape(i, *rc(ref)) for i, ref in enumerate(cells)) + '</xml>').encode()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for n in names:
            z.writestr(n, files[n])

def notes(*paths):
    res = []
    for path in paths:
        wb = openpyxl.load_workbook(path)
        out = {}
        for ws in wb.worksheets:
            found = [[c.coordinate, c.comment.text] for row in ws.iter_rows() for c in row if c.comment]
            if found:
                out[ws.title] = found
        res.append(out)
    print(json.dumps(res, ensure_ascii=False))

if __name__ == '__main__':
    {'add': add, 'excel': excel, 'notes': notes}[sys.argv[1]](*sys.argv[2:])
