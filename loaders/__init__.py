"""Bytes in, parsed rows out: pure, no database, no roles.

``read`` turns bytes into a grid of cells (``limits``, ``safety`` and ``sandbox`` bound what that
may cost; ``html_table`` reads an HTML page saved as .xls), ``table`` and ``headers`` find the header
and the platform rows, ``bodies`` resolves managing bodies against a given ``BodyIndex``, ``parse``
combines them into a ``ParsedList``; ``progress`` and ``adoption`` parse the other import kinds;
``text``, ``legacy``, ``dates`` and ``suggest`` clean what people type; ``template`` writes the
Excel templates; ``messages`` holds every message a user can see from them. Storing a parse is
``store``'s job, deciding who may is ``access``'s, and doing it is ``actions``'.
"""
