"""The documents of a source folder: which files are read, under which name, and the name of
each one's published copy.

* Only regular files inside SRC are read. A symbolic link is never followed, whether it
  points inside SRC or out of it (one inside would read its document a second time; one
  out of it would publish a file that is no source, such as /etc/hostname), and neither is
  a pipe, socket or device (reading a pipe would wait for ever). Each is named in the
  run's messages, and so is a folder that cannot be read. Names starting with a dot
  (.git, .DS_Store) are left alone without a word, as before.
* A name that is not UTF-8 (unzip leaves GBK bytes from a zip made on Chinese Windows) is
  read as GB18030, or else with its bad bytes shown as �, and a warning says so: the name
  the catalog and the pages carry is always text that can be written. Should it then
  equal another document's name, it gets a mark of its own (讲话~2.txt).
* Each document's copy under ``sources/`` (for download) ends with .txt, so that MkDocs
  never makes a page of a .md or .html; every part of its path fits in 255 bytes; and no
  two copies share a name, not even on a disk that ignores case (Windows, macOS): a .txt
  keeps its own name, the others give way.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .read import is_supported

NAME_MAX = 255  # bytes in one part of a path, on every common file system
_SUFFIXES = re.compile(r"(?:\.[A-Za-z0-9]{1,5}){1,2}$")  # .txt, .md.txt: kept when a name is cut
LINKS_NOT_FOLLOWED = "links are not followed: put the document itself in the folder"


@dataclass(frozen=True)
class Source:
    path: Path  # the file on disk, as the OS names it
    name: str  # relative name shown to people and stored as source.file
    copy: str = ""  # its published copy, relative to sources/ (none for a type that is not read)


@dataclass
class Listing:
    sources: list[Source] = field(default_factory=list)  # in the order of their names
    warnings: list[str] = field(default_factory=list)  # what was skipped; names read as GB18030
    failed: list[str] = field(default_factory=list)  # what could not be looked at: documents lost


def list_sources(src_dir: Path) -> Listing:
    """Every file to read under src_dir, with its name and copy; messages for the rest."""
    listing = Listing()
    found = _walk(src_dir, listing)
    named = _unique_names(found)
    copies = copy_names([name for parts, name, _ in named if is_supported(Path(name))])
    for parts, name, how in sorted(named, key=lambda item: item[1]):
        supported = is_supported(Path(name))
        if how and supported:
            listing.warnings.append(f"{name}: the file name is not UTF-8; {how} (rename the file to keep this name)")
        listing.sources.append(Source(src_dir.joinpath(*parts), name, copies.get(name, "")))
    listing.warnings.sort()  # the folder's order on disk is no order: by name, like the documents
    listing.failed.sort()
    return listing


def _walk(src_dir: Path, listing: Listing) -> list[tuple[str, ...]]:
    """Relative paths (parts as the OS names them) of the regular files under src_dir."""
    found, todo = [], [()]
    inside = os.path.realpath(src_dir)
    while todo:
        rel = todo.pop()
        try:
            with os.scandir(src_dir.joinpath(*rel)) as it:
                entries = list(it)
        except OSError as exc:
            where = f"{_shown(rel)}/" if rel else _shown(tuple(str(src_dir).split("/")))
            listing.failed.append(f"{where}: the folder cannot be read ({exc.strerror or exc}); "
                                  "its documents were not converted")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            parts = rel + (entry.name,)
            kind, message = _kind(entry, inside)
            if kind == "file":
                found.append(parts)
            elif kind == "folder":
                todo.append(parts)
            elif kind == "failed":
                listing.failed.append(f"{_shown(parts)}: {message}")
            else:
                listing.warnings.append(f"{_shown(parts)}: skipped, {message}")
    return found


def _kind(entry: os.DirEntry, inside: str) -> tuple[str, str]:
    """('file'|'folder'|'skipped'|'failed', message) of one entry, links not followed."""
    try:
        if entry.is_symlink():
            return "skipped", f"a symbolic link {_link_target(entry.path, inside)}; {LINKS_NOT_FOLLOWED}"
        if entry.is_dir(follow_symlinks=False):
            return "folder", ""
        if entry.is_file(follow_symlinks=False):
            return "file", ""
    except OSError as exc:
        return "failed", f"cannot be read ({exc.strerror or exc})"
    return "skipped", "not a regular file (a pipe, socket or device): save the document as a file"


def _link_target(path: str, inside: str) -> str:
    """Where a link leads, in words (never the target's path: that is no business of the site)."""
    target = os.path.realpath(path)
    if not os.path.exists(target):
        return "to nothing (its target is missing)"
    if os.path.commonpath([target, inside]) == inside:
        return "within the folder"
    return "to outside the folder"


def decode_part(raw: bytes) -> tuple[str, str]:
    """(text, how) of one part of a name: how is '' for UTF-8, else what the warning says."""
    try:
        return raw.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "read as GB18030"
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace"), "bytes that are neither UTF-8 nor GB18030 are shown as \ufffd"


def _decoded(parts: tuple[str, ...]) -> tuple[str, str]:
    """A relative path (parts as the OS gives them, bad bytes as surrogates) as text, and how it was read."""
    texts, hows = zip(*(decode_part(os.fsencode(p)) for p in parts))
    return "/".join(texts), next((h for h in reversed(hows) if h), "")


def _shown(parts: tuple[str, ...]) -> str:
    return _decoded(parts)[0]


def _unique_names(found: list[tuple[str, ...]]) -> list[tuple[tuple[str, ...], str, str]]:
    """(parts, name, how) of every file: names that are UTF-8 are kept; a decoded one that
    equals a name already taken gets a mark, so that a name still tells one document."""
    decoded = [(parts, *_decoded(parts)) for parts in found]
    taken = {name for _, name, how in decoded if not how}
    out = []
    for parts, name, how in sorted(decoded, key=lambda item: (bool(item[2]), item[1])):
        if how:
            first, n = name, 2
            while name in taken:
                name = marked(first, f"~{n}")
                n += 1
            taken.add(name)
        out.append((parts, name, how))
    return out


def copy_name(name: str) -> str:
    """One document's published copy: a .txt (so that a .md never becomes a page), each part fitted."""
    copy = name if name.lower().endswith(".txt") else name + ".txt"
    return "/".join(fit(part) for part in copy.split("/"))


def copy_names(names: list[str]) -> dict[str, str]:
    """name → its copy, unique across the folder even where case is ignored; a document whose
    copy is its own name (a .txt) keeps it, and no copy takes a folder's name."""
    wanted = {n: copy_name(n) for n in names}
    folders = {_key(c.rsplit("/", i)[0]) for c in wanted.values() for i in range(1, c.count("/") + 1)}
    taken: set[str] = set()
    out = {}
    for n in sorted(names, key=lambda n: (wanted[n] != n, n)):
        copy, k = wanted[n], 2
        while _key(copy) in taken or _key(copy) in folders:
            copy = marked(wanted[n], f"~{k}")
            k += 1
        taken.add(_key(copy))
        out[n] = copy
    return out


def _key(path: str) -> str:
    """What a disk that ignores case and composes accents sees of a path."""
    return unicodedata.normalize("NFC", path).casefold()


def fit(part: str, mark: str = "") -> str:
    """One part of a path with ``mark`` before its suffixes, in NAME_MAX bytes: a part too long
    keeps its start and its suffixes and gains a short hash of the whole, so that long names
    alike in their start stay apart."""
    stem, suffix = _split(part)
    if len((stem + mark + suffix).encode()) <= NAME_MAX:
        return stem + mark + suffix
    mark = "~" + hashlib.sha1(part.encode()).hexdigest()[:8] + mark
    room = NAME_MAX - len((mark + suffix).encode())
    return stem.encode()[:room].decode("utf-8", "ignore") + mark + suffix


def marked(path: str, mark: str) -> str:
    """The path with ``mark`` added to its last part, before its suffixes (讲话~2.md.txt)."""
    folder, _, leaf = path.rpartition("/")
    return (folder + "/" if folder else "") + fit(leaf, mark)


def _split(part: str) -> tuple[str, str]:
    m = _SUFFIXES.search(part)
    return (part[:m.start()], m.group()) if m and m.start() > 0 else (part, "")
