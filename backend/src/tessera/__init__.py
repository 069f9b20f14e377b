"""Tessera: a booking platform for events, flights and watch parties."""

__version__ = "0.1.0"
