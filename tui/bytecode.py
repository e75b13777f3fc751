"""Rawi's own cache of its compiled modules, for a Python told to write none.

With ``PYTHONDONTWRITEBYTECODE`` set (or ``python -B``), as some machines
have it, Python compiles every module of an editable install from its source
at each start: about 40 ms of Rawi's start-up, a third of a minimal Textual
app's. ``install()`` (called by ``tui/__init__.py`` only then) puts a
``CodeCache`` before Python's own finders for Rawi's modules: its loader
keeps each module's code in Rawi's cache folder, ``code/`` beside the kept
stories (``tui.locations``), and reads it back at the next start.

Nothing is written next to the sources, which is what the setting asks for.
A module that has a bytecode file of its own (an installed wheel) is loaded
the usual way. An entry is used only while the source's size and time and
the interpreter's magic number are those it was made from; an entry that
cannot be read or written means the module is compiled, never an error.
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable, Sequence
from types import CodeType, ModuleType

#: the package whose modules are cached
PACKAGE = "tui"


class CodeCache:
    """A finder of the modules of ``package`` whose loader caches their code
    in the folder ``folder()`` names (asked once, when first needed)."""

    def __init__(self, package: str, folder: Callable[[], str]) -> None:
        self.package = package
        self._prefix = package + "."
        self._folder = folder
        self._known: list[str | None] = []

    @property
    def folder(self) -> str | None:
        """The folder of the cached code, made when first asked for; None if it cannot be."""
        if not self._known:
            folder = os.path.join(self._folder(), sys.implementation.cache_tag)
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError:
                self._known.append(None)
            else:
                self._known.append(folder)
        return self._known[0]

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        """The spec Python's path finder gives, with a caching loader for a source module."""
        if not fullname.startswith(self._prefix):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or type(spec.loader) is not importlib.machinery.SourceFileLoader:
            return spec
        origin = spec.origin
        assert origin is not None
        if os.path.exists(importlib.util.cache_from_source(origin)):
            return spec  # compiled beside its source (an installed wheel): as usual
        spec.loader = CachedLoader(fullname, origin, self)
        return spec


class CachedLoader(importlib.machinery.SourceFileLoader):
    """A source loader that keeps the compiled code in its ``CodeCache``'s folder."""

    def __init__(self, fullname: str, path: str, cache: CodeCache) -> None:
        super().__init__(fullname, path)
        self.cache = cache

    def get_code(self, fullname: str) -> CodeType:
        path = self.get_filename(fullname)
        folder = self.cache.folder
        if folder is None:
            code = super().get_code(fullname)
            assert code is not None  # a source file always has code
            return code
        stat = os.stat(path)
        magic = importlib.util.MAGIC_NUMBER.hex().encode()
        stamp = b"%s %d %d\n" % (magic, stat.st_mtime_ns, stat.st_size)
        entry = os.path.join(folder, fullname + ".code")
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            with open(entry, "rb") as file:
                data = file.read()
            if data.startswith(stamp):
                code = marshal.loads(memoryview(data)[len(stamp) :])
                if isinstance(code, CodeType):
                    return code
        code = self.source_to_code(self.get_data(path), path)
        _write(entry, stamp + marshal.dumps(code))
        return code


def _write(entry: str, data: bytes) -> None:
    # Whole or not at all: a start that reads it while another writes it
    # sees the old entry or the new one. (tempfile would cost 2 ms to import.)
    name = f"{entry}.{os.getpid()}.tmp"
    with contextlib.suppress(OSError):
        descriptor = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
            os.replace(name, entry)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(name)


def _rawi_folder() -> str:
    from tui.locations import code_cache_dir

    return str(code_cache_dir())


def install() -> None:
    """Load Rawi's modules through a ``CodeCache`` from now on (once per process)."""
    # Imported first, the usual way: the cache asks it where its folder is.
    import tui.locations  # noqa: F401

    if not any(isinstance(finder, CodeCache) for finder in sys.meta_path):
        sys.meta_path.insert(0, CodeCache(PACKAGE, _rawi_folder))
