"""The import wizard's last step: the whole file read and matched against the stored contacts
(nothing written), what each choice for matches would do, the rows that cannot be imported,
with their line and reason, and what will be left out of those that can."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from desktop.background import BackgroundJob
from desktop.widgets import prompts

if TYPE_CHECKING:
    from db.interchange.import_records import ImportSurvey
    from desktop.interchange.import_wizard import ImportWizard

REJECTS_LISTED = 1000
LEFT_OUT_SHOWN = 5  # things left out of contacts that import, said on the page
OUTCOME_WORDS = {
    "created": "created",
    "updated": "updated where the file has something new",
    "skipped": "skipped",
    "to review": "sent to the review queue",
    "rejected": "rejected",
}


class MatchingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        from db.interchange.import_records import DEFAULT_ON_MATCH, ON_MATCH

        super().__init__()
        self.owner = wizard
        self.setTitle("Contacts already in Cardfile, and rows that cannot be imported")
        self.setSubTitle("Nothing has been stored yet. Choose what to do with contacts you have.")
        self.job = BackgroundJob(self)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._surveyed)
        self.job.failed.connect(self._failed)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.choices = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        for key, words in ON_MATCH.items():
            button = QRadioButton(words)
            button.setObjectName(f"onMatch_{key}")
            button.setChecked(key == DEFAULT_ON_MATCH)
            button.toggled.connect(self._show_outcome)
            self.choices.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
        self.outcome = QLabel()
        self.outcome.setObjectName("importOutcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        self.left_out = QLabel()
        self.left_out.setObjectName("leftOut")
        self.left_out.setWordWrap(True)
        layout.addWidget(self.left_out)
        self.rejects = QTableWidget(0, 3)
        self.rejects.setObjectName("rejectedRows")
        self.rejects.setHorizontalHeaderLabels(["Where", "Field", "Why it cannot be imported"])
        self.rejects.verticalHeader().hide()
        self.rejects.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.rejects, 1)
        self.save_rejects = QPushButton("Save the rejected rows…")
        self.save_rejects.clicked.connect(self._save_rejects)
        layout.addWidget(self.save_rejects)
        self.survey: ImportSurvey | None = None

    @property
    def on_match(self) -> str:
        return next(key for key, button in self.buttons.items() if button.isChecked())

    def initializePage(self) -> None:
        self.survey = None
        self.progress.show()
        self.progress.setRange(0, 0)
        self.summary.setText("Reading the file and looking for contacts you already have…")
        self.outcome.clear()
        self.left_out.clear()
        self.rejects.setRowCount(0)
        self.save_rejects.hide()
        self.completeChanged.emit()
        from db.interchange.import_records import ImportCancelledError

        self.job.start(self.owner.survey_work(), ImportCancelledError)

    def cleanupPage(self) -> None:
        """Back: stop the survey."""
        self.job.cancel()
        self.job.wait()

    def isComplete(self) -> bool:
        return self.survey is not None and self.survey.read > self.survey.rejected

    def _progressed(self, read: int) -> None:
        self.summary.setText(f"Reading the file and matching: {read:,} read…")

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.summary.setText(f"The file cannot be imported: {error}")

    def _surveyed(self, survey: ImportSurvey) -> None:
        self.survey = survey
        self.progress.hide()
        how = ", ".join(f"{n:,} {way}" for way, n in sorted(survey.by_how.items()))
        lines = [
            f"{survey.read:,} contacts read: {survey.new:,} new, "
            f"{survey.matched:,} already in Cardfile" + (f" ({how})" if how else "") + ", "
            f"{survey.rejected:,} cannot be imported."
        ]
        self.summary.setText("\n".join(lines))
        for button in self.buttons.values():
            button.setEnabled(survey.matched > 0)
        self._show_rejects(survey)
        from db.interchange.import_records import left_out_lines

        said = left_out_lines(survey.warned, survey.warnings, LEFT_OUT_SHOWN)
        self.left_out.setText("\n".join(said))
        self.left_out.setVisible(bool(said))
        self._show_outcome()
        self.completeChanged.emit()

    def _show_outcome(self) -> None:
        if self.survey is None:
            return
        outcome = self.survey.outcome(self.on_match)
        said = ", ".join(f"{n:,} {OUTCOME_WORDS[what]}" for what, n in outcome.items() if n)
        lines = [f"What the import will do: {said or 'nothing'}."]
        fields, categories = self.survey.made(self.on_match)
        if fields:
            lines.append("New user fields: " + ", ".join(fields) + ".")
        if categories:
            lines.append("New categories: " + ", ".join(categories) + ".")
        self.outcome.setText("\n".join(lines))

    def _show_rejects(self, survey: ImportSurvey) -> None:
        listed = survey.rejects[:REJECTS_LISTED]
        self.rejects.setRowCount(len(listed))
        for row, rejected in enumerate(listed):
            for column, text in enumerate((rejected.where, rejected.field, rejected.reason)):
                self.rejects.setItem(row, column, QTableWidgetItem(text))
        self.rejects.resizeColumnsToContents()
        self.save_rejects.setVisible(bool(survey.rejects))

    def _save_rejects(self) -> None:
        if self.survey is None:
            return
        path = self.owner.source.path if self.owner.source else None
        suggested = (path.with_name(f"{path.stem}-rejected.csv")) if path else None
        chosen = prompts.choose_save_path(
            self, "Save the rejected rows", suggested or self.owner.store_path.parent, "CSV (*.csv)"
        )
        if chosen is None:
            return
        try:
            count = self.owner.write_rejects(self.survey.rejects, chosen)
        except OSError as exc:
            prompts.show_error(self, "Not saved", f"The rejected rows could not be saved: {exc}")
            return
        prompts.show_message(self, "Saved", f"Saved {count:,} rejected rows to {chosen}.")
