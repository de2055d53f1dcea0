"""siyu_sim: an agent-based simulation of a brand's private domain (私域).

>>> from siyu_sim import PrivateDomainModel, presets
>>> daily = PrivateDomainModel(presets.nurture(), customers=2_000, seed=7).run(days=30)
"""

from .customers import Customer, CustomerTable, Status
from .levers import LEVER_TYPES, Event, Lever, Stage, register_lever
from .model import PrivateDomainModel
from .params import Behaviour, Economics, Population, Segment
from .scenario import Scenario
from .schedule import Schedule
from .config import presets

from .version import __version__

__all__ = [
    "LEVER_TYPES", "Behaviour", "Customer", "CustomerTable", "Economics", "Event", "Lever",
    "Population", "PrivateDomainModel", "Scenario", "Schedule", "Segment", "Stage", "Status",
    "__version__", "presets", "register_lever",
]
