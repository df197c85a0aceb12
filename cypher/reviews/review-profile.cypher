// name: review-profile
// One review in the framework: each of its recommendations with its key themes, practice
// standards and their quadrants, the agencies it is directed at and the actions in response.
// One row per recommendation of the review.
// A joint review's partnerships (their IDs, names and types) are joined with ';'.
// for: lead reviewers, business managers and anyone preparing a publication or roadshow
// param: review review -- the review: its ID (e.g. NSCP-LCSPR-2021-02) or its title (Child K), any case
// returns: review, title, kind, published, partnership, recommendation, number, text, smart, themes, standards, quadrants, agencies, actions
// example: review=NSCP-LCSPR-2021-01
MATCH (r:Review {id: $review})
WITH *, COLLECT { MATCH (r)-[:COMMISSIONED_BY]->(x:Partnership) RETURN x ORDER BY x.id } AS ps
WITH *, CASE WHEN size(ps) = 0 THEN null ELSE
          {id: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.id),
           name: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE '; ' END + x.name),
           type: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.type)}
        END AS p
MATCH (r)-[:MADE]->(rec:Recommendation)
RETURN r.id AS review, r.title AS title, r.kind AS kind, r.published AS published,
       p.id AS partnership, rec.id AS recommendation, rec.number AS number, rec.text AS text,
       rec.smart AS smart,
       COLLECT {
         MATCH (rec)-[h:HAS_THEME]->(t:Theme)
         RETURN DISTINCT t.code AS code ORDER BY code
       } AS themes,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(s:Standard)
         RETURN DISTINCT s.code AS code ORDER BY code
       } AS standards,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
         RETURN DISTINCT q.code AS code ORDER BY code
       } AS quadrants,
       COLLECT {
         MATCH (rec)-[:DIRECTED_AT]->(a:Agency) RETURN DISTINCT a.id AS id ORDER BY id
       } AS agencies,
       COLLECT {
         MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
         OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
         RETURN {id: a.id, owner: owner.id, status: a.status, due: a.due,
                 completed: a.completed} AS action ORDER BY action.id
       } AS actions
ORDER BY rec.numberOrder, recommendation
