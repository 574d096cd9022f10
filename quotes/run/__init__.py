"""Running the extractor over many articles.

``batch`` reads inputs, skips articles stored unchanged, extracts and stores in batched transactions;
``local`` spreads the parse over worker processes of this machine, ``distributed`` over a Dask
cluster. Each gives the same results, in input order, as a single process.
"""
