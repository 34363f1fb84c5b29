"""Training-time helper for the nb_factcheck pipeline.

Registers ``nb_factcheck.tokenizer_tweaks.v1``, used in ``[initialize.before_init]`` of
config.cfg.  It only changes the tokenizer's special cases and suffix rules; those are
serialised with the tokenizer, so the trained pipeline loads with plain
``spacy.load(path)`` without importing this module.
"""
from __future__ import annotations

import spacy
from spacy.symbols import ORTH
from spacy.util import compile_suffix_regex

# Norwegian abbreviations that end in a period and must stay one token (and therefore
# never end a sentence on their own).
ABBREVIATIONS = """
St.meld. St.prp. Ot.prp. Innst. Meld. St. Prop. Dok. jf. Jf. jfr. f.eks. F.eks. bl.a.
Bl.a. ca. Ca. nr. Nr. kl. Kl. mill. mrd. dvs. Dvs. osv. m.m. o.l. pst. kr. mht. m.h.t.
m.fl. m.v. mv. p.g.a. pga. iflg. ifm. evt. ev. hhv. inkl. ekskl. vs. red.anm. red.
Fr.p. Kr.F. ref. bl.annet o.a. e.l. el. m.a. m.a.o. t.o.m. f.o.m. iht. i.h.t. ang.
vedr. div. tlf. adr. avd. dir. ass. prof. dr. Dr. hr. Sr. jr. gl. str. stk.
vedl. pkt. kap. avsn. bokst. jan. feb. apr. aug. sep.
sept. okt. nov. des. t.v. t.h. s.k. mfl. o.s.v. etc. pr. ant. bet. sml. jmf. forts.
""".split()

# A period after a number of three or more characters ("i 2024.", "2022-23.", "kl. 16.00.")
# is sentence punctuation, not part of an ordinal; 1-2 digit ordinals ("2. januar") are
# left alone, as in the Norwegian Dependency Treebank.
NUMBER_PERIOD_SUFFIX = r"(?<=[0-9.,\-–][0-9][0-9])\."


@spacy.registry.callbacks("nb_factcheck.tokenizer_tweaks.v1")
def create_tokenizer_tweaks():
    def tweak(nlp):
        for abbr in ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
        suffixes = list(nlp.Defaults.suffixes) + [NUMBER_PERIOD_SUFFIX]
        nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        return nlp

    return tweak
