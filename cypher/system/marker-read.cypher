// name: marker-read
// Reads the demo's marker node back.
MATCH (m:Marker {id: 'scrgraph-demo'})
RETURN m.id AS id, m.writtenAt AS writtenAt
