"""A bounded load test of the service on loopback: ``python -m scrgraph.api.loadtest``.

It starts its own throwaway local Neo4j in a temporary folder (never your data), loads the
framework and the sample, serves the app with uvicorn on 127.0.0.1 (only), then runs N
concurrent clients (default 20) for S seconds (default 60) against catalog routes and reports
throughput, median and 95th-percentile latency, and errors. ``make bench-service`` runs it.
A benchmark, not a test: timings never decide whether a test passes.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from scrgraph.api.main import create_app
from scrgraph.api.tokens import Role, TokenStore
from scrgraph.facade import Scrgraph
from scrgraph.resources import share_dir
from scrgraph.settings import Settings

ROUTES = ("/queries/recurring-themes", "/queries/standards-gaps",
          "/queries/theme-detail?theme=neglect", "/themes", "/reviews?limit=20",
          "/queries/agency-accountability?as_of=2026-11-28", "/queries")
MAX_CLIENTS = 100
MAX_SECONDS = 600


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def hammer(url: str, token: str, clients: int, seconds: float
           ) -> tuple[list[float], int, dict[str, int]]:
    """``clients`` threads calling the routes in turn until ``seconds`` pass."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
            turn = number
            while time.monotonic() < deadline:
                route = ROUTES[turn % len(ROUTES)]
                turn += 1
                start = time.perf_counter()
                try:
                    status = http.get(route).status_code
                    problem = None if status == 200 else f"HTTP {status}"
                except httpx.HTTPError as exc:
                    problem = type(exc).__name__
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    if problem:
                        errors[problem] = errors.get(problem, 0) + 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, len(latencies), errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= MAX_CLIENTS and 1 <= args.seconds <= MAX_SECONDS):
        parser.error(f"--clients 1..{MAX_CLIENTS}, --seconds 1..{MAX_SECONDS}")
    with tempfile.TemporaryDirectory(prefix="scrgraph-loadtest-") as home:
        settings = Settings(home=Path(home), local_heap="512m")
        sg = Scrgraph(settings)
        try:
            print("Starting a throwaway Neo4j and loading the sample...", flush=True)
            sg.load_framework()
            sg.load([share_dir("sample")])
            token, _ = TokenStore(settings.home).create("load test", Role.reader)
            port = _free_port()
            server = uvicorn.Server(uvicorn.Config(
                create_app(settings, scrgraph=sg), host="127.0.0.1", port=port,
                log_level="warning"))
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            url = f"http://127.0.0.1:{port}"
            while not server.started:
                time.sleep(0.1)
            print(f"{args.clients} clients for {args.seconds:.0f} s on {url} "
                  f"({len(ROUTES)} catalog routes in turn)...", flush=True)
            latencies, requests, errors = hammer(url, token, args.clients, args.seconds)
            server.should_exit = True
            thread.join(timeout=30)
        finally:
            sg.close()
            sg.local.stop()
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("nan")
    print(f"requests: {requests}, throughput: {requests / args.seconds:.1f}/s, "
          f"median: {statistics.median(latencies) * 1000:.0f} ms, p95: {p95 * 1000:.0f} ms, "
          f"errors: {sum(errors.values())} {errors or ''}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
