"""The shipped coreferee model loads with the default spaCy model and produces chains."""

from quotes.model import Article
from quotes.nlp.coref import CorefLookup, coref_pipeline
from quotes.nlp.loader import default_model_name, load


def test_shipped_coreferee_model_links_a_pronoun_to_the_named_person():
    nlp = coref_pipeline(default_model_name())
    assert nlp is not None, "coreferee could not be added to the default model"
    doc = nlp("Marta Ekdahl met Jonas Brink in Oslo on Friday. She said the talks had been useful.")
    she = next(t for t in doc if t.lower_ == "she")
    antecedent = doc._.coref_chains.resolve(she)
    assert antecedent and antecedent[0].text in ("Marta", "Ekdahl")


def test_windowed_lookup_returns_an_offset_in_the_article_body():
    text = "Marta Ekdahl met Jonas Brink in Oslo on Friday. She said the talks had been useful."
    doc = load()(text)
    she = next(t for t in doc if t.lower_ == "she")
    at = CorefLookup(coref_pipeline(default_model_name())).antecedent(doc[she.i : she.i + 1])
    assert at is not None and text[at:].startswith(("Marta", "Ekdahl"))


def _count_windows(extractor, monkeypatch) -> list[str]:
    """The texts of the windows coreferee is run on while the extractor works."""
    windows: list[str] = []
    coreferee = extractor.coref._coreferee
    monkeypatch.setattr(extractor.coref, "_coreferee", lambda doc: (windows.append(doc.text), coreferee(doc))[1])
    return windows


def test_a_split_quote_asks_coreferee_once_for_its_speakers_pronoun(extractor, monkeypatch):
    windows = _count_windows(extractor, monkeypatch)
    text = 'Police stopped Anna Berg on Monday. "I did nothing wrong," she said, "and I will prove it in court."'
    quotes = extractor.extract(Article(id="berg", text=text))
    assert [(q.text, q.speaker.name) for q in quotes] == [
        ("I did nothing wrong,", "Anna Berg"), ("and I will prove it in court.", "Anna Berg")]
    assert len(windows) == 1


def test_coreferee_is_not_asked_when_no_word_before_could_be_the_speaker(extractor, monkeypatch):
    windows = _count_windows(extractor, monkeypatch)
    text = 'The rain fell all night over the harbour. "I did nothing wrong," she said.'
    quotes = extractor.extract(Article(id="rain", text=text))
    assert [(q.text, q.speaker.name, q.method) for q in quotes] == [("I did nothing wrong,", "she", "unresolved")]
    assert windows == []
