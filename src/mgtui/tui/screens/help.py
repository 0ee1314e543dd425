"""Help: the keys, what each bar means, and where the numbers come from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from mgtui.tui.dialogs.base import Dialog
from mgtui.tui.sections import help_rows

HELP_TEXT = """\
# mgtui help

Three questions, every day: did I reach my **magnesium** target (food plus
supplements)? Did my **supplements** stay under the limit (350 mg/day for adults)?
Is my **calcium : magnesium** ratio in the band?

## Everywhere
| key | does |
|---|---|
{section_keys}
| `ctrl+p` | command palette: every action by name |
| `?` / `q` | this help / quit |

## Today
| key | does |
|---|---|
| `[` `]` | previous / next day |
| `↑` `↓` | select an entry |
| `e` or `enter` | change the selected entry's amount or time (a medicine's: its time) |
| `d` or `delete` | delete it (`u` undoes) |
| `u` | undo the last add, edit or delete |
| `r` | routines: `enter` logs one, `n` builds one, `e` changes one, `x` deletes one |
| `R` | save the day's entries, or the selected one, as a routine |
| `c` | copy entries of another day (all chosen; `space` leaves one out) |
| `w` | the day's warnings in full: a medicine's timing rule and its source |

## Supplements
| key | does |
|---|---|
| `l` or `enter` | log a serving of the selected product (now; asks the time on another day) |
| `n` / `e` / `x` | save a product from its label / change it / forget it |
| `o` | log a dose without saving a product |
| `tab` | move between the products and the medicines |
| `m` or `enter` | log the selected medicine as taken (now; asks the time on another day) |
| `M` / `X` | save a medicine with its class / forget it |

## Medicines
Some medicines and magnesium or calcium supplements block each other when taken
close together: an oral bisphosphonate (alendronate), tetracycline and quinolone
antibiotics, levothyroxine. Save yours on Supplements (`M`): a dose or a medicine
logged inside the other's window is asked about first ("Alendronate at 07:00:
magnesium should wait until 09:00. Log it anyway?"), Today says it, and History
marks the day with `Rx`. For proton-pump inhibitors and diuretics there is no timing
rule, only a note on Profile. Sources: NIH ODS magnesium and calcium fact sheets;
the drugs' labelling; FDA Drug Safety Communication (2011).

## The bars
- **Magnesium**: food `█` and supplements `▓` against your RDA; `┃` marks the EAR
  (the amount that covers half of people; below it, intake is likely too low).
- **Supplements**: magnesium from supplements and medicines against the upper
  limit. Food never counts toward it. Amber from 80% of the limit, red past it.
- **Calcium**: food and supplements against your calcium RDA.
- **Ca:Mg ratio**: calcium divided by magnesium over the whole day. The thick part
  is the band in use (2.2–3.2 by default; 1.7–2.6 and 1.7–2.8 are published too).
  `n/a` until some magnesium is logged.

## Where the numbers come from
Magnesium targets: IOM 1997 and the NIH ODS fact sheet. Calcium and vitamin D:
IOM 2011. Ratio bands: the seeds' 2.2–3.2; Costello et al. 2021; Rosanoff et al.
2016. Supplement forms: Molecules 2020;25:3172 and 2021;26:2419. Foods: USDA
SR28 (public domain).

This is guidance, not a diagnosis: talk to your clinician, above all about
supplements with kidney disease or alongside bisphosphonates and antibiotics.

*Esc or q closes this help.*
"""


def help_text() -> str:
    """The help page, its section keys from the one table of sections."""
    rows = "\n".join(f"| {key} | {what} |" for key, what in help_rows())
    return HELP_TEXT.replace("{section_keys}", rows)


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        # Imported when help opens: Markdown brings markdown-it and Pygments, ~50 ms
        # that every start of the app would otherwise pay before the first paint.
        from textual.widgets import Markdown

        with VerticalScroll(id="help", classes="dialog -wide"):
            yield Markdown(help_text())
