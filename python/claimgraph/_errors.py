"""The exceptions claimgraph raises.

Every exception derives from :class:`Error`. Its message is the one the ``claimgraph``
command line prints after ``claimgraph: error:``, and ``exit_code`` is the exit status
the command line would end with (1 an input error, 2 a usage error, 3 a missing
external tool).
"""

from __future__ import annotations

from typing import Any, List, Optional


class Error(Exception):
    """Any error of claimgraph.

    Attributes:
        exit_code: the command line's exit status for this error.
    """

    exit_code: int = 1

    def __init__(self, message: str, **attrs: Any) -> None:
        super().__init__(message)
        for key, value in attrs.items():
            setattr(self, key, value)

    @property
    def message(self) -> str:
        """The message, as the command line prints it."""
        return str(self.args[0]) if self.args else ""


class InputError(Error):
    """An input could not be read or does not have the expected form (exit code 1)."""


class ParseError(InputError, ValueError):
    """An input is malformed: the message starts with ``file:line:column``.

    Attributes:
        path: the file (``-`` for standard input).
        line: 1-based line, 0 when unknown.
        column: 1-based column in characters, 0 when unknown.
    """

    path: str = ""
    line: int = 0
    column: int = 0


class FileError(InputError, OSError):
    """A file could not be read or written.

    Attributes:
        path: the file.
    """

    path: str = ""

    def __init__(self, message: str, **attrs: Any) -> None:
        OSError.__init__(self, message)
        for key, value in attrs.items():
            setattr(self, key, value)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UnknownEntityError(InputError, LookupError):
    """A name matches no entity of the graph.

    Attributes:
        name: the name as given.
        closest: the closest names the graph knows.
    """

    name: str = ""
    closest: List[str] = []

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class UsageError(Error, ValueError):
    """The request itself does not make sense, such as an unknown relation or format
    (exit code 2)."""

    exit_code = 2


class MissingToolError(Error):
    """An external program an output needs (Graphviz ``dot`` for SVG) is not installed;
    the message says how to get it (exit code 3).

    Attributes:
        program: the program's name.
    """

    exit_code = 3
    program: Optional[str] = None


class ToolError(Error):
    """An external program failed.

    Attributes:
        program: the program's name.
    """

    program: Optional[str] = None


class InternalError(Error):
    """A document tripped a bug inside claimgraph's extraction (exit code 1); the other
    documents are not affected. Please report it with the document.

    Attributes:
        document: the document's id (its path for a file).
    """

    document: str = ""


__all__ = [
    "Error",
    "InputError",
    "ParseError",
    "FileError",
    "UnknownEntityError",
    "UsageError",
    "MissingToolError",
    "ToolError",
    "InternalError",
]


class DocumentSkipped(UserWarning):
    """A document ``extract(..., keep_going=True)`` skipped: the message names it and
    says why (the error it would have raised)."""
