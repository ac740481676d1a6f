"""The import kind "adoption": which province (and commune) uses which platform of a central
list. A province reviewer's file keeps that province's rows only."""
from __future__ import annotations

from typing import BinaryIO

import pandas as pd

from access.roles import restrict_adoption
from loaders.adoption import ParsedAdoption, parse_adoption
from store.catalog import central_names, province_index
from store.writer import Written

from .import_kind import ImportKind


class AdoptionKind(ImportKind):
    name = "adoption"
    action = "import_adoption"
    applies_to = ("national_deployed", "shared")
    needs_platforms = True

    def context(self, con, list_id, *, as_of, today):
        return {"as_of": today, "today": today, "list_id": list_id, "names": central_names(con, list_id),
                "provinces": province_index(con)}

    def parse(self, fp: BinaryIO, context: dict) -> ParsedAdoption:
        return parse_adoption(fp, context["names"], context["provinces"], context["today"], context["list_id"])

    def restrict(self, parsed, user, scope, context):
        return restrict_adoption(parsed, user)

    def loaded(self, parsed) -> int:
        return len(parsed.rows)

    def write_rows(self, con, parsed, *, import_id, list_id, as_of, file_name, **choices) -> Written:
        if parsed.rows:
            frame = pd.DataFrame(parsed.rows).assign(import_id=import_id)
            con.from_df(frame.reindex(columns=con.table("adoption").columns)).insert_into("adoption")
        return Written(len(parsed.rows))


ADOPTION = AdoptionKind()
