"""The story cache: a story opened again is the story loaded, or nothing.

Every way a record could be wrong (another file, a changed file, a changed
loader, a corrupt or foreign record, a symlink, a FIFO) must give a miss,
never an exception, a hang or another story.
"""

from __future__ import annotations

import marshal
import os
import shutil
import threading
from pathlib import Path

import pytest

from tests.stories import small_story
from tui.locations import default_story, seeds_dir
from tui.story import cache, load_story
from tui.story.cache import cached_story, keep_story, record_parts, story_from_parts

ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(autouse=True)
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RAWI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A copy of the bundled story and its article, in a folder of the test's own."""
    folder = tmp_path / "seed"
    shutil.copytree(seeds_dir(), folder)
    return folder / default_story().name


def kept(path: Path) -> Path:
    """Load the story at ``path`` and keep it; the record's path."""
    story, key = cached_story(path)
    assert story is None and key is not None
    keep_story(load_story(path), path, key)
    return cache._record_path(cache.cache_dir(), key)


def records(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.story"))


def test_the_seed_comes_back_equal_to_the_story_loaded(seed: Path, cache_folder: Path) -> None:
    kept(seed)
    assert len(records(cache_folder)) == 1
    story, _ = cached_story(seed)
    loaded = load_story(seed)
    assert story == loaded
    # What equality leaves out: the paths, and the lookups built from the blocks.
    assert story is not None
    assert story.path == seed and story.article == loaded.article is not None
    assert story.paragraph("p1") == loaded.paragraph("p1")
    assert story.quotes_in_chapter(0) == loaded.quotes_in_chapter(0)
    assert story.eras and story.places and story.timeline and story.quotes


def test_every_kind_of_model_value_survives_a_record(seed: Path) -> None:
    story = load_story(seed)
    parts = [marshal.loads(marshal.dumps(part)) for part in record_parts(story, seed)]
    again = story_from_parts(iter(parts), seed)
    assert again == story
    assert [type(b) for c in again.chapters for b in c.blocks] == [
        type(b) for c in story.chapters for b in c.blocks
    ]
    assert {type(e.span) for e in again.eras} == {type(e.span) for e in story.eras}


@pytest.mark.parametrize("name", sorted(p.name for p in ARTICLES.glob("*.txt"))[:3])
def test_a_plain_article_comes_back_equal(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copy(ARTICLES / name, path)
    kept(path)
    story, _ = cached_story(path)
    assert story is not None and story == load_story(path)


def test_nothing_is_kept_for_a_file_that_changed(seed: Path) -> None:
    kept(seed)
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("توفيق", "توفيـق", 1), encoding="utf-8")
    story, _ = cached_story(seed)
    assert story is None


def test_a_touched_file_is_read_again(seed: Path) -> None:
    kept(seed)
    info = seed.stat()
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    assert cached_story(seed)[0] is None


def test_a_changed_loader_never_reads_an_old_record(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept(seed)
    assert cached_story(seed)[0] is not None
    stamp = cache._loader_stamp()
    monkeypatch.setattr(cache, "_loader_stamp", lambda: [*stamp, "model.py", 1, 2])
    assert cached_story(seed)[0] is None


def test_another_file_with_the_same_text_has_its_own_record(seed: Path, tmp_path: Path) -> None:
    kept(seed)
    other = seed.with_name("other.toml")
    shutil.copy(seed, other)
    assert cached_story(other)[0] is None


def test_a_story_whose_article_is_gone_is_loaded_again(seed: Path) -> None:
    kept(seed)
    story = load_story(seed)
    assert story.article is not None
    story.article.unlink()
    assert cached_story(seed)[0] is None
    assert load_story(seed).notices  # the loader tells the reader


def test_a_story_with_notices_is_not_kept(tmp_path: Path, cache_folder: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text(
        small_story().replace('language = "ar"', 'language = "ar"\narticle = "gone.txt"'),
        encoding="utf-8",
    )
    story = load_story(path)
    assert story.notices
    keep_story(story, path, cached_story(path)[1] or "")
    assert records(cache_folder) == []


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal",
        cache._pack("another key"),
        cache._pack("key") + b"\xff" * 12,
        marshal.dumps(("k", "x")),
    ],
)
def test_a_damaged_record_is_a_miss(seed: Path, cache_folder: Path, damage: bytes) -> None:
    kept(seed)
    (record,) = records(cache_folder)
    record.write_bytes(damage)
    assert cached_story(seed)[0] is None


def test_a_record_of_the_right_key_but_wrong_shape_is_a_miss(
    seed: Path, cache_folder: Path
) -> None:
    record = kept(seed)
    parts = list(cache._unpack(record.read_bytes()))
    key = parts[0]
    for wrong in (parts[:-1], [*parts, parts[-1]], [key, ("too", "short")], [key, *parts[2:]]):
        record.write_bytes(b"".join(map(cache._pack, wrong)))
        assert cached_story(seed)[0] is None
    # Cut anywhere: a miss, never an exception.
    whole = b"".join(map(cache._pack, parts))
    for cut in range(0, len(whole), 997):
        record.write_bytes(whole[:cut])
        assert cached_story(seed)[0] is None
    record.write_bytes(whole)
    assert cached_story(seed)[0] is not None


def test_a_symlink_at_the_record_is_not_followed(
    seed: Path, cache_folder: Path, tmp_path: Path
) -> None:
    kept(seed)
    (record,) = records(cache_folder)
    elsewhere = tmp_path / "elsewhere.story"
    record.rename(elsewhere)
    record.symlink_to(elsewhere)
    assert cached_story(seed)[0] is None
    # Keeping again replaces the link, and writes nothing through it.
    before = elsewhere.read_bytes()
    keep_story(load_story(seed), seed, cached_story(seed)[1] or "")
    assert not record.is_symlink() and elsewhere.read_bytes() == before


def test_a_fifo_at_the_record_never_blocks(seed: Path, cache_folder: Path) -> None:
    kept(seed)
    (record,) = records(cache_folder)
    record.unlink()
    os.mkfifo(record)
    answer: list[object] = []
    reader = threading.Thread(target=lambda: answer.append(cached_story(seed)[0]), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert answer == [None]


def test_an_unwritable_folder_keeps_nothing_and_raises_nothing(
    seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("RAWI_CACHE_DIR", str(blocker / "cache"))
    kept(seed)  # mkdir fails under a file: no exception
    assert cached_story(seed)[0] is None


def test_the_folder_keeps_the_most_recent_records(
    tmp_path: Path, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_RECORDS", 2)
    paths = []
    for number in range(4):
        path = tmp_path / f"story{number}.toml"
        path.write_text(small_story(f"فقرة رقم {number}"), encoding="utf-8")
        record = kept(path)
        paths.append(path)
        # Distinct times, whatever the file system's resolution.
        os.utime(record, ns=(number * 10**9, number * 10**9))
    assert len(records(cache_folder)) == 2
    assert [cached_story(p)[0] is not None for p in paths] == [False, False, True, True]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_no_longer_readable_is_not_read_from_the_cache(seed: Path) -> None:
    kept(seed)
    seed.chmod(0)
    try:
        assert cached_story(seed) == (None, None)
    finally:
        seed.chmod(0o644)


def test_the_key_asks_whether_the_file_can_be_read(
    seed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root every file reads; the question asked is what matters.
    asked: list[object] = []

    def access(path: object, mode: int) -> bool:
        asked.append(path)
        return False

    monkeypatch.setattr(cache.os, "access", access)
    assert cached_story(seed) == (None, None)
    assert asked
