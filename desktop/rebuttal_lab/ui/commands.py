"""Undoable edits of a session. Each command only calls the controller's _apply_* methods, which save
to the store and emit the signals that refresh the widgets."""

from __future__ import annotations

import time

from PySide6.QtGui import QUndoCommand

from rebuttal_lab.core.models import Claim, ClaimKind

_ANSWER_MERGE_ID = 1001
TYPING_PAUSE_S = 2.0  # a pause this long in typing starts a new undo step


class AddClaim(QUndoCommand):
    def __init__(self, controller, claim: Claim):
        super().__init__(f"Mark claim “{claim.quote[:30]}”")
        self.controller, self.claim = controller, claim

    def redo(self) -> None:
        self.controller._apply_insert_claim(self.claim)

    def undo(self) -> None:
        self.controller._apply_remove_claim(self.claim.uuid)


class RemoveClaim(QUndoCommand):
    def __init__(self, controller, claim: Claim, index: int):
        super().__init__(f"Delete claim “{claim.quote[:30]}”")
        self.controller, self.claim, self.index = controller, claim, index
        self.answer = controller.answers.get(claim.uuid, "")

    def redo(self) -> None:
        self.controller._apply_remove_claim(self.claim.uuid)

    def undo(self) -> None:
        self.controller._apply_insert_claim(self.claim, self.index)
        self.controller._apply_restore_answer(self.claim.uuid, self.answer)


class EditClaim(QUndoCommand):
    def __init__(self, controller, claim: Claim, kind: ClaimKind, note: str):
        super().__init__("Edit claim")
        self.controller, self.uuid = controller, claim.uuid
        self.before = (claim.kind, claim.note)
        self.after = (kind, note)

    def redo(self) -> None:
        self.controller._apply_claim_fields(self.uuid, *self.after)

    def undo(self) -> None:
        self.controller._apply_claim_fields(self.uuid, *self.before)


class MoveClaim(QUndoCommand):
    def __init__(self, controller, claim_uuid: str, old_index: int, new_index: int):
        super().__init__("Reorder claims")
        self.controller, self.uuid, self.old, self.new = controller, claim_uuid, old_index, new_index

    def redo(self) -> None:
        self.controller._apply_move(self.uuid, self.new)

    def undo(self) -> None:
        self.controller._apply_move(self.uuid, self.old)


class EditAnswer(QUndoCommand):
    """Typing in one answer box; a burst of typing in the same box is one undo step."""

    def __init__(self, controller, claim_uuid: str | None, before: str, after: str):
        super().__init__("Type rebuttal")
        self.controller, self.claim_uuid, self.before, self.after = controller, claim_uuid, before, after
        self._first = True
        self._last_edit = time.monotonic()

    def id(self) -> int:
        return _ANSWER_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditAnswer) or other.claim_uuid != self.claim_uuid:
            return False
        if other._last_edit - self._last_edit > TYPING_PAUSE_S:
            return False
        self.after, self._last_edit = other.after, other._last_edit
        return True

    def redo(self) -> None:
        # The first redo happens as the student types: the editor already shows the text.
        self.controller._apply_answer(self.claim_uuid, self.after, from_history=not self._first)
        self._first = False

    def undo(self) -> None:
        self.controller._apply_answer(self.claim_uuid, self.before, from_history=True)
