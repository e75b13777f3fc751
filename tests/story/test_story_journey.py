"""[[eras]] and [[places]]: the seed story's, reviewed against the article, and
every way a story file can get them wrong (file, line, field, expected)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stories import small_story
from tui.story import StoryError, load_story
from tui.story.model import Span, Story

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "seeds" / "000_06044bc7934a5754.txt"
STORY = ROOT / "seeds" / "jamali.toml"

VALID = small_story("ولد في الدار البيضاء سنة 1974، ثم سافر إلى موسكو سنة 1993.")

ERA = """
[[eras]]
id = "childhood"
label = "الطفولة"
from = 1974
to = 1993
"""

PLACE = """
[[places]]
id = "moscow"
name = "موسكو"
latitude = 55.75
longitude = 37.62
paragraph = "p1"
phrase = "إلى موسكو"
"""


@pytest.fixture(scope="module")
def seed() -> Story:
    return load_story(STORY)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "story.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str) -> StoryError:
    with pytest.raises(StoryError) as caught:
        load_story(write(tmp_path, text))
    # Each problem is one line (a file with several has one line for each).
    assert all("\n" not in str(problem) for problem in caught.value.problems)
    return caught.value


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The line (from 1) of the ``occurrence``-th line of ``text`` starting with ``needle``."""
    found = [n for n, line in enumerate(text.split("\n"), 1) if line.startswith(needle)]
    return found[occurrence - 1]


# -- the seed story -----------------------------------------------------------


def test_seed_eras_in_the_order_of_the_life(seed: Story) -> None:
    assert [era.id for era in seed.eras] == [
        "casablanca-years",
        "russia-years",
        "thomson-years",
        "montreal-years",
        "unyk-years",
        "viadeo-years",
        "viralninjas-years",
    ]
    for era in seed.eras:
        assert era.label and era.label_en
        assert era.anchor is not None


def test_seed_eras_begin_and_end_with_the_events_that_open_and_close_them(
    seed: Story,
) -> None:
    events = {event.id: event for event in seed.timeline}
    opened_by = {
        "casablanca-years": "born",
        "russia-years": "baccalaureate",
        "thomson-years": "back-in-morocco",
        "montreal-years": "to-montreal",
        "unyk-years": "unyk",
        "viadeo-years": "silicon-valley",
        "viralninjas-years": "founds-viralninjas",
    }
    closed_by = {
        "casablanca-years": "baccalaureate",
        "russia-years": "back-in-morocco",
        "thomson-years": "to-montreal",
        "montreal-years": "mba",
        "unyk-years": "viadeo-buys-unyk",
        "viadeo-years": "leaves-viadeo",
    }
    for era in seed.eras:
        first = events[opened_by[era.id]]
        assert (era.span.from_year, era.span.from_month) == (first.year, first.month)
        if era.id in closed_by:
            assert era.span.to_year == events[closed_by[era.id]].year
        else:
            # ViralNinjas is "his current company": the era has no end.
            assert era.span.to_year is None
            assert "شركته الحالية" in era.anchor.phrase if era.anchor else False


def test_every_year_of_the_life_is_in_an_era(seed: Story) -> None:
    for year in range(1974, 2013):
        assert any(era.span.contains((year, 6)) for era in seed.eras), year
    for event in seed.timeline:
        assert any(era.span.contains(event.sort_key) for era in seed.eras), event.id


def test_seed_places_follow_the_journey(seed: Story) -> None:
    assert [place.id for place in seed.places] == [
        "casablanca",
        "russia",
        "morocco-thomson",
        "montreal-city",
        "san-francisco",
    ]
    years = [place.span.from_year for place in seed.places if place.span]
    assert years == [1974, 1992, 1998, 2001, 2009]
    for place in seed.places:
        assert place.name and place.name_en


def test_seed_places_stand_where_they_are_on_earth(seed: Story) -> None:
    where = {place.id: (place.latitude, place.longitude) for place in seed.places}
    # Boxes drawn by hand around each city or country.
    boxes = {
        "casablanca": ((33.4, 33.7), (-7.8, -7.4)),
        "russia": ((50.0, 70.0), (40.0, 140.0)),
        "morocco-thomson": ((28.0, 35.9), (-13.0, -1.0)),
        "montreal-city": ((45.4, 45.7), (-73.9, -73.4)),
        "san-francisco": ((37.2, 37.9), (-122.6, -121.8)),
    }
    for place_id, ((south, north), (west, east)) in boxes.items():
        latitude, longitude = where[place_id]
        assert south <= latitude <= north and west <= longitude <= east, place_id


def test_places_named_only_by_country_say_so(seed: Story) -> None:
    for place in seed.places:
        country_only = place.id in ("russia", "morocco-thomson")
        assert ("names no city" in (place.name_en or "")) == country_only
        assert ("لا يذكر المقال" in place.name) == country_only


def test_seed_anchors_are_words_of_the_article(seed: Story) -> None:
    article = ARTICLE.read_text(encoding="utf-8")
    anchors = [era.anchor for era in seed.eras] + [place.anchor for place in seed.places]
    for anchor in anchors:
        assert anchor is not None
        assert anchor.phrase in article
        assert seed.paragraph(anchor.paragraph_id).text[anchor.start : anchor.end] == (
            anchor.phrase
        )
    names = {place.id: place.anchor.phrase for place in seed.places}
    assert "البيضاء" in names["casablanca"]
    assert "روسيا" in names["russia"]
    assert "للمغرب" in names["morocco-thomson"]
    assert "طومسون" in names["morocco-thomson"]
    assert "مونتريال" in names["montreal-city"]
    assert "السيليكون" in names["san-francisco"]


def test_span_display() -> None:
    assert Span(2001, 10, 2004, None).display("en") == "October 2001 – 2004"
    assert Span(2001, 10, 2004, None).display("ar") == "أكتوبر 2001 – 2004"
    assert Span(2012, None, None, None).display("en") == "2012 –"
    assert Span(2004, None, 2004, None).display("en") == "2004"
    assert Span(1992, None, 1998, None).contains((1992, 0))
    assert Span(1992, None, 1998, None).contains((1998, 13))
    assert not Span(2001, 10, 2004, None).contains((2001, 9))


# -- a story without them, and a good one with them --------------------------


def test_a_story_without_eras_or_places_opens_unchanged(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, VALID))
    assert story.eras == ()
    assert story.places == ()


def test_eras_and_places_load(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, VALID + ERA + PLACE))
    (era,) = story.eras
    assert era.span == Span(1974, None, 1993, None)
    assert era.anchor is None
    (place,) = story.places
    assert (place.latitude, place.longitude) == (55.75, 37.62)
    assert place.anchor.phrase == "إلى موسكو"
    assert place.anchor.start == story.paragraph("p1").text.index("إلى موسكو")
    assert place.span is None


def test_eras_are_sorted_by_their_start(tmp_path: Path) -> None:
    later = ERA.replace('"childhood"', '"later"').replace("1974", "1990")
    story = load_story(write(tmp_path, VALID + later + ERA))
    assert [era.id for era in story.eras] == ["childhood", "later"]


# -- what is wrong, and where -------------------------------------------------


@pytest.mark.parametrize(
    ("change", "needle", "field", "expected"),
    [
        (
            ("latitude = 55.75", "latitude = 95"),
            "latitude",
            "places[1].latitude",
            "expected a number of degrees from -90 to 90, got 95",
        ),
        (
            ("longitude = 37.62", "longitude = -180.5"),
            "longitude",
            "places[1].longitude",
            "expected a number of degrees from -180 to 180, got -180.5",
        ),
        (
            ("longitude = 37.62", 'longitude = "37"'),
            "longitude",
            "places[1].longitude",
            "expected a number of degrees from -180 to 180, got a string",
        ),
        (
            ("latitude = 55.75\n", ""),
            "[[places]]",
            "places[1].latitude",
            "expected a number of degrees from -90 to 90, got nothing (the key is missing)",
        ),
        (
            ('phrase = "إلى موسكو"', 'phrase = "إلى لندن"'),
            "phrase",
            "places[1].phrase",
            "expected words that occur in paragraph p1",
        ),
        (
            ('id = "moscow"', 'id = "c1"'),
            'id = "c1"',
            "places[1].id",
            'expected an id not used before in the story, got "c1" again (first used on line 6)',
        ),
        (
            ('name = "موسكو"', 'name = "موسكو"\nname_eng = "Moscow"'),
            "name_eng",
            "places[1].name_eng",
            'got an unknown key (did you mean "name_en"?)',
        ),
    ],
)
def test_place_problems(
    tmp_path: Path, change: tuple[str, str], needle: str, field: str, expected: str
) -> None:
    text = VALID + PLACE.replace(*change)
    error = error_of(tmp_path, text)
    line = line_of(text, needle, 2 if needle == 'id = "c1"' else 1)
    assert str(error).startswith(f"{tmp_path / 'story.toml'}:{line}: {field}: ")
    assert expected in str(error)


@pytest.mark.parametrize(
    ("change", "needle", "field", "expected"),
    [
        (
            ("to = 1993", "to = 1970"),
            "to =",
            "eras[1].to",
            "expected a date on or after from (1974), got 1970",
        ),
        (
            ("to = 1993", "to = 1974\nto_month = 3\nfrom_month = 5"),
            "to =",
            "eras[1].to",
            "expected a date on or after from (May 1974), got March 1974",
        ),
        (
            ("to = 1993", "to_month = 3"),
            "to_month",
            "eras[1].to_month",
            "expected to_month only together with to, got no to",
        ),
        (
            ("from = 1974\n", ""),
            "[[eras]]",
            "eras[1].from",
            "expected a year from 1 to 9999, got nothing (the key is missing)",
        ),
        (
            ("from = 1974", "from = 1974\nfrom_month = 13"),
            "from_month",
            "eras[1].from_month",
            "expected a month from 1 to 12, got 13",
        ),
        (
            ("to = 1993", 'to = 1993\nparagraph = "c1"\nphrase = "ولد"'),
            "paragraph",
            "eras[1].paragraph",
            'expected the id of a paragraph, got "c1", the id of a chapter',
        ),
        (
            ('label = "الطفولة"', 'label = ""'),
            "label",
            "eras[1].label",
            "expected a non-empty string, got an empty string",
        ),
    ],
)
def test_era_problems(
    tmp_path: Path, change: tuple[str, str], needle: str, field: str, expected: str
) -> None:
    text = VALID + ERA.replace(*change)
    error = error_of(tmp_path, text)
    line = line_of(text, needle)
    assert str(error).startswith(f"{tmp_path / 'story.toml'}:{line}: {field}: ")
    assert expected in str(error)


def test_eras_must_be_an_array_of_tables(tmp_path: Path) -> None:
    text = 'eras = "1974"\n' + VALID
    error = error_of(tmp_path, text)
    where = f":{line_of(text, 'eras =')}: eras"
    assert f"{where}: expected an array of tables ([[eras]])" in str(error)


def test_a_place_pointing_at_an_era_is_told_so(tmp_path: Path) -> None:
    text = VALID + ERA + PLACE.replace('paragraph = "p1"', 'paragraph = "childhood"')
    error = error_of(tmp_path, text)
    assert 'got "childhood", the id of an era' in str(error)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    text = (
        VALID
        + ERA.replace("to = 1993", "to = 1900")
        + PLACE.replace("95", "x").replace("latitude = 55.75", "latitude = 91")
    )
    error = error_of(tmp_path, text)
    fields = [problem.field for problem in error.problems]
    assert fields == ["eras[1].to", "places[1].latitude"]


def test_the_documented_eras_and_places_load(tmp_path: Path) -> None:
    import re

    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    example, journey = re.findall(r"```toml\n(.*?)```", doc, re.S)
    story = load_story(write(tmp_path, example + "\n" + journey))
    assert [era.id for era in story.eras] == ["apprentice", "own-cafe-years"]
    assert story.eras[1].span.to_year is None
    assert [place.name_en for place in story.places] == ["Marrakesh"]
    assert story.places[0].anchor.paragraph_id == "p1"
