"""Hypothesis strategies and named adversarial inputs, used by every rules test."""

from hypothesis import strategies as st

#: Named hard cases: (name, votes, n_seats).  Ties, zeros, one party, S = 1,
#: as many seats as votes, parties exactly level.
EDGE_CASES = [
    ("one party", [1000], 7),
    ("one party, one seat", [5], 1),
    ("one seat", [40, 35, 25], 1),
    ("two-way tie for the last seat", [100, 100, 50], 2),
    ("all parties level", [7, 7, 7, 7], 6),
    ("zero-vote parties", [0, 900, 0, 100, 0], 10),
    ("seats equal total votes", [3, 2, 1], 6),
    ("more seats than votes", [2, 1], 9),
    ("one vote each", [1, 1, 1], 3),
    ("huge and tiny", [10**9, 1], 600),
    ("many small", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], 15),
    ("level remainders", [150, 150, 100], 3),
]


def vote_counts(min_parties=1, max_parties=10, max_votes=10**6):
    """Vote vectors rich in zeros, repeats (ties) and tiny counts."""
    count = st.one_of(
        st.integers(0, max_votes),
        st.integers(0, 20),
        st.sampled_from([0, 1, 100, 1000, 10**5]),
    )
    return st.lists(count, min_size=min_parties, max_size=max_parties).filter(
        lambda votes: sum(votes) > 0
    )


def seat_counts(max_seats=300):
    """Seat counts, small ones often."""
    return st.one_of(st.integers(1, 12), st.integers(1, max_seats))
