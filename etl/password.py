"""The data manager password: a salted scrypt hash kept outside the repository, and sign-in lockout."""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from dataclasses import dataclass

from settings import secrets_dir
from pathlib import Path

SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
MIN_LENGTH = 10
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
FILE_NAME = "manager-password.json"



def password_file() -> Path:
    return secrets_dir() / FILE_NAME


def password_is_set() -> bool:
    """True when a data manager password has been set (the Manage data page exists only then)."""
    return password_file().is_file()


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024,
                          dklen=32)


def set_password(password: str) -> Path:
    """Store a salted scrypt hash of `password` (readable by the owner only); returns the file."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"the password must have at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(16)
    record = {"algorithm": "scrypt", **SCRYPT, "salt": salt.hex(),
              "hash": _derive(password, salt, **SCRYPT).hex()}
    folder = secrets_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)              # also when the folder already existed
    temporary = folder / f".{FILE_NAME}.{os.getpid()}-{secrets.token_hex(8)}"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(record, handle)
    os.replace(temporary, password_file())
    return password_file()


def _matches(password: str) -> bool:
    try:
        record = json.loads(password_file().read_text(encoding="utf-8"))
        salt, expected = bytes.fromhex(record["salt"]), bytes.fromhex(record["hash"])
        derived = _derive(password, salt, int(record["n"]), int(record["r"]), int(record["p"]))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return hmac.compare_digest(derived, expected)


@dataclass(frozen=True)
class SignIn:
    """The outcome of one attempt: accepted, or refused with attempts left / seconds locked."""

    accepted: bool
    attempts_left: int = 0
    locked_seconds: int = 0


class SignInGuard:
    """Counts failed attempts for the whole server: five in a row lock sign-in for a while."""

    def __init__(self, max_failures: int = MAX_FAILURES, lock_seconds: int = LOCK_SECONDS) -> None:
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds
        self.failures = 0
        self.locked_until = 0.0
        self.lock = threading.Lock()

    def locked_for(self) -> int:
        return max(0, int(self.locked_until - time.monotonic() + 0.999))

    def attempt(self, password: str) -> SignIn:
        with self.lock:
            if self.locked_for():
                return SignIn(False, 0, self.locked_for())
            if _matches(password):
                self.failures = 0
                return SignIn(True)
            self.failures += 1
            if self.failures >= self.max_failures:
                self.failures = 0
                self.locked_until = time.monotonic() + self.lock_seconds
                return SignIn(False, 0, self.locked_for())
            return SignIn(False, self.max_failures - self.failures)

    def reset(self) -> None:
        with self.lock:
            self.failures, self.locked_until = 0, 0.0


GUARD = SignInGuard()
