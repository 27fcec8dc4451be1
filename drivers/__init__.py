"""Hardware adapters: scanners, decoders, ESC/POS printer, cash drawer, card terminal."""
