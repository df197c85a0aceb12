// name: review-names
// Every review's ID and title: what a query parameter naming a review may be given (either,
// in any case), and where the nearest suggestion comes from when it names none of them.
// One row per review.
// returns: id, name
MATCH (r:Review)
RETURN r.id AS id, r.title AS name
ORDER BY id
