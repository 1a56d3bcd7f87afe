"""Fictional households for the demo database: reproducible from a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal

from cashier.domain.accounts import BillingFacts
from cashier.domain.registration import Address, NewAccount

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余于杜叶"
GIVEN = "甲乙丙丁戊己庚辛壬癸"
"""Placeholder given names (张甲, 李乙丙, like 某甲 in a legal text): no demo household
bears a name a real person is likely to have."""
ESTATES = ["幸福小区", "和平家园", "阳光花园", "春晖苑", "锦绣华庭", "东湖新村", "翠园", "康乐里"]
SHOPS = ["便利店", "理发店", "药店", "面馆", "五金店", "洗衣店"]


def demo_accounts(count: int, seed: int = 2025) -> Iterator[NewAccount]:
    """`count` fictional accounts: mostly residential, some low-income, shops, suspended."""
    rng = random.Random(seed)
    for index in range(count):
        yield _account(rng, index)


def _account(rng: random.Random, index: int) -> NewAccount:
    estate_no = index % len(ESTATES)
    building = 1 + (index // 288) % 30
    unit = 1 + (index // 72) % 4
    room = f"{1 + (index // 4) % 18}{(index % 4) + 1:02d}"
    shop = rng.random() < 0.04
    name = _shop_name(rng) if shop else _person_name(rng)
    area = Decimal(rng.randint(4500, 15000)) / 100
    facts = BillingFacts(
        category="non_residential" if shop else "residential",
        low_income=not shop and rng.random() < 0.05,
        heated_area=area,
        ceiling_height=Decimal("3.60") if shop else None,
        billing="metered" if not shop and rng.random() < 0.03 else "area",
        status="suspended" if rng.random() < 0.03 else "heating",
    )
    arrears = rng.choice([0] * 19 + [rng.randint(100, 300000)])
    return NewAccount(
        account_no=f"HP-{estate_no + 1:02d}{index:06d}",
        name=name,
        phone=f"139{rng.randint(0, 99):02d}00{rng.randint(0, 9999):04d}",
        address=Address(ESTATES[estate_no], str(building), str(unit), room),
        facts=facts,
        opening_arrears_fen=arrears,
    )


def _person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
    return rng.choice(SURNAMES) + given


def _shop_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)}记{rng.choice(SHOPS)}"
