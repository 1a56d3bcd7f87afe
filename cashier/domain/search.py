"""What an account search for a typed text looks for, and in which order (pure).

A cashier types (or a scanner types) an account number, a phone number, a name or part of an
address. The text is normalised (NFKC, so full-width digits become ASCII; spaces collapsed)
and turned into a :class:`SearchPlan`: an ordered list of tiers, each a way of matching:

1. ``account_no``: the account number starts with the text (the exact number sorts first);
2. ``phone``: the phone number starts with the text;
3. ``name``: the name starts with the text;
4. ``substring``: every term (words separated by spaces) occurs somewhere in the name, the
   address as printed (幸福小区3号楼2单元502), the phone or the account number.

The substring tier uses a trigram index when a term has at least :data:`MIN_TRIGRAM`
characters. Otherwise a two-character term with a non-ASCII character (a name like 张三 inside
a longer field) is looked up through the pieces the trigram index starts with it (SQLite) or a
two-character index (PostgreSQL); digits and letters that short match too much to be useful.
Other terms filter what the index found. A later tier leaves out what an earlier tier already
matched, so each account is listed once. When the text is exactly an account number or a phone
number on file (a scanned card, a number read out), the substring tier is left out: those
accounts are the answer, and a number inside other fields would only be noise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cashier.domain.registration import Address

MIN_TRIGRAM = 3
"""Shortest term the trigram indexes (SQLite FTS5 trigram, PostgreSQL pg_trgm) can find."""

MIN_SHORT = 2
"""Shortest term the substring fallback looks for; one character matches too much."""

MAX_QUERY = 64
"""Longer input is cut: nothing searchable is that long."""

ACCOUNT_NO, PHONE, NAME, SUBSTRING = "account_no", "phone", "name", "substring"
TIERS = (ACCOUNT_NO, PHONE, NAME, SUBSTRING)

_ACCOUNT_NO = re.compile(r"[A-Za-z0-9\-]{1,32}")
_PHONE = re.compile(r"[0-9+\-]{1,32}")
_SPACES = re.compile(r"\s+")
_MAX_CHAR = 0x10FFFF
_SURROGATES = range(0xD800, 0xE000)


@dataclass(frozen=True)
class SearchPlan:
    """How to search for ``text`` (normalised).

    ``tiers`` are the ways of matching, in the order results are listed. ``terms`` are the
    space-separated words of ``text``; ``trigram`` is True when the substring tier can use the
    trigram index (some term has at least MIN_TRIGRAM characters), False when it goes through
    ``short_term`` instead.
    """

    text: str
    terms: tuple[str, ...]
    tiers: tuple[str, ...]
    trigram: bool

    @property
    def long_terms(self) -> tuple[str, ...]:
        """Terms the trigram index can look up."""
        return tuple(t for t in self.terms if len(t) >= MIN_TRIGRAM)

    @property
    def short_terms(self) -> tuple[str, ...]:
        """Terms the trigram index cannot look up; they filter what it found."""
        return tuple(t for t in self.terms if len(t) < MIN_TRIGRAM)

    @property
    def short_term(self) -> str | None:
        """The two-character term that drives a search without trigram terms, if any."""
        return _short_term(self.terms)


@dataclass(frozen=True)
class AccountHit:
    """One account found by a search: enough to list it and open it."""

    id: int
    account_no: str
    name: str
    phone: str
    address: Address


@dataclass(frozen=True)
class SearchCursor:
    """Where the next page of a search continues: in ``tier``, after ``last`` (None: start).

    ``exact`` records that an earlier page listed an exact account-number or phone match.
    """

    tier: str
    last: AccountHit | None
    exact: bool = False


def is_exact(plan: SearchPlan, tier: str, hit: AccountHit) -> bool:
    """True when ``hit`` matched ``tier`` with the whole text: an exact number or phone."""
    return tier in (ACCOUNT_NO, PHONE) and getattr(hit, tier) == plan.text


@dataclass(frozen=True)
class SearchPage:
    """One page of results; ``next`` is None when there is nothing more."""

    hits: tuple[AccountHit, ...]
    next: SearchCursor | None


def normalize_query(text: str) -> str:
    """``text`` in NFKC (full-width digits and letters as ASCII), trimmed, single-spaced."""
    folded = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", folded).strip()[:MAX_QUERY].strip()


def plan_search(text: str) -> SearchPlan | None:
    """The plan for what a user typed, or None when there is nothing to search for."""
    query = normalize_query(text)
    if not query:
        return None
    terms = tuple(query.split(" "))
    tiers = _prefix_tiers(query) if len(terms) == 1 else []
    trigram = max(len(t) for t in terms) >= MIN_TRIGRAM
    if trigram or _short_term(terms) is not None:
        tiers.append(SUBSTRING)
    if not tiers:
        return None
    return SearchPlan(query, terms, tuple(tiers), trigram)


def _short_term(terms: tuple[str, ...]) -> str | None:
    return next((t for t in terms if len(t) == MIN_SHORT and not t.isascii()), None)


def _prefix_tiers(query: str) -> list[str]:
    tiers = []
    if _ACCOUNT_NO.fullmatch(query):
        tiers.append(ACCOUNT_NO)
    if _PHONE.fullmatch(query):
        tiers.append(PHONE)
    tiers.append(NAME)
    return tiers


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``.

    Compared by code point (SQLite BINARY, PostgreSQL COLLATE "C"), ``value >= prefix and
    value < prefix_upper_bound(prefix)`` is exactly ``value.startswith(prefix)``, so a prefix
    search can walk an ordinary index. Raises ValueError for an empty prefix.
    """
    if not prefix:
        raise ValueError("empty prefix")
    head = prefix.rstrip(chr(_MAX_CHAR))
    if not head:
        return prefix + chr(_MAX_CHAR)
    code = ord(head[-1]) + 1
    if code in _SURROGATES:
        code = _SURROGATES.stop
    return head[:-1] + chr(code)


def fts_phrase(term: str) -> str:
    """``term`` as an FTS5 string literal (double quotes doubled), matched as a phrase."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str, escape: str = "\\") -> str:
    """A LIKE pattern matching ``term`` anywhere, with ``%``, ``_`` and ``escape`` escaped."""
    escaped = (
        term.replace(escape, escape + escape).replace("%", escape + "%").replace("_", escape + "_")
    )
    return f"%{escaped}%"
