"""The pages shown in the main window's stack, one per navigation entry."""
