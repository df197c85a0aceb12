// name: export-agencies
// The Agencies sheet of the workbook, read back from the graph (`scrgraph export`).
// returns: id, name, sector
MATCH (a:Agency)
RETURN a.id AS id, a.name AS name, a.sector AS sector
ORDER BY id
