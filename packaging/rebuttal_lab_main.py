"""PyInstaller entry script: the same entry point as the `rebuttal-lab` console script."""

import sys

from rebuttal_lab.app import main

if __name__ == "__main__":
    sys.exit(main())
