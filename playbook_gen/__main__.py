"""`python -m playbook_gen` is the `playbook-gen` command."""

from playbook_gen.cli import run

run()
