"""The `.rlab` bundle and `.rlabpack` article-pack file format: a zip of JSON entries with a manifest.

`manifest.json` names the format, its version, when and by which app it was made, what it holds (scope)
and the SHA-256 and size of every other entry. With a class key, `manifest.hmac` carries an HMAC-SHA256
of the manifest's exact bytes; since the manifest pins every entry's hash, that signs the whole bundle.

Reading treats the file as hostile: entries are read in memory (never extracted), names that could
escape a folder are refused, and sizes are capped both from the zip directory and while reading.
Every refusal is a BundleRefused whose message names the file and the problem. No database here.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rebuttal_lab import __version__
from rebuttal_lab.core.models import now_iso

BUNDLE_FORMAT = "rebuttal-lab-bundle"
PACK_FORMAT = "rebuttal-lab-pack"
BUNDLE_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.hmac"

MAX_FILE_BYTES = 64_000_000      # the .rlab file itself
MAX_ENTRIES = 64                 # we write about ten; a thousand tiny entries is an attack
MAX_TOTAL_BYTES = 64_000_000     # uncompressed, all entries together
MAX_MANIFEST_BYTES = 1_000_000

_EOCD_SEARCH = 22 + 65_535  # the end record plus the longest zip comment
_DRIVE = re.compile(r"^[A-Za-z]:")
_ENTRY_NAME = re.compile(r"^[a-z0-9_]+\.json$")


class BundleRefused(Exception):
    """A bundle or pack we will not import; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


@dataclass
class Bundle:
    path: Path
    manifest: dict
    entries: dict[str, bytes]  # name -> bytes, manifest and signature excluded
    file_sha256: str


def sign(manifest_bytes: bytes, class_key: bytes) -> str:
    return hmac.new(class_key, manifest_bytes, hashlib.sha256).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- writing ------------------------------------------------------------------------------------------

def write_bundle(path: Path, fmt: str, scope: dict, entries: dict[str, bytes],
                 class_key: bytes | None = None) -> Path:
    """Write the zip to a temporary name beside path, then rename: a reader never sees half a file."""
    path = Path(path)
    manifest = {
        "format": fmt,
        "bundle_version": BUNDLE_VERSION,
        "created_at": now_iso(),
        "app_version": __version__,
        "scope": scope,
        "entries": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                    for name, data in sorted(entries.items())],
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    temp = path.with_name(f".{path.name}.partial")
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, manifest_bytes)
            if class_key:
                archive.writestr(SIGNATURE, sign(manifest_bytes, class_key))
            for name, data in sorted(entries.items()):
                archive.writestr(name, data)
        with open(temp, "r+b") as handle:  # writable: Windows cannot flush a read-only handle
            os.fsync(handle.fileno())  # on a USB stick, the rename must not outrun the data
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


# --- reading ------------------------------------------------------------------------------------------

def _unsafe_name(name: str) -> str | None:
    """Why an entry name could escape a folder if extracted, or None when it is harmless."""
    if name.startswith(("/", "\\")) or _DRIVE.match(name):
        return f"holds an entry with an absolute path ({name!r})"
    if ".." in re.split(r"[/\\]", name):
        return f"holds an entry that points outside the bundle ({name!r})"
    if "\x00" in name:
        return f"holds an entry with a NUL in its name ({name!r})"
    return None


def _precheck_end_record(path: Path, data: bytes) -> None:
    """Refuse a zip that claims too many entries before zipfile builds a ZipInfo for each of them
    (a 64 MB central directory would be a million objects). We never write ZIP64 bundles."""
    tail = data[-_EOCD_SEARCH:]
    at = tail.rfind(b"PK\x05\x06")
    if at == -1 or len(tail) - at < 22:
        return  # not a zip at all: zipfile says so next
    entries, directory_bytes = struct.unpack_from("<HI", tail, at + 10)
    if entries == 0xFFFF or b"PK\x06\x07" in tail[max(0, at - 20):at]:
        raise BundleRefused(path, "has too many entries (a ZIP64 archive; Rebuttal Lab never writes those)")
    if entries > MAX_ENTRIES or directory_bytes > MAX_ENTRIES * 1024:
        raise BundleRefused(path, f"has too many entries ({entries}; the limit is {MAX_ENTRIES})")


def _check_directory(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise BundleRefused(path, f"has too many entries ({len(infos)}; the limit is {MAX_ENTRIES})")
    names = [info.filename for info in infos]
    for name in names:
        why = _unsafe_name(name)
        if why:
            raise BundleRefused(path, why)
    if len(set(names)) != len(names):
        raise BundleRefused(path, "holds two entries with the same name")
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:
        raise BundleRefused(path, f"is too large when unpacked ({declared:,} bytes declared; "
                                  f"the limit is {MAX_TOTAL_BYTES:,})")


def _read_capped(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """An entry's bytes, never more than its declared size or the remaining budget (a lying directory)."""
    limit = min(info.file_size, budget)
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError,
            RuntimeError, ValueError) as exc:  # bad CRC, truncated data, encryption, odd compression
        raise BundleRefused(path, f"entry {info.filename!r} cannot be read ({exc})") from exc
    if len(data) > limit:
        raise BundleRefused(path, f"entry {info.filename!r} unpacks to more than its declared size")
    return data


def _parse_manifest(path: Path, raw: bytes, fmt: str) -> dict:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BundleRefused(path, f"has a malformed manifest (not valid JSON: {exc})") from exc
    if not isinstance(manifest, dict):
        raise BundleRefused(path, "has a malformed manifest (not a JSON object)")
    found = manifest.get("format")
    if found != fmt:
        want = "a Rebuttal Lab bundle (.rlab)" if fmt == BUNDLE_FORMAT else "a Rebuttal Lab article pack"
        raise BundleRefused(path, f"is not {want} (manifest format is {found!r})")
    version = manifest.get("bundle_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BundleRefused(path, f"has a malformed manifest (bundle_version {version!r})")
    if version > BUNDLE_VERSION:
        raise BundleRefused(path, f"was made by a newer Rebuttal Lab (bundle version {version}; this "
                                  f"version reads up to {BUNDLE_VERSION}). Update Rebuttal Lab to import it.")
    entries = manifest.get("entries")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("name"), str) and isinstance(e.get("sha256"), str)
        for e in entries
    ):
        raise BundleRefused(path, "has a malformed manifest (entries must list a name and sha256 each)")
    if not isinstance(manifest.get("scope"), dict) or not isinstance(manifest.get("created_at"), str):
        raise BundleRefused(path, "has a malformed manifest (scope or created_at missing)")
    return manifest


def _check_signature(path: Path, raw_manifest: bytes, signature: bytes | None, class_key: bytes) -> None:
    if signature is None:
        raise BundleRefused(path, "is not from this class (it carries no class signature)")
    expected = sign(raw_manifest, class_key).encode("ascii")
    if not hmac.compare_digest(signature.strip(), expected):
        raise BundleRefused(path, "is not from this class (its signature does not match this class's key)")


def read_bundle(path: Path | str, fmt: str = BUNDLE_FORMAT, class_key: bytes | None = None) -> Bundle:
    """Open, check and read a bundle completely in memory, or raise BundleRefused."""
    path = Path(path)
    if not path.is_file():
        raise BundleRefused(path, "no such file" if not path.exists() else "is not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BundleRefused(path, f"is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
    try:
        with open(path, "rb") as handle:  # read once: what is hashed is what is checked and imported
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise BundleRefused(path, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise BundleRefused(path, f"is too large (more than {MAX_FILE_BYTES:,} bytes)")
    digest = hashlib.sha256(data).hexdigest()
    _precheck_end_record(path, data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise BundleRefused(path, "is not a Rebuttal Lab bundle (not a zip file)") from exc
    with archive:
        infos = archive.infolist()
        _check_directory(path, infos)
        by_name = {info.filename: info for info in infos}
        if MANIFEST not in by_name:
            raise BundleRefused(path, "has no manifest (manifest.json is missing)")
        if by_name[MANIFEST].file_size > MAX_MANIFEST_BYTES:
            raise BundleRefused(path, "has a malformed manifest (too large)")
        budget = MAX_TOTAL_BYTES
        raw_manifest = _read_capped(path, archive, by_name[MANIFEST], budget)
        budget -= len(raw_manifest)
        manifest = _parse_manifest(path, raw_manifest, fmt)
        signature = None
        if SIGNATURE in by_name:
            signature = _read_capped(path, archive, by_name[SIGNATURE], min(budget, 256))
        if class_key:
            _check_signature(path, raw_manifest, signature, class_key)

        listed = {e["name"]: e for e in manifest["entries"]}
        present = set(by_name) - {MANIFEST, SIGNATURE}
        for name in sorted(set(listed) | present):
            if not _ENTRY_NAME.match(name):
                raise BundleRefused(path, f"holds an unexpected entry {name!r}")
        if present != set(listed):
            missing = sorted(set(listed) - present) or sorted(present - set(listed))
            raise BundleRefused(path, f"does not match its manifest (entry {missing[0]!r} "
                                      f"{'is missing' if set(listed) - present else 'is not listed'})")
        entries = {}
        for name in sorted(listed):
            data = _read_capped(path, archive, by_name[name], budget)
            budget -= len(data)
            if hashlib.sha256(data).hexdigest() != listed[name]["sha256"]:
                raise BundleRefused(path, f"failed its checksum: entry {name!r} was changed or damaged")
            entries[name] = data
    return Bundle(path=path, manifest=manifest, entries=entries, file_sha256=digest)


def json_entry(bundle: Bundle, name: str, default=None):
    """A JSON entry's value, or default when the bundle does not hold it."""
    if name not in bundle.entries:
        return default
    try:
        return json.loads(bundle.entries[name].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BundleRefused(bundle.path, f"entry {name!r} is not valid JSON ({exc})") from exc


def to_json_bytes(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
