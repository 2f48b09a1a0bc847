"""clausecheck: read a contract and flag the clauses that conflict with union AI provisions."""

__version__ = "0.1.0"
