-- History pages by cursor read one index range in the list's own order (newest first, ties by id), so a
-- page costs the same at the first order and the millionth: no sort, no count. Per side of an order, per
-- side and status (a filtered history), per status and overall (administrators). They replace the
-- (x, placed_at) indexes of V1, which are their prefixes.
CREATE INDEX orders_client_recent ON orders (client_id, placed_at DESC, id DESC);
CREATE INDEX orders_freelancer_recent ON orders (freelancer_id, placed_at DESC, id DESC);
CREATE INDEX orders_client_status ON orders (client_id, status, placed_at DESC, id DESC);
CREATE INDEX orders_freelancer_status ON orders (freelancer_id, status, placed_at DESC, id DESC);
CREATE INDEX orders_status_recent ON orders (status, placed_at DESC, id DESC);
CREATE INDEX orders_recent ON orders (placed_at DESC, id DESC);
DROP INDEX orders_client;
DROP INDEX orders_freelancer;
DROP INDEX orders_status;
