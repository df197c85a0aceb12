// name: agency-index
// Every agency with its name and sector, and how many recommendations are directed at it and
// how many actions it owns: the agencies a network page can draw.
// for: the network pages (scrgraph viz)
// returns: agency, name, sector, recommendations, actions
MATCH (a:Agency)
RETURN a.id AS agency, a.name AS name, a.sector AS sector,
       COUNT { (a)<-[:DIRECTED_AT]-(:Recommendation) } AS recommendations,
       COUNT { (a)<-[:OWNED_BY]-(:Action) } AS actions
ORDER BY agency
