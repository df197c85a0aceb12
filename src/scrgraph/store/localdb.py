"""The local Neo4j that scrgraph runs when ``NEO4J_URI`` is not set.

Neo4j 5.26 LTS Community runs embedded in a small Java launcher (``neo4j/ScrgraphNeo4j.java``)
with its Bolt connector on 127.0.0.1 and authentication on. Maven resolves its jars from
``neo4j/pom.xml`` into the local Maven repository; nothing else is downloaded.

Everything the server keeps lives under one state directory (``SCRGRAPH_HOME``)::

    neo4j/            the DBMS home: data/ and logs/
    neo4j.conf        the configuration scrgraph wrote for it
    password          the generated password of user neo4j (mode 0600)
    server.json       pid and port of the running server
    launcher.log      what the Java launcher printed
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from scrgraph.errors import DatabaseUnavailable
from scrgraph.resources import share_dir

USER = "neo4j"
_log = logging.getLogger(__name__)
_READY_LINE = "scrgraph-neo4j ready"
_LAUNCHER = "ScrgraphNeo4j.java"
_JAVA_MIN = 17
# Neo4j's own start script passes these to Java 17 so the page cache and Netty may use
# internal buffers; without them the embedded DBMS logs warnings and runs slower.
_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+ExitOnOutOfMemoryError",
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


def _cache_dir() -> Path:
    override = os.environ.get("SCRGRAPH_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("scrgraph"))


def _java() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise DatabaseUnavailable(
            "Java was not found. Install Java 17 or newer (on Debian: "
            "'apt-get install openjdk-17-jre-headless'), or set NEO4J_URI to use an existing "
            "Neo4j server."
        )
    return found


def _java_major(java: str) -> int:
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not match:
        return 0
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


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


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().split(") ", 1)[1][:1] != "Z"
    return True


def _is_launcher(pid: int) -> bool:
    """True when pid is a scrgraph Neo4j launcher (not a recycled pid of something else)."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    try:
        return _LAUNCHER.encode() in cmdline.read_bytes()
    except OSError:
        return _pid_alive(pid)


def _tail(path: Path, lines: int) -> str:
    if not path.exists():
        return ""
    with path.open(encoding="utf-8", errors="replace") as handle:
        return "".join(deque(handle, maxlen=lines))


class LocalNeo4j:
    """Start, stop and inspect the local Neo4j kept under ``home``.

    The constructor only records paths; every method that touches the disk, Maven or a process
    says so in its name.
    """

    def __init__(self, home: Path, port: int | None = None, heap: str = "1g") -> None:
        self.home = home
        self.requested_port = port
        self.heap = heap
        self.dbms_home = home / "neo4j"
        self.conf_file = home / "neo4j.conf"
        self.password_file = home / "password"
        self.state_file = home / "server.json"
        self.launcher_log = home / "launcher.log"

    # -- jars -------------------------------------------------------------------------------

    def install(self) -> Path:
        """Resolve Neo4j's jars with Maven (once per pom) and return the classpath file."""
        pom = share_dir("neo4j") / "pom.xml"
        digest = hashlib.sha256(pom.read_bytes()).hexdigest()[:16]
        classpath = _cache_dir() / f"neo4j-classpath-{digest}.txt"
        if classpath.exists() and all(
            Path(jar).exists() for jar in classpath.read_text().strip().split(os.pathsep)
        ):
            return classpath
        mvn = shutil.which("mvn")
        if not mvn:
            raise DatabaseUnavailable(
                "Maven ('mvn') was not found; scrgraph uses it to fetch Neo4j. Install it "
                "(on Debian: 'apt-get install maven'), or set NEO4J_URI to use an existing "
                "Neo4j server."
            )
        classpath.parent.mkdir(parents=True, exist_ok=True)
        partial = classpath.with_suffix(".partial")
        result = subprocess.run(
            [mvn, "-q", "-B", "-f", str(pom), "dependency:build-classpath",
             f"-Dmdep.outputFile={partial}"],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0 or not partial.exists():
            detail = (result.stdout + result.stderr).strip().splitlines()[-5:]
            raise DatabaseUnavailable(
                "Maven could not download Neo4j from Maven Central. Check the network or "
                "Maven's settings, or set NEO4J_URI to use an existing Neo4j server. "
                "Maven said: " + " ".join(detail)
            )
        partial.replace(classpath)
        return classpath

    # -- state ------------------------------------------------------------------------------

    def _make_home(self) -> None:
        """The state directory and the DBMS home, private to this user (the data is sensitive)."""
        if not self.home.exists():
            self.home.mkdir(parents=True, mode=0o700)
        self.dbms_home.mkdir(mode=0o700, exist_ok=True)
        self.dbms_home.chmod(0o700)

    def password(self) -> str:
        """The password of user neo4j, generated once and readable only by this user."""
        if not self.password_file.exists():
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
        if not (_pid_alive(pid) and _is_launcher(pid)):
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
            "dbms.security.auth_enabled=true\n"
            "server.memory.pagecache.size=256m\n"
            "db.tx_log.rotation.retention_policy=2 files\n"
            "dbms.usage_report.enabled=false\n"
        )

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
        try:
            with FileLock(str(self.home / "start.lock"), timeout=timeout):
                current = self.running()
                if current is not None:  # started by another command, which gave up waiting
                    self._wait_queryable(current, timeout)
                    return current
                _log.info("Starting the local Neo4j (state in %s); the first start downloads "
                          "it.", self.home)
                return self._start(timeout)
        except Timeout:
            raise DatabaseUnavailable(
                f"Another scrgraph command has been starting the local Neo4j for over "
                f"{timeout:.0f} seconds. See 'scrgraph db logs' ({self.launcher_log})."
            ) from None

    def _start(self, timeout: float) -> ServerInfo:
        java = _java()
        if _java_major(java) < _JAVA_MIN:
            raise DatabaseUnavailable(
                f"The local Neo4j needs Java {_JAVA_MIN} or newer, but '{java}' is older. "
                "Install Java 17 (or point JAVA_HOME at it), or set NEO4J_URI to use an "
                "existing Neo4j server."
            )
        classpath = self.install().read_text().strip()
        port = self._choose_port()
        self._make_home()
        self._write_conf(port)
        password = self.password()
        launcher = share_dir("neo4j") / _LAUNCHER
        command = [
            java, f"-Xmx{self.heap}", *_JVM_FLAGS, "-cp", classpath, str(launcher),
            str(self.dbms_home), str(self.conf_file), str(self.password_file),
        ]
        with self.launcher_log.open("w") as log:
            process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, cwd=self.home,
            )
        self.state_file.write_text(json.dumps({"pid": process.pid, "port": port}))
        (self.home / "port").write_text(str(port))
        info = ServerInfo(f"bolt://127.0.0.1:{port}", port, process.pid, self.home, password)
        try:
            self._wait_ready(process, info, timeout)
        except BaseException:
            self._terminate(process.pid, 30.0)
            self.state_file.unlink(missing_ok=True)
            raise
        return info

    def _wait_ready(self, process: subprocess.Popen[bytes], info: ServerInfo,
                    timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise DatabaseUnavailable(
                    f"The local Neo4j stopped while starting (exit code {process.returncode}). "
                    f"Its last lines, from {self.launcher_log}:\n"
                    + _tail(self.launcher_log, 15)
                )
            if _READY_LINE in self.launcher_log.read_text(errors="replace") and _can_query(info):
                return
            time.sleep(0.5)
        raise DatabaseUnavailable(
            f"The local Neo4j did not become ready within {timeout:.0f} seconds. "
            f"See 'scrgraph db logs' ({self.launcher_log})."
        )

    def _wait_queryable(self, info: ServerInfo, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not _can_query(info):
            if time.monotonic() > deadline or not _pid_alive(info.pid):
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
        self._terminate(current.pid, timeout)
        self.state_file.unlink(missing_ok=True)
        return True

    @staticmethod
    def _terminate(pid: int, timeout: float) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            if not _pid_alive(pid):
                return
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)

    def logs(self, lines: int = 40) -> str:
        """The last lines of the launcher's output and of Neo4j's debug log."""
        parts = []
        for path in (self.launcher_log, self.dbms_home / "logs" / "debug.log"):
            text = _tail(path, lines)
            if text:
                parts.append(f"==> {path} <==\n{text}")
        return "\n".join(parts) or f"No logs yet under {self.home}."


def _can_query(info: ServerInfo) -> bool:
    try:
        with GraphDatabase.driver(info.uri, auth=(USER, info.password)) as driver:
            driver.execute_query("RETURN 1")
    except (ServiceUnavailable, AuthError, OSError):
        return False
    return True
