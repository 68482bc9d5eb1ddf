"""The contact database and every rule about contacts. Never imports Qt or `desktop`."""
