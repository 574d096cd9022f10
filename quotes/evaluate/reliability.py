"""How far a confidence can be taken at its word: the reliability table of scored attributions.

Takes ``(confidence, speaker right)`` pairs (``Report.confidences``); gives one :class:`Bin` per tenth
of the confidence scale (0.0-0.1, ..., 0.9-1.0; a confidence of 1.0 falls in the last) with how many
attributions fell in it, their mean confidence and the share that were right. A well-calibrated
confidence has accuracy close to the mean confidence in every bin.
"""

from __future__ import annotations

from dataclasses import dataclass

BINS = 10


@dataclass
class Bin:
    low: float
    high: float
    count: int = 0
    right: int = 0
    confidence_sum: float = 0.0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.count if self.count else None

    @property
    def mean_confidence(self) -> float | None:
        return self.confidence_sum / self.count if self.count else None

    def as_dict(self) -> dict:
        rounded = lambda x: None if x is None else round(x, 3)  # noqa: E731
        return {"low": self.low, "high": self.high, "count": self.count, "right": self.right,
                "mean_confidence": rounded(self.mean_confidence), "accuracy": rounded(self.accuracy)}


def reliability(scored: list[tuple[float, bool]], bins: int = BINS) -> list[Bin]:
    """Count, right and mean confidence per equal-width confidence bin."""
    table = [Bin(round(k / bins, 3), round((k + 1) / bins, 3)) for k in range(bins)]
    for confidence, right in scored:
        b = table[min(bins - 1, max(0, int(confidence * bins)))]
        b.count += 1
        b.right += bool(right)
        b.confidence_sum += confidence
    return table


def format_reliability(table: list[Bin]) -> list[str]:
    """The table as text lines: one per non-empty bin."""
    lines = ["reliability (confidence bin: quotes, mean confidence, share with the right speaker):"]
    for b in table:
        if b.count:
            lines.append(f"  {b.low:.1f}-{b.high:.1f}: {b.count:>5}  mean {b.mean_confidence:.3f}  "
                         f"right {100 * b.accuracy:5.1f}%")
    return lines
