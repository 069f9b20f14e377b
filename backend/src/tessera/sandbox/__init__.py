"""Emulators of outside services, for development, tests and staging. Production code never imports them:
only the composition root mounts one, when the settings ask for it."""
