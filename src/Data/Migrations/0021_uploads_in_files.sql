-- Uploads may be kept as files of a directory every instance shares instead of in "Source" (issue 19, decision 016):
-- a row whose upload is such a file says so here and leaves "Source" null. Rows written before keep their bytes.
ALTER TABLE "PhotoFiles" ADD COLUMN "SourceInStore" boolean NOT NULL DEFAULT false;
