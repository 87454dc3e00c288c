#!/usr/bin/env bash
# Rebuild the "made here" part of tests/corpus/real/.
#
# The PDFs it writes are committed, so CI never runs this script.  It needs
# (Debian 12 packages, installed as root):
#   apt-get install -y --no-install-recommends \
#     libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
#     fonts-noto-cjk fonts-dejavu-core ghostscript qpdf poppler-utils \
#     groff enscript pandoc python3-cairo python3-docx python3-reportlab python3-pil
# and, for the signed samples, pyHanko from PyPI in a throw-away venv
# (created under the work dir, never the project venv).
#
# Usage: tests/corpus/build_real.sh [OUTDIR]   (default: tests/corpus/real)
# The files taken from registry packages are not rebuilt here; see
# real/README.md and the origin column of real/MANIFEST.tsv.
#
# Producers embed dates and random IDs, so a rebuild gives files that are
# equivalent, not byte-identical.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
OUT="${1:-$HERE/real}"
WORK="$(mktemp -d /tmp/sealstation-corpus.XXXXXX)"
SRC="$WORK/src"
mkdir -p "$OUT" "$SRC"
PY=/usr/bin/python3           # Debian python with python3-cairo/-docx/-reportlab
LOPROFILE="file://$WORK/lo-profile"
trap 'rm -rf "$WORK"' EXIT

log() { printf '== %s\n' "$*" >&2; }

# soffice_pdf SRC OUTNAME [JSON-FILTER-OPTIONS] [FILTER]
# Converts one document with LibreOffice and stores it as $OUT/OUTNAME.
soffice_pdf() {
  local src="$1" name="$2" opts="${3:-}" filter="${4:-}"
  local tmp="$WORK/lo-out-$$-$RANDOM"
  mkdir -p "$tmp"
  if [ -z "$filter" ]; then
    case "$src" in
      *.fods|*.ods|*.xlsx|*.csv) filter=calc_pdf_Export ;;
      *.fodp|*.odp|*.pptx) filter=impress_pdf_Export ;;
      *.html|*.htm) filter=writer_web_pdf_Export ;;
      *) filter=writer_pdf_Export ;;
    esac
  fi
  local spec="pdf:$filter"
  [ -n "$opts" ] && spec="$spec:$opts"
  soffice -env:UserInstallation="$LOPROFILE" --headless --norestore \
    --convert-to "$spec" --outdir "$tmp" "$src" >/dev/null 2>&1
  mv "$tmp"/*.pdf "$OUT/$name"
  rm -rf "$tmp"
  log "$name"
}

# soffice_conv SRC EXT OUTDIR : convert between office formats (docx, odt, ...)
soffice_conv() {
  soffice -env:UserInstallation="$LOPROFILE" --headless --norestore \
    --convert-to "$2" --outdir "$3" "$1" >/dev/null 2>&1
}

###########################################################################
log "generating source documents in $SRC"
"$PY" - "$SRC" <<'PYEOF'
import base64, os, struct, sys, zlib, random
from xml.sax.saxutils import escape as e

src = sys.argv[1]
random.seed(20240611)

def png(w, h, seed=0):
    """A small RGB gradient PNG, no dependencies."""
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            raw += bytes(((x * 255 // w + seed) % 256, (y * 255 // h) % 256, (128 + seed * 3) % 256))
    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))

with open(os.path.join(src, "gradient.png"), "wb") as f:
    f.write(png(320, 200, 40))

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" '
      'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
      'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" '
      'xmlns:dom="http://www.w3.org/2001/xml-events" '
      'xmlns:ooo="http://openoffice.org/2004/office" '
      'xmlns:ooow="http://openoffice.org/2004/writer" '
      'xmlns:oooc="http://openoffice.org/2004/calc"')

FONTS = """<office:font-face-decls>
 <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
 <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/>
 <style:font-face style:name="Noto Serif CJK SC" svg:font-family="'Noto Serif CJK SC'"/>
 <style:font-face style:name="Noto Sans CJK JP" svg:font-family="'Noto Sans CJK JP'"/>
</office:font-face-decls>"""

LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
         "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.")
CJK = [
    "电子印章系统测试文档。本合同由甲乙双方于二〇二四年签订，具有同等法律效力。",
    "電子印鑑のテスト文書です。契約書の各ページに押印してください。",
    "전자 도장 테스트 문서입니다. 계약서에 서명하십시오.",
    "繁體中文：本公司謹此證明上述內容屬實。",
]

def text_doc(body, title, landscape_first=False, extra_auto="", forms=""):
    first = "Landscape" if landscape_first else "Standard"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{e(title)}</dc:title><meta:initial-creator>SealStation corpus</meta:initial-creator></office:meta>
{FONTS}
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="DejaVu Serif" fo:font-size="11pt" style:font-name-asian="Noto Serif CJK SC" style:font-size-asian="11pt" fo:language="en" fo:country="US" style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm"/>
  <style:text-properties style:font-name="DejaVu Sans" fo:font-size="16pt" fo:font-weight="bold" style:font-name-asian="Noto Sans CJK JP" style:font-size-asian="16pt" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="PFirst" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="{first}"/>
 <style:style style:name="PLand" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Landscape"/>
 <style:style style:name="PPort" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Standard"/>
 <style:style style:name="PBreak" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm" table:align="margins"/></style:style>
 <style:style style:name="TblCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
 <style:style style:name="TblHead" style:family="table-cell"><style:table-cell-properties fo:background-color="#dde4ee" fo:padding="0.1cm" fo:border="0.5pt solid #000000"/></style:style>
 <style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:vertical-pos="top" style:horizontal-pos="center"/></style:style>
 {extra_auto}
 <style:page-layout style:name="pmPort"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/></style:page-layout>
 <style:page-layout style:name="pmLand"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pmPort"/>
 <style:master-page style:name="Landscape" style:page-layout-name="pmLand"/>
</office:master-styles>
<office:body><office:text>
{forms}
<text:p text:style-name="PFirst"/>
{body}
</office:text></office:body></office:document>
"""

def h(t): return f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{e(t)}</text:h>'
def p(t, style="Standard"): return f'<text:p text:style-name="{style}">{e(t)}</text:p>'

def table(rows, cols, name="T1", cjk=False):
    out = [f'<table:table table:name="{name}" table:style-name="Tbl"><table:table-column table:number-columns-repeated="{cols}"/>']
    for r in range(rows):
        out.append("<table:table-row>")
        for c in range(cols):
            st = "TblHead" if r == 0 else "TblCell"
            if r == 0:
                t = ["品名", "数量", "单价", "金额", "备注"][c % 5] if cjk else f"Column {c+1}"
            else:
                t = f"{random.randint(1, 9999)}.{random.randint(0, 99):02d}" if c else (CJK[r % len(CJK)][:8] if cjk else f"Row {r}")
            out.append(f'<table:table-cell table:style-name="{st}" office:value-type="string"><text:p text:style-name="Table_20_Contents">{e(t)}</text:p></table:table-cell>')
        out.append("</table:table-row>")
    out.append("</table:table>")
    return "".join(out)

def image(name, w="8cm", hh="5cm"):
    b64 = base64.b64encode(open(os.path.join(src, "gradient.png"), "rb").read()).decode()
    return (f'<text:p text:style-name="Standard"><draw:frame draw:style-name="fr1" draw:name="{name}" text:anchor-type="as-char" svg:width="{w}" svg:height="{hh}">'
            f'<draw:image><office:binary-data>{b64}</office:binary-data></draw:image></draw:frame></text:p>')

def write(name, data):
    with open(os.path.join(src, name), "w", encoding="utf-8") as f:
        f.write(data)

# --- Writer: tables over several pages
body = h("Quarterly statement") + p(LOREM) + table(60, 5, "Ledger") + p(LOREM) + table(25, 4, "Summary")
write("table-multipage.fodt", text_doc(body, "Tables over several pages"))

# --- Writer: CJK text and a CJK table
body = h("电子印章 / 電子印鑑 / 전자 도장")
for i in range(30):
    body += p(CJK[i % 4] + " " + CJK[(i + 1) % 4])
body += table(12, 5, "CJKTable", cjk=True)
write("cjk.fodt", text_doc(body, "中文・日本語・한국어"))

# --- Writer: landscape document and mixed orientation
write("landscape.fodt", text_doc(h("Landscape report") + table(20, 5) + p(LOREM * 3), "Landscape", landscape_first=True))
body = (h("Portrait cover") + p(LOREM) + f'<text:p text:style-name="PLand">Landscape annex</text:p>' + table(15, 5, "Annex")
        + f'<text:p text:style-name="PPort">Back to portrait</text:p>' + p(LOREM) + image("img-mixed"))
write("mixed-orientation.fodt", text_doc(body, "Mixed orientation"))

# --- Writer: images
body = h("Images") + p(LOREM) + image("img1") + p(LOREM) + image("img2", "14cm", "9cm") + p(LOREM)
write("images.fodt", text_doc(body, "Images"))

# --- Writer: long multi-page text with headings (bookmarks)
body = ""
for s in range(1, 13):
    body += h(f"Section {s}") + "".join(p(f"{s}.{k} " + LOREM) for k in range(8))
write("long-headings.fodt", text_doc(body, "Long text with headings"))

# --- Writer: forms with filled values
def form_doc(fields, title, cjk=False):
    ctrls, body = [], h(title)
    for i, (kind, name, val) in enumerate(fields):
        cid = f"control{i+1}"
        label = f"{name}: "
        if kind == "text":
            ctrls.append(f'<form:text form:name="{e(name)}" form:control-implementation="ooo:com.sun.star.form.component.TextField" xml:id="{cid}" form:id="{cid}" form:current-value="{e(val)}" form:value="{e(val)}"/>')
            w = "8cm"
        elif kind == "textarea":
            ctrls.append(f'<form:textarea form:name="{e(name)}" form:control-implementation="ooo:com.sun.star.form.component.TextField" xml:id="{cid}" form:id="{cid}" form:current-value="{e(val)}"/>')
            w = "10cm"
        elif kind == "check":
            st = "checked" if val else "unchecked"
            ctrls.append(f'<form:checkbox form:name="{e(name)}" form:control-implementation="ooo:com.sun.star.form.component.CheckBox" xml:id="{cid}" form:id="{cid}" form:label="{e(name)}" form:current-state="{st}" form:state="{st}" form:value="Yes"/>')
            w = "6cm"
        elif kind == "list":
            sel = ' form:current-selected="true"'
            opts = "".join(f'<form:option form:label="{e(o)}" form:value="{e(o)}"{sel if o == val[0] else ""}/>' for o in val[1])
            ctrls.append(f'<form:listbox form:name="{e(name)}" form:control-implementation="ooo:com.sun.star.form.component.ListBox" xml:id="{cid}" form:id="{cid}" form:dropdown="true" form:size="1">{opts}</form:listbox>')
            w = "6cm"
        elif kind == "combo":
            items = "".join(f'<form:item form:label="{e(o)}"/>' for o in val[1])
            ctrls.append(f'<form:combobox form:name="{e(name)}" form:control-implementation="ooo:com.sun.star.form.component.ComboBox" xml:id="{cid}" form:id="{cid}" form:current-value="{e(val[0])}" form:dropdown="true">{items}</form:combobox>')
            w = "6cm"
        elif kind == "radio":
            ctrls.append(f'<form:radio form:name="{e(name)}" form:control-implementation="ooo:com.sun.star.form.component.RadioButton" xml:id="{cid}" form:id="{cid}" form:label="{e(val[0])}" form:value="{e(val[0])}" form:current-selected="{"true" if val[1] else "false"}"/>')
            w = "5cm"
        ht = "2.5cm" if kind == "textarea" else "0.8cm"
        body += (f'<text:p text:style-name="Standard">{e(label)}<draw:control draw:control="{cid}" '
                 f'text:anchor-type="as-char" svg:width="{w}" svg:height="{ht}"/></text:p>')
        if i % 3 == 2:
            body += p(CJK[i % 4] if cjk else LOREM)
    forms = ('<office:forms form:automatic-focus="false" form:apply-design-mode="false">'
             '<form:form form:name="Form" form:apply-filter="true" form:command-type="table" '
             'form:control-implementation="ooo:com.sun.star.form.component.Form">'
             + "".join(ctrls) + "</form:form></office:forms>")
    return text_doc(body, title, forms=forms)

write("form-filled.fodt", form_doc([
    ("text", "FullName", "Jane Q. Public"), ("text", "Company", "ACME Widgets Ltd."),
    ("text", "ContractNo", "C-2024-0042"), ("check", "AgreeTerms", True), ("check", "Newsletter", False),
    ("list", "Country", ("France", ["Germany", "France", "Japan", "China"])),
    ("combo", "Department", ("Legal", ["Legal", "Finance", "Sales"])),
    ("textarea", "Remarks", "Stamp on every page.\nSecond line of remarks."),
    ("radio", "Delivery", ("Courier", True)), ("radio", "Delivery", ("Post", False)),
], "Application form (filled)"))
write("form-empty.fodt", form_doc([
    ("text", "FullName", ""), ("text", "Date", ""), ("check", "Approved", False),
    ("textarea", "Comments", ""),
], "Application form (blank)"))
write("form-cjk.fodt", form_doc([
    ("text", "姓名", "张三"), ("text", "公司", "北京示例科技有限公司"), ("text", "住所", "東京都千代田区1-1"),
    ("check", "同意", True), ("check", "확인", True), ("textarea", "备注", "请在每页加盖公章。"),
], "申请表 / 申込書", cjk=True))
# long form across two pages
many = [("text", f"Field{i:02d}", f"value {i}") for i in range(1, 41)] + [("check", f"Box{i}", i % 2 == 0) for i in range(1, 11)]
write("form-twopages.fodt", form_doc(many, "Long form"))

# --- Writer: comments (exported as PDF annotations), footnotes, hyperlinks
body = h("Annotated") + p(LOREM)
body += ('<text:p text:style-name="Standard">See <text:a xlink:type="simple" xlink:href="https://example.org/terms">the terms</text:a>'
         '<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>'
         '<text:p>Footnote text.</text:p></text:note-body></text:note>'
         '<office:annotation><dc:creator>Reviewer</dc:creator><dc:date>2024-06-11T10:00:00</dc:date><text:p>Please check this clause.</text:p></office:annotation>'
         ' and sign below.</text:p>')
body += p(LOREM) + p("End.")
write("annotated.fodt", text_doc(body, "Comments and links"))

# --- Calc: spreadsheets
def sheet_doc(sheets, landscape=False, title="Spreadsheet"):
    orient = ('fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape"' if landscape
              else 'fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"')
    tables = ""
    for sname, rows in sheets:
        tables += f'<table:table table:name="{e(sname)}" table:style-name="ta1">'
        for row in rows:
            tables += "<table:table-row>"
            for v in row:
                if isinstance(v, (int, float)):
                    tables += f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
                elif isinstance(v, str) and v.startswith("="):
                    tables += f'<table:table-cell table:formula="of:{e(v)}" office:value-type="float"/>'
                else:
                    tables += f'<table:table-cell office:value-type="string"><text:p>{e(str(v))}</text:p></table:table-cell>'
            tables += "</table:table-row>"
        tables += "</table:table>"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:meta><dc:title>{e(title)}</dc:title></office:meta>
{FONTS}
<office:styles><style:default-style style:family="table-cell"><style:text-properties style:font-name="DejaVu Sans" style:font-name-asian="Noto Sans CJK JP"/></style:default-style></office:styles>
<office:automatic-styles>
 <style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties {orient} fo:margin="1.5cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document>
"""

inv = [["Item", "Qty", "Price", "Total"]] + [[f"Item {i}", random.randint(1, 50), round(random.uniform(1, 300), 2), f"=[.B{i+1}]*[.C{i+1}]"] for i in range(1, 40)]
inv.append(["Sum", "", "", "=SUM([.D2:.D40])"])
write("invoice.fods", sheet_doc([("Invoice", inv)], title="Invoice"))
wide = [[f"H{c}" for c in range(1, 19)]] + [[random.randint(0, 100000) for c in range(18)] for r in range(120)]
write("wide-landscape.fods", sheet_doc([("Data", wide), ("Notes", [["Generated sheet"], ["第二页"]])], landscape=True, title="Wide"))
cjk_rows = [["项目", "数量", "金额"]] + [[CJK[i % 4][:10], i, i * 100] for i in range(1, 30)]
write("cjk-sheet.fods", sheet_doc([("中文", cjk_rows), ("日本語", [["品目", "数"], ["りんご", 3], ["みかん", 5]])], title="CJK sheet"))

# --- Impress: presentations
def slide_doc(slides, w="28cm", hgt="15.75cm", title="Slides"):
    pages = ""
    for i, (t, lines, shape) in enumerate(slides):
        items = "".join(f"<text:list-item><text:p>{e(l)}</text:p></text:list-item>" for l in lines)
        sh = ""
        if shape == "rect":
            sh = '<draw:rect draw:style-name="gr1" svg:x="18cm" svg:y="6cm" svg:width="8cm" svg:height="6cm"><text:p>Box</text:p></draw:rect>'
        elif shape == "ellipse":
            sh = '<draw:ellipse draw:style-name="gr1" svg:x="18cm" svg:y="6cm" svg:width="7cm" svg:height="7cm"><text:p>印</text:p></draw:ellipse>'
        elif shape == "image":
            b64 = base64.b64encode(open(os.path.join(src, "gradient.png"), "rb").read()).decode()
            sh = f'<draw:frame svg:x="16cm" svg:y="5cm" svg:width="10cm" svg:height="6.25cm"><draw:image><office:binary-data>{b64}</office:binary-data></draw:image></draw:frame>'
        pages += (f'<draw:page draw:name="page{i+1}" draw:master-page-name="Default">'
                  f'<draw:frame presentation:class="title" svg:x="1.5cm" svg:y="0.8cm" svg:width="25cm" svg:height="3cm"><draw:text-box><text:p>{e(t)}</text:p></draw:text-box></draw:frame>'
                  f'<draw:frame presentation:class="outline" svg:x="1.5cm" svg:y="4.5cm" svg:width="15cm" svg:height="10cm"><draw:text-box><text:list>{items}</text:list></draw:text-box></draw:frame>'
                  f'{sh}<presentation:notes><draw:frame presentation:class="notes" svg:x="2cm" svg:y="14cm" svg:width="17cm" svg:height="10cm"><draw:text-box><text:p>Speaker notes for slide {i+1}</text:p></draw:text-box></draw:frame></presentation:notes></draw:page>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:meta><dc:title>{e(title)}</dc:title></office:meta>
{FONTS}
<office:styles><style:default-style style:family="graphic"><style:text-properties style:font-name="DejaVu Sans" fo:font-size="24pt" style:font-name-asian="Noto Sans CJK JP" style:font-size-asian="24pt"/></style:default-style></office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PM1"><style:page-layout-properties fo:margin="0cm" fo:page-width="{w}" fo:page-height="{hgt}" style:print-orientation="landscape"/></style:page-layout>
 <style:style style:name="dp1" style:family="drawing-page"><style:drawing-page-properties draw:fill="solid" draw:fill-color="#f4f1e8"/></style:style>
 <style:style style:name="gr1" style:family="graphic"><style:graphic-properties draw:fill="solid" draw:fill-color="#c0392b" svg:stroke-color="#000000"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1" draw:style-name="dp1"/></office:master-styles>
<office:body><office:presentation>{pages}</office:presentation></office:body></office:document>
"""

write("slides-16x9.fodp", slide_doc([
    ("Electronic seals", ["Why stamp PDFs", "Where the seal goes", "How it is verified"], "rect"),
    ("Workflow", ["Load", "Place", "Stamp", "Save"], "ellipse"),
    ("Image slide", ["Gradient below"], "image"),
    ("Questions", ["Thank you"], None)], title="16:9 deck"))
write("slides-4x3-cjk.fodp", slide_doc([
    ("电子印章演示", ["加载文档", "放置印章", "保存"], "ellipse"),
    ("電子印鑑", ["ページごとに押印", "割印"], "rect"),
    ("전자 도장", ["확인"], None)], w="25.4cm", hgt="19.05cm", title="CJK deck"))

# --- HTML (Writer/Web import)
rows = "".join(f"<tr><td>{i}</td><td>{e(CJK[i % 4][:12])}</td><td>{i * 3.5:.2f}</td></tr>" for i in range(1, 40))
write("report.html", f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>HTML report</title></head>
<body><h1>HTML report</h1><p>{e(LOREM)}</p><table border="1"><tr><th>#</th><th>Text</th><th>Value</th></tr>{rows}</table>
<ul><li>one</li><li>two</li></ul><p><a href="https://example.org/">link</a></p></body></html>""")

# --- Markdown for pandoc -> docx/odt
md = "# Pandoc document\n\n" + "\n\n".join(f"## Part {i}\n\n{LOREM}\n\n| A | B | C |\n|---|---|---|\n| {i} | {i*2} | {CJK[i%4][:6]} |\n" for i in range(1, 9))
write("pandoc.md", md)
PYEOF

###########################################################################
log "docx via python-docx"
"$PY" - "$SRC" <<'PYEOF'
import sys, os
from docx import Document
from docx.shared import Cm, Pt
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
src = sys.argv[1]
LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua.")

def set_eastasia(doc, font):
    st = doc.styles["Normal"]
    st.element.rPr.rFonts.set(qn("w:eastAsia"), font) if st.element.rPr is not None and st.element.rPr.rFonts is not None else None

# tables + image + several pages
d = Document()
d.add_heading("Service agreement", 0)
for i in range(6):
    d.add_paragraph(LOREM * 3)
t = d.add_table(rows=1, cols=4)
t.style = "Table Grid"
for c, hname in enumerate(["Item", "Qty", "Unit", "Amount"]):
    t.rows[0].cells[c].text = hname
for r in range(45):
    cells = t.add_row().cells
    cells[0].text, cells[1].text, cells[2].text, cells[3].text = f"Service {r}", str(r + 1), "h", f"{(r + 1) * 95.5:.2f}"
d.add_picture(os.path.join(src, "gradient.png"), width=Cm(10))
d.add_paragraph("Signed: ____________________")
d.save(os.path.join(src, "docx-table-image.docx"))

# CJK
d = Document()
rpr = d.styles["Normal"].element.get_or_add_rPr()
rfonts = rpr.find(qn("w:rFonts"))
if rfonts is None:
    rfonts = rpr.makeelement(qn("w:rFonts"), {})
    rpr.append(rfonts)
rfonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
d.add_heading("合同书 / 契約書 / 계약서", 0)
for i in range(25):
    d.add_paragraph("甲方：北京示例科技有限公司。乙方：株式会社サンプル。本合同一式两份，双方各执一份，自盖章之日起生效。")
    d.add_paragraph("본 계약은 서명일로부터 효력이 발생합니다。")
t = d.add_table(rows=4, cols=3)
t.style = "Table Grid"
for r, row in enumerate([["名称", "数量", "金额"], ["印章", "2", "¥300"], ["印泥", "1", "¥20"], ["合计", "", "¥320"]]):
    for c, v in enumerate(row):
        t.rows[r].cells[c].text = v
d.save(os.path.join(src, "docx-cjk.docx"))

# landscape section between portrait sections
d = Document()
d.add_heading("Mixed sections", 1)
d.add_paragraph(LOREM * 4)
s = d.add_section()
s.orientation = WD_ORIENT.LANDSCAPE
s.page_width, s.page_height = s.page_height, s.page_width
d.add_heading("Landscape annex", 1)
t = d.add_table(rows=10, cols=8)
t.style = "Table Grid"
for r in range(10):
    for c in range(8):
        t.rows[r].cells[c].text = f"{r}:{c}"
s = d.add_section()
s.orientation = WD_ORIENT.PORTRAIT
s.page_width, s.page_height = s.page_height, s.page_width
d.add_paragraph("Back to portrait. " + LOREM)
d.save(os.path.join(src, "docx-landscape-section.docx"))

# US Letter, long
d = Document()
sec = d.sections[0]
sec.page_width, sec.page_height = Cm(21.59), Cm(27.94)
for i in range(1, 16):
    d.add_heading(f"Article {i}", 1)
    for k in range(5):
        d.add_paragraph(f"{i}.{k} " + LOREM * 2)
d.save(os.path.join(src, "docx-letter-long.docx"))
PYEOF

###########################################################################
log "LibreOffice conversions"
S="$SRC"
J() { printf '%s' "$1"; }   # readability helper for JSON option strings
soffice_pdf "$S/table-multipage.fodt"   lo-odt-tables-multipage.pdf
soffice_pdf "$S/cjk.fodt"               lo-odt-cjk.pdf
soffice_pdf "$S/landscape.fodt"         lo-odt-landscape.pdf
soffice_pdf "$S/mixed-orientation.fodt" lo-odt-mixed-orientation-image.pdf
soffice_pdf "$S/images.fodt"            lo-odt-images.pdf
soffice_pdf "$S/long-headings.fodt"     lo-odt-long-bookmarks.pdf '{"ExportBookmarks":{"type":"boolean","value":"true"}}'
soffice_pdf "$S/form-filled.fodt"       lo-odt-form-filled.pdf
soffice_pdf "$S/form-empty.fodt"        lo-odt-form-empty.pdf
soffice_pdf "$S/form-cjk.fodt"          lo-odt-form-cjk-filled.pdf
soffice_pdf "$S/form-twopages.fodt"     lo-odt-form-twopages.pdf
soffice_pdf "$S/form-filled.fodt"       lo-odt-form-flattened.pdf '{"ExportFormFields":{"type":"boolean","value":"false"}}'
soffice_pdf "$S/form-filled.fodt"       lo-odt-form-submit-fdf.pdf '{"FormsType":{"type":"long","value":"0"}}'
soffice_pdf "$S/form-filled.fodt"       lo-odt-form-tagged-pdfua.pdf '{"PDFUACompliance":{"type":"boolean","value":"true"},"UseTaggedPDF":{"type":"boolean","value":"true"}}'
soffice_pdf "$S/annotated.fodt"         lo-odt-comments-links.pdf '{"ExportNotes":{"type":"boolean","value":"true"}}'
soffice_pdf "$S/table-multipage.fodt"   lo-odt-pdfa1b.pdf '{"SelectPdfVersion":{"type":"long","value":"1"}}'
soffice_pdf "$S/cjk.fodt"               lo-odt-cjk-pdfa2b.pdf '{"SelectPdfVersion":{"type":"long","value":"2"}}'
soffice_pdf "$S/form-filled.fodt"       lo-odt-form-pdfa3b.pdf '{"SelectPdfVersion":{"type":"long","value":"3"}}'
soffice_pdf "$S/images.fodt"            lo-odt-pdf15.pdf '{"SelectPdfVersion":{"type":"long","value":"15"}}'
soffice_pdf "$S/long-headings.fodt"     lo-odt-tagged-bookmarks.pdf '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
soffice_pdf "$S/table-multipage.fodt"   lo-odt-encrypted-owner-only.pdf '{"EncryptFile":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"owner-secret"},"RestrictPermissions":{"type":"boolean","value":"true"},"Changes":{"type":"long","value":"0"}}'
soffice_pdf "$S/form-filled.fodt"       lo-odt-form-encrypted-owner-only.pdf '{"EncryptFile":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"owner-secret"},"RestrictPermissions":{"type":"boolean","value":"true"},"Printing":{"type":"long","value":"1"}}'
soffice_pdf "$S/cjk.fodt"               lo-odt-cjk-user-password.pdf '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"user"}}'
soffice_pdf "$S/images.fodt"            lo-odt-watermark.pdf '{"Watermark":{"type":"string","value":"DRAFT"}}'
soffice_pdf "$S/table-multipage.fodt"   lo-odt-hybrid-embedded-odf.pdf '{"IsAddStream":{"type":"boolean","value":"true"}}'
soffice_pdf "$S/images.fodt"            lo-odt-images-jpeg-q30.pdf '{"Quality":{"type":"long","value":"30"},"ReduceImageResolution":{"type":"boolean","value":"true"},"MaxImageResolution":{"type":"long","value":"75"}}'
soffice_pdf "$S/long-headings.fodt"     lo-odt-initial-view-outline.pdf '{"InitialView":{"type":"long","value":"1"},"Magnification":{"type":"long","value":"2"},"PageLayout":{"type":"long","value":"3"}}'

# Office formats produced by other tools and round trips through LibreOffice
soffice_conv "$S/form-filled.fodt" docx "$S"; mv "$S/form-filled.docx" "$S/form-filled-rt.docx"
soffice_conv "$S/form-cjk.fodt" docx "$S"; mv "$S/form-cjk.docx" "$S/form-cjk-rt.docx"
soffice_conv "$S/form-filled.fodt" odt "$S"
soffice_conv "$S/invoice.fods" xlsx "$S"
soffice_conv "$S/slides-16x9.fodp" pptx "$S"
soffice_pdf "$S/form-filled.odt"              lo-odt-zipped-form-filled.pdf '{"ExportBookmarks":{"type":"boolean","value":"false"}}'
soffice_pdf "$S/form-filled-rt.docx"          lo-docx-form-filled.pdf
soffice_pdf "$S/form-cjk-rt.docx"             lo-docx-form-cjk.pdf
soffice_pdf "$S/docx-table-image.docx"        lo-docx-tables-image-multipage.pdf
soffice_pdf "$S/docx-cjk.docx"                lo-docx-cjk.pdf
soffice_pdf "$S/docx-landscape-section.docx"  lo-docx-landscape-section.pdf
soffice_pdf "$S/docx-letter-long.docx"        lo-docx-letter-long.pdf
soffice_pdf "$S/invoice.fods"                 lo-ods-invoice.pdf
soffice_pdf "$S/invoice.xlsx"                 lo-xlsx-invoice.pdf
soffice_pdf "$S/wide-landscape.fods"          lo-ods-wide-landscape.pdf
soffice_pdf "$S/cjk-sheet.fods"               lo-ods-cjk-sheets.pdf
soffice_pdf "$S/wide-landscape.fods"          lo-ods-single-page-sheets.pdf '{"SinglePageSheets":{"type":"boolean","value":"true"}}'
soffice_pdf "$S/slides-16x9.fodp"             lo-odp-slides-16x9.pdf
soffice_pdf "$S/slides-16x9.pptx"             lo-pptx-slides-16x9.pdf
soffice_pdf "$S/slides-4x3-cjk.fodp"          lo-odp-slides-4x3-cjk.pdf
soffice_pdf "$S/slides-16x9.fodp"             lo-odp-slides-with-notes.pdf '{"ExportNotesPages":{"type":"boolean","value":"true"}}'
soffice_pdf "$S/report.html"                  lo-html-report.pdf
if command -v pandoc >/dev/null; then
  pandoc "$S/pandoc.md" -o "$S/pandoc.docx"
  pandoc "$S/pandoc.md" -o "$S/pandoc.odt"
  soffice_pdf "$S/pandoc.docx" lo-pandoc-docx.pdf
  soffice_pdf "$S/pandoc.odt"  lo-pandoc-odt.pdf
fi

###########################################################################
log "Ghostscript, groff, enscript"
cat > "$S/seal.ps" <<'PSEOF'
%!PS-Adobe-3.0
%%Title: seal test
%%Pages: 3
%%BoundingBox: 0 0 595 842
%%EndComments
/Helvetica findfont 18 scalefont setfont
1 1 3 {
  /n exch def
  << /PageSize [595 842] >> setpagedevice
  72 780 moveto (PostScript page ) show n 3 string cvs show
  0.8 0 0 setrgbcolor 4 setlinewidth
  297 420 100 0 360 arc stroke
  297 420 moveto
  /Times-Roman findfont 12 scalefont setfont
  72 700 moveto (Generated by a hand-written PostScript program.) show
  /Helvetica findfont 18 scalefont setfont
  0 0 0 setrgbcolor
  showpage
} for
%%EOF
PSEOF
for lvl in 1.3 1.4 1.5 1.7 2.0; do
  tag=${lvl/./}
  gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -dCompatibilityLevel=$lvl \
     -sOutputFile="$OUT/gs-ps-pdf$tag.pdf" "$S/seal.ps"; log "gs-ps-pdf$tag.pdf"
done
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -dPDFSETTINGS=/ebook \
   -sOutputFile="$OUT/gs-rewrite-lo-docx-cjk.pdf" "$OUT/lo-docx-cjk.pdf"; log gs-rewrite-lo-docx-cjk.pdf
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -dCompatibilityLevel=2.0 \
   -sOutputFile="$OUT/gs-rewrite-pdf20-lo-ods.pdf" "$OUT/lo-ods-invoice.pdf"; log gs-rewrite-pdf20-lo-ods.pdf
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -dPDFA=2 -dPDFACompatibilityPolicy=1 -sColorConversionStrategy=RGB \
   -sOutputFile="$OUT/gs-pdfa2-lo-odp.pdf" "$OUT/lo-odp-slides-16x9.pdf" 2>/dev/null; log gs-pdfa2-lo-odp.pdf
gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=pdfwrite -dCompatibilityLevel=1.4 \
   -sOwnerPassword=owner-secret -dPermissions=-3904 -dEncryptionR=3 -dKeyLength=128 \
   -sOutputFile="$OUT/gs-encrypted-owner-rc4-128.pdf" "$S/seal.ps"; log gs-encrypted-owner-rc4-128.pdf
# ps2pdf wrapper, and a PostScript produced by groff
groff -Tps -ms > "$S/groff.ps" <<'ROFF'
.TL
Groff memorandum
.AU
SealStation
.NH
Introduction
.PP
This memo was typeset by groff and converted to PDF.
.NH
Table
.TS
box;
l l n.
Item	Owner	Amount
Seal	Legal	100
Stamp	Office	250
.TE
.PP
End of memo.
ROFF
ps2pdf "$S/groff.ps" "$OUT/ps2pdf-groff-ms.pdf"; log ps2pdf-groff-ms.pdf
groff -Tpdf -ms > "$OUT/gropdf-ms.pdf" <<'ROFF'
.TL
gropdf memorandum
.PP
This file was written directly by gropdf (groff's PDF output driver).
.bp
.PP
Second page.
ROFF
log gropdf-ms.pdf
if command -v enscript >/dev/null; then
  enscript -q -2r -p "$S/enscript.ps" "$HERE/build_real.sh"
  ps2pdf14 "$S/enscript.ps" "$OUT/ps2pdf-enscript-2up-landscape.pdf"; log ps2pdf-enscript-2up-landscape.pdf
fi

###########################################################################
log "cairo and reportlab"
"$PY" - "$OUT" <<'PYEOF'
import sys, os, cairo
out = sys.argv[1]
s = cairo.PDFSurface(os.path.join(out, "cairo-vector-3pages.pdf"), 595, 842)
s.set_metadata(cairo.PDFMetadata.TITLE, "cairo vector test") if hasattr(cairo, "PDFMetadata") else None
c = cairo.Context(s)
for i in range(3):
    c.set_source_rgb(0.8, 0.1, 0.1); c.set_line_width(6)
    c.arc(297, 421, 120, 0, 6.283); c.stroke()
    c.select_font_face("DejaVu Sans"); c.set_font_size(28); c.set_source_rgb(0, 0, 0)
    c.move_to(180, 430); c.show_text(f"cairo page {i+1}")
    c.move_to(180, 480); c.show_text("电子印章")
    c.show_page()
s.finish()
s = cairo.PDFSurface(os.path.join(out, "cairo-pdf14-letter-a5.pdf"), 612, 792)
s.restrict_to_version(cairo.PDFVersion.VERSION_1_4)
c = cairo.Context(s)
c.rectangle(50, 50, 300, 200); c.set_source_rgba(0, 0, 1, 0.5); c.fill(); c.show_page()
s.set_size(420, 595)
c.move_to(40, 100); c.set_font_size(20); c.set_source_rgb(0, 0, 0); c.show_text("A5 page after Letter"); c.show_page()
s.finish()
PYEOF
log cairo
"$PY" - "$OUT" <<'PYEOF'
import sys, os
from reportlab.pdfgen import canvas
from reportlab.lib.pagesizes import A4, letter, landscape
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
out = sys.argv[1]
# AcroForm made with reportlab
c = canvas.Canvas(os.path.join(out, "reportlab-acroform.pdf"), pagesize=A4)
c.setFont("Helvetica", 14); c.drawString(72, 780, "ReportLab AcroForm")
f = c.acroForm
c.drawString(72, 740, "Name:"); f.textfield(name="name", value="John Smith", x=150, y=730, width=250, height=22)
c.drawString(72, 700, "Agree:"); f.checkbox(name="agree", checked=True, x=150, y=695, size=18)
c.drawString(72, 660, "Choice:"); f.choice(name="choice", value="B", options=["A", "B", "C"], x=150, y=650, width=120, height=22)
c.drawString(72, 620, "Radio:")
f.radio(name="radio", value="one", selected=True, x=150, y=615, size=16)
f.radio(name="radio", value="two", selected=False, x=190, y=615, size=16)
c.showPage(); c.save()
# rotated pages and odd boxes
c = canvas.Canvas(os.path.join(out, "reportlab-landscape-cropbox.pdf"), pagesize=landscape(A4))
c.setCropBox((36, 36, 806, 559)); c.setTrimBox((40, 40, 802, 555))
c.drawString(72, 500, "Landscape A4 with CropBox and TrimBox")
c.showPage()
c.setPageRotation(90); c.drawString(72, 500, "Page /Rotate 90"); c.showPage()
c.setPageRotation(180); c.drawString(72, 500, "Page /Rotate 180"); c.showPage()
c.setPageRotation(270); c.drawString(72, 500, "Page /Rotate 270"); c.showPage()
c.save()
# CID CJK fonts (non-embedded Adobe CJK fonts)
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
c = canvas.Canvas(os.path.join(out, "reportlab-cjk-cidfont.pdf"), pagesize=A4)
c.setFont("STSong-Light", 18); c.drawString(72, 760, "电子印章测试 中文 CID 字体")
c.setFont("HeiseiMin-W3", 18); c.drawString(72, 720, "電子印鑑のテスト")
c.showPage(); c.save()
# many pages, uncompressed, letter size
c = canvas.Canvas(os.path.join(out, "reportlab-50pages-uncompressed.pdf"), pagesize=letter, pageCompression=0)
for i in range(50):
    c.setFillColor(colors.darkblue); c.setFont("Times-Roman", 24); c.drawString(72, 700, f"Page {i+1} of 50"); c.showPage()
c.save()
# encrypted, owner password only
from reportlab.lib import pdfencrypt
enc = pdfencrypt.StandardEncryption("", ownerPassword="owner-secret", canPrint=1, canModify=0, canCopy=0, strength=128)
c = canvas.Canvas(os.path.join(out, "reportlab-encrypted-owner-only.pdf"), pagesize=A4, encrypt=enc)
c.drawString(72, 760, "Encrypted with an owner password only"); c.showPage(); c.save()
PYEOF
log reportlab

###########################################################################
log "qpdf transforms of made-here files"
q() { qpdf "$@" || [ $? -eq 3 ]; }   # exit 3 = warnings only
q --object-streams=generate "$OUT/lo-odt-form-filled.pdf" "$OUT/qpdf-objstm-lo-odt-form-filled.pdf"
q --linearize "$OUT/lo-docx-tables-image-multipage.pdf" "$OUT/qpdf-linearized-lo-docx-tables.pdf"
q --linearize --object-streams=generate "$OUT/lo-odt-cjk.pdf" "$OUT/qpdf-linearized-objstm-lo-odt-cjk.pdf"
q --qdf --object-streams=disable "$OUT/lo-ods-invoice.pdf" "$OUT/qpdf-qdf-lo-ods-invoice.pdf"
q --rotate=+90:1 --rotate=+180:2 "$OUT/lo-odt-tables-multipage.pdf" "$OUT/qpdf-rotated-lo-odt-tables.pdf"
q --encrypt "" owner-secret 256 --modify=none -- "$OUT/lo-odt-form-cjk-filled.pdf" "$OUT/qpdf-aes256-owner-only-form-cjk.pdf"
q --encrypt "" owner-secret 128 --use-aes=y --print=low -- "$OUT/lo-odp-slides-16x9.pdf" "$OUT/qpdf-aes128-owner-only-slides.pdf"
q --empty --pages "$OUT/lo-odt-landscape.pdf" "$OUT/lo-odt-form-filled.pdf" "$OUT/cairo-vector-3pages.pdf" -- "$OUT/qpdf-merged-mixed-sizes.pdf"
q --force-version=2.0 "$OUT/lo-odt-images.pdf" "$OUT/qpdf-forced-pdf20-lo-odt-images.pdf"
q --compress-streams=n --decode-level=generalized "$OUT/lo-odt-form-filled.pdf" "$OUT/qpdf-uncompressed-lo-odt-form.pdf"

###########################################################################
log "incremental updates and signatures (pyHanko, throw-away venv)"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q pyHanko cryptography
"$WORK/venv/bin/python" - "$OUT" "$WORK" <<'PYEOF'
import sys, os, datetime
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa, ec
from pyhanko.sign import signers, fields
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils import generic
out, work = sys.argv[1], sys.argv[2]

def selfsigned(key, cn):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SealStation corpus")])
    now = datetime.datetime(2024, 6, 11, tzinfo=datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    kp, cp = os.path.join(work, cn + ".key"), os.path.join(work, cn + ".crt")
    open(kp, "wb").write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    open(cp, "wb").write(cert.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(kp, cp)

rsa_signer = selfsigned(rsa.generate_private_key(public_exponent=65537, key_size=2048), "corpus-rsa")
ec_signer = selfsigned(ec.generate_private_key(ec.SECP256R1()), "corpus-ecdsa")

def sign(src, dst, signer, field, box=None, certify=False, page=0):
    with open(os.path.join(out, src), "rb") as inf:
        w = IncrementalPdfFileWriter(inf, strict=False)
        meta = signers.PdfSignatureMetadata(field_name=field, reason="corpus sample", location="here", certify=certify)
        spec = fields.SigFieldSpec(field, on_page=page, box=box) if box else None
        with open(os.path.join(out, dst), "wb") as outf:
            signers.PdfSigner(meta, signer, new_field_spec=spec).sign_pdf(w, output=outf)

sign("lo-odt-tables-multipage.pdf", "pyhanko-signed-lo-odt-visible.pdf", rsa_signer, "Signature1", box=(350, 60, 550, 130))
sign("lo-docx-form-filled.pdf", "pyhanko-signed-lo-docx-form-invisible.pdf", ec_signer, "Signature1")
sign("lo-odt-cjk.pdf", "pyhanko-certified-lo-odt-cjk.pdf", rsa_signer, "Cert1", box=(50, 50, 250, 110), certify=True)
sign("pyhanko-signed-lo-odt-visible.pdf", "pyhanko-signed-twice-lo-odt.pdf", ec_signer, "Signature2", box=(50, 60, 250, 130))
sign("qpdf-objstm-lo-odt-form-filled.pdf", "pyhanko-signed-objstm-form.pdf", rsa_signer, "Signature1", box=(350, 60, 550, 130))

# a plain incremental update (metadata change, no signature)
with open(os.path.join(out, "lo-ods-invoice.pdf"), "rb") as inf:
    w = IncrementalPdfFileWriter(inf)
    w.set_info(generic.DictionaryObject({generic.NameObject("/Title"): generic.TextStringObject("Invoice (updated incrementally)")}))
    with open(os.path.join(out, "pyhanko-incremental-update-lo-ods.pdf"), "wb") as outf:
        w.write(outf)
PYEOF
log "pyHanko done"

log "all done: made-here files are in $OUT (MANIFEST.tsv rows for them are kept by hand, see README.md)"
