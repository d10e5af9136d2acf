"""``python -m seatcast.engine.cli``: the ``seatcast`` command."""

import sys

from seatcast.engine.cli.main import main

sys.exit(main())
