"""``quotes reviewer add/list/remove`` and how ``quotes serve`` passes reviewers to Datasette."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from datasette_auth_passwords.utils import verify_password

from quotes import store
from quotes.cli import app
from quotes.web import config as web_config
from quotes.web import reviewers, serve


def test_reviewer_add_writes_a_private_reviewers_file(runner, db_path):
    result = runner.invoke(app, ["reviewer", "add", "alice", "--db", str(db_path), "--password-stdin"],
                           input="river-stone-42\n")
    assert result.exit_code == 0, result.output
    path = db_path.with_name("reviewers.json")
    accounts = reviewers.load(path)
    assert list(accounts) == ["alice"] and verify_password("river-stone-42", accounts["alice"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and "river-stone-42" not in path.read_text()


def test_reviewer_add_prompts_for_the_password_twice(runner, db_path):
    result = runner.invoke(app, ["reviewer", "add", "bob", "--db", str(db_path)],
                           input="river-stone-42\nriver-stone-42\n")
    assert result.exit_code == 0, result.output
    assert verify_password("river-stone-42", reviewers.load(db_path.with_name("reviewers.json"))["bob"])


def test_reviewer_add_print_gives_the_metadata_snippet_and_writes_nothing(runner, db_path):
    result = runner.invoke(app, ["reviewer", "add", "carol", "--db", str(db_path), "--password-stdin", "--print"],
                           input="river-stone-42\n")
    config = json.loads(result.stdout)["plugins"]["datasette-auth-passwords"]
    assert config["actors"] == {"carol": {"id": "carol", "roles": ["reviewer"]}}
    assert verify_password("river-stone-42", config["carol_password_hash"])
    assert not db_path.with_name("reviewers.json").exists()


def test_reviewer_list_and_remove(runner, db_path):
    path = db_path.with_name("reviewers.json")
    for name in ("bob", "alice"):
        reviewers.add(path, name, "pbkdf2_sha256$1000$salt$hash")
    assert runner.invoke(app, ["reviewer", "list", "--db", str(db_path)]).stdout.split() == ["alice", "bob"]
    assert runner.invoke(app, ["reviewer", "remove", "bob", "--db", str(db_path)]).exit_code == 0
    assert list(reviewers.load(path)) == ["alice"]


def test_adding_a_reviewer_again_changes_only_the_password(tmp_path):
    path = tmp_path / "reviewers.json"
    assert reviewers.add(path, "alice", "h1") is True
    reviewers.add(path, "bob", "h2")
    assert reviewers.add(path, "alice", "h3") is False
    assert reviewers.load(path) == {"alice": "h3", "bob": "h2"}


def test_bad_reviewer_name_is_a_one_line_error(runner, db_path):
    result = runner.invoke(app, ["reviewer", "add", "al ice", "--db", str(db_path), "--password-stdin"],
                           input="river-stone-42\n")
    assert result.exit_code == 1 and result.stderr.startswith("Error: bad reviewer name")
    assert len(result.stderr.splitlines()) == 1


def test_short_password_is_refused(runner, db_path):
    result = runner.invoke(app, ["reviewer", "add", "alice", "--db", str(db_path), "--password-stdin"], input="short\n")
    assert result.exit_code == 1 and "at least 8 characters" in result.stderr
    assert not db_path.with_name("reviewers.json").exists()


def test_removing_an_unknown_reviewer_fails(runner, db_path):
    result = runner.invoke(app, ["reviewer", "remove", "nobody", "--db", str(db_path)])
    assert result.exit_code == 1 and result.stderr.startswith("Error: no reviewer 'nobody'")


def test_corrupt_reviewers_file_is_a_one_line_error_and_is_kept(runner, db_path):
    path = db_path.with_name("reviewers.json")
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["reviewer", "add", "alice", "--db", str(db_path), "--password-stdin"],
                           input="river-stone-42\n")
    assert result.exit_code == 1 and "not a reviewers file" in result.stderr
    assert path.read_text(encoding="utf-8") == "{not json"


def test_serve_gives_the_reviewers_file_to_the_login_plugin(tmp_path):
    db_path = tmp_path / "newsroom.db"
    store.open_db(db_path).close()
    reviewers.add(reviewers.accounts_file(db_path), "alice", "pbkdf2_sha256$1000$salt$hash")
    config = serve.app(db_path).plugin_config("datasette-auth-passwords")
    assert config["alice_password_hash"] == "pbkdf2_sha256$1000$salt$hash"
    assert config["actors"]["alice"] == {"id": "alice", "roles": ["reviewer"]}


def test_serve_metadata_carries_the_review_queries(tmp_path):
    queries = web_config.metadata_for(tmp_path / "newsroom.db")["databases"]["newsroom"]["queries"]
    assert queries["review_quote"]["write"] is True and queries["review_quote"]["allow"] == {"roles": "reviewer"}
    assert {"unreviewed_quotes", "disputed_quotes", "reviews_by_reviewer"} <= set(queries)


def test_serve_without_reviewers_lets_nobody_log_in(tmp_path):
    db_path = tmp_path / "quotes.db"
    store.open_db(db_path).close()
    assert serve.app(db_path).plugin_config("datasette-auth-passwords") == {"actors": {}}


def test_serve_uses_the_plugin_templates(tmp_path):
    db_path = tmp_path / "quotes.db"
    store.open_db(db_path).close()
    template = serve.app(db_path).jinja_env.get_template("query.html")
    assert Path(template.filename).parent == Path(serve.__file__).parent / "plugin" / "templates"


def test_root_is_not_a_reviewer_name():
    with pytest.raises(reviewers.ReviewerError, match="root"):
        reviewers.check_name("Root")
