"""Who gets mail, as a panel for the labels, envelopes and letters dialogs: the open contact,
the selection, a category, a group, a saved lookup (any mix), one per household; below, how many
get a piece and everyone left out with the reason, kept up to date as the choice changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.mailing.recipient_records import MailingSources, RecipientList

Counter = Callable[[MailingSources, bool], RecipientList]
SETTLE_MS = 150  # wait for the user to stop clicking before counting again


class RecipientChooser(QWidget):
    chosenChanged = Signal()

    def __init__(
        self,
        count: Counter,
        *,
        current: tuple[int, str] | None,
        selected: Sequence[int],
        categories: Sequence[str],
        groups: Sequence[str],
        lookups: Sequence[str],
    ) -> None:
        super().__init__()
        self._count = count
        self._current = current
        self._selected = tuple(selected)
        self.chosen: RecipientList | None = None
        self.current_check = QCheckBox(
            f"The open contact ({current[1]})" if current else "The open contact (none is open)"
        )
        self.current_check.setEnabled(current is not None)
        self.selection_check = QCheckBox(f"The selected contacts ({len(self._selected):,})")
        self.selection_check.setEnabled(len(self._selected) > 1)
        self.category_check, self.category_combo = self._named_list("Category", categories)
        self.group_check, self.group_combo = self._named_list("Group", groups)
        self.lookup_check, self.lookup_combo = self._named_list("Saved lookup", lookups)
        self.household_check = QCheckBox("One piece per &household (the same address)")
        if len(self._selected) > 1:
            self.selection_check.setChecked(True)
        elif current is not None:
            self.current_check.setChecked(True)
        grid = QGridLayout()
        grid.addWidget(self.current_check, 0, 0, 1, 2)
        grid.addWidget(self.selection_check, 1, 0, 1, 2)
        for row, (check, combo) in enumerate(
            (
                (self.category_check, self.category_combo),
                (self.group_check, self.group_combo),
                (self.lookup_check, self.lookup_combo),
            ),
            start=2,
        ):
            grid.addWidget(check, row, 0)
            grid.addWidget(combo, row, 1)
        grid.addWidget(self.household_check, 5, 0, 1, 2)
        who = QGroupBox("Who gets mail")
        who.setLayout(grid)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("recipientSummary")
        self.left_out_tree = QTreeWidget()
        self.left_out_tree.setHeaderLabels(["Left out", "Why"])
        self.left_out_tree.setRootIsDecorated(False)
        self.left_out_tree.setColumnWidth(0, 220)
        self.left_out_tree.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(who)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.left_out_tree)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.recount)
        for check in (
            self.current_check,
            self.selection_check,
            self.category_check,
            self.group_check,
            self.lookup_check,
            self.household_check,
        ):
            check.toggled.connect(self._settle.start)
        for combo in (self.category_combo, self.group_combo, self.lookup_combo):
            combo.currentIndexChanged.connect(self._settle.start)
        self.recount()

    def _named_list(self, what: str, names: Sequence[str]) -> tuple[QCheckBox, QComboBox]:
        check = QCheckBox(what)
        combo = QComboBox()
        combo.addItems(list(names))
        combo.setMinimumWidth(220)
        check.setEnabled(bool(names))
        combo.setEnabled(bool(names))
        combo.activated.connect(lambda _index: check.setChecked(True))
        return check, combo

    def sources(self) -> MailingSources:
        ids: list[int] = []
        if self.current_check.isChecked() and self._current is not None:
            ids.append(self._current[0])
        if self.selection_check.isChecked():
            ids.extend(self._selected)

        def named(check: QCheckBox, combo: QComboBox) -> tuple[str, ...]:
            return (combo.currentText(),) if check.isChecked() and combo.currentText() else ()

        return MailingSources(
            contact_ids=tuple(dict.fromkeys(ids)),
            categories=named(self.category_check, self.category_combo),
            groups=named(self.group_check, self.group_combo),
            lookups=named(self.lookup_check, self.lookup_combo),
        )

    def per_household(self) -> bool:
        return self.household_check.isChecked()

    def recount(self) -> None:
        """Count again who gets mail and who is left out, for the choice as it stands."""
        self._settle.stop()
        sources = self.sources()
        self.left_out_tree.clear()
        if sources.is_empty():
            self.chosen = None
            self.summary_label.setText("Choose who gets mail.")
        else:
            from db.validation import InvalidContactError

            try:
                self.chosen = self._count(sources, self.per_household())
            except (LookupError, ValueError, InvalidContactError) as refused:
                self.chosen = RecipientList((), ())
                self.summary_label.setText(f"Cannot list them: {refused}")
                self.chosenChanged.emit()
                return
            left = len(self.chosen.left_out)
            self.summary_label.setText(
                f"{len(self.chosen.recipients):,} will get one; {left:,} left out"
                + (":" if left else ".")
            )
            self.left_out_tree.addTopLevelItems(
                [QTreeWidgetItem([item.name, item.reason]) for item in self.chosen.left_out]
            )
        self.chosenChanged.emit()
