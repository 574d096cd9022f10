"""Reading a folder never follows a link out of it: only a link named on the command line is read."""

from quotes.ingest import InputError, read_inputs

STORY = "The Skellby ferry will sail every forty minutes from June, the operator announced on Monday.\n"


def _folder(tmp_path):
    outside = tmp_path / "private" / "secrets.txt"
    outside.parent.mkdir()
    outside.write_text("root:x:0:0:the machine's user list, not an article at all:/root:/bin/bash\n" * 3)
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "ferry.txt").write_text(STORY)
    (feed / "users.txt").symlink_to(outside)
    (feed / "also-ferry.txt").symlink_to(feed / "ferry.txt")  # a link that stays inside is fine
    return feed


def test_a_link_out_of_the_folder_is_skipped_and_reported(tmp_path):
    feed = _folder(tmp_path)
    items = list(read_inputs([str(feed)]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source for e in errors] == [str(feed / "users.txt")]
    assert "outside the folder" in errors[0].message
    assert not any("user list" in a.text for a in items if not isinstance(a, InputError))


def test_a_link_inside_the_folder_is_read(tmp_path):
    feed = _folder(tmp_path)
    ids = sorted(a.id for a in read_inputs([str(feed)]) if not isinstance(a, InputError))
    assert ids == ["also-ferry", "ferry"]


def test_a_link_named_on_the_command_line_is_read(tmp_path):
    feed = _folder(tmp_path)
    (article,) = list(read_inputs([str(feed / "users.txt")]))
    assert not isinstance(article, InputError) or "outside" not in article.message
