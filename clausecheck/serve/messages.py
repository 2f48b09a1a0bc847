"""One plain sentence for each of clausecheck's errors, saying what went wrong and what to do next.

The page never shows ``str(error)``: it names the private temporary file and speaks of command-line
options. The error's own ``detail`` is shown as a second line where it helps (what the file really is).
"""

from __future__ import annotations

from ..errors import (
    ClauseCheckError,
    ConfigError,
    CorruptFile,
    EmptyFile,
    EncryptedPDF,
    HostileFile,
    InputError,
    NoTextLayer,
    OutputError,
    RuleError,
    RuleTimeout,
    TooLarge,
    UnreadableText,
    UnsupportedFormat,
)

MESSAGES: dict[type[ClauseCheckError], str] = {
    UnsupportedFormat: "clausecheck reads PDF, Word (.docx) and plain text files, and this file is none "
    "of those. Save the contract as a PDF or a .docx file and choose it again.",
    EmptyFile: "The file is empty. Check that you chose the right file, then choose it again.",
    CorruptFile: "The file is damaged or was cut short, so it cannot be read. Ask the sender for a fresh "
    "copy, or save it again as a PDF, and choose it again.",
    EncryptedPDF: "This PDF is locked with a password. Type the password below and choose the file again.",
    NoTextLayer: "This PDF is a scan: its pages are pictures, with no text clausecheck can read. Ask the "
    "sender for a PDF saved from the document itself, or run it through a text-recognition (OCR) tool "
    "such as ocrmypdf, then choose the new file.",
    UnreadableText: "The text in this PDF cannot be read: its fonts do not say which letters they draw. "
    "Ask the sender for a Word copy or a PDF saved another way, then choose that file.",
    TooLarge: "The file is too big for clausecheck (too many bytes, pages or clauses). Check a shorter "
    "copy, for example the contract without its exhibits.",
    HostileFile: "The file was refused because parts of it look made to harm programs that open it. "
    "Ask the sender for a clean copy, ideally as a PDF.",
    InputError: "The file could not be read as a contract. Save it as a PDF or a .docx file and choose "
    "it again.",
    RuleTimeout: "One of clausecheck's rules took too long on this file and was stopped. Try again; if it "
    "happens again, please report it.",
    RuleError: "clausecheck's rules could not be loaded, so nothing was checked. Check the rule folders "
    "named in clausecheck.toml, then restart clausecheck serve.",
    ConfigError: "The settings file clausecheck.toml cannot be used. Fix it, then restart clausecheck serve.",
    OutputError: "The report could not be made. Try again.",
    ClauseCheckError: "The file could not be checked. Try saving it as a PDF and choosing it again.",
}
WRONG_PASSWORD = "That password did not open the PDF. Check it, type it again and choose the file again."
NO_FILE = "Choose a contract file (PDF, Word .docx or text) first."


def friendly(error: ClauseCheckError, *, password_given: bool = False) -> str:
    """The sentence for ``error``: the most specific class of it that has one."""
    if isinstance(error, EncryptedPDF) and password_given:
        return WRONG_PASSWORD
    for kind in type(error).__mro__:
        message = MESSAGES.get(kind)
        if message is not None:
            return message
    return MESSAGES[ClauseCheckError]


def detail(error: ClauseCheckError) -> str:
    """The error's own detail about the file, when it says something useful to a reader."""
    if isinstance(error, InputError) and not isinstance(error, EncryptedPDF):
        return error.detail
    return ""
