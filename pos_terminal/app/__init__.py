"""The composition root and the use-case facades the UI and the command line receive."""
