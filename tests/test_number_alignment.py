"""The number check fires only when both figures measure the same thing (own examples, not dev claims).

These read the parse of the trained spaCy pipeline (models/spacy/nb_factcheck).
"""

from __future__ import annotations

import pytest

from factcheck.stance.checks import check_numbers
from factcheck.stance.figure_match import agree
from factcheck.stance.quantities import content_words, extract
from factcheck.stance.syntax import tag


@pytest.fixture(autouse=True)
def trained_pipeline(monkeypatch):
    monkeypatch.delenv("FACTCHECK_SPACY_MODEL", raising=False)  # another test may have chosen the blank one


def effects(claim: str, passage: str) -> list[str]:
    return [f.effect for f in check_numbers(claim, content_words(claim), passage, passage)]


def figures(text: str):
    return extract(text, tag(text))


def one(text: str):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


def test_each_figure_of_a_claim_is_aligned_with_the_figure_about_the_same_thing():
    passage = "Innbruddene i bydelen gikk ned med 40 prosent, mens ranene gikk ned med 15 prosent."
    both = "Det er meldt en nedgang på 40 prosent i innbrudd og en nedgang på 15 prosent i ran i bydelen."
    assert effects(both, passage) == ["supports", "supports"]
    swapped = "Det er meldt en nedgang på 15 prosent i innbrudd og en nedgang på 40 prosent i ran i bydelen."
    assert "contradicts" in effects(swapped, passage)


def test_bare_counts_are_compared_only_when_they_count_the_same_noun():
    assert "contradicts" not in effects("Byen hadde 12 tannleger i 2020.", "Byen hadde 9000 innbyggere i 2020.")
    assert effects("Byen hadde 12 tannleger i 2020.", "Byen hadde 15 tannleger i 2020.") == ["contradicts", "supports"]
    rate = "Fylket hadde 14 jordmødre per 10 000 innbyggere."
    assert "contradicts" not in effects(rate, "Fylket har 10 000 innbyggere og 9 sykehus.")


def test_a_date_is_not_a_count_and_a_year_before_a_noun_is_one():
    assert one("Rapporten kom 18. mars.").unit == "date"
    assert "contradicts" not in effects("Utvalget la fram 35 forslag.", "Utvalget la fram forslagene 18. mars.")
    assert effects("Utvalget la fram rapporten 18. mars.", "Utvalget la fram rapporten 3. mars.") == ["contradicts"]
    small = one("kommuner med under 2000 innbyggere")
    assert (small.unit, small.counted) == ("number", "innbygger")
    assert one("I 2023 økte utgiftene kraftig.").unit == "year"


def test_the_same_day_supports_only_when_it_is_the_day_of_the_same_event():
    claim = "Bompengeringen ble innført 1. mars 2008."
    assert "supports" in effects(claim, "Bompengeringen rundt sentrum ble innført 1. mars 2008.")
    other_event = "Det nye fylkesvalgstyret var oppnevnt fra 1. mars 2008 og møttes hver måned."
    assert "1. mars" not in [f.claim_value for f in check_numbers(claim, content_words(claim), other_event, other_event)
            if f.effect == "supports"]


def test_a_copied_sentence_with_ranges_supports_itself():
    sentence = "Kurset varer mellom 12 og 15 uker, og 4–6 deltakere deler en veileder."
    assert "contradicts" not in effects(sentence, sentence)
    between = one("mellom 12 og 15 uker")
    assert (between.low, between.high) == (12, 15) and agree(one("14 uker"), between)


@pytest.mark.parametrize("claim,evidence,same", [
    ("hver fjerde elev", "25 prosent av elevene", True),
    ("nesten en tredjedel av kommunene", "32 % av kommunene", True),
    ("to tredjedeler av pengene", "67 prosent av pengene", True),
    ("ni av ti spurte", "91 prosent av de spurte", True),
    ("halvparten av utgiftene", "24 pst. av utgiftene", False),
    ("tre kommuner", "3 kommuner", True),
    ("tre kommuner", "fem kommuner", False),
    ("3 tusen elever", "3 000 elever", True),
    ("3 000 elever", "30 000 elever", False),
])
def test_number_words_fractions_and_magnitudes(claim, evidence, same):
    assert agree(one(claim), one(evidence)) is same


def test_another_year_is_another_time_not_a_contradiction():
    claim = "Ledigheten i kommunen var 5 prosent i 2021."
    assert "contradicts" not in effects(claim, "Ledigheten i kommunen var 3 prosent i 2019.")
    assert effects(claim, "Ledigheten i kommunen var 3 prosent i 2021.") == ["contradicts", "supports"]
    # a year that is the claim's only figure is what the claim asserts
    assert effects("Skolen i bygda ble åpnet i 1995.", "Skolen i bygda ble åpnet i 1998.") == ["contradicts"]


def test_numeric_dates_and_nynorsk_magnitudes():
    assert [(q.text, q.unit) for q in figures("Per 31.12. var verdien 2100 milliardar kroner.")] == [
        ("31.12.", "date"), ("2100 milliardar kroner", "money")]
    assert one("2100 milliardar kroner").low == 2.1e12
    assert "contradicts" not in effects("Fondet var verdt 2100 milliarder kroner ved utgangen av 2007.",
                                        "Samla verdi av fondet per 31.12. i milliardar kroner.")


def test_factors_said_as_verbs_or_as_times_so_many():
    assert (one("Budsjettet ble tidoblet.").low, one("Budsjettet ble tidoblet.").unit) == (10, "factor")
    assert agree(one("Budsjettet ble tidoblet."), one("Budsjettet er ti ganger så stort."))
    assert not agree(one("Budsjettet ble doblet."), one("Budsjettet er ti ganger så stort."))
    assert one("Tilskuddet ble halvert.").low == 0.5
    assert one("Pasientene møter tre ganger i uken.").unit == "times"  # a frequency, not a factor


def test_teens_tens_and_thousand_as_words():
    assert agree(one("rundt tusen fastleger"), one("1000 fastleger"))
    assert (one("atten lærere").low, one("nitti elever").low) == (18, 90)


def test_numbers_written_out_in_several_words():
    # "hundre og tjuefem" was read as its last word, 25, and contradicted the passage's 125
    assert (one("hundre og tjuefem år").low, one("to tusen og fem hundre deltakere").low) == (125, 2500)
    assert one("fire hundre og femti kroner").low == 450 and one("tre hundre tusen kroner").low == 3e5
    assert effects("Stedet hadde hundre og femti innbyggere.", "For noen år siden var det 150 innbyggere her.") == ["supports"]
    assert effects("Hvert distrikt har hundre og tjuefem ansatte, mens fire hundre jobber sentralt.",
                   "Det er 400 ansatte sentralt, samt 125 ansatte i hvert distrikt.") == ["supports", "supports"]
    # "og" joins a number only after "hundre" or "tusen": a list of two small numbers stays two figures
    assert 5 not in [q.low for q in figures("Hun har to og tre år igjen av de to kontraktene.")]


def test_figures_listed_together_share_their_words():
    listed = extract("Teknologisektoren ga den høyeste aksjeavkastningen både i 2023 og 2024.")
    assert [q.text for q in listed] == ["2023", "2024"]
    assert listed[0].context == listed[1].context and "aksjeavkastningen" in listed[1].context
    claim = "Teknologiaksjene ga svakest avkastning i 2024."
    found = check_numbers(claim, content_words(claim), "Teknologisektoren ga den høyeste aksjeavkastningen både i 2023 og 2024.")
    assert [f.effect for f in found] == ["supports"]  # 2024 is one of the listed years, not "2023 instead"
    apart = extract("65 % nedgang i vinningsforbrytelser og 31 % nedgang i narkotikakriminalitet")
    assert apart[0].context != apart[1].context  # each figure with its own words stays apart


def test_the_figure_may_stand_in_the_windows_other_sentence():
    # the sentence with most claim words is not the one with the figure: the other sentence of the window,
    # about the same words, supports the figure; a figure about other words does not
    window = ("På klinikken får pasientene heroin under medisinsk oppfølging. "
              "Klinikken ble etablert i Bergen i 2022 som et prøveprosjekt.")
    claim = "Heroinklinikken for pasientene ble etablert i 2022."
    sentence = "På klinikken får pasientene heroin under medisinsk oppfølging."
    found = check_numbers(claim, content_words(claim), sentence, window)
    assert [(f.effect, f.evidence_value) for f in found] == [("supports", "2022")]
    unrelated = "Pasientene får heroin. Budsjettet utgjorde 12 prosent av totalen i fjor."
    claim = "Pasientene får heroin, og dosen økte med 12 prosent."
    assert check_numbers(claim, content_words(claim), "Pasientene får heroin.", unrelated) == []


def test_a_framing_year_found_in_the_sentence_is_found_beside_another_year():
    # "2006" shares more words with the claim's year than "2007" does; the claim's year frames its amount and
    # cannot contradict, so the sentence's own 2007 is the match (before: no finding, "2007 not found")
    passage = ("Samla verdi av fonda var 2 135 833 mill. kroner ved utgangen av 2007, ein auke på "
               "246 064 mill. kroner frå utgangen av 2006.")
    claim = "Ved utgangen av 2007 var fondet samla verdt over 2100 milliardar kroner."
    found = {(f.claim_value, f.effect) for f in check_numbers(claim, content_words(claim), passage, passage)}
    assert found == {("2007", "supports"), ("2100 milliardar kroner", "supports")}


def test_an_amount_without_its_kroner_is_money():
    passage = "Fondets verdi passerte for første gang 10 000 milliarder i oktober 2019."
    same = "Fondet bikket 10 000 milliarder kroner for første gang i 2019."
    other = "Fondet bikket 12 000 milliarder kroner for første gang i 2019."
    assert "supports" in effects(same, passage) and "contradicts" not in effects(same, passage)
    assert "contradicts" in effects(other, passage)
    # a count in millions is not money
    assert "contradicts" not in effects("Landet har 12 millioner kroner i gjeld.", "Landet har 5 millioner innbyggere.")


def test_a_year_the_document_is_about_accounts_for_the_claims_year():
    from factcheck.stance.checks import run_checks

    claim = "I 2021 ble det satt av 40 millioner kroner til nye bybusser."
    passage = "Regjeringen setter av 40 millioner kroner til nye bybusser."
    plain = run_checks(claim, passage, 0.93)
    dated = run_checks(claim, passage, 0.93, context="Statsbudsjettet 2021: Kollektivtrafikken styrkes")
    assert plain.features["number_unmatched"] == 1.0 and dated.features["number_unmatched"] == 0.0
    assert any(f.kind == "time" and f.effect == "supports" for f in dated.findings)
    # another year in the passage is another time, and the document's year explains no disagreement
    assert run_checks(claim, passage.replace("setter av", "satte i 2019 av"), 0.93,
                      context="Statsbudsjettet 2021").features["number_unmatched"] == 1.0
    against = run_checks(claim, passage.replace("40", "25"), 0.93, context="Statsbudsjettet 2021")
    assert not any(f.kind == "time" for f in against.findings)


def test_money_written_with_the_currency_first_and_shares_with_a_possessive():
    amount = one("Tilskuddet utgjør kr 45.000,- per år.")
    assert (amount.unit, amount.low) == ("money", 45000.0)
    assert one("Budsjettet er NOK 2,5 mrd.").unit == "money"
    assert "supports" in effects("Tilskuddet gir 45 000 kroner mer i året.", "Tilskuddet utgjør kr 45.000,- per år.")
    assert one("to av sine fem søknader ble innvilget").low == pytest.approx(40.0)
    assert one("Hun fikk 12 kr.").unit == "money"


def test_a_bound_after_a_figure_does_not_hide_what_it_counts():
    assert one("Skolene med 300 eller flere elever får tilskudd.").counted == "elev"
    assert effects("Skoler med minst 300 elever får tilskudd.", "Skolene med 300 eller flere elever får tilskudd.") == ["supports"]


def test_the_figures_a_passage_leaves_out_years_aside():
    from factcheck.stance.checks import amounts_not_found, run_checks

    claim = "I 2021 fikk 14 skoler til sammen 3 millioner kroner i tilskudd."
    passage = "I 2021 fikk 14 skoler tilskudd fra fylket."
    outcome = run_checks(claim, passage, 0.9)
    assert [q.text for q in amounts_not_found(figures(claim), outcome.findings)] == ["3 millioner kroner"]
    assert outcome.features["amount_unmatched"] == 1.0
    full = run_checks(claim, "I 2021 fikk 14 skoler til sammen 3 millioner kroner i tilskudd fra fylket.", 0.9)
    assert full.features["amount_unmatched"] == 0.0
    undated = run_checks(claim, "Fjorten skoler fikk til sammen 3 millioner kroner i tilskudd fra fylket.", 0.9)
    assert undated.features["amount_unmatched"] == 0.0  # the year is left out, which a document often implies


def test_the_same_bare_figure_agrees_when_one_side_leaves_its_noun_unsaid():
    # equal figures agree unless they count different nouns; a different figure still needs the noun to contradict
    claim = "Tallet på anmeldte tyverier i kommunen gikk fra 41 i 2015 til 388 i 2021."
    passage = "Antall anmeldte tyverier i kommunen har økt fra 41 i 2015 til hele 388 i 2021."
    assert effects(claim, passage) == ["supports"] * 4
    assert "contradicts" not in effects("Tallet på anmeldte tyverier i kommunen var 45 i 2015.",
                                        "Antall anmeldte tyverier i kommunen var 41 i 2015.")
    other_noun = check_numbers("Byen hadde 12 tannleger i 2020.", content_words("Byen hadde 12 tannleger i 2020."),
                               "Byen hadde 12 sykehus i 2020.")
    assert not [f for f in other_noun if f.claim_value == "12"]


def test_a_unit_in_the_genitive_is_the_same_unit():
    assert one("Varene får 10 prosents toll.").unit == "percent"
    assert one("Kommunen fikk en 500 kroners økning.").unit == "money"
    # a span of time in the genitive ("fem års fengsel", "seks måneders permisjon") is the span, compared as one
    assert (one("Han ble dømt til fem års fengsel.").unit, one("Han ble dømt til fem års fengsel.").low) == ("years", 5)
    assert one("Hun fikk seks måneders permisjon.").unit == "months"
    assert one("Dei fekk to vekers ferie.").unit == "weeks"
    assert effects("Mannen ble dømt til seks års fengsel.", "Mannen ble dømt til fem års fengsel for ranet.") \
        == ["contradicts"]
    # but a year before "års" is the year's own: "2019 års budsjett" is no 2019 years
    assert one("Tallene står i 2019 års budsjett.").unit == "year"


def test_a_year_then_til_and_an_amount_is_no_range():
    text = "Utgiftene falt fra 4,2 millioner kroner i 2019 til 850.000 kroner i 2020."
    assert [(q.text, q.unit) for q in figures(text)] == [
        ("4,2 millioner kroner", "money"), ("2019", "year"), ("850.000 kroner", "money"), ("2020", "year")]
    assert [(q.text, q.unit) for q in figures("Fra 2017 til 2019 økte det.")] == [("2017 til 2019", "year")]


def test_the_end_of_a_change_answers_the_same_end_of_the_claim():
    passage = "Utgiftene til kommunen falt fra 4,2 millioner kroner i 2019 til 850.000 kroner i 2020."
    # the claim's words stand by the start of the change, its figure is the end
    assert effects("Utgiftene til kommunen stupte til under én million kroner i 2020.", passage) == ["supports", "supports"]
    # a claim that gives the start of the change as its end is still contradicted by the start's figure
    assert "contradicts" in effects("Utgiftene til kommunen falt fra 2 millioner kroner i 2019.", passage)


def test_a_number_joined_to_a_name_by_a_hyphen_is_no_figure():
    assert [q.text for q in figures("Raketten Dongfeng-41 og flyet F-35 ble vist fram for 200 gjester.")] == ["200"]
    # glued to its letters too: a road, a group of countries ("A11" was read as 11 and "supported" a claim of 11)
    assert [q.text for q in figures("Fra A11 til G20-møtet er det 12 mil.")] == ["12"]
    assert [q.low for q in figures("Det kostet kr78 000.")] == [78000]  # an amount after its currency still counts
    assert [q.text for q in figures("Covid-19 rammet 30 prosent av de ansatte.")] == ["30 prosent"]


def test_a_rank_in_words_is_a_figure_of_what_it_ranks():
    assert effects("Norge er nå den tolvte største økonomien i Europa.",
                   "Landet har klatret til den tjuende største økonomien i Europa.") == ["contradicts"]
    assert effects("Norge har vorte den tolvte største økonomien i Europa.",
                   "Landet er i dag den tolvte største økonomien i Europa.") == ["supports"]
    # a rank of another noun answers nothing: the third floor is not the third time
    assert "contradicts" not in effects("Hun vant rennet for tredje gang.", "Hun bor i femte etasje og vant rennet.")
    # "første" mostly means earliest, "andre" other: neither is read as a rank
    assert [q.unit for q in figures("Det første innskuddet kom før andre land fulgte etter.")] == []


def test_a_day_of_the_week_is_the_day_of_an_event():
    assert effects("Styret vedtok budsjettet på tirsdag.", "Styret vedtok budsjettet torsdag etter lang debatt.") == [
        "contradicts"]
    assert effects("Styret vedtok budsjettet på torsdag.", "Styret vedtok torsdagen budsjettet etter lang debatt.") == [
        "supports"]
    # the day of another event answers nothing
    assert effects("Ministeren reiste til Brussel på tirsdag.", "Styret vedtok budsjettet torsdag.") == []
    # a day frames the claim's figures as a year does: it is no figure the passage must give
    from factcheck.stance.checks import amounts_not_found
    assert amounts_not_found(tuple(figures("Styret kuttet 40 stillinger på fredag.")), []) == [
        figures("Styret kuttet 40 stillinger på fredag.")[0]]


def test_a_determiner_between_a_number_word_and_its_noun_keeps_the_count():
    assert (one("Politiet pågrep fem andre personer.").low, one("Politiet pågrep fem andre personer.").counted) == (
        5.0, "person")
    assert effects("Politiet pågrep fem andre personer i går.", "Politiet pågrep to andre personer i går.") == [
        "contradicts"]


def test_two_amounts_without_a_unit_are_compared_by_their_context():
    assert effects("Han fikk 2,2 millioner i skattefritt utbytte.", "Han fikk 22 millioner i skattefritt utbytte.") == [
        "contradicts"]
    assert effects("Han fikk 22 millioner i skattefritt utbytte.", "Han fikk hele 22 millioner i skattefritt utbytte.") == [
        "supports"]


def test_a_document_number_is_no_figure():
    assert [(q.text, q.unit) for q in figures("En kommisjon fra 1971 foreslo i NOU 1975:30 at kirken skulle bli fri.")] == [
        ("1971", "year")]
    assert effects("Kommisjonen bak NOU 1975:30 ble oppnevnt i 1975.", "En kommisjon fra 1971 la fram NOU 1975:30.") == [
        "contradicts"]


def test_a_share_read_through_a_determiner():
    assert [(round(q.low, 1), q.unit) for q in figures("Fem av de seks drapene ble oppklart.")] == [(83.3, "percent")]
    assert [(q.low, q.unit) for q in figures("Tre av disse fire partiene stemte for.")] == [(75.0, "percent")]


def test_a_day_and_its_year_are_one_date():
    # the year after "1. januar" is about what the day is about, not about nothing
    date, year = figures("Ordningen ble innført 1. januar 1999.")
    assert (date.unit, year.unit) == ("date", "year") and year.left == date.left == ["ordningen", "innført"]
    assert effects("Ordningen ble innført 1. januar 1999.", "Ordningen vart innført i 2001.") == ["contradicts"]
    assert effects("Ordningen ble innført 1. januar 1999.", "Ordningen ble innført 1. januar 1999.") == [
        "supports", "supports"]
    # a weekday, its date and its year are one date too
    assert figures("Prisen steg mandag 3. mars 2025 i hele landet.")[-1].right == ["hele", "landet"]


def test_a_year_that_starts_a_period_up_to_now_is_not_denied_by_a_year_inside_it():
    assert effects("Listene har blitt lengre hvert år siden 2019.", "Listene ble lengre i 2023.") == []
    assert effects("Listene har blitt lengre hvert år siden 2019.", "Listene har blitt lengre hvert år siden 2017.") == [
        "contradicts"]


def test_one_year_of_a_period_written_with_a_dash_neither_confirms_nor_denies_it():
    claim = "Strategien for kystfisket 2018–2022 ble vedtatt av fylkestinget."
    assert effects(claim, "I 2022 vedtok fylkestinget en ny strategi for kystfisket.") == []
    assert effects(claim, "Fylkestinget vedtok strategien for kystfisket 2018–2022.") == ["supports"]
    # the two ends of a change are each a year the passage can give
    assert effects("Antallet båter falt fra 1990 til 2010.", "I 1990 var det mange båter, og antallet falt.") == [
        "supports"]


def test_what_a_figure_is_reckoned_before_is_not_what_it_measures():
    passage = "Avkastningen var 13,1 prosent, tilsvarende 2 511 milliarder kroner, før fradrag for forvaltningskostnader."
    assert "forvaltningskostnader" not in figures(passage)[-1].right
    assert effects("Forvaltningskostnadene var rundt 6 milliarder kroner.", passage) == []
    # a figure reckoned after tax still measures what precedes it
    assert effects("Overskuddet var 40 millioner kroner etter skatt.", "Overskuddet var 25 millioner kroner etter skatt.") == [
        "contradicts"]


def test_a_figure_contradicts_only_through_its_own_words():
    # the passage is about the claim, but its figure is about the project's cost, not the rent
    claim = "Skolen i Moss fikk nye lokaler med en husleie på 5 millioner kroner i året."
    assert effects(claim, "Skolen i Moss fikk nye lokaler i fjor, og prosjektet kostet 9 millioner kroner.") == []


def test_an_age_at_death_is_read_from_the_birth_and_death_dates():
    from factcheck.stance.lifespan import age_at_death

    life = "Kari Nordmann (født 22. september 1905 i Bergen, død 25. juli 2009) var en norsk politiker."
    assert (age_at_death(life).low, age_at_death(life).high) == (103.0, 103.0)  # her birthday in 2009 had not come
    assert (age_at_death("Han ble født i 1920 og døde i 1990.").low, age_at_death("Han ble født i 1920 og døde i 1990.").high) == (69.0, 70.0)
    assert age_at_death("Hun ble født i 1920.") is None
    assert effects("Kari Nordmann ble 103 år gammel.", life) == ["supports"]
    assert effects("Kari Nordmann døde 105 år gammel.", life) == ["contradicts"]
    # another span of years is not her age
    assert effects("Kari Nordmann satt 12 år på Stortinget.", life) == []


def test_an_open_bound_is_not_another_order_of_size():
    # "vel 300 barn" agreed with any larger figure, so it "supported" a claim of 3000 children
    assert effects("Skolen har rundt 3000 barn.", "Skolen har vel 300 barn.") == ["contradicts"]
    assert effects("Skolen har 500 barn.", "Skolen har over 300 barn.") == []  # fits the bound, but is not said
    assert effects("Skolen har rundt 300 barn.", "Skolen har vel 300 barn.") == ["supports"]


def test_a_figure_inside_a_bound_is_neither_said_nor_denied_by_it():
    # "minst to ganger" was "Korpuset sier to ganger, som påstanden" for a claim of three times: Støttet 0.99
    assert effects("Han var innom kafébygget tre ganger den dagen.", "Han var innom kafébygget minst to ganger den dagen.") == []
    assert effects("Andelen kvinner var 60 prosent.", "Andelen kvinner var over 50 prosent.") == []
    assert effects("Andelen kvinner var 25 prosent.", "Andelen kvinner var under 30 prosent.") == []
    # near the bound the hedge is rounding, and the figure is the passage's own
    assert effects("Andelen kvinner var 30 prosent.", "Andelen kvinner var nesten 30 prosent.") == ["supports"]
    assert effects("Andelen kvinner var over 50 prosent.", "Andelen kvinner var over 50 prosent.") == ["supports"]


def test_opposite_bounds_of_one_figure_do_not_agree():
    assert effects("Kommunen brukte under 30 millioner kroner på veiene.",
                   "Kommunen brukte over 30 millioner kroner på veiene.") == ["contradicts"]
    assert effects("Kommunen brukte over 20 millioner kroner på veiene.",
                   "Kommunen brukte under 30 millioner kroner på veiene.") == ["supports"]  # 20-30 fits both


def test_a_rounded_figure_confirms_only_to_the_step_it_is_written_to():
    # "rundt 120 milliarder" was confirmed by 133 (within ten per cent): a rounded figure says its own last digit
    assert effects("Staten brukte rundt 120 milliarder kroner på veiene.",
                   "Staten brukte 133 milliarder kroner på veiene.") == []  # not said, and not denied either
    assert effects("Staten brukte rundt 120 milliarder kroner på veiene.",
                   "Staten brukte 123 milliarder kroner på veiene.") == ["supports"]
    assert effects("Staten brukte rundt 100 milliarder kroner på veiene.",
                   "Staten brukte 108 milliarder kroner på veiene.") == ["supports"]  # rounded to the hundred
    assert effects("Staten brukte rundt 120 milliarder kroner på veiene.",
                   "Staten brukte 150 milliarder kroner på veiene.") == ["contradicts"]


def test_how_far_a_rounded_figure_reaches():
    from factcheck.stance.figure_match import ROUNDING_LEAST, ROUNDING_MOST, rounding
    assert rounding(one("rundt 120 personer")) == pytest.approx(10 / 120)
    assert rounding(one("rundt 1,6 millioner")) == pytest.approx(0.1 / 1.6)
    assert rounding(one("rundt 3 000 personer")) == ROUNDING_MOST
    assert rounding(one("rundt 1 234 personer")) == ROUNDING_LEAST
    assert rounding(one("hver fjerde nordmann")) == ROUNDING_MOST  # in words: no digit to read the step from
    # the checker's own reading of a figure: a decimal point is a decimal, dots between groups of three are not
    assert rounding(one("rundt 1.5 prosent")) == pytest.approx(0.1 / 1.5)
    assert rounding(one("rundt 1.000.000 kroner")) == ROUNDING_MOST
    assert rounding(one("rundt 1.234.567 kroner")) == ROUNDING_LEAST


def test_a_share_of_the_other_part_is_the_rest_of_the_whole():
    passage = "Om lag 60 prosent av de nye bussene i fylket går på strøm."
    assert effects("Fire av ti nye busser i fylket går ikke på strøm.", passage) == ["supports"]
    assert effects("Rundt 40 prosent av de nye bussene i fylket går uten strøm.", passage) == ["supports"]
    # shares that add up to the whole with the same polarity still contradict
    assert effects("Om lag 40 prosent av de nye bussene i fylket går på strøm.", passage) == ["contradicts"]



def test_a_closing_quote_alone_ends_no_sentence():
    from factcheck.stance.checks import run_checks
    from factcheck.stance.clauses import SENTENCE_SPLIT

    text = "Hun snakket i radioprogrammet «Sommar i P1» 14. august. «Det var fint.» Så gikk hun."
    assert SENTENCE_SPLIT.split(text) == ["Hun snakket i radioprogrammet «Sommar i P1» 14. august.", "«Det var fint.»",
                                          "Så gikk hun."]
    claim = "Hun snakket om boka i radioprogrammet «Sommar i P1» 14. juli."
    passage = "Hun snakket om boka i radioprogrammet «Sommar i P1» 14. august. Programmet ble sendt om kvelden."
    assert "contradicts" in [f.effect for f in run_checks(claim, passage, 0.9).findings if f.kind == "number"]


def test_a_count_of_a_compound_with_its_own_head_counts_something_else():
    from factcheck.stance.figure_match import same_noun

    assert same_noun("medlem", "medlemmer") and same_noun("skole", "skole")
    assert not same_noun("skole", "skoletime")  # lessons, not schools
    passage = "Elevene har fem skoletimer latin i uken."
    assert effects("Færre enn 50 skoler i fylket tilbyr latin.", passage) == []
    assert effects("Elevene har seks skoletimer latin i uken.", passage) == ["contradicts"]


def test_a_claim_whose_only_figure_is_a_year_states_that_year():
    from factcheck.stance.checks import amounts_not_found
    from factcheck.stance.findings import Finding

    claimed = tuple(figures("Ordningen med fastlege ble innført i 2001."))
    assert [q.text for q in amounts_not_found(claimed, [])] == ["2001"]
    assert amounts_not_found(claimed, [Finding("time", "supports", {}, "2001", "2001")]) == []  # the document's year
    # beside an amount the year says when: only the amount must be given
    assert [q.text for q in amounts_not_found(tuple(figures("Styret kuttet 40 stillinger i 2020.")), [])] == ["40"]


def test_a_day_set_off_by_a_comma_dates_the_whole_claim():
    passage = "Fredag kveld, den 31. oktober, fikk han en melding om at forlovelsen var over."
    assert "contradicts" in effects("Han fikk meldingen om at forlovelsen var over, fredag 31. august.", passage)
    assert "contradicts" not in effects("Han fikk meldingen om at forlovelsen var over, fredag 31. oktober.", passage)
    # with no words of its own a year cannot say which of the passage's years is its own: one that is there confirms
    assert effects("Partiet har sett det som mindre realistisk å komme i regjering i 2009 enn i 2013.",
                   "Partiet har innstilt seg på at 2013 er et mer realistisk tidspunkt for å komme i regjering enn "
                   "2009.") == ["supports", "supports"]


def test_a_number_after_nummer_is_a_place_in_an_order():
    assert one("Barnet blir nummer tre i arverekken.").unit == "rank"
    assert effects("Sønnen blir nummer to i arverekken.", "Sønnen blir nummer tre i arverekken til tronen.") == [
        "contradicts"]


def test_a_span_of_time_is_one_quantity_in_every_unit():
    # "to veker" is no "to dager", and "tre måneder" is "90 dager": spans are compared in days, not by their unit word
    assert effects("Dei levde som buddhistar i to veker.", "I to dager levde vi som buddhister.") == ["contradicts"]
    assert effects("Hun var borte fra skolen i to måneder.", "Hun var borte fra skolen i åtte uker.") == ["supports"]
    assert effects("Gabriele fikk halvannet års fengsel.", "Gabriele ble dømt til fengsel i 18 måneder.") == ["supports"]
    # but "15 år" is as often an age as a span: years are compared with months only
    assert effects("Cathrine var borte i tre uker.", "Cathrine var da 15 år og bodde alene.") == []
    assert effects("Cathrine var borte i over 50 dager.", "Cathrine var da 15 år og bodde alene.") == []
    assert effects("Permisjonen varer i tre måneder.", "Permisjonen varer i 90 dager.") == ["supports"]
    # a month is no fixed number of days: four weeks may be the month the passage says, so nothing is denied
    assert "contradicts" not in effects("Permisjonen varer i fire uker.", "Permisjonen varer i 30 dager.")
    # a calendar year is no span: "i 2019" is not compared with "i to år"
    assert effects("Han flyttet i 2019.", "Han bodde der i to år.") == []


def test_figures_swapped_between_two_counted_nouns_deny_each_other():
    # the claim's "ti" is in the passage, but counting districts, not people: it is not the claim's figure
    passage = "Nerdal opplyser at 14 personer så langt er pågrepet i til sammen ti politidistrikt."
    assert effects("Nerdal opplyser at ti personar så langt er pågripne i til saman 14 politidistrikt.", passage) \
        == ["contradicts", "contradicts"]
    # the same figure counting the same noun elsewhere in the passage still holds the sentence back
    claim, passage = "Politiet pågrep ti personer.", "Politiet pågrep ti personer i fjor. I år pågrep de 14 personer."
    def said(context):
        return [f.effect for f in check_numbers(claim, content_words(claim), "I år pågrep de 14 personer.", context)]
    assert said(passage) == ["supports"]  # the claim's figure of the same noun, in the passage's other sentence
    assert said("I år pågrep de 14 personer.") == ["contradicts"]


def test_the_second_and_the_first_time_are_ranks_before_a_singular_gang():
    assert effects("Mette-Marit er blitt mor for andre gang.", "Mette-Marit er nå blitt mamma for tredje gang.") \
        == ["contradicts"]
    assert [(q.text, q.unit) for q in figures("Laget vant for andre gong i 2010.")] == [("andre", "rank"),
                                                                                      ("2010", "year")]
    assert [q.text for q in figures("Laget vant for første gang i 2010.")] == ["2010"]  # an idiom that frames
    assert figures("Andre ganger gikk det bedre.") == []  # other times: no rank
    assert figures("Andre land gjorde det samme.") == []


def test_a_time_of_day_is_compared_with_times_of_day_only():
    assert [(q.text, q.unit, q.low, q.high) for q in figures("Åpent klokken 10–16, og møtet er kl. 18.30.")] == [
        ("klokken 10–16", "clock", 600, 960), ("kl. 18.30", "clock", 1110, 1110)]
    assert figures("Møtet starter kl. 10.05.")[0].unit == "clock"  # no date of 10 May
    # a time said on the dial is either half of the day; one after "før"/"etter" is bounded, not said
    assert effects("Datteren kom hjem klokka fire.", "Datteren kom hjem klokken 16.") == ["supports"]
    assert effects("Datteren kom hjem klokka fire.", "Datteren kom hjem klokken 17.") == ["contradicts"]
    assert "contradicts" not in effects("Folk flest begynner å jobbe klokka åtte.", "Folk flest begynner å jobbe før klokka 15.00.")
    assert [(q.text, q.low) for q in figures("Han sendte e-post klokka 16.03 og 16.16, og ringte klokken tolv.")] \
        == [("klokka 16.03", 963), ("16.16", 976), ("klokken tolv", 720)]
    assert effects("Debatten med Janne Haaland Matlary startar klokka 13.",
                   "Diskuter saken med Janne Haaland Matlary fra kl. 15!") == ["contradicts"]
    assert effects("Debatten med Matlary starter klokken 15.", "Diskuter saken med Matlary fra kl. 15!") == ["supports"]
    # the hour of another event is no support, and 13 people are no 13 o'clock
    assert effects("Debatten starter klokka 13.", "Kampen ble avblåst kl. 13.") == []
    assert effects("Debatten starter klokka 13.", "Debatten samlet 13 deltakere.") == []


def test_a_result_is_a_pair_of_goals_not_a_range():
    # "0-2" no longer confirms "0-3" as an overlapping range; nor does it deny it: a match report gives the score
    # at each goal as well as the final one ("CSKA ledet 2 - 0" / "vann kampen 3–0")
    assert effects("Viking tapte 0-3 borte mot CSKA Sofia i Uefa-cupen.",
                   "Viking tapte 0 - 2 for CSKA Sofia i Uefa-cupen.") == []
    assert effects("CSKA Sofia slo Viking 2–0 i Uefa-cupen.", "Viking tapte 0 - 2 for CSKA Sofia i Uefa-cupen.") \
        == ["supports"]  # the same goals, told from the winner's side
    # a count of goals may be one side of the result: it is confirmed, never denied (whose goals is not in the figures)
    passage = "Bryne er et søppellag som vi ikke skal tape mot, sier Arne Sandstø etter 1-2-tapet for Bryne."
    assert effects("Arne Sandstøs lag scoret bare ett mål i kampen mot Bryne.", passage) == ["supports"]
    assert effects("Arne Sandstøs lag scoret tre mål i kampen mot Bryne.", passage) == []
    assert [q.unit for q in figures("Barn i alderen 0–6 år får plass.")] == ["years"]  # a unit: a range
    assert [q.unit for q in figures("Kraftverkene ville øke prosenten med 10–12.")] == ["number"]  # rising: a range
    assert [q.unit for q in figures("Det følger av § 3-2 i forskriften.")] == ["number", "number"]  # a section


def test_an_aside_in_brackets_does_not_cut_a_figure_off_from_its_clause():
    passage = "I 2008 ble det gitt syntetisk cannabis (såkalt dronabinol) til syv personer."
    assert figures(passage)[1].left == ["gitt", "syntetisk", "cannabis"]
    assert "contradicts" in effects("I 2008 fikk mellom 10 og 20 personer behandling med syntetisk cannabis.", passage)


def test_an_aside_after_a_figure_still_ends_its_clause():
    # "(pluss Washington DC) avgjør ..." goes on with the main clause: its words would thin out what "50" is about
    passage = ("Valget er indirekte, der 538 valgmenn fordelt på de 50 statene (pluss Washington DC) avgjør hvem som "
               "blir president.")
    assert figures(passage)[1].right == ["statene"]
    assert "contradicts" in effects("I det amerikanske systemet fordeles 538 valgmenn på 15 stater.", passage)


def test_a_span_in_the_claims_own_unit_outweighs_one_read_in_another():
    passage = ("Under to måneder etter at de hadde møtt hverandre i Oslo, forlovet Shabana seg med den ti år eldre "
               "NRK-mannen Martin Gaarder.")
    assert effects("Shabana og Martin Gaarder vart forlova mindre enn to månader etter at dei trefte kvarandre.",
                   passage) == ["supports"]


def test_a_decade_written_short_or_in_words_is_the_decade():
    assert [(q.unit, q.low, q.high) for q in figures("Videoutleie ble populært på 80-tallet.")] == [("year", 1980, 1989)]
    assert [(q.unit, q.low) for q in figures("I løpet av sekstitallets siste år kom tritonus.")] == [("year", 1960)]
    assert effects("På 1960-tallet dukket tritonus opp i populærmusikken.",
                   "I løpet av sekstitallet dukket tritonus opp i populærmusikken.") == ["supports"]
    assert figures("Han var i 20-årene.")[0].unit == "number"  # an age, and "20-tallet" may be either century
