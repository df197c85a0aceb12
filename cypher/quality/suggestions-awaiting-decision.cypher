// name: suggestions-awaiting-decision
// Which codes the tagger suggested, at load, for recommendations no analyst had coded, that
// no analyst has accepted or rejected yet: one row per suggestion, with its score (0 to 1),
// its evidence (the phrases of the text that name the code, the words that weighed most in
// the model), the model version and the day it was suggested; a theme's scope says whether it
// is the framework's or a partnership's local theme. Suggestions are never codings:
// no other question counts them. Accept or reject each with 'scrgraph suggestions accept' or
// 'reject'; a rejected one is not suggested again.
// for: the monitoring and evaluation officer and analysts coding recommendations
// param: review review default=null -- only the recommendations of this review (its ID or title, any case)
// param: code_kind string default=null choices=theme|standard -- only suggested key themes, or only suggested practice standards
// param: min_score float default=0.0 -- the lowest score to list (0 to 1)
// param: theme theme default=null -- only suggestions of this key theme (its code, label or alias; a local theme too)
// param: standard standard default=null -- only suggestions of this practice standard
// returns: recommendation, review, number, text, code, label, kind, scope, score, evidence, model_version, suggested_at
MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[s:SUGGESTS_THEME|SUGGESTS_STANDARD]->(c)
  WHERE ($review IS NULL OR r.id = $review)
    AND coalesce(s.score, 0.0) >= $min_score
    AND ($theme IS NULL OR (type(s) = 'SUGGESTS_THEME' AND c.code = $theme))
    AND ($standard IS NULL OR (type(s) = 'SUGGESTS_STANDARD' AND c.code = $standard))
WITH r, rec, s, c, CASE type(s) WHEN 'SUGGESTS_THEME' THEN 'theme' ELSE 'standard' END AS kind
WHERE $code_kind IS NULL OR kind = $code_kind
RETURN rec.id AS recommendation, r.id AS review, rec.number AS number, rec.text AS text,
       c.code AS code, c.label AS label, kind,
       CASE kind WHEN 'theme' THEN coalesce(c.scope, 'framework') END AS scope,
       s.score AS score, s.evidence AS evidence,
       s.modelVersion AS model_version, s.assignedAt AS suggested_at
ORDER BY review, rec.numberOrder, recommendation, kind DESC, score DESC, code
