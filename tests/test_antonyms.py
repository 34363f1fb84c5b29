"""The general antonym lexicon: opposite words contradict only in one place of their sentences and one degree."""

import pytest

from factcheck.stance.antonyms import LEXICON, aligned, antonym_clash, degree


@pytest.mark.parametrize("claim,passage,clash", [
    ("Laget vant finalen mot Brann.", "Laget tapte finalen mot Brann.", ("vant", "tapte")),
    ("Regjeringen godkjente avtalen.", "Avtalen ble forkastet av regjeringen.", ("godkjente", "forkastet")),
    ("Legeforeningen anbefalte ordningen.", "Legeforeningen advarte mot ordningen.", ("anbefalte", "advarte")),
    ("Han ble frifunnet i tingretten.", "Han ble dømt i tingretten.", ("frifunnet", "dømt")),
    ("Det var en stor økning i antall pasienter.", "Det var en liten økning i antall pasienter.", ("stor", "liten")),
    ("Storbritannia forbød homofilt ekteskap i 2005.", "Storbritannia tillot homofilt ekteskap i 2005.",
     ("forbød", "tillot")),
    ("Partiet stemte ja til forslaget.", "Partiet stemte nei til forslaget.", ("ja", "nei")),
    ("Han er en sterk tilhenger av EU.", "Han er motstander av EU.", ("tilhenger", "motstander")),
    ("Hun var den yngste av sju søsken.", "Hun var eldst av sju søsken.", ("yngste", "eldst")),
])
def test_opposite_words_in_one_place_contradict(claim, passage, clash):
    assert antonym_clash(claim, passage) == clash


@pytest.mark.parametrize("claim,passage", [
    # about different things: the private kindergartens, the public grant
    ("Private barnehager fikk mer penger.", "Kommunen ga et offentlig tilskudd til barnehagene."),
    # a speech tag says how something was said, not what: the claim's advice is not what he warns of
    ("Ringstad anbefaler å få soppen kontrollert av en soppkontrollør.",
     "I verste fall kan det være dødelig hvis du spiser feil sopp, advarer Ringstad."),
    # larger than now is not large: another degree
    ("Trondheim kommune har rundt 2000 ansatte i små stillinger.",
     "Alle deltidsansatte i kommunen har rett på større stillinger."),
    # comparatives of age name two groups
    ("De yngre guttene fikk aldri lov til å ta seg av musikken.", "Musikken var en oppgave for de eldre gutta."),
])
def test_opposite_words_elsewhere_or_in_another_degree_do_not(claim, passage):
    assert antonym_clash(claim, passage) is None


def test_a_sentence_that_names_both_opposites_is_no_clash():
    clause = "De rike landene og de landene som har mye fornybar energi fra før, skal bygge ut mest"
    claim = "Nesten alle som blir drepne av ekstremvêr, bur i fattige land."
    assert antonym_clash(claim, clause) == ("fattige", "rike")
    assert antonym_clash(claim, clause, f"{clause}, de fattigste minst.") is None


def test_degree_reads_irregular_and_nynorsk_forms():
    assert [degree(w) for w in ("små", "større", "største", "sterkare", "svakast", "best")] == [0, 1, 2, 1, 2, 2]


def test_aligned_needs_both_words_in_their_sentences():
    assert aligned("Laget vant finalen.", "vant", "Laget tapte finalen.", "tapte")
    assert not aligned("Laget vant finalen.", "vant", "Laget tapte finalen.", "forkastet")


def test_no_word_stands_on_both_sides_of_a_pair():
    assert all(not (left & right) for left, right in LEXICON)


@pytest.mark.parametrize("negated,plain", [
    ("Senatet godkjende ikkje avtalen som Al Gore stemde for i Kyoto.",
     "I Kyoto stemte Al Gore for avtalen som så ble forkastet av Senatet."),
    ("Tiltaket er ikke trygt.", "Tiltaket er farlig."),
    ("Laget vant ikke finalen.", "Laget tapte finalen."),
])
def test_a_denied_word_agrees_with_its_opposite(negated, plain):
    from factcheck.stance.checks import check_negation
    from factcheck.stance.quantities import content_words

    assert check_negation(negated, content_words(negated), plain) == []
    assert check_negation(plain, content_words(plain), negated) == []


def test_a_denied_word_still_contradicts_itself_and_a_denied_all_is_not_none():
    from factcheck.stance.checks import check_negation
    from factcheck.stance.equivalence import antonym_equivalent
    from factcheck.stance.polarity import negated_words
    from factcheck.stance.quantities import content_words

    claim = "Tiltaket er ikke farlig."
    assert [f.kind for f in check_negation(claim, content_words(claim), "Tiltaket er farlig.")] == ["negation"]
    assert not antonym_equivalent("Ikke alle kom på møtet.", negated_words("Ikke alle kom på møtet."), "Ingen kom.")


def test_few_is_not_the_verb_get():
    assert antonym_clash("Det er mange tilgjengelige utgaver av boka i omløp.",
                         "Det er svært få tilgjengelige utgaver av boka i omløp.") == ("mange", "få")
    assert antonym_clash("Forbundet hadde to representanter, like mange som Frikirkerådet.",
                         "Forbundet fikk to representanter.") is None
    from factcheck.stance.checks import check_negation
    from factcheck.stance.quantities import content_words

    claim = "Offeret har ikke fått flere meldinger siden jul."
    assert [f.kind for f in check_negation(claim, content_words(claim), "Offeret har fått mange meldinger siden jul.")] == ["negation"]


def test_opposites_under_any_light_verb_fill_one_place():
    # "gjorde kommunene sterke" / "kommunene ble svake": the light verbs say little, the state words describe one
    # noun; the same verbs the negation check reads through (polarity.LIGHT_VERBS), not a smaller list of its own
    assert antonym_clash("Reformen gjorde kommunene sterke.", "Kommunene ble svake av reformen.") is not None
    assert antonym_clash("Reformen gjorde kommunene sterke.", "Reformen gjorde svake skoler dyrere.") is None


def test_an_adjective_describes_the_bare_nouns_joined_to_its_own():
    # "foreløpige vurderinger og anbefalinger": the recommendations are preliminary too
    assert antonym_clash("Kommisjonen la fram sine endelige anslag i mai.",
                         "Kommisjonen la fram foreløpige tall og anslag i mai.") == ("endelige", "foreløpige")
    # a joined noun with a determiner or adjective of its own is not described by the first one's adjective
    assert antonym_clash("Kommunen bygde en stor skole.", "Kommunen bygde et lite bibliotek og en skole.") is None
    assert antonym_clash("Kommisjonen la fram sine endelige tall i mai.",
                         "Kommisjonen la fram tallene og de foreløpige anslagene i mai.") is None
