"""Ed25519 keys for the day close's anchors: generate, load, sign, check.

The private key is a PEM file (PKCS#8) kept outside the database, by the accountant or the
administrator; its path is a CLI option or the `signing_key` setting of the client. The
public key (64 hex digits) is registered in the company settings (`anchor_public_key`) when
the key is generated, so `cashier verify --anchors` can tell a file signed with the
company's key from one signed with any other key.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from cashier.domain.actor import Actor
from cashier.domain.day_close import SignedAnchors, parse_signed_anchors
from cashier.domain.errors import UserError
from cashier.services import audit
from cashier.services.permissions import require
from cashier.services.ports import UnitOfWork

PUBLIC_KEY_SETTING = "anchor_public_key"
"""Company setting: the registered Ed25519 public key (hex) that signs day-close anchors."""


class SigningKeyError(UserError):
    """A key file that cannot be written or read as an Ed25519 private key."""


class AnchorSignatureError(UserError):
    """A signed anchors file whose signature does not hold, or that another key signed."""


@dataclass(frozen=True)
class Ed25519Signer:
    """Signs with an Ed25519 private key; `public_key` is the raw public key in hex."""

    key: Ed25519PrivateKey

    @property
    def public_key(self) -> str:
        """The raw public key, 64 hex digits."""
        raw = self.key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return raw.hex()

    def sign(self, message: bytes) -> str:
        """The signature of `message`, 128 hex digits."""
        return self.key.sign(message).hex()


def fingerprint(public_key: str) -> str:
    """A short name of a public key for people to compare: 16 hex digits of its SHA-256."""
    return hashlib.sha256(bytes.fromhex(public_key)).hexdigest()[:16]


def generate_key(path: Path) -> Ed25519Signer:
    """Write a new private key to `path` (PEM, readable by its owner only) and its public
    key to `path` + ".pub". Refuses to overwrite a file (SigningKeyError)."""
    if path.exists():
        raise SigningKeyError(
            f"密钥文件已存在：{path}（不会覆盖）。", f"key file exists: {path} (not overwritten)"
        )
    signer = Ed25519Signer(Ed25519PrivateKey.generate())
    pem = signer.key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
        Path(f"{path}.pub").write_text(signer.public_key + "\n", encoding="ascii")
    except OSError as error:
        raise SigningKeyError(f"无法写入密钥文件 {path}：{error}", str(error)) from error
    return signer


def load_signer(path: Path) -> Ed25519Signer:
    """The signer of the private key in `path`. Raises SigningKeyError."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as error:
        raise SigningKeyError(f"无法读取密钥文件 {path}：{error}", str(error)) from error
    except (ValueError, TypeError) as error:
        raise SigningKeyError(
            f"{path} 不是可用的私钥文件。", f"{path} is not a usable private key: {error}"
        ) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path} 不是 Ed25519 私钥。", f"{path} is not an Ed25519 key")
    return Ed25519Signer(key)


def register_public_key(uow: UnitOfWork, actor: Actor, public_key: str) -> None:
    """Make `public_key` the company's anchor key (audited). Raises PermissionDenied."""
    require(actor, "close_day")
    with uow:
        old = uow.settings.get(PUBLIC_KEY_SETTING) or ""
        uow.settings.put(PUBLIC_KEY_SETTING, public_key)
        details = {"key": PUBLIC_KEY_SETTING, "old": old, "new": public_key}
        audit.record(uow, actor, "settings_changed", details)
        uow.commit()


def registered_public_key(uow: UnitOfWork) -> str | None:
    """The company's registered anchor key (hex), or None."""
    with uow:
        return uow.settings.get(PUBLIC_KEY_SETTING) or None


def check_signature(signed: SignedAnchors, trusted_key: str | None) -> str:
    """Check the file's signature with its public key, and that key against `trusted_key`
    (when known). Returns a Chinese line saying what was checked; raises
    AnchorSignatureError."""
    if trusted_key and signed.public_key != trusted_key.strip().lower():
        raise AnchorSignatureError(
            f"锚点文件不是用本公司登记的密钥签名的（文件密钥 {fingerprint(signed.public_key)}，"
            f"登记密钥 {fingerprint(trusted_key.strip())}）。",
            "the anchors file was signed with another key than the registered one",
        )
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(signed.public_key))
        key.verify(bytes.fromhex(signed.signature), signed.message())
    except (InvalidSignature, ValueError) as error:
        raise AnchorSignatureError(
            "锚点文件的签名不正确：文件在签名后被改动过。",
            f"the anchors file's signature does not hold: {error or 'invalid signature'}",
        ) from None
    which = "已登记" if trusted_key else "文件自带（未登记公司密钥）"
    key = fingerprint(signed.public_key)
    return f"锚点文件签名正确：{signed.through} 日结，密钥 {key}（{which}）"


def check_anchor_file(text: str, trusted_key: str | None) -> str:
    """Check the signature of an anchors file's text, if it has one; a Chinese line saying
    what was checked. Raises AnchorSignatureError for a bad signature or another key, and
    for malformed signed fields."""
    try:
        signed = parse_signed_anchors(text)
    except ValueError as error:
        raise AnchorSignatureError(
            f"锚点文件的签名部分格式错误：{error}", f"malformed signed anchors: {error}"
        ) from error
    if signed is None:
        return "锚点文件未签名：只核对锚点本身。"
    return check_signature(signed, trusted_key)
