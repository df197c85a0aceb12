// name: suggestion-accept
// Accepts one of the tagger's suggestions, in the caller's write transaction: the suggestion
// (SUGGESTS_THEME or SUGGESTS_STANDARD) becomes the analyst's coding (HAS_THEME or MAPS_TO),
// accepted, with who accepted it (a role) and when, keeping its score, evidence and model
// version. Returns nothing when the recommendation has no such suggestion.
// param: recommendation string -- the recommendation's ID
// param: code string -- the suggested theme's or standard's code
// param: by string -- who accepts it: a role, e.g. 'M&E officer'
// param: on date -- when
// returns: recommendation, code, kind
MATCH (rec:Recommendation {id: $recommendation})-[s:SUGGESTS_THEME|SUGGESTS_STANDARD]->(c)
WHERE c.code = $code
// the recommendation's write lock, as a load takes it (lock-recommendations): one at a time
SET rec.scrgraphLock = true
REMOVE rec.scrgraphLock
WITH rec, s, c, type(s) = 'SUGGESTS_THEME' AS theme,
     {accepted: true, assignedBy: $by, assignedAt: date($on), score: s.score,
      evidence: s.evidence, modelVersion: s.modelVersion} AS coding
FOREACH (_ IN CASE WHEN theme THEN [1] ELSE [] END |
  MERGE (rec)-[k:HAS_THEME]->(c) SET k = coding)
FOREACH (_ IN CASE WHEN theme THEN [] ELSE [1] END |
  MERGE (rec)-[k:MAPS_TO]->(c) SET k = coding)
DELETE s
RETURN rec.id AS recommendation, c.code AS code,
       CASE WHEN theme THEN 'theme' ELSE 'standard' END AS kind
