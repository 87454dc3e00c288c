import sys

from .process import quiet_third_party_warnings

quiet_third_party_warnings()  # before the CLI imports any library

from .cli import main  # noqa: E402

sys.exit(main())
