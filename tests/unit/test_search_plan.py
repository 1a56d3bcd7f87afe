"""Planning an account search from typed text (pure domain)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cashier.domain.search import (
    ACCOUNT_NO,
    NAME,
    PHONE,
    SUBSTRING,
    fts_phrase,
    like_pattern,
    normalize_query,
    plan_search,
    prefix_upper_bound,
)


def test_full_width_digits_and_spaces_are_normalised():
    assert normalize_query("  ＨＰ－０１２３\u3000 幸福  ") == "HP-0123 幸福"


@pytest.mark.parametrize(
    ("text", "tiers", "trigram"),
    [
        ("HP-01000123", (ACCOUNT_NO, NAME, SUBSTRING), True),
        ("13900001234", (ACCOUNT_NO, PHONE, NAME, SUBSTRING), True),
        ("+86-139", (PHONE, NAME, SUBSTRING), True),
        ("13", (ACCOUNT_NO, PHONE, NAME), False),
        ("张", (NAME,), False),
        ("张三", (NAME, SUBSTRING), False),
        ("张三丰", (NAME, SUBSTRING), True),
        ("幸福小区 502", (SUBSTRING,), True),
        ("幸福 3", (SUBSTRING,), False),
        ("ab 幸", (), False),
    ],
)
def test_plan_tiers(text, tiers, trigram):
    plan = plan_search(text)
    if not tiers:
        assert plan is None
        return
    assert plan.tiers == tiers
    assert plan.trigram is trigram


@pytest.mark.parametrize("text", ["", "   ", "3 5", "a b"])
def test_nothing_to_search(text):
    assert plan_search(text) is None


def test_terms_split_into_trigram_and_filter_terms():
    plan = plan_search("幸福小区 3 502")
    assert plan.long_terms == ("幸福小区", "502")
    assert plan.short_terms == ("3",)


def test_the_two_character_term_with_chinese_drives_a_short_search():
    assert plan_search("3 幸福 ab").short_term == "幸福"
    assert plan_search("张三丰 幸福").short_term == "幸福"
    assert plan_search("abc 12").short_term is None


def test_very_long_input_is_cut():
    assert len(plan_search("张" * 500).text) == 64


@given(st.text(min_size=1, max_size=6), st.text(max_size=8))
def test_prefix_upper_bound_brackets_exactly_the_strings_with_the_prefix(prefix, rest):
    upper = prefix_upper_bound(prefix)
    assert prefix <= prefix + rest < upper
    upper.encode("utf-8")


@given(st.text(min_size=1, max_size=6), st.text(max_size=8))
def test_prefix_upper_bound_excludes_other_strings(prefix, other):
    if not other.startswith(prefix):
        assert not (prefix <= other < prefix_upper_bound(prefix))


def test_prefix_upper_bound_skips_surrogates_and_the_last_code_point():
    assert prefix_upper_bound("a\ud7ff") == "a\ue000"
    assert prefix_upper_bound("a\U0010ffff") == "b"
    with pytest.raises(ValueError):
        prefix_upper_bound("")


def test_fts_phrase_and_like_pattern_escape_their_syntax():
    assert fts_phrase('张"三') == '"张""三"'
    assert like_pattern("5%_\\x") == "%5\\%\\_\\\\x%"
