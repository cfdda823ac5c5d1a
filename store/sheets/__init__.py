"""The client's spreadsheets, in and out.

``plan_import`` reads a requirement list (.xlsx or .csv) and works out what
each row would create or update (``plan``); ``apply_plan`` writes it as one
commit, all or nothing (``apply``); ``export_matrix`` writes the requirement
tracking matrix as .xlsx or .csv (``export``), which imports back unchanged.
Modules: ``words`` (headers, value words, messages), ``reading`` (files to
rows; ``xlsxread`` a plain .xlsx's XML), ``mapping`` (columns to fields),
``plan``, ``apply`` (``batch``: many files, one commit), ``export``.
This package never imports Textual.
"""
from __future__ import annotations

from store.sheets.apply import BadRows, apply_plan
from store.sheets.plan import Plan, plan_import
from store.sheets.reading import SheetError

__all__ = ["BadRows", "Plan", "SheetError", "apply_plan", "plan_import"]
