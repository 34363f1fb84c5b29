"""The negation check fires only on a negated statement about the same thing (own examples, not dev claims)."""

from __future__ import annotations

import pytest

from factcheck.stance.checks import check_negation, run_checks
from factcheck.stance.quantities import content_words


def contradicting(claim: str, passage: str) -> set[str]:
    """The kinds of check that contradict the claim in the passage (similarity fixed at 0.9)."""
    return {f.kind for f in run_checks(claim, passage, 0.9).findings if f.effect == "contradicts"}


def fires(claim: str, clause: str) -> bool:
    return bool(check_negation(claim, content_words(claim), clause))


@pytest.mark.parametrize("claim,clause", [
    ("Fondet gir ei avkastning på fire prosent i året.", "Fondet gir en avkastning på fire prosent i året."),
    ("Over 2000 innbyggere uten fastlege bor i kommunen.", "Kommunen har 2000 innbyggere og fire fastleger."),
    ("Landet har gjort en ressurs som tar slutt om til varige inntekter.",
     "Landet har gjort en ikke-fornybar ressurs om til varige inntekter."),
    ("Fondet har ikke lov til å eie statsobligasjoner.", "Fondet er verdens største statsfond."),
])
def test_what_is_not_a_negated_statement_does_not_fire(claim, clause):
    assert not fires(claim, clause)


@pytest.mark.parametrize("claim,clause", [
    ("Behandlingen er uten bivirkninger.", "Behandlingen har flere bivirkninger."),
    ("Fondet har ikke lov til å eie statsobligasjoner.", "Fondet kan eie statsobligasjoner fra alle land."),
])
def test_a_negated_statement_about_the_same_thing_still_fires(claim, clause):
    assert fires(claim, clause)


def test_a_comparison_is_not_a_change_of_direction():
    from factcheck.stance.checks import check_direction_and_antonyms
    from factcheck.stance.polarity import direction

    assert direction("Danske lærere har lengre ferier enn norske.") == 0
    assert direction("Lønningene økte mer enn prisene.") == 1  # a change word still counts
    assert direction("Ferien ble lengre i år.") == 1
    assert not check_direction_and_antonyms("Danske lærere har lengre ferier enn norske.",
                                            "Lærerne får færre feriedager i år.")
    assert direction("Elevene leser mindre enn før.") == -1  # compared with an earlier time: a change


@pytest.mark.parametrize("text,cues", [
    ("Forbundet avviste at streiken var ulovlig.", 1),
    ("Ministeren nekta for at skulen skal leggjast ned.", 1),
    ("Styret avviste ikkje at det kan bli kutt.", 2),  # not denied: the two cues cancel
    ("Ho nektet å svare på spørsmålet.", 0),  # refused, not denied
    ("Rådet avviste søknaden.", 0),  # no reported clause
    ("Det er utelukket at avtalen blir sagt opp.", 1),
    ("Han utelukket ikke at det kan skje igjen.", 2),
    ("Mannen benekter å ha misbrukt gutten.", 1),  # denies having done it: says he did not
    ("Ho avviste å ha fått pengane.", 1),
    ("Rådet avviste å behandle saken.", 0),  # refused to, which says nothing of what was done
])
def test_a_verb_that_denies_its_clause_negates_it(text, cues):
    from factcheck.stance.polarity import negation_count

    assert negation_count(text) == cues


def test_a_denial_is_read_against_the_clause_it_denies_not_the_speakers_tag():
    from factcheck.stance.engine import assess

    passage = ("Kommunen har for få sykehjemsplasser. Det er alvorlig at køen vokser, sier leder Kari Dahl "
               "i Pensjonistforbundet.")
    claim = "Pensjonistforbundets leder Kari Dahl avviste at kommunen har for få sykehjemsplasser."
    assert any(f.kind == "negation" for f in assess(claim, passage, 0.92).findings)
    said = "Pensjonistforbundets leder Kari Dahl sa at kommunen har for få sykehjemsplasser."
    assert not any(f.effect == "contradicts" for f in assess(said, passage, 0.92).findings)


@pytest.mark.parametrize("nynorsk,bokmal", [("Avtalen er utan unntak.", "Avtalen er uten unntak."),
                                             ("Avtalen har korkje unntak eller fristar.", "Avtalen har verken unntak eller frister.")])
def test_nynorsk_negation_words_count_as_their_bokmal_twins(nynorsk, bokmal):
    from factcheck.stance.polarity import negation_count

    assert negation_count(nynorsk) == negation_count(bokmal) == 1
    assert fires(nynorsk, "Avtalen har flere unntak for små bedrifter.")


def test_a_plain_claim_is_read_against_the_negated_clause_about_its_predicate():
    # the clause with most claim words is the last one; the negation stands in the one about "egnet"
    claim = "Ordningen er egnet til å korte ventetiden, særlig for eldre og kronisk syke pasienter i distriktene."
    passage = ("Ordningen, slik den er utformet i dag, er ikke egnet til å korte ventetiden nevneverdig, "
               "særlig i distriktene og spesielt for eldre og kronisk syke pasienter.")
    assert "negation" in {f.kind for f in run_checks(claim, passage, 0.9).findings}
    # a negated clause about something else in the same sentence is no answer
    other = ("Ordningen er egnet til å korte ventetiden, særlig for eldre og kronisk syke pasienter i distriktene, "
             "men den har ikke fått egne midler.")
    assert "negation" not in {f.kind for f in run_checks(claim, other, 0.9).findings}


def test_a_question_in_the_passage_asserts_nothing():
    from factcheck.stance.engine import assess

    claim = "Forskere har vist at mobilbruk ikke gir dårligere søvn."
    asked = assess(claim, "Gir mobilbruk dårligere søvn? Debatten om skjermtid pågår for fullt.", 0.92)
    assert asked.stance == "neutral" and not any(f.effect == "contradicts" for f in asked.findings)
    assert "question" in {f.kind for f in asked.findings}
    # the same words stated are read as usual
    stated = assess(claim, "Mobilbruk gir dårligere søvn, viser en ny studie.", 0.92)
    assert any(f.kind == "negation" for f in stated.findings)


def test_a_denied_implicative_verb_denies_its_infinitive_and_a_change_answers_its_direction():
    from factcheck.stance.checks import check_negation
    from factcheck.stance.polarity import negated_predicates
    from factcheck.stance.quantities import content_words

    claim = "Selskapet klarte ikke å øke antallet kunder i første kvartal og ble stående på 186 millioner."
    attached = negated_predicates(claim)
    assert "øke" in attached and "stå" not in attached  # "ble stående" is a clause of its own
    effects = lambda passage: [f.effect for f in check_negation(claim, content_words(claim), passage)]  # noqa: E731
    assert effects("Selskapet kan for første gang vise til en oppgang i antall kunder.") == ["contradicts"]
    # a fall in customers agrees with a denied increase
    assert effects("Selskapet kan for første gang vise til en nedgang i antall kunder.") == []


def test_without_the_same_thing_on_both_sides_is_no_difference_in_polarity():
    # word order lets only the first "uten" read as a cue (after a noun it describes the noun)
    assert contradicting("Også Israel bruker våpenmakten sin uten noen politisk strategi.",
                 "Men også Israel bruker sin våpenmakt uten politisk strategi.") == set()
    assert contradicting("Bønna syklet ut alene uten hjelm.", "Han hadde dratt ut med sykkelen, uten hjelm!") == set()
    # without something else, or a denial beside the "uten", still contradicts
    assert "negation" in contradicting("Israel bruker våpenmakten sin uten strategi.",
                               "Israel bruker våpenmakten sin med en klar strategi.")
    assert "negation" in contradicting("Pasientene fikk ikke behandling.", "Pasientene fikk behandling uten ventetid.")


def test_all_against_none_only_when_they_quantify_the_same_thing():
    from factcheck.stance.antonyms import antonym_clash

    assert antonym_clash("SV vil forby alle gasskraftverk som ikke har rensing.",
                         "Ingen aktører har sagt at de vil bygge et gasskraftverk med CO2-rensing.") is None
    assert antonym_clash("Alle pasientene fikk tilbud om behandling.",
                         "Ingen av pasientene fikk tilbud om behandling.") == ("alle", "ingen")
    assert antonym_clash("Alle kommunene har fått midler.", "Ingen kommuner har fått midler.") == ("alle", "ingen")
    assert antonym_clash("Alle kom på møtet.", "Ingen kom på møtet.") == ("alle", "ingen")


def test_an_adverbial_is_not_the_opposite_of_a_description():
    from factcheck.stance.antonyms import antonym_clash

    # "klart" (clearly) qualifies how fast the costs grow; "uklare" describes the reasons
    assert antonym_clash("Statsministeren sier at årsakene til de voksende utgiftene er uklare.",
                         "Folketrygdens utgifter vokser klart sterkere enn veksten i norsk økonomi.") is None
    assert antonym_clash("Årsakene er uklare.", "Årsakene er klare.") == ("uklare", "klare")
    assert antonym_clash("Regelen er uklart formulert.", "Regelen er klart formulert.") == ("uklart", "klart")


def test_a_denied_word_agrees_with_its_u_prefixed_opposite():
    assert contradicting("Statsministeren sier at årsakene er uklare for Regjeringen.",
                 "Statsministeren sier samtidig at Regjeringen ikke finner klare årsaker.") == set()
    assert contradicting("Partiene er uenige.", "Partiene er ikke enige.") == set()
    # the plain word denied, or the u-word denied, still contradicts
    assert "negation" in contradicting("Årsakene er klare.", "Årsakene er ikke klare.")
    assert "negation" in contradicting("Partiene er uenige.", "Partiene er ikke uenige.")


def test_a_denied_degree_agrees_with_the_plain_word_for_it():
    assert contradicting("Hyttene er tegnet slik at det blir lite innsyn.",
                 "Hyttene er gjerne utformet slik at det ikke er så mye innsyn.") == set()
    assert contradicting("Ingen av lagene hadde skapt mer enn én målsjanse da 45 minutter var spilt.",
                 "Da klokken passerte 45 minutter hadde lagene kun skapt en eneste målsjanse hver.") == set()
    # a denied degree against the same degree stated still contradicts
    assert "negation" in contradicting("Det er mange som søker plass.", "Det er ikke mange som søker plass.")


def test_never_lower_agrees_with_the_lowest_ever():
    assert contradicting("Rec-kursen har aldri vært lavere enn den var fredag.",
                 "Dermed sank kursen på Rec i Oslo fredag til det laveste nivået noensinne.") == set()
    # without "ever" on the other side the denial still reads as one
    assert "negation" in contradicting("Rec-kursen har aldri vært lavere enn den var fredag.", "Kursen var fredag lav.")


def test_lacking_something_agrees_with_not_having_it():
    assert contradicting("Over 100 000 innbyggere har ikke fastlege.", "Over 100 000 innbyggere mangler fastlege.") == set()
    assert contradicting("Ifølge henne er over 200 000 uten arbeid.",
                         "Vi står i en situasjon hvor over 200.000 mangler arbeid.") == set()
    # lacking something else is no answer either way; having it denied against having it still contradicts
    assert "negation" in contradicting("Over 100 000 innbyggere har ikke fastlege.", "Over 100 000 innbyggere har fastlege.")


def test_the_same_two_things_compared_the_other_way_contradict():
    assert "comparison" in contradicting("Husleiene i Tromsø er lavere enn i Bodø.", "Husleiene i Tromsø er høyere enn i Bodø.")
    assert "comparison" in contradicting("Skolen har færre elever enn nabokommunen.", "Skolen har flere elever enn nabokommunen.")
    # a negated comparison is the negation check's to read, and two others compared tell nothing
    assert "comparison" not in contradicting("Husleiene i Tromsø er ikke lavere enn i Bodø.",
                                             "Husleiene i Tromsø er høyere enn i Bodø.")
    assert "comparison" not in contradicting("Husleiene i Tromsø er lavere enn i Bodø.", "Lønningene i Alta er høyere enn i Bodø.")


def test_older_and_younger_compare_the_same_two_people_in_opposite_ways():
    assert "comparison" in contradicting("Søsteren er to år yngre enn broren.", "Søsteren er to år eldre enn broren.")
    assert "comparison" in contradicting("Søsteren er eldre enn broren.", "Broren er eldre enn søsteren.")
    # the same fact said from the other side
    assert "comparison" not in contradicting("Søsteren er eldre enn broren.", "Broren er yngre enn søsteren.")


def test_two_negations_on_two_predicates_deny_twice_and_do_not_cancel():
    from factcheck.stance import polarity

    # parity alone read "vi liker ikke X og vi er ikke fornøyde" as affirmed: Støttet 0.97 for "de er godt fornøyde"
    two_clauses = "Vi liker ikke hvordan de styrer klubben og vi er ikke særlig fornøyde med møtene med dem."
    assert polarity.negated(two_clauses)
    assert not polarity.negated("Ingen har ikke hørt om saken.")  # one predicate, auxiliary and main verb: cancels
    claim = "Styret er godt fornøyd med møtene med klubben."
    assert [f.effect for f in check_negation(claim, content_words(claim), two_clauses)] == ["contradicts"]


def test_only_the_cues_that_are_counted_deny_a_predicate_of_their_own():
    # "ikke bare stor" affirms (a litotes, not counted): it is no lone negation on "er" beside the double one on
    # "hatt", which cancels
    from factcheck.stance.polarity import negated

    assert not negated("Kommunen er ikke bare stor, den har ikke aldri hatt underskudd.")
    assert negated("Vi liker ikke hvordan de jobber, og vi er ikke fornøyde.")  # two predicates, each denied


def test_shares_of_each_part_explain_a_difference_in_polarity():
    passage = "Om lag 60 prosent av de nye bussene i fylket går på strøm."
    assert contradicting("Fire av ti nye busser i fylket går ikke på strøm.", passage) == set()
    assert contradicting("Seks av ti nye busser i fylket går ikke på strøm.", passage) == {"negation"}
