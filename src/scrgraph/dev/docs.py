"""The generated parts of README.md: the CLI reference and the query catalog.

``make readme`` (``python -m scrgraph.dev.docs README.md``) rewrites the text between the
``<!-- BEGIN GENERATED: x -->`` and ``<!-- END GENERATED: x -->`` markers; tests/test_docs.py
fails when the README and the code disagree, so the help is never retyped by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scrgraph.catalog.cypherfiles import Param

# The order the README presents commands in: from first use to daily work.
COMMAND_ORDER = (
    "demo", "db start", "db stop", "db status", "db logs", "db schema", "db reset", "framework",
    "template", "validate", "load", "export", "queries", "query", "analyse", "tag",
    "eval-tagger",
)
HELP_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def command_names() -> list[str]:
    """Every command of the CLI, as ``"load"`` or ``"db start"``."""
    import typer.main

    from scrgraph.cli import app

    names: list[str] = []
    root = typer.main.get_command(app)
    for name, command in getattr(root, "commands", {}).items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names.extend(f"{name} {sub}" for sub in subcommands)
        else:
            names.append(name)
    return names


def help_text(command: str) -> str:
    """``scrgraph COMMAND --help`` as a user sees it in a 100-column terminal."""
    from typer.testing import CliRunner

    from scrgraph.cli import app

    result = CliRunner().invoke(app, [*command.split(), "--help"], env=HELP_ENV)
    if result.exit_code != 0:
        raise RuntimeError(f"scrgraph {command} --help failed: {result.output}")
    lines = [line.rstrip() for line in result.output.splitlines()]
    return "\n".join(lines).strip("\n")


def cli_reference() -> str:
    names = command_names()
    ordered = [c for c in COMMAND_ORDER if c in names] + sorted(
        c for c in names if c not in COMMAND_ORDER)
    parts = []
    for command in ordered:
        parts.append(f"#### `scrgraph {command}`\n\n```text\n{help_text(command)}\n```")
    return "\n\n".join(parts)


def _describe(param: Param) -> str:
    text = param.type
    if param.choices:
        text += ": " + "/".join(param.choices)
    if param.required:
        return text + ", required"
    if param.default is None:
        return text + ", optional"
    default = str(param.default).lower() if isinstance(param.default, bool) else param.default
    return f"{text}, default {default}"


def query_reference() -> str:
    from scrgraph.catalog.queries import default_catalog

    catalog = default_catalog()
    rows = ["| query | folder | the question | parameters |", "| --- | --- | --- | --- |"]
    for query in sorted(catalog, key=lambda q: (q.folder, q.name)):
        params = ", ".join(f"`{p.name}` ({_describe(p)})" for p in query.params) or "none"
        description = query.description.replace("|", "\\|")
        rows.append(f"| `{query.name}` | {query.folder} | {description} | {params} |")
    return "\n".join(rows)


def workbook_reference() -> str:
    from scrgraph.export.workbook import column_help
    from scrgraph.ingest.format import workbook_spec

    words = {"id": "ID", "text": "text", "label": "label", "date": "date",
             "partial-date": "date, month or year",
             "integer": "whole number", "boolean": "Yes/No", "code": "code",
             "codes": "codes (;)", "ref": "ID",
             "refs": "IDs (;)", "keys": "keys (;)", "texts": "texts (;)"}
    parts = []
    for sheet in workbook_spec().sheets:
        optional = " (optional sheet)" if sheet.optional else ""
        rows = [f"**{sheet.name}**{optional} (`{sheet.file}`): {sheet.help}", "",
                "| column | required | type | what to enter |", "| --- | --- | --- | --- |"]
        for column in sheet.columns:
            rows.append(f"| {column.header} | {'yes' if column.required else ''} | "
                        f"{words[column.type]} | {column_help(column)} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts)


SECTIONS = {"cli": cli_reference, "queries": query_reference, "workbook": workbook_reference}


def render(readme: str) -> str:
    """The README with every generated section brought up to date."""
    for name, make in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(<!-- END GENERATED: {name} -->)",
            re.DOTALL)
        if not pattern.search(readme):
            raise ValueError(f"README has no generated section '{name}'.")
        content = make()

        def replace(match: re.Match[str], content: str = content) -> str:
            return match.group(1) + content + "\n" + match.group(2)

        readme = pattern.sub(replace, readme)
    return readme


def main(argv: list[str]) -> int:
    path = Path(argv[1] if len(argv) > 1 else "README.md")
    text = path.read_text(encoding="utf-8")
    updated = render(text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
        print(f"Updated the generated sections of {path}.")
    else:
        print(f"{path} is up to date.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
