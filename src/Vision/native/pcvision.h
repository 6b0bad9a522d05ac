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

PCV_API void pcv_free(void* buffer);

#ifdef __cplusplus
}
#endif
#endif
