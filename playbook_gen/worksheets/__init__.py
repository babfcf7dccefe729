"""Worksheet arithmetic (the twin of assets/scoring.js), answer files, the `score`
command and the data the working tools' page script reads."""
