import pytest

from factcheck.stance.figure_match import agree, context_overlap
from factcheck.stance.quantities import content_words, extract


def one(text):
    found = extract(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text,low,high,unit,hedge",
    [
        ("65 %", 65, 65, "percent", None),
        ("65 prosent", 65, 65, "percent", None),
        ("nesten 50 %", 50, 50, "percent", "below"),
        ("over 80 prosent", 80, 80, "percent", "above"),
        ("omkring 630 kroner", 630, 630, "money", "about"),
        ("50 millioner kroner", 50e6, 50e6, "money", None),
        ("1.5 mill. kroner", 1.5e6, 1.5e6, "money", None),
        ("i 2022–23", 2022, 2023, "year", None),
        ("oppstartsårene 2022-23", 2022, 2023, "year", None),
        ("tolv måneder", 12, 12, "months", None),
        ("seks år", 6, 6, "years", None),
        ("på 1970-talet", 1970, 1979, "year", None),  # a decade (nynorsk), a century
        ("på 1800-tallet", 1800, 1899, "year", None),
        ("flere hundre år", 200, 999, "years", None),  # a span, not 100
        ("noen tusen kroner", 2000, 9990, "money", None),
        # number words as written: an article before a scale word, tens and units in one word, hundreds
        ("over én million kroner", 1e6, 1e6, "money", "above"),
        ("ein milliard kroner", 1e9, 1e9, "money", None),
        ("om lag trettifem tusen kroner", 35e3, 35e3, "money", "about"),
        ("seks hundre tusen kroner", 6e5, 6e5, "money", None),
        ("over halvannet hundre år", 150, 150, "years", "above"),
        # hedges of both written standards
        ("i underkant av 100 kroner", 100, 100, "money", "below"),
        ("i overkant av 40 prosent", 40, 40, "percent", "above"),
        ("nærmere 20 000 milliarder kroner", 2e13, 2e13, "money", "below"),
        ("meir enn 30 prosent", 30, 30, "percent", "above"),
        ("vel 300 kroner", 300, 300, "money", "above"),
    ],
)
def test_extracts_norwegian_quantities(text, low, high, unit, hedge):
    q = one(text)
    assert (q.low, q.high, q.unit, q.hedge) == (low, high, unit, hedge)


def test_frequencies_are_normalised_per_day():
    daily = one("møter opp to til tre ganger daglig")
    weekly = one("møter opp én gang i uken")
    assert daily.per_day == 1.0 and weekly.per_day == pytest.approx(1 / 7)
    assert not agree(weekly, daily)
    assert agree(one("møter opp to ganger daglig"), daily)


def test_an_article_is_a_figure_only_before_a_scale_word():
    assert extract("Han er en av de beste.") == []
    assert extract("Hun ble en milliardær.") == []  # "milliard" inside a longer word is no scale


def test_hedges_and_ranges():
    assert agree(one("48 prosent"), one("nesten 50 %"))
    assert not agree(one("60 prosent"), one("nesten 50 %"))
    assert agree(one("2023"), one("i 2022-23"))
    assert not agree(one("2021"), one("i 2022-23"))
    assert agree(one("ca. 600 kroner"), one("630 kroner"))
    assert agree(one("nærmere 20 000 milliarder kroner"), one("19 742 milliarder kroner"))
    assert not agree(one("nærmere 20 000 milliarder kroner"), one("12 000 milliarder kroner"))


def test_a_lower_bound_far_below_the_claims_lower_bound_does_not_agree_with_it():
    # "over 1 %" gives no "over 50 %"; a plain figure above the bound, or a close bound, still does
    assert not agree(one("over halvparten"), one("litt over én prosent"))
    assert agree(one("over halvparten"), one("62 prosent"))
    assert agree(one("over 40 prosent"), one("drøyt 45 prosent"))
    assert agree(one("over 40 prosent"), one("over 38 prosent"))


def test_context_tells_which_quantity_is_meant():
    passage = ("var det en reduksjon på 65 % i antall selvrapporterte vinningsforbrytelser "
               "og en reduksjon på 31 % i narkotikarelatert kriminalitet.")
    theft, drugs = extract(passage)
    claim = content_words("Vinningskriminaliteten gikk ned med 31 prosent")
    assert context_overlap(claim, theft) > context_overlap(claim, drugs)
    claim = content_words("Narkotikakriminaliteten gikk ned med 31 prosent")
    assert context_overlap(claim, drugs) > context_overlap(claim, theft)


def test_a_year_inside_a_decade_agrees_with_it():
    assert agree(one("tidleg på 1970-talet"), one("i 1971"))
    assert not agree(one("på 1980-tallet"), one("i 1971"))


def test_percentage_points_are_not_percentages_and_decades_read_in_the_genitive():
    from factcheck.stance.checks import check_numbers, content_words

    claim = "Senterpartiet er nede på rundt ti prosent i Hedmark."
    passage = "I Hedmark går Senterpartiet tilbake med 4,9 prosentpoeng, til 9,9 prosent."
    assert not [f for f in check_numbers(claim, content_words(claim), passage) if f.effect == "contradicts"]
    decade = [q for q in extract("Reformene i 1960-årenes Norge") if q.unit == "year"][0]
    assert (decade.low, decade.high) == (1960, 1969)


def test_hedges_in_nynorsk_and_inflected_forms_are_hedges():
    # "drygt" is nynorsk for "drøyt", "drøye" its plural: a figure a little off the round one agrees with them
    assert agree(one("drygt 33 000 kroner"), one("33 200 kroner"))
    assert agree(one("drøye 300 personer"), one("310 personer"))
    assert not agree(one("drygt 33 000 kroner"), one("45 000 kroner"))
    assert one("nærare 20 000 kroner").hedge == "below"
