-- Full-text search in the database, so no instance holds an index in memory. An item's terms are
-- the core's (ItemFiling.searchTerms: words stemmed per language, `en:recruit`, and the concepts
-- and places it names, `@remittances`, `#HN`), kept as lexemes and found through a GIN index; the
-- core ranks the newest items a query finds against the counts kept here, as it would rank them
-- among all. Items stored before this migration get their terms when a service opens the store
-- (search-backfill.ts), the partial index finding them.
ALTER TABLE items ADD COLUMN terms tsvector;
-- an item's length in words as the ranking counts it (a title's twice)
ALTER TABLE items ADD COLUMN words integer NOT NULL DEFAULT 0;
CREATE INDEX items_terms ON items USING gin (terms);
CREATE INDEX items_without_terms ON items (seq) WHERE terms IS NULL;

-- How many items have each term (their document frequency); "C" order, so the terms a typed word
-- starts (`en:recruit` for `recruit…`) are one range of the index.
CREATE TABLE term_counts (
  term text COLLATE "C" PRIMARY KEY,
  n bigint NOT NULL
);
-- the lengths of the items with terms, summed
ALTER TABLE item_counter ADD COLUMN words bigint NOT NULL DEFAULT 0;

-- Write versions only told instances' in-memory indexes what to catch up on.
DROP INDEX items_version;
ALTER TABLE items DROP COLUMN version;
ALTER TABLE item_counter DROP COLUMN version;
