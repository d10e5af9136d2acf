"""Plain codes the kernels share with the code above them, without importing numba.

Status codes say whether a draw was allocated, and if not, why; quota kinds
say which quota a largest-remainder kernel computes.
"""

OK = 0
NO_ELIGIBLE_PARTY = 1
TOO_FEW_SEATS = 2  # first-seat methods: fewer seats than eligible parties
TOO_FEW_REMAINDERS = 3  # a quota leaves more seats than remainders
NO_LIST_SEATS = 4  # linked tiers: seats outside the list allocation fill the house

#: Number of status codes (``OK`` and the failures): the length of a status tally.
N_STATUSES = 5

#: Why a draw could not be allocated, by status.
FAILURES = {
    NO_ELIGIBLE_PARTY: "no party cleared the threshold",
    TOO_FEW_SEATS: "fewer seats than parties that each need a first seat",
    TOO_FEW_REMAINDERS: "more seats left after the quotas than parties",
    NO_LIST_SEATS: "constituency seats outside the list allocation fill the house",
}

# Quota kinds, as the method registry (:data:`seatcast.engine.rules.methods.METHODS`) names them.
HARE, DROOP, HAGENBACH_BISCHOFF, IMPERIALI_QUOTA = 0, 1, 2, 3

# Linkage rules of two tiers, as :data:`seatcast.engine.rules.linkage.LINKAGES` names them.
PARALLEL, MMP, MMP_CAPPED, LEVELING, LEVELING_RETURNED = 0, 1, 2, 3, 4
