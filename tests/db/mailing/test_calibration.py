"""Each printer keeps its own label calibration, in the database; nonsense is refused in words."""

from __future__ import annotations

import pytest

from db.mailing.calibration import (
    NO_CALIBRATION,
    PrinterCalibration,
    get_calibration,
    set_calibration,
)
from db.store import Store


def test_each_printer_keeps_its_own(store: Store) -> None:
    office = PrinterCalibration(x_offset_mm=1.2, y_offset_mm=-0.8, scale=0.995)
    with store.session() as session:
        set_calibration(session, "Office LaserJet", office)
        set_calibration(session, "Brother HL", PrinterCalibration(y_offset_mm=2.0))
    with store.session() as session:
        assert get_calibration(session, "Office LaserJet") == office
        assert get_calibration(session, "Brother HL").y_offset_mm == 2.0
        assert get_calibration(session, "Never Calibrated") == NO_CALIBRATION
        set_calibration(session, "Brother HL", NO_CALIBRATION)  # back to none: forgotten
        assert get_calibration(session, "Brother HL") == NO_CALIBRATION


@pytest.mark.parametrize(
    ("calibration", "message"),
    [
        (PrinterCalibration(x_offset_mm=40), "X offset must be within ±25 mm, not 40 mm"),
        (PrinterCalibration(y_offset_mm=-30), "Y offset must be within ±25 mm"),
        (PrinterCalibration(scale=1.5), "scale must be between 0.9 and 1.1, not 1.5"),
    ],
)
def test_out_of_range_is_refused(
    store: Store, calibration: PrinterCalibration, message: str
) -> None:
    with store.session() as session, pytest.raises(ValueError, match=message):
        set_calibration(session, "Office", calibration)
    with store.session() as session, pytest.raises(ValueError, match="Name the printer"):
        set_calibration(session, " ", PrinterCalibration(scale=1.01))
