"""Each printer's calibration for labels: how far it shifts the page (in mm, right and down)
and how much it shrinks or stretches it, kept per printer name in the database."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from db.store_settings import get_setting, set_setting

CALIBRATIONS_KEY = "labels.calibrations"
MAX_OFFSET_MM = 25.0
SCALE_RANGE = (0.9, 1.1)


@dataclass(frozen=True)
class PrinterCalibration:
    """Applied to everything on a sheet: scaled about the paper's top-left corner, then moved."""

    x_offset_mm: float = 0.0  # + moves the print right
    y_offset_mm: float = 0.0  # + moves the print down
    scale: float = 1.0

    def problems(self) -> list[str]:
        found = [
            f"the {axis} offset must be within ±{MAX_OFFSET_MM:g} mm, not {value:g} mm"
            for axis, value in (("X", self.x_offset_mm), ("Y", self.y_offset_mm))
            if abs(value) > MAX_OFFSET_MM
        ]
        if not SCALE_RANGE[0] <= self.scale <= SCALE_RANGE[1]:
            found.append(
                f"the scale must be between {SCALE_RANGE[0]:g} and {SCALE_RANGE[1]:g}, "
                f"not {self.scale:g}"
            )
        return found


NO_CALIBRATION = PrinterCalibration()


def _all(session: Session) -> dict[str, dict[str, float]]:
    try:
        stored = json.loads(get_setting(session, CALIBRATIONS_KEY) or "{}")
    except json.JSONDecodeError:
        return {}
    return stored if isinstance(stored, dict) else {}


def get_calibration(session: Session, printer: str) -> PrinterCalibration:
    """The printer's calibration (none for a printer never calibrated, or for "")."""
    values = _all(session).get(printer.strip())
    if not isinstance(values, dict):
        return NO_CALIBRATION
    try:
        return PrinterCalibration(**{k: float(v) for k, v in values.items()})
    except (TypeError, ValueError):
        return NO_CALIBRATION


def set_calibration(session: Session, printer: str, calibration: PrinterCalibration) -> None:
    """Keep `calibration` for `printer`; ValueError in words when it is out of range."""
    if not printer.strip():
        raise ValueError("Name the printer the calibration is for")
    problems = calibration.problems()
    if problems:
        message = "; ".join(problems)
        raise ValueError(message[0].upper() + message[1:])
    stored = _all(session)
    if calibration == NO_CALIBRATION:
        stored.pop(printer.strip(), None)
    else:
        stored[printer.strip()] = asdict(calibration)
    set_setting(session, CALIBRATIONS_KEY, json.dumps(stored, ensure_ascii=False))
