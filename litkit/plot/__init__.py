"""Figures.  Plotting only: every function here takes tables computed elsewhere and returns a matplotlib Figure.

One module per analysis package it draws (:mod:`~litkit.plot.bursts` for :mod:`litkit.bursts`,
:mod:`~litkit.plot.network` for :mod:`litkit.network`, :mod:`~litkit.plot.timelines` for
:mod:`litkit.timelines`, :mod:`~litkit.plot.policy` for :mod:`litkit.policy` ...); bibliometrix's trend topics
and three-field plot have their own (:mod:`~litkit.plot.trends`, :mod:`~litkit.plot.sankey`, which also writes the
three-field plot's offline page).  The one style and the
one way to write a figure live in :mod:`litkit.plot.style`: every drawing function calls
:func:`~litkit.plot.style.use_style` (fonts with the CJK fallback, sizes, palette) and every figure litkit
writes goes through :func:`~litkit.plot.style.save_figure` (PNG/SVG/PDF, atomic, no clobbering, no
missing glyphs).  The run layer (:mod:`litkit.runs`) saves the figures of an analysis with it.
"""
