from factcheck.stance import antonyms, polarity
from factcheck.stance.engine import assess

PASSAGE_CRIME = ("Ett år etter at behandlingen startet, var det en reduksjon på 65 % i antall selvrapporterte "
                 "vinningsforbrytelser og en reduksjon på 31 % i narkotikarelatert kriminalitet.")


def test_number_mismatch_names_both_numbers():
    result = assess("Vinningskriminaliteten gikk ned med 31 prosent det første året.", PASSAGE_CRIME, 0.92)
    assert result.stance == "contradicts"
    message = result.findings[-1].message["nb"] if result.findings else ""
    assert "65 %" in message and "31 prosent" in message


def test_matching_number_supports():
    result = assess("Vinningskriminaliteten gikk ned med 65 prosent det første året.", PASSAGE_CRIME, 0.93)
    assert result.stance == "supports"


def test_negation_flips_stance():
    passage = "HAB er forbundet med flere selvrapporterte komplikasjoner."
    assert assess("HAB har ikke gitt komplikasjoner.", passage, 0.9).stance == "contradicts"
    assert assess("Det har aldri vore rapportert komplikasjonar i HAB.", passage, 0.88).stance == "contradicts"


def test_direction_words():
    passage = ("Pasienter som ikke har lykkes med metadonbehandling, har nytte av HAB (1-5). "
               "Det ses da større nedgang i bruk av illegalt heroin og kriminalitet.")
    assert polarity.direction(passage.split(". ")[1]) == -1
    assert assess("Pasienter i HAB bruker mer illegalt heroin enn før.", passage, 0.9).stance == "contradicts"
    assert assess("Pasienter i HAB bruker mindre illegalt heroin.", passage, 0.91).stance == "supports"


def test_antonyms():
    assert antonyms.antonym_clash("HAB er et billig tilbud.", "HAB er kostnadskrevende.") == ("billig", "kostnadskrevende")
    assert antonyms.antonym_clash("HAB er dyrt.", "HAB er kostnadskrevende.") is None


def test_unrelated_passage_is_neutral():
    result = assess("Danmark har tilbudt HAB i ti år.", "Oslo SV mener derfor følgende om budsjettet.", 0.80)
    assert result.stance == "neutral"


def test_names_found_by_the_trained_ner_count():
    from factcheck.text.nlp import TRAINED_PIPELINE_DIR, load_nlp
    from factcheck.text.sentences import split_sentences

    claim = split_sentences("Bent Høie sa at HAB ble etablert i Norge i 2022.", load_nlp(str(TRAINED_PIPELINE_DIR)))[0]
    assert ("Bent Høie", "PER") in claim.entities
    passage = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen."
    with_ner = assess(claim.text, passage, 0.93, claim_ner=claim.entities)
    assert any(f.kind == "entity" and "Bent Høie" in f.message["nb"] for f in with_ner.findings)
    assert with_ner.stance != "supports"  # the corpus never says Høie said it


def test_direction_in_any_inflection_and_as_go_up_or_down():
    assert polarity.direction("Ledigheten gikk ned i fjor.") == -1
    assert polarity.direction("Prisane har gått opp.") == 1
    assert polarity.direction("Talet på fastlegar minkar.") == -1  # nynorsk, by its lemma
    assert polarity.direction("Utgiftene reduseres neste år.") == -1
    assert polarity.direction("Ledigheten gikk ned, men prisene gikk opp.") == 0  # both ways: no direction


def test_a_change_verb_after_a_modal_has_its_direction_and_a_degree_word_does_not_turn_it():
    # "vil falle" falls as "faller" does; "mye mer" says how much, so the sentence is no rise
    assert polarity.direction("Prisene kommer til å falle.") == -1
    assert polarity.direction("Boligprisene i Spania vil falle mye mer.") == 0
    assert not [f for f in assess("Steinar Juel tror boligprisene i Spania vil falle mye mer.",
                                  "Prisene i det spanske boligmarkedet har falt 25 - 30 prosent siden toppen i 2007.",
                                  0.9).findings if f.kind == "direction"]


def test_antonyms_meet_in_comparative_and_superlative_forms_bokmal_and_nynorsk():
    assert antonyms.antonym_clash("Oslo har landets høyeste dekning.", "Oslo har landets laveste dekning.")
    assert antonyms.antonym_clash("Oslo har landets høgaste dekning.", "Oslo og Akershus har den lågaste.")
    assert antonyms.antonym_clash("Tilbudet er tryggere nå.", "Tilbudet er farlig.")
    # two comparisons are the comparison check's to read: the order decides, not the words
    assert antonyms.antonym_clash("Østkanten har lavere utdanningsnivå enn vestkanten.",
                                  "Vestkanten har høyere utdanningsnivå enn østkanten.") is None


def test_a_negated_opposite_is_no_direction_clash():
    from factcheck.stance.checks import check_direction_and_antonyms

    # "not reduced" is not "increased", and the negation check reads the negated side
    assert check_direction_and_antonyms("Kommunen har ikke redusert støtten.", "Kommunen har økt støtten.") == []
    assert [f.kind for f in check_direction_and_antonyms("Kommunen har redusert støtten.",
                                                         "Kommunen har økt støtten.")] == ["direction"]


def test_the_direction_around_a_shared_figure_is_compared_in_its_own_clause():
    from factcheck.stance.checks import check_figure_direction, run_checks

    passage = ("Totalt ble det anmeldt 40.112 tyverier i fylket i fjor, en økning på 3,5 prosent fra året før. "
               "Siden 2015 har antall anmeldelser likevel gått ned med 18,2 prosent, ifølge statistikken.")
    findings = run_checks("Antall anmeldte tyverier i fylket gikk ned med 3,5 prosent i fjor.", passage, 0.9).findings
    # the clause with most claim words ("gått ned", "antall") holds another figure; the 3,5 % clause rises
    assert [(f.kind, f.claim_value) for f in findings if f.effect == "contradicts"] == [("direction", "3,5 prosent")]
    # the same figure and the same direction, or a figure the passage does not give: nothing to contradict
    assert check_figure_direction("Antall tyverier økte med 3,5 prosent.", passage, []) == []
    assert check_figure_direction("Antall tyverier gikk ned med 4 prosent.", passage, []) == []
    # a figure the passage gives twice, once rising and once falling, is not anchored to one change
    both = "Salget økte med 2 prosent i mai, og prisene falt med 2 prosent."
    assert check_figure_direction("Salget gikk ned med 2 prosent.", both, []) == []


def test_a_negation_contradicts_only_what_the_parse_attaches_it_to():
    from factcheck.stance.checks import check_negation, content_words

    claim = "Mendelsohn har ikke skrevet om Holocaust før."
    passage = "Mendelsohn er klar over at Holocaust er det vanskeligste litterære prosjektet."
    assert check_negation(claim, content_words(claim), passage) == []  # "skrevet" has no counterpart
    claim = "HAB har ikke gitt komplikasjoner."  # a light verb: its object is what is denied
    passage = "HAB har gitt flere komplikasjoner enn metadon."
    assert [f.kind for f in check_negation(claim, content_words(claim), passage)] == ["negation"]


def test_negated_predicates_follow_light_verbs_in_bokmal_and_nynorsk():
    assert {"komplikasjonar", "rapportere"} <= set(polarity.negated_predicates("Det har aldri vore rapportert komplikasjonar i HAB."))
    assert {"pasient", "døde"} <= set(polarity.negated_predicates("Ingen pasienter døde i prosjektet."))


def test_a_negation_that_asserts_is_no_denial():
    # litotes: "ikke i tvil" is certain, "ikke før i X" is "først i X", "ikke bare X" says X
    assert polarity.negation_count("Dommeren var aldri i tvil om utvisningen.") == 0
    assert polarity.negation_count("Det var ikke før i 1990 at fondet fikk penger.") == 0
    assert polarity.negation_count("Det er ikke bare Saab som er i trøbbel.") == 0
    # ... but "never before" and a plain "not" still deny
    assert polarity.negation_count("Jeg har aldri hørt det før.") == 1
    assert polarity.negation_count("Han har ikke vært der før.") == 1


def test_a_conditional_or_shared_negation_is_no_contradiction():
    from factcheck.stance.checks import check_negation, content_words

    assert polarity.negation_count("Mye skal til om ikke han spiller begge kampene.") == 0
    claim = "Også Sverige bruker pengene sine uten noen klar plan."
    passage = "Men også Sverige bruker pengene sine uten klar plan, og ikke for første gang."
    assert check_negation(claim, content_words(claim), passage) == []  # both say "uten ... plan"
    claim = "Sverige har en klar plan for pengene."  # negated on one side only: a contradiction
    assert [f.kind for f in check_negation(claim, content_words(claim), "Sverige har ikke en klar plan for pengene.")] == ["negation"]


def test_denying_any_other_restates_an_exclusive():
    from factcheck.stance.checks import check_negation, content_words

    claim = "Det finnes ikke noe annet rehabiliteringstilbud i fylket."
    passage = "Nevrohjemmet er det eneste rehabiliteringstilbudet i fylket."
    assert check_negation(claim, content_words(claim), passage) == []
    claim = "Det finnes ikke noe rehabiliteringstilbud i fylket."  # no "other": a plain denial
    assert [f.kind for f in check_negation(claim, content_words(claim), passage)] == ["negation"]


def test_a_figure_about_a_subject_the_passage_never_names_does_not_contradict():
    claim = "Tromsø hadde 12 sykepleiere per 1000 innbyggere i 2018."
    other = "Kommunene med over 50 000 innbyggere hadde åtte sykepleiere per 1000 innbyggere i 2018."
    assert assess(claim, other, 0.92).stance == "neutral"
    same = "I Tromsø var det åtte sykepleiere per 1000 innbyggere i 2018."
    assert assess(claim, same, 0.92).stance == "contradicts"


def test_superlatives_rank_like_comparatives_and_names_do_not_choose_the_clause():
    assert polarity.direction("Laget hadde den svakeste sesongen sin i fjor.") == -1
    assert polarity.direction("Fylket hadde flest nye bedrifter.") == 1
    assert polarity.direction("Skolen er best i kommunen.") == 1
    # the evaluation sits in the quoted clause; the tag with the speaker's name holds no predicate
    passage = "Reformen har vært en suksess, men den har kostet mye, sier statsråd Ola Berg til avisen."
    result = assess("Statsråd Ola Berg kalte reformen en fiasko.", passage, 0.9)
    assert any(f.kind == "antonym" and f.evidence_value == "suksess" for f in result.findings)


def test_cover_finds_a_compound_head_in_another_inflection_but_figures_are_not_aligned_by_it():
    from factcheck.stance.cover import overlap, word_affinity
    from factcheck.stance.quantities import prefix_affinity

    assert word_affinity("statsfinansene", "finanser") == 0.5  # lemmas statsfinanser / finanser
    assert prefix_affinity("statsfinansene", "finanser") == 0.0  # figures keep the stricter alignment
    assert word_affinity("skattelettene", "budsjettet") == 0.0
    assert overlap(["statsfinansene", "sårbare"], "Offentlige finanser er blitt mer sårbare.") == 0.75


def test_a_compound_head_follows_a_modifier_not_a_verb_particle():
    from factcheck.stance.quantities import prefix_affinity

    assert prefix_affinity("kriminalitet", "vinningskriminaliteten") == 0.5
    assert prefix_affinity("kommet", "omkommet") == 0.0  # died, not came
    assert prefix_affinity("betalte", "tilbakebetalte") == 0.5


def test_an_adjective_negated_by_the_prefix_u_is_the_opposite_of_the_plain_word():
    assert antonyms.antonym_clash("Partiene var uenige om budsjettet.", "Partiene var enige om budsjettet.") == (
        "uenige", "enige")
    assert antonyms.antonym_clash("Tiltaket var lovlig.", "Tiltaket var ulovlig, fant retten.") == ("lovlig", "ulovlig")
    assert antonyms.antonym_clash("Ordningen er uendret.", "Ordningen ble endret i fjor.") == ("uendret", "endret")
    assert antonyms.antonym_clash("Kommunen prøvde ulike tiltak.", "Kommunen prøvde like tiltak.") is None
    assert antonyms.antonym_clash("Det er usikkerhet om tallene.", "Sikkerhet for pasientene er viktig.") is None


def test_passages_that_decide_nothing_are_cited_by_how_much_of_the_claim_they_cover(monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.stance.engine import StanceResult
    from factcheck.verdict import aggregate

    monkeypatch.setattr(aggregate, "load_level", lambda *a, **k: None)  # the rules alone: no stance anywhere

    def hit(pid, dense, fused):
        text = f"Passasje {pid}."
        return Hit(Passage(id=pid, doc_id="d", title="", source="", paragraph=0, text=text, start=0, end=len(text)),
                   dense=dense, lexical=0.0, fused=fused)

    hits = [hit("first-by-search", 0.86, 0.9), hit("covers-the-claim", 0.85, 0.6)]
    stances = [StanceResult("neutral", 0.0, 0.2, features={"cover": 0.2}),
               StanceResult("neutral", 0.0, 0.8, features={"cover": 0.8})]
    result = aggregate.decide("Påstand.", 0, 8, hits, stances)
    assert result.verdict == "not_enough_info"
    assert [e.passage_id for e in result.evidence] == ["covers-the-claim", "first-by-search"]


def test_passages_that_agree_with_the_verdict_are_cited_before_those_against_it(monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.stance.engine import StanceResult
    from factcheck.stance.findings import Finding
    from factcheck.verdict import aggregate

    monkeypatch.setattr(aggregate, "load_level", lambda *a, **k: None)  # the rules alone

    def hit(pid):
        text = f"Passasje {pid}."
        return Hit(Passage(id=pid, doc_id="d", title="", source="", paragraph=0, text=text, start=0, end=len(text)),
                   dense=0.9, lexical=0.0, fused=0.9)

    against = [Finding("number", "contradicts", {"nb": "Korpuset sier 2001.", "en": "The corpus says 2001."})]
    hits = [hit("decides"), hit("supports-strongly"), hit("also-contradicts")]
    stances = [StanceResult("contradicts", 0.95, 0.9, against, features={"cover": 0.9}),
               StanceResult("supports", 0.92, 0.9, features={"cover": 0.9}),
               StanceResult("contradicts", 0.80, 0.9, against, features={"cover": 0.9})]
    result = aggregate.decide("Påstand.", 0, 8, hits, stances)
    assert result.verdict == "contradicted"
    # the second contradicting passage explains the verdict too; the stronger support comes after it
    assert [e.passage_id for e in result.evidence] == ["decides", "also-contradicts", "supports-strongly"]


def test_a_passage_that_leaves_out_a_figure_of_the_claim_supports_no_claim_of_it(monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.verdict import aggregate

    monkeypatch.setattr(aggregate, "load_level", lambda *a, **k: None)  # the rules alone

    def judged(claim: str, text: str):
        hit = Hit(Passage(id="p", doc_id="d", title="", source="", paragraph=0, text=text, start=0, end=len(text)),
                  dense=0.95, lexical=0.0, fused=0.9)
        return aggregate.decide(claim, 0, len(claim), [hit], [assess(claim, text, 0.95)])

    claim = "Kommunen betalte 2 millioner kroner i erstatning til sauebøndene i 2023."
    silent = judged(claim, "Kommunen betalte erstatning til sauebøndene i 2023.")
    assert silent.verdict == "not_enough_info"
    assert "2 millioner kroner" in silent.reasons["nb"] and "2 millioner kroner" in silent.reasons["en"]
    assert silent.evidence[0].stance == "neutral"  # shown as not supporting, as the verdict reads it
    given = judged(claim, "Kommunen betalte 2 millioner kroner i erstatning til sauebøndene i 2023.")
    assert given.verdict == "supported" and given.evidence[0].stance == "supports"


def test_the_support_that_gives_the_claims_amounts_is_the_one_the_verdict_rests_on(monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.verdict import aggregate

    monkeypatch.setattr(aggregate, "load_level", lambda *a, **k: None)  # the rules alone
    claim = "Kommunen betalte 2 millioner kroner i erstatning til sauebøndene i 2023."
    texts = {"year-only": "Kommunen betalte erstatning til sauebøndene i 2023, etter tap av sau.",
             "amount": "Kommunen betalte 2 millioner kroner i erstatning til sauebøndene."}
    hits = [Hit(Passage(id=k, doc_id=k, title="", source="", paragraph=0, text=t, start=0, end=len(t)),
                dense=0.95, lexical=0.0, fused=0.9) for k, t in texts.items()]
    stances = [assess(claim, t, 0.95) for t in texts.values()]
    assert [s.stance for s in stances] == ["supports", "supports"]
    result = aggregate.decide(claim, 0, len(claim), hits, stances)
    assert result.verdict == "supported" and result.evidence[0].passage_id == "amount"


def test_a_figure_another_passage_of_the_same_document_gives_confirms_the_claims_figure(monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.verdict import aggregate

    monkeypatch.setattr(aggregate, "load_level", lambda *a, **k: None)  # the rules alone
    claim = "Fylket la ned ti prosent av skolene sine i 2019, ifølge fylkesrådet."
    support = "Fylkesrådet la ned skoler i fylket i 2019."
    figure = "Nedleggelsene utgjorde 10 prosents kutt i antallet skoler."  # the same figure in another form

    def judged(figure_doc: str):
        texts = [("support", "d", support), ("figure", figure_doc, figure)]
        hits = [Hit(Passage(id=pid, doc_id=doc, title="", source="", paragraph=0, text=t, start=0, end=len(t)),
                    dense=0.95, lexical=0.0, fused=0.9) for pid, doc, t in texts]
        return aggregate.decide(claim, 0, len(claim), hits, [assess(claim, t, 0.95) for _, _, t in texts])

    assert judged("d").verdict == "supported"  # the source gives the figure, in a sentence of its own
    other = judged("another-document")  # another source's 10 % is no figure of this one
    assert other.verdict == "not_enough_info" and "ti prosent" in other.reasons["nb"]


def test_a_figure_another_passage_gives_as_the_claim_does_is_disputed_about_something_else(monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.verdict import aggregate

    monkeypatch.setattr(aggregate, "load_level", lambda *a, **k: None)  # the rules alone

    def verdict(claim: str, texts: dict[str, str]) -> str:
        hits = [Hit(Passage(id=k, doc_id="d", title="", source="", paragraph=0, text=t, start=0, end=len(t)),
                    dense=0.95, lexical=0.0, fused=0.9) for k, t in texts.items()]
        return aggregate.decide(claim, 0, len(claim), hits, [assess(claim, t, 0.95) for t in texts.values()]).verdict

    claim = "Byen arrangerte VM i 1997 og søkte om mesterskapene i 2021 og 2023."
    other_vm = "Byen søker nå om å arrangere VM i 2025 og har søkt om mesterskapene tidligere."
    assert verdict(claim, {"other": other_vm}) == "contradicted"  # alone it disputes the year of the VM
    given = "Byen arrangerte VM i 1997 og søkte om mesterskapene i 2021 og 2023, men tapte begge gangene."
    assert verdict(claim, {"other": other_vm, "all": given}) == "supported"
    # a hedged figure may be another figure of the same size: its contradiction stands
    from factcheck.stance.engine import StanceResult
    from factcheck.stance.findings import Finding

    def stance(kind, effect, value, strength=1.0):
        return StanceResult(effect, strength, 0.9, [Finding("number", kind, {}, value, value)],
                            features={"number_unmatched": 0.0, "amount_unmatched": 0.0})

    against, agreeing = stance("contradicts", "contradicts", "2,8 millioner"), stance("supports", "supports", "2,8 millioner")
    assert aggregate._answered(against, [(None, agreeing)], exact={"2,8 millioner"})
    assert not aggregate._answered(against, [(None, agreeing)], exact=set())  # "over 2 millioner": not exact
    assert not aggregate._answered(against, [(None, stance("supports", "supports", "2,8 millioner", 0.5))],
                                   exact={"2,8 millioner"})  # a weaker reading answers nothing


def test_a_wider_window_around_the_contradicting_text_is_no_independent_support(monkeypatch):
    from factcheck.corpus.passages import Passage
    from factcheck.index.search import Hit
    from factcheck.stance.engine import StanceResult
    from factcheck.stance.findings import Finding
    from factcheck.verdict import aggregate

    monkeypatch.setattr(aggregate, "load_level", lambda *a, **k: None)  # the rules alone
    sentence = "Målingen gir Hansen ledelsen med 52 mot 47."
    wider = f"{sentence} Kampanjen til Berg håpet på mer."

    def hit(key, text):
        return Hit(Passage(id=key, doc_id="d", title="", source="", paragraph=0, text=text, start=0, end=len(text)),
                   dense=0.95, lexical=0.0, fused=0.9)

    clash = StanceResult("contradicts", 0.85, 0.9, [Finding("entity", "contradicts", {"nb": "", "en": ""}, "Berg", "Hansen")])
    quoted = StanceResult("supports", 1.0, 0.9, [Finding("number", "supports", {"nb": "", "en": ""}, "52", "52")])
    claim = "Målingen gir Berg ledelsen med 52 mot 47."
    verdict = aggregate.rule_verdict(claim, [hit("w", wider), hit("s", sentence)], [quoted, clash])[0]
    assert verdict == "contradicted"
    # a support from another text still outweighs a weaker contradiction
    other = "En annen måling gir Berg ledelsen med 52 mot 47."
    assert aggregate.rule_verdict(claim, [hit("o", other), hit("s", sentence)], [quoted, clash])[0] == "supported"


def test_an_antonym_in_another_clause_about_the_claims_subject_counts():
    from factcheck.stance.checks import run_checks

    claim = "Jakken er sydd av resirkulert plast fra havet, og stoffet er rimelig."
    passage = "Stoffet er dyrt, og så er jakken sydd av resirkulert plast fra havet."
    assert "antonym" in {f.kind for f in run_checks(claim, passage, 0.9).findings}
    # an opposite in a clause about something else is no answer
    other = "Frakten er dyr, og så er jakken sydd av resirkulert plast fra havet."
    assert "antonym" not in {f.kind for f in run_checks(claim, other, 0.9).findings}


def test_a_claim_that_limits_itself_generalises_nothing():
    # a negated universal limits as "ikke alle" does; a claim with its own "noen" is no claim about all
    assert polarity.quantifier_clash("Tiltakene har ikke alltid vært like gjennomtenkte.", "Noen av tiltakene var gode.") is None
    assert polarity.quantifier_clash("Noen mener det bor en rasist i hver av oss.", "Enkelte bruker et vidt begrep.") is None
    assert polarity.quantifier_clash("Alle pasientene fikk tilbud.", "Noen av pasientene fikk tilbud.") == ("alle", "noen")


def test_the_nynorsk_forms_of_an_antonym_pair_count():
    assert antonyms.antonym_clash("Reforma mislukkast i å korte ned køane.", "Reformen lykkes i å korte ned køene.") == (
        "mislukkast", "lykkes")
    assert antonyms.antonym_clash("Prosjektet lukkast.", "Prosjektet mislyktes.") == ("lukkast", "mislyktes")


def test_a_clause_that_holds_every_claim_word_supports_below_the_similarity_bar():
    # the passage presupposes the claim ("På grunn av heroinets korte virketid ..."): every claim word is in one
    # of its clauses, though the embedding similarity of the long sentence stays under the support bar
    passage = "På grunn av stoffets korte virketid er behandlingen organisert i klinikker der pasientene møter to ganger daglig."
    assert assess("Stoffet har kort virketid.", passage, 0.86).stance == "supports"
    # a claim word the passage lacks keeps the bar
    assert assess("Stoffet har kort og sterk virketid.", passage, 0.86).stance == "neutral"


def test_an_equality_is_denied_by_a_comparative_with_the_same_object():
    from factcheck.stance.checks import check_scope

    def kinds(claim, sentence):
        return [f.kind for f in check_scope(claim, sentence, sentence) if f.effect == "contradicts"]

    claim = "Sykepleiere jobber omtrent like mange timer i uka som leger."
    assert kinds(claim, "Det er langt mer enn for sammenlignbare yrker som leger.") == ["comparison"]
    assert kinds("Sykepleiere jobber flere timer enn leger.", claim) == ["comparison"]  # either side may compare
    assert kinds(claim, "Sykepleiere jobber flere timer enn lærere.") == []  # compared with someone else
    assert kinds(claim, "Sykepleiere jobber like mange timer som leger.") == []


def test_opposites_mined_from_the_written_pairs_clash_in_one_place_only(monkeypatch):
    pairs = antonyms.mined()
    assert any("høsten" in a | b and "våren" in a | b for a, b in pairs)  # models/stance/antonyms_mined.json
    assert antonyms.antonym_clash("Resultatene fra Indiana er de siste som kommer inn.",
                                  "Resultatene fra Indiana er de første som kommer inn.") == ("siste", "første")
    # two opposite words about different things are no clash
    assert antonyms.antonym_clash("Det siste albumet kom i fjor.", "Han spilte i det første bandet sitt i fjor.") is None
    antonyms.mined.cache_clear()
    monkeypatch.setattr(antonyms, "artefact_path", lambda relative: None)
    assert antonyms.mined() == ()  # without the artefact the check has its written lexicon only
    antonyms.mined.cache_clear()


def test_the_miner_reads_a_substituted_opposite_by_the_parse():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "models" / "stance" / "nli"))
    from mine_antonyms import substitutions

    found = substitutions("Han reiste hjem en kald morgen i mars.", "Han reiste hjem en kald kveld i mars.")
    assert [(a, b) for a, b, _, _ in found] == [("morgen", "kveld")]  # both describe by "kald"
    assert substitutions("Han reiste hjem en kald morgen i mars.", "Han reiste hjem en kald morgen i mars.") == []


def test_a_light_verb_with_a_particle_is_itself_what_a_negation_denies():
    from factcheck.stance.checks import check_negation, content_words

    passage = "Men Kari Nordmann ga ikke opp i finalen i Bergen."
    claim = "Kari Nordmann fikk en skade i finalen i Bergen."  # "ga opp" has no counterpart in the claim
    assert check_negation(claim, content_words(claim), passage) == []
    claim = "Kari Nordmann ga opp i finalen i Bergen."
    assert [f.kind for f in check_negation(claim, content_words(claim), passage)] == ["negation"]


def test_a_negation_that_heads_its_fragment_denies_the_words_under_it():
    assert {"uttalelse"} <= set(polarity.negated_predicates("Ingen av ordførerens uttalelser gjennom tjue år"))
    assert {"knytte"} <= set(polarity.negated_predicates("uten at volden kan knyttes til dem."))


def test_a_clause_of_a_question_asserts_nothing():
    from factcheck.stance.checks import check_negation, content_words

    claim = "Ingen selskaper har søkt om å bygge vindkraft i fylket."
    asked = "Har departementet hørt fra selskaper som vil bygge vindkraft i fylket, og i så fall hvilke?"
    assert check_negation(claim, content_words(claim), "Har departementet hørt fra selskaper som vil bygge "
                          "vindkraft i fylket", asked) == []
    said = "Departementet har hørt fra selskaper som vil bygge vindkraft i fylket, og de får svar i mai."
    assert check_negation(claim, content_words(claim), "Departementet har hørt fra selskaper som vil bygge "
                          "vindkraft i fylket", said) != []


def test_fall_as_a_case_is_no_decline():
    assert polarity.direction("Det er i alle fall den boka jeg har lest oftest.") == 0
    assert polarity.direction("Budsjettet er i beste fall et nullbudsjett.") == 0
    assert polarity.direction("I så fall steg prisene.") == 1
    assert polarity.direction("Prisene har vært i fritt fall i år.") == -1  # a fall of prices is still a decline
