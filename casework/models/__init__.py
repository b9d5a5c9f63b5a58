from casework.models.cases import Case, CaseAssignment, StageMove
from casework.models.notes import CaseNote, Task

__all__ = ["Case", "CaseAssignment", "CaseNote", "StageMove", "Task"]
