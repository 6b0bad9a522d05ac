-- Separate consent for the face image (issue 16; 个人信息保护法, 人脸识别技术应用安全管理办法): when the student agreed,
-- on the standards step and apart from the service agreement, to the processing of their face image. The online
-- photo check refuses a photo without it.
ALTER TABLE "StudentRecords" ADD COLUMN "FaceConsentAt" timestamp with time zone;
