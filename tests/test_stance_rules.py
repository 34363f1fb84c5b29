from factcheck.stance import polarity
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
    assert polarity.antonym_clash("HAB er et billig tilbud.", "HAB er kostnadskrevende.") == ("billig", "kostnadskrevende")
    assert polarity.antonym_clash("HAB er dyrt.", "HAB er kostnadskrevende.") is None


def test_unrelated_passage_is_neutral():
    result = assess("Danmark har tilbudt HAB i ti år.", "Oslo SV mener derfor følgende om budsjettet.", 0.80)
    assert result.stance == "neutral"
