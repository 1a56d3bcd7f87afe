"""PyInstaller runtime hook: never write __pycache__ inside the installation folder.

Alembic imports the bundled migrations/ scripts from source; without this, a run with write
access to Program Files would leave .pyc files that the uninstaller did not install and so,
by design, does not remove.
"""

import sys

sys.dont_write_bytecode = True
