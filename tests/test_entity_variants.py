"""Names: nynorsk/bokmål spellings are one entity, places clash only at the same scale, the home
country is implied (own examples, not dev claims)."""

from __future__ import annotations

import pytest

from factcheck.stance.entity_check import check_entities
from factcheck.stance.quantities import content_words
from factcheck.stance.variants import same_name, same_word


@pytest.mark.parametrize("a,b,same", [
    ("Noreg", "Norge", True), ("Noregs", "Norges", True), ("innbyggarar", "innbyggere", True),
    ("kommunar", "kommuner", True), ("Hovudstyret", "Hovedstyret", True),
    ("Island", "Irland", False), ("Bergen", "Borgen", False), ("Sverige", "Norge", False), ("Kina", "Kenya", False),
])
def test_spelling_variants_share_a_key_and_different_names_do_not(a, b, same):
    assert same_word(a, b) is same


def test_multi_word_names_compare_word_by_word():
    assert same_name("Noregs Bank", "Norges Bank") and not same_name("Noregs Bank", "Norges Bygg")


def findings(claim: str, sentence: str, context: str = ""):
    return [(f.kind, f.effect) for f in check_entities(claim, content_words(claim), sentence, f"{sentence} {context}")]


def test_a_nynorsk_spelling_of_a_name_is_the_same_name():
    assert findings("Det var Norges Bank som solgte aksjene i fjor.", "Det var Noregs Bank som selde aksjane i fjor.") == []


def test_a_country_does_not_clash_with_a_city_but_a_city_clashes_with_a_city():
    assert ("entity", "contradicts") not in findings("Ordningen ble innført i Danmark i 2010.",
                                                     "Ordningen ble innført i København i 2010.")
    assert findings("Ordningen ble innført i Bergen i 2010.", "Ordningen ble innført i Trondheim i 2010.") == [
        ("entity", "contradicts")]


def test_the_home_country_is_implied_by_a_text_that_names_no_other():
    assert findings("Over 5000 leger jobber i allmennpraksis i Norge.", "Over 5000 leger jobber i allmennpraksis.") == []
    assert findings("Over 5000 leger jobber i allmennpraksis i Norge.",
                    "Over 5000 leger jobber i allmennpraksis i Sverige.") == [("entity", "contradicts")]
    # another country is not implied
    assert findings("Over 5000 leger jobber i allmennpraksis i Finland.", "Over 5000 leger jobber i allmennpraksis.") == [
        ("entity", "neutral")]


def test_the_home_country_named_as_an_actor_is_implied_too():
    claim = "Over 5000 leger jobber i allmennpraksis i Norge."
    kept = check_entities(claim, content_words(claim), "Over 5000 leger jobber i allmennpraksis.",
                          "Over 5000 leger jobber i allmennpraksis.", claim_ner=[("Norge", "GPE_ORG")])
    assert kept == []


def test_a_place_the_document_is_about_is_implied_where_the_passage_is_silent_about_place():
    from types import SimpleNamespace

    from factcheck.stance.entities import names_by_document, places_by_document

    def passage(doc, text):
        return SimpleNamespace(doc_id=doc, text=text, entities=[])

    about = places_by_document(names_by_document([passage("a", "Rapport fra Tromsø kommune."), passage("a", "Ventetiden var fire uker."),
                                passage("b", "Tiltak i Tromsø og Bodø."), passage("b", "Ventetiden var fire uker.")]))
    assert about == {"a": ("Tromsø",), "b": ()}
    claim = "I Tromsø var ventetiden fire uker."
    sentence = "Ventetiden var fire uker."
    assert check_entities(claim, content_words(claim), sentence, sentence, document_places=about["a"]) == []
    assert [f.effect for f in check_entities(claim, content_words(claim), sentence, sentence,
                                             document_places=about["b"])] == ["neutral"]
    other = "I Bodø var ventetiden fire uker."  # a passage naming another city is no implication
    assert check_entities(claim, content_words(claim), other, other, document_places=about["a"]) != []


def test_the_words_of_a_name_the_ner_found_are_not_names_of_their_own():
    from factcheck.stance.entities import extract

    found = extract("Rapporten ble laget av Oslo Economics for departementet.", [("Oslo Economics", "ORG")])
    assert [e.name for e in found] == ["Oslo Economics"]
    claim = "Rapporten ble laget av Oslo Economics for departementet."
    sentence = "Rapporten ble laget for departementet."
    said = check_entities(claim, content_words(claim), sentence, sentence, claim_ner=[("Oslo Economics", "ORG")])
    assert [f.claim_value for f in said] == ["Oslo Economics"]


def test_the_source_of_the_document_names_who_speaks():
    from types import SimpleNamespace

    from factcheck.stance.engine import assess_hits

    claim = SimpleNamespace(text="Ifølge Norges Bank steg renten i fjor.", entities=(("Norges Bank", "ORG"),))
    passage = SimpleNamespace(text="Renten steg i fjor.", context="Pengepolitisk rapport", entities=[], doc_id="d",
                              source="https://www.norges-bank.no/aktuelt/rapport/", table_labels=[])
    stance = assess_hits(claim, [SimpleNamespace(passage=passage, dense=0.95, quote=0.0)])[0]
    assert not any(f.kind == "entity" for f in stance.findings)
    passage.source = "https://www.example.no/rapport/"
    stance = assess_hits(claim, [SimpleNamespace(passage=passage, dense=0.95, quote=0.0)])[0]
    assert any(f.kind == "entity" for f in stance.findings)


def test_the_parse_puts_a_cleft_name_and_a_plain_subject_in_one_slot():
    from factcheck.stance.slots import same_slot, slots

    claim = slots("Det er Statnett som driver strømnettet i Norge.", ["Statnett"])["statnett"]
    passage = slots("Elvia driver strømnettet i Oslo og Viken.", ["Elvia", "Oslo", "Viken"])
    assert same_slot(claim, passage["elvia"])
    assert passage["oslo"] == passage["viken"]  # a coordinated name sits where the first one does


def test_names_clash_only_in_the_same_slot_by_the_parse():
    # the same noun under the same preposition: a clash
    assert ("entity", "contradicts") in findings("Fondet passerte i fjor statsfondet til Kuwait.",
                                                 "Fondet har nå passert statsfondet til Qatar.")
    # "faren til X" is no place: a painting hung in a gallery is not contradicted by whose father signed it
    from factcheck.stance.slots import same_slot, slots
    a = slots("Bildet henger i dag i Nasjonalgalleriet.", ["Nasjonalgalleriet"])["nasjonalgalleriet"]
    b = slots("Et bilde fra 1937 signert av faren til Dagfin.", ["Dagfin"])["dagfin"]
    assert not same_slot(a, b)


def test_a_speaker_the_document_names_elsewhere_is_not_missing_from_the_passage():
    from types import SimpleNamespace

    from factcheck.stance.engine import assess_hits
    from factcheck.stance.entities import names_by_document

    claim = SimpleNamespace(text="Ifølge Vista Analyse mangler kommunen 40 lærere.", entities=())
    said = SimpleNamespace(text="Kommunen mangler 40 lærere.", context="", entities=[], doc_id="d", source="", table_labels=[])
    intro = SimpleNamespace(text="Rapporten fra Vista Analyse kom i går.", entities=[], doc_id="d")
    hit = SimpleNamespace(passage=said, dense=0.95, quote=0.0)
    names = names_by_document([intro, said])
    assert not any(f.kind == "entity" for f in assess_hits(claim, [hit], speaker="Vista Analyse",
                                                           document_names=names)[0].findings)
    # each name of the speaker's words counts on its own: the one the document names is no longer missing
    both = SimpleNamespace(text="Ifølge Vista Analyse og Fafo mangler kommunen 40 lærere.", entities=())
    left = [f.claim_value for f in assess_hits(both, [hit], speaker="Vista Analyse og Fafo",
                                                document_names=names)[0].findings if f.kind == "entity"]
    assert left == ["Fafo"]
    # without the speaker's name in the document, the passage is not that speaker's statement
    elsewhere = names_by_document([said])
    assert any(f.kind == "entity" for f in assess_hits(claim, [hit], speaker="Vista Analyse",
                                                       document_names=elsewhere)[0].findings)


def test_an_institution_named_by_a_common_noun_is_no_name_even_when_the_ner_tags_it():
    from factcheck.stance.entities import extract

    found = extract("Regjeringens utvalg ble ledet av Kari Nordmann.", [("Regjeringens", "ORG"), ("Kari Nordmann", "PER")])
    assert [e.name for e in found] == ["Kari Nordmann"]


def test_names_with_one_head_clash_in_one_role_whatever_kinds_the_ner_gave_them():
    claim = "Evalueringen ble gjort av Bergen Analyse på oppdrag fra kommunen."
    passage = "Evalueringen er utført av Vest Analyse på oppdrag fra fylket."
    # the NER calls one a place and the other a person; sharing "Analyse", they are of one kind
    found = check_entities(claim, content_words(claim), passage, "", [("Bergen Analyse", "LOC")],
                           [("Vest Analyse", "PER")])
    assert [(f.effect, f.evidence_value) for f in found] == [("contradicts", "Vest Analyse")]
    # the same name is no clash
    assert not any(f.effect == "contradicts" for f in check_entities(
        claim, content_words(claim), passage.replace("Vest Analyse", "Bergen Analyse"), "",
        [("Bergen Analyse", "LOC")], [("Bergen Analyse", "LOC")]))


def test_a_place_given_as_an_adjective_in_another_role_does_not_clash():
    # a currency's country is no answer to the winner's: neither reading finds both names in one role
    claim = "Løperen fikk 50 000 svenske kroner for sammenlagtseieren i verdenscupen."
    passage = "Løperen vant verdenscupen sammenlagt og ble den første danske sammenlagtvinneren på ti år."
    assert ("entity", "contradicts") not in findings(claim, passage)


def test_a_known_place_or_party_in_the_genitive_is_the_same_name():
    from factcheck.stance.entities import extract

    claim = "Arbeiderpartiets leder besøkte Bergens havn."
    assert check_entities(claim, content_words(claim), "Lederen for Arbeiderpartiet besøkte havna i Bergen.") == []
    assert [e.name for e in extract("Han er Norges og Hellas' beste.")] == ["Norge", "Hellas"]
    # read as the place it names, so it can still clash with another city where the parse puts both in one slot
    assert extract("Han bodde midt i Trondheims sentrum.") == [extract("Han bodde i Trondheim.")[0]]


def test_a_person_named_in_full_is_named_by_surname_in_the_passage_unless_replaced():
    claim = "Kari Nordmann Berg vant sprinten i Lahti for tredje gang."
    ner = [("Kari Nordmann Berg", "PER"), ("Lahti", "GPE_LOC")]

    def found(sentence: str, names: list[str]):
        passage_ner = [(n, "PER") for n in names] + [("Lahti", "GPE_LOC")]
        return [(f.kind, f.effect) for f in check_entities(claim, content_words(claim), sentence, sentence, ner, passage_ner)]

    assert found("Dermed vant Nordmann Berg sprinten i Lahti for tredje gang.", ["Nordmann Berg"]) == []
    assert found("Dermed vant Berg sprinten i Lahti for tredje gang.", ["Berg"]) == []
    # in the title or elsewhere in the passage, beside names the NER did not find
    assert found("Dermed vant hun sprinten i Lahti for tredje gang.", []) != []
    assert check_entities(claim, content_words(claim), "Dermed vant hun sprinten i Lahti for tredje gang.",
                          "Nordmann Berg vant igjen", ner, [("Lahti", "GPE_LOC")]) == []
    # another person with that surname is someone else
    assert found("Dermed vant Ola Berg sprinten i Lahti for tredje gang.", ["Ola Berg"]) == [("entity", "contradicts")]
    # a surname elsewhere in the sentence does not hide the name that replaces the claim's in its slot
    assert ("entity", "contradicts") in findings("Kid Rock har gått ut og støttet Barack Obama.",
                                                 "Springsteen spilte for Obama, mens Kid Rock har gått ut og støttet Romney.")


def test_two_unknown_names_in_one_argument_of_one_predicate_clash_whatever_kinds_the_ner_guessed():
    claim = "Den nye appen utvikles av Telenor."
    passage = "Den nye appen utvikles av Google, som også skal drifte den."
    # the NER calls one a person and the other an organisation: the parse puts both in (av, utvikle)
    found = check_entities(claim, content_words(claim), passage, "", [("Telenor", "PER")], [("Google", "ORG")])
    assert [(f.effect, f.evidence_value) for f in found] == [("contradicts", "Google")]
    # the same two names in different arguments answer different questions: not mentioned, no clash
    other = "Google kjøpte appen, og den utvikles nå av en ny eier."
    assert not any(f.effect == "contradicts" for f in check_entities(
        claim, content_words(claim), other, "", [("Telenor", "PER")], [("Google", "ORG")]))


def test_known_places_are_compared_by_scale_whatever_kind_the_ner_gave_them():
    claim = "Selskapet er Bergens største arbeidsgiver."
    passage = "Selskapet er Oslos største arbeidsgiver."
    found = check_entities(claim, content_words(claim), passage, "", [("Bergens", "ORG")], [("Oslos", "GPE_LOC")])
    assert [(f.effect, f.evidence_value) for f in found] == [("contradicts", "Oslo")]


def test_a_name_the_ner_ends_with_a_full_stop_is_the_name_and_a_party_is_an_organisation():
    from factcheck.stance.entities import extract

    assert [(e.name, e.kind) for e in extract("I Trondheim samarbeider de med KrF.", [("KrF.", "PER")])] == [
        ("KrF", "org"), ("Trondheim", "place")]


def test_a_replaced_name_with_another_figure_is_another_fact_not_a_contradiction():
    from factcheck.stance.checks import run_checks

    claim = "Podemos får rundt 35 seter i valget."
    other = "Vox får mellom 56 og 59 seter i valget."
    kinds = {(f.kind, f.effect) for f in run_checks(claim, other, 0.9, claim_ner=[("Podemos", "ORG")],
                                                    passage_ner=[("Vox", "ORG")]).findings}
    assert ("entity", "contradicts") not in kinds and ("entity", "neutral") in kinds
    # the same figure for another party is the claim's fact with its name replaced
    same = "Vox får rundt 35 seter i valget."
    assert ("entity", "contradicts") in {(f.kind, f.effect) for f in run_checks(
        claim, same, 0.9, claim_ner=[("Podemos", "ORG")], passage_ner=[("Vox", "ORG")]).findings}


def test_a_name_is_compared_with_the_sentence_that_fills_its_slot_and_an_added_clause_does_not_hide_it():
    claim = "Kari Holm var rektor i Tromsø fra 1990 til 1998, før hun ble sjef for en stor bank."
    passage = ("Som medlem av styret var Kari Holm en kjent skikkelse i byen lenge. "
               "Hun var rektor i Bodø fra 1990 til 1998, og siden direktør i et forlag.")
    found = check_entities(claim, content_words(claim), passage.split(". ")[0], passage, passage=passage)
    assert [(f.effect, f.evidence_value) for f in found] == [("contradicts", "Bodø")]
    # the claim's clause with the name must be the passage's: another office in another town is no clash
    other = ("Som medlem av styret var Kari Holm en kjent skikkelse i byen lenge. "
             "Broren var lege i Bodø fra 1990 til 1998.")
    assert not any(f.effect == "contradicts" for f in check_entities(
        claim, content_words(claim), other.split(". ")[0], other, passage=other))


def test_a_foreign_name_with_or_without_its_accents_is_one_name():
    from factcheck.stance.entities import Entity, same_entity

    assert same_entity(Entity("Pedro Sánchez'", "name"), Entity("Sanchez'", "name"))  # surname, genitive, accent
    assert same_entity(Entity("Tórshavn", "name"), Entity("Torshavn", "name"))
    # æ, ø and å are letters of their own: Bø is not Bo
    assert not same_entity(Entity("Bø", "name"), Entity("Bo", "name"))
    claim = "Partiet til Pedro Sánchez vant valget."
    assert check_entities(claim, content_words(claim), "Partiet til Pedro Sanchez vant valget.") == []


def test_two_names_that_swap_their_slots_by_the_parse_contradict():
    claim = "Det er Kari Holm som skriver at Per Dahl vil selge gården."
    passage = "Kari Holm vil selge gården, skriver Per Dahl i en kronikk."
    ner = [("Kari Holm", "PER"), ("Per Dahl", "PER")]
    found = check_entities(claim, content_words(claim), passage, "", ner, ner)
    assert [(f.effect, f.claim_value, f.evidence_value) for f in found] == [("contradicts", "Kari Holm", "Per Dahl")]
    # the same names in the same slots are no swap
    same = "Kari Holm skriver at Per Dahl vil selge gården."
    assert check_entities(claim, content_words(claim), same, "", ner, ner) == []


def test_a_swap_beside_another_figure_stays_a_swap():
    from factcheck.stance.checks import run_checks

    ner = [("Kari Holm", "PER"), ("Per Dahl", "PER")]
    claim = "Det er Kari Holm som skriver at Per Dahl solgte 40 kyr."
    passage = "Kari Holm solgte 35 sauer, skriver Per Dahl."  # another count, which a replaced name would make another item
    found = {(f.kind, f.effect) for f in run_checks(claim, passage, 0.9, claim_ner=ner, passage_ner=ner).findings}
    assert ("entity", "contradicts") in found and ("entity", "neutral") not in found


def test_the_worlds_countries_and_large_cities_have_a_scale():
    from types import SimpleNamespace

    from factcheck.stance.entities import Entity, extract, names_by_document, places_by_document

    assert extract("Han reiste fra Peking til Saudi-Arabia.") == [Entity("Beijing", "place", "city"),
                                                                   Entity("Saudi-Arabia", "place", "country")]
    assert extract("Kinesiske og russiske soldater deltok.") == [Entity("Kina", "place", "country"),
                                                                 Entity("Russland", "place", "country")]
    # a city the gazetteer knows is the one city of a story that also names a place only the NER found
    story = [SimpleNamespace(doc_id="a", text="Paraden startet i Beijing tirsdag.", entities=[["Beijing", "GPE_LOC"]]),
             SimpleNamespace(doc_id="a", text="Det melder Bloomberg.", entities=[["Bloomberg", "GPE_LOC"]])]
    assert "Beijing" in places_by_document(names_by_document(story))["a"]


def test_a_name_in_apposition_is_named_by_its_noun():
    claim = "Etter stormen Ingunn hadde kommunen skader for 40 millioner kroner."
    sentence = "Etter stormen hadde kommunen skader for 4 millioner kroner."
    assert check_entities(claim, content_words(claim), sentence, sentence) == []
    # a name after a preposition has no such noun: the passage does not name it
    other = "Kommunen i Ålesund hadde skader for 40 millioner kroner."
    assert [f.effect for f in check_entities(other, content_words(other), sentence, sentence)] == ["neutral"]


def test_the_first_word_of_a_quoted_utterance_is_no_name():
    # Norwegian news opens a quote with a dash: "- Jeg ..." after another sentence was read as a person "Jeg",
    # which clashed with the claim's name
    from factcheck.stance.entities import extract

    passage = "Sju år gamle Even danser med stemora «Shabi». - Jeg har vært opptatt av det."
    assert [e.name for e in extract(passage)] == ["Even", "Shabi"]
    assert [e.name for e in extract("Han sa det i går. – Vi kommer tilbake, sa Hansen.")] == ["Hansen"]
    claim = "Shabana er stemor til Even."
    findings = check_entities(claim, content_words(claim), passage, passage)
    assert not any(f.effect == "contradicts" for f in findings), findings


def test_a_part_of_the_world_holds_countries_and_clashes_only_with_another_part():
    # Europa was listed among the countries, so "i Europa" contradicted a claim about Norge
    def clash(claim, passage):
        return [f.evidence_value for f in check_entities(claim, content_words(claim), passage, passage)
                if f.effect == "contradicts"]

    assert clash("Hockeyinteressen er stor i Sverige.", "Hockeyinteressen er stor i Europa.") == []
    assert clash("Ordningen finnes i Nord-Amerika.", "Ordningen finnes i Europa.") == ["Europa"]
    assert clash("Ordningen finnes i Danmark.", "Ordningen finnes i Finland.") == ["Finland"]


def test_only_names_of_one_kind_trade_places():
    from factcheck.stance.entities import swapped

    claim = "Damion Potter er kommunikasjonssjef for ESPN i Europa, Afrika og deler av Asia."
    passage = "Damion Potter er kommunikasjonssjef i tv-kanalen ESPN for Europa, Afrika og deler av Asia."
    assert swapped(claim, passage) is None
    ner = [("Pegi Young", "PER"), ("Neil Young", "PER")]
    assert swapped("Pegi Young forlot Neil Young.", "Neil Young forlot Pegi Young.", ner, ner) == ("Pegi Young", "Neil Young")


def test_nouns_that_trade_argument_slots_are_a_swap_and_a_turned_round_clause_is_not():
    from factcheck.stance.slots import swapped_nouns

    # the written pairs' role swaps without a name the gazetteer knows: Støttet before, the words being the same
    assert swapped_nouns("Sønnen steker biff til pappaen.", "Pappaen steiker biff til sønnen.") == ("Sønnen", "Pappaen")
    assert swapped_nouns("I 1952 overdro staten sine rettigheter til arvingene.",
                         "Arvingene overdro sine rettigheter til staten i 1952.") == ("staten", "Arvingene")
    # the same roles in other words, a passive, and two comparisons (the comparison check's) are no swap
    assert swapped_nouns("Sønnen steker biff til pappaen.", "Til pappaen steker sønnen biff.") is None
    assert swapped_nouns("Bomben smadret avisstativet.", "Avisstativet ble smadret av bomben.") is None
    assert swapped_nouns("Skolen har dårligere standard enn nabobyen.", "Nabobyen har bedre standard enn skolen.") is None
    assert findings("Sønnen steker biff til pappaen.", "Pappaen steiker biff til sønnen.") == [("entity", "contradicts")]


def test_a_nationality_adjective_is_found_by_the_parse_where_the_text_writes_it():
    # "norsk" and "svenske" describe one noun: the parse finds them as written, not as Norge and Sverige
    assert findings("Prisen ble delt ut av en norsk stiftelse i 2010.",
                    "Prisen ble delt ut av den svenske stiftelsen i 2010.") == [("entity", "contradicts")]
    # in another role (where the winner comes from, not who gave the prize) it is not the same question
    assert ("entity", "contradicts") not in findings("Prisen ble delt ut av en norsk stiftelse i 2010.",
                                                     "Den svenske vinneren fikk prisen av stiftelsen i 2010.")


def test_a_name_before_a_compound_and_before_its_head_fill_one_slot():
    # "valgprogram" is a kind of "program": the two names describe the same thing
    assert findings("Regjeringen bygger politikken sin på Hansens valgprogram.",
                    "Regjeringen bygger sin politikk på Olsens program.") == [("entity", "contradicts")]
    assert findings("Regjeringen bygger politikken sin på Hansens valgprogram.",
                    "Regjeringen bygger sin politikk på Olsens budsjett.") == [("entity", "neutral")]


def test_a_name_in_the_genitive_says_whose_whether_the_parse_calls_it_a_determiner_or_an_attribute():
    from factcheck.stance import slots

    # the pipeline reads "Elizabeths" as ATR and "Mauds" as DET before the same noun: one slot
    mine, theirs = slots.slots("Ringen var dronning Elizabeths forlovelsesring.", ["Elizabeths"]), slots.slots(
        "Ringen var dronning Mauds forlovelsesring.", ["Mauds"])
    assert {mine["elizabeths"].relation, theirs["mauds"].relation} == {"ATR", "DET"}
    assert findings("Ringen var dronning Elizabeths forlovelsesring.",
                    "Ringen var dronning Mauds forlovelsesring.") == [("entity", "contradicts")]


def test_a_place_as_an_adjective_and_a_place_after_i_or_fra_answer_one_question():
    claim = "Lene Espersen, tidligere utenriksminister i Sverige, talte på møtet."
    passage = "Den tidligere danske utenriksministeren Lene Espersen talte på møtet."
    assert findings(claim, passage) == [("entity", "contradicts")]
    # the adjective describes another word than the place does: no clash ("svenske kroner" / "vinneren fra Danmark")
    assert ("entity", "contradicts") not in findings("Vinneren fra Danmark fikk 50 000 kroner.",
                                                     "Vinneren fikk 50 000 svenske kroner.")
