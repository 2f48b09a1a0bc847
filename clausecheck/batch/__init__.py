"""``clausecheck batch``: check many contracts in parallel worker processes, resumably.

Modules, one job each: :mod:`discovery` (which files), :mod:`pool` (worker processes with a
watchdog), :mod:`worker` (one contract: check, render, write), :mod:`state` (per-file records and
the manifest that ``--resume`` reads), :mod:`recurring` (flagged clauses that recur across
contracts), :mod:`tables` (CSV and JSONL), :mod:`dashboard` (index.html), :mod:`progress`
(the progress line) and :mod:`runner` (the whole run).
"""
