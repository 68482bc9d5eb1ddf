"""The contact database and every rule about contacts. Never imports Qt or `desktop`."""

import os

# numpy (duplicate finding) brings OpenBLAS, which starts a thread per core when it is imported,
# and those threads spin for a while: about 0.1 s of CPU in every process, three of them in a big
# import (the importer and its workers, which inherit this), for linear algebra that Cardfile
# never does.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
