"""One router per resource; ``scrgraph.api.main`` includes them."""
