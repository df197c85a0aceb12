"""The tagger: suggest key themes, practice standards and so quadrants for a recommendation,
each with its evidence; check whether it is SMART; measure how well it does.

- :mod:`vocabulary` matches the names the ontology gives each code (labels and aliases);
- :mod:`model` is the learned part (TF-IDF and a linear model, trained on the labelled set);
- :mod:`suggest` combines them into scored suggestions with evidence;
- :mod:`smart` checks a recommendation for an owner, a timescale, a measure and an action;
- :mod:`labelled` reads a labelled set; :mod:`evaluate` scores the tagger on one.

Everything runs offline, on the CPU, from files in the package: nothing is downloaded.
scikit-learn is imported only where a model is trained or used, so the CLI starts quickly.
"""
