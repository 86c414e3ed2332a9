-- Administrators search orders by gig as they do by client, freelancer and status: one index range in the
-- list's own order, at the first order and the millionth.
CREATE INDEX orders_gig_recent ON orders (gig_id, placed_at DESC, id DESC);
