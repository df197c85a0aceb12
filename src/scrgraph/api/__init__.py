"""scrgraph's web service: a FastAPI API and server-rendered pages over the facade.

``create_app(settings)`` (in ``scrgraph.api.main``) builds it; ``scrgraph serve`` runs it.
"""
