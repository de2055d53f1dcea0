"""Where a customer stands with the private domain: the one declaration of status codes.

Dependency-free so that pure rules, the customer table and levers share it.
"""

from __future__ import annotations

from enum import IntEnum


class Status(IntEnum):
    """Where a customer stands with the private domain. Every row is in exactly one.

    The codes index the status axis of ``[segment, status]`` tables; ``Status.X.value`` is a
    plain int, which keeps numpy selects in the dtype of the status column.
    """

    PROSPECT = 0  # a customer of the brand, not (yet) in the private domain
    ACTIVE = 1  # member who reads
    MUTED = 2  # member who muted (免打扰): still in, no longer reads group pushes
    CHURNED = 3  # left the group / deleted the friend (退群), or lost to an account ban
    POTENTIAL = 4  # in the brand's market but not (yet) its customer: buys elsewhere

    @property
    def label(self) -> str:
        """The name used in scenario files and tables: "prospect", "active", ..."""
        return self.name.lower()

    @classmethod
    def from_label(cls, label: str) -> "Status":
        return cls[label.upper()]


#: Columns of the [segment, status] tables.
N_STATUS = len(Status)
