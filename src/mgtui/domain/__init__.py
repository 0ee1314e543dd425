"""Pure rules of mgtui: targets, supplement forms, a day's summary, verdict and
figures, insights, routines, and the rule for text from data.

Nothing here imports textual or tinydb (a test checks it). The package imports none
of its modules itself: a command that needs one rule (``domain.text`` to escape a
name) does not pay for all of them.
"""
