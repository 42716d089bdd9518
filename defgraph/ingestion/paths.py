"""Which files a path names: itself, a folder's files (recursively), or a glob's matches.

Reads the file system; writes file paths, each real file once, or a ``Quarantined`` record for
every path that cannot be read: missing (E109), or a file or folder that cannot be opened or listed
(E114). Nothing is skipped in silence but hidden names, ``README.md`` and, inside folders, files
of unsupported types. A symlink to a folder is followed only into a folder not visited yet, so a
loop is walked once.
"""
from __future__ import annotations

import fnmatch
import glob
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from defgraph.errors import InputError
from defgraph.ingestion.decoding import one_line, shown_path

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".warc.gz")
SKIPPED_NAMES = frozenset({"README.md"})


def suffix(path: str) -> str:
    """The file type a name says: ``.warc.gz`` or its last extension, lower case."""
    lower = path.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else os.path.splitext(lower)[1]


def unreadable(path: str, error: OSError) -> InputError:
    """E109 for a path that does not exist, E114 for one that cannot be read (permissions, loops, ...)."""
    if isinstance(error, FileNotFoundError):
        return InputError("E109", path=shown_path(path))
    return InputError("E114", path=shown_path(path), detail=one_line(error.strerror or type(error).__name__))


def _visible(name: str) -> bool:
    return not name.startswith(".") and name not in SKIPPED_NAMES


def _order(item: str | tuple[str, InputError]) -> tuple[str, ...]:
    return Path(item if isinstance(item, str) else item[0]).parts


class Expansion:
    """The files of many paths, remembering which real folders and files were already given."""

    def __init__(self) -> None:
        self._folders: set[tuple[int, int, tuple[str, ...]]] = set()
        self._files: set[tuple[int, int]] = set()

    def files(self, path: str) -> Iterator[str | tuple[str, InputError]]:
        """The files ``path`` names, in path order, or ``(path, error)`` for what cannot be read."""
        try:
            status = os.stat(path)
        except FileNotFoundError:
            missing = [(path, InputError("E109", path=shown_path(path)))]
            yield from self._glob(path) if glob.has_magic(path) else missing
            return
        except OSError as error:  # a folder on the way that may not be entered, a symlink loop, ...
            yield path, unreadable(path, error)
            return
        if stat.S_ISDIR(status.st_mode):
            yield from self._folder(path)
        elif self._first_time(path):
            yield path

    def _first_time(self, path: str) -> bool:
        """Whether the real file at ``path`` is new (one that cannot be stat'ed is, for its reader to report)."""
        try:
            status = os.stat(path)
        except OSError:
            return True
        key = (status.st_dev, status.st_ino)
        if key in self._files:
            return False
        self._files.add(key)
        return True

    def _enter(self, folder: str, pattern: tuple[str, ...] = ()) -> bool:
        """Whether the real folder is new for ``pattern`` (the rest of a glob, or none for a whole folder)."""
        status = os.stat(folder)
        key = (status.st_dev, status.st_ino, pattern)
        if key in self._folders:
            return False
        self._folders.add(key)
        return True

    def _entries(self, folder: str) -> tuple[list[os.DirEntry], InputError | None]:
        try:
            with os.scandir(folder) as listing:
                return sorted(listing, key=lambda entry: entry.name), None
        except OSError as error:
            return [], unreadable(folder, error)

    def _folder(self, root: str) -> Iterator[str | tuple[str, InputError]]:
        """Every file of a supported type under ``root``, recursively, in path order."""
        found: list[str | tuple[str, InputError]] = []
        pending = [root]
        while pending:
            folder = pending.pop()
            try:
                if not self._enter(folder):
                    continue
            except OSError as error:
                found.append((folder, unreadable(folder, error)))
                continue
            entries, error = self._entries(folder)
            if error:
                found.append((folder, error))
            for entry in entries:
                if not _visible(entry.name):
                    continue
                if _is_folder(entry):
                    pending.append(entry.path)
                elif suffix(entry.name) in SUFFIXES and self._first_time(entry.path):
                    found.append(entry.path)  # a dangling link too: its reader reports it
        yield from sorted(found, key=_order)

    def _glob(self, pattern: str) -> Iterator[str | tuple[str, InputError]]:
        """The matches of a glob (``*``, ``?``, ``[...]``, ``**`` for any folders), then their files."""
        parts = Path(pattern).parts
        fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
        base = os.path.join(*parts[:fixed]) if fixed else os.curdir
        matches = sorted(self._match(base, parts[fixed:], prefix=fixed > 0), key=_order)
        if not matches:
            yield pattern, InputError("E109", path=shown_path(pattern))
        for match in matches:
            if isinstance(match, str) and os.path.isdir(match):
                yield from self._folder(match)
            elif isinstance(match, tuple) or self._first_time(match):
                yield match

    def _match(self, folder: str, parts: tuple[str, ...], prefix: bool) -> Iterator[str | tuple[str, InputError]]:
        def joined(name: str) -> str:
            return os.path.join(folder, name) if prefix else name

        try:
            if not self._enter(folder, parts):
                return
        except OSError as error:
            if not isinstance(error, FileNotFoundError):
                yield folder, unreadable(folder, error)
            return
        head, rest = parts[0], parts[1:]
        if not glob.has_magic(head):
            path = joined(head)
            if not rest and os.path.lexists(path):
                yield path
            elif rest and os.path.isdir(path):
                yield from self._match(path, rest, prefix=True)
            return
        entries, error = self._entries(folder)
        if error:
            yield folder, error
        if head == "**":  # no folder, then each visible folder in turn, following the same parts
            yield from self._match(folder, rest, prefix) if rest else [folder]
            for entry in entries:
                if _visible(entry.name) and _is_folder(entry):
                    yield from self._match(joined(entry.name), parts, prefix=True)
            return
        for entry in entries:
            if fnmatch.fnmatch(entry.name, head) and (head.startswith(".") or not entry.name.startswith(".")):
                if not rest:
                    yield joined(entry.name)
                elif _is_folder(entry):
                    yield from self._match(joined(entry.name), rest, prefix=True)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows a symlink: the folder it names is entered once (see ``_enter``)
    except OSError:
        return False
