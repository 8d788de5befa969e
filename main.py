"""Double-click entry point: `python main.py [--db FILE] [command ...]`."""
from fazhi_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
