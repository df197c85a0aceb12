"""The graph back out: RDF, the analysts' workbook (xlsx / csv), GraphML, REFI-QDA."""
