"""The database: the only package that imports duckdb and opens a connection.

``db`` opens connections (read-only, in memory, or the copy-on-write ``writable``) and holds the
query helpers and the names of DuckDB's types; ``schema`` the tables, views and schema version;
``writer`` the one write of an import; ``snapshot`` the read model the dashboard shows;
``catalog``, ``changes``, ``documents`` the reads the actions need; ``reference`` and ``evidence``
load the shipped CSVs at build; ``tempfiles`` cleans up after a failed write.
"""
