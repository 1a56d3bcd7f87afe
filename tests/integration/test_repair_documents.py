"""The repair bill and damage confirmation as A4 PDF (read back with poppler's pdftotext and
pdfimages) and as narrow ESC/POS slips (read back with the tests' own ESC/POS reader)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from support.escpos_reader import names, printed_lines, read_escpos
from support.repair_world import (
    DESK,
    RECEIVED,
    TECHNICIAN,
    add_accounts,
    load_example_prices,
    local,
    minutes_after,
    pay_in_cash,
    phone_order,
    reach_site,
    valve_lines,
)

from cashier.domain.money import format_yuan
from cashier.domain.repair_documents import (
    layout_bill,
    layout_damage,
    layout_repair_receipt,
    line_title,
    quantity_text,
)
from cashier.domain.repair_orders import OrderEvent
from cashier.domain.signature import Signature
from cashier.printing.escpos import PrinterProfile, render_receipt
from cashier.printing.pdf import cjk_font
from cashier.printing.repair_pdf import RepairPdf
from cashier.services.repair_bills import confirm_damage, save_bill, sign_bill
from cashier.services.repair_documents import bill_document, damage_document, write_pdf
from cashier.services.repair_orders import record_event
from cashier.services.repair_payments import repair_receipt

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfimages") is None,
    reason="poppler-utils (pdftotext, pdfimages) not installed",
)
PHONE = "0000-1234567"
SIGNATURE_SIZE = (480, 180)


def transparent_signature() -> Signature:
    """A signature PNG as the pad makes it: ink on a transparent background."""
    image = Image.new("RGBA", SIGNATURE_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(30, 120), (150, 40), (260, 130), (400, 50)], fill=(20, 30, 90, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    stroke = ((300, 1200, 500, 0), (1500, 400, 520, 40), (4000, 500, 480, 90))
    return Signature(buffer.getvalue(), (stroke,), *SIGNATURE_SIZE)


@pytest.fixture
def paid_order(make_uow):
    """A household valve repair, billed, signed on a transparent pad and paid in cash."""
    add_accounts(make_uow, "HP-0001")
    load_example_prices(make_uow)
    with make_uow() as uow:
        uow.settings.put("company_name", "幸福热力有限公司")
        uow.settings.put("service_phone", PHONE)
        uow.commit()
    number = phone_order(make_uow, at=RECEIVED).number
    reach_site(make_uow, number, RECEIVED)
    record_event(
        make_uow(),
        TECHNICIAN,
        number,
        OrderEvent("finished", minutes_after(45)),
        now=minutes_after(46),
    )
    view = save_bill(make_uow(), TECHNICIAN, number, valve_lines("2"), now=minutes_after(48))
    signed = sign_bill(
        make_uow(),
        TECHNICIAN,
        number,
        transparent_signature(),
        digest=view.latest.digest,
        signer_name="张三",
        now=minutes_after(50),
    )
    _, paid = pay_in_cash(make_uow, number, signed.latest.content.total_fen)
    return make_uow, number, paid.receipt_no


def _pdftotext(path: Path) -> str:
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def _images(path: Path) -> list[list[str]]:
    run = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return [line.split() for line in run.stdout.decode().splitlines()[2:]]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_bill_pdf_lists_every_line_the_totals_and_embeds_the_signature(paid_order, tmp_path):
    make_uow, number, receipt_no = paid_order
    document = bill_document(make_uow(), DESK, number)
    path = write_pdf(document, RepairPdf(), tmp_path / "bill.pdf")
    text = _pdftotext(path)
    flat = _squeeze(text)
    content = document.content
    assert len(content.lines) == 3
    for line in content.lines:
        row = next(r for r in text.splitlines() if line.code in r)
        assert _squeeze(line_title(line)) in _squeeze(row)
        assert f"{line.quantity.normalize():f}" in row.split()
        assert format_yuan(line.unit_price_fen, symbol="") in row.split()
        assert format_yuan(line.amount_fen, symbol="") in row.split()
    assert f"合计{format_yuan(content.total_fen, symbol='')}" in flat
    assert f"维修项目小计{format_yuan(content.labour_fen, symbol='')}" in flat
    assert f"材料小计{format_yuan(content.material_fen, symbol='')}" in flat
    assert f"合计（人民币大写）：{content.capital}" in flat and content.capital == "壹佰伍拾壹元整"
    assert f"24小时服务电话：{PHONE}" in flat and receipt_no in flat
    assert number in flat and document.digest[:16] in flat and "签字人：张三" in flat
    images = _images(path)
    kinds = [row[2] for row in images]
    pictures = [row for row in images if row[2] == "image"]
    assert len(pictures) == 1
    width, height = int(pictures[0][3]), int(pictures[0][4])
    assert 370 + 24 <= width < SIGNATURE_SIZE[0] and 90 + 24 <= height < SIGNATURE_SIZE[1], (
        "the signature is cropped to its ink plus a margin"
    )
    assert "smask" in kinds, "the signature keeps its transparent background"


def test_the_same_bill_gives_the_same_pdf_bytes(paid_order):
    make_uow, number, _ = paid_order
    document = bill_document(make_uow(), DESK, number)
    writer = RepairPdf()
    assert writer.bill_pdf(document) == writer.bill_pdf(document)


def test_a_bill_changed_after_signing_prints_that_it_needs_a_new_signature(make_uow, tmp_path):
    add_accounts(make_uow, "HP-0001")
    load_example_prices(make_uow)
    number = phone_order(make_uow, at=RECEIVED).number
    view = save_bill(make_uow(), TECHNICIAN, number, valve_lines(), now=minutes_after(40))
    sign_bill(
        make_uow(),
        TECHNICIAN,
        number,
        transparent_signature(),
        digest=view.latest.digest,
        now=minutes_after(41),
    )
    save_bill(make_uow(), TECHNICIAN, number, valve_lines("3"), now=minutes_after(42))
    document = bill_document(make_uow(), DESK, number)
    assert not document.signed.valid and document.content.version == 2
    path = write_pdf(document, RepairPdf(), tmp_path / "changed.pdf")
    assert "原签字失效，需重新签字" in _squeeze(_pdftotext(path))
    assert not [row for row in _images(path) if row[2] == "image"]


def test_the_damage_confirmation_pdf_states_the_cause_and_carries_the_signature(make_uow, tmp_path):
    add_accounts(make_uow, "HP-0001")
    with make_uow() as uow:
        uow.settings.put("service_phone", PHONE)
        uow.commit()
    number = phone_order(make_uow, at=RECEIVED, owner="company").number
    confirm_damage(
        make_uow(),
        TECHNICIAN,
        number,
        facility="卧室散热器阀门",
        cause="用户装修时私自拆改阀门，导致阀门漏水",
        signature=transparent_signature(),
        signer_name="张三",
        now=minutes_after(40),
    )
    document = damage_document(make_uow(), DESK, number)
    path = write_pdf(document, RepairPdf(), tmp_path / "damage.pdf")
    flat = _squeeze(_pdftotext(path))
    for words in (
        "用户责任损坏确认单",
        "卧室散热器阀门",
        "用户装修时私自拆改阀门，导致阀门漏水",
        "说明人：3001李四",
        "签字人：张三",
        "确认单摘要",
        f"24小时服务电话：{PHONE}",
        number,
    ):
        assert _squeeze(words) in flat
    assert "清单摘要" not in flat, "a damage confirmation is not a bill"
    assert len([row for row in _images(path) if row[2] == "image"]) == 1


def test_without_a_truetype_font_the_pdf_falls_back_to_the_builtin_song_font(paid_order):
    make_uow, number, _ = paid_order
    fallback = cjk_font([])
    assert fallback.name == "STSong-Light" and not fallback.embedded
    data = RepairPdf(fallback).bill_pdf(bill_document(make_uow(), DESK, number))
    assert data.startswith(b"%PDF") and b"STSong-Light" in data


@pytest.mark.parametrize("paper", [58, 80])
def test_the_narrow_bill_decodes_line_by_line_within_the_paper(paid_order, paper):
    make_uow, number, receipt_no = paid_order
    document = bill_document(make_uow(), DESK, number)
    profile = PrinterProfile(paper=paper, cutter=False, native_qr=False, drawer=False)
    stream = render_receipt(layout_bill(document, profile.width_cols), profile, open_drawer=False)
    items = read_escpos(stream)
    assert names(items)[:2] == ["ESC @", "FS &"] and "GS V" not in names(items)
    printed = printed_lines(items)
    assert all(line.columns <= profile.width_cols for line in printed)
    texts = [line.text().strip() for line in printed]
    joined = "".join(texts)
    for line in document.content.lines:
        assert line_title(line) in texts
        assert quantity_text(line) in joined and format_yuan(line.amount_fen, symbol="") in joined
    assert "维修收费清单" in texts and document.content.capital in texts
    assert any(t.startswith("合计") and t.endswith("￥151.00") for t in texts)
    assert f"24小时服务电话：{PHONE}" in texts and f"收费收据号：{receipt_no}" in texts
    assert "客户签字：张三 2025-12-01 09:50" in texts


def test_the_narrow_damage_slip_and_payment_receipt_decode(paid_order, make_uow):
    _, number, receipt_no = paid_order
    confirm_damage(
        make_uow(),
        TECHNICIAN,
        number,
        facility="户内管道",
        cause="用户堵塞放气阀",
        signature=transparent_signature(),
        now=local(2025, 12, 1, 10, 30),
    )
    profile = PrinterProfile(paper=58, cutter=True, native_qr=False, drawer=True)
    damage = layout_damage(damage_document(make_uow(), DESK, number), profile.width_cols)
    texts = [
        p.text().strip()
        for p in printed_lines(read_escpos(render_receipt(damage, profile, open_drawer=False)))
    ]
    assert "用户责任损坏确认单" in texts and "损坏原因：用户堵塞放气阀" in texts
    assert any(t.startswith("确认单摘要：") for t in texts)
    assert f"24小时服务电话：{PHONE}" in texts
    assert not any("清单摘要" in t for t in texts)
    receipt = repair_receipt(make_uow(), DESK, receipt_no)
    stream = render_receipt(layout_repair_receipt(receipt, 32), profile, open_drawer=True)
    items = read_escpos(stream)
    assert names(items)[-2:] == ["GS V", "ESC p"]
    lines = [p.text().strip() for p in printed_lines(items)]
    assert "维修收费收据" in lines and f"收据号：{receipt_no}" in lines
    assert "壹佰伍拾壹元整" in lines and f"维修单号：{number}" in lines
    assert all(p.columns <= 32 for p in printed_lines(items))
