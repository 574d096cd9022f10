"""Fact-checking on the stored quotes: takes an open database (read through :mod:`quotes.store.read`),
gives verdicts on claimed quotes (:mod:`.check`), exports for editors (:mod:`.export`) and the review
history with its Datasette queries (:mod:`.review`)."""
