"""The labelled week behind test_report, test_audit and test_export: tests/fixtures/report_week.jsonl.

Thu 2026-03-12 to Mon 2026-03-16 (Sunday silent), four groups: A (the town posts), B (forwards
most of A), C, and D (one greeting). Notices N1 (A, B, C), N3, N7, N8 (A, B) are forwarded;
r12/r15 (Thu evening), r18 (Fri 08:00) and r41 (Mon 18:30) are outside working hours, r32/r33
on Saturday. Each record's `notice` names its notice; the tests' figures are counted by hand.
"""
from pathlib import Path

from tests.helpers import load_with_truth

WEEK = Path(__file__).parent / "fixtures" / "report_week.jsonl"
A, B, C, D = "城关镇网格员工作群", "青石村两委工作群", "柳河村村民小组长群", "城关镇防汛值班群"


def load_week(store):
    """The store, now holding the week labelled with its true labels (model 'truth')."""
    load_with_truth(store, WEEK)
    return store
