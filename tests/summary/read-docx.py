# Reads a .docx with python-docx (a reader independent of the docx package that wrote it) and
# prints what the summary tests assert on, as JSON: paragraphs with their styles, page, footer.
import json
import sys

import docx

d = docx.Document(sys.argv[1])
sec = d.sections[0]
footer_xml = sec.footer._element.xml
print(json.dumps({
    "paragraphs": [{"style": p.style.name, "text": p.text} for p in d.paragraphs],
    "page": {"width": sec.page_width.twips if hasattr(sec.page_width, "twips") else int(sec.page_width / 635), "height": sec.page_height.twips if hasattr(sec.page_height, "twips") else int(sec.page_height / 635)},
    "footerHasPage": "PAGE" in footer_xml,
    "headingOutline": {s.name: (s.element.pPr.xml if s.element.pPr is not None else "") .count("outlineLvl") for s in d.styles if s.name in ("Heading 1", "Heading 2", "Heading 3")},
}, ensure_ascii=False))
