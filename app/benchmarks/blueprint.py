"""The benchmarks blueprint: registered only when BENCH_ENDPOINTS is on."""

from flask import Blueprint

bp = Blueprint("benchmarks", __name__, url_prefix="/bench")
