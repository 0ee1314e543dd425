"""Dialogs: ModalScreen[T]s (``base.Dialog``) that return a value through dismiss, given what
they need."""
