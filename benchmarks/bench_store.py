"""How fast is the log with ten years of data? Prints median and p95 of each operation.

    .venv/bin/python benchmarks/bench_store.py            # the store as built
    .venv/bin/python benchmarks/bench_store.py --naive    # also the naive TinyDB design

Builds ~55,000 entries (10 years x 15 a day) through the repository's bulk import,
then measures: a durable add (with the time spent in fsync), reading one day, per-day
totals over all time (first call, cached call, and after another process saved),
opening the repository (in this process, and in a new interpreter including imports),
and the file size. ``--naive`` measures the design this replaced: TinyDB's default
one-document-per-entry layout with named keys and the standard json module, written
with the same atomic, fsynced replace.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from benchkit import Summary, milliseconds, time_call
from mgtui.domain.entries import Entry
from mgtui.store import Repository, storage

if TYPE_CHECKING:
    from _typeshed import FileDescriptorLike

FOODS = [
    ("12014", "Seeds, pumpkin and squash seed kernels, dried", 592, 46, "1 oz", 28.35),
    ("12061", "Nuts, almonds", 268, 264, "1 oz", 28.35),
    ("11458", "Spinach, cooked, boiled, drained, without salt", 87, 136, "1 cup", 180.0),
    ("01077", "Milk, whole, 3.25% milkfat, with added vitamin D", 10, 113, "1 cup", 244.0),
    ("09040", "Bananas, raw", 27, 5, "1 medium", 118.0),
    ("08120", "Cereals, oats, regular and quick, not fortified, dry", 138, 52, "1/2 cup", 40.5),
    ("16015", "Beans, black, mature seeds, cooked, boiled, without salt", 70, 27, "1 cup", 172.0),
    ("20137", "Quinoa, cooked", 64, 17, "1 cup", 185.0),
    ("19904", "Chocolate, dark, 70-85% cacao solids", 228, 73, "1 oz", 28.35),
    ("09037", "Avocados, raw, all commercial varieties", 29, 12, "1/2 fruit", 100.0),
    ("18075", "Bread, whole-wheat, commercially prepared", 76, 161, "1 slice", 32.0),
    ("01117", "Yogurt, plain, low fat, 12 grams protein per 8 ounce", 17, 183, "1 cup", 245.0),
    ("15076", "Fish, salmon, Atlantic, farmed, raw", 27, 9, "3 oz", 85.0),
    ("11124", "Carrots, raw", 12, 33, "1 medium", 61.0),
    ("20041", "Rice, brown, long-grain, cooked", 43, 10, "1 cup", 195.0),
    ("custom-spring-water", "Spring water (my brand)", 2.6, 8.0, "1 litre", 1000.0),
]


def _ten_years(years: int, per_day: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    start = dt.date.today() - dt.timedelta(days=365 * years)
    entries = []
    for day_index in range(365 * years + years // 4):
        day = (start + dt.timedelta(days=day_index)).isoformat()
        for slot in range(per_day):
            time_text = f"{6 + slot * 16 // per_day:02d}:{rng.randrange(60):02d}"
            entry_id = f"{rng.getrandbits(48):012x}"
            if slot == per_day - 1:
                entries.append(
                    {
                        "id": entry_id,
                        "date": day,
                        "time": time_text,
                        "kind": "supplement",
                        "name": "Magnesium glycinate",
                        "amount": "2 capsules",
                        "magnesium_mg": 120.0,
                        "calcium_mg": None,
                        "form": "glycinate",
                        "product": "Mag Glycinate 60",
                        "servings": 2.0,
                    }
                )
                continue
            food_id, name, mg, ca, amount, grams = rng.choice(FOODS)
            factor = rng.choice([0.5, 1.0, 1.0, 1.5, 2.0])
            entries.append(
                {
                    "id": entry_id,
                    "date": day,
                    "time": time_text,
                    "kind": "food",
                    "name": name,
                    "amount": amount if factor == 1 else f"{factor:g} x {amount}",
                    "magnesium_mg": round(mg * grams * factor / 100, 3),
                    "calcium_mg": round(ca * grams * factor / 100, 3),
                    "food_id": food_id,
                    "grams": round(grams * factor, 3),
                }
            )
    return {"format": "mgtui-export", "version": 1, "entries": entries}


def _stats(samples_s: list[float]) -> str:
    return Summary.of(milliseconds(samples_s)).text()


_time = time_call


@contextmanager
def _fsync_timer(samples: list[float]) -> Iterator[None]:
    """Count the time spent in os.fsync (file and folder) during the block."""
    real = os.fsync

    def timed(fd: FileDescriptorLike) -> None:
        start = time.perf_counter()
        real(fd)
        samples.append(time.perf_counter() - start)

    os.fsync = timed
    try:
        yield
    finally:
        os.fsync = real


def bench_store(folder: Path, years: int, per_day: int, adds: int, reads: int) -> None:
    rng = random.Random(2)
    print(f"building {years} years x {per_day} entries/day in {folder} ...", flush=True)
    export = _ten_years(years, per_day)
    start = time.perf_counter()
    with Repository.open(folder) as repo:
        result = repo.import_data(export)
    print(f"  imported {result.entries_added} entries in {time.perf_counter() - start:.1f} s")
    size = (folder / "mgtui.json").stat().st_size
    print(f"file size: {size / 1e6:.2f} MB ({size / result.entries_added:.0f} bytes/entry)")

    opens = [_time(lambda: Repository.open(folder).close()) for _ in range(10)]
    print(f"open (this process, file cached):      {_stats(opens)}")
    code = "from mgtui.store import Repository; import sys; Repository.open(sys.argv[1])"
    fresh = [
        _time(lambda: subprocess.run([sys.executable, "-c", code, str(folder)], check=True))
        for _ in range(5)
    ]
    print(f"open (new interpreter, with imports):  {_stats(fresh)}")

    repo = Repository.open(folder)
    days = repo.logged_days()
    picks = [rng.choice(days) for _ in range(reads)]
    first = [_time(partial(repo.entries_on, day)) for day in picks]
    again = [_time(partial(repo.entries_on, day)) for day in picks]
    print(f"read one day (first time):             {_stats(first)}")
    print(f"read one day (again):                  {_stats(again)}")

    cold = _time(repo.day_totals)
    warm = [_time(repo.day_totals) for _ in range(20)]
    print(f"per-day totals, all time (first call): {_stats([cold])}")
    print(f"per-day totals, all time (cached):     {_stats(warm)}")

    fsyncs: list[float] = []
    add_times: list[float] = []
    with _fsync_timer(fsyncs):
        for _ in range(adds):
            day = rng.choice(days)
            add_times.append(
                _time(
                    partial(
                        repo.log,
                        Entry(
                            id="",
                            date=day,
                            time=dt.time(rng.randrange(24), rng.randrange(60)),
                            kind="food",
                            name="Nuts, almonds",
                            amount="1 oz",
                            magnesium_mg=75.978,
                            calcium_mg=74.844,
                            food_id="12061",
                            grams=28.35,
                        ),
                    )
                )
            )
    per_add_fsync = [a + b for a, b in zip(fsyncs[::2], fsyncs[1::2], strict=True)]
    print(f"add an entry (durable):                {_stats(add_times)}")
    print(f"  of which fsync (file + folder):      {_stats(per_add_fsync)}")
    tables = orjson.loads((folder / "mgtui.json").read_bytes())
    dump = [_time(lambda: storage.dump_json(tables)) for _ in range(20)]
    print(f"  of which serialising (orjson):       {_stats(dump)}")

    other = Repository.open(folder)
    after_other: list[float] = []
    totals_after: list[float] = []
    today = days[-1]
    for index in range(20):
        other.log(
            Entry(
                id="",
                date=rng.choice(days),
                time=dt.time(12, index),
                kind="food",
                name="Bananas, raw",
                amount="1 medium",
                magnesium_mg=31.86,
                calcium_mg=5.9,
            )
        )
        after_other.append(_time(lambda: repo.entries_on(today)))
        totals_after.append(_time(repo.day_totals))
    print(f"read a day after another process saved: {_stats(after_other)}")
    print(f"  then per-day totals, all time:       {_stats(totals_after)}")
    repo.close()
    other.close()


def bench_naive(folder: Path, years: int, per_day: int, adds: int, reads: int) -> None:
    """The design this replaced: one TinyDB document per entry, named keys, json."""
    from tinydb import Query, TinyDB
    from tinydb.storages import Storage

    class NaiveAtomicStorage(Storage):
        def __init__(self, path: str) -> None:
            self.path = Path(path)
            self.data: Any = None

        def read(self) -> Any:
            if self.data is None:
                self.data = json.loads(self.path.read_bytes())
            return self.data

        def write(self, data: Any) -> None:
            payload = json.dumps(data).encode()
            fd, temp = tempfile.mkstemp(dir=self.path.parent)
            os.write(fd, payload)
            os.fsync(fd)
            os.close(fd)
            os.replace(temp, self.path)
            storage.fsync_folder(self.path.parent)
            self.data = data

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "naive.json"
    entries = _ten_years(years, per_day)["entries"]
    table = {str(index): entry for index, entry in enumerate(entries, start=1)}
    path.write_bytes(json.dumps({"entries": table}).encode())
    size = path.stat().st_size
    print(f"naive file size: {size / 1e6:.2f} MB ({size / len(entries):.0f} bytes/entry)")

    opens = [
        _time(lambda: TinyDB(str(path), storage=NaiveAtomicStorage).table("entries").get(doc_id=1))
        for _ in range(5)
    ]
    print(f"naive open + first read:               {_stats(opens)}")
    db = TinyDB(str(path), storage=NaiveAtomicStorage)
    log = db.table("entries", cache_size=0)
    rng = random.Random(2)
    dates = sorted({entry["date"] for entry in entries})
    query = Query()
    day_reads = [
        _time(partial(log.search, query.date == day))
        for day in (rng.choice(dates) for _ in range(min(reads, 50)))
    ]
    print(f"naive read one day (scan):             {_stats(day_reads)}")

    def totals() -> dict[str, float]:
        sums: dict[str, float] = {}
        for document in log:
            sums[document["date"]] = sums.get(document["date"], 0.0) + (
                document["magnesium_mg"] or 0.0
            )
        return sums

    print(f"naive per-day totals, all time:        {_stats([_time(totals) for _ in range(5)])}")
    add_times = [
        _time(
            lambda: log.insert(
                {
                    "id": f"{rng.getrandbits(48):012x}",
                    "date": rng.choice(dates),
                    "time": "12:00",
                    "kind": "food",
                    "name": "Nuts, almonds",
                    "amount": "1 oz",
                    "magnesium_mg": 75.978,
                    "calcium_mg": 74.844,
                    "food_id": "12061",
                    "grams": 28.35,
                }
            )
        )
        for _ in range(min(adds, 40))
    ]
    print(f"naive add an entry (durable):          {_stats(add_times)}")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--per-day", type=int, default=15)
    parser.add_argument("--adds", type=int, default=200)
    parser.add_argument("--reads", type=int, default=1000)
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(__file__).parent / ".data",
        help="scratch folder, emptied first (default: benchmarks/.data)",
    )
    parser.add_argument("--naive", action="store_true", help="also measure the naive design")
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    bench_store(args.dir / "store", args.years, args.per_day, args.adds, args.reads)
    if args.naive:
        print()
        bench_naive(args.dir / "naive", args.years, args.per_day, args.adds, args.reads)
    shutil.rmtree(args.dir, ignore_errors=True)


if __name__ == "__main__":
    main()
