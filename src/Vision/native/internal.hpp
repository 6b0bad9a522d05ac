// Shared between the C ABI's translation units; not part of the ABI.
#ifndef PCVISION_INTERNAL_HPP
#define PCVISION_INTERNAL_HPP
#include <opencv2/core.hpp>
#include <opencv2/objdetect.hpp>
#include <new>
#include "pcvision.h"
#include <string>
#include <vector>

struct pcv_image {
    cv::Mat mat;  // CV_8UC3, BGR
};

namespace pcv {

// OpenCV's classifier for one cascade file, loaded once per thread (detectMultiScale is not re-entrant).
cv::CascadeClassifier& cascade(const std::string& dir, const char* file);

// Frontal faces of an image. Detection runs on a grey copy (at most max_side long, histogram-equalised) that is
// turned by up to +-30 degrees when no upright face is found: boxes are in that frame, to_image maps frame points
// back to image pixels. With `portrait`, faces smaller than half the largest are not searched for (faster).
struct FaceFrame {
    cv::Mat gray;                  // the detection frame
    cv::Matx23d to_image;          // frame -> image
    std::vector<cv::Rect> boxes;   // largest first
};
FaceFrame detect_faces(const cv::Mat& bgr, const std::string& model_dir, int max_side, double min_face, bool turn = true,
                       bool portrait = false);

// Eyes inside an upright face box (see pcvision.cpp); returns a mask, 1 = image-left eye, 2 = image-right eye.
int find_eyes(const cv::Mat& gray, const cv::Rect& face, const std::string& model_dir, cv::Point2d eyes[2]);

// Runs an ABI entry's body: OpenCV reports errors with exceptions, the ABI with statuses.
template <typename F>
int32_t guarded(F&& body) {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return PCV_ERR_NO_MEMORY;
    } catch (...) {
        return PCV_ERR_INTERNAL;
    }
}

inline cv::Point2d apply(const cv::Matx23d& m, const cv::Point2d& p) {
    return {m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2), m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)};
}

}  // namespace pcv
#endif
