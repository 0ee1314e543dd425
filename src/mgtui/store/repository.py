"""The repository: the log, the profile and the saved things, as typed objects (never
a TinyDB document or a raw dict). This module is the façade; the work is done by
``logfile`` (locks, transactions, repair), ``dayindex`` (the days and their caches),
``records`` (checks on what is written), ``undo``, ``routines``, ``medications`` and
``favourites``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from mgtui.domain.entries import Entry, rescaled_vitamin_d
from mgtui.domain.history import DayTotals
from mgtui.domain.medicines import Medication
from mgtui.domain.routines import Routine
from mgtui.domain.supplements import SupplementProduct
from mgtui.domain.targets import DEFAULT_PROFILE, Profile
from mgtui.foods.model import Food
from mgtui.frozen import replace
from mgtui.locations import UntrustedPathError, data_file, ensure_private_dir, trusted_file
from mgtui.store import custom_foods, documents, favourites, layout, medications, products, routines
from mgtui.store.dayindex import Days
from mgtui.store.errors import (
    ImportFileError,
    InvalidRecordError,
    NotFoundError,
    StoreError,
    UndoConflictError,
)
from mgtui.store.errors import UntrustedPathError as StoreUntrustedPathError
from mgtui.store.logfile import DEFAULT_LOCK_TIMEOUT, LogFile, utc_stamp
from mgtui.store.records import checked_custom_food, checked_entry, checked_product
from mgtui.store.storage import FileSignature

# What only writes, undo, doctor, exports and imports use is imported where they are
# used: `mgtui status` and the app's start only read, and skip ~10 ms of imports
# (damage, exchange, merge, migrations with secrets, recovery, restore, undo).
if TYPE_CHECKING:
    from mgtui.store.damage import SetAsideRecord
    from mgtui.store.exchange import ImportResult
    from mgtui.store.tables import StoreTable
    from mgtui.store.undo import UndoAction, UndoStack

# What ``signature()`` returns: compare two with ``==`` (None: there is no file).
StoreSignature: TypeAlias = FileSignature | None


class Repository:
    """mgtui's data in one folder. Open with ``Repository.open(data_dir)``.

    Thread-safe; any number of processes may open the same folder. Every method
    raises ``StoreError`` subclasses only (messages are written for the user).
    """

    def __init__(self, data_dir: Path, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.data_dir = data_dir
        # A symlinked mgtui.json of one's own (kept in a synced folder, say) is saved
        # where it points: renaming over the link itself would silently fork the log.
        # Every process resolves the same way, so they share the lock next to the real
        # file. A link or file of another user is refused (locations.trusted_file).
        self.path = trusted_file(data_file(data_dir))
        self._file = LogFile(self.path, lock_timeout=lock_timeout)
        self._days = Days(self._file.storage)
        self._file.on_repair = self._days.forget
        self._undo: UndoStack | None = None  # made by the first change

    # -- opening and closing ----------------------------------------------------------

    @classmethod
    def open(
        cls, data_dir: Path | str, *, lock_timeout: float = DEFAULT_LOCK_TIMEOUT
    ) -> Repository:
        """Open (creating if needed) the log in ``data_dir``.

        Records that cannot be used are set aside and the rest used (see
        ``set_aside_records`` and ``notices``); a file that does not parse is moved
        aside and an empty log started (``recovered_from``); an older format is
        upgraded. Raises ``UntrustedPathError`` for a folder or file that is not the
        person's own, ``NewerSchemaError`` for a file from a newer mgtui (left
        untouched), ``StoreWriteError`` when the folder or file cannot be created,
        and ``StoreError`` when the file cannot be read.
        """
        folder = Path(data_dir).expanduser().absolute()
        try:
            notice = ensure_private_dir(folder)
            repository = cls(folder, lock_timeout=lock_timeout)
        except UntrustedPathError as refused:
            raise StoreUntrustedPathError(str(refused)) from None
        except OSError as error:
            raise StoreError(
                f"cannot create the data folder {folder}: {error.strerror or error}"
            ) from error
        if notice:
            repository._file.notice(notice)
        try:
            repository._file.open()
        except BaseException:
            repository.close()
            raise
        return repository

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- notices and change detection -------------------------------------------------

    @property
    def recovered_from(self) -> Path | None:
        """Where a damaged log was moved (``mgtui.json.corrupt-<timestamp>``), if it was."""
        return self._file.recovered_from

    @property
    def notices(self) -> tuple[str, ...]:
        """Everything worth telling the user since opening (recovery, upgrade, modes)."""
        return tuple(self._file.notices)

    def pop_notices(self) -> list[str]:
        """The notices not yet popped, for an app that shows each one once."""
        with self._file.thread_lock:
            notices = self._file.notices
            fresh = notices[len(notices) - self._file.unread_notices :]
            self._file.unread_notices = 0
            return fresh

    def signature(self) -> StoreSignature:
        """A cheap token (one ``stat``) that changes whenever the file is saved: compare
        it with an earlier one to know whether any process saved since."""
        return self._file.storage.signature()

    # -- entries ----------------------------------------------------------------------

    def log(self, entry: Entry) -> Entry:
        """Log a drafted ``Entry`` (its ``id`` is ignored); returns it with its new id,
        exactly as it will read back (times keep whole seconds, amounts 3 decimals).

        Raises ``InvalidRecordError`` for values that cannot be stored.
        """
        draft = checked_entry(entry)
        from mgtui.store.migrations import new_entry_id

        with self._transaction():
            index = self._days.index()
            entry_id = new_entry_id()
            while index.day_of(entry_id) is not None:  # 48 random bits: practically never
                entry_id = new_entry_id()
            stored = replace(draft, id=entry_id)
            self._days.insert(stored)
        self._remember("add", None, stored)
        return stored

    def log_many(self, entries: Iterable[Entry], *, undoable: bool = False) -> list[Entry]:
        """Log drafts in one save, all or none (a routine, a demo history); returns them
        with their new ids, each one an undo step when ``undoable``."""
        from mgtui.store.migrations import new_entry_id

        drafts = [checked_entry(replace(entry, id="")) for entry in entries]
        with self._transaction():
            stored = self._days.insert_many(drafts, new_entry_id)
        for entry in stored if undoable else ():
            self._remember("add", None, entry)
        return stored

    def edit_entry(
        self,
        entry_id: str,
        *,
        amount: str,
        magnesium_mg: float | None,
        calcium_mg: float | None,
        grams: float | None = None,
        servings: float | None = None,
        date: dt.date | None = None,
        time: dt.time | None = None,
    ) -> Entry:
        """Replace an entry's amount, grams, servings, magnesium and calcium (the caller
        computes them), and its ``date`` and ``time`` where given. ``grams`` is for foods
        and ``servings`` for supplements (None clears it). Raises ``NotFoundError``."""
        self.get_entry(entry_id)  # an unknown id is bad input even where nothing is written
        with self._transaction():
            before = self._days.find(entry_id)
            changed = replace(
                before,
                amount=amount,
                magnesium_mg=magnesium_mg,
                calcium_mg=calcium_mg,
                grams=grams,
                servings=servings,
                date=date or before.date,
                time=time or before.time,
                vitamin_d_iu=rescaled_vitamin_d(before, grams=grams, servings=servings),
            )
            after = checked_entry(changed, before=before)
            self._days.move(before, after)
        self._remember("edit", before, after)
        return after

    def delete_entry(self, entry_id: str) -> Entry:
        """Delete an entry; returns what was deleted. Raises ``NotFoundError``."""
        # An unknown id is bad input, told as such before the lock is taken: on a
        # read-only mount taking it would fail first, as if the machine were at fault.
        self.get_entry(entry_id)
        with self._transaction():
            entry = self._days.find(entry_id)
            self._days.remove(entry)
        self._remember("delete", entry, None)
        return entry

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Undo the last entry change made through this object; None if there is none.

        Returns what was done, e.g. "removed Nuts, almonds (1 oz) from 2025-01-31
        08:30". Raises ``UndoConflictError`` when the entry was changed elsewhere
        since (that step is then dropped), ``StoreWriteError`` when saving failed
        (the step stays, to try again).
        """
        from mgtui.store.undo import apply_undo

        with self._file.thread_lock:
            if self._undo is None or (step := self._undo.last()) is None:
                return None
            try:
                with self._transaction():
                    description = apply_undo(step, self._days)
            except UndoConflictError:
                self._undo.drop_last()
                raise
            self._undo.drop_last()
            return description

    def get_entry(self, entry_id: str) -> Entry:
        """One entry by id; raises ``NotFoundError``."""
        with self._file.reading():
            return self._days.find(entry_id)

    def find_entry(self, entry_id: str) -> Entry | None:
        """One entry by id, or None."""
        with self._file.reading():
            return self._days.find_or_none(entry_id)

    def entries_on(self, day: dt.date) -> list[Entry]:
        """A day's entries sorted by time (entries at the same time in logging order)."""
        with self._file.reading():
            return list(self._days.on(day))

    def entries_between(self, start: dt.date, end: dt.date) -> list[Entry]:
        """Entries from ``start`` to ``end`` inclusive, by date then time."""
        with self._file.reading():
            return self._days.between(start, end)

    def all_entries(self) -> list[Entry]:
        """Every entry, oldest first (for exports)."""
        return self.entries_between(dt.date.min, dt.date.max)

    def day_totals(self, *, newest_first: bool = True) -> list[DayTotals]:
        """Every day with entries (cached per day), newest first unless told otherwise."""
        with self._file.reading():
            totals = self._days.totals()
        if newest_first:
            totals.reverse()
        return totals

    def logged_days(self) -> list[dt.date]:
        """Every day with at least one entry, oldest first."""
        with self._file.reading():
            return [dt.date.fromordinal(o) for o in self._days.index().ordinals]

    def recent_food_ids(self, limit: int = 10) -> list[str]:
        """Distinct food ids of the latest entries, newest first (supplements have none)."""
        found: dict[str, None] = {}
        with self._file.reading():
            index = self._days.index()
            for ordinal in reversed(index.ordinals):
                # Latest first; of two at the same time, the one logged later first.
                for row in reversed(sorted(index.rows(ordinal), key=layout.row_time)):
                    food_id = row[7] if len(row) > 7 else None
                    if food_id is not None:
                        found.setdefault(food_id, None)
                        if len(found) >= limit:
                            return list(found)
        return list(found)

    def last_food_entry(self, food_id: str) -> Entry | None:
        """The latest entry of one food, or None: what a food the table no longer has
        can still be logged from (``mgtui.foods.retired``)."""
        with self._file.reading():
            return self._days.last_of_food(food_id)

    # -- damage -----------------------------------------------------------------------

    def set_aside_records(self) -> list[SetAsideRecord]:
        """What is set aside as damaged, with why (see ``mgtui doctor``)."""
        with self._file.reading():
            return self._file.set_aside_records()

    def drop_set_aside(self, record_id: str) -> SetAsideRecord:
        """Drop a set-aside record for good (for a damaged file kept beside the log, stop
        reminding of it; the file stays). Raises ``NotFoundError``."""
        from mgtui.store import damage

        with self._transaction():
            dropped = damage.drop(
                self._tables[layout.SET_ASIDE], lambda record: record.id == record_id
            )
        if not dropped:
            raise NotFoundError(f"nothing set aside has the id {record_id!r}")
        return dropped[0]

    def restore_set_aside(self, record_id: str, fixed: object) -> SetAsideRecord:
        """Put a corrected set-aside record back in use and drop it from the set-aside
        ones. Raises ``NotFoundError``, or ``InvalidRecordError`` (restore.py)."""
        from mgtui.store import damage
        from mgtui.store.restore import restore

        with self._transaction():
            table = self._tables[layout.SET_ASIDE]
            found = [damage.record_of(doc) for doc in table if doc["id"] == record_id]
            if not found:
                raise NotFoundError(f"nothing set aside has the id {record_id!r}")
            restore(found[0], fixed, self._days, self._tables)
            damage.drop(table, lambda record: record.id == record_id)
        return found[0]

    def recover(self, source: Path) -> tuple[ImportResult, list[SetAsideRecord]]:
        """Merge every valid record of a damaged file or older log into this one, as
        ``import_data`` does; returns what was merged and what could not be used."""
        from mgtui.store import damage, recovery
        from mgtui.store.merge import merge_bundle

        bundle, unusable = recovery.read_bundle(source)
        with self._transaction():
            result = merge_bundle(bundle, self._days, self._tables)
            if source.parent.resolve() == self.path.parent:
                damage.drop(
                    self._tables[layout.SET_ASIDE],
                    lambda record: record.what == damage.FILE and record.where == source.name,
                )
        return result, unusable

    # -- favourites -------------------------------------------------------------------

    def favourite_food_ids(self) -> list[str]:
        """Favourite food ids in the order they were marked."""
        with self._file.reading():
            return favourites.food_ids(self._tables[layout.FAVOURITES])

    def toggle_favourite(self, food_id: str) -> bool:
        """Mark or unmark a food as a favourite; returns whether it is one now."""
        with self._transaction():
            return favourites.toggle(self._tables[layout.FAVOURITES], food_id)

    # -- profile ----------------------------------------------------------------------

    def profile(self) -> Profile:
        """The saved profile, or ``DEFAULT_PROFILE`` (``is_default`` True) if none is."""
        with self._file.reading():
            document = self._loaded(layout.PROFILE).get(str(layout.PROFILE_DOC_ID))
        # An unusable saved profile was set aside when the file loaded (records.py).
        return DEFAULT_PROFILE if document is None else documents.profile_from_dict(document)

    def save_profile(self, profile: Profile) -> Profile:
        """Save the profile; returns it as saved (``is_default`` False)."""
        from tinydb.table import Document

        saved = replace(profile, is_default=False)
        with self._transaction():
            self._tables[layout.PROFILE].upsert(
                Document(documents.profile_to_dict(saved), doc_id=layout.PROFILE_DOC_ID)
            )
        return saved

    def has_saved_profile(self) -> bool:
        with self._file.reading():
            return str(layout.PROFILE_DOC_ID) in self._loaded(layout.PROFILE)

    def profile_asked(self) -> bool:
        """Whether the first-run question was answered (saved or declined) once."""
        if self.has_saved_profile():
            return True
        with self._file.reading():
            meta = self._loaded(layout.META).get(str(layout.META_DOC_ID))
        return bool(meta and meta.get("profile_asked"))

    def mark_profile_asked(self) -> None:
        """Remember that the person chose to keep the default profile for now."""
        with self._transaction():
            self._tables[layout.META].update({"profile_asked": True}, doc_ids=[layout.META_DOC_ID])

    # -- supplement products ----------------------------------------------------------

    def supplement_products(self) -> list[SupplementProduct]:
        """Saved products sorted by name (case-insensitively)."""
        with self._file.reading():
            return products.read_all(self._tables[layout.SUPPLEMENTS], self.path)

    def supplement_product(self, name: str) -> SupplementProduct | None:
        """A saved product by name, ignoring case; None if there is none."""
        key = name.strip().casefold()
        return next((p for p in self.supplement_products() if p.name.casefold() == key), None)

    def save_supplement_product(
        self, product: SupplementProduct, *, replacing: str | None = None
    ) -> SupplementProduct:
        """Save a product; one with the same name (ignoring case) is replaced, and so is
        ``replacing``, a name it renames, in the same transaction (a failed save loses
        neither). Never a saved medicine's name."""
        product = products.checked(product)
        with self._transaction():
            medications.refuse_name(self._tables[layout.MEDICATIONS], product.name, "medicine")
            products.put(self._tables[layout.SUPPLEMENTS], product, replacing)
        return product

    def delete_supplement_product(self, name: str) -> SupplementProduct:
        """Delete a saved product by name (ignoring case); raises ``NotFoundError``."""
        with self._transaction():
            return products.remove(self._tables[layout.SUPPLEMENTS], name, self.path)

    # -- routines (store/routines.py) -----------------------------------------------------

    def routines(self) -> list[Routine]:
        """Saved routines sorted by name (case-insensitively)."""
        with self._file.reading():
            return routines.read_all(self._tables[layout.ROUTINES])

    def save_routine(self, routine: Routine) -> Routine:
        """Save a routine, replacing one of the same name (ignoring case)."""
        routine = routines.checked_routine(routine)
        with self._transaction():
            routines.put(self._tables[layout.ROUTINES], routine)
        return routine

    def delete_routine(self, name: str) -> Routine:
        """Delete a routine by name (ignoring case); raises ``NotFoundError``."""
        with self._transaction():
            return routines.remove(self._tables[layout.ROUTINES], name)

    # -- medicines (store/medications.py) ----------------------------------------------

    def medications(self) -> list[Medication]:
        """Saved medicines sorted by name (case-insensitively)."""
        with self._file.reading():
            return medications.read_all(self._tables[layout.MEDICATIONS])

    def save_medication(self, medication: Medication) -> Medication:
        """Save a medicine, replacing one of the same name; never a saved product's name."""
        medication = medications.checked_medication(medication)
        with self._transaction():
            medications.refuse_name(self._tables[layout.SUPPLEMENTS], medication.name, "product")
            medications.put(self._tables[layout.MEDICATIONS], medication)
        return medication

    def delete_medication(self, name: str) -> Medication:
        """Delete a medicine by name (ignoring case); taken doses keep their entries."""
        with self._transaction():
            return medications.remove(self._tables[layout.MEDICATIONS], name)

    # -- custom foods -----------------------------------------------------------------

    def custom_foods(self) -> list[Food]:
        """Custom foods sorted by name (case-insensitively)."""
        with self._file.reading():
            return custom_foods.read_all(self._tables[layout.CUSTOM_FOODS])

    def custom_food(self, food_id_or_name: str) -> Food | None:
        """A custom food by id ("custom-...") or by name ignoring case; None if none."""
        key = food_id_or_name.strip()
        for food in self.custom_foods():
            if food.id == key or food.name.casefold() == key.casefold():
                return food
        return None

    def save_custom_food(self, food: Food) -> Food:
        """Save a custom food (``custom=True``, id "custom-<slug>"); returns it as saved.

        The same name (ignoring case) replaces the saved food. Another name whose slug
        is taken gets a numbered id ("custom-water-still-2"), so it never replaces a
        different food.

        Raises ``DuplicateNameError`` when another custom food has that name, and
        ``InvalidRecordError`` for a food that is not custom or has bad values.
        """
        food = custom_foods.checked(food)
        with self._transaction():
            return custom_foods.put(self._tables[layout.CUSTOM_FOODS], food)

    def delete_custom_food(self, food_id: str) -> Food:
        """Delete a custom food (and its favourite mark); logged entries keep their
        own copy of its name and nutrients. Raises ``NotFoundError``."""
        with self._transaction():
            food = custom_foods.remove(self._tables[layout.CUSTOM_FOODS], food_id)
            favourites.unmark(self._tables[layout.FAVOURITES], food_id)
            return food

    # -- export and import ------------------------------------------------------------

    def export_data(self) -> dict[str, Any]:
        """Everything as plain JSON values (``exchange.EXPORT_FORMAT``, versioned)."""
        # Under the lock, so the parts come from one version of the file. Profile and
        # products are exported as stored, without the domain's checks: a backup must
        # never fail because a saved value broke a rule added later.
        import copy

        from mgtui.store import exchange

        with self._file.thread_lock, self._file.locked():
            self._file.ensure_loaded_locked()
            profile = self._tables[layout.PROFILE].get(doc_id=layout.PROFILE_DOC_ID)
            products = sorted(
                self._tables[layout.SUPPLEMENTS].all(), key=lambda d: d["name"].casefold()
            )
            document = exchange.export_document(
                exported_at=utc_stamp(),
                profile=None,
                entries=self.all_entries(),
                supplement_products=[],
                custom_foods=self.custom_foods(),
                favourite_food_ids=self.favourite_food_ids(),
                routines=self.routines(),
                medications=self.medications(),
            )
            document["profile"] = None if profile is None else copy.deepcopy(dict(profile))
            document["supplement_products"] = [copy.deepcopy(dict(p)) for p in products]
            return document

    def import_data(self, data: object) -> ImportResult:
        """Merge an export into the log: all of it, or nothing.

        Everything is validated before anything is written (``ImportFileError``
        lists the problems). Entries merge by id: new ids are added, ids already
        present are left as they are (counted as unchanged or conflicting), so
        importing the same file twice changes nothing the second time. Products and
        custom foods are added when their name (and id) are new; favourites are
        merged; the profile is taken only if none is saved here.
        """
        from mgtui.store import exchange
        from mgtui.store.merge import merge_bundle

        bundle = exchange.parse_import(data)
        try:
            entries = [checked_entry(entry) for entry in bundle.entries]
            for product in bundle.supplement_products:
                checked_product(product)
            for food in bundle.custom_foods:
                checked_custom_food(food)
            bundle = replace(
                bundle,
                entries=tuple(entries),
                routines=tuple(routines.checked_routine(r) for r in bundle.routines),
                medications=tuple(medications.checked_medication(m) for m in bundle.medications),
            )
        except InvalidRecordError as error:
            raise ImportFileError([str(error)]) from None
        with self._transaction():
            return merge_bundle(bundle, self._days, self._tables)

    # -- transactions -----------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Lock, load the file's current content, run the block, save once."""
        with self._file.transaction(on_saved=self._days.saved):
            # The index starts from the content the transaction changes, and the
            # block updates it as it goes.
            self._days.index()
            yield

    @property
    def _tables(self) -> dict[str, StoreTable]:
        """TinyDB's tables, for writes and the reads of saved things (tables.py)."""
        return self._file.tables

    def _loaded(self, name: str) -> dict[str, Any]:
        """A table as loaded, the store's own (read it, never change it), for the day's
        reads without TinyDB; the caller holds the thread lock (``reading``)."""
        return self._file.storage.read()[name]

    def _remember(self, action: UndoAction, before: Entry | None, after: Entry | None) -> None:
        from mgtui.store.undo import UndoStack, UndoStep

        with self._file.thread_lock:
            if self._undo is None:
                self._undo = UndoStack()
            self._undo.push(UndoStep(action, before, after))
