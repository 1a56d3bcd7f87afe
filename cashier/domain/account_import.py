"""The accounts file (formats.md "Accounts import"): its columns, each row checked, duplicates.

:func:`parse_account_row` turns one row of text cells into a :class:`NewAccount` or records
why it cannot; :class:`DuplicateCheck` finds account numbers and addresses that occur twice
in a file; :func:`account_to_cells` writes an account back in the same columns, so an export
imports again unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from cashier.domain.accounts import BillingFacts
from cashier.domain.money import decimal_from_fen
from cashier.domain.registration import Address, Contract, NewAccount
from cashier.domain.table_rows import (
    CellError,
    CellProblem,
    Column,
    RowCells,
    choice_of,
    date_cell,
    decimal_of,
    text_of,
    yuan_cell,
)

ACCOUNT_COLUMNS = (
    Column("account_no", "户号", required=True),
    Column("name", "户名", required=True),
    Column("phone", "电话"),
    Column("estate", "小区", required=True),
    Column("building", "楼号", required=True),
    Column("unit", "单元"),
    Column("room", "室号", required=True),
    Column("category", "用户类别", required=True),
    Column("low_income", "低保"),
    Column("heated_area", "供热面积", required=True),
    Column("ceiling_height", "层高"),
    Column("billing", "计费方式"),
    Column("status", "状态"),
    Column("connected_on", "开通日期"),
    Column("opening_arrears", "往年欠费"),
    Column("contract_no", "合同编号"),
    Column("contract_start", "合同起始日"),
    Column("contract_end", "合同截止日"),
)
"""The columns of formats.md in order, then the contract columns this application adds."""

CATEGORY_WORDS = {"居民": "residential", "非居民": "non_residential"}
BILLING_WORDS = {"面积": "area", "计量": "metered"}
STATUS_WORDS = {"供热": "heating", "报停": "suspended"}
YES_NO_WORDS = {"是": True, "否": False}

_ACCOUNT_NO = re.compile(r"[A-Za-z0-9-]{1,32}")
_PHONE = re.compile(r"[0-9+-]{1,32}")
_MAX_AREA = Decimal("999999.99")
_MAX_HEIGHT = Decimal("99.99")


def _english(words: Mapping[str, object]) -> dict[str, object]:
    return dict(words) | {str(v): v for v in words.values() if isinstance(v, str)}


_CHECKS = {
    "name": text_of(100),
    "estate": text_of(100),
    "building": text_of(32),
    "unit": text_of(32),
    "room": text_of(32),
    "contract_no": text_of(64),
    "category": choice_of(_english(CATEGORY_WORDS), "居民/非居民"),
    "billing": choice_of(_english(BILLING_WORDS), "面积/计量"),
    "status": choice_of(_english(STATUS_WORDS), "供热/报停"),
    "low_income": choice_of(
        YES_NO_WORDS | {"yes": True, "no": False, "true": True, "false": False}, "是/否"
    ),
    "heated_area": decimal_of(2, positive=True, high=_MAX_AREA),
    "ceiling_height": decimal_of(2, positive=True, high=_MAX_HEIGHT),
    "connected_on": date_cell,
    "contract_start": date_cell,
    "contract_end": date_cell,
    "opening_arrears": yuan_cell,
}


def _account_no(text: str) -> str:
    if not _ACCOUNT_NO.fullmatch(text):
        raise CellProblem("应为1–32位字母、数字或“-”", "1-32 letters, digits or '-'")
    return text


def _phone(text: str) -> str:
    if not _PHONE.fullmatch(text):
        raise CellProblem("只能包含数字、“-”和“+”", "only digits, '-' and '+'")
    return text


_CHECKS |= {"account_no": _account_no, "phone": _phone}

_DEFAULTS = {
    "phone": "",
    "unit": "",
    "contract_no": "",
    "low_income": False,
    "billing": "area",
    "status": "heating",
    "opening_arrears": 0,
}


def parse_account_row(
    row: int, cells: Sequence[str], header: Mapping[str, int]
) -> tuple[NewAccount | None, list[CellError]]:
    """Check one data row (spreadsheet row number ``row``) of the accounts file.

    ``header`` comes from :func:`~cashier.domain.table_rows.map_header` with
    :data:`ACCOUNT_COLUMNS`. Returns the account, or None and every problem of the row.
    """
    reader = RowCells(row, cells, header, ACCOUNT_COLUMNS)
    values = {
        c.key: reader.get(c.key, _CHECKS[c.key], _DEFAULTS.get(c.key)) for c in ACCOUNT_COLUMNS
    }
    contract = Contract(values["contract_no"], values["contract_start"], values["contract_end"])
    if contract.start and contract.end and contract.end < contract.start:
        reader.error("contract_end", "早于合同起始日", "before the contract start")
    if reader.errors:
        return None, reader.errors
    return _account(values, contract), []


def _account(values: dict, contract: Contract) -> NewAccount:
    facts = BillingFacts(
        category=values["category"],
        low_income=values["low_income"],
        heated_area=values["heated_area"],
        ceiling_height=values["ceiling_height"],
        billing=values["billing"],
        status=values["status"],
        connected_on=values["connected_on"],
    )
    return NewAccount(
        account_no=values["account_no"],
        name=values["name"],
        phone=values["phone"],
        address=Address(values["estate"], values["building"], values["unit"], values["room"]),
        facts=facts,
        opening_arrears_fen=values["opening_arrears"],
        contract=contract,
    )


def check_account(account: NewAccount) -> list[CellError]:
    """Every problem an account typed in at the window would have as a row of the file."""
    cells = ["" if cell is None else str(cell) for cell in account_to_cells(account)]
    header = {column.key: index for index, column in enumerate(ACCOUNT_COLUMNS)}
    return parse_account_row(0, cells, header)[1]


def check_cell(key: str, text: str) -> str:
    """``text`` checked as a cell of column ``key`` (e.g. "phone"); raises CellProblem."""
    return _CHECKS[key](text) if text else text


def address_key(address: Address) -> tuple[str, str, str, str]:
    """The address as compared for duplicates: estate, building, unit, room."""
    return (address.estate, address.building, address.unit, address.room)


class DuplicateCheck:
    """Finds account numbers and addresses that occur twice among the rows of one file."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._addresses: dict[tuple[str, str, str, str], int] = {}

    def check(self, row: int, account: NewAccount) -> list[CellError]:
        """Errors for ``account`` (file row ``row``) repeating an earlier row; remembers it."""
        errors = []
        first = self._numbers.setdefault(account.account_no, row)
        if first != row:
            errors.append(duplicate_number(row, f"与第{first}行重复", f"same as row {first}"))
        first = self._addresses.setdefault(address_key(account.address), row)
        if first != row:
            errors.append(duplicate_address(row, account.address, f"第{first}行", f"row {first}"))
        return errors


def duplicate_number(row: int, zh: str, en: str) -> CellError:
    """An error on the 户号 cell of ``row`` saying the number is taken."""
    return CellError(row, "户号", "account_no", f"户号重复（{zh}）", f"duplicate ({en})")


def duplicate_address(row: int, address: Address, zh_where: str, en_where: str) -> CellError:
    """An error on the 室号 cell of ``row``: the address is already used at ``zh_where``."""
    return CellError(
        row,
        "室号",
        "room",
        f"地址重复：{address.display()}已在{zh_where}",
        f"duplicate address, already at {en_where}",
    )


# --- writing -----------------------------------------------------------------------------------

_CATEGORY_ZH = {v: k for k, v in CATEGORY_WORDS.items()}
_BILLING_ZH = {v: k for k, v in BILLING_WORDS.items()}
_STATUS_ZH = {v: k for k, v in STATUS_WORDS.items()}


def header_cells() -> list[str]:
    """The Chinese header row of the accounts file (template and export)."""
    return [column.zh for column in ACCOUNT_COLUMNS]


def account_to_cells(account: NewAccount) -> list[str | Decimal]:
    """An account as a row of the accounts file; numbers as Decimal, the rest as text.

    Importing the row gives back an equal :class:`NewAccount`.
    """
    facts, address, contract = account.facts, account.address, account.contract
    arrears = account.opening_arrears_fen
    return [
        account.account_no,
        account.name,
        account.phone,
        address.estate,
        address.building,
        address.unit,
        address.room,
        _CATEGORY_ZH[facts.category],
        "是" if facts.low_income else "否",
        facts.heated_area,
        facts.ceiling_height if facts.ceiling_height is not None else "",
        _BILLING_ZH[facts.billing],
        _STATUS_ZH[facts.status],
        facts.connected_on.isoformat() if facts.connected_on else "",
        decimal_from_fen(arrears) if arrears else "",
        contract.number,
        contract.start.isoformat() if contract.start else "",
        contract.end.isoformat() if contract.end else "",
    ]
