"""`cashier verify [--anchors FILE]`: recompute every chain; exit 1 naming the first bad record."""

from __future__ import annotations

import argparse
from pathlib import Path

from cashier.commands.common import connect
from cashier.commands.reconciliation import anchor_signature_line
from cashier.domain.chain import CheckResult, parse_anchors
from cashier.domain.errors import UserError
from cashier.services.verify import verify_books
from cashier.store.uow import uow_factory


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `verify` command."""
    verify = commands.add_parser(
        "verify",
        help="recompute every journal and audit hash chain and numbering; exit 1 and name "
        "the first bad record",
    )
    verify.add_argument(
        "--anchors",
        metavar="FILE",
        type=Path,
        help='anchors file exported at shift and day closes (JSON {"anchors": [{"chain", '
        '"seq", "hash"}]}): also catches a rewritten or cut-short history',
    )
    verify.add_argument(
        "--public-key",
        metavar="HEX|FILE",
        help="the Ed25519 public key (hex, or a .pub file) a signed anchors file must be "
        "signed with (default: the key registered by `cashier keys generate`)",
    )
    verify.set_defaults(handler=_verify)


def read_anchors(path: Path | None):
    """The anchors in `path` (none without a path); raises UserError for a bad file."""
    if path is None:
        return []
    try:
        return parse_anchors(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(f"无法读取锚点文件 {path}：{exc}", str(exc)) from exc
    except ValueError as exc:
        raise UserError(f"锚点文件 {path} 格式错误：{exc}", f"bad anchors file: {exc}") from exc


def print_results(results: list[CheckResult]) -> bool:
    """Print one line per chain; True when every chain is intact."""
    for result in results:
        if result.ok:
            print(f"{result.name}：{result.records} 条记录，完好 / {result.chain}: intact")
        else:
            print(f"{result.name}：{result.problem}\n  ({result.english})")
    return all(result.ok for result in results)


def _verify(args: argparse.Namespace) -> int:
    anchors = read_anchors(args.anchors)
    wiring = connect(args)
    if args.anchors is not None:
        print(anchor_signature_line(args.anchors, wiring, args.public_key))
    results = verify_books(uow_factory(wiring.engine, read_only=True), wiring.actor, anchors)
    if print_results(results):
        print("校验通过 / verified")
        return 0
    print("校验未通过 / verification FAILED")
    return 1
