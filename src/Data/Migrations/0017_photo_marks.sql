-- The photo check shown on the photo (issue 17): where the face, the eyes, the standard photo's area and the background
-- cells that are not plain lie on the upload, so the student's result page and the reviewer's page can draw what a
-- failed check measured. Null for photos checked before this column (their pages show the photo without marks).
ALTER TABLE "Photos" ADD COLUMN "Marks" jsonb;
