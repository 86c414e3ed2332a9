-- A live view that reconnects catches up on the transitions since it last heard: one range of recent
-- events, joined to their orders by primary key.
CREATE INDEX order_event_recent ON order_event (occurred_at);
