"""The .xlsx reader: cells as the text Excel shows, from openpyxl files and hand-made packages."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from cashier.services.tabular import TableFileError, read_rows
from cashier.services.xlsx_rows import XlsxError, xlsx_rows


def test_values_written_by_openpyxl_read_back_as_typed(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["户号", "面积", "电话", "日期", "时间", "是否", "空", "末列"])
    sheet.append(["0012", 89.56, 13900001111, dt.date(2026, 1, 1),
                  dt.datetime(2026, 1, 1, 8, 30), True, None, "x"])
    sheet.append([None, 0.1 + 0.2, D("120"), None, None, False, None, None])
    sheet["B4"] = 1e-5
    sheet["C4"] = -3.0
    sheet["D4"] = dt.date(1900, 1, 1)
    sheet["E4"] = "=1+1"
    workbook.save(tmp_path / "a.xlsx")
    assert list(xlsx_rows(tmp_path / "a.xlsx")) == [
        (1, ["户号", "面积", "电话", "日期", "时间", "是否", "空", "末列"]),
        (2, ["0012", "89.56", "13900001111", "2026-01-01", "2026-01-01 08:30:00", "是", "",
             "x"]),
        (3, ["", "0.3", "120", "", "", "否"]),
        (4, ["", "0.00001", "-3", "1900-01-01", ""]),  # a formula without a saved result
    ]


def test_dates_in_the_1904_system_and_custom_date_formats(tmp_path):
    workbook = Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    sheet = workbook.active
    sheet["A1"] = dt.date(2025, 11, 15)
    sheet["A1"].number_format = 'yyyy"年"m"月"d"日"'
    sheet["B1"] = 45976
    sheet["B1"].number_format = "0.00"
    sheet["C1"] = 12.5
    sheet["C1"].number_format = '"m"0.0'  # an "m" in quotes does not make it a date
    workbook.save(tmp_path / "mac.xlsx")
    assert list(xlsx_rows(tmp_path / "mac.xlsx")) == [(1, ["2025-11-15", "45976", "12.5"])]


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def handmade(path: Path, **replaced: str) -> Path:
    """A package as other programs write it: shared strings with rich text and phonetic
    guides, a namespace prefix, the data sheet listed first but stored as sheet2.xml."""
    files = {
        "xl/workbook.xml": f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>'
        '<sheet name="数据" sheetId="2" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">'
        '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/>'
        '<Relationship Id="rId7" Target="/xl/worksheets/sheet2.xml" Type="x"/>'
        "</Relationships>",
        "xl/sharedStrings.xml": f'<sst xmlns="{NS}"><si><t>户号</t></si>'
        "<si><r><t>张</t></r><r><rPr/><t>三</t></r><rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh>"
        '</si><si><t xml:space="preserve"> A&amp;B </t></si></sst>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{NS}"><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>',
        "xl/worksheets/sheet2.xml": f'<x:worksheet xmlns:x="{NS}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c>'
        '</x:row><x:row r="3"><x:c r="B3" t="s"><x:v>2</x:v></x:c><x:c r="C3" t="e">'
        '<x:v>#N/A</x:v></x:c><x:c r="D3" t="str"><x:v>公式</x:v></x:c>'
        '<x:c r="E3"><x:v>89.560000000000002</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    }
    files.update({f"xl/worksheets/{name}.xml": text for name, text in replaced.items()})
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def test_shared_strings_prefixes_and_the_first_listed_sheet(tmp_path):
    assert list(xlsx_rows(handmade(tmp_path / "h.xlsx"))) == [
        (1, ["户号", "", "张三"]),
        (3, ["", " A&B ", "#N/A", "公式", "89.56"]),
    ]


def test_broken_packages_are_refused(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(XlsxError):
        list(xlsx_rows(tmp_path / "a.xlsx"))
    with zipfile.ZipFile(tmp_path / "b.xlsx", "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(XlsxError):
        list(xlsx_rows(tmp_path / "b.xlsx"))
    handmade(tmp_path / "c.xlsx", sheet2="<worksheet><sheetData><row>")
    with pytest.raises(TableFileError, match="无法打开"):
        list(read_rows(tmp_path / "c.xlsx"))


def test_csv_row_numbers_count_records_and_skip_empty_rows(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('户号,备注\nA-1,"两行\n备注"\n,\nA-2,x\n', encoding="utf-8")
    assert list(read_rows(path)) == [
        (1, ["户号", "备注"]), (2, ["A-1", "两行\n备注"]), (4, ["A-2", "x"])
    ]
