-- Administrators find a user by address: one index lookup, however many users the directory knows.
CREATE INDEX user_contact_email ON user_contact (email);
