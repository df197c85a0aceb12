"""What every source file must be before scrgraph reads it: a regular file of a sensible size.

Reading a pipe could hang, a device never ends, a link may loop; a huge file would hold the
machine. Each is refused with one clear sentence before a byte is read.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from scrgraph.errors import SourceError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""The largest CSV file, or .xlsx workbook once unpacked, that scrgraph reads."""
def regular_file(path: Path) -> None:
    """Refuse what is not a regular file of a sensible size: a folder, a pipe, a device, a
    link that loops or leads nowhere. Reading those could hang or read far too much."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(f"{path}: the link loops back on itself.") from None
        raise SourceError(f"{path}: no such file or folder.") from None
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"{path}: not a regular file (a folder, pipe or device cannot be "
                          "read as one).")
    if info.st_size > MAX_FILE_BYTES:
        raise SourceError(f"{path.name}: the file is {info.st_size / 2**20:.0f} MB; scrgraph "
                          f"reads files of up to {MAX_FILE_BYTES // 2**20} MB.")


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file (see :func:`regular_file`)."""
    regular_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read: {exc.strerror or exc}.") from None
