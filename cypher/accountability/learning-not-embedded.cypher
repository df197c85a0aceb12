// name: learning-not-embedded
// Where learning has not been embedded: key themes raised again by reviews published after an
// action on that theme was completed. Each row is one completed action (with its completion
// date) and the later reviews that raise its theme again. By default only later reviews
// commissioned by the same type of partnership count (an adults board's self-neglect is not
// the children's workforce's neglect).
// for: the board and the SCR subgroup testing whether completed actions changed practice
// param: theme string default=null -- only this theme (its code)
// param: across_partnerships boolean default=false -- also count later reviews commissioned by other types of partnership
// returns: theme, action, owner, original_review, completed, later_reviews
MATCH (t:Theme)<-[h1:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
WHERE ($theme IS NULL OR t.code = $theme) AND coalesce(h1.accepted, true)
  AND a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
MATCH (original:Review)-[:MADE]->(rec)
OPTIONAL MATCH (original)-[:COMMISSIONED_BY]->(p1:Partnership)
OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
MATCH (t)<-[h2:HAS_THEME]-(:Recommendation)<-[:MADE]-(later:Review)
WHERE coalesce(h2.accepted, true) AND later <> original AND later.published > a.completed
OPTIONAL MATCH (later)-[:COMMISSIONED_BY]->(p2:Partnership)
WITH t, a, owner, original, later, p1, p2
WHERE $across_partnerships OR p1.type = p2.type
WITH t, a, owner, original, later ORDER BY later.published, later.id
WITH t, a, owner, original, collect(DISTINCT later.id) AS later_reviews
RETURN t.code AS theme, a.id AS action, owner.id AS owner, original.id AS original_review,
       a.completed AS completed, later_reviews
ORDER BY theme, completed, action
