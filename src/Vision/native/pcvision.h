/* Photocollect vision engine: C ABI over OpenCV. Every function returns a status; no C++ exception crosses it.
 * Images are opaque handles holding 8-bit BGR pixels. Buffers the library allocates are released with pcv_free. */
#ifndef PCVISION_H
#define PCVISION_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PCV_API __attribute__((visibility("default")))

enum pcv_status {
    PCV_OK = 0,
    PCV_ERR_ARGUMENT = 1,   /* null pointer, bad size or option */
    PCV_ERR_DECODE = 2,     /* bytes are not a decodable image */
    PCV_ERR_TOO_LARGE = 3,  /* more pixels than allowed */
    PCV_ERR_INTERNAL = 4,   /* OpenCV threw; details in the log line of the caller */
    PCV_ERR_NO_MEMORY = 5
};

typedef struct pcv_image pcv_image;

PCV_API int32_t pcv_abi_version(void);

/* Decodes JPEG/PNG bytes (EXIF orientation applied) to BGR. reduce: 1, 2, 4 or 8 (JPEG DCT scaling). */
PCV_API int32_t pcv_image_decode(const uint8_t* data, int32_t length, int32_t reduce, int64_t max_pixels, pcv_image** out);
/* Wraps a copy of BGR pixels (stride in bytes). */
PCV_API int32_t pcv_image_from_bgr(const uint8_t* pixels, int32_t width, int32_t height, int32_t stride, pcv_image** out);
PCV_API int32_t pcv_image_size(const pcv_image* image, int32_t* width, int32_t* height);
/* Copies BGR pixels out (rows packed, width*3 bytes each) into a buffer of at least width*height*3 bytes. */
PCV_API int32_t pcv_image_pixels(const pcv_image* image, uint8_t* buffer, int64_t capacity);
/* Copies the grey levels (ITU-R BT.601 luma, rows packed) into a buffer of at least width*height bytes. */
PCV_API int32_t pcv_image_gray(const pcv_image* image, uint8_t* buffer, int64_t capacity);
/* Encodes: format 0 = JPEG (quality 1..100, dpi written in JFIF when > 0), 1 = PNG. */
PCV_API int32_t pcv_image_encode(const pcv_image* image, int32_t format, int32_t quality, int32_t dpi, uint8_t** out, int32_t* length);
/* Perspective warp by a row-major 3x3 matrix into width x height, filling with the BGR border colour. */
PCV_API int32_t pcv_image_warp(const pcv_image* image, const double* matrix, int32_t width, int32_t height,
                               uint8_t b, uint8_t g, uint8_t r, pcv_image** out);
/* Gaussian blur (sigma in pixels), then pixel = pixel * contrast + brightness. */
PCV_API int32_t pcv_image_adjust(const pcv_image* image, double blur_sigma, double contrast, double brightness, pcv_image** out);
PCV_API void pcv_image_free(pcv_image* image);

/* Finds and decodes every QR code. Out: count, then for each code an int32 byte length and its UTF-8 bytes. */
PCV_API int32_t pcv_qr_decode(const pcv_image* image, uint8_t** out, int32_t* length);

/* A detected face in image pixels. eyes is a mask: 1 = the eye on the image's left was found (eye1), 2 = the eye
 * on the image's right (eye2). The person's left eye is on the image's right. */
typedef struct pcv_face {
    float x, y, width, height;
    float eye1_x, eye1_y, eye2_x, eye2_y;
    int32_t eyes;
} pcv_face;

/* Frontal faces, largest first, found on a copy at most max_side px on its long side (0: no downscale). Faces
 * smaller than min_face (a fraction of the short side, e.g. 0.05) are ignored. model_dir holds OpenCV's
 * haarcascades. Writes at most capacity faces; count receives how many were found in all. */
PCV_API int32_t pcv_detect_faces(const pcv_image* image, const char* model_dir, int32_t max_side, double min_face,
                                 pcv_face* faces, int32_t capacity, int32_t* count);

/* Frontal face boxes only, largest first, for a live preview frame: no eye search, no turned copies and coarser
 * scale steps than pcv_detect_faces (about 10-20 ms on a 240x320 frame; the check runs the full search). Arguments
 * as pcv_detect_faces; the eye fields of each face are zero. */
PCV_API int32_t pcv_find_faces(const pcv_image* image, const char* model_dir, int32_t max_side, double min_face,
                               pcv_face* faces, int32_t capacity, int32_t* count);

/* A face aligned for the comparison's embedding model: PCV_FACE_SIZE square, RGB, rows packed, five points (eyes, nose
 * tip, mouth corners) on the usual face-recognition template. */
#define PCV_FACE_SIZE 224
/* The grid of pcv_analysis.background_marks over the standard photo's area (columns, rows). */
#define PCV_MARK_COLUMNS 24
#define PCV_MARK_ROWS 32

/* Everything the automatic check and the standard photo need, measured in one pass. */
typedef struct pcv_analysis_options {
    const char* cascade_dir;      /* OpenCV haarcascades */
    const char* landmark_model;   /* dlib shape_predictor_68_face_landmarks.dat */
    const char* brisque_model;    /* OpenCV quality/brisque_model_live.yml; null or empty: no BRISQUE */
    const char* brisque_range;
    int32_t max_side;             /* face detection copy, as pcv_detect_faces */
    double min_face;
    int32_t out_width, out_height;                 /* the standard photo, 480 x 640 */
    float hair_top_min, hair_top_max;              /* output px from the top */
    float eye_line_min, eye_line_max;
    float face_width_min, face_width_max;
    uint8_t bg_r, bg_g, bg_b;                      /* the standard photo's background */
} pcv_analysis_options;

/* Lengths are image pixels, except out_* (standard-photo pixels); colours are CIELAB (L 0-100). Fields that could
 * not be measured are NaN. */
typedef struct pcv_analysis {
    int32_t faces;                 /* frontal faces found */
    int32_t landmarks_found;       /* 1 when the largest face has landmarks; everything below needs them */
    float face_x, face_y, face_width, face_height;  /* the largest face's box */
    float points[136];             /* its 68 landmarks (x, y) in the iBUG 300-W order */
    double roll, yaw, pitch;       /* degrees */
    double eye_open_left, eye_open_right;  /* eye aspect ratio of the image-left and image-right eye */
    double eye_detail;             /* the smaller grey-level standard deviation inside either eye (low: covered) */
    double mouth_gap;              /* inner-lip gap / mouth width */
    double teeth;                  /* fraction of white, colourless pixels inside the lips */
    double jaw_width;              /* cheek to cheek (landmarks 0-16) */
    double hair_top;               /* top of the head (segmentation), NaN if not found */
    int32_t hair_cut;              /* 1 when the head touches the image's top edge */
    double crop_outside;           /* fraction of the standard photo below the hair top lying outside the image */
    double crop_scale;             /* image pixels per standard-photo pixel */
    double out_hair_top, out_eye_line, out_face_width;  /* where the standard photo puts them */
    double bg_lightness, bg_a, bg_b;   /* background beside the head */
    double bg_noise;               /* RMS colour difference from a smooth background (texture, clutter) */
    double bg_gradient;            /* colour difference across the background (shading) */
    double extra_content;          /* fraction of the standard photo that is foreign content in the background */
    double clothing_contrast;      /* colour difference between clothing and background (the smaller of old and new) */
    double face_lightness, face_a, face_b;
    double face_clipped_high, face_clipped_low;    /* fractions of skin pixels */
    double face_balance;           /* lightness difference between the face's halves */
    double sharpness;              /* variance of the Laplacian on the face at standard scale */
    double brisque;                /* 0 (best) .. 100 on the standard-photo crop */
    double noise;                  /* grey-level noise sigma on the background (Immerkaer's estimator) */
    double bg_clutter;             /* share of non-wall samples in the second worst zone (above, left, right of the head) */
    double blockiness;             /* JPEG 8x8 grid steps over other steps (about 1 natural, more when blocky) */
    int32_t face_aligned;          /* 1 when face holds the largest face aligned for comparison (needs landmarks) */
    uint8_t face[PCV_FACE_SIZE * PCV_FACE_SIZE * 3];  /* see pcv_align_face */
    double crop_corners[8];        /* the standard photo's area in image pixels (x, y): top-left, top-right, bottom-right,
                                      bottom-left; NaN when the head could not be placed */
    uint8_t background_marks[PCV_MARK_COLUMNS * PCV_MARK_ROWS];  /* row by row over that area: 0-255, the share of each
                                      cell that is unlike the plain background outside the head and shoulders */
    /* ABI 4 (issue 18): what the plain-wall matte let pass. ABI 5: face became the model's RGB crop. */
    double border_off;             /* share of the standard photo's border band (12 px: the top, and the sides down to the
                                      chin) whose colour is more than 5 CIE76 Delta E from the new background */
    double rim_foreign;            /* share of the matte's rim above the chin (its outer 0.06 face widths, beside and above
                                      the head) coloured like neither hair nor skin: a loose cut-out's old background */
    double head_cover;             /* share of the top of the head (hair top to brows) coloured like neither hair nor skin (a cap, a hat) */
    double chin_skin;              /* share of the band under the jaw, beside the neck, that has the face's skin colour */
    /* ABI 6 (issue 18): photos of a print or a screen. */
    double framed_sides;           /* how many of the wall's three sides (above the head, left, right) end inside the photo
                                      at a straight edge with something else beyond: a print's or a screen's edge (0-3) */
} pcv_analysis;

/* Measures the largest face and, when standard is not null and a face with landmarks is found, renders the standard
 * photo (background replaced, head placed) into *standard (null otherwise). */
PCV_API int32_t pcv_analyze(const pcv_image* image, const pcv_analysis_options* options, pcv_analysis* out, pcv_image** standard);

/* GrabCut (iterations 1-10) from a trimap the size of the image whose first channel holds OpenCV's labels: 0 background,
 * 1 foreground, 2 probably background, 3 probably foreground. Out: the foreground mask as an image (white = foreground). */
PCV_API int32_t pcv_grabcut(const pcv_image* image, const pcv_image* trimap, int32_t iterations, pcv_image** mask);

/* The largest face of an image aligned for comparison (PCV_FACE_SIZE * PCV_FACE_SIZE * 3 bytes into face): the same
 * detection, landmarks and alignment as pcv_analyze, for a photo that is only compared (the admission photo).
 * found receives 1 when a face with landmarks was found (face is written only then). */
PCV_API int32_t pcv_align_face(const pcv_image* image, const pcv_analysis_options* options, uint8_t* face, int32_t* found);

PCV_API void pcv_free(void* buffer);

#ifdef __cplusplus
}
#endif
#endif
