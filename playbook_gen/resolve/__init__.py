"""Resolving a read playbook: the entity index, references, cross-file checks and
backlinks, bundled into one checked playbook that the site and the commands use."""
