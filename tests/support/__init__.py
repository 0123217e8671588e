"""Test infrastructure: toolchain lookup, batched language checkers, a loopback REST double."""
