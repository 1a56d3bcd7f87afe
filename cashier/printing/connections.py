"""Connections to receipt printers, opened from a printer URI in the counter's settings.

- `usb:0416:5011`: USB by hex vendor and product id (python-escpos with pyusb); options
  `?out_ep=0x03&in_ep=0x81` for printers with other endpoints.
- `serial:/dev/ttyUSB0?baudrate=9600`, `serial:COM3`: a serial port, or a Bluetooth printer
  paired as a serial port (pyserial); 9600 baud unless given.
- `tcp:192.168.1.50:9100`, `tcp:[fe80::1]:9100`, `tcp:printer`: a network printer (port 9100
  unless given).
- `win:收银打印机`: a printer of the Windows spooler, sent as a RAW document (pywin32).
- `file:/path/to/receipts.bin`: appends the bytes to a file (tests, "print to file").

Every connection has `write(data: bytes)` and `close()` and is a context manager. Anything
that goes wrong raises `PrinterError`, whose message tells the cashier what to check.
"""

from __future__ import annotations

import re
import socket
import sys
from dataclasses import dataclass, field
from typing import IO, Any, Protocol
from urllib.parse import parse_qsl

from cashier.domain.errors import UserError

DEFAULT_TCP_PORT = 9100
DEFAULT_BAUDRATE = 9600
TIMEOUT_SECONDS = 10.0
SCHEMES = ("usb", "serial", "tcp", "win", "file")
_OPTIONS = {"usb": {"in_ep", "out_ep"}, "serial": {"baudrate"}}
_TCP = re.compile(r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<host>[^:\[\]/]+))(?::(?P<port>\d{1,5}))?")
_USB = re.compile(r"(?:0x)?(?P<vid>[0-9A-Fa-f]{1,4}):(?:0x)?(?P<pid>[0-9A-Fa-f]{1,4})")


class PrinterError(UserError):
    """The printer cannot be reached or refused the data; the message says what to check."""


class PrinterConnection(Protocol):
    """An open printer: send raw ESC/POS bytes, then close."""

    def write(self, data: bytes) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class PrinterUri:
    """A parsed printer URI: `scheme`, the `target` (device, host, printer name or path),
    the TCP `port`, USB ids, and query options such as the serial `baudrate`."""

    scheme: str
    target: str
    port: int | None = None
    vendor_id: int | None = None
    product_id: int | None = None
    options: dict[str, str] = field(default_factory=dict)


def parse_printer_uri(uri: str) -> PrinterUri:
    """Parse a printer URI of the forms in the module docstring.

    Raises:
        PrinterError: unknown scheme, or a target or option that does not fit it.
    """
    scheme, colon, rest = uri.strip().partition(":")
    scheme = scheme.lower()
    if not colon or scheme not in SCHEMES or not rest:
        raise _bad_uri(uri, "格式应为 usb:、serial:、tcp:、win: 或 file: 开头")
    if scheme in ("win", "file"):
        return _parse_win_or_file(scheme, rest, uri)
    target, _, query = rest.partition("?")
    options = dict(parse_qsl(query, keep_blank_values=True))
    unknown = set(options) - _OPTIONS.get(scheme, set())
    if unknown:
        raise _bad_uri(uri, f"不支持的参数 {'、'.join(sorted(unknown))}")
    if scheme == "usb":
        return _parse_usb(target, options, uri)
    if scheme == "tcp":
        return _parse_tcp(target, uri)
    _int_option(options, "baudrate", uri)
    return PrinterUri("serial", target, options=options)


def open_printer(uri: str) -> PrinterConnection:
    """Open the printer named by `uri` (see the module docstring) for writing.

    Raises:
        PrinterError: bad URI, missing driver library, or the printer cannot be reached.
    """
    parsed = parse_printer_uri(uri)
    opener = {
        "file": FileConnection.open,
        "tcp": TcpConnection.open,
        "serial": SerialConnection.open,
        "usb": UsbConnection.open,
        "win": WindowsConnection.open,
    }[parsed.scheme]
    return opener(parsed)


class _Closing:
    """Context-manager support for connections."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> _Closing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FileConnection(_Closing):
    """Appends the bytes to a file."""

    def __init__(self, stream: IO[bytes], path: str) -> None:
        self._stream, self.path = stream, path

    @classmethod
    def open(cls, uri: PrinterUri) -> FileConnection:
        try:
            return cls(open(uri.target, "ab"), uri.target)
        except OSError as error:
            raise _offline(
                f"无法写入打印文件 {uri.target}", "cannot open print file", error
            ) from error

    def write(self, data: bytes) -> None:
        try:
            self._stream.write(data)
            self._stream.flush()
        except (OSError, ValueError) as error:
            raise _offline(
                f"无法写入打印文件 {self.path}", "cannot write print file", error
            ) from error

    def close(self) -> None:
        self._stream.close()


class TcpConnection(_Closing):
    """A network printer listening for raw data (usually port 9100)."""

    def __init__(self, sock: socket.socket, address: str) -> None:
        self._socket, self.address = sock, address

    @classmethod
    def open(cls, uri: PrinterUri) -> TcpConnection:
        address = f"{uri.target}:{uri.port}"
        try:
            sock = socket.create_connection((uri.target, uri.port), timeout=TIMEOUT_SECONDS)
        except OSError as error:
            raise _offline(
                f"打印机未连接：无法连接网络打印机 {address}", f"cannot connect to {address}", error
            ) from error
        return cls(sock, address)

    def write(self, data: bytes) -> None:
        try:
            self._socket.sendall(data)
        except OSError as error:
            raise _offline(
                f"打印机未连接：发送到网络打印机 {self.address} 失败",
                f"cannot send to {self.address}",
                error,
            ) from error

    def close(self) -> None:
        self._socket.close()


class SerialConnection(_Closing):
    """A serial port; Bluetooth printers paired as a serial port (SPP) appear as one too."""

    def __init__(self, port: Any, device: str) -> None:
        self._port, self.device = port, device

    @classmethod
    def open(cls, uri: PrinterUri) -> SerialConnection:
        try:
            import serial  # pyserial, optional
        except ImportError as error:
            raise _missing("串口", "pyserial") from error
        baudrate = int(uri.options.get("baudrate", DEFAULT_BAUDRATE))
        try:
            port = serial.Serial(
                uri.target, baudrate, timeout=TIMEOUT_SECONDS, write_timeout=TIMEOUT_SECONDS
            )
        except (OSError, serial.SerialException) as error:
            raise _offline(
                f"打印机未连接：无法打开串口 {uri.target}", f"cannot open {uri.target}", error
            ) from error
        return cls(port, uri.target)

    def write(self, data: bytes) -> None:
        try:
            self._port.write(data)
            self._port.flush()
        except Exception as error:  # pyserial raises SerialException or SerialTimeoutException
            raise _offline(
                f"打印机未连接：写入串口 {self.device} 失败", f"cannot write {self.device}", error
            ) from error

    def close(self) -> None:
        self._port.close()


class UsbConnection(_Closing):
    """A USB printer addressed by vendor and product id (python-escpos `Usb`, pyusb)."""

    def __init__(self, printer: Any, label: str) -> None:
        self._printer, self.label = printer, label

    @classmethod
    def open(cls, uri: PrinterUri) -> UsbConnection:
        from escpos.printer import Usb

        if not Usb.is_usable():
            raise _missing("USB", "pyusb")
        label = f"{uri.vendor_id:04x}:{uri.product_id:04x}"
        endpoints = {key: int(value, 0) for key, value in uri.options.items()}
        timeout_ms = int(TIMEOUT_SECONDS * 1000)
        printer = Usb(uri.vendor_id, uri.product_id, timeout=timeout_ms, **endpoints)
        try:
            printer.open()
        except Exception as error:  # python-escpos raises DeviceNotFoundError, pyusb USBError
            raise _offline(
                f"打印机未连接：找不到 USB 打印机 {label}", f"USB printer {label} not found", error
            ) from error
        return cls(printer, label)

    def write(self, data: bytes) -> None:
        try:
            self._printer._raw(data)
        except Exception as error:  # pyusb raises USBError or USBTimeoutError
            raise _offline(
                f"打印机未连接：写入 USB 打印机 {self.label} 失败",
                f"cannot write to USB printer {self.label}",
                error,
            ) from error

    def close(self) -> None:
        device = getattr(self._printer, "device", None)
        if device is not None:
            import usb.util

            usb.util.dispose_resources(device)


class WindowsConnection(_Closing):
    """A printer of the Windows spooler; the bytes go through as one RAW document."""

    def __init__(self, handle: Any, name: str) -> None:
        self._handle, self.name = handle, name

    @classmethod
    def open(cls, uri: PrinterUri) -> WindowsConnection:
        if sys.platform != "win32":
            raise PrinterError(
                f"系统打印机（win:{uri.target}）只能在 Windows 上使用，"
                "请改用 usb:、serial: 或 tcp:",
                f"Spooler printers (win:) work on Windows only: {uri.target}",
            )
        try:
            import win32print
        except ImportError as error:
            raise _missing("Windows 打印", "pywin32") from error
        try:
            handle = win32print.OpenPrinter(uri.target)
            win32print.StartDocPrinter(handle, 1, ("收据", None, "RAW"))
            win32print.StartPagePrinter(handle)
        except Exception as error:  # pywintypes.error
            raise _offline(
                f"打印机未连接：无法打开打印机 {uri.target}", f"cannot open {uri.target}", error
            ) from error
        return cls(handle, uri.target)

    def write(self, data: bytes) -> None:
        import win32print

        try:
            win32print.WritePrinter(self._handle, data)
        except Exception as error:  # pywintypes.error
            raise _offline(
                f"打印机未连接：发送到打印机 {self.name} 失败", f"cannot send to {self.name}", error
            ) from error

    def close(self) -> None:
        import win32print

        try:
            win32print.EndPagePrinter(self._handle)
            win32print.EndDocPrinter(self._handle)
        finally:
            win32print.ClosePrinter(self._handle)


def _parse_win_or_file(scheme: str, rest: str, uri: str) -> PrinterUri:
    if scheme == "file" and rest.startswith("//"):
        rest = rest[2:]
    if not rest.strip():
        raise _bad_uri(uri, "缺少打印机名称或文件路径")
    return PrinterUri(scheme, rest)


def _parse_usb(target: str, options: dict[str, str], uri: str) -> PrinterUri:
    match = _USB.fullmatch(target)
    if match is None:
        raise _bad_uri(uri, "USB 打印机应写作 usb:厂商ID:产品ID（十六进制，如 usb:0416:5011）")
    for key in options:
        _int_option(options, key, uri, base=0)
    vid, pid = int(match["vid"], 16), int(match["pid"], 16)
    return PrinterUri("usb", target, vendor_id=vid, product_id=pid, options=options)


def _parse_tcp(target: str, uri: str) -> PrinterUri:
    match = _TCP.fullmatch(target)
    port = int(match["port"]) if match and match["port"] else DEFAULT_TCP_PORT
    if match is None or not 0 < port < 65536:
        raise _bad_uri(uri, "网络打印机应写作 tcp:地址:端口（如 tcp:192.168.1.50:9100）")
    return PrinterUri("tcp", match["ipv6"] or match["host"], port=port)


def _int_option(options: dict[str, str], key: str, uri: str, base: int = 10) -> None:
    if key not in options:
        return
    try:
        value = int(options[key], base)
    except ValueError:
        value = 0
    if value <= 0:
        raise _bad_uri(uri, f"参数 {key} 应为正整数")


def _bad_uri(uri: str, hint: str) -> PrinterError:
    return PrinterError(f"打印机地址无效：{uri}（{hint}）", f"Invalid printer URI: {uri}")


def _missing(what: str, package: str) -> PrinterError:
    return PrinterError(
        f"未安装{what}打印支持（{package}），请联系管理员", f"{package} is not installed"
    )


def _offline(chinese: str, english: str, error: BaseException) -> PrinterError:
    return PrinterError(
        f"{chinese}。请检查打印机电源、连接线和纸张。（{error}）", f"Printer: {english}: {error}"
    )
