"""The shipped coreferee model loads with the default spaCy model and produces chains."""

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
