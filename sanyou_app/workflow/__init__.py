"""The workflows the app ships (JSON, created when missing by setup/install.py) and the rules every
workflow of the app follows (reasons.py)."""
