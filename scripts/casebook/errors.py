"""The errors a user can meet, one small hierarchy (as MkDocs' exceptions.py): each message names
the file and says what to do, and the command line turns any of them into one line, never a traceback."""

from __future__ import annotations


class CasebookError(Exception):
    """A problem with the user's files or rules, told in the message."""


class ReadError(CasebookError):
    """A file that cannot be turned into text; the message names the problem for the user."""
