import pytest

from factcheck.claims.checkworthy import assess


@pytest.mark.parametrize(
    "sentence,worthy,reason",
    [
        ("HAB ble etablert i Norge i 2022.", True, "claim"),
        ("Regjeringen skrev i statsbudsjettet at HAB skal videreføres.", True, "claim"),
        ("Hva skjer etter 2026?", False, "question"),
        ("Vi må satse mer på rusomsorg.", False, "demand"),
        ("Regjeringen bør gjøre HAB permanent.", False, "demand"),
        ("Jeg synes HAB er en god idé.", False, "opinion"),
        ("Eg meiner dette er rett.", False, "opinion"),
        ("Dette er uholdbart.", False, "opinion"),
        ("Ja.", False, "too_short"),
    ],
)
def test_checkworthiness_rules(sentence, worthy, reason):
    result = assess(sentence)
    assert (result.checkworthy, result.reason) == (worthy, reason)
