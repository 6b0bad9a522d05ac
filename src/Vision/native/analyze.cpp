// pcv_analyze, pcv_grabcut, pcv_align_face: the photo check's measurements and the standard photo (see pcvision.h).
//
// One pass: Haar face -> dlib 68 landmarks -> a work canvas where the face is upright at standard scale -> a colour
// model of the (plain) background -> alpha matte -> measurements on that canvas -> the standard photo cut from it.
// Measuring on the standard-scale canvas keeps every threshold independent of the phone's resolution.
#include "internal.hpp"
#include "pcvision.h"

#include <dlib/image_processing.h>
#include <dlib/opencv/cv_image.h>
#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/quality.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cstring>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <mutex>
#include <new>
#include <stdexcept>
#include <malloc.h>
#include <string>
#include <vector>

namespace {

using pcv::guarded;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One photo, one core: the web app checks several uploads at once, and OpenCV's own thread pool would make them
// compete (and make a single check's timing depend on idle cores). Set once when the library loads.
[[maybe_unused]] const bool kSingleThreaded = [] {
    cv::setNumThreads(1);
    return true;
}();

// A check's big buffers (a 12 MP decode is 36 MB, the canvases several MB each) come and go every time. glibc's malloc
// moves its mmap threshold with what is freed, and with ONNX Runtime's arena in the same process (the face model) it
// ended where those buffers were served in a way that doubled the whole check: 146–177 ms before the model had run,
// 334–365 ms after, with the model on other threads (MALLOC_MMAP_THRESHOLD_=131072 alone: 860 ms). Fixed thresholds
// (64 MB mmap, 128 MB trim) kept it at 128–178 ms. A thread other than the main one allocates from an arena made of
// mmap()ed heaps of at most 64 MB, and glibc unmaps such a heap as soon as a free leaves it empty unless the top pad
// says to keep that much. In the web app one of the two vision workers spent 100 ms on the matte of a 12 MP photo
// against 25 ms on the other, as a thread does whose buffers' pages are faulted in afresh every time; with a 64 MB top
// pad both took 24–40 ms (issue 19; docs/benchmarks.md). The pad reserves address space, not memory.
// Set once when the library loads; process-wide, which the web app is.
[[maybe_unused]] const bool kMallocTuned = [] {
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    mallopt(M_TOP_PAD, 64 << 20);
    return true;
}();
constexpr double kPi = 3.14159265358979323846;

// The landmark model is 100 MB: loaded once per process per path and shared (prediction is const).
const dlib::shape_predictor& landmark_model(const std::string& path) {
    static std::mutex lock;
    static std::map<std::string, std::unique_ptr<dlib::shape_predictor>> loaded;
    std::lock_guard<std::mutex> guard(lock);
    auto& slot = loaded[path];
    if (!slot) {
        auto model = std::make_unique<dlib::shape_predictor>();
        dlib::deserialize(path) >> *model;
        slot = std::move(model);
    }
    return *slot;
}

cv::Ptr<cv::quality::QualityBRISQUE>& brisque(const std::string& model, const std::string& range) {
    thread_local std::map<std::string, cv::Ptr<cv::quality::QualityBRISQUE>> loaded;
    auto& slot = loaded[model + "|" + range];
    if (!slot) slot = cv::quality::QualityBRISQUE::create(model, range);
    return slot;
}

using Points = std::vector<cv::Point2d>;

// dlib's predictor was trained on boxes of its HOG detector, which sit lower and tighter than Haar's: shift the
// Haar box to that framing (measured on the corpus faces: the two agree within a few percent after this).
dlib::rectangle predictor_box(const cv::Rect& haar) {
    const double w = haar.width * 0.84;
    const double x = haar.x + (haar.width - w) / 2.0;
    const double y = haar.y + haar.height * 0.20;
    return dlib::rectangle(static_cast<long>(x), static_cast<long>(y), static_cast<long>(x + w), static_cast<long>(y + w));
}

Points landmarks(const cv::Mat& gray, const cv::Rect& box, const dlib::shape_predictor& model) {
    dlib::cv_image<unsigned char> view(gray);
    const auto shape = model(view, predictor_box(box));
    Points points;
    for (unsigned i = 0; i < shape.num_parts(); ++i) points.emplace_back(shape.part(i).x(), shape.part(i).y());
    return points;
}

cv::Point2d mean_of(const Points& p, int from, int to) {
    cv::Point2d sum(0, 0);
    for (int i = from; i <= to; ++i) sum += p[static_cast<size_t>(i)];
    return sum / static_cast<double>(to - from + 1);
}

double eye_aspect(const Points& p, int first) {
    auto at = [&](int i) { return p[static_cast<size_t>(first + i)]; };
    const double width = cv::norm(at(0) - at(3));
    return width > 0 ? (cv::norm(at(1) - at(5)) + cv::norm(at(2) - at(4))) / (2 * width) : kNaN;
}

std::vector<cv::Point> to_int(const Points& p, std::initializer_list<std::pair<int, int>> ranges) {
    std::vector<cv::Point> out;
    for (auto [from, to] : ranges)
        for (int i = from; i <= to; ++i) out.emplace_back(cvRound(p[static_cast<size_t>(i)].x), cvRound(p[static_cast<size_t>(i)].y));
    return out;
}

// Head pose from six landmarks and a generic 3-D face (solvePnP); degrees, 0 when facing the camera.
void head_pose(const Points& p, cv::Size frame, double& yaw, double& pitch) {
    const std::vector<cv::Point3d> model = {{0, 0, 0}, {0, -330, -65}, {-225, 170, -135}, {225, 170, -135}, {-150, -150, -125}, {150, -150, -125}};
    const std::vector<cv::Point2d> image = {p[30], p[8], p[36], p[45], p[48], p[54]};
    const double f = std::max(frame.width, frame.height);
    const cv::Matx33d camera(f, 0, frame.width / 2.0, 0, f, frame.height / 2.0, 0, 0, 1);
    cv::Mat rvec, tvec;
    if (!cv::solvePnP(model, image, camera, cv::noArray(), rvec, tvec)) { yaw = pitch = kNaN; return; }
    cv::Matx33d r;
    cv::Rodrigues(rvec, r);
    // The model's y points up and z out of the face; the camera's y points down and z into the scene.
    const cv::Matx33d frontal = r * cv::Matx33d(1, 0, 0, 0, -1, 0, 0, 0, -1);
    yaw = std::asin(std::clamp(frontal(0, 2), -1.0, 1.0)) * 180 / kPi;
    pitch = -std::asin(std::clamp(frontal(1, 2), -1.0, 1.0)) * 180 / kPi;
}

// A smooth background: each channel fitted as a + b x + c y over sample pixels (coordinates scaled to 0..1).
struct Plane {
    cv::Vec3d a, b, c;
    cv::Vec3d at(double x, double y) const { return a + b * x + c * y; }
};

Plane least_squares(const cv::Mat& image3f, const std::vector<cv::Point>& where, const std::vector<char>& keep) {
    const double sx = 1.0 / image3f.cols, sy = 1.0 / image3f.rows;
    cv::Matx33d ata = cv::Matx33d::zeros();
    cv::Matx33d atb = cv::Matx33d::zeros();  // column k: channel k
    for (size_t i = 0; i < where.size(); ++i) {
        if (!keep[i]) continue;
        const cv::Vec3d row(1, where[i].x * sx, where[i].y * sy);
        const cv::Vec3f v = image3f.at<cv::Vec3f>(where[i]);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) { ata(r, c) += row[r] * row[c]; atb(r, c) += row[r] * v[c]; }
    }
    cv::Matx33d coeff;
    if (!cv::solve(ata, atb, coeff, cv::DECOMP_SVD)) throw std::runtime_error("background fit failed");
    Plane plane{};
    for (int k = 0; k < 3; ++k) { plane.a[k] = coeff(0, k); plane.b[k] = coeff(1, k); plane.c[k] = coeff(2, k); }
    return plane;
}

// The wall: a robust plane fit over the sample pixels. Starts from the median colour, then refits on the samples
// near the current fit three times, so a hand or an object in the sample area is left out (and counted). keep
// receives which samples are wall; rms is their spread (texture); outliers the share of samples that are not wall.
struct Wall {
    Plane plane;
    std::vector<cv::Point> where;
    std::vector<char> keep;
    double rms = kNaN, outliers = kNaN;
};

Wall fit_wall(const cv::Mat& lab, const cv::Mat& samples) {
    Wall wall;
    // Every 4th pixel of every 4th row: a sixteenth of the samples fits the same plane.
    for (int y = 0; y < samples.rows; y += 4) {
        const uchar* row = samples.ptr(y);
        for (int x = 0; x < samples.cols; x += 4) if (row[x]) wall.where.emplace_back(x, y);
    }
    if (wall.where.size() < 50) throw std::runtime_error("too few background samples");
    const auto& where = wall.where;
    const double sx = 1.0 / lab.cols, sy = 1.0 / lab.rows;
    Plane plane{};
    for (int k = 0; k < 3; ++k) {
        std::vector<float> channel;
        channel.reserve(where.size());
        for (const auto& p : where) channel.push_back(lab.at<cv::Vec3f>(p)[k]);
        std::nth_element(channel.begin(), channel.begin() + static_cast<long>(channel.size() / 2), channel.end());
        plane.a[k] = channel[channel.size() / 2];
    }
    std::vector<double> residuals(where.size());
    wall.keep.assign(where.size(), 1);
    for (int pass = 0; pass < 4; ++pass) {
        for (size_t i = 0; i < where.size(); ++i) {
            const cv::Vec3f v = lab.at<cv::Vec3f>(where[i]);
            residuals[i] = cv::norm(cv::Vec3d(v[0], v[1], v[2]) - plane.at(where[i].x * sx, where[i].y * sy));
        }
        double limit = 15;
        if (pass > 0) {
            std::vector<double> inliers;
            for (size_t i = 0; i < where.size(); ++i) if (wall.keep[i]) inliers.push_back(residuals[i]);
            std::nth_element(inliers.begin(), inliers.begin() + static_cast<long>(inliers.size() / 2), inliers.end());
            limit = std::max(3 * inliers[inliers.size() / 2] + 4, 6.0);
        }
        size_t kept = 0;
        for (size_t i = 0; i < where.size(); ++i) kept += (wall.keep[i] = residuals[i] < limit ? 1 : 0);
        if (kept < 30) throw std::runtime_error("no plain background");
        if (pass < 3) plane = least_squares(lab, where, wall.keep);
    }
    double sum = 0;
    size_t kept = 0;
    for (size_t i = 0; i < where.size(); ++i) if (wall.keep[i]) { sum += residuals[i] * residuals[i]; ++kept; }
    wall.rms = std::sqrt(sum / static_cast<double>(kept));
    wall.outliers = 1.0 - static_cast<double>(kept) / static_cast<double>(where.size());
    wall.plane = plane;
    return wall;
}

cv::Mat plane_image(const Plane& plane, cv::Size size) {
    cv::Mat xs(1, size.width, CV_32F), ys(size.height, 1, CV_32F);
    for (int x = 0; x < size.width; ++x) xs.at<float>(x) = static_cast<float>(x) / size.width;
    for (int y = 0; y < size.height; ++y) ys.at<float>(y) = static_cast<float>(y) / size.height;
    cv::Mat xx = cv::repeat(xs, size.height, 1), yy = cv::repeat(ys, 1, size.width);
    std::vector<cv::Mat> channels(3);
    for (int k = 0; k < 3; ++k) channels[k] = xx * plane.b[k] + yy * plane.c[k] + plane.a[k];
    cv::Mat out;
    cv::merge(channels, out);
    return out;
}

// CIELAB (L 0-100, a and b signed) through OpenCV's 8-bit conversion, several times faster than the float one.
cv::Mat to_lab(const cv::Mat& bgr8) {
    cv::Mat lab8, lab;
    cv::cvtColor(bgr8, lab8, cv::COLOR_BGR2Lab);
    lab8.convertTo(lab, CV_32FC3);
    lab = lab.mul(cv::Scalar(100.0 / 255, 1, 1)) - cv::Scalar(0, 128, 128);
    return lab;
}

cv::Vec3d lab_of(const cv::Vec3d& bgr) {
    cv::Mat px(1, 1, CV_32FC3, cv::Scalar(bgr[0] / 255.0, bgr[1] / 255.0, bgr[2] / 255.0));
    cv::cvtColor(px, px, cv::COLOR_BGR2Lab);
    const auto v = px.at<cv::Vec3f>(0, 0);
    return {v[0], v[1], v[2]};
}

double delta_e(const cv::Vec3d& a, const cv::Vec3d& b) { return cv::norm(a - b); }

struct Profile {
    const bool on = std::getenv("PCV_PROFILE") != nullptr;
    double last = static_cast<double>(cv::getTickCount());
    void tick(const char* what) {
        if (!on) return;
        const double now = static_cast<double>(cv::getTickCount());
        std::fprintf(stderr, "%-12s %7.2f ms\n", what, (now - last) * 1000 / cv::getTickFrequency());
        last = now;
    }
};

struct Canvas {
    cv::Mat bgr;        // 8UC3 work canvas: the face upright at standard scale
    cv::Mat gray;       // its grey levels
    cv::Mat valid;      // 8U: 255 where the canvas shows the image
    cv::Matx23d from_image;
    Points points;      // landmarks on the canvas
};

// The person's matte on a plain background. Returns the alpha (32F, 0..1) and the fitted background (32FC3, BGR).
struct Matte {
    cv::Mat alpha, background, foreign;  // foreign: 8U, pixels unlike the background (before keeping the person)
    double noise = kNaN;        // colour RMS of the wall from its smooth fit
    double clutter = kNaN;      // share of background samples that are not wall
    double grain = kNaN;        // grey-level noise sigma on the background samples
};

Matte matte(const Canvas& c, const cv::Rect& out_area, double face_w, double chin_y, double crown_guess) {
    Profile prof;
    const cv::Size size = c.bgr.size();
    cv::Mat bgr_f;
    c.bgr.convertTo(bgr_f, CV_32FC3);
    cv::Mat lab = to_lab(c.bgr);

    const double jaw_l = c.points[0].x, jaw_r = c.points[16].x;
    // Background samples: above the head and beside it down to the chin, inside the standard photo's area.
    cv::Mat samples = cv::Mat::zeros(size, CV_8U);
    const int top_end = static_cast<int>(crown_guess - 0.25 * face_w);
    if (top_end > out_area.y) cv::rectangle(samples, cv::Rect(out_area.x, out_area.y, out_area.width, top_end - out_area.y), 255, cv::FILLED);
    const int side_bottom = static_cast<int>(chin_y - 0.1 * face_w);
    const int left_end = static_cast<int>(jaw_l - 0.45 * face_w), right_start = static_cast<int>(jaw_r + 0.45 * face_w);
    if (left_end > out_area.x) cv::rectangle(samples, cv::Rect(out_area.x, out_area.y, left_end - out_area.x, side_bottom - out_area.y), 255, cv::FILLED);
    if (right_start < out_area.br().x) cv::rectangle(samples, cv::Rect(right_start, out_area.y, out_area.br().x - right_start, side_bottom - out_area.y), 255, cv::FILLED);
    samples &= c.valid;

    prof.tick("  lab+samples");
    Matte m;
    const Wall wall = fit_wall(lab, samples);
    m.noise = wall.rms;
    {
        // Clutter: the share of non-wall samples in the zone that has the second most of them (above, left, right),
        // so one hand or object at one side is extra content, not a cluttered wall.
        double zone_out[3] = {0, 0, 0}, zone_all[3] = {0, 0, 0};
        for (size_t i = 0; i < wall.where.size(); ++i) {
            const auto& pt = wall.where[i];
            const int zone = pt.y < top_end ? 0 : pt.x < left_end ? 1 : 2;
            zone_all[zone] += 1;
            if (!wall.keep[i]) zone_out[zone] += 1;
        }
        std::vector<double> shares;
        for (int z = 0; z < 3; ++z) shares.push_back(zone_all[z] > 12 ? zone_out[z] / zone_all[z] : 0.0);
        std::sort(shares.begin(), shares.end());
        m.clutter = shares[1];
    }
    m.background = plane_image(least_squares(bgr_f, wall.where, wall.keep), size);
    const cv::Mat bg_lab = plane_image(wall.plane, size);
    const double rms_lab = wall.rms;
    {
        // Immerkaer (1996): sigma = sqrt(pi / 2) / 6 * mean |I * N| over a flat area, N the difference of two Laplacians.
        cv::Mat response;
        const cv::Matx33f kernel(1, -2, 1, -2, 4, -2, 1, -2, 1);
        cv::filter2D(c.gray, response, CV_32F, kernel);
        cv::Mat flat;
        cv::erode(samples, flat, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
        if (cv::countNonZero(flat) > 100) m.grain = std::sqrt(kPi / 2) / 6 * cv::mean(cv::abs(response), flat)[0];
    }
    prof.tick("  wall+planes");
    cv::Mat diff = lab - bg_lab, distance;
    cv::Mat parts[3];
    cv::split(diff, parts);
    cv::magnitude(parts[0], parts[1], distance);
    cv::magnitude(distance, parts[2], distance);

    // Unlike the background: well above its own noise.
    const double threshold = std::clamp(3 * rms_lab + 8, 12.0, 40.0);
    cv::Mat fg = distance > threshold;
    fg &= c.valid;
    cv::morphologyEx(fg, fg, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, {3, 3}));
    m.foreign = fg.clone();
    cv::morphologyEx(fg, fg, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));

    prof.tick("  distance");
    // The face itself is always foreground; keep what is connected to it or rises from the bottom edge (the body).
    cv::fillConvexPoly(fg, to_int(c.points, {{0, 26}}), 255);
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(fg, labels, stats, centroids, 8, CV_32S);
    const int face_label = labels.at<int>(cvRound(c.points[30].y), cvRound(c.points[30].x));
    std::vector<uchar> keep(static_cast<size_t>(n), 0);
    keep[static_cast<size_t>(face_label)] = 1;
    for (int i = 1; i < n; ++i) {
        const int bottom = stats.at<int>(i, cv::CC_STAT_TOP) + stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const double cx = centroids.at<double>(i, 0);
        if (bottom >= out_area.br().y - 2 && std::abs(cx - (jaw_l + jaw_r) / 2) < 2.5 * face_w) keep[static_cast<size_t>(i)] = 1;
    }
    cv::Mat person(size, CV_8U);
    for (int y = 0; y < size.height; ++y) {
        const int* l = labels.ptr<int>(y);
        uchar* p = person.ptr(y);
        for (int x = 0; x < size.width; ++x) p[x] = keep[static_cast<size_t>(l[x])] ? 255 : 0;
    }
    prof.tick("  components");
    // Holes inside the person (a white collar on a white wall stays a hole only if it reaches the edge).
    cv::Mat holes = person.clone();
    cv::floodFill(holes, cv::Point(0, 0), 128);
    person.setTo(255, holes == 0);

    prof.tick("  holes");
    // Alpha: inside the person 1, outside 0; in a band around the edge, solve I = a F + (1 - a) B for a, with F the
    // nearby colour of the person (normalised blur of the eroded matte) and B the background fit.
    cv::Mat inner, outer;
    cv::erode(person, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));
    cv::dilate(person, outer, cv::getStructuringElement(cv::MORPH_ELLIPSE, {9, 9}));
    // F is smooth: the person's colour averaged at a quarter of the size (masked sums over mask weights), read
    // back bilinearly only on the band.
    cv::Mat masked = cv::Mat::zeros(size, CV_8UC3);
    c.bgr.copyTo(masked, inner);
    cv::Mat weighted, weight;
    const cv::Size quarter((size.width + 3) / 4, (size.height + 3) / 4);
    cv::resize(masked, weighted, quarter, 0, 0, cv::INTER_AREA);
    cv::resize(inner, weight, quarter, 0, 0, cv::INTER_AREA);
    weighted.convertTo(weighted, CV_32FC3);
    weight.convertTo(weight, CV_32F, 1.0 / 255);
    cv::GaussianBlur(weighted, weighted, cv::Size(0, 0), 1.5);
    cv::GaussianBlur(weight, weight, cv::Size(0, 0), 1.5);
    const double qx = static_cast<double>(quarter.width) / size.width, qy = static_cast<double>(quarter.height) / size.height;
    auto sample = [&](int x, int y, cv::Vec3f& f, float& w) {
        const double fx = std::clamp((x + 0.5) * qx - 0.5, 0.0, quarter.width - 1.0);
        const double fy = std::clamp((y + 0.5) * qy - 0.5, 0.0, quarter.height - 1.0);
        const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
        const int x1 = std::min(x0 + 1, quarter.width - 1), y1 = std::min(y0 + 1, quarter.height - 1);
        const float ax = static_cast<float>(fx - x0), ay = static_cast<float>(fy - y0);
        const float k00 = (1 - ax) * (1 - ay), k01 = ax * (1 - ay), k10 = (1 - ax) * ay, k11 = ax * ay;
        f = weighted.at<cv::Vec3f>(y0, x0) * k00 + weighted.at<cv::Vec3f>(y0, x1) * k01 + weighted.at<cv::Vec3f>(y1, x0) * k10 +
            weighted.at<cv::Vec3f>(y1, x1) * k11;
        w = weight.at<float>(y0, x0) * k00 + weight.at<float>(y0, x1) * k01 + weight.at<float>(y1, x0) * k10 + weight.at<float>(y1, x1) * k11;
    };
    prof.tick("  blurs");
    m.alpha = cv::Mat::zeros(size, CV_32F);
    m.alpha.setTo(1.0f, inner);
    for (int y = 0; y < size.height; ++y) {
        const uchar* in = inner.ptr(y);
        const uchar* out = outer.ptr(y);
        const auto* i3 = bgr_f.ptr<cv::Vec3f>(y);
        const auto* b3 = m.background.ptr<cv::Vec3f>(y);
        const uchar* p = person.ptr(y);
        float* a = m.alpha.ptr<float>(y);
        for (int x = 0; x < size.width; ++x) {
            if (in[x] || !out[x]) continue;
            cv::Vec3f f;
            float w;
            sample(x, y, f, w);
            if (w < 1e-3f) { a[x] = p[x] ? 1.0f : 0.0f; continue; }
            f /= w;
            const cv::Vec3f fb = f - b3[x];
            const float denom = fb.dot(fb);
            if (denom < 400.0f) { a[x] = p[x] ? 1.0f : 0.0f; continue; }  // person and background too alike to split
            a[x] = std::clamp((i3[x] - b3[x]).dot(fb) / denom, 0.0f, 1.0f);
        }
    }
    m.alpha.setTo(0.0f, c.valid == 0);
    prof.tick("  alpha");
    return m;
}

// The fallback when no plain wall can be modelled (a busy or patterned background): GrabCut on a quarter-size
// canvas seeded from the landmarks. Slower and rougher than the wall model, and the photo still fails the
// background check; it gives the reviewer a standard photo to look at. The background image is the canvas itself,
// which turns the composite I + (1 - a)(new - B) into the plain blend a I + (1 - a) new.
Matte grabcut_matte(const Canvas& c, double face_w, double chin_y, double crown_guess) {
    constexpr double q = 0.25;
    cv::Mat small, valid;
    cv::resize(c.bgr, small, cv::Size(), q, q, cv::INTER_AREA);
    cv::resize(c.valid, valid, small.size(), 0, 0, cv::INTER_NEAREST);
    const cv::Point2d centre((c.points[0].x + c.points[16].x) / 2 * q, (crown_guess + chin_y) / 2 * q);
    cv::Mat labels(small.size(), CV_8U, cv::Scalar(cv::GC_PR_BGD));
    // Likely person: the head with room for hair, and the body widening below the chin.
    cv::ellipse(labels, cv::Point(cvRound(centre.x), cvRound(centre.y)), cv::Size(cvRound(0.75 * face_w * q), cvRound((chin_y - crown_guess) * 0.6 * q)),
                0, 0, 360, cv::GC_PR_FGD, cv::FILLED);
    const double bottom = small.rows, chin = chin_y * q, half = 0.45 * face_w * q;
    std::vector<cv::Point> body = {{cvRound(centre.x - half), cvRound(chin - half / 2)}, {cvRound(centre.x + half), cvRound(chin - half / 2)},
                                   {cvRound(centre.x + half + 2 * (bottom - chin)), cvRound(bottom)},
                                   {cvRound(centre.x - half - 2 * (bottom - chin)), cvRound(bottom)}};
    cv::fillConvexPoly(labels, body, cv::GC_PR_FGD);
    // Certain person: inside the jaw line and brows. Certain background: well above the head and far beside it.
    std::vector<cv::Point> face;
    for (const auto& p : to_int(c.points, {{0, 26}})) face.emplace_back(cvRound(p.x * q), cvRound(p.y * q));
    std::vector<cv::Point> hull;
    cv::convexHull(face, hull);
    cv::fillConvexPoly(labels, hull, cv::GC_FGD);
    const int top = cvRound((crown_guess - 0.35 * face_w) * q);
    if (top > 0) labels(cv::Rect(0, 0, small.cols, top)).setTo(cv::GC_BGD);
    const int reach = cvRound(1.3 * face_w * q), above_chin = std::clamp(cvRound(chin - half), 0, small.rows);
    const int left = std::clamp(cvRound(centre.x) - reach, 0, small.cols), right = std::clamp(cvRound(centre.x) + reach, 0, small.cols);
    labels(cv::Rect(0, 0, left, above_chin)).setTo(cv::GC_BGD);
    labels(cv::Rect(right, 0, small.cols - right, above_chin)).setTo(cv::GC_BGD);
    // What the canvas does not show is background, in the colour of the shown background (not the black fill).
    labels.setTo(cv::GC_BGD, valid == 0);
    small.setTo(cv::mean(small, (labels == cv::GC_BGD) & valid), valid == 0);

    cv::Mat bgd, fgd;
    cv::theRNG().state = 0x12345678;  // GrabCut's k-means: the same photo gives the same cut
    cv::grabCut(small, labels, cv::Rect(), bgd, fgd, 3, cv::GC_INIT_WITH_MASK);
    cv::Mat person = ((labels == cv::GC_FGD) | (labels == cv::GC_PR_FGD)) & valid;

    Matte m;
    person.convertTo(m.alpha, CV_32F, 1.0 / 255);
    cv::resize(m.alpha, m.alpha, c.bgr.size(), 0, 0, cv::INTER_LINEAR);
    cv::GaussianBlur(m.alpha, m.alpha, cv::Size(0, 0), 1.5);
    m.alpha.setTo(0.0f, c.valid == 0);
    c.bgr.convertTo(m.background, CV_32FC3);
    m.foreign = cv::Mat::zeros(c.bgr.size(), CV_8U);
    return m;
}

// JPEG blocking: mean absolute step between columns on the 8-pixel grid over the mean step elsewhere.
// About 1 for a natural image; heavy compression makes the grid show (1.3 and more). Only meaningful when the
// image was decoded at full size (a reduced decode shrinks the grid).
double blockiness(const cv::Mat& bgr) {
    cv::Mat gray;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    double on = 0, off = 0;
    long n_on = 0, n_off = 0;
    for (int y = 0; y + 1 < gray.rows; y += 2) {
        const uchar* row = gray.ptr(y);
        for (int x = 0; x + 1 < gray.cols; ++x) {
            const int dx = std::abs(row[x + 1] - row[x]);
            if ((x & 7) == 7) { on += dx; ++n_on; } else { off += dx; ++n_off; }
        }
    }
    if (n_on == 0 || n_off == 0 || off == 0) return kNaN;
    return (on / n_on) / (off / n_off);
}

// Fraction of the set pixels of mask inside area.
double fraction(const cv::Mat& mask, const cv::Rect& area) {
    const cv::Rect r = area & cv::Rect(0, 0, mask.cols, mask.rows);
    return r.area() > 0 ? cv::countNonZero(mask(r)) / static_cast<double>(area.area()) : 0.0;
}

void clear(pcv_analysis& a) {
    a = pcv_analysis{};
    for (double* d : {&a.roll, &a.yaw, &a.pitch, &a.eye_open_left, &a.eye_open_right, &a.mouth_gap, &a.teeth, &a.jaw_width,
                      &a.hair_top, &a.crop_outside, &a.crop_scale, &a.out_hair_top, &a.out_eye_line, &a.out_face_width,
                      &a.bg_lightness, &a.bg_a, &a.bg_b, &a.bg_noise, &a.bg_gradient, &a.extra_content, &a.clothing_contrast,
                      &a.face_lightness, &a.face_a, &a.face_b, &a.face_clipped_high, &a.face_clipped_low, &a.face_balance,
                      &a.sharpness, &a.brisque, &a.eye_detail, &a.noise, &a.bg_clutter, &a.blockiness, &a.border_off, &a.rim_foreign,
                      &a.head_cover, &a.chin_skin, &a.framed_sides})
        *d = kNaN;
    for (double& d : a.crop_corners) d = kNaN;
}

// Colours a head can show: its own skin, black to brown hair, blond and auburn, grey. A cap's red, blue or white,
// or the wall and objects of another photo, are none of these (black and navy caps are: see docs/vision-checks.md).
bool hair_or_skin(const cv::Vec3f& lab, const cv::Vec3d& skin) {
    const double l = lab[0], a = lab[1], b = lab[2];
    if (std::sqrt((l - skin[0]) * (l - skin[0]) + (a - skin[1]) * (a - skin[1]) + (b - skin[2]) * (b - skin[2])) < 20) return true;
    if (l < 35) return true;
    const double chroma = std::hypot(a, b), hue = std::atan2(b, a) * 180 / kPi;
    if (l < 75 && chroma < 42 && hue > 35 && hue < 105) return true;
    return chroma < 8 && l < 82;
}

// Share of the set pixels of `where` (8U) whose CIELAB colour in `lab` is not a head's; NaN when fewer than `least`.
double unlike_head(const cv::Mat& lab, const cv::Mat& where, const cv::Vec3d& skin, int least) {
    int all = 0, odd = 0;
    for (int y = 0; y < where.rows; ++y) {
        const uchar* w = where.ptr(y);
        const auto* v = lab.ptr<cv::Vec3f>(y);
        for (int x = 0; x < where.cols; ++x) {
            if (!w[x]) continue;
            ++all;
            if (!hair_or_skin(v[x], skin)) ++odd;
        }
    }
    return all >= least ? odd / static_cast<double>(all) : kNaN;
}

struct Found {
    int faces = 0;
    cv::Rect2d box;
    Points points;  // image pixels; empty when none
};

Found largest_face(const cv::Mat& bgr, const pcv_analysis_options& o) {
    // Upright on the small copy; then upright at twice the size (a small face, or one the cascade misses at low
    // resolution); only then turned (a tilted head).
    auto detected = pcv::detect_faces(bgr, o.cascade_dir, o.max_side, o.min_face, false, true);
    if (detected.boxes.empty() && o.max_side > 0 && std::max(bgr.cols, bgr.rows) > o.max_side)
        detected = pcv::detect_faces(bgr, o.cascade_dir, o.max_side * 2, o.min_face, false, true);
    if (detected.boxes.empty()) detected = pcv::detect_faces(bgr, o.cascade_dir, o.max_side, o.min_face, true, true);
    Found found;
    // A face under half the width of the largest is a false detection in clothing or hair far more often than a
    // second person; the check asks for exactly one face of the size a portrait has.
    found.faces = static_cast<int>(std::count_if(detected.boxes.begin(), detected.boxes.end(), [&](const cv::Rect& r) {
        return r.width * 2 >= detected.boxes.front().width;
    }));
    if (detected.boxes.empty()) return found;
    const cv::Rect& f = detected.boxes.front();
    const double scale = std::hypot(detected.to_image(0, 0), detected.to_image(1, 0));
    const cv::Point2d centre = pcv::apply(detected.to_image, cv::Point2d(f.x + f.width / 2.0, f.y + f.height / 2.0));
    found.box = cv::Rect2d(centre.x - f.width * scale / 2, centre.y - f.height * scale / 2, f.width * scale, f.height * scale);
    const auto& model = landmark_model(o.landmark_model);
    if (std::abs(detected.to_image(0, 1)) < 1e-12) {
        // Found upright: landmarks on the image itself (not the small, equalised detection copy) are more precise.
        cv::Mat gray;
        cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
        const cv::Rect box(cvRound(found.box.x), cvRound(found.box.y), cvRound(found.box.width), cvRound(found.box.height));
        found.points = landmarks(gray, box, model);
        // Once more from the box the landmarks span (the framing dlib's predictor was trained on): a Haar box
        // off by a few percent otherwise tilts the eye line.
        const double left = std::min(found.points[0].x, found.points[17].x), right = std::max(found.points[16].x, found.points[26].x);
        const double top = std::min(found.points[19].y, found.points[24].y), bottom = found.points[8].y;
        dlib::cv_image<unsigned char> view(gray);
        const auto shape = model(view, dlib::rectangle(static_cast<long>(left), static_cast<long>(top), static_cast<long>(right), static_cast<long>(bottom)));
        found.points.clear();
        for (unsigned i = 0; i < shape.num_parts(); ++i) found.points.emplace_back(shape.part(i).x(), shape.part(i).y());
    } else {
        for (const auto& p : landmarks(detected.gray, f, model)) found.points.push_back(pcv::apply(detected.to_image, p));
    }
    return found;
}

// The similarity transform putting the face upright with its eyes at `eyes` and its jaw width `width` wide.
cv::Matx23d upright(const Points& p, cv::Point2d eyes, double width) {
    const cv::Point2d l = mean_of(p, 36, 41), r = mean_of(p, 42, 47);
    const double angle = std::atan2(r.y - l.y, r.x - l.x);
    const double scale = width / cv::norm(p[16] - p[0]);
    const double c = std::cos(-angle) * scale, s = std::sin(-angle) * scale;
    const cv::Point2d mid = (l + r) / 2;
    // Centre horizontally on the jaw's midpoint, vertically on the eye line.
    const cv::Point2d jaw_mid = (p[0] + p[16]) / 2;
    const double jaw_dx = c * (jaw_mid.x - mid.x) - s * (jaw_mid.y - mid.y);
    return {c, -s, eyes.x - jaw_dx - (c * mid.x - s * mid.y), s, c, eyes.y - (s * mid.x + c * mid.y)};
}

// The face the comparison's embedding model reads: PCV_FACE_SIZE square, RGB, cut at 112 px by a similarity transform
// that puts five points from the landmarks (eye centres, nose tip, mouth corners) on the usual five-point template of
// face-recognition models, then scaled up to the model's input. Cutting at 112 px (a fixed, modest resolution whatever
// the photo's) and looser or tighter crops were measured against each other (decision 013); this won.
// Written into `out` (PCV_FACE_SIZE * PCV_FACE_SIZE * 3 bytes).
void aligned_face(const cv::Mat& image, const Points& p, uint8_t* out) {
    static const std::vector<cv::Point2f> to = {
        {38.2946f, 51.6963f}, {73.5318f, 51.5014f}, {56.0252f, 71.7366f}, {41.5493f, 92.3655f}, {70.7299f, 92.2041f}};
    const auto f = [](const cv::Point2d& q) { return cv::Point2f(static_cast<float>(q.x), static_cast<float>(q.y)); };
    const std::vector<cv::Point2f> from = {f(mean_of(p, 36, 41)), f(mean_of(p, 42, 47)), f(p[30]), f(p[48]), f(p[54])};
    cv::Mat m = cv::estimateAffinePartial2D(from, to);
    if (m.empty()) m = cv::getAffineTransform(std::vector<cv::Point2f>(from.begin(), from.begin() + 3), std::vector<cv::Point2f>(to.begin(), to.begin() + 3));
    cv::Mat bgr;
    cv::warpAffine(image, bgr, m, cv::Size(112, 112), cv::INTER_AREA, cv::BORDER_CONSTANT, cv::Scalar::all(0));
    cv::resize(bgr, bgr, cv::Size(PCV_FACE_SIZE, PCV_FACE_SIZE), 0, 0, cv::INTER_LINEAR);
    cv::Mat rgb(PCV_FACE_SIZE, PCV_FACE_SIZE, CV_8UC3, out);
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
}

// A photo of a print or a screen: the plain wall around the head ends inside the photo at the medium's edge, a straight
// line with the paper's margin, a bezel, a desk or a room beyond. On a copy where the face is 100 px wide, 27 rays leave
// the head (9 upwards over it, 9 to each side between the brows and the chin). The wall's colour is the median of
// what the rays meet 20-30 px out. Each ray skips what is not wall (hair, a cap, the shoulders; at most 60 px), walks
// the wall and notes its first three steps out of the wall's colour (the next 3 px more than 10 Delta E from the last
// 8 px walked, which were the wall's colour: a smooth shading makes no step, nor does one out of hair into the wall)
// until the photo's edge. A side is framed when at least 5 rays, and 60 % of those that found wall, have a step on one
// straight line (within 2.5 px, at most 19° off the side's direction; fingers over a print's edge or hair leave a ray
// or two off it). A real wall runs out of the frame; clutter stops rays at scattered places; a door frame frames one
// side.
double framed_sides(const cv::Mat& image, const Points& p) {
    const double jaw = cv::norm(p[16] - p[0]);
    if (jaw < 8) return kNaN;
    const double s = 100.0 / jaw;
    cv::Mat small;
    cv::resize(image, small, cv::Size(), s, s, s < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const cv::Mat lab = to_lab(small);
    const cv::Rect inside(0, 0, lab.cols, lab.rows);
    const cv::Point2d eyes = (mean_of(p, 36, 41) + mean_of(p, 42, 47)) * (0.5 * s);
    const double cx = (p[0].x + p[16].x) * 0.5 * s, chin = p[8].y * s;
    const auto at = [&](int x, int y) { const auto v = lab.at<cv::Vec3f>(y, x); return cv::Vec3d(v[0], v[1], v[2]); };
    struct Side { std::vector<cv::Point> starts; int dx, dy; };
    std::vector<Side> sides{{{}, 0, -1}, {{}, -1, 0}, {{}, 1, 0}};
    for (int i = 0; i < 9; ++i) {
        const int y = cvRound(eyes.y - 90 + (chin - 10 - (eyes.y - 90)) * i / 8.0);
        sides[0].starts.emplace_back(cvRound(cx - 60 + 15 * i), cvRound(eyes.y - 60));
        sides[1].starts.emplace_back(cvRound(cx - 55), y);
        sides[2].starts.emplace_back(cvRound(cx + 55), y);
    }
    // The wall's colour: the median, channel by channel, of what the rays meet 20-30 px out.
    std::vector<double> ls, as, bs;
    for (const auto& side : sides)
        for (const auto& st : side.starts)
            for (int d = 20; d <= 30; d += 5)
                if (inside.contains(st + cv::Point(d * side.dx, d * side.dy))) {
                    const auto v = at(st.x + d * side.dx, st.y + d * side.dy);
                    ls.push_back(v[0]); as.push_back(v[1]); bs.push_back(v[2]);
                }
    if (ls.size() < 20) return 0;
    const auto median = [](std::vector<double>& v) { std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end()); return v[v.size() / 2]; };
    const cv::Vec3d wall(median(ls), median(as), median(bs));
    int framed = 0;
    for (const auto& side : sides) {
        const int dx = side.dx, dy = side.dy;
        std::vector<std::vector<cv::Point2d>> edges;  // per ray that found wall: its steps (along the side, across it)
        for (const auto& st : side.starts) {
            int x = st.x, y = st.y, skip = 0;
            while (skip < 60 && inside.contains({x, y}) && delta_e(at(x, y), wall) >= 12) { x += dx; y += dy; ++skip; }
            if (!inside.contains({x, y}) || skip >= 60) continue;
            auto& steps = edges.emplace_back();
            std::vector<cv::Vec3d> walked;
            for (int n = 0; n < 200 && steps.size() < 3 && inside.contains({x + 3 * dx, y + 3 * dy}); ++n, x += dx, y += dy) {
                if (walked.size() >= 8) {
                    cv::Vec3d recent(0, 0, 0), next(0, 0, 0);
                    for (size_t i = walked.size() - 8; i < walked.size(); ++i) recent += walked[i];
                    for (int k = 1; k <= 3; ++k) next += at(x + k * dx, y + k * dy);
                    if (delta_e(next / 3.0, recent / 8.0) > 10) {
                        // A step out of the wall's colour counts; one out of hair or a cap into the wall does not.
                        if (delta_e(recent / 8.0, wall) < 12)
                            steps.push_back(dx != 0 ? cv::Point2d(y, x + 0.5 * dx) : cv::Point2d(x, y + 0.5 * dy));
                        walked.clear();
                    }
                }
                walked.push_back(at(x, y));
            }
        }
        // The most rays with a step on one line through steps of two rays.
        size_t best = 0;
        for (size_t i = 0; i < edges.size(); ++i)
            for (size_t j = i + 1; j < edges.size(); ++j)
                for (const auto& p1 : edges[i])
                    for (const auto& p2 : edges[j]) {
                        const double t = p2.x - p1.x;
                        if (std::abs(t) < 1) continue;
                        const double b = (p2.y - p1.y) / t;
                        if (std::abs(b) > 0.35) continue;
                        size_t on = 0;
                        for (const auto& steps : edges)
                            on += std::any_of(steps.begin(), steps.end(), [&](const cv::Point2d& q) { return std::abs(q.y - (p1.y + b * (q.x - p1.x))) <= 2.5; }) ? 1 : 0;
                        best = std::max(best, on);
                    }
        if (best >= 5 && best >= 0.6 * edges.size()) ++framed;
    }
    return framed;
}

void analyze(const cv::Mat& image, const pcv_analysis_options& o, pcv_analysis& a, cv::Mat* standard) {
    clear(a);
    Profile prof;
    const Found found = largest_face(image, o);
    prof.tick("face+lmk");
    a.faces = found.faces;
    if (found.faces == 0) return;
    a.face_x = static_cast<float>(found.box.x);
    a.face_y = static_cast<float>(found.box.y);
    a.face_width = static_cast<float>(found.box.width);
    a.face_height = static_cast<float>(found.box.height);
    if (found.points.size() != 68) return;
    a.landmarks_found = 1;
    const Points& p = found.points;
    for (size_t i = 0; i < 68; ++i) { a.points[2 * i] = static_cast<float>(p[i].x); a.points[2 * i + 1] = static_cast<float>(p[i].y); }
    // The comparison's face comes from this pass's landmarks: comparing needs no second detection.
    aligned_face(image, p, a.face);
    a.face_aligned = 1;

    a.blockiness = blockiness(image);
    const cv::Point2d eye_l = mean_of(p, 36, 41), eye_r = mean_of(p, 42, 47);
    a.roll = std::atan2(eye_r.y - eye_l.y, eye_r.x - eye_l.x) * 180 / kPi;
    head_pose(p, image.size(), a.yaw, a.pitch);
    a.eye_open_left = eye_aspect(p, 36);
    a.eye_open_right = eye_aspect(p, 42);
    const double mouth_w = cv::norm(p[60] - p[64]);
    a.mouth_gap = mouth_w > 0 ? cv::norm(p[62] - p[66]) / mouth_w : kNaN;
    a.jaw_width = cv::norm(p[16] - p[0]);
    if (a.jaw_width < 8) return;
    prof.tick("pose");
    a.framed_sides = framed_sides(image, p);
    prof.tick("frame");

    // The work canvas: the standard photo's frame at its face width, with a margin all round (the final crop is
    // chosen once the top of the head is known).
    const int ow = o.out_width, oh = o.out_height;
    const double target_w = (o.face_width_min + o.face_width_max) / 2.0;
    const double target_eyes = (o.eye_line_min + o.eye_line_max) / 2.0;
    const int mx = ow / 4, my = oh / 4;
    Canvas c;
    c.from_image = upright(p, {mx + ow / 2.0, my + target_eyes}, target_w);
    const cv::Size size(ow + 2 * mx, oh + 2 * my);
    cv::Mat source = image;
    cv::Matx23d to_canvas = c.from_image;
    const double scale = std::hypot(c.from_image(0, 0), c.from_image(1, 0));
    if (scale < 0.6) {
        // Shrink first: warpAffine samples, it does not average, and a 12 MP photo is 4-8 times the canvas scale.
        const double pre = std::min(1.0, scale * 1.5);
        cv::resize(image, source, cv::Size(), pre, pre, cv::INTER_AREA);
        to_canvas = cv::Matx23d(c.from_image(0, 0) / pre, c.from_image(0, 1) / pre, c.from_image(0, 2),
                                c.from_image(1, 0) / pre, c.from_image(1, 1) / pre, c.from_image(1, 2));
    }
    cv::warpAffine(source, c.bgr, to_canvas, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0));
    cv::warpAffine(cv::Mat(source.size(), CV_8U, cv::Scalar(255)), c.valid, to_canvas, size, cv::INTER_NEAREST, cv::BORDER_CONSTANT, 0);
    cv::erode(c.valid, c.valid, cv::Mat());
    cv::cvtColor(c.bgr, c.gray, cv::COLOR_BGR2GRAY);
    for (const auto& q : p) c.points.push_back(pcv::apply(c.from_image, q));
    a.crop_scale = 1.0 / scale;

    const auto& q = c.points;
    const double face_w = target_w;
    const double eyes_y = my + target_eyes;
    const double chin_y = q[8].y;
    const double centre_x = (q[0].x + q[16].x) / 2;
    const double crown_guess = eyes_y - 1.1 * (chin_y - eyes_y);
    const cv::Rect out_area(mx, my, ow, oh);

    prof.tick("canvas");
    // Skin: the face outline (jaw and brows) without eyes and mouth.
    {
        cv::Mat skin = cv::Mat::zeros(size, CV_8U);
        std::vector<cv::Point> outline;
        cv::convexHull(to_int(q, {{0, 26}}), outline);
        cv::fillConvexPoly(skin, outline, 255);
        const int grow = cvRound(0.06 * face_w);
        for (auto range : {std::pair{36, 41}, std::pair{42, 47}, std::pair{48, 59}, std::pair{17, 21}, std::pair{22, 26}}) {
            std::vector<cv::Point> part;
            cv::convexHull(to_int(q, {range}), part);
            cv::fillConvexPoly(skin, part, 0);
            cv::polylines(skin, part, true, 0, grow * 2);
        }
        skin &= c.valid;
        const int skin_px = cv::countNonZero(skin);
        if (skin_px > 200) {
            cv::Mat face_f, face_lab;
            c.bgr.convertTo(face_f, CV_32FC3, 1.0 / 255);
            const cv::Rect box = cv::boundingRect(outline) & cv::Rect(0, 0, size.width, size.height);
            cv::cvtColor(face_f(box), face_lab, cv::COLOR_BGR2Lab);
            const cv::Mat skin_box = skin(box);
            const cv::Scalar mean = cv::mean(face_lab, skin_box);
            a.face_lightness = mean[0]; a.face_a = mean[1]; a.face_b = mean[2];
            cv::Mat channels[3];
            cv::split(face_lab, channels);
            a.face_clipped_high = cv::countNonZero((channels[0] > 97) & skin_box) / static_cast<double>(skin_px);
            a.face_clipped_low = cv::countNonZero((channels[0] < 8) & skin_box) / static_cast<double>(skin_px);
            const int split_x = cvRound(q[30].x) - box.x;
            if (split_x > 0 && split_x < box.width) {
                const cv::Rect lh(0, 0, split_x, box.height), rh(split_x, 0, box.width - split_x, box.height);
                if (cv::countNonZero(skin_box(lh)) > 50 && cv::countNonZero(skin_box(rh)) > 50)
                    a.face_balance = std::abs(cv::mean(channels[0](lh), skin_box(lh))[0] - cv::mean(channels[0](rh), skin_box(rh))[0]);
            }
            cv::Mat lap;
            cv::Laplacian(c.gray(box), lap, CV_32F, 3);
            cv::Scalar lm, ls;
            cv::meanStdDev(lap, lm, ls, skin_box);
            a.sharpness = ls[0] * ls[0];
        }
        // Teeth: white, colourless pixels inside the lips.
        cv::Mat lips = cv::Mat::zeros(size, CV_8U);
        std::vector<cv::Point> mouth;
        cv::convexHull(to_int(q, {{48, 59}}), mouth);
        cv::fillConvexPoly(lips, mouth, 255);
        const cv::Rect mbox = cv::boundingRect(mouth) & cv::Rect(0, 0, size.width, size.height);
        const int lip_px = mbox.area() > 0 ? cv::countNonZero(lips(mbox)) : 0;
        if (lip_px > 30) {
            cv::Mat mf, ml;
            c.bgr(mbox).convertTo(mf, CV_32FC3, 1.0 / 255);
            cv::cvtColor(mf, ml, cv::COLOR_BGR2Lab);
            cv::Mat ch[3];
            cv::split(ml, ch);
            cv::Mat chroma;
            cv::magnitude(ch[1], ch[2], chroma);
            cv::Mat white = (ch[0] > 75) & (chroma < 12) & lips(mbox);
            a.teeth = cv::countNonZero(white) / static_cast<double>(lip_px);
        }
    }

    prof.tick("skin");
    // Eyes visible: detail inside each eye outline.
    {
        // Detail inside each eye outline (iris, sclera, lashes): sunglasses or a hand leave a flat patch.
        double least = kNaN;
        for (int first : {36, 42}) {
            cv::Mat eye = cv::Mat::zeros(size, CV_8U);
            std::vector<cv::Point> hull;
            cv::convexHull(to_int(q, {{first, first + 5}}), hull);
            cv::fillConvexPoly(eye, hull, 255);
            cv::dilate(eye, eye, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
            eye &= c.valid;
            if (cv::countNonZero(eye) < 20) continue;
            cv::Scalar mean, dev;
            cv::meanStdDev(c.gray, mean, dev, eye);
            least = std::isnan(least) ? dev[0] : std::min(least, dev[0]);
        }
        a.eye_detail = least;
    }

    // A hand at the chin: the face's skin colour under the jaw, beside the neck (a neck is narrower than the jaw).
    const cv::Vec3d skin_lab(a.face_lightness, a.face_a, a.face_b);
    if (!std::isnan(a.face_lightness)) {
        const int top = cvRound(std::min(q[4].y, q[12].y)), bottom = cvRound(chin_y + 0.3 * face_w);
        const cv::Rect band = cv::Rect(cvRound(centre_x - 0.75 * face_w), top, cvRound(1.5 * face_w), bottom - top) & cv::Rect(0, 0, size.width, size.height);
        if (band.area() > 100) {
            cv::Mat where = c.valid(band).clone();
            std::vector<cv::Point> hull;
            cv::convexHull(to_int(q, {{0, 26}}), hull);
            for (auto& pt : hull) pt -= band.tl();
            cv::fillConvexPoly(where, hull, 0);
            const int neck_l = cvRound(q[8].x - 0.3 * face_w) - band.x, neck_r = cvRound(q[8].x + 0.3 * face_w) - band.x;
            if (neck_r > 0 && neck_l < band.width) where(cv::Range::all(), cv::Range(std::max(0, neck_l), std::min(band.width, neck_r))).setTo(0);
            const cv::Mat lab = to_lab(c.bgr(band));
            int all = 0, like = 0;
            for (int y = 0; y < band.height; ++y) {
                const uchar* w = where.ptr(y);
                const auto* v = lab.ptr<cv::Vec3f>(y);
                for (int x = 0; x < band.width; ++x) {
                    if (!w[x]) continue;
                    ++all;
                    if (delta_e({v[x][0], v[x][1], v[x][2]}, skin_lab) < 14) ++like;
                }
            }
            if (all > 100) a.chin_skin = like / static_cast<double>(all);
        }
    }

    prof.tick("eyes");
    Matte m;
    bool wall = true;
    try {
        m = matte(c, out_area, face_w, chin_y, crown_guess);
    } catch (const std::runtime_error&) {
        wall = false;  // no plain background to model: the background measures stay NaN and the check fails
        m = grabcut_matte(c, face_w, chin_y, crown_guess);
    }
    a.bg_noise = m.noise;
    a.bg_clutter = m.clutter;
    a.noise = m.grain;

    prof.tick("matte");
    // Top of the head: first row where the matte covers a fifth of a band over the face's middle.
    cv::Mat solid = m.alpha > 0.5f;
    const int band_l = static_cast<int>(centre_x - 0.25 * face_w), band_w = static_cast<int>(0.5 * face_w);
    double hair = kNaN;
    for (int y = 0; y < static_cast<int>(eyes_y); ++y) {
        if (cv::countNonZero(solid(cv::Rect(band_l, y, band_w, 1))) > band_w / 5) { hair = y; break; }
    }
    if (std::isnan(hair)) return;
    {
        cv::Matx23d back;
        cv::invertAffineTransform(c.from_image, back);
        a.hair_top = pcv::apply(back, {centre_x, hair}).y;
        const int hair_row = static_cast<int>(hair);
        a.hair_cut = hair_row <= 1 || cv::countNonZero(c.valid(cv::Rect(band_l, std::max(0, hair_row - 3), band_w, 1))) < band_w ? 1 : 0;
    }
    cv::Matx23d canvas_to_image;
    cv::invertAffineTransform(c.from_image, canvas_to_image);

    // The standard photo's placement: scale k and offsets so hair-top, eye line and face width sit in their ranges,
    // as near the middle of each as they allow.
    const double d = eyes_y - hair;  // canvas px from the top of the head to the eye line
    const double k_lo = std::max(o.face_width_min / face_w, (o.eye_line_min - o.hair_top_max) / d);
    const double k_hi = std::min(o.face_width_max / face_w, (o.eye_line_max - o.hair_top_min) / d);
    // Preferred: the middle of the face-width range (k = 1 on the canvas) and the middle of both position ranges
    // (k_mid); their geometric mean balances a tall hairstyle against a small face.
    const double k_mid = ((o.eye_line_min + o.eye_line_max) / 2 - (o.hair_top_min + o.hair_top_max) / 2) / d;
    const double k_pref = std::sqrt(k_mid);
    // Zoom in (within the ranges) rather than let the crop leave the photo: the shoulders of a close shot.
    double k_fit = 0;
    {
        const int row = std::clamp(static_cast<int>(chin_y), 0, size.height - 1), col = std::clamp(static_cast<int>(centre_x), 0, size.width - 1);
        const uchar* r = c.valid.ptr(row);
        int left = col, right = col, bottom = row;
        while (left > 0 && r[left - 1]) --left;
        while (right < size.width - 1 && r[right + 1]) ++right;
        while (bottom < size.height - 1 && c.valid.at<uchar>(bottom + 1, col)) ++bottom;
        const double half = std::min(centre_x - left, right - centre_x);
        const double eyes_out = (o.eye_line_min + o.eye_line_max) / 2;
        if (half > 0) k_fit = std::max(k_fit, ow / (2 * half));
        if (bottom > eyes_y) k_fit = std::max(k_fit, (oh - eyes_out) / (bottom - eyes_y));
    }
    const double k = k_lo <= k_hi ? std::clamp(std::max(k_pref, k_fit), k_lo, k_hi)
                                  : std::clamp(1.0, o.face_width_min / face_w, o.face_width_max / face_w);
    const double t_lo = std::max(o.hair_top_min - hair * k, o.eye_line_min - eyes_y * k);
    const double t_hi = std::min(o.hair_top_max - hair * k, o.eye_line_max - eyes_y * k);
    const double ty = t_lo <= t_hi ? (t_lo + t_hi) / 2 : (o.eye_line_min + o.eye_line_max) / 2 - eyes_y * k;
    const double tx = ow / 2.0 - centre_x * k;
    const cv::Matx23d to_out(k, 0, tx, 0, k, ty);
    a.out_hair_top = hair * k + ty;
    a.out_eye_line = eyes_y * k + ty;
    a.out_face_width = face_w * k;
    a.crop_scale = 1.0 / (scale * k);
    // The standard photo's area on the canvas.
    const cv::Rect crop(cvRound(-tx / k), cvRound(-ty / k), cvRound(ow / k), cvRound(oh / k));
    const cv::Rect crop_in = crop & cv::Rect(0, 0, size.width, size.height);
    {
        // Where the standard photo is cut from, in image pixels (the canvas is upright, the image may not be).
        const cv::Point2d corners[4] = {{-tx / k, -ty / k}, {(ow - tx) / k, -ty / k}, {(ow - tx) / k, (oh - ty) / k}, {-tx / k, (oh - ty) / k}};
        for (int i = 0; i < 4; ++i) {
            const cv::Point2d pt = pcv::apply(canvas_to_image, corners[i]);
            a.crop_corners[2 * i] = pt.x;
            a.crop_corners[2 * i + 1] = pt.y;
        }
    }
    {
        const cv::Rect below(crop.x, static_cast<int>(hair), crop.width, crop.br().y - static_cast<int>(hair));
        const cv::Rect below_in = below & cv::Rect(0, 0, size.width, size.height);
        const double inside = below_in.area() > 0 ? cv::countNonZero(c.valid(below_in)) : 0;
        a.crop_outside = below.area() > 0 ? 1.0 - inside / below.area() : 1.0;
    }

    // Background colour beside the head, and how much it changes across the photo.
    if (wall) {
        const cv::Point2d side(std::max(0.0, centre_x - 0.9 * face_w), eyes_y);
        const cv::Vec3f b = m.background.at<cv::Vec3f>(cvRound(side.y), cvRound(std::clamp(side.x, 0.0, size.width - 1.0)));
        const cv::Vec3d lab = lab_of({b[0], b[1], b[2]});
        a.bg_lightness = lab[0]; a.bg_a = lab[1]; a.bg_b = lab[2];
        double most = 0;
        std::vector<cv::Vec3d> corners;
        for (const auto& pt : {crop_in.tl(), cv::Point(crop_in.br().x - 1, crop_in.y), cv::Point(crop_in.x, static_cast<int>(chin_y)),
                               cv::Point(crop_in.br().x - 1, static_cast<int>(chin_y))}) {
            const cv::Vec3f v = m.background.at<cv::Vec3f>(std::clamp(pt.y, 0, size.height - 1), std::clamp(pt.x, 0, size.width - 1));
            corners.push_back(lab_of({v[0], v[1], v[2]}));
        }
        for (size_t i = 0; i < corners.size(); ++i)
            for (size_t j = i + 1; j < corners.size(); ++j) most = std::max(most, delta_e(corners[i], corners[j]));
        a.bg_gradient = most;
    }

    // What a plain-wall matte lets through (issue 18), from the matte and the colours a head can have.
    if (wall && !std::isnan(a.face_lightness)) {
        const cv::Mat person = m.alpha > 0.5f;
        const double brow_y = std::min(mean_of(q, 17, 21).y, mean_of(q, 22, 26).y);
        // The top of the head: hair top to just above the brows, as wide as a head.
        const cv::Rect crown = cv::Rect(cvRound(centre_x - 0.6 * face_w), cvRound(hair), cvRound(1.2 * face_w),
                                        std::max(0, cvRound(brow_y - 0.06 * face_w - hair))) & cv::Rect(0, 0, size.width, size.height);
        if (crown.area() > 0) a.head_cover = unlike_head(to_lab(c.bgr(crown)), person(crown), skin_lab, 200);
        // The matte's rim beside and above the head: a loose cut-out brings its old background along.
        {
            const int r = std::max(2, cvRound(0.06 * face_w));
            cv::Mat inner;
            cv::erode(person, inner, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * r + 1, 2 * r + 1}));
            cv::Mat rim = person & ~inner;
            rim(cv::Rect(0, std::clamp(cvRound(chin_y), 0, size.height), size.width, size.height - std::clamp(cvRound(chin_y), 0, size.height))).setTo(0);
            rim &= c.valid;
            std::vector<cv::Point> hull;
            cv::convexHull(to_int(q, {{0, 26}}), hull);
            cv::fillConvexPoly(rim, hull, 0);
            const cv::Rect box = cv::boundingRect(rim);
            if (box.area() > 0) a.rim_foreign = unlike_head(to_lab(c.bgr(box)), rim(box), skin_lab, 200);
        }
        // The standard photo's border band (12 px) along the top and down the sides to the chin, as it will be
        // composited: anything there but the new blue is the old background or an object.
        {
            const double band = 12 / k;
            const cv::Vec3d blue_lab = lab_of({static_cast<double>(o.bg_b), static_cast<double>(o.bg_g), static_cast<double>(o.bg_r)});
            const int side_h = cvRound(chin_y) - crop.y;
            int all = 0, off = 0;
            for (const cv::Rect& r0 : {cv::Rect(crop.x, crop.y, crop.width, cvRound(band)), cv::Rect(crop.x, crop.y, cvRound(band), side_h),
                                       cv::Rect(crop.br().x - cvRound(band), crop.y, cvRound(band), side_h)}) {
                const cv::Rect r = r0 & cv::Rect(0, 0, size.width, size.height);
                all += std::max(0, r0.area());
                if (r.area() <= 0) continue;
                cv::Mat out(r.size(), CV_32FC3);
                for (int y = 0; y < r.height; ++y) {
                    const auto* px = c.bgr.ptr<cv::Vec3b>(r.y + y) + r.x;
                    const auto* bg = m.background.ptr<cv::Vec3f>(r.y + y) + r.x;
                    const float* al = m.alpha.ptr<float>(r.y + y) + r.x;
                    const uchar* inside = c.valid.ptr(r.y + y) + r.x;
                    auto* dst = out.ptr<cv::Vec3f>(y);
                    for (int x = 0; x < r.width; ++x) {
                        const cv::Vec3f blue(o.bg_b, o.bg_g, o.bg_r);
                        const cv::Vec3f v = (!inside[x] || al[x] <= 0) ? blue : cv::Vec3f(px[x][0], px[x][1], px[x][2]) + (1.0f - al[x]) * (blue - bg[x]);
                        dst[x] = cv::Vec3f(std::clamp(v[0], 0.0f, 255.0f), std::clamp(v[1], 0.0f, 255.0f), std::clamp(v[2], 0.0f, 255.0f)) / 255.0f;
                    }
                }
                cv::cvtColor(out, out, cv::COLOR_BGR2Lab);
                for (int y = 0; y < r.height; ++y) {
                    const auto* v = out.ptr<cv::Vec3f>(y);
                    for (int x = 0; x < r.width; ++x) off += delta_e({v[x][0], v[x][1], v[x][2]}, blue_lab) > 5 ? 1 : 0;
                }
            }
            if (all > 0) a.border_off = off / static_cast<double>(all);
        }
    }

    prof.tick("placement");
    // Foreign content: pixels unlike the background outside where a head and shoulders can be.
    if (wall) {
        cv::Mat allowed = cv::Mat::zeros(size, CV_8U);
        const double head_h = chin_y - hair;
        // The head: wide enough for full hair and ears.
        cv::ellipse(allowed, cv::Point(cvRound(centre_x), cvRound((hair + chin_y) / 2)),
                    cv::Size(cvRound(0.9 * face_w), cvRound(head_h / 2 * 1.12)), 0, 0, 360, 255, cv::FILLED);
        // Neck and shoulders: from the jaw's width at the chin, widening fast (shoulders, collars, a raised suit ring).
        std::vector<cv::Point> body = {{cvRound(centre_x - 0.5 * face_w), cvRound(chin_y - 0.2 * face_w)},
                                       {cvRound(centre_x + 0.5 * face_w), cvRound(chin_y - 0.2 * face_w)},
                                       {cvRound(centre_x + 0.5 * face_w + 3.0 * (size.height - chin_y)), size.height},
                                       {cvRound(centre_x - 0.5 * face_w - 3.0 * (size.height - chin_y)), size.height}};
        cv::fillConvexPoly(allowed, body, 255);
        cv::Mat foreign = m.foreign & ~allowed;
        if (const char* dir = std::getenv("PCV_DEBUG_DIR")) {
            cv::imwrite(std::string(dir) + "/canvas.png", c.bgr);
            cv::imwrite(std::string(dir) + "/foreign.png", foreign);
            cv::imwrite(std::string(dir) + "/alpha.png", m.alpha * 255);
        }
        a.extra_content = fraction(foreign, crop);
        // The same pixels as a coarse grid over the standard photo's area, for showing the person where they are.
        cv::Mat area = cv::Mat::zeros(crop.size(), CV_8U);
        if (crop_in.area() > 0) foreign(crop_in).copyTo(area(cv::Rect(crop_in.tl() - crop.tl(), crop_in.size())));
        cv::Mat grid;
        cv::resize(area, grid, cv::Size(PCV_MARK_COLUMNS, PCV_MARK_ROWS), 0, 0, cv::INTER_AREA);
        std::memcpy(a.background_marks, grid.data, sizeof a.background_marks);
    }

    // Clothing: below the chin in the middle, against both the old background and the new one.
    if (wall) {
        const cv::Rect cloth = cv::Rect(cvRound(centre_x - 0.35 * face_w), cvRound(chin_y + 0.45 * face_w), cvRound(0.7 * face_w),
                                        std::max(0, crop.br().y - cvRound(chin_y + 0.45 * face_w))) & cv::Rect(0, 0, size.width, size.height);
        if (cloth.area() > 100 && cv::countNonZero(c.valid(cloth)) > cloth.area() / 2) {
            const cv::Scalar mean = cv::mean(c.bgr(cloth), c.valid(cloth));
            const cv::Vec3d cloth_lab = lab_of({mean[0], mean[1], mean[2]});
            const cv::Vec3f b = m.background.at<cv::Vec3f>(cloth.y + cloth.height / 2, cloth.x + cloth.width / 2);
            a.clothing_contrast = std::min(delta_e(cloth_lab, lab_of({b[0], b[1], b[2]})),
                                           delta_e(cloth_lab, lab_of({static_cast<double>(o.bg_b), static_cast<double>(o.bg_g), static_cast<double>(o.bg_r)})));
        }
    }

    prof.tick("extra");
    // BRISQUE on the standard photo's crop of the original pixels.
    if (o.brisque_model && *o.brisque_model && o.brisque_range && *o.brisque_range) {
        cv::Mat crop_px;
        cv::warpAffine(c.bgr, crop_px, to_out, cv::Size(ow, oh), cv::INTER_AREA, cv::BORDER_REPLICATE);
        a.brisque = brisque(o.brisque_model, o.brisque_range)->compute(crop_px)[0];
    }

    prof.tick("brisque");
    if (standard) {
        // out = I + (1 - alpha) (new - old background): the old background's share of every edge pixel is swapped
        // for the new colour, which is what keeps hair edges free of a halo.
        const cv::Vec3f blue(o.bg_b, o.bg_g, o.bg_r);
        cv::Mat composite(size, CV_8UC3);
        for (int y = 0; y < size.height; ++y) {
            const auto* px = c.bgr.ptr<cv::Vec3b>(y);
            const auto* bg = m.background.ptr<cv::Vec3f>(y);
            const float* al = m.alpha.ptr<float>(y);
            auto* dst = composite.ptr<cv::Vec3b>(y);
            const uchar* inside = c.valid.ptr(y);
            for (int x = 0; x < size.width; ++x) {
                // Where the matte says wall, the new colour itself: the old wall's grain and shading do not come along.
                if (!inside[x] || al[x] <= 0) { dst[x] = cv::Vec3b(o.bg_b, o.bg_g, o.bg_r); continue; }
                const cv::Vec3f v = cv::Vec3f(px[x][0], px[x][1], px[x][2]) + (1.0f - al[x]) * (blue - bg[x]);
                dst[x] = cv::Vec3b(cv::saturate_cast<uchar>(v[0]), cv::saturate_cast<uchar>(v[1]), cv::saturate_cast<uchar>(v[2]));
            }
        }
        cv::warpAffine(composite, *standard, to_out, cv::Size(ow, oh), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(o.bg_b, o.bg_g, o.bg_r));
    }
}

bool options_ok(const pcv_analysis_options* o) {
    return o && o->cascade_dir && o->landmark_model && o->out_width >= 64 && o->out_height >= 64 && o->out_width <= 4000 &&
           o->out_height <= 4000 && o->face_width_min > 0 && o->face_width_min <= o->face_width_max && o->hair_top_min <= o->hair_top_max &&
           o->eye_line_min <= o->eye_line_max && o->max_side >= 0 && o->min_face > 0 && o->min_face < 1;
}


}  // namespace

extern "C" {

int32_t pcv_analyze(const pcv_image* image, const pcv_analysis_options* options, pcv_analysis* out, pcv_image** standard) {
    if (!image || !out || !options_ok(options)) return PCV_ERR_ARGUMENT;
    if (standard) *standard = nullptr;
    return guarded([&] {
        cv::Mat rendered;
        analyze(image->mat, *options, *out, standard ? &rendered : nullptr);
        if (standard && !rendered.empty()) *standard = new pcv_image{std::move(rendered)};
        return static_cast<int32_t>(PCV_OK);
    });
}

int32_t pcv_grabcut(const pcv_image* image, const pcv_image* trimap, int32_t iterations, pcv_image** mask) {
    if (!image || !trimap || !mask || iterations < 1 || iterations > 10 || image->mat.size() != trimap->mat.size()) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        cv::Mat labels;
        cv::extractChannel(trimap->mat, labels, 0);
        labels.setTo(cv::GC_PR_BGD, labels > 3);
        cv::Mat bgd, fgd;
        // GrabCut seeds its colour models with k-means on OpenCV's per-thread random generator: fix the seed so the
        // same input gives the same cut whatever ran on this thread before.
        cv::theRNG().state = 0x12345678;
        cv::grabCut(image->mat, labels, cv::Rect(), bgd, fgd, iterations, cv::GC_INIT_WITH_MASK);
        cv::Mat fg = (labels == cv::GC_FGD) | (labels == cv::GC_PR_FGD);
        cv::Mat bgr;
        cv::cvtColor(fg, bgr, cv::COLOR_GRAY2BGR);
        *mask = new pcv_image{std::move(bgr)};
        return static_cast<int32_t>(PCV_OK);
    });
}

int32_t pcv_align_face(const pcv_image* image, const pcv_analysis_options* options, uint8_t* face, int32_t* found) {
    if (!image || !face || !found || !options_ok(options)) return PCV_ERR_ARGUMENT;
    return guarded([&] {
        const Found largest = largest_face(image->mat, *options);
        *found = largest.points.size() == 68 ? 1 : 0;
        if (*found) aligned_face(image->mat, largest.points, face);
        return static_cast<int32_t>(PCV_OK);
    });
}

}  // extern "C"
