-- The admission-photo comparison by a face-recognition model (issue 18, decision 013): an admission photo keeps its
-- face's embedding instead of the grey face the classic comparison read. Kept faces of the old kind mean nothing to the
-- model, so they are cleared and worked out again at the next upload. Campaigns still on the classic comparison's
-- default threshold move to the model's; a threshold a school chose itself stays as it is.
ALTER TABLE "AdmissionPhotos" RENAME COLUMN "Face" TO "FaceEmbedding";
UPDATE "AdmissionPhotos" SET "FaceEmbedding" = NULL;
UPDATE "Campaigns" SET "ComparisonThreshold" = 0.55 WHERE "ComparisonThreshold" = 0.46;
