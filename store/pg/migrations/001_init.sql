-- The store's first schema. Items keep the fields of a NewsItem; a chat, a source's health and
-- a delivery are kept whole as JSON beside the columns they are looked up by.

-- One row: the last seq given and the number of items. Item writes take its row lock first,
-- so they run one at a time and commit in seq order (a reader never sees seq 12 before 11).
CREATE TABLE item_counter (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  last_seq bigint NOT NULL,
  items bigint NOT NULL,
  -- raised by each write of items: instances catch their search indexes up from it
  version bigint NOT NULL
);
INSERT INTO item_counter (last_seq, items, version) VALUES (0, 0, 0);

CREATE TABLE items (
  seq bigint PRIMARY KEY,
  id text NOT NULL UNIQUE,
  title text NOT NULL,
  summary text NOT NULL,
  date text,
  url text,
  lang text,
  countries text[] NOT NULL,
  regions text[] NOT NULL,
  topics text[] NOT NULL,
  sources text[] NOT NULL,
  first_seen_at text NOT NULL,
  updated_at text NOT NULL,
  -- the date it is sorted and filtered by (its own, else the day first seen) as YYYYMMDD
  day integer NOT NULL,
  -- the keys of the lists it is in (places and #topics), as the core filed it
  lists text[] NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX items_newest ON items (day DESC, seq DESC);
CREATE INDEX items_version ON items (version);
CREATE INDEX items_sources ON items USING gin (sources);

-- An item under each of its lists, ordered as the lists are read: newest first.
CREATE TABLE item_lists (
  key text NOT NULL,
  day integer NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (key, day, seq)
);
CREATE INDEX item_lists_seq ON item_lists (seq);

CREATE TABLE list_counts (
  key text PRIMARY KEY,
  n bigint NOT NULL
);

-- Hashes of what identifies a story (its URL, its title and date): another copy of it is found by them.
CREATE TABLE item_identities (
  key bigint PRIMARY KEY,
  item_id text NOT NULL
);

CREATE TABLE chats (
  key text PRIMARY KEY,
  data jsonb NOT NULL
);

CREATE TABLE source_health (
  source text PRIMARY KEY,
  data jsonb NOT NULL
);

CREATE TABLE deliveries (
  id text PRIMARY KEY,
  chat_key text NOT NULL,
  state text NOT NULL,
  due_at text NOT NULL,
  updated_at text NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX deliveries_latest ON deliveries (chat_key, state, due_at DESC, updated_at DESC);

-- Requests a platform may deliver again (a Slack retry, a Telegram webhook sent twice): taken once.
CREATE TABLE requests (
  key text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
CREATE INDEX requests_seen ON requests (seen_at);

-- Who polls the sources and sends the digests: one holder at a time, until its lease expires.
CREATE TABLE scheduler_lease (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  holder text NOT NULL,
  token text NOT NULL,
  expires_at timestamptz NOT NULL
);
