// name: resample-indexes
// Resamples the indexes a write left out of date (see Database.refresh_statistics), so that
// queries asked straight after a load are planned on the graph it wrote.
CALL db.resampleOutdatedIndexes()
