-- cancellation_request became mandatory (it cannot be switched off): the cells users had switched off are
-- ignored by the dispatcher and the preferences document, and are dropped here so none lingers.
DELETE FROM notification_preference WHERE type = 'cancellation_request';
