#!/usr/bin/env python3
"""count_json.py with orjson's parser (pip install --user orjson): the fastest quick script.

    count_orjson.py FORMAT FILE
"""
import os
import sys

import orjson

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from count_json import main  # noqa: E402

if __name__ == "__main__":
    main(orjson.loads)
