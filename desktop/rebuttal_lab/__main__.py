import sys

from rebuttal_lab.app import main

sys.exit(main())
