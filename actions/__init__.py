"""The writes people make, shared by the command line (``python -m actions``) and the pages.

Each one checks the role, restricts what the user may write, writes in one transaction and appends
an audit row in it: ``pipeline`` with ``import_kind`` and ``kind_*`` (imports of every kind; ``ingest``
its shapes for the CLI and tests), ``register`` and ``commits`` (list registration, review
decisions), ``overlap_review``, ``corrections``, ``evidence_edit``, ``recognition`` and
``recognition_import``, ``build`` (the database from ``data/``). ``guards`` are the checks that keep
the record from being bent.
"""
