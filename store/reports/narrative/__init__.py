"""Field-level history events in words, Chinese and English.

One place turns what a commit did to a record into sentences a client
reads: the record's title first (its id trailing), each field by its label,
before and after in words (a long text: only the sentences that changed),
list items added and removed, statuses and choices as words, dates with the
days moved, and the commit's ``Why:`` in brackets.  The summary, ``accord
diff``, the review pack, the requirements document and the progress report
all speak through it, so a change reads the same everywhere.

A sentence is rich text: ``{"runs": [[text, mark], ...]}`` with ``mark``
``None``, ``"ins"`` (inserted words) or ``"del"`` (removed words); the
renderers (store.reports.render, .docx) mark those, ``plain`` gives the text.
Never a hash, an e-mail address, a fingerprint or a stored English value.
"""
from __future__ import annotations

from store.reports.narrative.events import author_name, bracket, changes, compose, event_sentence, scope_changes, signed_histories, signoff_phrase, since_signoff, title_of, why_text  # noqa: F401
from store.reports.narrative.fields import field_change, label, plain, rich, sentences_of, value_word  # noqa: F401
from store.reports.narrative.ids_text import with_titles  # noqa: F401
