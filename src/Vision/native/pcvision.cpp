// See pcvision.h. Each entry point catches everything: OpenCV reports errors with exceptions, the ABI with statuses.
#include "pcvision.h"
#include "internal.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <opencv2/wechat_qrcode.hpp>
#include <unordered_map>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>


namespace {

using pcv::guarded;

int32_t give(cv::Mat mat, pcv_image** out) {
    *out = new pcv_image{std::move(mat)};
    return PCV_OK;
}

int32_t copy_out(const std::vector<uint8_t>& bytes, uint8_t** out, int32_t* length) {
    auto* buffer = static_cast<uint8_t*>(std::malloc(bytes.empty() ? 1 : bytes.size()));
    if (!buffer) return PCV_ERR_NO_MEMORY;
    if (!bytes.empty()) std::memcpy(buffer, bytes.data(), bytes.size());
    *out = buffer;
    *length = static_cast<int32_t>(bytes.size());
    return PCV_OK;
}

// The detector holds no per-call state, but OpenCV does not promise detectAndDecode is re-entrant: one per thread.
cv::wechat_qrcode::WeChatQRCode& qr_detector() {
    thread_local cv::wechat_qrcode::WeChatQRCode detector;
    return detector;
}

// Writes the density into the JFIF APP0 segment that OpenCV's JPEG encoder emits (units = dots per inch).
void set_jfif_dpi(std::vector<uint8_t>& jpeg, int dpi) {
    if (jpeg.size() < 20 || jpeg[2] != 0xFF || jpeg[3] != 0xE0 || std::memcmp(&jpeg[6], "JFIF", 5) != 0) return;
    jpeg[13] = 1;  // units: dots per inch
    jpeg[14] = static_cast<uint8_t>(dpi >> 8);
    jpeg[15] = static_cast<uint8_t>(dpi & 0xFF);
    jpeg[16] = static_cast<uint8_t>(dpi >> 8);
    jpeg[17] = static_cast<uint8_t>(dpi & 0xFF);
}

// How many QR finder patterns an image seems to show: dark squares holding a light ring holding a dark square
// (three nested contours, the outer about five times the inner's area), counted on a copy at most 1200 px long.
// A few milliseconds; text such as 回 counts too, so it can only say when a closer look is needed.
int finder_patterns(const cv::Mat& bgr) {
    const double scale = std::min(1.0, 1200.0 / std::max(bgr.cols, bgr.rows));
    cv::Mat small, gray, dark;
    if (scale < 1.0) cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
    else small = bgr;
    cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
    cv::adaptiveThreshold(gray, dark, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, 31, 10);
    std::vector<std::vector<cv::Point>> contours;
    std::vector<cv::Vec4i> tree;  // next, previous, first child, parent
    cv::findContours(dark, contours, tree, cv::RETR_TREE, cv::CHAIN_APPROX_SIMPLE);
    int found = 0;
    for (size_t i = 0; i < contours.size(); ++i) {
        const int ring = tree[i][2];
        if (ring < 0) continue;
        const int inner = tree[static_cast<size_t>(ring)][2];
        if (inner < 0) continue;
        const double inner_area = cv::contourArea(contours[static_cast<size_t>(inner)]);
        if (inner_area < 4) continue;
        const double ratio = cv::contourArea(contours[i]) / inner_area;  // 49 / 9 for a perfect pattern
        if (ratio > 2.5 && ratio < 10) ++found;
    }
    return found;
}

// Locates QR codes with cv::QRCodeDetector on a copy at most 800 px on its long side, then decodes each located
// region (widened by a quiet zone) with the WeChat decoder. Distinct texts, in detection order.
std::vector<std::string> decode_each_located(const cv::Mat& image) {
    std::vector<std::string> texts;
    const double scale = std::min(1.0, 800.0 / std::max(image.cols, image.rows));
    cv::Mat small;
    if (scale < 1.0) cv::resize(image, small, cv::Size(), scale, scale, cv::INTER_AREA);
    else small = image;
    cv::QRCodeDetector locator;
    std::vector<cv::Point2f> corners;
    if (!locator.detectMulti(small, corners) || corners.size() < 8) return texts;
    for (size_t i = 0; i + 3 < corners.size(); i += 4) {
        std::vector<cv::Point2f> quad(corners.begin() + static_cast<long>(i), corners.begin() + static_cast<long>(i) + 4);
        cv::Rect box = cv::boundingRect(quad);
        const int pad = std::max(box.width, box.height) / 4;
        box = cv::Rect(cv::Point(static_cast<int>((box.x - pad) / scale), static_cast<int>((box.y - pad) / scale)),
                       cv::Point(static_cast<int>((box.x + box.width + pad) / scale), static_cast<int>((box.y + box.height + pad) / scale)));
        box &= cv::Rect(0, 0, image.cols, image.rows);
        if (box.width < 21 || box.height < 21) continue;
        std::vector<cv::Mat> unused;
        for (const auto& text : qr_detector().detectAndDecode(image(box), unused)) {
            if (std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(text);
        }
    }
    return texts;
}

}  // namespace

namespace pcv {

cv::CascadeClassifier& cascade(const std::string& dir, const char* file) {
    thread_local std::unordered_map<std::string, cv::CascadeClassifier> loaded;
    const std::string path = dir + "/" + file;
    auto it = loaded.find(path);
    if (it == loaded.end()) {
        cv::CascadeClassifier classifier;
        if (!classifier.load(path)) throw std::runtime_error("cascade not found: " + path);
        it = loaded.emplace(path, std::move(classifier)).first;
    }
    return it->second;
}

// Eyes of an upright face: each searched on its own half of the face (15% to 60% of its height), which keeps a
// lone eye findable where a search over the whole face finds one or none. Of several candidates, the one nearest
// the usual eye position (30% / 70% across, 38% down) wins; the cascades are tried in turn. Returns a mask:
// 1 = eye on the image's left found (eyes[0]), 2 = eye on the image's right found (eyes[1]).
int find_eyes(const cv::Mat& gray, const cv::Rect& f, const std::string& model_dir, cv::Point2d eyes[2]) {
    int mask = 0;
    for (int side = 0; side < 2; ++side) {
        cv::Rect half(f.x + side * f.width / 2, f.y + f.height * 15 / 100, f.width / 2, f.height * 45 / 100);
        half &= cv::Rect(0, 0, gray.cols, gray.rows);
        if (half.width < 10 || half.height < 10) continue;
        const cv::Point2d expected(f.x + f.width * (side == 0 ? 0.30 : 0.70), f.y + f.height * 0.38);
        const int eye_min = std::max(8, f.width * 12 / 100);
        const int eye_max = std::max(eye_min + 1, f.width * 35 / 100);
        const char* split = side == 0 ? "haarcascade_righteye_2splits.xml" : "haarcascade_lefteye_2splits.xml";
        for (const char* model : {"haarcascade_eye.xml", "haarcascade_eye_tree_eyeglasses.xml", split}) {
            std::vector<cv::Rect> candidates;
            cascade(model_dir, model).detectMultiScale(gray(half), candidates, 1.05, 2, cv::CASCADE_SCALE_IMAGE,
                                                       cv::Size(eye_min, eye_min), cv::Size(eye_max, eye_max));
            double best_distance = 1e18;
            for (const auto& c : candidates) {
                const cv::Point2d centre(half.x + c.x + c.width / 2.0, half.y + c.y + c.height / 2.0);
                const double d = cv::norm(centre - expected);
                if (d < best_distance) { best_distance = d; eyes[side] = centre; }
            }
            if (!candidates.empty()) { mask |= 1 << side; break; }
        }
    }
    return mask;
}


namespace {

// One frame's faces. With `portrait`, large windows are searched first (a cascade's cost is in its smallest
// windows, and a portrait's face is large), then the small ones only down to half the largest face found: a
// smaller face is not a second person in the photo. Without a large face, small windows down to min_size.
std::vector<cv::Rect> find_faces(cv::CascadeClassifier& cascade, const cv::Mat& gray, int min_size, bool portrait) {
    std::vector<cv::Rect> boxes;
    if (!portrait) {
        cascade.detectMultiScale(gray, boxes, 1.1, 5, cv::CASCADE_SCALE_IMAGE, cv::Size(min_size, min_size));
        return boxes;
    }
    const int large = std::max(min_size, std::min(gray.cols, gray.rows) / 4);
    cascade.detectMultiScale(gray, boxes, 1.1, 5, cv::CASCADE_SCALE_IMAGE, cv::Size(large, large));
    int widest = 0;
    for (const auto& b : boxes) widest = std::max(widest, b.width);
    const int floor = std::max(min_size, widest / 2);
    if (floor >= large) return boxes;
    // The two ranges overlap by a quarter, so a face near the boundary is found whole by one of them.
    // On a copy where the smallest face searched is 32 px: the cascade scans its own smallest windows sparsely
    // (every second pixel) and larger ones at every pixel, so the copy costs far less and finds as much.
    const int ceiling = large * 5 / 4;
    const double k = std::min(1.0, 32.0 / floor);
    cv::Mat copy = gray;
    if (k < 1.0) cv::resize(gray, copy, cv::Size(), k, k, cv::INTER_AREA);
    std::vector<cv::Rect> small;
    cascade.detectMultiScale(copy, small, 1.1, 5, cv::CASCADE_SCALE_IMAGE, cv::Size(cvRound(floor * k), cvRound(floor * k)),
                             cv::Size(cvRound(ceiling * k), cvRound(ceiling * k)));
    for (auto s : small) {
        s = cv::Rect(cvRound(s.x / k), cvRound(s.y / k), cvRound(s.width / k), cvRound(s.height / k));
        const cv::Point centre(s.x + s.width / 2, s.y + s.height / 2);
        if (std::none_of(boxes.begin(), boxes.end(), [&](const cv::Rect& b) { return b.contains(centre); })) boxes.push_back(s);
    }
    return boxes;
}

}  // namespace

FaceFrame detect_faces(const cv::Mat& bgr, const std::string& model_dir, int max_side, double min_face, bool turn, bool portrait) {
    const int long_side = std::max(bgr.cols, bgr.rows);
    const double scale = (max_side > 0 && long_side > max_side) ? static_cast<double>(max_side) / long_side : 1.0;
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    if (scale < 1.0) cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::equalizeHist(gray, gray);

    const int min_size = std::max(20, static_cast<int>(min_face * std::min(gray.cols, gray.rows)));
    auto& face_cascade = cascade(model_dir, "haarcascade_frontalface_alt2.xml");

    // Upright first; when nothing is found, the image turned by +-15 and +-30 degrees (the cascade only sees
    // upright faces, and a tilted head is exactly what the roll check must measure).
    FaceFrame result{gray, cv::Matx23d(1 / scale, 0, 0, 0, 1 / scale, 0), {}};
    result.boxes = find_faces(face_cascade, gray, min_size, portrait);
    for (double angle : {15.0, -15.0, 30.0, -30.0}) {
        if (!result.boxes.empty() || !turn) break;
        const cv::Point2f centre(gray.cols / 2.0f, gray.rows / 2.0f);
        cv::Mat turn = cv::getRotationMatrix2D(centre, angle, 1.0);
        cv::warpAffine(gray, result.gray, turn, gray.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        cv::Mat back;
        cv::invertAffineTransform(turn, back);
        result.to_image = cv::Matx23d(back.ptr<double>()) * (1 / scale);
        result.boxes = find_faces(face_cascade, result.gray, min_size, portrait);
    }
    std::sort(result.boxes.begin(), result.boxes.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
    return result;
}

}  // namespace pcv

namespace {
using pcv::cascade;
using pcv::find_eyes;

// find_eyes on the face region turned by angle degrees about the face centre; points mapped back to gray.
int find_eyes_rotated(const cv::Mat& gray, const cv::Rect& f, const std::string& model_dir, double angle, cv::Point2d eyes[2]) {
    const cv::Point2f centre(f.x + f.width / 2.0f, f.y + f.height / 2.0f);
    const int side = static_cast<int>(std::max(f.width, f.height) * 1.5);
    cv::Mat rotation = cv::getRotationMatrix2D(centre, angle, 1.0);
    // Shift so the face centre lands in the middle of a side x side crop.
    rotation.at<double>(0, 2) += side / 2.0 - centre.x;
    rotation.at<double>(1, 2) += side / 2.0 - centre.y;
    cv::Mat crop;
    cv::warpAffine(gray, crop, rotation, cv::Size(side, side), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    const cv::Rect face_in_crop((side - f.width) / 2, (side - f.height) / 2, f.width, f.height);
    cv::Point2d found[2];
    const int mask = find_eyes(crop, face_in_crop, model_dir, found);
    cv::Mat inverse;
    cv::invertAffineTransform(rotation, inverse);
    for (int i = 0; i < 2; ++i) {
        if (!(mask & (1 << i))) continue;
        eyes[i] = cv::Point2d(inverse.at<double>(0, 0) * found[i].x + inverse.at<double>(0, 1) * found[i].y + inverse.at<double>(0, 2),
                              inverse.at<double>(1, 0) * found[i].x + inverse.at<double>(1, 1) * found[i].y + inverse.at<double>(1, 2));
    }
    return mask;
}

}  // namespace

extern "C" {

int32_t pcv_abi_version(void) { return 6; }

int32_t pcv_image_decode(const uint8_t* data, int32_t length, int32_t reduce, int64_t max_pixels, pcv_image** out) {
    if (!data || length <= 0 || !out) return PCV_ERR_ARGUMENT;
    int flags;
    switch (reduce) {
        case 1: flags = cv::IMREAD_COLOR; break;
        case 2: flags = cv::IMREAD_REDUCED_COLOR_2; break;
        case 4: flags = cv::IMREAD_REDUCED_COLOR_4; break;
        case 8: flags = cv::IMREAD_REDUCED_COLOR_8; break;
        default: return PCV_ERR_ARGUMENT;
    }
    *out = nullptr;
    return guarded([&] {
        cv::Mat raw(1, length, CV_8UC1, const_cast<uint8_t*>(data));
        cv::Mat mat = cv::imdecode(raw, flags);
        if (mat.empty()) return static_cast<int32_t>(PCV_ERR_DECODE);
        if (max_pixels > 0 && static_cast<int64_t>(mat.cols) * mat.rows > max_pixels) return static_cast<int32_t>(PCV_ERR_TOO_LARGE);
        if (mat.type() != CV_8UC3) {
            cv::Mat converted;
            mat.convertTo(converted, CV_8U);
            if (converted.channels() == 1) cv::cvtColor(converted, converted, cv::COLOR_GRAY2BGR);
            else if (converted.channels() == 4) cv::cvtColor(converted, converted, cv::COLOR_BGRA2BGR);
            mat = converted;
        }
        return give(std::move(mat), out);
    });
}

int32_t pcv_image_from_bgr(const uint8_t* pixels, int32_t width, int32_t height, int32_t stride, pcv_image** out) {
    if (!pixels || width <= 0 || height <= 0 || stride < width * 3 || !out) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        cv::Mat view(height, width, CV_8UC3, const_cast<uint8_t*>(pixels), static_cast<size_t>(stride));
        return give(view.clone(), out);
    });
}

int32_t pcv_image_size(const pcv_image* image, int32_t* width, int32_t* height) {
    if (!image || !width || !height) return PCV_ERR_ARGUMENT;
    *width = image->mat.cols;
    *height = image->mat.rows;
    return PCV_OK;
}

int32_t pcv_image_pixels(const pcv_image* image, uint8_t* buffer, int64_t capacity) {
    if (!image || !buffer) return PCV_ERR_ARGUMENT;
    const auto row = static_cast<int64_t>(image->mat.cols) * 3;
    if (capacity < row * image->mat.rows) return PCV_ERR_ARGUMENT;
    for (int y = 0; y < image->mat.rows; ++y) std::memcpy(buffer + y * row, image->mat.ptr(y), static_cast<size_t>(row));
    return PCV_OK;
}

int32_t pcv_image_gray(const pcv_image* image, uint8_t* buffer, int64_t capacity) {
    if (!image || !buffer || capacity < static_cast<int64_t>(image->mat.cols) * image->mat.rows) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        cv::Mat gray(image->mat.rows, image->mat.cols, CV_8U, buffer);
        cv::cvtColor(image->mat, gray, cv::COLOR_BGR2GRAY);
        return static_cast<int32_t>(PCV_OK);
    });
}

int32_t pcv_image_encode(const pcv_image* image, int32_t format, int32_t quality, int32_t dpi, uint8_t** out, int32_t* length) {
    if (!image || !out || !length || (format != 0 && format != 1) || quality < 1 || quality > 100) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        std::vector<uint8_t> bytes;
        std::vector<int> params;
        if (format == 0) params = {cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_JPEG_OPTIMIZE, 1};
        else params = {cv::IMWRITE_PNG_COMPRESSION, 3};
        if (!cv::imencode(format == 0 ? ".jpg" : ".png", image->mat, bytes, params)) return static_cast<int32_t>(PCV_ERR_INTERNAL);
        if (format == 0 && dpi > 0) set_jfif_dpi(bytes, dpi);
        return copy_out(bytes, out, length);
    });
}

int32_t pcv_image_warp(const pcv_image* image, const double* matrix, int32_t width, int32_t height,
                       uint8_t b, uint8_t g, uint8_t r, pcv_image** out) {
    if (!image || !matrix || width <= 0 || height <= 0 || width > 20000 || height > 20000 || !out) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        cv::Mat m(3, 3, CV_64F, const_cast<double*>(matrix));
        cv::Mat warped;
        cv::warpPerspective(image->mat, warped, m, cv::Size(width, height), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(b, g, r));
        return give(std::move(warped), out);
    });
}

int32_t pcv_image_adjust(const pcv_image* image, double blur_sigma, double contrast, double brightness, pcv_image** out) {
    if (!image || !out || blur_sigma < 0 || blur_sigma > 100) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        cv::Mat result = image->mat;
        if (blur_sigma > 0) {
            cv::Mat blurred;
            cv::GaussianBlur(result, blurred, cv::Size(0, 0), blur_sigma);
            result = blurred;
        }
        if (contrast != 1.0 || brightness != 0.0) {
            cv::Mat scaled;
            result.convertTo(scaled, CV_8U, contrast, brightness);
            result = scaled;
        }
        return give(result.data == image->mat.data ? image->mat.clone() : result, out);
    });
}

void pcv_image_free(pcv_image* image) { delete image; }

int32_t pcv_qr_decode(const pcv_image* image, uint8_t** out, int32_t* length) {
    if (!image || !out || !length) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        std::vector<cv::Mat> points;
        std::vector<std::string> texts = qr_detector().detectAndDecode(image->mat, points);
        if (!texts.empty()) {
            // Without its CNN models the WeChat decoder returns one code per image and cannot say where it is.
            // OpenCV's own detector can locate codes (it cannot decode them in Debian's build): when it sees
            // several, decode each located region so "more than one code" is reported as such.
            // Locating costs as much as decoding, so only when more than one code's three finder patterns show.
            if (finder_patterns(image->mat) > 3) {
                auto more = decode_each_located(image->mat);
                if (more.size() > texts.size()) texts = more;
            }
        }
        std::vector<uint8_t> bytes;
        auto put32 = [&bytes](uint32_t v) { for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(v >> (8 * i))); };
        put32(static_cast<uint32_t>(texts.size()));
        for (const auto& text : texts) {
            put32(static_cast<uint32_t>(text.size()));
            bytes.insert(bytes.end(), text.begin(), text.end());
        }
        return copy_out(bytes, out, length);
    });
}

int32_t pcv_detect_faces(const pcv_image* image, const char* model_dir, int32_t max_side, double min_face,
                         pcv_face* faces, int32_t capacity, int32_t* count) {
    if (!image || !model_dir || !count || capacity < 0 || (capacity > 0 && !faces) || max_side < 0 || min_face <= 0 || min_face >= 1)
        return PCV_ERR_ARGUMENT;
    return guarded([&] {
        const auto detected = pcv::detect_faces(image->mat, model_dir, max_side, min_face);
        const cv::Matx23d& back = detected.to_image;
        const double scale = 1.0 / std::hypot(back(0, 0), back(1, 0));  // frame pixels per image pixel
        *count = static_cast<int32_t>(detected.boxes.size());
        for (int32_t i = 0; i < capacity && i < static_cast<int32_t>(detected.boxes.size()); ++i) {
            const cv::Rect& f = detected.boxes[static_cast<size_t>(i)];
            pcv_face out{};
            // The box keeps its size; its centre is mapped back (exact for upright detections).
            const cv::Point2d centre = pcv::apply(back, cv::Point2d(f.x + f.width / 2.0, f.y + f.height / 2.0));
            out.width = static_cast<float>(f.width / scale);
            out.height = static_cast<float>(f.height / scale);
            out.x = static_cast<float>(centre.x - out.width / 2.0);
            out.y = static_cast<float>(centre.y - out.height / 2.0);

            cv::Point2d eyes[2];
            int mask = find_eyes(detected.gray, f, model_dir, eyes);
            if (mask != 3) {
                // Cascades expect an upright face: for a tilted head, look again on the face turned back.
                for (double angle : {-12.0, 12.0, -24.0, 24.0}) {
                    cv::Point2d turned[2];
                    const int m = find_eyes_rotated(detected.gray, f, model_dir, angle, turned);
                    if (m == 3) { mask = 3; eyes[0] = turned[0]; eyes[1] = turned[1]; break; }
                }
            }
            out.eyes = mask;
            if (mask & 1) { const auto e = pcv::apply(back, eyes[0]); out.eye1_x = static_cast<float>(e.x); out.eye1_y = static_cast<float>(e.y); }
            if (mask & 2) { const auto e = pcv::apply(back, eyes[1]); out.eye2_x = static_cast<float>(e.x); out.eye2_y = static_cast<float>(e.y); }
            faces[i] = out;
        }
        return static_cast<int32_t>(PCV_OK);
    });
}

int32_t pcv_find_faces(const pcv_image* image, const char* model_dir, int32_t max_side, double min_face,
                       pcv_face* faces, int32_t capacity, int32_t* count) {
    if (!image || !model_dir || !count || capacity < 0 || (capacity > 0 && !faces) || max_side < 0 || min_face <= 0 || min_face >= 1)
        return PCV_ERR_ARGUMENT;
    return guarded([&] {
        const cv::Mat& bgr = image->mat;
        const int long_side = std::max(bgr.cols, bgr.rows);
        const double scale = (max_side > 0 && long_side > max_side) ? static_cast<double>(max_side) / long_side : 1.0;
        cv::Mat gray;
        cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
        if (scale < 1.0) cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_AREA);
        cv::equalizeHist(gray, gray);
        const int min_size = std::max(20, static_cast<int>(min_face * std::min(gray.cols, gray.rows)));
        std::vector<cv::Rect> boxes;
        // Coarser than the check's search (scale steps of 15 %, three neighbours): on a 240x320 frame this finds the
        // same faces at about two thirds of the cost (VisionLab framing).
        pcv::cascade(model_dir, "haarcascade_frontalface_alt2.xml")
            .detectMultiScale(gray, boxes, 1.15, 3, cv::CASCADE_SCALE_IMAGE, cv::Size(min_size, min_size));
        std::sort(boxes.begin(), boxes.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
        *count = static_cast<int32_t>(boxes.size());
        for (int32_t i = 0; i < capacity && i < static_cast<int32_t>(boxes.size()); ++i) {
            const cv::Rect& f = boxes[static_cast<size_t>(i)];
            pcv_face out{};
            out.x = static_cast<float>(f.x / scale);
            out.y = static_cast<float>(f.y / scale);
            out.width = static_cast<float>(f.width / scale);
            out.height = static_cast<float>(f.height / scale);
            faces[i] = out;
        }
        return static_cast<int32_t>(PCV_OK);
    });
}

void pcv_free(void* buffer) { std::free(buffer); }

}  // extern "C"
