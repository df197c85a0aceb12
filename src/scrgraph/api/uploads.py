"""Uploads, received into a private temporary folder with limits, removed afterwards.

Each request gets its own folder from ``tempfile.mkdtemp`` (mode 0700) and files are written
0600, so no other user on the machine can read an upload; the folder is deleted when the request
ends, whatever happened. Names are cut to their last part and checked against the formats
scrgraph reads; CSV files of one upload go into one folder, as a workbook's sheets.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import UploadFile

from scrgraph.api.config import ServiceSettings
from scrgraph.api.problems import ServiceProblem

SUFFIXES = (".xlsx", ".csv", ".ttl", ".jsonld")
_CHUNK = 1 << 16


def size(count: int) -> str:
    """A number of bytes for people: 20 MB, 500 KB."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.3g} MB"
    return f"{max(1, count // 1024)} KB"


def safe_name(name: str | None) -> str:
    """The last part of an uploaded file's name, with only plain characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")
    if not base:
        raise ServiceProblem(400, "An uploaded file has no name.")
    return base[:120]


@contextmanager
def received(files: list[UploadFile], options: ServiceSettings) -> Iterator[list[Path]]:
    """The uploaded files on disk, privately; the paths to check or load."""
    if not files:
        raise ServiceProblem(400, "Upload at least one file (field 'files').")
    if len(files) > options.max_files:
        raise ServiceProblem(413, f"Upload at most {options.max_files} files at once.")
    folder = Path(tempfile.mkdtemp(prefix="scrgraph-upload-"))
    try:
        sources: list[Path] = []
        csv_folder: Path | None = None
        total = 0
        for upload in files:
            name = safe_name(upload.filename)
            suffix = Path(name).suffix.lower()
            if suffix not in SUFFIXES:
                raise ServiceProblem(415, f"{name}: scrgraph reads workbooks (.xlsx), CSV files "
                                     "(.csv, one per sheet) and RDF (.ttl, .jsonld).")
            if suffix == ".csv":
                if csv_folder is None:
                    csv_folder = folder / "csv"
                    csv_folder.mkdir(mode=0o700)
                    sources.append(csv_folder)
                target = csv_folder / name
            else:
                target = folder / name
                sources.append(target)
            try:
                handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                raise ServiceProblem(400, f"Two uploaded files are named {name}.") from None
            with os.fdopen(handle, "wb") as out:
                while chunk := upload.file.read(_CHUNK):
                    total += len(chunk)
                    if total > options.max_upload_bytes:
                        raise ServiceProblem(
                            413, "The upload is larger than the limit of "
                            f"{size(options.max_upload_bytes)}.")
                    out.write(chunk)
        yield sources
    finally:
        shutil.rmtree(folder, ignore_errors=True)
