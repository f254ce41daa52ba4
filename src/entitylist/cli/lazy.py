"""Commands loaded when they are invoked, so ``entitylist screen NAME`` imports the screening
commands and their services only, not the code of every other command (a third of a cold run).

Each module named in :data:`LAZY_COMMANDS` adds its commands to a Typer app with ``register``,
as when every command was added up front; the group builds that module's commands the first
time one of them is asked for. Help and completion list every command, loading them all.
"""

from __future__ import annotations

import importlib
from difflib import get_close_matches

import typer
import typer.main
from typer import _click as click  # the click that Typer vendors and types its groups with
from typer.core import TyperGroup

# command name -> the module whose ``register(app)`` adds it (tests check both ways)
LAZY_COMMANDS: dict[str, str] = {
    "screen": "entitylist.cli.screen",
    "screen-file": "entitylist.cli.screen",
    "compare": "entitylist.cli.screen",
    "evaluate": "entitylist.cli.screen",
    "scan": "entitylist.cli.scan",
    "license-check": "entitylist.cli.license",
    "import": "entitylist.cli.transfer",
    "export": "entitylist.cli.transfer",
    "update": "entitylist.cli.transfer",
    "link": "entitylist.cli.links",
    "unlink": "entitylist.cli.links",
    "ownership": "entitylist.cli.ownership",
    "review": "entitylist.cli.review",
    "audit": "entitylist.cli.audit",
    "portfolio": "entitylist.cli.portfolio",
    "alerts": "entitylist.cli.alerts",
    "watch": "entitylist.cli.watch",
    "serve": "entitylist.cli.serve",
}


def module_commands(module_name: str) -> dict[str, click.Command]:
    """The click commands that the module's ``register`` adds, by name."""
    module = importlib.import_module(module_name)
    holder = typer.Typer()
    module.register(holder)
    built = typer.main.get_command(holder)
    if isinstance(built, TyperGroup):
        return dict(built.commands)
    return {built.name or "": built}  # a Typer of one command builds that command itself


class LazyCommands(TyperGroup):
    """A Typer group whose commands in :data:`LAZY_COMMANDS` are built on first use."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in LAZY_COMMANDS:
            for name, built in module_commands(LAZY_COMMANDS[cmd_name]).items():
                self.commands.setdefault(name, built)
            command = self.commands.get(cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.commands, *(name for name in LAZY_COMMANDS if name not in self.commands)]

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """As Typer's, with "did you mean" suggestions drawn from every command, loaded or not."""
        try:
            return self._click_resolve_command(ctx, args)
        except click.exceptions.UsageError as error:
            if self.suggest_commands and args:
                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    error.message = f"{error.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise
