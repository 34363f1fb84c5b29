"""Walk a corpus folder without being led astray: what to read, and what not, with a reason.

Nothing here opens a document, so listing is cheap and one bad file never stops
the others. Links are followed only to files inside the corpus folder (a link to
/etc/passwd must not end up cited as evidence); link loops, empty files, files
too large to be documents and unreadable files are listed with their reason.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import FactcheckError
from .metadata import META_SUFFIX, meta_path_for
from .readers import FORMATS

DEFAULT_MAX_MB = 200


def max_bytes() -> int:
    """Largest document read: $FACTCHECK_MAX_DOCUMENT_MB megabytes (default 200)."""
    try:
        return int(float(os.environ.get("FACTCHECK_MAX_DOCUMENT_MB", DEFAULT_MAX_MB)) * 1_000_000)
    except ValueError:
        raise FactcheckError("FACTCHECK_MAX_DOCUMENT_MB must be a number of megabytes") from None


@dataclass(frozen=True)
class SourceFile:
    path: Path
    relative: str  # path inside the corpus folder, with '/'
    size: int
    mtime_ns: int
    meta: tuple[int, int] | None  # size and mtime of NAME.meta.json, when there is one

    @property
    def signature(self) -> list:
        """What must be unchanged for the file's passages to be reused without reading it."""
        return [self.relative, self.size, self.mtime_ns, list(self.meta) if self.meta else None]


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Scan:
    root: Path
    files: list[SourceFile]
    problems: list[Problem]


def scan_corpus(directory: Path) -> Scan:
    """Every document file below `directory`, and every file that will not be read (with why)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FactcheckError(f"corpus directory not found: {directory}")
    root = directory.resolve()
    files: list[SourceFile] = []
    problems: list[Problem] = []

    def walk_error(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename), f"cannot open the folder ({exc.strerror or exc})"))

    limit = max_bytes()
    for dirpath, dirnames, filenames in os.walk(directory, onerror=walk_error):
        here = Path(dirpath)
        for name in sorted(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (here / name).is_symlink():
                problems.append(Problem(str(here / name), "a link to a folder, not followed (copy or link its files instead)"))
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(META_SUFFIX):
                continue
            found = _check(here / name, directory, root, limit)
            (files if isinstance(found, SourceFile) else problems).append(found)
    files.sort(key=lambda f: f.relative)
    return Scan(directory, files, problems)


def _check(path: Path, base: Path, root: Path, limit: int) -> SourceFile | Problem:
    def problem(reason: str) -> Problem:
        return Problem(str(path), reason)

    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return problem("a link loop, not followed")
        except OSError as exc:
            return problem("a link loop, not followed" if exc.errno == 40 else f"a broken link ({exc.strerror or exc})")
        if not target.is_relative_to(root):
            return problem(f"a link to {target}, outside the corpus folder: not followed")
    try:
        info = path.stat()
    except OSError as exc:
        return problem(f"cannot read ({exc.strerror or exc})")
    if not stat.S_ISREG(info.st_mode):
        return problem("not a regular file")
    if path.suffix.lower() not in FORMATS:
        return problem(f"unsupported format {path.suffix or '(none)'}; the corpus reads {', '.join(FORMATS)}")
    if info.st_size == 0:
        return problem("empty file (0 bytes)")
    if info.st_size > limit:
        return problem(f"too large ({info.st_size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB, "
                       "set FACTCHECK_MAX_DOCUMENT_MB to raise it)")
    if not os.access(path, os.R_OK):
        return problem("cannot read (permission denied)")
    meta_path = meta_path_for(path)
    try:
        meta_info = meta_path.stat()
        meta = (meta_info.st_size, meta_info.st_mtime_ns)
    except OSError:
        meta = None
    return SourceFile(path, path.relative_to(base).as_posix(), info.st_size, info.st_mtime_ns, meta)
