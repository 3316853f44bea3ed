"""Bytes to text without assuming an encoding: BOM, then UTF-8, then charset-normalizer's detection."""

from __future__ import annotations

import codecs

import charset_normalizer

from rebuttal_lab.io.formats.shared import Unreadable, control_character_share

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = "cp1252"
# Detection on a short text is a guess among many similar code pages; a non-UTF-8 article almost always
# comes from Windows, so a Windows code page (Western first) wins when it reads the text about as well.
_MARGIN = 0.1
# Languages Windows writes in cp1252: if detection names one of them, a look-alike Baltic or Central European
# code page ("déją vu") is the wrong guess.
_WESTERN_LANGUAGES = {
    "English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch", "Danish", "Swedish",
    "Norwegian", "Finnish", "Indonesian", "Catalan", "Unknown",
}
NOT_TEXT = "is not a text file (it looks like binary data or an unknown encoding)"


def decode_text(data: bytes, declared: str | None = None) -> str:
    """The text of `data`; `declared` is an encoding the file names itself (an HTML meta charset)."""
    text = _decode(data, declared).rstrip("\x1a")  # ^Z: the end-of-file mark of old DOS text files
    if control_character_share(text) > 0.01:
        raise Unreadable(NOT_TEXT)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    if b"\x00" in data:  # text without a BOM has no NUL bytes; binary data nearly always does
        raise Unreadable(NOT_TEXT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _detected(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"starts like {encoding.upper()} text but is not valid {encoding.upper()}") from exc


def _detected(data: bytes) -> str:
    # UTF-16/32 without a BOM was ruled out by the NUL-byte check; a guess of it here is noise.
    guesses = charset_normalizer.from_bytes(data)
    matches = [m for m in guesses if not m.encoding.startswith(("utf_16", "utf_32"))]
    if matches:
        best = matches[0]
        western = next((m for m in matches if m.encoding == _WESTERN), None)
        if western and best.language in _WESTERN_LANGUAGES:
            return str(western)
        close = [
            m for m in matches if m.chaos <= best.chaos + _MARGIN and m.coherence >= best.coherence - _MARGIN
        ]
        windows = sorted(
            (m for m in close if m.encoding.startswith("cp125")), key=lambda m: m.encoding != _WESTERN
        )
        if windows:
            return str(windows[0])
        if best.coherence > 0:  # detection recognised a language in it: trust it
            return str(best)
    try:  # too short to detect anything: the likeliest source
        return data.decode(_WESTERN)
    except UnicodeDecodeError:
        pass
    if matches:
        return str(matches[0])
    raise Unreadable(NOT_TEXT)
