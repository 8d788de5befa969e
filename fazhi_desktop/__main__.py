"""`python -m fazhi_desktop`: the same entry point as the console script."""
from fazhi_desktop.app import main

raise SystemExit(main())
