"""clausecheck's own typed errors: each says, in one line, what is wrong and what to do.

The CLI prints ``str(error)`` and exits with status 2; a batch records it as the file's error row.
Any exception that is not a :class:`ClauseCheckError` is a bug in clausecheck.
"""

from __future__ import annotations


class ClauseCheckError(Exception):
    """Base class for every problem clausecheck reports to the user instead of a traceback."""

    def __str__(self) -> str:
        # A message may quote a file's own bytes (a zip member's name, a file name): control
        # characters become spaces, so it stays one line and cannot send escapes to a terminal.
        return "".join(ch if ch.isprintable() else " " for ch in super().__str__())


class InputError(ClauseCheckError):
    """A file that could not be read as a contract. ``str()`` names the file and the problem."""

    reason = "cannot be read"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = str(path)
        self.detail = detail
        message = f"{self.path}: {self.reason}"
        if detail:
            message += f": {detail}"
        super().__init__(message)


class UnsupportedFormat(InputError):
    reason = "not a contract format clausecheck reads"


class EmptyFile(InputError):
    reason = "the file is empty"


class CorruptFile(InputError):
    reason = "the file is damaged or truncated"


class EncryptedPDF(InputError):
    reason = "the PDF is password-protected"


class NoTextLayer(InputError):
    reason = "the PDF has no text layer (a scan or images of pages)"


class UnreadableText(InputError):
    reason = "the text cannot be read (its fonts carry no character map)"


class TooLarge(InputError):
    reason = "the file is over a size limit"


class HostileFile(InputError):
    reason = "the file was refused as unsafe"


class RuleError(ClauseCheckError):
    """A rule file that cannot be used, located as ``file:line:column``."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None,
                 rule: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.rule = rule
        self.message = message
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class RuleTimeout(ClauseCheckError):
    """A rule's regular expression ran past its time limit."""

    def __init__(self, rule: str, seconds: float, where: str | None = None) -> None:
        self.rule = rule
        self.seconds = seconds
        self.where = where  # the rule's file:line:column, once known
        super().__init__(
            f"rule {rule}: its pattern ran longer than {seconds:g} s and was stopped "
            "(a catastrophic regular expression?)" + (f"; the rule is at {where}" if where else "")
        )


class OutputError(ClauseCheckError):
    """A report that could not be written (read-only folder, full disk)."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: cannot write the report: {detail}")


class ConfigError(ClauseCheckError):
    """A clausecheck.toml (or [tool.clausecheck] in pyproject.toml) that cannot be used."""

    def __init__(self, path: str, message: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {message}")
