"""The learning as a network in the browser: views built from the catalog, drawn offline.

``views`` answers each question as nodes and edges (a :class:`~scrgraph.viz.model.NetworkView`);
``render`` writes one self-contained HTML page from it. Front ends reach both through the facade
(``Scrgraph.network`` and ``Scrgraph.render_network``).
"""
