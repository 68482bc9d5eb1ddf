"""Import a CSV file into a database in a fresh process, as `cardfile import` does (without the
backup, which is measured apart).

    import_file.py DATABASE FILE ON_MATCH

Prints `RESULT {json}`: the import's seconds (reading, checking, matching and writing, up to
the commit), what it did, and the peak resident memory of this process and of its worker
processes (VmHWM and the children's ru_maxrss, MB).
"""

import json
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    database, file, on_match = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    from db.interchange.import_files import ImportSource, records_of
    from db.interchange.import_records import ImportOptions
    from db.interchange.importing import run_import
    from db.store import open_store

    store = open_store(database)
    started = time.perf_counter()
    with store.session() as session:
        result = run_import(
            session, records_of(ImportSource(file)), ImportOptions(on_match, file_name=str(file))
        )
    seconds = time.perf_counter() - started
    store.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        "RESULT "
        + json.dumps(
            {
                "seconds": seconds,
                "created": result.created,
                "updated": result.updated,
                "rejected": result.rejected,
                "peak_mb": peak_mb(),
                "worker_peak_mb": children,
                "cpu_s": own.ru_utime + own.ru_stime,
                "worker_cpu_s": workers.ru_utime + workers.ru_stime,
            }
        )
    )


if __name__ == "__main__":
    main()
