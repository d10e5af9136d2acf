"""Electoral rules, exactly.

Methods, thresholds, ties, ballots, districts, the chamber, exact allocation
and the indices of one allocation: pure Python on integer votes and fractions,
the reference every kernel is held to.
"""
