"""The recognition workflow (dispatch 2291) in the report files: the full Excel report's sheets,
built from the same views as the Recognition page (views/recognition.py)."""
from __future__ import annotations

import pandas as pd

from analysis.recognition import Records
from i18n.catalogue import tr
from views.recognition import addressee_table, flags_table, funnel_table, proposals_table, view_recognition
from views.scope import Scope


def recognition_sheets(snap, scope: Scope, records: Records) -> dict[str, pd.DataFrame]:
    """The full Excel report's recognition sheets: funnel, proposals, the 16 addressees, open corrections."""
    v, lang = view_recognition(snap, scope, records), scope.lang
    name = tr("report.sheet_recognition", lang)
    return {f"{name} 1": funnel_table(v), f"{name} 2": proposals_table(v),
            f"{name} 3": addressee_table(v), f"{name} 4": flags_table(records, lang)}
