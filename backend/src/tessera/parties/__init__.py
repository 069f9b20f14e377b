"""Watch parties: hosts show a film to guests at a place they choose, in slots that never overlap; guests
book places for free; host and guests rate each other."""
