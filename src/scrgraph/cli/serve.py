"""``scrgraph serve`` (the web service) and ``scrgraph token`` (who may use it)."""

from __future__ import annotations

import typer
from rich.table import Table

from scrgraph.cli._common import console, console_err, facade

app = typer.Typer()
token_app = typer.Typer(help="Create, list and revoke the service's access tokens.",
                        no_args_is_help=True)
app.add_typer(token_app, name="token")


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on. Only this machine by default; "
                                  "0.0.0.0 makes the service reachable from the network."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Run the web service: the API and the web pages, over the same facade as the CLI.

    Every route except /health needs a token: create one with 'scrgraph token create'.
    """
    import uvicorn

    from scrgraph.api.main import create_app

    sg = facade(ctx)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console_err.print(f"Listening on {host}: the service is reachable from other machines. "
                          "Put it behind TLS (set SCRGRAPH_SERVICE_SECURE_COOKIES=true).")
    from scrgraph.api.tokens import TokenStore

    if not any(r.active for r in TokenStore(sg.settings.home).records()):
        console_err.print("No access token exists yet: create one with "
                          "'scrgraph token create --role admin --name YOU'.")
    console.print(f"scrgraph serves on http://{host}:{port}/ (stop with Ctrl+C)")
    uvicorn.run(create_app(sg.settings, scrgraph=sg), host=host, port=port,
                log_level="info", server_header=False, proxy_headers=False)


@token_app.command("create")
def create(
    ctx: typer.Context,
    role: str = typer.Option(..., "--role", help="reader, editor or admin."),
    name: str = typer.Option(..., "--name", help="Who or what the token is for."),
) -> None:
    """Create a token and print it once (only its hash is kept)."""
    from scrgraph.api.audit import AuditLog
    from scrgraph.api.tokens import Role, TokenStore
    from scrgraph.errors import ConfigError

    if role not in Role.__members__:
        raise ConfigError(f"--role must be reader, editor or admin, not {role!r}.")
    settings = facade(ctx).settings
    token, record = TokenStore(settings.home).create(name, Role(role))
    AuditLog(settings.home).append("token-created", "cli", token=record.id, name=record.name,
                                   role=record.role.value)
    console_err.print(f"Created {record.role.value} token {record.id} for {record.name}. "
                      "It is shown once; keep it somewhere safe:")
    typer.echo(token)


@token_app.command("list")
def list_tokens(ctx: typer.Context) -> None:
    """List the tokens: id, name, role, when created and revoked (never the tokens)."""
    from scrgraph.api.tokens import TokenStore

    records = TokenStore(facade(ctx).settings.home).records()
    table = Table(title=f"{len(records)} tokens", title_justify="left")
    for column in ("id", "name", "role", "created", "revoked"):
        table.add_column(column)
    for record in records:
        table.add_row(record.id, record.name, record.role.value, record.created,
                      record.revoked or "")
    console.print(table)


@token_app.command("revoke")
def revoke(ctx: typer.Context,
           token_id: str = typer.Argument(..., help="The token's id (see 'token list').")
           ) -> None:
    """Revoke a token: it stops working at once, in the API and in web sessions."""
    from scrgraph.api.audit import AuditLog
    from scrgraph.api.tokens import TokenStore

    settings = facade(ctx).settings
    record = TokenStore(settings.home).revoke(token_id)
    AuditLog(settings.home).append("token-revoked", "cli", token=record.id, name=record.name,
                                   role=record.role.value)
    console.print(f"Revoked token {record.id} ({record.name}, {record.role.value}).")
