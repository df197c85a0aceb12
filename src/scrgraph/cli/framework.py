"""``scrgraph framework``, ``validate`` and ``template``: the framework and the data format."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.tree import Tree

from scrgraph.cli._common import console, facade, print_notes, warn
from scrgraph.errors import ValidationFailed

app = typer.Typer()


@app.command()
def framework(
    ctx: typer.Context,
    outcomes: bool = typer.Option(False, "--outcomes", help="Show each standard's full outcome."),
    local: bool = typer.Option(False, "--local", help="Also list, separately, the local themes "
                               "partnerships have loaded beside the framework's (from the "
                               "database)."),
) -> None:
    """Print the Thematic Learning Framework: quadrants, standards, themes and their links."""
    with facade(ctx) as sg:
        fw = sg.framework()
        local_themes = sg.local_themes() if local else ()
    tree = Tree(f"[bold]{fw.title}[/]")
    premises = tree.add("Cross-cutting")
    for concept in fw.concepts:
        premises.add(concept.label)
    for quadrant in fw.quadrants:
        branch = tree.add(f"[bold]{quadrant.code}. {quadrant.label}[/]  [dim]{quadrant.question}")
        for standard in fw.standards_in(quadrant.code):
            themes = ", ".join(t.code for t in fw.themes_for_standard(standard.code))
            text = standard.outcome if outcomes else standard.label
            branch.add(f"{standard.code} {text}" + (f"  [cyan]→ {themes}[/]" if themes else ""))
    for kind, title in (("safeguarding-issue", "Recurring safeguarding issues"),
                        ("area-of-practice", "Recurring areas of practice")):
        branch = tree.add(f"[bold]{title}[/]")
        for theme in fw.themes_of_kind(kind):
            quadrants = ", ".join(q.code for q in fw.quadrants_for_theme(theme.code))
            branch.add(f"{theme.code}  {theme.label}  [dim](quadrants {quadrants})")
    links = tree.add("[bold]Interlinks[/]")
    for link in fw.quadrant_interlinks:
        links.add(f"quadrant {link.from_quadrant} ↔ quadrant {link.to_quadrant}: "
                  f"{link.note or link.source}")
    console.print(tree)
    console.print(f"{len(fw.quadrants)} quadrants, {len(fw.standards)} practice standards, "
                  f"{len(fw.themes)} key themes, {len(fw.standard_theme_links)} standard-theme "
                  f"links.")
    if local:
        extra = Tree("[bold]Local themes[/] [dim](declared by partnerships beside the "
                     "framework; not among its key themes)")
        for theme in local_themes:
            aliases = f"; also {', '.join(theme.alt_labels)}" if theme.alt_labels else ""
            extra.add(f"{theme.code}  {theme.label}  [dim](local, {', '.join(theme.partnerships)}"
                      f"; relates to {', '.join(theme.related)}{aliases})")
        if not local_themes:
            extra.add("[dim]none loaded")
        console.print(extra)
        console.print(f"{len(local_themes)} local themes.")


@app.command()
def validate(
    ctx: typer.Context,
    sources: list[Path] = typer.Argument(
        ..., help="Workbooks (.xlsx), folders of .csv files, or RDF files (.ttl, .jsonld)."),
) -> None:
    """Check sources against the workbook format, the shapes and the framework; write nothing.

    Lists every problem (exit code 1), or says the data conforms.
    """
    with facade(ctx) as sg:
        report = sg.check(sources)
    if not report.conforms:
        raise ValidationFailed(report.problems)
    warn(report.warnings)
    console.print(f"The data conforms: {report.items} items, ready to load.")
    print_notes(report.notes, sources)


@app.command()
def template(
    ctx: typer.Context,
    path: Path = typer.Argument(Path("scrgraph-template.xlsx"), help="Where to write it."),
    local_themes: bool = typer.Option(
        False, "--local-themes", help="Fill its Themes sheet (and list in its Codes sheet) the "
        "local themes loaded in the database (and the Partnerships sheet the partnerships), so "
        "its recommendations can code them."),
) -> None:
    """Write a blank workbook to fill in, with a Guide sheet and the valid codes."""
    if path.suffix.lower() != ".xlsx":
        raise typer.BadParameter("the template is an .xlsx workbook: give a name ending .xlsx")
    with facade(ctx) as sg:
        written = sg.write_template(path, local_themes=local_themes)
    console.print(f"Wrote {written}: fill in its sheets, then run 'scrgraph load {written}'.")
