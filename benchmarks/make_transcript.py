"""Make a synthetic debate transcript for batch benchmarks and demos (deterministic per --seed).

Run:  .venv/bin/python benchmarks/make_transcript.py --utterances 2000 --out /tmp/debatt.csv
      (--format csv|tsv|jsonl|txt; default from --out's extension)

A TV-style debate on heroin-assisted treatment: a chair and twelve speakers of nine
parties, 1-6 sentences per turn, mixing what the corpus says (some of it in nynorsk),
claims with a number, name, negation or direction changed (contradicted), claims the
corpus cannot decide (not enough info), and questions, demands and opinions (not
checked). The corpus sentences come from the bundled corpus; the changed ones from
factcheck.stance.perturb, the same generator the stance combiner is trained with.
`--malformed N` adds N broken rows, to show how bad input is reported.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SPEAKERS = [
    ("Kari Nordmann", "A"), ("Ola Hansen", "H"), ("Ingrid Berg", "Sp"), ("Per Olsen", "FrP"),
    ("Aisha Khan", "SV"), ("Jonas Lie", "R"), ("Silje Dahl", "V"), ("Tor Bakke", "KrF"),
    ("Mari Solberg", "MDG"), ("Eirik Haugen", "A"), ("Hanne Vik", "H"), ("Lars Moen", "FrP"),
]
CHAIR = ("Ordstyrer", "")
PLACES = ["Trondheim", "Stavanger", "Tromsø", "Kristiansand", "Drammen", "Bodø"]
OFF_TOPIC = [
    "Norge har rundt {n} millioner innbyggere.",
    "Statsbudsjettet for {y} var på over {n}00 milliarder kroner.",
    "Ledigheten i {p} var {n},{d} prosent i fjor.",
    "Det ble bygget {n}00 nye boliger i {p} i {y}.",
    "Kommunen brukte {n} millioner kroner på skolebygg i {y}.",
    "Over {n}0 000 pendlet daglig mellom {p} og nabokommunene i {y}.",
    "Strømprisen i Sør-Norge var i snitt {n}{d} øre per kilowattime i {y}.",
]
QUESTIONS = ["Hva vil statsråden gjøre med dette?", "Kva meiner representanten om det?",
             "Hvor mange flere må dø før vi handler?", "Er det ikke på tide å lytte til fagfolkene?"]
DEMANDS = ["Regjeringen må gjøre HAB til et permanent tilbud.", "Vi må satse mer på forebygging.",
           "Tilbodet bør byggjast ut i heile landet.", "Kommunene må få mer penger til rusomsorg."]
OPINIONS = ["Jeg mener dette er en klok politikk.", "Eg meiner vi må tenkje nytt.", "Jeg tror folk flest er enige.",
            "Vi synes forslaget går for langt."]
CHAIR_LINES = ["Takk. Neste taler er {name}.", "{name} har ordet.", "Tiden er ute.", "Takk for det."]


def corpus_sentences() -> list[str]:
    from factcheck.config import default_corpus_dir
    from factcheck.corpus.documents import list_corpus
    from factcheck.corpus.passages import document_passages
    from factcheck.text.nlp import load_nlp

    nlp = load_nlp("blank")
    out = []
    for doc in list_corpus(default_corpus_dir()).documents:
        out += [p.text for p in document_passages(doc, nlp)
                if p.kind == "sentence" and 6 <= len(p.text.split()) <= 45 and p.text.endswith(".")]
    return out


def sentence(rng: random.Random, facts: list[str]) -> str:
    from factcheck.stance.perturb import contradicted_variants, supported_variants

    kind = rng.choices(["fact", "changed", "off", "question", "demand", "opinion"], [30, 15, 25, 10, 10, 10])[0]
    if kind in ("fact", "changed"):
        base = rng.choice(facts)
        variants = (supported_variants if kind == "fact" else contradicted_variants)(base, rng, *(() if kind == "fact" else (PLACES,)))
        return rng.choice(variants).text if variants else base
    if kind == "off":
        return rng.choice(OFF_TOPIC).format(n=rng.randint(2, 9), d=rng.randint(0, 9), y=rng.randint(2015, 2024), p=rng.choice(PLACES))
    return rng.choice({"question": QUESTIONS, "demand": DEMANDS, "opinion": OPINIONS}[kind])


def make(utterances: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    facts = corpus_sentences()
    rows, speaker = [], rng.choice(SPEAKERS)
    for n in range(1, utterances + 1):
        minute, second = divmod(n * 37, 60)
        stamp = f"{minute // 60:02d}:{minute % 60:02d}:{second:02d}"
        if n % 5 == 1:  # the chair hands the word over
            nxt = rng.choice(SPEAKERS)
            text = rng.choice(CHAIR_LINES).format(name=nxt[0])
            rows.append({"id": f"u{n:05d}", "speaker": CHAIR[0], "party": CHAIR[1], "timestamp": stamp, "text": text})
            speaker = nxt
            continue
        if rng.random() < 0.3:
            speaker = rng.choice(SPEAKERS)
        text = " ".join(sentence(rng, facts) for _ in range(rng.randint(1, 6)))
        rows.append({"id": f"u{n:05d}", "speaker": speaker[0], "party": speaker[1], "timestamp": stamp, "text": text})
    return rows


def write(rows: list[dict], out: Path, fmt: str, malformed: int, seed: int) -> None:
    rng = random.Random(seed + 1)
    broken = set(rng.sample(range(len(rows)), min(malformed, len(rows))))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if fmt in ("csv", "tsv"):
            writer = csv.writer(fh, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            writer.writerow(list(rows[0]))
            for i, row in enumerate(rows):
                writer.writerow(list(row.values()) + (["en celle for mye"] if i in broken else []))
        elif fmt == "jsonl":
            for i, row in enumerate(rows):
                line = json.dumps(row, ensure_ascii=False)
                fh.write((line[:-5] if i in broken else line) + "\n")
        else:  # "Navn (Parti): text" lines, long turns wrapped onto continuation lines
            for row in rows:
                who = f"{row['speaker']} ({row['party']})" if row["party"] else row["speaker"]
                words, lines, current = row["text"].split(), [], []
                for w in words:
                    current.append(w)
                    if len(current) >= 14:
                        lines.append(" ".join(current))
                        current = []
                lines.append(" ".join(current))
                fh.write(f"[{row['timestamp']}] {who}: " + "\n".join(lines) + "\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--utterances", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", choices=["csv", "tsv", "jsonl", "txt"])
    parser.add_argument("--malformed", type=int, default=0, help="broken rows to add (csv/tsv: an extra field; jsonl: cut JSON)")
    args = parser.parse_args()
    fmt = args.format or (args.out.suffix.lstrip(".") if args.out.suffix.lstrip(".") in ("csv", "tsv", "jsonl", "txt") else "csv")
    rows = make(args.utterances, args.seed)
    write(rows, args.out, fmt, args.malformed, args.seed)
    sentences = sum(len(r["text"].split(". ")) for r in rows)
    print(f"{args.out}: {len(rows)} utterances, about {sentences} sentences, {len(SPEAKERS) + 1} speakers ({fmt})")


if __name__ == "__main__":
    main()
