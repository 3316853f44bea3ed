"""Check the practice articles and their answer keys: python resources/articles/check_keys.py"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KINDS = {"main", "reason", "evidence", "example", "value", "prediction", "analogy"}


def body_of(text: str) -> str:
    """The article body: everything after the title, Motion and Author lines."""
    lines = text.split("\n")
    assert lines[0].startswith("# "), "first line must be '# Title'"
    assert lines[1] == "", "blank line after the title"
    assert lines[2].startswith("Motion: "), "third line must be 'Motion: ...'"
    assert lines[3].startswith("Author: "), "fourth line must be 'Author: ...'"
    assert lines[4] == "", "blank line after the Author line"
    return "\n".join(lines[5:])


def check(md: Path) -> list[str]:
    errors = []
    text = md.read_text(encoding="utf-8")
    try:
        body = body_of(text)
    except AssertionError as bad:
        return [f"{md.name}: {bad}"]
    if re.search(r"[*_`\[\]]|^#|^\s*[-+] |\n\n\n|[ \t]+$", body, re.M):
        errors.append(f"{md.name}: markdown markup, triple newline or trailing space in body")
    if ("\u2019" in text or "\u201c" in text) and ("'" in text or '"' in text):
        errors.append(f"{md.name}: mixes straight and curly quotes")
    words = len(body.split())
    if not 700 <= words <= 1300:
        errors.append(f"{md.name}: {words} words, want 700-1300")
    key_file = HERE / "keys" / f"{md.stem}.json"
    if not key_file.exists():
        return errors + [f"{md.name}: no key {key_file.name}"]
    key = json.loads(key_file.read_text(encoding="utf-8"))
    if key.get("article") != md.name:
        errors.append(f"{key_file.name}: article is {key.get('article')!r}")
    claims = key["claims"]
    if not 8 <= len(claims) <= 15:
        errors.append(f"{key_file.name}: {len(claims)} claims, want 8-15")
    kinds = {c["kind"] for c in claims}
    if kinds - KINDS:
        errors.append(f"{key_file.name}: unknown kinds {kinds - KINDS}")
    if len(kinds) < 4:
        errors.append(f"{key_file.name}: only {len(kinds)} kinds")
    last = -1
    for i, c in enumerate(claims, 1):
        if c["id"] != f"C{i}":
            errors.append(f"{key_file.name}: id {c['id']} should be C{i}")
        n = body.count(c["quote"])
        if n != 1:
            errors.append(f"{key_file.name} {c['id']}: quote occurs {n} times: {c['quote'][:50]!r}")
            continue
        pos = body.index(c["quote"])
        if pos < last:
            errors.append(f"{key_file.name} {c['id']}: out of article order")
        last = pos
    print(f"{md.name}: {words} words, {len(claims)} claims, {len(kinds)} kinds ({', '.join(sorted(kinds))})")
    return errors


def main() -> int:
    files = sorted(HERE.glob("[0-9][0-9]-*.md"))
    errors = [e for md in files for e in check(md)]
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
