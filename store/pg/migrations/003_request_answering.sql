-- A request taken and not yet answered. Its instance renews seen_at while it answers; one whose
-- instance died stops being renewed, and the platform's next delivery of it is taken again
-- (store/pg/requests.ts). Rows from before were answered.
ALTER TABLE requests ADD COLUMN answering boolean NOT NULL DEFAULT false;
