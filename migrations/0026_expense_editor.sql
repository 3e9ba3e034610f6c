-- Who last changed an expense: an approver who corrects someone else's expense may not then
-- approve their own figures (the same separation of duties as for the submitter).
ALTER TABLE expenses ADD COLUMN edited_by uuid;
