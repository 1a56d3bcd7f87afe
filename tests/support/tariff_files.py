"""Season/tariff files (formats.md TOML) with the published prices of heat-fees.md's examples."""

from __future__ import annotations

LANGFANG = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-12-31

[outage]
min_hours = 24

[tariff.residential]
area_price = 22.00
low_income_price = 15.50
suspended_ratio = 0.20
low_income_suspended_ratio = 0

[tariff.non_residential]
area_price = 38.00
suspended_ratio = 0.20
"""

SANHE = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-12-31

[tariff.residential]
area_price = 25.00
low_income_price = 17.00
suspended_ratio = 0.20
  [tariff.residential.metered]
  base_ratio = 0.30
  unit_price = 0.18
  unit = "kWh"
  settlement = "refund_and_topup"
"""

DINGZHOU = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-11-15

[late_fee]
daily_rate = 0.002

[[early_discount]]
from = 2025-10-11
to = 2025-10-31
rate = 0.005
channels = ["wechat", "alipay", "bank_transfer"]

[tariff.residential]
area_price = 19.00
suspended_ratio = 0.20
"""

TIANJIN = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-12-31

[late_fee]
daily_rate = 0.002
cap_ratio = 0.3

[temperature_refund]
standard_c = 18
bands = [ { upto = 2, ratio = 0.10 }, { upto = 6, ratio = 0.50 }, { ratio = 1.00 } ]

[tariff.residential]
area_price = 25.00
suspended_ratio = 0.20
"""

CHANGCHUN = """
[season]
code = "2025-2026"
start = 2025-11-15
end = 2026-03-15
due_date = 2025-12-31

[tariff.residential]
area_price = 27.00
suspended_ratio = 0.20

[tariff.non_residential]
area_price = 31.00
suspended_ratio = 0.20
  [tariff.non_residential.ceiling]
  threshold_m = 3.0
  step_m = 0.3
  step_rate = 0.05
  max_rate = 0.50
"""


def next_season(toml: str, *, price_from: str = "", price_to: str = "") -> str:
    """The same file one year later (code and dates), with one price text replaced."""
    shifted = (
        toml.replace('code = "2025-2026"', 'code = "2026-2027"')
        .replace("2026-03-15", "2027-03-15")
        .replace("2025-", "2026-")
    )
    if price_from:
        shifted = shifted.replace(price_from, price_to)
    return shifted
