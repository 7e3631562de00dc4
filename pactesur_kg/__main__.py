"""``python -m pactesur_kg`` runs the CLI."""

from .cli import app

app(prog_name="pactesur-kg")
