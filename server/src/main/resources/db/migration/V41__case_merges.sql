-- Merged cases (issue 14): a duplicate case of the same customer is closed as merged into the
-- case that survives, whose timeline shows its conversation; both keep their runs. Later mail
-- threaded to the merged case (by reference or case token) goes to the surviving one.
ALTER TABLE service_case ADD COLUMN merged_into VARCHAR(36) REFERENCES service_case (id);
ALTER TABLE service_case ADD COLUMN merged_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE service_case ADD COLUMN merged_by VARCHAR(100);
CREATE INDEX service_case_merged_into ON service_case (merged_into);
