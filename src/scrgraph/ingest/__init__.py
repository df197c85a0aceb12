"""The ingest stage: analysts' sources (workbooks, CSV folders, RDF) read, checked, mapped to
RDF in the ontology's terms and put through the SHACL gate. Nothing here touches Neo4j."""
