"""Exceptions raised by litkit.

Every error that comes from a user's file names the file, the line (1-based,
when one can be given) and what litkit expected to find there, so that a
scholar can open the file and see the problem without reading litkit's code.
"""

from __future__ import annotations

from pathlib import Path


class LitkitError(Exception):
    """Base class of all litkit errors.

    Parameters
    ----------
    message : str
        What went wrong.
    path : str or Path, optional
        The file concerned.
    line : int, optional
        1-based line number in that file.
    expected : str, optional
        What litkit expected instead.

    Examples
    --------
    >>> err = LitkitError("unknown tag", path="a.txt", line=3, expected="a two-letter tag")
    >>> str(err)
    'a.txt, line 3: unknown tag (expected a two-letter tag)'
    """

    def __init__(
        self, message: str, path: str | Path | None = None, line: int | None = None, expected: str | None = None
    ):
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.expected = expected
        super().__init__(self._format())

    def _format(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f", line {self.line}"
            where += ": "
        text = where + self.message
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class UnknownFormatError(LitkitError):
    """The file's content matches none of the supported export formats."""


class DecodingError(LitkitError):
    """The file's bytes cannot be decoded with any supported encoding."""


class ParseError(LitkitError):
    """A file in a known format is broken beyond what a reader can recover."""


class OutputExistsError(LitkitError):
    """An output file exists and the caller did not ask to overwrite it."""


class LitkitWarning(UserWarning):
    """A note from litkit about how it ran that does not change the result (e.g. a slower path taken)."""
