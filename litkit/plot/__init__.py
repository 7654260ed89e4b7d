"""Figures.  Plotting only: every function here takes tables computed elsewhere.

:mod:`litkit.plot.style` sets fonts (including CJK), sizes and the palette, and
:func:`~litkit.plot.style.save_figure` writes PNG/SVG/PDF atomically.
"""
