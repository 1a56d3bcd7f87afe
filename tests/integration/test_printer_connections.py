"""Printer URIs and connections: file and TCP for real, the rest as far as this machine allows."""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from cashier.printing.connections import (
    DEFAULT_BAUDRATE,
    PrinterError,
    PrinterUri,
    open_printer,
    parse_printer_uri,
)


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("usb:0416:5011", PrinterUri("usb", "0416:5011", vendor_id=0x0416, product_id=0x5011)),
        (
            "usb:0x04b8:0x0e15?out_ep=0x03",
            PrinterUri(
                "usb",
                "0x04b8:0x0e15",
                vendor_id=0x04B8,
                product_id=0x0E15,
                options={"out_ep": "0x03"},
            ),
        ),
        (
            "serial:/dev/ttyUSB0?baudrate=115200",
            PrinterUri("serial", "/dev/ttyUSB0", options={"baudrate": "115200"}),
        ),
        ("serial:COM3", PrinterUri("serial", "COM3")),
        ("tcp:192.168.1.50:9100", PrinterUri("tcp", "192.168.1.50", port=9100)),
        ("tcp:printer.local", PrinterUri("tcp", "printer.local", port=9100)),
        ("tcp:[fe80::1]:9101", PrinterUri("tcp", "fe80::1", port=9101)),
        ("win:收银打印机", PrinterUri("win", "收银打印机")),
        ("WIN:POS-80 Printer", PrinterUri("win", "POS-80 Printer")),
        ("file:/tmp/receipts.bin", PrinterUri("file", "/tmp/receipts.bin")),
        ("file:///tmp/receipts.bin", PrinterUri("file", "/tmp/receipts.bin")),
        ("file:C:\\收据\\out.bin", PrinterUri("file", "C:\\收据\\out.bin")),
    ],
)
def test_parse_printer_uri(uri: str, expected: PrinterUri) -> None:
    assert parse_printer_uri(uri) == expected


@pytest.mark.parametrize(
    "uri",
    [
        "",
        "/dev/usb/lp0",
        "lpt:1",
        "usb:",
        "usb:0416",
        "usb:zzzz:5011",
        "usb:0416:5011?baudrate=9600",
        "serial:/dev/ttyS0?baudrate=fast",
        "serial:/dev/ttyS0?baudrate=0",
        "serial:/dev/ttyS0?parity=E",
        "tcp:",
        "tcp:host:99999",
        "tcp:host:port",
        "win:",
        "file:",
    ],
)
def test_bad_uri_is_a_printer_error_in_chinese(uri: str) -> None:
    with pytest.raises(PrinterError) as caught:
        parse_printer_uri(uri)
    assert "打印机地址无效" in str(caught.value)
    assert "Invalid printer URI" in caught.value.english


def test_file_printer_appends(tmp_path: Path) -> None:
    path = tmp_path / "receipts.bin"
    path.write_bytes(b"old")
    with open_printer(f"file:{path}") as printer:
        printer.write(b"\x1b@")
        printer.write("张三\n".encode("gb18030"))
    second = open_printer(f"file:{path}")
    second.write(b"\x1dV\x42\x00")
    second.close()
    assert path.read_bytes() == b"old\x1b@" + "张三\n".encode("gb18030") + b"\x1dV\x42\x00"


def test_file_printer_in_missing_directory_fails_with_printer_error(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        open_printer(f"file:{tmp_path / 'missing' / 'out.bin'}")
    assert "无法写入打印文件" in str(caught.value)


def test_tcp_printer_sends_every_byte_to_the_server() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    received = bytearray()

    def serve() -> None:
        connection, _ = server.accept()
        with connection:
            while chunk := connection.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    payload = b"\x1b@\x1c&" + "人民币（大写）：".encode("gb18030") * 2000
    printer = open_printer(f"tcp:127.0.0.1:{port}")
    printer.write(payload)
    printer.close()
    thread.join(timeout=10)
    server.close()
    assert bytes(received) == payload


def test_tcp_printer_not_listening_says_it_is_not_connected() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    with pytest.raises(PrinterError) as caught:
        open_printer(f"tcp:127.0.0.1:{port}")
    assert "打印机未连接" in str(caught.value)
    assert f"127.0.0.1:{port}" in str(caught.value)


@pytest.mark.skipif(sys.platform == "win32", reason="the spooler exists on Windows")
def test_windows_spooler_elsewhere_is_a_clear_chinese_error() -> None:
    with pytest.raises(PrinterError) as caught:
        open_printer("win:收银打印机")
    assert "只能在 Windows 上使用" in str(caught.value)


@pytest.mark.skipif(importlib.util.find_spec("serial") is not None, reason="pyserial installed")
def test_serial_without_pyserial_names_the_missing_package() -> None:
    with pytest.raises(PrinterError) as caught:
        open_printer(f"serial:/dev/ttyUSB0?baudrate={DEFAULT_BAUDRATE}")
    assert "pyserial" in str(caught.value)


@pytest.mark.skipif(importlib.util.find_spec("usb") is not None, reason="pyusb installed")
def test_usb_without_pyusb_names_the_missing_package() -> None:
    with pytest.raises(PrinterError) as caught:
        open_printer("usb:0416:5011")
    assert "pyusb" in str(caught.value)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_serial_printer_receives_the_bytes_through_a_pseudo_terminal() -> None:
    pytest.importorskip("serial")
    master, slave = os.openpty()
    try:
        printer = open_printer(f"serial:{os.ttyname(slave)}?baudrate=9600")
        printer.write(b"\x1b@\x1c&")
        printer.close()
        assert os.read(master, 16) == b"\x1b@\x1c&"
    finally:
        os.close(master)
        os.close(slave)


def test_serial_port_that_does_not_exist_says_it_is_not_connected(tmp_path) -> None:
    pytest.importorskip("serial")
    with pytest.raises(PrinterError) as caught:
        open_printer(f"serial:{tmp_path / 'ttyUSB9'}")
    assert "打印机" in str(caught.value)
