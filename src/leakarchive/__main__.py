"""`python -m leakarchive`: the `leakarchive` command."""

from .tools.cli import main

raise SystemExit(main())
