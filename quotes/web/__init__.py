"""The web stage: takes a quotes database, gives it to Datasette for browsing and reviewing.

``plugin`` (the Datasette plugin, registered by entry point, with its templates), ``config`` (the
metadata, review queries and logins it adds), ``instance`` (which databases are ours), ``pages``
(article view, review form), ``provenance`` (marked paragraphs), ``reviewers`` (accounts file) and
``serve`` (``quotes serve``, in process).
"""
