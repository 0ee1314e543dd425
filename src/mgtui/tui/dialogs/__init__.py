"""Dialogs: ModalScreen[T]s that return a value through dismiss, given what they need."""
