// name: suggestion-reject
// Rejects one of the tagger's suggestions, in the caller's write transaction: the suggestion
// (SUGGESTS_THEME or SUGGESTS_STANDARD) becomes a REJECTED_THEME or REJECTED_STANDARD
// relationship, with who rejected it (a role) and when, keeping its score, evidence and model
// version, so that a reload does not suggest that code for that recommendation again.
// Returns nothing when the recommendation has no such suggestion.
// param: recommendation string -- the recommendation's ID
// param: code string -- the suggested theme's or standard's code
// param: by string -- who rejects it: a role, e.g. 'M&E officer'
// param: on date -- when
// returns: recommendation, code, kind
MATCH (rec:Recommendation {id: $recommendation})-[s:SUGGESTS_THEME|SUGGESTS_STANDARD]->(c)
WHERE c.code = $code
// the recommendation's write lock, as a load takes it (lock-recommendations): one at a time
SET rec.scrgraphLock = true
REMOVE rec.scrgraphLock
WITH rec, s, c, type(s) = 'SUGGESTS_THEME' AS theme,
     {accepted: false, rejected: true, assignedBy: $by, assignedAt: date($on), score: s.score,
      evidence: s.evidence, modelVersion: s.modelVersion} AS decision
FOREACH (_ IN CASE WHEN theme THEN [1] ELSE [] END |
  MERGE (rec)-[k:REJECTED_THEME]->(c) SET k = decision)
FOREACH (_ IN CASE WHEN theme THEN [] ELSE [1] END |
  MERGE (rec)-[k:REJECTED_STANDARD]->(c) SET k = decision)
DELETE s
RETURN rec.id AS recommendation, c.code AS code,
       CASE WHEN theme THEN 'theme' ELSE 'standard' END AS kind
