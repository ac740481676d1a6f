"""Ingest official platform lists (Excel, CSV) into the NDP Tracker DuckDB file.

Layers: ``read`` turns bytes into a grid of cells, ``table`` finds the header and the
platform rows, ``bodies`` resolves managing bodies, ``parse`` combines them into a
``ParsedList`` (pure, no database), ``store`` writes a parsed list in one transaction,
``build`` (re)creates the database from ``data/``. The CLI lives in ``__main__``.
"""
