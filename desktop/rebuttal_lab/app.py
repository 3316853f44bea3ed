"""Entry point of the `rebuttal-lab` command: the CLI, which starts the GUI when given no command."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from rebuttal_lab import cli

    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
