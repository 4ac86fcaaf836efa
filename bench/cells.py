#!/usr/bin/env python3
"""Dumps the cells of a workbook for bin/ejournal-xlsxfloor (issue 17).

usage: cells.py FILE.xlsx >CELLS
Each sheet in the workbook's order as a line "#NAME", then each of its cells as
"ROW<TAB>COL<TAB>T<TAB>VALUE" (0-based, T n for a number, s for a string, b for a
cell written with a format and no value, as the borders of a table's empty cells;
backslash, newline, tab and CR escaped).
"""
import html, re, sys, zipfile

CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
TYPE = re.compile(rb't="(\w+)"')
VALUE = re.compile(rb'<v>(.*?)</v>', re.S)
TEXT = re.compile(rb'<t(?: [^>]*)?>(.*?)</t>', re.S)


def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def esc(s):
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def main():
    z = zipfile.ZipFile(sys.argv[1])
    rels = dict(re.findall(rb'Id="(\w+)"[^>]*Target="([^"]+)"', z.read("xl/_rels/workbook.xml.rels")))
    rels.update({k: v for v, k in re.findall(rb'Target="([^"]+)"[^>]*Id="(\w+)"',
                                             z.read("xl/_rels/workbook.xml.rels"))})
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in re.findall(rb'<si>(.*?)</si>', z.read("xl/sharedStrings.xml"), re.S):
            shared.append(html.unescape(b"".join(TEXT.findall(si)).decode()))
    out = sys.stdout
    for name, rid in re.findall(rb'<sheet name="([^"]*)"[^>]*r:id="(\w+)"', z.read("xl/workbook.xml")):
        out.write("#%s\n" % esc(html.unescape(name.decode())))
        data = z.read("xl/" + rels[rid].decode().lstrip("/").replace("xl/", "", 1))
        for m in CELL.finditer(data):
            body = m.group(4)
            if not body:
                out.write("%d\t%d\tb\t\n" % (int(m.group(2)) - 1, col_index(m.group(1))))
                continue
            t = TYPE.search(m.group(3))
            t = t.group(1) if t else b"n"
            if t == b"inlineStr":
                v = html.unescape(b"".join(TEXT.findall(body)).decode())
                kind = "s"
            elif t == b"s":
                v = shared[int(VALUE.search(body).group(1))]
                kind = "s"
            else:
                vm = VALUE.search(body)
                if not vm:
                    out.write("%d\t%d\tb\t\n" % (int(m.group(2)) - 1, col_index(m.group(1))))
                    continue
                v = html.unescape(vm.group(1).decode())
                kind = "n" if t == b"n" else "s"
            out.write("%d\t%d\t%s\t%s\n" % (int(m.group(2)) - 1, col_index(m.group(1)), kind, esc(v)))


main()
