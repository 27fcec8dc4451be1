"""The domain: plain Python, standard library only (plus pos_terminal.money and .ids)."""
