"""`python -m cspkit` is `cspkit`."""

from cspkit.cli.main import main

main()
