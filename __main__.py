"""``python -m compare`` run from the folder that holds a clone named ``compare``.

There, Python takes the clone's folder (which has no ``__init__.py``) for the package and runs
this file instead of the package's own ``compare/__main__.py``. This file swaps in the
package inside the clone and runs its command line; when that cannot be imported (the
libraries it needs are not installed for this Python), it says so in one line, exit code 2.
Not part of the installed package: a wheel never ships it.
"""

import os
import sys


def _run_the_clone() -> None:
    """Import the package inside this clone in place of the clone's folder, then run its CLI."""
    here = os.path.dirname(os.path.abspath(__file__))
    for name in [n for n in sys.modules if n == "compare" or n.startswith("compare.")]:
        del sys.modules[name]
    sys.path.insert(0, here)
    try:
        from compare._runtime import return_freed_memory

        return_freed_memory()  # before polars loads (see compare/__main__.py)
        from compare.cli import program
    except ImportError as exc:
        sys.stderr.write(
            f"compare: error: cannot run the clone in {here} with {sys.executable} ({exc}); "
            f"run `make` in it and activate its .venv, or `pip install {here}`, then run `compare-sources`\n"
        )
        sys.exit(2)
    program()


if __name__ == "__main__":
    _run_the_clone()
