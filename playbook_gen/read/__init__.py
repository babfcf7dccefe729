"""Reading a playbook: site settings, YAML with positions, the content models and their
validation, and the JSON Schema derived from them. Knows nothing of pages."""
