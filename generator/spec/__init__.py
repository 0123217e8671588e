"""The spec family: the page facts as frozen dataclasses (`model`) and their YAML/JSON Schema I/O (`io`)."""
