"""The graph store: RDF mapped to property-graph rows, written to Neo4j all or nothing; the one
place a driver is made; the local Neo4j scrgraph runs when NEO4J_URI is unset."""
