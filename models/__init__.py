"""seatcast vote-share models: turn official counts, polls or partial counts into draws."""
