"""Reading and freezing season/tariff files (formats.md, "Season and tariff file (TOML)")."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from cashier.domain.errors import UserError
from cashier.domain.tariffs import (
    TariffError,
    TemperatureBand,
    TemperatureRefundRule,
    parse_tariff_toml,
    tariff_from_dict,
    tariff_to_dict,
)

EXAMPLE_FILE = Path(__file__).parents[2] / "resources" / "tariffs" / "example-2025-2026.toml"

# The example of formats.md, verbatim.
FORMATS_EXAMPLE = """\
[season]
code = "2025-2026"
start = 2025-11-15          # first heating day
end = 2026-03-15            # last heating day
days = 121                  # optional; defaults to end - start + 1
due_date = 2025-12-31

[late_fee]
daily_rate = 0.002
cap_ratio = 1.0             # optional: the late fee never exceeds principal x cap_ratio

[[early_discount]]          # zero or more windows
from = 2025-10-11
to = 2025-10-31
rate = 0.005
channels = ["wechat", "alipay", "bank_transfer"]

[temperature_refund]
standard_c = 18
bands = [ { below = 2, ratio = 0.40 }, { below = 4, ratio = 0.60 }, { ratio = 1.00 } ]

[outage]
min_hours = 24

[tariff.residential]
area_price = 22.00
low_income_price = 15.50    # optional
suspended_ratio = 0.20
low_income_suspended_ratio = 0
  [tariff.residential.metered]
  base_ratio = 0.30
  unit_price = 0.18
  unit = "kWh"              # or "GJ"
  settlement = "refund_and_topup"   # or "refund_only"

[tariff.non_residential]
area_price = 38.00
suspended_ratio = 0.20
  [tariff.non_residential.ceiling]
  threshold_m = 3.0
  step_m = 0.3
  step_rate = 0.05
  max_rate = 0.50
"""


def test_formats_example_parses_exactly():
    t = parse_tariff_toml(FORMATS_EXAMPLE)
    assert (t.season.code, t.season.start, t.season.end) == (
        "2025-2026",
        date(2025, 11, 15),
        date(2026, 3, 15),
    )
    assert (t.season.days, t.season.due_date) == (121, date(2025, 12, 31))
    assert t.late_fee.daily_rate == D("0.002") and t.late_fee.cap_ratio == D(1)
    [window] = t.discounts
    assert (window.from_, window.to) == (date(2025, 10, 11), date(2025, 10, 31))
    assert window.rate == D("0.005")
    assert window.channels == ("wechat", "alipay", "bank_transfer")
    assert [b.below for b in t.temperature_refund.bands] == [D(2), D(4), None]
    assert t.outage.min_hours == 24
    res, non = t.tariffs["residential"], t.tariffs["non_residential"]
    assert (res.area_price, res.low_income_price, res.low_income_suspended_ratio) == (
        D("22.00"),
        D("15.50"),
        D(0),
    )
    assert res.metered.unit_price == D("0.18") and res.metered.settlement == "refund_and_topup"
    assert non.ceiling.step_m == D("0.3") and non.low_income_price is None
    assert str(res.area_price) == "22.00"


def test_resource_example_file_is_the_formats_example():
    assert parse_tariff_toml(EXAMPLE_FILE.read_text("utf-8")) == parse_tariff_toml(FORMATS_EXAMPLE)


def test_strings_and_integers_are_numbers_and_days_default():
    text = (
        FORMATS_EXAMPLE.replace("area_price = 22.00", 'area_price = "22.10"')
        .replace("area_price = 38.00", "area_price = 38")
        .replace("days = 121 ", "")
    )
    t = parse_tariff_toml(text)
    assert t.tariffs["residential"].area_price == D("22.10")
    assert t.tariffs["non_residential"].area_price == D(38)
    assert t.season.days == 121


def test_dict_round_trip_is_json_safe_and_exact():
    t = parse_tariff_toml(FORMATS_EXAMPLE)
    frozen = json.loads(json.dumps(tariff_to_dict(t)))
    assert frozen["tariff"]["residential"]["area_price"] == "22.00"
    assert tariff_from_dict(frozen) == t


def _error(text: str) -> str:
    with pytest.raises(TariffError) as caught:
        parse_tariff_toml(text)
    assert isinstance(caught.value, UserError)
    return str(caught.value)


def test_missing_key_is_named_by_its_path():
    text = FORMATS_EXAMPLE.replace("area_price = 22.00\n", "")
    assert _error(text) == "tariff.residential.area_price: 缺少必填项 (missing)"


def test_unknown_key_is_refused_with_its_path():
    text = FORMATS_EXAMPLE.replace("  max_rate = 0.50", "  max_rate = 0.50\n  colour = 1")
    assert _error(text) == "tariff.non_residential.ceiling.colour: 未知的键 (unknown key)"


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("area_price = 22.00", 'area_price = "abc"', "tariff.residential.area_price: 应为数字"),
        ("area_price = 22.00", "area_price = true", "tariff.residential.area_price: 应为数字"),
        ("start = 2025-11-15", 'start = "15.11.2025"', "season.start: 应为日期"),
        ("start = 2025-11-15", "start = 2025-11-15T08:00:00", "season.start: 应为日期"),
        ("end = 2026-03-15", "end = 2025-11-01", "season.end: 结束日早于开始日"),
        ("days = 121", "days = 0", "season.days: 天数必须大于0"),
        ("days = 121", "days = 12.5", "season.days: 应为整数"),
        ('"bank_transfer"]', '"paypal"]', "early_discount[0].channels: 取值无效"),
        ("to = 2025-10-31", "to = 2025-10-01", "early_discount[0].to: 结束日早于开始日"),
        ("{ ratio = 1.00 } ]", "{ below = 9, ratio = 1.00 } ]", "temperature_refund.bands:"),
        ("{ below = 4, ratio", "{ below = 4, upto = 5, ratio", "temperature_refund.bands[1].upto"),
        ("0.20\nlow_i", "1.5\nlow_i", "tariff.residential.suspended_ratio: 不能大于1"),
        ('"refund_and_topup"', '"maybe"', "tariff.residential.metered.settlement: 取值无效"),
        ("step_m = 0.3", "step_m = 0", "tariff.non_residential.ceiling.step_m: 必须大于0"),
        ("[tariff.non_residential]\n", "[tariff.industrial]\n", "tariff.industrial: 未知的键"),
        ('code = "2025-2026"', 'code = "opening"', "season.code:"),
        ("daily_rate = 0.002", "daily_rate = -0.002", "late_fee.daily_rate: 不能小于0"),
    ],
)
def test_bad_values_name_their_path(old, new, path):
    assert old in FORMATS_EXAMPLE
    assert path in _error(FORMATS_EXAMPLE.replace(old, new, 1))


def test_toml_syntax_error_is_a_tariff_error():
    assert "TOML" in _error("[season\ncode = 1")


def test_missing_section_is_named():
    text = FORMATS_EXAMPLE.split("[late_fee]")[0].replace("[season]", "[seasons]")
    assert _error(text).startswith("season: 缺少必填项")


def test_optional_sections_may_be_left_out():
    text = FORMATS_EXAMPLE.split("[late_fee]")[0] + "[tariff.residential]\narea_price = 20\n"
    t = parse_tariff_toml(text + "suspended_ratio = 0.3\n")
    assert (t.late_fee, t.discounts, t.temperature_refund, t.outage) == (None, (), None, None)
    assert t.tariffs["residential"].low_income_suspended_ratio == D("0.3")


def test_band_bounds_below_is_strict_and_upto_inclusive():
    tianjin = TemperatureRefundRule(
        D(18),
        (
            TemperatureBand(D("0.10"), upto=D(2)),
            TemperatureBand(D("0.50"), upto=D(6)),
            TemperatureBand(D("1.00")),
        ),
    )
    ratios = [tianjin.ratio_for(D(x)) for x in ("0", "2", "2.1", "6", "6.5")]
    assert ratios == [D(0), D("0.10"), D("0.50"), D("0.50"), D("1.00")]
    beijing = parse_tariff_toml(FORMATS_EXAMPLE).temperature_refund
    assert [beijing.ratio_for(D(x)) for x in ("1.9", "2", "4")] == [D("0.40"), D("0.60"), D("1.00")]
