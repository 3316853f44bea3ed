"""Rebuttal Lab: offline debate training."""

__version__ = "0.1.0"
APP_NAME = "Rebuttal Lab"
APP_ID = "rebuttal-lab"
