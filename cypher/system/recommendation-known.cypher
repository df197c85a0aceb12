// name: recommendation-known
// Whether the graph holds a recommendation with this ID.
// param: recommendation string -- the recommendation's ID
// returns: known
RETURN EXISTS { MATCH (:Recommendation {id: $recommendation}) } AS known
