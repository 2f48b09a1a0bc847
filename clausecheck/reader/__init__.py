"""The clause reader: a learnt model that flags clauses the rules' wording does not reach.

``features`` turns a clause into words and word pairs, ``model`` scores clauses per concern with the
trained weights in ``reader.npz`` (written by scripts/train_reader.py), and ``findings`` turns the
scores into findings where no rule already raised the concern. See docs/reader.md.
"""
