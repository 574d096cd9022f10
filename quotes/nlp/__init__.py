"""Stage 2, nlp: the parse.

``loader`` loads the spaCy model named by the settings (coreferee an optional pipe of the same
loader); ``coref`` answers pronoun antecedents by running coreferee on a few sentences around a
mention, in article offsets.
"""
