"""``python -m pactesur_kg`` runs the CLI."""

from .cli import run

run()
