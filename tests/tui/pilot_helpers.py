"""Shared by the pilot tests of the app."""
from __future__ import annotations

import asyncio
import functools


def aio(fn):
    """Run an async test body with asyncio (no async plugin is installed)."""
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        return asyncio.run(fn(*a, **kw))
    return wrapper
