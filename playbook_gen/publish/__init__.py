"""Publishing: building the site with MkDocs, the atomic swap into place, the MkDocs
plugin, live preview, and the starter playbook of `init`."""
