// name: marker-write
// Writes the demo's marker node: proof that scrgraph can write to this database.
// param: at string
MERGE (m:Marker {id: 'scrgraph-demo'})
SET m.writtenAt = $at
RETURN m.id AS id, m.writtenAt AS writtenAt
