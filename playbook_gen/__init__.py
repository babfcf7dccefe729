"""playbook-gen: a sales playbook written as YAML, published as a MkDocs Material site.

The library reads and checks a content folder (`resolve.load.load_playbook`, which reports
every problem to a `diagnostics.DiagnosticLog`), then renders and builds the site.
"""

__version__ = "0.1.0"
