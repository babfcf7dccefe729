"""Turning a checked playbook into an engine-neutral MkDocs project: which pages exist,
the Markdown of each (Jinja2), links, sanitised Markdown fields, and mkdocs.yml."""
