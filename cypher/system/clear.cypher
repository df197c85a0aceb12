// name: clear
// Deletes every node and relationship in the database, in batches (used by `scrgraph db clear`).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
