"""ESC/POS bytes of the example receipt: golden files, and a reading of the stream by the
independent reader in tests/support/escpos_reader.py.

Regenerate the golden files after an intended change with
`CASHIER_UPDATE_GOLDEN=1 python -m pytest tests/integration/test_escpos_golden.py`.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from cashier.domain.receipt import (
    ChargeItem,
    MethodPart,
    ReceiptData,
    ReceiptLine,
    layout_receipt,
    qr_payload,
)
from cashier.printing import raster
from cashier.printing.escpos import PrinterProfile, render_receipt, unprintable_lines
from tests.support.escpos_reader import (
    Command,
    Text,
    image_size,
    names,
    printed_lines,
    qr_stored,
    read_escpos,
)

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
PAYLOAD = "HR1|A01-00000123|197032|20251120|3f2a9c0d5e7b1a46"
HALL_80 = PrinterProfile(paper=80, cutter=True, native_qr=True, encoding="gb18030", drawer=True)
PORTABLE_58 = PrinterProfile(paper=58, cutter=False, native_qr=False, encoding="gbk", drawer=False)
NATIVE_58 = PrinterProfile(paper=58, cutter=True, native_qr=True, encoding="gb18030", drawer=True)


def example(**changes: object) -> ReceiptData:
    data = ReceiptData(
        company="幸福热力有限公司",
        receipt_no="A01-00000123",
        taken_at=datetime(2025, 11, 20, 9, 41),
        counter_code="A01",
        staff_no="0007",
        staff_name="王某",
        account_no="HP-010203",
        account_name="张三",
        address="幸福小区3号楼2单元502",
        category="居民",
        heated_area=Decimal("89.56"),
        season="2025-2026",
        charges=(ChargeItem("采暖费", 197032, "89.56㎡×22.00"),),
        total_due_fen=197032,
        paid_fen=197032,
        methods=(MethodPart("现金", 197032, is_cash=True),),
        cash_tendered_fen=200000,
        change_fen=2968,
        qr_payload=qr_payload("A01-00000123", 197032, date(2025, 11, 20), "3f2a9c0d5e7b1a46"),
        service_phone="0000-0000000",
        invoice_note=True,
    )
    return dataclasses.replace(data, **changes)


def render(profile: PrinterProfile, data: ReceiptData | None = None, **options: object) -> bytes:
    lines = layout_receipt(data or example(), profile.width_cols)
    return render_receipt(lines, profile, open_drawer=options.pop("open_drawer", True), **options)


@pytest.mark.parametrize(
    ("name", "profile"), [("receipt_58.bin", PORTABLE_58), ("receipt_80.bin", HALL_80)]
)
def test_bytes_match_golden_file(name: str, profile: PrinterProfile) -> None:
    produced = render(profile)
    path = GOLDEN / name
    if os.environ.get("CASHIER_UPDATE_GOLDEN") == "1":
        path.write_bytes(produced)
    assert path.exists(), f"{path} missing: run with CASHIER_UPDATE_GOLDEN=1"
    assert produced == path.read_bytes()


def test_command_order_with_cutter_native_qr_and_drawer() -> None:
    items = read_escpos(render(HALL_80, open_drawer=True))
    order = names(items)
    assert order[:2] == ["ESC @", "FS &"]
    assert "TEXT" in order[2 : order.index("GS ( k")]
    assert order[-3:] == ["ESC d", "GS V", "ESC p"]
    last_qr = max(i for i, name in enumerate(order) if name == "GS ( k")
    first_text = order.index("TEXT")
    assert first_text < last_qr < order.index("GS V")
    assert order.count("ESC @") == 1 and order.count("ESC p") == 1


def test_no_cut_without_cutter_and_no_drawer_unless_asked() -> None:
    portable = names(read_escpos(render(PORTABLE_58, open_drawer=True)))
    assert "GS V" not in portable and "ESC p" not in portable
    assert portable[-1] == "ESC d"
    hall = names(read_escpos(render(HALL_80, open_drawer=False)))
    assert "ESC p" not in hall
    assert hall[-1] == "GS V"


def test_native_qr_stores_the_payload_at_level_m_and_prints_it() -> None:
    items = read_escpos(render(HALL_80))
    assert qr_stored(items) == [PAYLOAD.encode("ascii")]
    qr_args = [item.args for item in items if isinstance(item, Command) and item.name == "GS ( k"]
    assert qr_args[0] == b"\x31\x41\x32\x00"  # model 2
    assert b"\x31\x45\x31" in qr_args  # error correction level M
    assert qr_args[-1] == b"\x31\x51\x30"  # print the stored symbol
    assert any(line.qr_printed for line in printed_lines(items))


def test_raster_qr_fits_the_paper_when_not_native() -> None:
    items = read_escpos(render(PORTABLE_58))
    images = [item for item in items if isinstance(item, Command) and item.name == "GS v 0"]
    assert len(images) == 1 and not qr_stored(items)
    width, height = image_size(images[0])
    assert width == 384
    assert 21 * 6 <= height <= 384
    assert any(images[0].args[5:]), "image is blank"


@pytest.mark.parametrize("profile", [PORTABLE_58, NATIVE_58, HALL_80])
def test_capital_amount_is_printed_in_gb18030(profile: PrinterProfile) -> None:
    lines = printed_lines(read_escpos(render(profile)))
    texts = [line.text(profile.encoding) for line in lines]
    index = texts.index("人民币（大写）：")
    assert texts[index + 1] == "壹仟玖佰柒拾元零叁角贰分"
    assert "壹仟玖佰柒拾元零叁角贰分".encode("gb18030") in render(profile)


@pytest.mark.parametrize("profile", [PORTABLE_58, NATIVE_58, HALL_80])
def test_no_printed_line_is_wider_than_the_paper(profile: PrinterProfile) -> None:
    data = example(
        company="幸福市城区供热集团有限责任公司第一分公司",
        address="幸福小区（东区）" * 5 + "3号楼2单元502室",
        account_name="张三、李四（共有）",
    )
    lines = printed_lines(read_escpos(render(profile, data)))
    assert lines[0].double_width and lines[0].columns > 0
    widest = max(line.columns for line in lines)
    assert widest <= profile.width_cols
    for line in lines:
        for image in line.images:
            assert image_size(image)[0] <= profile.width_dots


def test_four_byte_name_without_font_prints_placeholder_and_never_four_bytes() -> None:
    data = example(account_name="王𠀀😀")
    lines = layout_receipt(data, 32)
    assert [line.text for line in unprintable_lines(lines, NATIVE_58)] == ["户名：王𠀀😀"]
    items = read_escpos(render_receipt(lines, NATIVE_58, open_drawer=False))
    assert not any(isinstance(item, Text) and item.four_byte for item in items)
    texts = [line.text() for line in printed_lines(items)]
    assert "户名：王□□" in texts


@pytest.mark.skipif(raster.find_cjk_font() is None, reason="no CJK TrueType font installed")
def test_four_byte_name_with_font_prints_an_image_line() -> None:
    lines = layout_receipt(example(account_name="王𠀀"), 48)
    stream = render_receipt(lines, HALL_80, open_drawer=False, font_path=raster.find_cjk_font())
    items = read_escpos(stream)
    printed = printed_lines(items)
    image_lines = [line for line in printed if line.images and not line.data]
    assert len(image_lines) == 1
    assert image_size(image_lines[0].images[0]) == (576, raster.TEXT_DOTS)
    assert "户名：王" not in [line.text() for line in printed]


def test_gbk_printer_gets_no_character_outside_gbk() -> None:
    lines = [ReceiptLine("优惠€5")]
    stream = render_receipt(lines, PORTABLE_58, open_drawer=False)
    assert [line.text("gbk") for line in printed_lines(read_escpos(stream))] == ["优惠□5"]


def test_control_characters_in_a_line_are_not_sent_as_commands() -> None:
    lines = [ReceiptLine("张三\x1bp\x00\x19\xfa\x1dV\x00")]
    items = read_escpos(render_receipt(lines, HALL_80, open_drawer=False))
    assert "ESC p" not in names(items)
    assert names(items).count("GS V") == 1


def test_line_wider_than_the_paper_is_refused() -> None:
    with pytest.raises(ValueError):
        render_receipt([ReceiptLine("幸" * 17)], PORTABLE_58, open_drawer=False)
    with pytest.raises(ValueError):
        render_receipt([ReceiptLine("幸" * 9, double=True)], PORTABLE_58, open_drawer=False)


def test_golden_files_start_with_initialise_and_chinese_mode() -> None:
    for name in ("receipt_58.bin", "receipt_80.bin"):
        data = (GOLDEN / name).read_bytes()
        assert data.startswith(b"\x1b@\x1c&"), name
