// name: agency-names
// Every agency's ID and name: what a query parameter naming an agency may be given (either,
// in any case), and where the nearest suggestion comes from when it names none of them.
// One row per agency.
// returns: id, name
MATCH (a:Agency)
RETURN a.id AS id, a.name AS name
ORDER BY id
