-- 004-occurrence-dept.sql: the departments of an occurrence as rows, one
-- per department and role, instead of space-separated ids in occurrence.lead
-- and occurrence.cooperating.  A department's occurrences are then found by
-- an index rather than by searching text, and nobody splits strings.
-- The old columns are copied, then dropped: rec_occ.c is the one reader
-- and writer of an occurrence's departments.

CREATE TABLE occurrence_dept (
	occurrence	INTEGER NOT NULL REFERENCES occurrence(id)
			ON DELETE CASCADE,
	dept		TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
	pos		INTEGER NOT NULL,	-- order as configured
	PRIMARY KEY (occurrence, role, pos)
) STRICT;
CREATE INDEX occurrence_dept_dept ON occurrence_dept (dept, occurrence);

WITH RECURSIVE split (occ, role, pos, rest, tok) AS (
	SELECT id, 'lead', 0, lead || ' ', NULL FROM occurrence
	UNION ALL
	SELECT id, 'cooperating', 0, cooperating || ' ', NULL FROM occurrence
	UNION ALL
	SELECT occ, role, pos + 1, substr(rest, instr(rest, ' ') + 1),
	    substr(rest, 1, instr(rest, ' ') - 1)
	FROM split WHERE rest != ''
)
INSERT INTO occurrence_dept (occurrence, dept, role, pos)
SELECT occ, tok, role, pos FROM split WHERE tok IS NOT NULL AND tok != '';

ALTER TABLE occurrence DROP COLUMN lead;
ALTER TABLE occurrence DROP COLUMN cooperating;
