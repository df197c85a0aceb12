// Constraints and indexes, applied before any data by `scrgraph db schema` and every load.
// Idempotent (IF NOT EXISTS). Every scrgraph node carries the label Resource with a unique
// `iri` (loads merge on it); every label the ontology maps to Neo4j also has a unique `id`.
// tests/test_schema.py checks this file against the ontology.

CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT framework_id IF NOT EXISTS FOR (n:Framework) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT quadrant_id IF NOT EXISTS FOR (n:Quadrant) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT standard_id IF NOT EXISTS FOR (n:Standard) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT concept_id IF NOT EXISTS FOR (n:CrossCuttingConcept) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT partnership_id IF NOT EXISTS FOR (n:Partnership) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT review_id IF NOT EXISTS FOR (n:Review) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT recommendation_id IF NOT EXISTS FOR (n:Recommendation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT action_id IF NOT EXISTS FOR (n:Action) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT load_id IF NOT EXISTS FOR (n:Load) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT finding_id IF NOT EXISTS FOR (n:Finding) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT learning_event_id IF NOT EXISTS FOR (n:LearningEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX review_kind IF NOT EXISTS FOR (n:Review) ON (n.kind);
CREATE INDEX review_year IF NOT EXISTS FOR (n:Review) ON (n.year);
CREATE INDEX theme_code IF NOT EXISTS FOR (n:Theme) ON (n.code);
CREATE INDEX standard_code IF NOT EXISTS FOR (n:Standard) ON (n.code);
CREATE INDEX action_status IF NOT EXISTS FOR (n:Action) ON (n.status);
