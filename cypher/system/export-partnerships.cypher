// name: export-partnerships
// The Partnerships sheet of the workbook, read back from the graph (`scrgraph export`).
// returns: id, name, type
MATCH (p:Partnership)
RETURN p.id AS id, p.name AS name, p.type AS type
ORDER BY id
