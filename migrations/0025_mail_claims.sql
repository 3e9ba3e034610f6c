-- A mail is claimed ('sending') before it goes to the SMTP relay, so two senders (the background
-- timer and an invitation's immediate send, or two app processes on one PostgreSQL) never send it
-- twice. A claim older than ten minutes belongs to a process that died mid-send and is taken again.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_status_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_status_check CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'logged'));
-- claimed_by marks whose claim it is: a sender only settles rows it still holds.
ALTER TABLE mail_outbox ADD COLUMN claimed_at timestamptz, ADD COLUMN claimed_by uuid;
CREATE INDEX mail_outbox_waiting ON mail_outbox (id) WHERE status IN ('pending', 'sending');
