"""``python -m entitylist``: the same as the ``entitylist`` command."""

from entitylist.cli import main

main()
