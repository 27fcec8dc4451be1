"""Device-neutral receipt and report documents, rendered to ESC/POS and to images."""
