-- The requests listing, newest first by submission with the id breaking ties,
-- walks an index (everyone's requests, and one requester's) and stops at the
-- page's LIMIT; a submitted-time window ("the last 7 days") is a range of the
-- same index, so a narrow window reads only its own rows.
DROP INDEX requests_by_requester;
CREATE INDEX requests_by_requester ON requests (requester, created_at DESC, id DESC);
CREATE INDEX requests_by_created ON requests (created_at DESC, id DESC);
