"""Controlled printing: the approved copies of a stamped document, each numbered, marked and verifiable.

:mod:`.desk` holds the use cases (what may be printed, reserving and settling
copies, voids, recalls, extra and replacement copies, checking a copy);
:mod:`.marks` renders each page with the copy's marks; :mod:`.payload` is the
QR code's signed text; :mod:`.sink` is the port to the print system (Qt's,
plugged in by the UI); :mod:`.cups_jobs` asks CUPS what became of a job;
:mod:`.scan` finds a copy's QR code on a scan or photo of the page.
"""
