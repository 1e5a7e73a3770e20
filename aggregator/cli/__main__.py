"""``python -m aggregator.cli``: the ``baotinh`` command."""

import sys

from aggregator.cli import main

sys.exit(main())
